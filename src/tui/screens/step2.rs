//! STEP 2: the checklist for hacomono's admin site, with one key per value to copy.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::app::Model;
use crate::app::view::shown_value;
use crate::credentials::Field;
use crate::i18n::tr;
use crate::tui::theme::Theme;
use crate::tui::widgets::document::Document;

pub fn document(model: &Model, theme: &Theme, area: Rect) -> Document {
    let lang = model.lang;
    let mut top = vec![Line::raw(tr(lang, "step2.body")), Line::raw("")];
    for (n, field) in Field::ALL.into_iter().enumerate() {
        top.push(Line::from(vec![
            Span::styled(format!(" {} ", n + 1), theme.key),
            Span::raw(format!("{}: ", tr(lang, field.label_key()))),
            Span::styled(
                // A masked value is bullets; ASCII terminals get asterisks (`Glyphs::shown`).
                shown_value(model, field, false)
                    .unwrap_or_else(|| tr(lang, "step2.no_value").to_owned()),
                theme.accent,
            ),
        ]));
    }
    if model.clipboard_volatile {
        top.push(Line::styled(
            format!("! {}", tr(lang, "clipboard.paste_before_quit")),
            theme.warn,
        ));
    }
    top.push(Line::raw(""));
    super::checklist::document(model, theme, area, top, None)
}
