//! The rehearsal in the two front ends: the core's consent step and host choice (no IO), and
//! plain mode, where an empty answer never writes to Zoom and `y` does, against the emulator.

mod support;

use std::io::{self, BufRead, Read, Write};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crossterm::event::KeyCode;
use hacomono_zoom_setup::app::model::{Overlay, Screen};
use hacomono_zoom_setup::app::{Action, Effect, Msg};
use hacomono_zoom_setup::config::WizardConfig;
use hacomono_zoom_setup::credentials::Credentials;
use hacomono_zoom_setup::credentials::Severity;
use hacomono_zoom_setup::i18n::Lang;
use hacomono_zoom_setup::plain;
use hacomono_zoom_setup::signals::Stop;
use hacomono_zoom_setup::tui::theme::Theme;
use hacomono_zoom_setup::zoom::client::{Endpoints, ZoomClient};
use hacomono_zoom_setup::zoom::report::{
    Diagnosis, DiagnosisCode, Rehearsal, RehearsalStep, Report, StageStatus, TestMeeting, User,
};
use hacomono_zoom_setup::zoom::verify::VerifyOptions;
use support::{Harness, demo_at, walk_to};
use zoom_emulator::Emulator;

fn user(id: &str, role: &str, kind: i64) -> User {
    User {
        id: id.into(),
        email: format!("{id}@example.com"),
        display_name: id.into(),
        user_type: kind,
        role_id: role.into(),
        ..User::default()
    }
}

fn passing_report() -> Report {
    let mut report = Report {
        stages: hacomono_zoom_setup::zoom::report::Stage::ALL
            .iter()
            .map(|s| (*s, StageStatus::Passed))
            .collect(),
        users: vec![user("basic", "2", 1), user("owner", "0", 2)],
        ..Report::default()
    };
    report.choose_default_user(1);
    report
}

/// A harness on a passing Check screen.
fn on_a_passing_check() -> Harness {
    demo_at(Lang::En, Screen::Check, Some(passing_report()))
}

/// `t`, then Enter in the consent step: the rehearsal the core asks for (its generation and
/// host).
fn start_rehearsal(h: &mut Harness) -> (u64, User) {
    h.press(KeyCode::Char('t'));
    let effects = h.press(KeyCode::Enter);
    match effects.as_slice() {
        [
            Effect::Rehearse {
                generation, host, ..
            },
        ] => (*generation, host.clone()),
        _ => panic!("{effects:?}"),
    }
}

/// The host the consent step has focused, while it is open.
fn consent_host(h: &Harness) -> Option<usize> {
    match &h.model.overlay {
        Some(Overlay::Consent { host, .. }) => Some(*host),
        _ => None,
    }
}

#[test]
fn t_asks_first_with_the_proposed_host_and_enter_rehearses_for_the_chosen_one() {
    let mut h = on_a_passing_check();
    assert_eq!(
        h.press(KeyCode::Char('t')),
        vec![],
        "nothing is written yet"
    );
    assert_eq!(consent_host(&h), Some(1), "the owner first");
    h.press(KeyCode::Up);
    assert_eq!(consent_host(&h), Some(0));
    let effects = h.press(KeyCode::Enter);
    let [Effect::Rehearse { host, .. }] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(host.id, "basic");
    assert!(h.model.check.busy(), "the spinner turns while it runs");
}

#[test]
fn esc_in_the_consent_step_writes_nothing() {
    let mut h = on_a_passing_check();
    h.press(KeyCode::Char('t'));
    assert_eq!(h.press(KeyCode::Esc), vec![]);
    assert_eq!(h.model.overlay, None);
    assert!(!h.model.check.busy());
}

#[test]
fn a_check_that_has_not_passed_offers_no_rehearsal() {
    let mut h = Harness::demo(Lang::En);
    walk_to(&mut h, Screen::Values);
    h.ctrl('d');
    walk_to(&mut h, Screen::Check);
    assert_eq!(h.send(Msg::Action(Action::Rehearse)), vec![]);
    assert_eq!(h.model.overlay, None, "no consent while the check runs");
}

#[test]
fn choosing_a_basic_user_on_done_brings_the_forty_minute_warning() {
    let mut h = on_a_passing_check();
    walk_to(&mut h, Screen::Done);
    let warned = |h: &Harness| {
        hacomono_zoom_setup::app::view::blocks(&h.model).iter().any(
            |b| matches!(b, hacomono_zoom_setup::app::view::Block::Warning(t) if t.contains("Basic")),
        )
    };
    assert!(!warned(&h), "the owner is licensed");
    h.send(Msg::Action(Action::Choose(0)));
    assert!(warned(&h), "the Basic user gets the warning");
}

