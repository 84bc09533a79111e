//! The core's view (`app::view`) drawn as a document: Start, Migration, Role and Done are their
//! blocks, top to bottom; a question's answers are radio lines and Done's users a list in a
//! window of its own, kept in view while the text around them scrolls.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::app::Model;
use crate::app::view::{Block, Mark, UserList, blocks};
use crate::i18n::tr;
use crate::tui::theme::Theme;
use crate::tui::widgets::document::{Document, list_window};
use crate::tui::widgets::text_field::fit_around;
use crate::tui::widgets::truncate;
use unicode_truncate::{Alignment, UnicodeTruncateStr};
use unicode_width::UnicodeWidthStr;

use super::choice_line;

pub fn document(model: &Model, theme: &Theme, area: Rect) -> Document {
    let mut doc = Document::new(area.width);
    for block in blocks(model) {
        match block {
            Block::Users(list) => {
                let height = area.height as usize;
                user_picker(model, theme, &list, &mut doc, (height, usize::MAX))
            }
            Block::Choice(choice) => {
                let question = doc.text(
                    &[Line::styled(choice.question.clone(), theme.title)],
                    &theme.glyphs,
                );
                let mut chosen = question.clone();
                for (i, (label, _)) in choice.options.iter().enumerate() {
                    let rows = doc.text(
                        &[choice_line(theme, label, i == choice.selected)],
                        &theme.glyphs,
                    );
                    if i == choice.selected {
                        chosen = rows;
                    }
                }
                // The note of the highlighted answer explains it.
                let mut end = doc.len();
                if let Some((_, Some(note))) = choice.options.get(choice.selected) {
                    end = doc
                        .text(
                            &[Line::raw(""), Line::styled(note.clone(), theme.dim)],
                            &theme.glyphs,
                        )
                        .end;
                }
                doc.focus(chosen, question.start..end);
            }
            block => {
                doc.text(&lines(theme, block), &theme.glyphs);
            }
        }
    }
    doc
}

/// Below this many rows a list of users is hard to choose from: the text above gives way first.
const MIN_LIST_ROWS: usize = 5;

/// Users to choose one from, added to `doc`: the question, the filter being typed with its
/// count, then the matches in a window of their own, as tall as the `height` of the whole
/// window leaves below the text above (at least a few rows, at most `most`; all users fit where
/// there is room, so the window keeps its height while the filter narrows the list). The
/// focused user is the document's focus, and the filter takes the terminal cursor.
pub(super) fn user_picker(
    model: &Model,
    theme: &Theme,
    list: &UserList,
    doc: &mut Document,
    (height, most): (usize, usize),
) {
    let lang = model.lang;
    let g = &theme.glyphs;
    let width = doc.width() as usize;
    let question = doc.rows(vec![Line::styled(
        truncate(&g.shown(&list.question), width, g.ellipsis),
        theme.title,
    )]);
    // One row, never wrapped: the long prompt where it fits (with a column for the cursor),
    // else the short one, else the short one without the count; the typed text scrolls to keep
    // the cursor in the row.
    let typed = g.shown(&list.filter).into_owned();
    let before = g.shown(&list.filter[..list.filter_cursor]).width();
    let summary = format!("   {}", g.shown(&list.summary));
    let (prompt, summary) = ["done.filter", "done.filter_short"]
        .into_iter()
        .map(|key| format!("{} ", g.shown(tr(lang, key))))
        .find(|p| p.width() + typed.width() + summary.width() < width)
        .map_or(
            (
                format!("{} ", g.shown(tr(lang, "done.filter_short"))),
                String::new(),
            ),
            |p| (p, summary),
        );
    let room = width.saturating_sub(prompt.width() + summary.width());
    let (shown, column) = fit_around(&typed, before, room);
    let filter = doc.rows(vec![Line::from(vec![
        Span::styled(prompt.clone(), theme.dim),
        Span::styled(shown, theme.accent),
        Span::styled(summary, theme.dim),
    ])]);
    doc.cursor_at(filter.start, (prompt.width() + column) as u16);
    let label_width = width.saturating_sub(6);
    let item = |i: usize| {
        let label = truncate(&g.shown(&list.options[i].label), label_width, g.ellipsis);
        choice_line(theme, &label, list.selected == Some(i))
    };
    let natural = model.users().len().clamp(1, most.max(1));
    let free = height.saturating_sub(doc.len());
    let least = MIN_LIST_ROWS
        .min(natural)
        .min(height.saturating_sub(3).max(1));
    let rows = free.clamp(least, natural.max(least));
    let (window, at) = list_window(list.options.len(), item, list.selected, rows, model, theme);
    let window = doc.rows(window);
    let must = at.map_or(filter.clone(), |at| {
        window.start + at..window.start + at + 1
    });
    doc.focus(must, question.start..window.end);
}

fn lines(theme: &Theme, block: Block) -> Vec<Line<'static>> {
    match block {
        Block::Text(text) => vec![Line::raw(text), Line::raw("")],
        Block::Heading(text) => vec![Line::styled(text, theme.title)],
        Block::Bullets(points) => {
            let mut lines: Vec<Line> = points
                .into_iter()
                .map(|p| {
                    Line::from(vec![
                        Span::styled(format!("  {} ", theme.glyphs.bullet), theme.accent),
                        Span::raw(p),
                    ])
                })
                .collect();
            lines.push(Line::raw(""));
            lines
        }
        Block::Lines(texts) => {
            let mut lines: Vec<Line> = texts.into_iter().map(Line::raw).collect();
            lines.push(Line::raw(""));
            lines
        }
        Block::Link { label, url } => vec![
            Line::raw(label),
            Line::from(vec![Span::raw("  "), Span::styled(url, theme.accent)]),
            Line::raw(""),
        ],
        Block::Warning(text) => vec![Line::styled(text, theme.warn), Line::raw("")],
        Block::Facts(facts) => {
            let mut lines: Vec<Line> = facts
                .into_iter()
                .enumerate()
                .map(|(i, (label, value))| {
                    // The first fact is what the block is about (the user's name).
                    let style = if i == 0 { theme.ok } else { theme.text };
                    Line::from(vec![
                        Span::raw(format!(
                            "  {}",
                            label.unicode_pad(12, Alignment::Left, false)
                        )),
                        Span::styled(value, style),
                    ])
                })
                .collect();
            lines.push(Line::raw(""));
            lines
        }
        Block::Marked(mark, text) => {
            let style = match mark {
                Mark::Ok => theme.ok,
                Mark::Problem => theme.error,
            };
            vec![Line::from(vec![
                Span::styled(format!("  {} ", mark.symbol()), style),
                Span::raw(text),
            ])]
        }
        // Drawn by `document` itself.
        Block::Users(_) | Block::Choice(_) => vec![],
    }
}
