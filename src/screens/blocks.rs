//! The core's view (`app::view`) drawn as widgets: Start, Migration, Role and Done are their
//! blocks, top to bottom; a question's answers are radio lines, the last one scrolled into view.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::app::Model;
use crate::app::view::{Block, Choice, Mark, UserList, blocks};
use crate::i18n::{Lang, tr};
use crate::theme::Theme;
use crate::widgets::wrap::wrap_lines;
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
            block => {
                // A question and its answers are the focus the window scrolls to.
                let focus = match &block {
                    Block::Choice(choice) => Some(0..choice.options.len() + 1),
                    _ => None,
                };
                above.push((lines(theme, block), focus));
            }
        }
    }
    if last_choice.is_none() && users.is_none() {
        // With nothing to choose (Migration), the cursor is the paragraph or point the
        // window starts at.
        let top = above
            .iter()
            .all(|(_, focus)| focus.is_none())
            .then(|| model.cursor());
        scrolled_to_focus(model, theme, above, top, area, frame);
        return;
    }
    // A list at the end takes the rest of the window and scrolls itself.
    let rest = stack(
        above.into_iter().map(|(lines, _)| lines).collect(),
        area,
        frame,
    );
    if let Some(choice) = last_choice {
        scrolled_choice(theme, &choice, rest, frame);
    }
    if let Some(list) = users {
        user_list(model.lang, theme, &list, rest, frame);
    }
}

/// Users to choose from: the question, the filter being typed with its count, then as many
/// matches as fit, scrolled so the focused one shows.
pub fn user_list(lang: Lang, theme: &Theme, list: &UserList, area: Rect, frame: &mut Frame) {
    if area.height < 3 {
        return;
    }
    let width = area.width as usize;
    // One row, never wrapped: the long prompt where it fits, else the short one, else the
    // short one without the count.
    let typed = UnicodeWidthStr::width(list.filter.as_str());
    let summary = format!("   {}", list.summary);
    let (prompt, summary) = ["done.filter", "done.filter_short"]
        .into_iter()
        .map(|key| format!("{} ", tr(lang, key)))
        .find(|p| p.width() + typed + summary.width() <= width)
        .map_or(
            (format!("{} ", tr(lang, "done.filter_short")), String::new()),
            |p| (p, summary),
        );
    let filter_line = Line::from(vec![
        Span::styled(prompt.clone(), theme.dim),
        Span::styled(list.filter.clone(), theme.accent),
        Span::styled(summary, theme.dim),
    ]);
    let rows = area.height as usize - 2;
    let selected = list.selected.unwrap_or(0);
    let first = (selected + 1).saturating_sub(rows);
    let mut lines = vec![
        Line::styled(
            truncate(&list.question, width, theme.glyphs.ellipsis),
            theme.title,
        ),
        filter_line,
    ];
    let label_width = width.saturating_sub(6);
    for (i, option) in list.options.iter().enumerate().skip(first).take(rows) {
        lines.push(choice_line(
            theme,
            &truncate(&option.label, label_width, theme.glyphs.ellipsis),
            list.selected == Some(i),
        ));
    }
    stack(vec![lines], area, frame);
    // The terminal's cursor where the next typed character goes.
    let before: String = list.filter.chars().take(list.filter_cursor).collect();
    let x = UnicodeWidthStr::width(prompt.as_str()) + UnicodeWidthStr::width(before.as_str());
    if x < width {
        frame.set_cursor_position((area.x + x as u16, area.y + 1));
    }
}

/// The blocks' rows, scrolled so the focused lines (a question and its answers) are on screen,
/// or, given `top`, so the window starts at that paragraph (a line that is not blank); a row
/// says when there is more above or below.
fn scrolled_to_focus(
    model: &Model,
    theme: &Theme,
    blocks: Vec<(Vec<Line<'static>>, Option<std::ops::Range<usize>>)>,
    top: Option<usize>,
    area: Rect,
    frame: &mut Frame,
) {
    let mut rows: Vec<Line> = Vec::new();
    let mut focus: Option<(usize, usize)> = None;
    let mut paragraphs = 0;
    for (lines, focused) in blocks {
        for (i, line) in lines.into_iter().enumerate() {
            let first = rows.len();
            let blank = line.width() == 0;
            rows.extend(wrap_lines(&[line], area.width));
            if focused.as_ref().is_some_and(|r| r.contains(&i)) {
                let (start, _) = focus.unwrap_or((first, first));
                focus = Some((start, rows.len().saturating_sub(1)));
            }
            if !blank {
                if top == Some(paragraphs) {
                    focus = Some((first, first));
                }
                paragraphs += 1;
            }
        }
    }
    // From the paragraph on, as much as the window holds (the end of the text stops it).
    if let (Some(_), Some((start, _))) = (top, focus) {
        let end =
            (start + (area.height as usize).saturating_sub(3)).min(rows.len().saturating_sub(1));
        focus = Some((start, end));
    }
    let window = scroll_window(rows.len(), area.height as usize, focus);
    let g = &theme.glyphs;
    let lang = model.lang;
    let mut shown = Vec::new();
    if window.above {
        shown.push(Line::styled(
            format!("{} {}", g.up, tr(lang, "scroll.more_above")),
            theme.dim,
        ));
    }
    shown.extend(rows.into_iter().skip(window.offset).take(window.rows));
    if window.below {
        shown.push(Line::styled(
            format!("{} {}", g.down, tr(lang, "scroll.more_below")),
            theme.dim,
        ));
    }
    frame.render_widget(ratatui::widgets::Paragraph::new(shown), area);
}

/// Which rows of `total` show in `height`, with a row each for "more above" and "more below"
/// when needed, so that the rows `focus` (first, last) are visible (or at least its end).
#[derive(Debug, PartialEq, Eq)]
struct Window {
    offset: usize,
    rows: usize,
    above: bool,
    below: bool,
}

fn scroll_window(total: usize, height: usize, focus: Option<(usize, usize)>) -> Window {
    if total <= height {
        return Window {
            offset: 0,
            rows: total,
            above: false,
            below: false,
        };
    }
    let at = |offset: usize| {
        let above = offset > 0;
        let room = height.saturating_sub(above as usize);
        let below = offset + room < total;
        let rows = room.saturating_sub(below as usize);
        Window {
            offset,
            rows,
            above,
            below,
        }
    };
    let Some((start, end)) = focus else {
        return at(0);
    };
    (0..=start)
        .map(at)
        .find(|w| w.offset <= start && end < w.offset + w.rows)
        .unwrap_or_else(|| {
            // The focus is taller than the window: show its end, where the answers are.
            (0..total)
                .map(at)
                .find(|w| end < w.offset + w.rows)
                .unwrap_or_else(|| at(0))
        })
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
            &truncate(label, width, theme.glyphs.ellipsis),
            i == choice.selected,
        ));
    }
    stack(vec![lines], area, frame);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_scrolls_to_the_focus_and_says_what_is_hidden() {
        let w = scroll_window(20, 8, Some((15, 18)));
        assert!(w.above && w.offset <= 15 && 18 < w.offset + w.rows, "{w:?}");
        assert_eq!(w.rows + w.above as usize + w.below as usize, 8);
        let w = scroll_window(20, 8, None);
        assert_eq!((w.offset, w.above, w.below), (0, false, true));
        assert_eq!(scroll_window(5, 8, Some((4, 4))).rows, 5);
    }
}