/// Plain mode in-process: every prompt gets an empty answer, except `[y/N]` questions, which
/// get `yes_answer`. The reader looks at what was printed so far to know which prompt it is.
struct Scripted {
    out: Arc<Mutex<Vec<u8>>>,
    yes_answer: &'static str,
    pending: Vec<u8>,
    lines: usize,
}

impl Scripted {
    /// The next answer, chosen by the prompt printed last.
    fn refill(&mut self) {
        if !self.pending.is_empty() || self.lines >= 200 {
            return;
        }
        self.lines += 1;
        let out = self.out.lock().unwrap();
        let asked_yes_no = String::from_utf8_lossy(&out).trim_end().ends_with("[y/N]:");
        let answer = if asked_yes_no { self.yes_answer } else { "" };
        self.pending = format!("{answer}\n").into_bytes();
    }
}

impl Read for Scripted {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.refill();
        let n = buf.len().min(self.pending.len());
        buf[..n].copy_from_slice(&self.pending[..n]);
        self.pending.drain(..n);
        Ok(n)
    }
}

impl BufRead for Scripted {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.refill();
        Ok(&self.pending)
    }

    fn consume(&mut self, amount: usize) {
        self.pending.drain(..amount.min(self.pending.len()));
    }
}

struct Shared(Arc<Mutex<Vec<u8>>>);

