//! A checklist of guide items, one row each: `[x]` boxes, headings, a focus marker. The
//! screens show it in a window of its own (`document::list_window`), with its "more" rows.

use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use crate::app::Model;
use crate::guide::{GuideItem, ItemKind};
use crate::tui::theme::Theme;

use super::truncate;

/// The rows of `items` cut to `width` columns, and which row is the focused item.
pub fn rows(
    model: &Model,
    items: &[GuideItem],
    theme: &Theme,
    width: usize,
) -> (Vec<Line<'static>>, Option<usize>) {
    let focused = model.focused_item().map(|i| i.id.as_str());
    let mut lines = Vec::new();
    let mut focus_line = None;
    for item in items {
        if item.kind == ItemKind::Heading {
            lines.push(heading_row(model, item, theme, width));
            continue;
        }
        let is_focus = focused == Some(item.id.as_str());
        if is_focus {
            focus_line = Some(lines.len());
        }
        lines.push(item_row(model, item, is_focus, theme, width));
    }
    (lines, focus_line)
}

fn heading_row(model: &Model, item: &GuideItem, theme: &Theme, width: usize) -> Line<'static> {
    let g = &theme.glyphs;
    let indent = "  ".repeat(item.indent as usize);
    let text = format!(" {indent}{}", g.shown(model.item_text(item)));
    Line::styled(truncate(&text, width, g.ellipsis), theme.title)
}

/// An item: the focus marker, its box, its text (with a mark if it opens a page), the key
/// that copies its value on STEP 2, and its scope where there is room.
fn item_row(
    model: &Model,
    item: &GuideItem,
    is_focus: bool,
    theme: &Theme,
    width: usize,
) -> Line<'static> {
    let g = &theme.glyphs;
    let indent = "  ".repeat(item.indent as usize);
    let (mark, mark_style) = if model.is_ticked(item) {
        ("[x]", theme.ok)
    } else {
        ("[ ]", theme.text)
    };
    let pointer = if is_focus {
        g.focus.to_owned()
    } else {
        " ".repeat(g.focus.width())
    };
    let mut text = g.shown(model.item_text(item)).into_owned();
    if item.url.is_some() {
        text.push(' ');
        text.push_str(g.external);
    }
    // STEP 2 items that paste a value name the key that copies it.
    let copy_key = item.copy.map(|field| {
        let key = crate::credentials::Field::ALL
            .iter()
            .position(|f| *f == field)
            .unwrap_or(0)
            + 1;
        format!("  [{key}]")
    });
    let prefix = format!("{pointer}{indent}");
    let room =
        width.saturating_sub(prefix.width() + 4 + copy_key.as_ref().map_or(0, |k| k.width()));
    let mut spans = vec![
        Span::styled(prefix, theme.accent),
        Span::styled(mark, mark_style),
        Span::raw(" "),
    ];
    let text = truncate(&text, room, g.ellipsis);
    let scope_room = room.saturating_sub(text.width() + 2);
    let text_style = if is_focus { theme.focus } else { theme.text };
    spans.push(Span::styled(text, text_style));
    if let Some(key) = copy_key {
        spans.push(Span::styled(key, theme.key));
    }
    if let Some(scope) = item.scope.as_deref().filter(|s| s.len() <= scope_room) {
        spans.push(Span::styled(format!("  {scope}"), theme.dim));
    }
    Line::from(spans)
}
