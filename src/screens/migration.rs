//! Migration: for links first set up with the old JWT method.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::app::Model;
use crate::i18n::tr;
use crate::theme::Theme;

use super::stack;

pub fn render(model: &Model, theme: &Theme, area: Rect, frame: &mut Frame) {
    let lang = model.lang;
    let point = |key| {
        vec![
            Line::from(vec![
                Span::styled("• ", theme.accent),
                Span::raw(tr(lang, key)),
            ]),
            Line::raw(""),
        ]
    };
    stack(
        vec![
            vec![Line::raw(tr(lang, "migration.body")), Line::raw("")],
            point("migration.jwt_ended"),
            point("migration.new_app"),
            point("migration.overwrite"),
        ],
        area,
        frame,
    );
}
