//! The check's result as text, written once: plain mode prints it, `check` prints it between
//! its title and verdict, and the support report quotes it. (The TUI draws the same facts as
//! widgets in `tui/screens/check.rs`.)

use crate::credentials::{Field, Severity};
use crate::i18n::{Lang, tr, trf};
use crate::zoom::report::{
    Diagnosis, DiagnosisCode, Rehearsal, RehearsalStep, Report, ScopeCheck, Stage, StageStatus,
    TestMeeting, User, UsersRead, Verdict,
};

/// How far the listing of users has got: "users: 3,000 of 8,000".
pub fn users_progress(lang: Lang, users: UsersRead) -> String {
    let read = crate::text::thousands(users.read);
    match users.total {
        Some(total) => trf(
            lang,
            "check_screen.users_progress",
            &[("read", &read), ("total", &crate::text::thousands(total))],
        ),
        None => trf(
            lang,
            "check_screen.users_progress_no_total",
            &[("read", &read)],
        ),
    }
}

/// A request tried again: "trying again (2 of 3)".
pub fn retrying(lang: Lang, retrying: crate::zoom::client::Retrying) -> String {
    trf(
        lang,
        "check_screen.retrying",
        &[
            ("attempt", &retrying.attempt.to_string()),
            ("of", &retrying.of.to_string()),
        ],
    )
}

/// The stage a retried request belongs to.
pub fn retry_stage(request: crate::zoom::client::RequestKind) -> Option<Stage> {
    use crate::zoom::client::RequestKind;
    match request {
        RequestKind::Token => Some(Stage::Token),
        RequestKind::Users => Some(Stage::Users),
        RequestKind::Meeting => None,
    }
}

/// The sentence after a problem that names the value to re-enter, in the words of the front end
/// that prints it (the full screen's Esc means nothing in plain mode, `check` or a report): see
/// [`reenter_in_plain`], [`reenter_in_report`] and `check`'s own.
pub type Reenter<'a> = &'a dyn Fn(Field) -> String;

/// Plain mode: `b` at the check's question goes back to the values.
pub fn reenter_in_plain(lang: Lang, field: Field) -> String {
    let field = tr(lang, field.label_key());
    trf(lang, "check_screen.reenter_plain", &[("field", field)])
}

/// The support report, read by whoever helps: which value, not which key.
pub fn reenter_in_report(lang: Lang, field: Field) -> String {
    let field = tr(lang, field.label_key());
    trf(lang, "check_screen.reenter_report", &[("field", field)])
}

/// Each stage with its mark, the verdict and the proposed user, each problem with its code,
/// fix and the value to re-enter (said by `reenter`), then the scopes. `stage` gives each
/// stage's status (the report's, or a running check's).
pub fn lines(
    lang: Lang,
    report: &Report,
    stage: impl Fn(Stage) -> StageStatus,
    reenter: Reenter<'_>,
) -> Vec<String> {
    let mut lines: Vec<String> = Stage::ALL
        .into_iter()
        .map(|s| format!("  {} {}", stage(s).symbol(), tr(lang, s.label_key())))
        .collect();
    lines.push(String::new());
    let (mark, verdict) = verdict_line(lang, report);
    lines.push(format!("{} {verdict}", mark.symbol()));
    if report.ok() {
        if let Some(user) = report.default_user() {
            let total = report.users_total.unwrap_or(report.users.len() as u64);
            lines.push(format!(
                "  {}",
                trf(
                    lang,
                    "check_screen.users_found",
                    &[
                        ("count", &crate::text::thousands(total)),
                        ("name", &user.name()),
                        ("email", &user.email),
                    ],
                )
            ));
        }
    }
    if let Some(rehearsal) = &report.rehearsal {
        lines.push(String::new());
        lines.extend(rehearsal_lines(lang, rehearsal));
    }
    for diagnosis in &report.diagnoses {
        lines.push(String::new());
        lines.extend(diagnosis_lines(lang, diagnosis, reenter));
    }
    let route = crate::net::report::route_lines(lang, report);
    if !route.is_empty() {
        lines.push(String::new());
        lines.extend(route);
    }
    if !report.scopes.is_empty() {
        lines.push(String::new());
        lines.push(tr(lang, "check_screen.scopes").to_owned());
        lines.extend(scope_lines(lang, &report.scopes));
    }
    lines
}

/// How a verdict is marked: ready, a problem to fix, or not known yet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VerdictMark {
    Ready,
    Problem,
    Unknown,
}

impl VerdictMark {
    pub fn symbol(self) -> &'static str {
        match self {
            VerdictMark::Ready => "✓",
            VerdictMark::Problem => "✗",
            VerdictMark::Unknown => "!",
        }
    }
}

/// The verdict over a report's result: ready; fix what is said below; not known yet, try
/// again later, when nothing found is a fault of the values (a rate limit, a time-out, the
/// network); or interrupted. (The full screen words "fix" with its key.)
pub fn verdict_line(lang: Lang, report: &Report) -> (VerdictMark, &'static str) {
    match report.verdict() {
        Verdict::Ready => (VerdictMark::Ready, tr(lang, "check_screen.ready")),
        Verdict::Fix => (
            VerdictMark::Problem,
            tr(lang, "check_screen.not_ready_text"),
        ),
        Verdict::TryLater => (VerdictMark::Unknown, tr(lang, "check_screen.try_later")),
        Verdict::Interrupted => (VerdictMark::Unknown, interrupted_verdict(lang, report)),
    }
}

