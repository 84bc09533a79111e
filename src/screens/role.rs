//! Zoom account and role: sign-up link, and Owner/Admin or a custom role.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::app::update::SIGNUP_URL;
use crate::app::{Model, Screen};
use crate::i18n::tr;
use crate::theme::Theme;

use super::{choice_line, stack};

pub fn render(model: &Model, theme: &Theme, area: Rect, frame: &mut Frame) {
    let lang = model.lang;
    let custom = model.cursor_of(Screen::Role) == 1;
    stack(
        vec![
            vec![Line::raw(tr(lang, "role.body")), Line::raw("")],
            vec![
                Line::raw(tr(lang, "role.no_account")),
                Line::from(vec![
                    Span::raw("  "),
                    Span::styled(SIGNUP_URL, theme.accent),
                ]),
                Line::raw(""),
            ],
            vec![
                Line::styled(tr(lang, "role.question"), theme.title),
                choice_line(theme, tr(lang, "role.owner_admin"), !custom),
                choice_line(theme, tr(lang, "role.custom"), custom),
                Line::raw(""),
            ],
            vec![Line::styled(
                tr(
                    lang,
                    if custom {
                        "role.custom_note"
                    } else {
                        "role.owner_admin_note"
                    },
                ),
                theme.dim,
            )],
        ],
        area,
        frame,
    );
}
