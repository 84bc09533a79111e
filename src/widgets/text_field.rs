//! A labelled one-line input: `Label  [value      ]`, masked when it holds a secret.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthChar;

use crate::app::text_input::TextInput;

pub struct TextField<'a> {
    pub label: &'a str,
    pub label_width: u16,
    pub input: &'a TextInput,
    pub masked: bool,
    /// What stands for each character of a masked value (`•`, or `*` in ASCII).
    pub mask: &'a str,
    pub focused: bool,
    pub style: Style,
    pub focus_style: Style,
}

impl TextField<'_> {
    /// What is shown of the value: bullets for a masked one, never the secret itself.
    fn shown(&self) -> Vec<char> {
        if self.masked {
            self.mask
                .repeat(self.input.value().chars().count())
                .chars()
                .collect()
        } else {
            self.input.value().chars().collect()
        }
    }

    /// Draws the field and returns where the terminal cursor belongs when it has focus.
    pub fn draw(self, area: Rect, buf: &mut Buffer) -> Option<Position> {
        if area.width == 0 || area.height == 0 {
            return None;
        }
        let box_x = area.x.saturating_add(self.label_width);
        let inner = area.width.saturating_sub(self.label_width + 2) as usize;
        let chars = self.shown();
        let widths: Vec<usize> = chars.iter().map(|c| c.width().unwrap_or(0)).collect();
        // Scroll so the cursor stays inside the box.
        let cursor = self.input.cursor().min(chars.len());
        let mut start = 0;
        while widths[start..cursor].iter().sum::<usize>() >= inner.max(1) && start < cursor {
            start += 1;
        }
        let mut visible = String::new();
        let mut used = 0;
        for (c, w) in chars[start..].iter().zip(&widths[start..]) {
            if used + w > inner {
                break;
            }
            visible.push(*c);
            used += w;
        }
        let pad = " ".repeat(inner.saturating_sub(used));
        let style = if self.focused {
            self.focus_style
        } else {
            self.style
        };
        let line = Line::from(vec![
            Span::raw(format!("{:<w$}", self.label, w = self.label_width as usize)),
            Span::styled("[", style),
            Span::styled(format!("{visible}{pad}"), style),
            Span::styled("]", style),
        ]);
        line.render(area, buf);
        let column: usize = widths[start..cursor].iter().sum();
        let x = box_x.saturating_add(1).saturating_add(column as u16);
        (self.focused && x < area.right()).then_some(Position::new(x, area.y))
    }
}
