//! STEP 1: the Marketplace checklist, with the App Name field and the scopes to tick.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use crate::app::{Model, Screen};
use crate::i18n::{tr, trf};
use crate::tui::theme::Theme;
use crate::tui::widgets::document::Document;
use crate::tui::widgets::text_field::TextField;

pub fn document(model: &Model, theme: &Theme, area: Rect) -> Document {
    let lang = model.lang;
    let items = Model::focusable_items(Screen::Step1);
    let done = items
        .iter()
        .filter(|i| model.is_ticked(i))
        .count()
        .to_string();
    let progress = trf(
        lang,
        "step1.progress",
        &[("done", &done), ("total", &items.len().to_string())],
    );
    let top = vec![
        Line::from(vec![
            Span::raw(tr(lang, "step1.body")),
            Span::styled(format!("  {progress}"), theme.accent),
        ]),
        Line::raw(""),
    ];
    // The App Name field ends the detail while its item has focus; it takes the typing once
    // Space or x (or a letter) starts it.
    let field = model.app_name_focused().then(|| {
        let label = tr(lang, "step1.app_name_label");
        TextField {
            label,
            label_width: label.width() as u16 + 1,
            input: &model.app_name,
            masked: false,
            focused: model.overlay.is_none() && model.typing_app_name,
            style: theme.text,
            focus_style: theme.focus,
            mask: theme.glyphs.mask,
        }
        .line(area.width, &theme.glyphs)
    });
    super::checklist::document(model, theme, area, top, field)
}
