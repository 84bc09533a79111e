//! The Check screen: the live check against Zoom, each stage with ✓/✗, the verdict, the
//! rehearsal, each problem with its fix, and the scopes.

use crate::credentials::Severity;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::app::check_text::{self, VerdictMark};
use crate::app::{Model, Screen};
use crate::i18n::{Lang, tr, trf};
use crate::tui::theme::Theme;
use crate::tui::widgets::document::Document;
use crate::tui::widgets::{spinner, truncate};
use crate::zoom::report::{Diagnosis, Report, Stage, StageStatus, Verdict};
use unicode_width::UnicodeWidthStr;

pub fn document(model: &Model, theme: &Theme, area: Rect) -> Document {
    let lang = model.lang;
    let check = &model.check;
    let mut blocks = vec![vec![
        Line::raw(tr(lang, "check_screen.body")),
        Line::raw(""),
    ]];
    if model.recheck_existing() {
        blocks.push(vec![
            Line::styled(tr(lang, "check_screen.token_note"), theme.dim),
            Line::raw(""),
        ]);
    }
    let stages = Stage::ALL.into_iter();
    blocks.push(
        stages
            .map(|stage| stage_line(model, theme, stage))
            .collect(),
    );
    blocks.push(vec![Line::raw("")]);
    let mut focus = None;
    match check.report() {
        None if check.is_running() => blocks.push(vec![Line::styled(
            tr(lang, "check_screen.running"),
            theme.dim,
        )]),
        None => blocks.push(vec![Line::styled(
            tr(lang, "check_screen.not_run"),
            theme.dim,
        )]),
        Some(report) => {
            if model.check_outdated() {
                blocks.push(vec![
                    Line::styled(tr(lang, "check_screen.outdated"), theme.warn),
                    Line::raw(""),
                ]);
            }
            // The verdict, the rehearsal, the diagnoses (in the text form's order), the scope
            // list: the parts ↑/↓ walk, from the verdict on.
            let mut results = result_blocks(lang, theme, report);
            focus = Some(blocks.len() + model.cursor_of(Screen::Check));
            blocks.push(results.remove(0));
            blocks.extend(rehearsal_block(model));
            blocks.extend(results);
            blocks.push(scope_lines(model, theme, report, area.width as usize));
        }
    }
    // The focused part is kept in view, its first rows at least; the rest scrolls around it.
    let mut doc = Document::new(area.width);
    for (i, block) in blocks.iter().enumerate() {
        let rows = doc.text(block, &theme.glyphs);
        if Some(i) == focus {
            let must = rows.start..(rows.start + 2).min(rows.end);
            doc.focus(must, rows);
        }
    }
    doc
}

/// One stage: its mark (a spinner while it runs), its name, and while the users are read
/// how many so far, while a request is retried when it will be.
fn stage_line(model: &Model, theme: &Theme, stage: Stage) -> Line<'static> {
    let lang = model.lang;
    let check = &model.check;
    let (mark, style) = stage_mark(theme, check.status(stage), model.spinner);
    let mut spans = vec![
        Span::styled(format!(" {mark} "), style),
        Span::raw(tr(lang, stage.label_key())),
    ];
    if let (Stage::Users, Some(users)) = (stage, check.users_read()) {
        spans.push(Span::styled(
            format!("  {}", check_text::users_progress(lang, users)),
            theme.dim,
        ));
    }
    if let Some(retrying) = check
        .retrying
        .filter(|r| check_text::retry_stage(r.request) == Some(stage))
    {
        spans.push(Span::styled(
            format!("  {}", check_text::retrying(lang, retrying)),
            theme.dim,
        ));
    }
    Line::from(spans)
}

/// The rehearsal under way or done, as one block; none before one is asked for.
fn rehearsal_block(model: &Model) -> Option<Vec<Line<'static>>> {
    let rehearsal = crate::app::view::rehearsal_lines(model);
    if rehearsal.is_empty() {
        return None;
    }
    let mut lines: Vec<Line> = rehearsal.into_iter().map(Line::raw).collect();
    lines.push(Line::raw(""));
    Some(lines)
}

fn stage_mark(theme: &Theme, status: StageStatus, tick: usize) -> (&'static str, Style) {
    let style = match status {
        StageStatus::Pending | StageStatus::Skipped => theme.dim,
        StageStatus::Running => theme.accent,
        StageStatus::Passed => theme.ok,
        StageStatus::Warning => theme.warn,
        StageStatus::Failed => theme.error,
    };
    let symbol = match status {
        StageStatus::Running => spinner::frame(tick),
        StageStatus::Pending => theme.glyphs.pending,
        StageStatus::Skipped => theme.glyphs.skipped,
        _ => status.symbol(),
    };
    (symbol, style)
}

