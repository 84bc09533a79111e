//! The Values screen: Account ID, Client ID and Client secret, pasted or typed; the secret
//! masked.

use crate::credentials::Severity;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::app::Model;
use crate::credentials::{Field, FieldIssue, Secret, check_all, secret_preview_in};
use crate::i18n::{tr, trf};
use crate::theme::Theme;
use crate::widgets::text_field::TextField;

use super::{paragraph, stack, wrapped_height};

pub fn render(model: &Model, theme: &Theme, area: Rect, frame: &mut Frame) {
    let lang = model.lang;
    let mut rest = stack(
        vec![vec![Line::raw(tr(lang, "credentials.body")), Line::raw("")]],
        area,
        frame,
    );
    let label_width = Field::ALL
        .iter()
        .map(|f| unicode_width::UnicodeWidthStr::width(tr(lang, f.label_key())))
        .max()
        .unwrap_or(0) as u16
        + 2;
    let issues = check_all(&model.credentials());
    for field in Field::ALL {
        if rest.height < 2 {
            break;
        }
        let input = model.field(field);
        let focused = model.focused_field() == field && model.overlay.is_none();
        let widget = TextField {
            label: tr(lang, field.label_key()),
            label_width,
            input,
            masked: model.is_hidden(field),
            focused,
            style: theme.text,
            focus_style: theme.focus,
            mask: theme.glyphs.mask,
        };
        if let Some(cursor) = widget.draw(Rect { height: 1, ..rest }, frame.buffer_mut()) {
            frame.set_cursor_position(cursor);
        }
        let hint = field_hint(model, theme, field, &issues);
        let hint_area = Rect {
            x: rest.x + label_width,
            y: rest.y + 1,
            width: rest.width.saturating_sub(label_width),
            height: 1,
        };
        frame.render_widget(hint, hint_area);
        rest = Rect {
            y: rest.y + 2,
            height: rest.height - 2,
            ..rest
        };
    }
    if rest.height > 0 {
        let (mark, style) = if model.remember_ids {
            ("[x]", theme.ok)
        } else {
            ("[ ]", theme.dim)
        };
        let line = Line::from(vec![
            Span::styled(format!("{mark} "), style),
            Span::styled(tr(lang, "credentials.remember"), theme.dim),
        ]);
        let height = wrapped_height(std::slice::from_ref(&line), rest.width).min(rest.height);
        frame.render_widget(paragraph(vec![line], rest.width), Rect { height, ..rest });
        rest = Rect {
            y: rest.y + height,
            height: rest.height - height,
            ..rest
        };
    }
    if let Some(demo) = &model.demo {
        let lines = vec![
            Line::raw(""),
            Line::from(vec![
                Span::styled(format!(" {} ", tr(lang, "app.demo_badge")), theme.badge),
                Span::raw(" "),
                Span::raw(tr(lang, "credentials.demo")),
            ]),
            Line::styled(
                trf(
                    lang,
                    "credentials.demo_values",
                    &[("account", &demo.account_id), ("client", &demo.client_id)],
                ),
                theme.dim,
            ),
            Line::styled(tr(lang, "credentials.demo_scenarios"), theme.dim),
        ];
        let height = wrapped_height(&lines, rest.width).min(rest.height);
        frame.render_widget(paragraph(lines, rest.width), Rect { height, ..rest });
    }
}

/// The line under a field: the first problem with its value, else its length, and for the
/// secret its ends so a masked paste can be seen to have landed.
fn field_hint(
    model: &Model,
    theme: &Theme,
    field: Field,
    issues: &[(Field, FieldIssue)],
) -> Span<'static> {
    let lang = model.lang;
    let input = model.field(field);
    if input.is_empty() {
        return Span::styled(tr(lang, "credentials.empty_hint"), theme.dim);
    }
    if let Some((_, issue)) = issues.iter().find(|(f, _)| *f == field) {
        let (mark, style) = match issue.severity {
            Severity::Error => ("✗", theme.error),
            Severity::Warning => ("!", theme.warn),
        };
        return Span::styled(format!("{mark} {}", issue.text(lang)), style);
    }
    let text = if model.is_hidden(field) {
        secret_preview_in(lang, &Secret::new(input.value()))
    } else {
        trf(
            lang,
            "credentials.length_hint",
            &[("count", &input.char_count().to_string())],
        )
    };
    Span::styled(format!("✓ {text}"), theme.dim)
}
