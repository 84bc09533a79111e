//! STEP 2: the checklist for hacomono's admin site, with one key per value to copy.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::app::view::shown_value;
use crate::app::{Model, Screen};
use crate::credentials::Field;
use crate::i18n::tr;
use crate::theme::Theme;
use crate::widgets::checklist::Checklist;

use super::{item_detail, stack};

pub fn render(model: &Model, theme: &Theme, area: Rect, frame: &mut Frame) {
    let lang = model.lang;
    let mut values = vec![Line::raw(tr(lang, "step2.body")), Line::raw("")];
    for (n, field) in Field::ALL.into_iter().enumerate() {
        values.push(Line::from(vec![
            Span::styled(format!(" {} ", n + 1), theme.key),
            Span::raw(format!("{}: ", tr(lang, field.label_key()))),
            Span::styled(
                shown_value(model, field, false)
                    // A masked value is bullets; ASCII terminals get asterisks.
                    .map(|v| match model.is_hidden(field) {
                        true => v.replace('•', theme.glyphs.mask),
                        false => v,
                    })
                    .unwrap_or_else(|| tr(lang, "step2.no_value").to_owned()),
                theme.accent,
            ),
        ]));
    }
    if model.clipboard_volatile {
        values.push(Line::styled(
            format!("! {}", tr(lang, "clipboard.paste_before_quit")),
            theme.warn,
        ));
    }
    values.push(Line::raw(""));
    let rest = stack(vec![values], area, frame);
    let list = item_detail(model, theme, rest, frame);
    frame.render_widget(
        Checklist {
            model,
            items: Model::checklist(Screen::Step2),
            theme,
        },
        list,
    );
}