fn result_blocks(lang: Lang, theme: &Theme, report: &Report) -> Vec<Vec<Line<'static>>> {
    let mut blocks = Vec::new();
    // The text form's verdict; "fix" names the key that checks again here.
    let (mark, verdict) = match report.verdict() {
        Verdict::Fix => (VerdictMark::Problem, tr(lang, "check_screen.not_ready")),
        _ => check_text::verdict_line(lang, report),
    };
    let style = match mark {
        VerdictMark::Ready => theme.ok,
        VerdictMark::Problem => theme.error,
        VerdictMark::Unknown => theme.warn,
    };
    let mut lines = vec![Line::styled(format!("{} {verdict}", mark.symbol()), style)];
    if report.ok()
        && let Some(user) = report.default_user.and_then(|i| report.users.get(i))
    {
        let total = crate::text::thousands(report.users_total.unwrap_or(report.users.len() as u64));
        lines.push(Line::raw(trf(
            lang,
            "check_screen.users_found",
            &[
                ("count", &total),
                ("name", &user.display_name),
                ("email", &user.email),
            ],
        )));
    }
    lines.push(Line::raw(""));
    blocks.push(lines);
    for diagnosis in &report.diagnoses {
        blocks.push(diagnosis_lines(lang, theme, diagnosis));
    }
    blocks
}

/// What the token's scopes cover, as STEP 1 ticks them: each group's heading, then one
/// requirement a line (after the diagnoses: details).
fn scope_lines(model: &Model, theme: &Theme, report: &Report, width: usize) -> Vec<Line<'static>> {
    let lang = model.lang;
    let g = &theme.glyphs;
    if report.scopes.is_empty() {
        return vec![];
    }
    let mut lines = vec![Line::styled(tr(lang, "check_screen.scopes"), theme.title)];
    let mut group = None;
    for scope in &report.scopes {
        let requirement = crate::zoom::scopes::requirement(scope.requirement);
        if let Some(r) = requirement.filter(|r| group != Some(r.group)) {
            group = Some(r.group);
            let heading = truncate(
                &g.shown(r.group_label(lang)),
                width.saturating_sub(1),
                g.ellipsis,
            );
            lines.push(Line::styled(format!(" {heading}"), theme.dim));
        }
        let (mark, style) = match (scope.met(), scope.required) {
            (true, _) => ("✓", theme.ok),
            (false, true) => ("✗", theme.error),
            (false, false) => ("!", theme.warn),
        };
        // One row each: the label cut to fit, the scope name only where there is room.
        let room = width.saturating_sub(5);
        let label = truncate(&g.shown(tr(lang, &scope.label_key())), room, g.ellipsis);
        let by = scope
            .met_by
            .clone()
            .unwrap_or_else(|| scope.granular.to_owned());
        let mut spans = vec![
            Span::styled(format!("   {mark} "), style),
            Span::raw(label.clone()),
        ];
        if label.width() + 2 + by.width() <= room {
            spans.push(Span::styled(format!("  {by}"), theme.dim));
        }
        lines.push(Line::from(spans));
    }
    lines
}

/// A diagnosis as the user reads it: the symbol and title, then the fix.
pub fn diagnosis_lines(lang: Lang, theme: &Theme, diagnosis: &Diagnosis) -> Vec<Line<'static>> {
    let (mark, style) = match diagnosis.severity {
        Severity::Error => ("✗", theme.error),
        Severity::Warning => ("!", theme.warn),
    };
    let code = diagnosis.code.as_str();
    let (title, fix) = (diagnosis.title(lang), diagnosis.fix(lang));
    let mut lines = vec![
        Line::from(vec![
            Span::styled(format!("{mark} {title}"), style),
            Span::styled(format!("  [{code}]"), theme.dim),
        ]),
        Line::raw(format!("  {fix}")),
    ];
    if let Some(field) = diagnosis.field {
        let field = tr(lang, field.label_key());
        lines.push(Line::styled(
            format!(
                "  {} {}",
                theme.glyphs.arrow,
                trf(lang, "check_screen.reenter", &[("field", field)])
            ),
            theme.accent,
        ));
    }
    lines.push(Line::raw(""));
    lines
}