impl Write for Shared {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

async fn plain_walk(yes_answer: &'static str) -> (String, Emulator) {
    let emulator = Emulator::start().await.unwrap();
    let client = ZoomClient::new(
        Endpoints::single(&emulator.base_url()),
        Duration::from_secs(5),
    )
    .unwrap();
    let config = WizardConfig {
        lang: Lang::En,
        lang_explicit: true,
        store: None,
        client,
        verify: VerifyOptions::default(),
        demo: Some(Credentials::demo()),
        theme: Theme::from_env(Some("1")),
        secret_clear_after: Duration::from_secs(45),
        glyphs: Default::default(),
    };
    let out = Arc::new(Mutex::new(Vec::new()));
    let input = Scripted {
        out: out.clone(),
        yes_answer,
        pending: Vec::new(),
        lines: 0,
    };
    let code = plain::run(
        config,
        input,
        false,
        Shared(out.clone()),
        io::sink(),
        Stop::new(),
    )
    .await
    .unwrap();
    let text = String::from_utf8(out.lock().unwrap().clone()).unwrap();
    assert_eq!(code, plain::EXIT_FINISHED, "{text}");
    (text, emulator)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn plain_mode_never_rehearses_on_empty_answers() {
    let (text, emulator) = plain_walk("").await;
    assert!(
        text.contains("Rehearse with a test meeting"),
        "the question is asked"
    );
    assert!(!text.contains("Rehearsal for"), "{text}");
    assert_eq!(
        emulator.meeting_requests(),
        (0, 0, 0),
        "nothing was written to Zoom"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn plain_mode_rehearses_when_answered_y_and_leaves_nothing() {
    let (text, emulator) = plain_walk("y").await;
    assert!(text.contains("Rehearsal for 山田 太郎"), "{text}");
    assert!(text.contains("hacomono can create, update and delete meetings for this host"));
    assert_eq!(emulator.meeting_requests(), (1, 1, 1));
    assert_eq!(emulator.meetings_left(), 0);
}

#[test]
fn the_consent_step_in_both_languages() {
    for lang in [Lang::Ja, Lang::En] {
        let mut h = on_a_passing_check();
        h.model.lang = lang;
        h.press(KeyCode::Char('t'));
        insta::assert_snapshot!(format!("consent_{}_80x24", lang.code()), h.screen(80, 24));
    }
}

#[test]
fn after_the_rehearsal_the_verdict_and_the_rehearsal_heading_are_in_view() {
    let every_scope = [
        "meeting:write:meeting:admin",
        "meeting:update:meeting:admin",
        "meeting:delete:meeting:admin",
        "meeting:write:meeting:master",
        "meeting:update:meeting:master",
        "meeting:delete:meeting:master",
        "user:read:list_users:admin",
    ]
    .join(" ");
    for lang in [Lang::Ja, Lang::En] {
        let mut h = on_a_passing_check();
        h.model.lang = lang;
        if let Some(report) = match &mut h.model.check.phase {
            hacomono_zoom_setup::app::model::CheckPhase::Done { report, .. } => Some(report),
            _ => None,
        } {
            report.scopes = hacomono_zoom_setup::zoom::scopes::evaluate(&every_scope, true);
        }
        let (generation, host) = start_rehearsal(&mut h);
        let rehearsal = Rehearsal {
            host,
            steps: RehearsalStep::ALL
                .iter()
                .map(|s| (*s, StageStatus::Passed))
                .collect(),
            meeting: TestMeeting::Deleted { id: 81_234_500_002 },
            interrupted: false,
            problems: vec![],
        };
        h.send(Msg::RehearsalDone {
            generation,
            rehearsal: Box::new(rehearsal),
        });
        let screen = h.screen(80, 24);
        let (verdict, heading) = match lang {
            Lang::Ja => ("hacomono に登録できます", "リハーサル(owner"),
            Lang::En => ("Ready for hacomono", "Rehearsal for owner"),
        };
        assert!(screen.contains(verdict), "the verdict:\n{screen}");
        assert!(
            screen.contains(heading),
            "the rehearsal's heading:\n{screen}"
        );
        insta::assert_snapshot!(
            format!("check_after_rehearsal_{}_80x24", lang.code()),
            screen
        );
    }
}

#[test]
fn enter_during_a_running_check_says_it_is_running_and_gives_no_verdict() {
    let mut h = Harness::demo(Lang::En);
    walk_to(&mut h, Screen::Values);
    h.ctrl('d');
    h.press(KeyCode::Enter);
    h.press(KeyCode::Enter);
    h.press(KeyCode::Enter);
    assert_eq!(h.model.screen, Screen::Check);
    assert!(h.model.check.is_running());
    assert_eq!(h.press(KeyCode::Enter), vec![]);
    assert_eq!(h.model.overlay, None, "no \"check not passed\" question");
    assert_eq!(h.model.screen, Screen::Check);
    assert_eq!(h.model.notice.as_ref().unwrap().key, "notice.check_running");
}

/// The Check screen after a rehearsal for the owner that ended with `problem`.
fn after_a_failed_rehearsal(problem: DiagnosisCode) -> Harness {
    let mut h = on_a_passing_check();
    let (generation, host) = start_rehearsal(&mut h);
    let mut rehearsal = Rehearsal::skipped(host);
    rehearsal.problems.push(Diagnosis {
        code: problem,
        severity: Severity::Error,
        field: None,
        detail: None,
    });
    h.send(Msg::RehearsalDone {
        generation,
        rehearsal: Box::new(rehearsal),
    });
    assert!(!h.model.check.busy(), "the spinner stops");
    h
}

#[test]
fn after_a_rehearsal_refused_for_the_app_t_says_to_check_again_first() {
    let mut h = after_a_failed_rehearsal(DiagnosisCode::MeetingScopesRejected);
    assert_eq!(h.press(KeyCode::Char('t')), vec![]);
    assert_eq!(h.model.overlay, None);
    assert_eq!(
        h.model.notice.as_ref().unwrap().key,
        "notice.rehearse_recheck_first"
    );
    assert!(
        h.screen(80, 24).contains("check again (r)"),
        "{}",
        h.screen(80, 24)
    );
}

#[test]
fn after_a_rehearsal_refused_for_the_host_t_offers_another_host() {
    let mut h = after_a_failed_rehearsal(DiagnosisCode::HostCannotSchedule);
    h.press(KeyCode::Char('t'));
    assert!(
        matches!(h.model.overlay, Some(Overlay::Consent { .. })),
        "{:?}",
        h.model.notice
    );
}

#[test]
fn t_before_a_passing_check_says_why_instead_of_nothing() {
    let mut h = demo_at(Lang::En, Screen::Check, Some(support::unreachable_report()));
    assert_eq!(h.press(KeyCode::Char('t')), vec![]);
    assert_eq!(
        h.model.notice.as_ref().unwrap().key,
        "notice.rehearse_fix_first"
    );
}

#[test]
fn r_while_the_rehearsal_runs_waits_for_it() {
    let mut h = on_a_passing_check();
    h.press(KeyCode::Char('t'));
    h.press(KeyCode::Enter);
    assert_eq!(h.press(KeyCode::Char('r')), vec![]);
    assert_eq!(
        h.model.notice.as_ref().unwrap().key,
        "notice.rehearsal_running"
    );
}
