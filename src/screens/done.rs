//! Done: the default Zoom user hacomono should show, a choice among active users, a summary.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::app::{Model, Screen};
use crate::i18n::{tr, trf};
use crate::theme::Theme;
use crate::widgets::{pad, truncate};

use super::stack;

pub fn render(model: &Model, theme: &Theme, area: Rect, frame: &mut Frame) {
    let lang = model.lang;
    let mut blocks = Vec::new();
    match model.default_user() {
        Some(user) => {
            let name = if user.display_name.is_empty() {
                format!("{} {}", user.first_name, user.last_name)
            } else {
                user.display_name.clone()
            };
            blocks.push(vec![
                Line::styled(tr(lang, "done.default_user"), theme.title),
                Line::from(vec![
                    Span::raw(format!("  {}", pad(tr(lang, "done.name"), 12))),
                    Span::styled(name, theme.ok),
                ]),
                Line::from(vec![
                    Span::raw(format!("  {}", pad(tr(lang, "done.email"), 12))),
                    Span::raw(user.email.clone()),
                ]),
                Line::from(vec![
                    Span::raw(format!("  {}", pad(tr(lang, "done.user_id"), 12))),
                    Span::raw(user.id.clone()),
                ]),
                Line::raw(""),
                Line::raw(tr(lang, "done.compare")),
                Line::raw(""),
            ]);
        }
        None => blocks.push(vec![
            Line::styled(tr(lang, "done.no_user"), theme.warn),
            Line::raw(""),
        ]),
    }
    blocks.push(summary(model, theme));
    let rest = stack(blocks, area, frame);
    users(model, theme, rest, frame);
}

fn summary(model: &Model, theme: &Theme) -> Vec<Line<'static>> {
    let lang = model.lang;
    let ok = model.check.report.as_ref().is_some_and(|r| r.ok()) && !model.check_outdated();
    let (mark, style, key) = if ok {
        ("✓", theme.ok, "done.check_ok")
    } else {
        ("✗", theme.error, "done.check_not_ok")
    };
    let ticked = |screen| {
        let items = Model::focusable_items(screen);
        let done = items.iter().filter(|i| model.is_ticked(i)).count();
        format!("{done}/{}", items.len())
    };
    let mut lines = vec![
        Line::styled(tr(lang, "done.summary"), theme.title),
        Line::from(vec![
            Span::styled(format!("  {mark} "), style),
            Span::raw(tr(lang, key)),
        ]),
        Line::raw(trf(
            lang,
            "done.step1_ticked",
            &[("n", &ticked(Screen::Step1))],
        )),
        Line::raw(trf(
            lang,
            "done.step2_ticked",
            &[("n", &ticked(Screen::Step2))],
        )),
    ];
    if !model.app_name.is_empty() {
        lines.push(Line::raw(trf(
            lang,
            "done.app_name",
            &[("name", model.app_name.value())],
        )));
    }
    lines.push(Line::raw(""));
    lines
}

/// The active users to pick the default from, the chosen one marked.
fn users(model: &Model, theme: &Theme, area: Rect, frame: &mut Frame) {
    let all = model.users();
    if all.len() < 2 || area.height < 2 {
        return;
    }
    let lang = model.lang;
    let chosen = model.cursor_of(Screen::Done);
    let rows = area.height as usize - 1;
    let first = (chosen + 1).saturating_sub(rows);
    let mut lines = vec![Line::styled(tr(lang, "done.choose"), theme.title)];
    for (i, user) in all.iter().enumerate().skip(first).take(rows) {
        let (mark, style) = if i == chosen {
            ("› (•) ", theme.focus)
        } else {
            ("  ( ) ", theme.text)
        };
        let text = truncate(
            &format!("{}  <{}>", user.display_name, user.email),
            area.width as usize - 6,
        );
        lines.push(Line::from(vec![
            Span::styled(mark, theme.accent),
            Span::styled(text, style),
        ]));
    }
    stack(vec![lines], area, frame);
}
