//! What the three checklist screens share: their text on top, the list in a window of its own,
//! and under it the focused item in full (its text, the note of the group it is in, its own
//! note, link and scope; on STEP 1's App Name, the field). The list gives room to the detail,
//! and where both do not fit the text on top scrolls away first.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::app::Model;
use crate::app::text::{self, Detail};
use crate::tui::theme::Theme;
use crate::tui::widgets::checklist;
use crate::tui::widgets::document::{Document, list_window};
use crate::tui::widgets::wrap::wrap_lines;

/// Below this many rows a checklist is hard to move in: the text around it gives way first.
const MIN_LIST_ROWS: usize = 5;

/// The screen's document: `top` (its explanation), the checklist of the screen, and under it
/// `field` (a row with the terminal cursor's column) and the detail.
pub fn document(
    model: &Model,
    theme: &Theme,
    area: Rect,
    top: Vec<Line<'static>>,
    field: Option<(Line<'static>, Option<u16>)>,
) -> Document {
    let g = &theme.glyphs;
    let detail = detail_source(model, theme);
    // The rule above the detail, and its rows.
    let detail_height = 1 + wrap_lines(&g.lines(&detail), area.width).len();
    let mut doc = Document::new(area.width);
    let top = doc.text(&top, g);
    let (items, focus) = checklist::rows(
        model,
        Model::checklist(model.screen),
        theme,
        area.width as usize,
    );
    let height = area.height as usize;
    let field_rows = usize::from(field.is_some());
    let natural = items.len();
    let free = height.saturating_sub(top.len() + detail_height + field_rows);
    let least = MIN_LIST_ROWS.min(natural);
    let rows = free.clamp(least, natural.max(least));
    let item = |i: usize| items[i].clone();
    let (window, at) = list_window(natural, item, focus, rows, model, theme);
    let list = doc.rows(window);
    let rule = g.border.horizontal_top.repeat(area.width as usize);
    doc.rows(vec![Line::styled(rule, theme.dim)]);
    let mut must = at.map_or(list.clone(), |at| list.start + at..list.start + at + 1);
    // A field comes first under the rule: it is what the item asks for, so it stays in view
    // with the item.
    if let Some((line, column)) = field {
        let row = doc.rows(vec![line]).start;
        if let Some(column) = column {
            doc.cursor_at(row, column);
        }
        must.end = row + 1;
    }
    let end = doc.text(&detail, g).end;
    doc.focus(must, list.start..end);
    doc
}

/// The focused item in full: its text, then its details (`app::text::item_details`).
fn detail_source(model: &Model, theme: &Theme) -> Vec<Line<'static>> {
    let Some(item) = model.focused_item() else {
        return vec![];
    };
    let mut lines = vec![Line::styled(model.item_text(item).to_owned(), theme.title)];
    lines.extend(
        text::item_details(model, item)
            .into_iter()
            .map(|detail| match detail {
                Detail::GroupNote(note) => Line::styled(note, theme.accent),
                Detail::Note(note) => Line::raw(note),
                Detail::Link { label, url } => Line::from(vec![
                    Span::styled(label, theme.dim),
                    Span::styled(url, theme.accent),
                ]),
                Detail::Scope { label, scope } => {
                    Line::from(vec![Span::styled(label, theme.dim), Span::raw(scope)])
                }
            }),
    );
    lines
}
