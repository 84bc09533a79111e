//! Welcome: what the wizard does, what the user needs, and the JWT question.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::app::{Model, Screen};
use crate::i18n::tr;
use crate::theme::Theme;

use super::{choice_line, stack};

pub fn render(model: &Model, theme: &Theme, area: Rect, frame: &mut Frame) {
    let lang = model.lang;
    let bullet = |key| {
        Line::from(vec![
            Span::styled("  • ", theme.accent),
            Span::raw(tr(lang, key)),
        ])
    };
    let choice = model.cursor_of(Screen::Welcome);
    stack(
        vec![
            vec![Line::raw(tr(lang, "welcome.body")), Line::raw("")],
            vec![
                Line::styled(tr(lang, "welcome.needs"), theme.title),
                bullet("welcome.need_zoom"),
                bullet("welcome.need_hacomono"),
                bullet("welcome.need_time"),
                Line::raw(""),
            ],
            vec![
                Line::styled(tr(lang, "welcome.jwt_question"), theme.title),
                choice_line(theme, tr(lang, "welcome.jwt_no"), choice == 0),
                choice_line(theme, tr(lang, "welcome.jwt_yes"), choice == 1),
                choice_line(theme, tr(lang, "welcome.recheck"), choice == 2),
            ],
        ],
        area,
        frame,
    );
}
