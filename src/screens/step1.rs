//! STEP 1: the Marketplace checklist, with the App Name field and the scopes to tick.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::app::{Model, Screen};
use crate::guide::ItemKind;
use crate::i18n::{tr, trf};
use crate::theme::Theme;
use crate::widgets::checklist::Checklist;
use crate::widgets::text_field::TextField;

use super::{item_detail, stack};

pub fn render(model: &Model, theme: &Theme, area: Rect, frame: &mut Frame) {
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
    let body = Line::from(vec![
        Span::raw(tr(lang, "step1.body")),
        Span::styled(format!("  {progress}"), theme.accent),
    ]);
    let mut rest = stack(vec![vec![body]], area, frame);
    // The App Name field sits above the detail while its item has focus.
    if model
        .focused_item()
        .is_some_and(|i| i.kind == ItemKind::AppName)
        && rest.height > 4
    {
        let label = tr(lang, "step1.app_name_label");
        let field_area = Rect {
            y: rest.bottom() - 1,
            height: 1,
            ..rest
        };
        let field = TextField {
            label,
            label_width: unicode_width::UnicodeWidthStr::width(label) as u16 + 1,
            input: &model.app_name,
            masked: false,
            focused: model.overlay.is_none(),
            style: theme.text,
            focus_style: theme.focus,
            mask: theme.glyphs.mask,
        };
        if let Some(cursor) = field.draw(field_area, frame.buffer_mut()) {
            frame.set_cursor_position(cursor);
        }
        rest.height -= 1;
    }
    rest.y += 1;
    rest.height = rest.height.saturating_sub(1);
    let list = item_detail(model, theme, rest, frame);
    frame.render_widget(
        Checklist {
            model,
            items: Model::checklist(Screen::Step1),
            theme,
        },
        list,
    );
}
