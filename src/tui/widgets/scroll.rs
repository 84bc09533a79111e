//! One scroll behaviour for every list and text that may not fit its window: which rows show,
//! and a row that says so where more lies above or below, so nothing is ever cut silently.
//! Checklists, Done's users, the consent step's hosts, the screens' text and the overlays all
//! use it.

use std::ops::Range;

use ratatui::text::Line;

use crate::i18n::{Lang, tr};
use crate::tui::theme::Theme;

/// Which rows of a list or text show in a window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct View {
    /// The first row shown.
    pub offset: usize,
    /// How many rows show (the window's height less its "more" rows).
    pub rows: usize,
    /// A row at the top says there is more above, one at the bottom more below.
    pub above: bool,
    pub below: bool,
    /// The largest offset: from there on, the end is in view.
    pub max_offset: usize,
}

impl View {
    /// Whether `rows` are all in view.
    pub fn shows(&self, rows: &Range<usize>) -> bool {
        rows.start >= self.offset && rows.end <= self.offset + self.rows
    }

    /// How far a page moves: the rows in view, less one kept for context.
    pub fn page(&self) -> usize {
        self.rows.saturating_sub(1).max(1)
    }

    pub fn below_count(&self, total: usize) -> usize {
        total.saturating_sub(self.offset + self.rows)
    }
}

/// Where the window should be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Anchor {
    /// The top of the list or text.
    Top,
    /// Keep `must` in view (the focused answer, item or user), and as much of `want` (the
    /// question with its answers, the list with the item's detail) as fits, nearest its start.
    Focus {
        must: Range<usize>,
        want: Range<usize>,
    },
    /// The user scrolled: start at this row (held within the text).
    Offset(usize),
}

/// Below this a window has no room for its "more" rows: it shows what fits.
const MIN_MARKED: usize = 3;

/// The window over `total` rows in `height` rows, placed by `anchor`.
pub fn view(total: usize, height: usize, anchor: &Anchor) -> View {
    if total <= height || height < MIN_MARKED {
        let max_offset = total.saturating_sub(height);
        let offset = match anchor {
            Anchor::Top => 0,
            Anchor::Offset(n) => (*n).min(max_offset),
            Anchor::Focus { must, .. } => must.end.saturating_sub(height).min(max_offset),
        };
        return View {
            offset,
            rows: height.min(total),
            above: false,
            below: false,
            max_offset,
        };
    }
    // From `max_offset` on, the end is in view below the "more above" row.
    let max_offset = total - (height - 1);
    let at = |offset: usize| {
        let above = offset > 0;
        let room = height - usize::from(above);
        let below = offset + room < total;
        View {
            offset,
            rows: room - usize::from(below),
            above,
            below,
            max_offset,
        }
    };
    match anchor {
        Anchor::Top => at(0),
        Anchor::Offset(n) => at((*n).min(max_offset)),
        Anchor::Focus { must, want } => {
            let candidates = || (0..=max_offset).map(at).filter(|v| v.shows(must));
            // The whole of `want` where it fits, else `must` as near the start of `want` as
            // can be, else (taller than the window) the start of `must`.
            candidates()
                .find(|v| v.shows(want))
                .or_else(|| candidates().min_by_key(|v| v.offset.abs_diff(want.start)))
                .unwrap_or_else(|| at(must.start.min(max_offset)))
        }
    }
}

/// The rows in view with their "more" rows (`↑ more above (PgUp)` / `↓ more below (PgDn)`);
/// lists say how many items more (`document::list_window`).
pub fn marked(
    rows: Vec<Line<'static>>,
    view: &View,
    lang: Lang,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let g = &theme.glyphs;
    let mark = |arrow: &str, key: &str| {
        Line::styled(format!("{arrow} {}", g.shown(tr(lang, key))), theme.dim)
    };
    let mut out = Vec::with_capacity(view.rows + 2);
    if view.above {
        out.push(mark(g.up, "scroll.more_above"));
    }
    out.extend(rows.into_iter().skip(view.offset).take(view.rows));
    if view.below {
        out.push(mark(g.down, "scroll.more_below"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn focus(must: Range<usize>, want: Range<usize>) -> Anchor {
        Anchor::Focus { must, want }
    }

    #[test]
    fn what_fits_shows_whole_without_marks() {
        let v = view(5, 8, &focus(4..5, 0..5));
        assert_eq!((v.offset, v.rows, v.above, v.below), (0, 5, false, false));
    }

    #[test]
    fn the_focus_and_as_much_of_its_context_as_fits_show_with_marks() {
        let v = view(20, 8, &focus(15..16, 12..18));
        assert!(v.above && v.below && v.shows(&(12..18)), "{v:?}");
        assert_eq!(v.rows + usize::from(v.above) + usize::from(v.below), 8);
        // A context taller than the window: the focus, as near the context's start as can be.
        let v = view(40, 8, &focus(20..21, 10..30));
        assert!(
            v.shows(&(20..21)) && v.offset <= 20 && v.offset >= 14,
            "{v:?}"
        );
        let v = view(20, 8, &Anchor::Top);
        assert_eq!((v.offset, v.above, v.below), (0, false, true));
    }

    #[test]
    fn a_scrolled_window_is_held_within_the_text() {
        let v = view(20, 8, &Anchor::Offset(99));
        assert_eq!(v.offset, v.max_offset);
        assert!(v.above && !v.below);
        assert_eq!(v.offset + v.rows, 20, "the last row is in view");
    }
}
