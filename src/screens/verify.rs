//! Activation status: the live check against Zoom, each step with ✓/✗, and what to do.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::app::Model;
use crate::i18n::{Lang, tr, trf};
use crate::theme::Theme;
use crate::widgets::spinner;
use crate::zoom::report::{Diagnosis, Report, Severity, Stage, StageStatus};

use super::stack;

pub fn render(model: &Model, theme: &Theme, area: Rect, frame: &mut Frame) {
    let lang = model.lang;
    let check = &model.check;
    let mut blocks = vec![vec![Line::raw(tr(lang, "verify.body")), Line::raw("")]];
    let stages: Vec<Line> = Stage::ALL
        .into_iter()
        .map(|stage| {
            let (mark, style) = stage_mark(theme, check.status(stage), model.spinner);
            let label_key = match stage {
                Stage::Token => "stage.token",
                Stage::Scopes => "stage.scopes",
                Stage::Users => "stage.users",
            };
            Line::from(vec![Span::styled(format!(" {mark} "), style), Span::raw(tr(lang, label_key))])
        })
        .collect();
    blocks.push(stages);
    blocks.push(vec![Line::raw("")]);
    match &check.report {
        None if check.running => blocks.push(vec![Line::styled(tr(lang, "verify.running"), theme.dim)]),
        None => blocks.push(vec![Line::styled(tr(lang, "verify.not_run"), theme.dim)]),
        Some(report) => {
            if model.check_outdated() {
                blocks.push(vec![Line::styled(tr(lang, "verify.outdated"), theme.warn), Line::raw("")]);
            }
            blocks.extend(result_blocks(lang, theme, report));
        }
    }
    stack(blocks, area, frame);
}

fn stage_mark(theme: &Theme, status: StageStatus, tick: usize) -> (&'static str, Style) {
    match status {
        StageStatus::Pending => ("·", theme.dim),
        StageStatus::Running => (spinner::frame(tick), theme.accent),
        StageStatus::Passed => ("✓", theme.ok),
        StageStatus::Warning => ("!", theme.warn),
        StageStatus::Failed => ("✗", theme.error),
        StageStatus::Skipped => ("–", theme.dim),
    }
}

fn result_blocks(lang: Lang, theme: &Theme, report: &Report) -> Vec<Vec<Line<'static>>> {
    let mut blocks = Vec::new();
    if report.ok() {
        let mut lines = vec![Line::styled(format!("✓ {}", tr(lang, "verify.ready")), theme.ok)];
        if let Some(user) = report.default_user.and_then(|i| report.users.get(i)) {
            let total = report.users_total.unwrap_or(report.users.len() as u64).to_string();
            lines.push(Line::raw(trf(
                lang,
                "verify.users_found",
                &[("count", &total), ("name", &user.display_name), ("email", &user.email)],
            )));
        }
        lines.push(Line::raw(""));
        blocks.push(lines);
    } else {
        blocks.push(vec![Line::styled(format!("✗ {}", tr(lang, "verify.not_ready")), theme.error), Line::raw("")]);
    }
    for diagnosis in &report.diagnoses {
        blocks.push(diagnosis_lines(lang, theme, diagnosis));
    }
    blocks
}

/// A diagnosis as the user reads it: the symbol and title, then the fix.
pub fn diagnosis_lines(lang: Lang, theme: &Theme, diagnosis: &Diagnosis) -> Vec<Line<'static>> {
    let (mark, style) = match diagnosis.severity {
        Severity::Error => ("✗", theme.error),
        Severity::Warning => ("!", theme.warn),
    };
    let detail = diagnosis.detail.clone().unwrap_or_default();
    let code = diagnosis.code.as_str();
    let title = trf(lang, &format!("diag.{code}.title"), &[("detail", &detail)]);
    let fix = trf(lang, &format!("diag.{code}.fix"), &[("detail", &detail)]);
    vec![
        Line::from(vec![Span::styled(format!("{mark} {title}"), style), Span::styled(format!("  [{code}]"), theme.dim)]),
        Line::raw(format!("  {fix}")),
        Line::raw(""),
    ]
}