/// What an interrupted run knows: the check did not finish, or its rehearsal did not.
pub fn interrupted_verdict(lang: Lang, report: &Report) -> &'static str {
    match report.rehearsal {
        Some(_) => tr(lang, "check.interrupted_rehearsal"),
        None => tr(lang, "check.interrupted"),
    }
}

/// The rehearsal under way: for whom, and each step with its mark so far.
pub fn rehearsal_progress_lines(
    lang: Lang,
    host: &User,
    step: impl Fn(RehearsalStep) -> StageStatus,
) -> Vec<String> {
    let mut lines = vec![trf(
        lang,
        "rehearsal.heading",
        &[("name", &host.name()), ("email", &host.email)],
    )];
    lines.extend(
        RehearsalStep::ALL
            .into_iter()
            .map(|s| format!("  {} {}", step(s).symbol(), tr(lang, s.label_key()))),
    );
    lines
}

/// The rehearsal done: for whom, each step, what became of its test meeting, whether it was
/// interrupted, and the verdict for this host.
pub fn rehearsal_lines(lang: Lang, rehearsal: &Rehearsal) -> Vec<String> {
    let mut lines = rehearsal_progress_lines(lang, &rehearsal.host, |s| rehearsal.status(s));
    lines.push(format!("  {}", meeting_line(lang, &rehearsal.meeting)));
    if rehearsal.interrupted {
        lines.push(format!("! {}", tr(lang, "rehearsal.interrupted")));
    }
    if rehearsal.passed() {
        lines.push(format!("✓ {}", tr(lang, "rehearsal.passed")));
    }
    lines
}

/// What became of the test meeting, in one line: a meeting skipped is never called deleted.
pub fn meeting_line(lang: Lang, meeting: &TestMeeting) -> String {
    let id = |id: &u64| id.to_string();
    match meeting {
        TestMeeting::NotCreated => tr(lang, "rehearsal.not_created").to_owned(),
        TestMeeting::Deleted { id: n } => trf(lang, "rehearsal.deleted", &[("id", &id(n))]),
        TestMeeting::PersonalRoom { id: n } => {
            trf(lang, "rehearsal.personal_room", &[("id", &id(n))])
        }
        TestMeeting::Left(left) => {
            let start = crate::time::for_people(left.start_time);
            let facts = [("topic", left.topic.as_str()), ("start", start.as_str())];
            match left.id {
                Some(n) => {
                    let n = id(&n);
                    trf(
                        lang,
                        "rehearsal.left",
                        &[&[("id", n.as_str())][..], &facts].concat(),
                    )
                }
                None => trf(lang, "rehearsal.maybe_left", &facts),
            }
        }
    }
}

/// Said after a run that was stopped during a rehearsal, once the screen is plain text again:
/// the rehearsal, and for a meeting left in Zoom, how to delete it by hand.
pub fn interrupted_rehearsal_lines(lang: Lang, rehearsal: &Rehearsal) -> Vec<String> {
    let mut lines = rehearsal_lines(lang, rehearsal);
    for problem in &rehearsal.problems {
        if matches!(
            problem.code,
            DiagnosisCode::CleanupFailed | DiagnosisCode::MeetingMayBeLeft
        ) {
            // These two name no value to re-enter: the report's neutral words would do.
            lines.extend(diagnosis_lines(lang, problem, &|field| {
                reenter_in_report(lang, field)
            }));
        }
    }
    lines
}

/// `✗ title  [code]`, the fix, and which value to re-enter (said by `reenter`).
pub fn diagnosis_lines(lang: Lang, diagnosis: &Diagnosis, reenter: Reenter<'_>) -> Vec<String> {
    let mut lines = vec![
        format!(
            "{} {}  [{}]",
            severity_mark(diagnosis.severity),
            diagnosis.title(lang),
            diagnosis.code.as_str()
        ),
        format!("  {}", diagnosis.fix(lang)),
    ];
    if let Some(field) = diagnosis.field {
        lines.push(format!("  → {}", reenter(field)));
    }
    lines
}

/// The scopes as STEP 1 ticks them: each group's heading, then its ticks (see `scope_line`).
pub fn scope_lines(lang: Lang, scopes: &[ScopeCheck]) -> Vec<String> {
    let mut lines = Vec::new();
    let mut group = None;
    for scope in scopes {
        let requirement = crate::zoom::scopes::requirement(scope.requirement);
        if let Some(r) = requirement.filter(|r| group != Some(r.group)) {
            group = Some(r.group);
            lines.push(format!("  {}", r.group_label(lang)));
        }
        lines.push(scope_line(lang, scope));
    }
    lines
}

/// `✓ [label] (the scope that met it)`, as STEP 1 names the tick; `✗` for a required one
/// missing, `!` for an optional one, with the granular scope to add. A classic scope that met
/// it is named with the granular one.
pub fn scope_line(lang: Lang, scope: &ScopeCheck) -> String {
    let scopes = match scope.met_by.as_deref() {
        Some(by) if by != scope.granular => format!("{by}; {}", scope.granular),
        _ => scope.granular.to_owned(),
    };
    format!(
        "    {} {} ({scopes})",
        scope_mark(scope),
        tr(lang, &scope.label_key())
    )
}

pub fn scope_mark(scope: &ScopeCheck) -> &'static str {
    match (scope.met(), scope.required) {
        (true, _) => "✓",
        (false, true) => "✗",
        (false, false) => "!",
    }
}

pub fn severity_mark(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "✗",
        Severity::Warning => "!",
    }
}
