//! Pieces of screen shared by several screens. Widths and layout come from ratatui
//! (`Line::width`, `Layout`) and unicode-truncate (`unicode_pad`, `unicode_truncate`). Ours:
//! `truncate` adds the ellipsis unicode-truncate's cut does not, and `centered` stays because
//! ratatui's `Rect::centered` (`Flex::Center`) puts an odd leftover row or column before the
//! window, where ours leaves it after, a window a little above the middle as every window has
//! always been drawn (the test below; the consent window's snapshot moves a row otherwise).

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
use unicode_truncate::UnicodeTruncateStr;
use unicode_width::UnicodeWidthStr;

/// Cuts a string to `width` display columns, ending in `ellipsis` when cut. Widths are
/// ratatui's (unicode-width per grapheme cluster), and a cluster (a letter and its combining
/// marks, an emoji sequence) is never split: unicode-truncate's cut, with the ellipsis it
/// does not add.
pub fn truncate(text: &str, width: usize, ellipsis: &str) -> String {
    if text.width() <= width {
        return text.to_owned();
    }
    let (kept, _) = text.unicode_truncate(width.saturating_sub(ellipsis.width()));
    match ellipsis.width() <= width {
        true => format!("{kept}{ellipsis}"),
        false => kept.to_owned(),
    }
}

/// A rectangle of at most `width` x `height`, centred in `area`; an odd leftover row or column
/// goes below it and to its right.
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_window_sits_a_little_above_the_middle() {
        let area = Rect::new(0, 1, 80, 23);
        assert_eq!(centered(area, 72, 14), Rect::new(4, 5, 72, 14));
        assert_eq!(centered(area, 71, 13), Rect::new(4, 6, 71, 13));
        assert_eq!(centered(area, 100, 30), area);
    }

    #[test]
    fn truncation_ends_in_the_ellipsis_and_keeps_clusters_whole() {
        assert_eq!(truncate("チェックを入れます", 9, "…"), "チェック…");
        assert_eq!(truncate("チェックを入れます", 10, "..."), "チェッ...");
        assert_eq!(truncate("short", 5, "…"), "short");
        assert_eq!(truncate("e\u{301}e\u{301}e\u{301}", 2, "…"), "e\u{301}…");
        assert_eq!(truncate("abc", 2, "..."), "");
    }
}
