//! The core's view (`app::view`) drawn as widgets: Start, Migration, Role and Done are their
//! blocks, top to bottom; a question's answers are radio lines, the last one scrolled into view.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::app::Model;
use crate::app::view::{Block, Choice, Mark, UserList, blocks};
use crate::i18n::tr;
use crate::theme::Theme;
use crate::widgets::{pad, truncate};
use unicode_width::UnicodeWidthStr;

use super::{choice_line, stack};

pub fn render(model: &Model, theme: &Theme, area: Rect, frame: &mut Frame) {
    let mut above = Vec::new();
    let mut last_choice = None;
    let mut users = None;
    let view = blocks(model);
    let count = view.len();
    for (i, block) in view.into_iter().enumerate() {
        match block {
            // A list at the end (Done's users) gets the rest of the window and scrolls.
            Block::Choice(choice) if i + 1 == count && choice.options.len() > 3 => {
                last_choice = Some(choice);
            }
            Block::Users(list) => users = Some(list),
            block => above.push(lines(theme, block)),
        }
    }
    let rest = stack(above, area, frame);
    if let Some(choice) = last_choice {
        scrolled_choice(theme, &choice, rest, frame);
    }
    if let Some(list) = users {
        user_list(model, theme, &list, rest, frame);
    }
}

/// Done's users: the question, the filter being typed with its count, then as many matches
/// as fit, scrolled so the focused one shows.
fn user_list(model: &Model, theme: &Theme, list: &UserList, area: Rect, frame: &mut Frame) {
    if area.height < 3 {
        return;
    }
    let lang = model.lang;
    let prompt = format!("{} ", tr(lang, "done.filter"));
    let width = area.width as usize;
    let filter_line = Line::from(vec![
        Span::styled(prompt.clone(), theme.dim),
        Span::styled(list.filter.clone(), theme.accent),
        Span::raw("   "),
        Span::styled(list.summary.clone(), theme.dim),
    ]);
    let rows = area.height as usize - 2;
    let selected = list.selected.unwrap_or(0);
    let first = (selected + 1).saturating_sub(rows);
    let mut lines = vec![
        Line::styled(truncate(&list.question, width), theme.title),
        filter_line,
    ];
    let label_width = width.saturating_sub(6);
    for (i, option) in list.options.iter().enumerate().skip(first).take(rows) {
        lines.push(choice_line(
            theme,
            &truncate(&option.label, label_width),
            list.selected == Some(i),
        ));
    }
    stack(vec![lines], area, frame);
    // The terminal's cursor where the next typed character goes.
    let before: String = list
        .filter
        .chars()
        .take(model.user_filter.cursor())
        .collect();
    let x = UnicodeWidthStr::width(prompt.as_str()) + UnicodeWidthStr::width(before.as_str());
    if x < width {
        frame.set_cursor_position((area.x + x as u16, area.y + 1));
    }
}

fn lines(theme: &Theme, block: Block) -> Vec<Line<'static>> {
    match block {
        Block::Text(text) => vec![Line::raw(text), Line::raw("")],
        Block::Heading(text) => vec![Line::styled(text, theme.title)],
        Block::Bullets(points) => {
            let mut lines: Vec<Line> = points
                .into_iter()
                .map(|p| Line::from(vec![Span::styled("  • ", theme.accent), Span::raw(p)]))
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
                        Span::raw(format!("  {}", pad(&label, 12))),
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
        // Only ever the last block (see `render`).
        Block::Users(_) => vec![],
        Block::Choice(choice) => {
            let mut lines = vec![Line::styled(choice.question.clone(), theme.title)];
            for (i, (label, _)) in choice.options.iter().enumerate() {
                lines.push(choice_line(theme, label, i == choice.selected));
            }
            // The note of the highlighted answer explains it.
            if let Some((_, Some(note))) = choice.options.get(choice.selected) {
                lines.push(Line::raw(""));
                lines.push(Line::styled(note.clone(), theme.dim));
            }
            lines
        }
    }
}

/// The question, then as many answers as fit, scrolled so the selected one shows.
fn scrolled_choice(theme: &Theme, choice: &Choice, area: Rect, frame: &mut Frame) {
    if area.height < 2 {
        return;
    }
    let rows = area.height as usize - 1;
    let first = (choice.selected + 1).saturating_sub(rows);
    let mut lines = vec![Line::styled(choice.question.clone(), theme.title)];
    let width = (area.width as usize).saturating_sub(6);
    for (i, (label, _)) in choice.options.iter().enumerate().skip(first).take(rows) {
        lines.push(choice_line(
            theme,
            &truncate(label, width),
            i == choice.selected,
        ));
    }
    stack(vec![lines], area, frame);
}
