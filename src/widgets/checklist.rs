//! A checklist of guide items: `[x]` boxes, headings, a focus marker and scrolling.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::app::Model;
use crate::guide::{GuideItem, ItemKind};
use crate::theme::Theme;

use super::truncate;

pub struct Checklist<'a> {
    pub model: &'a Model,
    pub items: &'a [GuideItem],
    pub theme: &'a Theme,
}

impl Checklist<'_> {
    fn lines(&self, width: usize) -> (Vec<Line<'static>>, usize) {
        let focused = self.model.focused_item().map(|i| i.id.as_str());
        let mut lines = Vec::new();
        let mut focus_line = 0;
        for item in self.items {
            let indent = "  ".repeat(item.indent as usize);
            if item.kind == ItemKind::Heading {
                let text = truncate(
                    &format!(" {indent}{}", self.model.item_text(item)),
                    width,
                    self.theme.glyphs.ellipsis,
                );
                lines.push(Line::styled(text, self.theme.title));
                continue;
            }
            let is_focus = focused == Some(item.id.as_str());
            if is_focus {
                focus_line = lines.len();
            }
            let ticked = self.model.is_ticked(item);
            let (mark, mark_style) = if ticked {
                ("[x]", self.theme.ok)
            } else {
                ("[ ]", self.theme.text)
            };
            let g = &self.theme.glyphs;
            let pointer = if is_focus {
                g.focus.to_owned()
            } else {
                " ".repeat(unicode_width::UnicodeWidthStr::width(g.focus))
            };
            let mut text = self.model.item_text(item).to_owned();
            if item.url.is_some() {
                text.push(' ');
                text.push_str(g.external);
            }
            let prefix = format!("{pointer}{indent}");
            let room =
                width.saturating_sub(unicode_width::UnicodeWidthStr::width(prefix.as_str()) + 4);
            let mut spans = vec![
                Span::styled(prefix, self.theme.accent),
                Span::styled(mark, mark_style),
                Span::raw(" "),
            ];
            let text = truncate(&text, room, g.ellipsis);
            let scope_room =
                room.saturating_sub(unicode_width::UnicodeWidthStr::width(text.as_str()) + 2);
            let text_style = if is_focus {
                self.theme.focus
            } else {
                self.theme.text
            };
            spans.push(Span::styled(text, text_style));
            // STEP 2 items that paste a value name the key that copies it.
            if let Some(field) = item.copy {
                let key = crate::credentials::Field::ALL
                    .iter()
                    .position(|f| *f == field)
                    .unwrap_or(0)
                    + 1;
                spans.push(Span::styled(format!("  [{key}]"), self.theme.key));
            }
            if let Some(scope) = item.scope.as_deref().filter(|s| s.len() <= scope_room) {
                spans.push(Span::styled(format!("  {scope}"), self.theme.dim));
            }
            lines.push(Line::from(spans));
        }
        (lines, focus_line)
    }
}

impl Widget for Checklist<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (lines, focus) = self.lines(area.width as usize);
        let height = area.height as usize;
        // Keep the focused line in view, with one line of context below when there is room.
        let first = (focus + 2)
            .saturating_sub(height)
            .min(lines.len().saturating_sub(height));
        for (row, line) in lines.into_iter().skip(first).take(height).enumerate() {
            line.render(
                Rect {
                    y: area.y + row as u16,
                    height: 1,
                    ..area
                },
                buf,
            );
        }
    }
}
