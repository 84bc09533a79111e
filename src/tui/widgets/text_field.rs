//! A labelled one-line input: `Label  [value      ]`, masked when it holds a secret, scrolled
//! sideways so the cursor stays inside the box.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_segmentation::UnicodeSegmentation;
use unicode_truncate::{Alignment, UnicodeTruncateStr};
use unicode_width::UnicodeWidthStr;

use crate::app::text_input::TextInput;
use crate::glyphs::Glyphs;

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
    /// The field as one row `width` columns wide, and the column of the terminal cursor when
    /// it has focus. A masked value shows one mark per character, never the secret itself.
    pub fn line(&self, width: u16, glyphs: &Glyphs) -> (Line<'static>, Option<u16>) {
        let inner = (width.saturating_sub(self.label_width + 2)) as usize;
        let (text, before) = if self.masked {
            let marks = |s: &str| self.mask.repeat(s.chars().count());
            (marks(self.input.value()), marks(self.input.before_cursor()))
        } else {
            (
                glyphs.shown(self.input.value()).into_owned(),
                glyphs.shown(self.input.before_cursor()).into_owned(),
            )
        };
        let (visible, column) = fit_around(&text, before.width(), inner);
        let style = if self.focused {
            self.focus_style
        } else {
            self.style
        };
        let line = Line::from(vec![
            Span::raw(
                glyphs
                    .shown(self.label)
                    .unicode_pad(self.label_width as usize, Alignment::Left, false)
                    .into_owned(),
            ),
            Span::styled("[", style),
            Span::styled(
                visible
                    .unicode_pad(inner, Alignment::Left, false)
                    .into_owned(),
                style,
            ),
            Span::styled("]", style),
        ]);
        let x = self.label_width as usize + 1 + column;
        (
            line,
            (self.focused && x < width as usize).then_some(x as u16),
        )
    }
}

/// The part of `text` that fits in `room` columns with the column `cursor` in it (cut only
/// between whole characters), and where the cursor is within that part.
pub fn fit_around(text: &str, cursor: usize, room: usize) -> (String, usize) {
    let clusters: Vec<(&str, usize)> = text.graphemes(true).map(|g| (g, g.width())).collect();
    // Drop whole characters from the left until the cursor fits inside the room.
    let mut start = 0;
    let mut skipped = 0;
    while cursor.saturating_sub(skipped) >= room.max(1) && start < clusters.len() {
        skipped += clusters[start].1;
        start += 1;
    }
    let mut visible = String::new();
    let mut used = 0;
    for (g, w) in &clusters[start..] {
        if used + w > room {
            break;
        }
        visible.push_str(g);
        used += w;
    }
    (visible, cursor.saturating_sub(skipped))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cursor_stays_in_the_box() {
        assert_eq!(fit_around("abcdef", 6, 4), ("def".into(), 3));
        assert_eq!(fit_around("abcdef", 1, 4), ("abcd".into(), 1));
        assert_eq!(fit_around("あいう", 6, 4), ("う".into(), 2));
    }
}
