//! Pieces of screen shared by several screens.

pub mod checklist;
pub mod document;
pub mod key_help;
pub mod overlay;
pub mod scroll;
pub mod spinner;
pub mod stepper;
pub mod text_field;
pub mod wrap;

use ratatui::layout::Rect;
use ratatui::text::Line;
use unicode_width::UnicodeWidthStr;

/// Cuts a string to `width` display columns, ending in `ellipsis` when cut. Widths are
/// ratatui's (unicode-width per grapheme cluster), and a cluster (a letter and its combining
/// marks, an emoji sequence) is never split.
pub fn truncate(text: &str, width: usize, ellipsis: &str) -> String {
    use unicode_segmentation::UnicodeSegmentation;
    if text.width() <= width {
        return text.to_owned();
    }
    let room = width.saturating_sub(ellipsis.width());
    let mut out = String::new();
    let mut used = 0;
    for g in text.graphemes(true) {
        let w = g.width();
        if used + w > room {
            break;
        }
        out.push_str(g);
        used += w;
    }
    if ellipsis.width() <= width {
        out.push_str(ellipsis);
    }
    out
}

/// A rectangle of at most `width` x `height`, centred in `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// Display width of a line.
pub fn line_width(line: &Line) -> usize {
    line.spans.iter().map(|s| s.content.width()).sum()
}

/// Pads `text` with spaces to `width` display columns (`format!` pads by characters, which
/// misaligns Japanese).
pub fn pad(text: &str, width: usize) -> String {
    let missing = width.saturating_sub(text.width());
    format!("{text}{}", " ".repeat(missing))
}
