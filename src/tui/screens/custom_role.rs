//! Custom role: the permissions it needs on Zoom's side, and the warning that it may break.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::app::Model;
use crate::i18n::tr;
use crate::tui::theme::Theme;
use crate::tui::widgets::document::Document;

pub fn document(model: &Model, theme: &Theme, area: Rect) -> Document {
    let lang = model.lang;
    let top = vec![
        Line::raw(tr(lang, "custom_role.body")),
        Line::raw(""),
        Line::from(vec![
            Span::styled("! ", theme.warn),
            Span::styled(tr(lang, "custom_role.warning"), theme.warn),
        ]),
        Line::raw(""),
    ];
    super::checklist::document(model, theme, area, top, None)
}
