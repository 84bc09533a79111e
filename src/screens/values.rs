//! The Values screen: Account ID, Client ID and Client secret, pasted or typed; the secret
//! masked. Under each field its message, whole (wrapped under the field, never cut).

use crate::credentials::Severity;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use crate::app::Model;
use crate::credentials::{Field, FieldIssue, Secret, check_all, secret_preview_in};
use crate::i18n::{tr, trf};
use crate::theme::Theme;
use crate::widgets::document::Document;
use crate::widgets::text_field::TextField;

pub fn document(model: &Model, theme: &Theme, area: Rect) -> Document {
    let lang = model.lang;
    let g = &theme.glyphs;
    let mut doc = Document::new(area.width);
    doc.text(&[Line::raw(tr(lang, "credentials.body")), Line::raw("")], g);
    let label_width = Field::ALL
        .iter()
        .map(|f| g.shown(tr(lang, f.label_key())).width())
        .max()
        .unwrap_or(0) as u16
        + 2;
    let issues = check_all(&model.credentials());
    let focused_field = model.focused_field();
    for field in Field::ALL {
        let focused = focused_field == field && model.overlay.is_none();
        let (line, cursor) = TextField {
            label: tr(lang, field.label_key()),
            label_width,
            input: model.field(field),
            masked: model.is_hidden(field),
            focused,
            style: theme.text,
            focus_style: theme.focus,
            mask: g.mask,
        }
        .line(area.width, g);
        let row = doc.rows(vec![line]).start;
        if let Some(column) = cursor {
            doc.cursor_at(row, column);
        }
        // The message hangs under the box, so a long one wraps there instead of being cut.
        let mut hint = field_hint(model, theme, field, &issues);
        hint.spans
            .insert(0, Span::raw(" ".repeat(label_width as usize)));
        let hint = doc.text(&[hint], g);
        if focused_field == field {
            doc.focus(row..row + 1, row..hint.end);
        }
    }
    let (mark, style) = if model.remember_ids {
        ("[x]", theme.ok)
    } else {
        ("[ ]", theme.dim)
    };
    doc.text(
        &[Line::from(vec![
            Span::styled(format!("{mark} "), style),
            Span::styled(tr(lang, "credentials.remember"), theme.dim),
        ])],
        g,
    );
    if let Some(demo) = &model.demo {
        doc.text(
            &[
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
            ],
            g,
        );
    }
    doc
}

/// The line under a field: the first problem with its value, else its length, and for the
/// secret its ends so a masked paste can be seen to have landed.
fn field_hint(
    model: &Model,
    theme: &Theme,
    field: Field,
    issues: &[(Field, FieldIssue)],
) -> Line<'static> {
    let lang = model.lang;
    let input = model.field(field);
    if input.is_empty() {
        return Line::styled(tr(lang, "credentials.empty_hint"), theme.dim);
    }
    if let Some((_, issue)) = issues.iter().find(|(f, _)| *f == field) {
        let (mark, style) = match issue.severity {
            Severity::Error => ("✗", theme.error),
            Severity::Warning => ("!", theme.warn),
        };
        return Line::from(vec![
            Span::styled(format!("{mark} "), style),
            Span::styled(issue.text(lang), style),
        ]);
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
    Line::styled(format!("✓ {text}"), theme.dim)
}
