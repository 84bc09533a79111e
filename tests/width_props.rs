//! Width everywhere: truncation, wrapping and shortening measure text as ratatui does
//! (unicode-width per grapheme cluster) and never cut inside a cluster, for Japanese, emoji
//! (with modifiers and ZWJ sequences) and combining characters.

use hacomono_zoom_setup::tui::widgets::truncate;
use hacomono_zoom_setup::tui::widgets::wrap::{shorten, wrap_lines};
use proptest::prelude::*;
use ratatui::text::Line;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Pieces of text that are each one or more whole grapheme clusters.
fn piece() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "a",
        "Z",
        " ",
        "1",
        "-",
        "、",
        "。",
        "「",
        "」",
        "設",
        "定",
        "ア",
        "ー",
        "ｶ",
        "Ａ",
        "e\u{301}",
        "a\u{308}\u{304}",
        "が",
        "か\u{3099}",
        "😀",
        "👍🏽",
        "👨\u{200d}👩\u{200d}👧",
        "🇯🇵",
        "❤\u{fe0f}",
        "✓",
        "…",
        "▶",
        "(",
        ")",
        "[Zoom]",
        "Server-to-Server",
    ])
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..30).prop_map(|p| p.concat())
}

/// The grapheme clusters of `s`: a cut text's clusters must be a prefix of the original's.
fn clusters(s: &str) -> Vec<&str> {
    s.graphemes(true).collect()
}

proptest! {
    #[test]
    fn truncation_fits_and_keeps_whole_clusters(s in text(), width in 0usize..40, ascii in any::<bool>()) {
        let ellipsis = if ascii { "..." } else { "…" };
        let cut = truncate(&s, width, ellipsis);
        if s.width() <= width {
            prop_assert_eq!(&cut, &s);
        } else {
            prop_assert!(cut.width() <= width, "{:?} is {} wide, more than {}", cut, cut.width(), width);
            let kept = cut.strip_suffix(ellipsis).unwrap_or(&cut);
            let original = clusters(&s);
            let kept = clusters(kept);
            prop_assert!(original.starts_with(&kept), "{:?} is not whole clusters of {:?}", kept, s);
        }
    }

    #[test]
    fn wrapped_rows_fit_and_no_row_starts_inside_a_cluster(s in text(), width in 1u16..40) {
        let rows = wrap_lines(&[Line::raw(s.clone())], width);
        for row in &rows {
            let row: String = row.spans.iter().map(|span| span.content.as_ref()).collect();
            // A wide cluster alone on a one-column row cannot fit anywhere: allowed.
            let single = clusters(&row).len() == 1;
            prop_assert!(row.width() <= width as usize || single, "{:?} over {}", row, width);
            if let Some(first) = row.trim_start().chars().next() {
                prop_assert!(
                    unicode_width::UnicodeWidthChar::width(first) != Some(0),
                    "a row starts with a zero-width character: {:?}",
                    row
                );
            }
        }
        // Nothing is lost: every non-space cluster comes back, in order.
        let back: String = rows
            .iter()
            .flat_map(|r| r.spans.iter().map(|s| s.content.to_string()))
            .collect();
        let squeeze = |t: &str| t.chars().filter(|c| *c != ' ').collect::<String>();
        prop_assert_eq!(squeeze(&back), squeeze(&s));
    }

    #[test]
    fn a_shortened_title_fits(s in text(), width in 0usize..40) {
        let short = shorten(&s, width, "…");
        prop_assert!(short.width() <= width || short == s);
        let kept = short.strip_suffix('…').unwrap_or(&short);
        prop_assert!(clusters(&s).starts_with(&clusters(kept)) || s.starts_with(kept));
    }
}
