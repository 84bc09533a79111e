//! Credentials: Account ID, Client ID and Client secret, pasted or typed; the secret masked.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::app::Model;
use crate::credentials::Field;
use crate::i18n::{tr, trf};
use crate::theme::Theme;
use crate::widgets::text_field::TextField;

use super::{paragraph, stack, wrapped_height};

pub fn render(model: &Model, theme: &Theme, area: Rect, frame: &mut Frame) {
    let lang = model.lang;
    let mut rest = stack(vec![vec![Line::raw(tr(lang, "credentials.body")), Line::raw("")]], area, frame);
    let label_width = Field::ALL
        .iter()
        .map(|f| unicode_width::UnicodeWidthStr::width(tr(lang, f.label_key())))
        .max()
        .unwrap_or(0) as u16
        + 2;
    for field in Field::ALL {
        if rest.height < 2 {
            break;
        }
        let input = model.field(field);
        let focused = model.focused_field() == field && model.overlay.is_none();
        let secret = field == Field::ClientSecret;
        let widget = TextField {
            label: tr(lang, field.label_key()),
            label_width,
            input,
            masked: secret && !model.reveal_secret,
            focused,
            style: theme.text,
            focus_style: theme.focus,
        };
        if let Some(cursor) = widget.draw(Rect { height: 1, ..rest }, frame.buffer_mut()) {
            frame.set_cursor_position(cursor);
        }
        let hint = field_hint(model, field);
        let hint_area = Rect { x: rest.x + label_width, y: rest.y + 1, width: rest.width.saturating_sub(label_width), height: 1 };
        frame.render_widget(Span::styled(hint, theme.dim), hint_area);
        rest = Rect { y: rest.y + 2, height: rest.height - 2, ..rest };
    }
    if let Some(demo) = &model.demo {
        let lines = vec![
            Line::raw(""),
            Line::from(vec![
                Span::styled(format!(" {} ", tr(lang, "app.demo_badge")), theme.badge),
                Span::raw(" "),
                Span::raw(tr(lang, "credentials.demo")),
            ]),
            Line::styled(trf(lang, "credentials.demo_values", &[("account", &demo.account_id), ("client", &demo.client_id)]), theme.dim),
        ];
        let height = wrapped_height(&lines, rest.width).min(rest.height);
        frame.render_widget(paragraph(lines), Rect { height, ..rest });
    }
}

/// The line under a field: its length, and for the secret its ends so a masked paste can be
/// seen to have landed.
fn field_hint(model: &Model, field: Field) -> String {
    let lang = model.lang;
    let input = model.field(field);
    if input.is_empty() {
        return tr(lang, "credentials.empty_hint").to_owned();
    }
    let count = input.char_count().to_string();
    if field == Field::ClientSecret && !model.reveal_secret {
        let chars: Vec<char> = input.value().chars().collect();
        if chars.len() >= 12 {
            let head: String = chars[..4].iter().collect();
            let tail: String = chars[chars.len() - 4..].iter().collect();
            return trf(lang, "credentials.secret_hint", &[("count", &count), ("head", &head), ("tail", &tail)]);
        }
    }
    trf(lang, "credentials.length_hint", &[("count", &count)])
}
