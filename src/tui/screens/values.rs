//! The Values screen: Account ID, Client ID and Client secret, pasted or typed; the secret
//! masked. Under each field its message, whole (wrapped under the field, never cut).

use crate::credentials::Severity;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use crate::app::Model;
use crate::credentials::{Credentials, Field, FieldIssue, Secret, check_all, secret_preview_in};
use crate::i18n::{tr, trf};
use crate::tui::theme::Theme;
use crate::tui::widgets::document::Document;
use crate::tui::widgets::text_field::TextField;

/// The screen: what to paste where, the three fields each with its message, whether the IDs
/// are remembered, and in `--demo` the demo account.
pub fn document(model: &Model, theme: &Theme, area: Rect) -> Document {
    let lang = model.lang;
    let g = &theme.glyphs;
    let mut doc = Document::new(area.width);
    doc.text(&[Line::raw(tr(lang, "values.body")), Line::raw("")], g);
    fields(&mut doc, model, theme, area.width);
    doc.text(&[remember_line(model, theme)], g);
    if let Some(demo) = &model.demo {
        doc.text(&demo_lines(model, theme, demo), g);
    }
    doc
}

/// Each field on a row, its label padded to the longest, its message hanging under the box;
/// the focused one holds the cursor and keeps its message in view.
fn fields(doc: &mut Document, model: &Model, theme: &Theme, width: u16) {
    let lang = model.lang;
    let g = &theme.glyphs;
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
        .line(width, g);
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
}

/// `[x]` or `[ ]`: whether the two IDs are kept on this computer.
fn remember_line(model: &Model, theme: &Theme) -> Line<'static> {
    let (mark, style) = if model.remember_ids {
        ("[x]", theme.ok)
    } else {
        ("[ ]", theme.dim)
    };
    Line::from(vec![
        Span::styled(format!("{mark} "), style),
        Span::styled(tr(model.lang, "values.remember"), theme.dim),
    ])
}

/// In `--demo`: the badge, the demo account's IDs and its scenarios.
fn demo_lines(model: &Model, theme: &Theme, demo: &Credentials) -> [Line<'static>; 4] {
    let lang = model.lang;
    [
        Line::raw(""),
        Line::from(vec![
            Span::styled(format!(" {} ", tr(lang, "app.demo_badge")), theme.badge),
            Span::raw(" "),
            Span::raw(tr(lang, "values.demo")),
        ]),
        Line::styled(
            trf(
                lang,
                "values.demo_values",
                &[("account", &demo.account_id), ("client", &demo.client_id)],
            ),
            theme.dim,
        ),
        Line::styled(tr(lang, "values.demo_scenarios"), theme.dim),
    ]
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
        return Line::styled(tr(lang, "values.empty_hint"), theme.dim);
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
            "values.length_hint",
            &[("count", &input.char_count().to_string())],
        )
    };
    Line::styled(format!("✓ {text}"), theme.dim)
}
