//! Custom role: the permissions it needs on Zoom's side, and the warning that it may break.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::app::{Model, Screen};
use crate::i18n::tr;
use crate::theme::Theme;
use crate::widgets::checklist::Checklist;

use super::{item_detail, stack};

pub fn render(model: &Model, theme: &Theme, area: Rect, frame: &mut Frame) {
    let lang = model.lang;
    let rest = stack(
        vec![
            vec![Line::raw(tr(lang, "custom_role.body")), Line::raw("")],
            vec![
                Line::from(vec![
                    Span::styled("! ", theme.warn),
                    Span::styled(tr(lang, "custom_role.warning"), theme.warn),
                ]),
                Line::raw(""),
            ],
        ],
        area,
        frame,
    );
    let list = item_detail(model, theme, rest, frame);
    frame.render_widget(
        Checklist {
            model,
            items: Model::checklist(Screen::CustomRole),
            theme,
        },
        list,
    );
}
