//! A screen's body (or a window's) as one column of rows that scrolls as a whole: text, a
//! question with its answers, a list in a window of its own, a field. The focus stays in view,
//! a "more" row says where it is cut, and what was shown is told to the core (`Seen`), so that
//! ↑/↓ can scroll to what is hidden and Enter never acts on what is not on screen.

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

use crate::app::Model;
use crate::app::seen::Seen;
use crate::glyphs::Glyphs;
use crate::tui::theme::Theme;

use super::scroll::{Anchor, marked, view};
use super::wrap::wrap_lines;
use crate::i18n::trf;

pub struct Document {
    width: u16,
    rows: Vec<Line<'static>>,
    /// The rows that must be in view, and the rows around them to show where they fit.
    focus: Option<(Range<usize>, Range<usize>)>,
    /// Where the terminal cursor goes (a row and a column), when a field has focus.
    cursor: Option<(usize, u16)>,
}

impl Document {
    pub fn new(width: u16) -> Self {
        Document {
            width,
            rows: Vec::new(),
            focus: None,
            cursor: None,
        }
    }

    pub fn width(&self) -> u16 {
        self.width
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Lines as the terminal can draw them (`Glyphs::shown`), wrapped to the width; returns
    /// the rows they took.
    pub fn text(&mut self, lines: &[Line<'_>], glyphs: &Glyphs) -> Range<usize> {
        let rows = wrap_lines(&glyphs.lines(lines), self.width);
        self.rows(rows)
    }

    /// Rows already laid out (a list's window, a field); returns where they went.
    pub fn rows(&mut self, rows: Vec<Line<'static>>) -> Range<usize> {
        let start = self.rows.len();
        self.rows.extend(rows);
        start..self.rows.len()
    }

    /// `must` stays in view; as much of `want` as fits shows with it.
    pub fn focus(&mut self, must: Range<usize>, want: Range<usize>) {
        self.focus = Some((must, want));
    }

    /// The terminal cursor at `column` of `row` (a field being typed into).
    pub fn cursor_at(&mut self, row: usize, column: u16) {
        self.cursor = Some((row, column));
    }

    /// Draws the rows in `area`, scrolled to the focus or to where the user scrolled, with a
    /// "more" row where something is cut. `front`: this is the region the keys act on (the
    /// overlay's, else the screen's), so what it shows is recorded for the core and the
    /// user's scrolling applies. Returns where the terminal cursor goes, if it is in view.
    pub fn draw(
        self,
        model: &Model,
        theme: &Theme,
        area: Rect,
        buf: &mut Buffer,
        front: bool,
    ) -> Option<Position> {
        let height = area.height as usize;
        let anchor = match (model.scroll.filter(|_| front), &self.focus) {
            (Some(offset), _) => Anchor::Offset(offset),
            (None, Some((must, want))) => Anchor::Focus {
                must: must.clone(),
                want: want.clone(),
            },
            (None, None) => Anchor::Top,
        };
        let total = self.rows.len();
        let window = view(total, height, &anchor);
        if front {
            model.seen.set(Seen {
                screen: Some(model.screen),
                overlay: model.overlay.is_some(),
                too_small: false,
                offset: window.offset,
                max_offset: window.max_offset,
                page: window.page(),
                focus_shown: self
                    .focus
                    .as_ref()
                    .is_none_or(|(must, _)| window.shows(must)),
            });
        }
        let cursor = self.cursor.and_then(|(row, column)| {
            let shown = (window.offset..window.offset + window.rows).contains(&row);
            (shown && column < area.width).then(|| {
                let y = row - window.offset + usize::from(window.above);
                Position::new(area.x + column, area.y + y as u16)
            })
        });
        let lines = marked(self.rows, &window, model.lang, theme);
        Paragraph::new(lines).render(area, buf);
        cursor
    }
}

/// A list of `count` one-row items in a window of `height` rows, the focused one in view with
/// a row of context below where there is room, and a "more" row (with a count) where items are
/// cut. Only the rows in view are built (`row(i)`): a list may hold thousands of users. The
/// window keeps its height when fewer items are left (a filter narrowing the list), so nothing
/// around it jumps. Returns the rows and where the focused item is among them.
pub fn list_window(
    count: usize,
    mut row: impl FnMut(usize) -> Line<'static>,
    focus: Option<usize>,
    height: usize,
    model: &Model,
    theme: &Theme,
) -> (Vec<Line<'static>>, Option<usize>) {
    let anchor = match focus {
        Some(i) => Anchor::Focus {
            must: i..i + 1,
            want: i..(i + 2).min(count),
        },
        None => Anchor::Top,
    };
    let window = view(count, height, &anchor);
    let at = focus
        .filter(|i| window.shows(&(*i..*i + 1)))
        .map(|i| i - window.offset + usize::from(window.above));
    let g = &theme.glyphs;
    let mark = |arrow: &str, key: &str, n: usize| {
        let text = trf(model.lang, key, &[("n", &crate::text::thousands(n as u64))]);
        Line::styled(format!("{arrow} {}", g.shown(&text)), theme.dim)
    };
    let mut rows = Vec::with_capacity(height);
    if window.above {
        rows.push(mark(g.up, "scroll.items_above", window.offset));
    }
    rows.extend((window.offset..window.offset + window.rows).map(&mut row));
    if window.below {
        rows.push(mark(
            g.down,
            "scroll.items_below",
            window.below_count(count),
        ));
    }
    rows.resize(height.max(rows.len()), Line::raw(""));
    (rows, at)
}
