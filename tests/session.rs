//! The one engine for Zoom work (`zoom::session`) against the emulator over real HTTP: it always
//! answers, whatever fails, and says exactly what it left in Zoom. (The front ends' use of it,
//! through the real binary: `interruptions.rs`, `rehearsal_pty.rs`, `rehearsal.rs`.)

use std::time::Duration;

use hacomono_zoom_setup::app::check_text;
use hacomono_zoom_setup::credentials::{Credentials, Secret};
use hacomono_zoom_setup::i18n::Lang;
use hacomono_zoom_setup::signals::{Interrupt, Stop};
use hacomono_zoom_setup::zoom::client::{Endpoints, ZoomClient};
use hacomono_zoom_setup::zoom::report::{
    DiagnosisCode, Rehearsal, RehearsalStep, StageStatus, TestMeeting, User,
};
use hacomono_zoom_setup::zoom::session::ZoomSession;
use hacomono_zoom_setup::zoom::verify::VerifyOptions;
use zoom_emulator::{DEMO_ACCOUNT_ID, DEMO_CLIENT_SECRET, Emulator, EmulatorConfig, Scenario};

fn session(emulator: &Emulator, timeout: Duration) -> ZoomSession {
    let client = ZoomClient::new(Endpoints::single(&emulator.base_url()), timeout).unwrap();
    ZoomSession::new(client, VerifyOptions::default())
}

fn creds(scenario: Scenario) -> Credentials {
    Credentials {
        account_id: DEMO_ACCOUNT_ID.into(),
        client_id: scenario.client_id().into(),
        client_secret: Secret::new(DEMO_CLIENT_SECRET),
    }
}

/// The scenario's proposed host, from a passing check (whose token the rehearsal then reuses).
async fn checked(session: &ZoomSession, scenario: Scenario) -> User {
    let report = session
        .check(&creds(scenario), &Stop::new(), &mut |_, _, _| {})
        .await;
    assert!(report.ok(), "{:?}", report.diagnoses);
    report.default_user().cloned().unwrap()
}

/// A rehearsal for `host` with `scenario`'s values, nothing stopping it.
async fn rehearse(session: &ZoomSession, scenario: Scenario, host: &User) -> Rehearsal {
    session
        .rehearse(&creds(scenario), host, &Stop::new(), &mut |_, _| {})
        .await
}

fn codes(rehearsal: &Rehearsal) -> Vec<DiagnosisCode> {
    rehearsal.problems.iter().map(|p| p.code).collect()
}

fn steps(rehearsal: &Rehearsal) -> Vec<StageStatus> {
    RehearsalStep::ALL
        .iter()
        .map(|s| rehearsal.status(*s))
        .collect()
}

#[tokio::test]
async fn a_token_refused_before_the_rehearsal_is_a_diagnosis_and_nothing_is_written() {
    let emulator = Emulator::start().await.unwrap();
    let session = session(&emulator, Duration::from_secs(5));
    // No check before: the rehearsal needs a token of its own, and Zoom refuses it.
    let host = User {
        id: "anyone".into(),
        ..User::default()
    };
    let rehearsal = rehearse(&session, Scenario::InvalidClient, &host).await;
    assert_eq!(codes(&rehearsal), [DiagnosisCode::InvalidClient]);
    assert_eq!(steps(&rehearsal), [StageStatus::Skipped; 3]);
    assert_eq!(rehearsal.meeting, TestMeeting::NotCreated);
    assert!(!rehearsal.interrupted);
    assert_eq!(emulator.meeting_requests(), (0, 0, 0));
}

#[tokio::test]
async fn the_checks_token_is_reused_for_the_same_values_only() {
    let emulator = Emulator::start().await.unwrap();
    let session = session(&emulator, Duration::from_secs(5));
    let host = checked(&session, Scenario::Healthy).await;
    let rehearsal = rehearse(&session, Scenario::Healthy, &host).await;
    assert!(rehearsal.passed(), "{:?}", rehearsal.problems);
    assert!(matches!(rehearsal.meeting, TestMeeting::Deleted { .. }));
    assert_eq!(emulator.tokens_minted(), 1, "the check's token");
    let other = Credentials {
        client_secret: Secret::new("anotherSecretOfThirtyTwoCharacters"),
        ..creds(Scenario::Healthy)
    };
    let refused = session
        .rehearse(&other, &host, &Stop::new(), &mut |_, _| {})
        .await;
    assert_eq!(codes(&refused), [DiagnosisCode::InvalidClient]);
    assert_eq!(
        emulator.meeting_requests(),
        (1, 1, 1),
        "nothing more written"
    );
}

#[tokio::test]
async fn a_create_whose_answer_never_comes_may_have_left_a_meeting_and_says_so() {
    let emulator = Emulator::start_with(EmulatorConfig {
        meeting_latency: Duration::from_secs(3),
        ..EmulatorConfig::default()
    })
    .await
    .unwrap();
    let session = session(&emulator, Duration::from_secs(1));
    let host = checked(&session, Scenario::Healthy).await;
    let rehearsal = rehearse(&session, Scenario::Healthy, &host).await;
    assert_eq!(
        codes(&rehearsal),
        [DiagnosisCode::Timeout, DiagnosisCode::MeetingMayBeLeft]
    );
    assert_eq!(
        steps(&rehearsal),
        [
            StageStatus::Failed,
            StageStatus::Skipped,
            StageStatus::Skipped
        ]
    );
    let TestMeeting::Left(left) = &rehearsal.meeting else {
        panic!("{:?}", rehearsal.meeting)
    };
    assert_eq!(left.id, None, "no id came back");
    let text = check_text::rehearsal_lines(Lang::En, &rehearsal).join("\n");
    assert!(text.contains("perhaps created"), "{text}");
    assert!(!text.contains("deleted"), "{text}");
}

#[tokio::test]
async fn a_stop_before_the_create_writes_nothing() {
    let emulator = Emulator::start().await.unwrap();
    let session = session(&emulator, Duration::from_secs(5));
    let host = checked(&session, Scenario::Healthy).await;
    let stop = Stop::new();
    stop.set(Interrupt::CtrlC);
    let rehearsal = session
        .rehearse(&creds(Scenario::Healthy), &host, &stop, &mut |_, _| {})
        .await;
    assert!(rehearsal.interrupted);
    assert_eq!(rehearsal.meeting, TestMeeting::NotCreated);
    assert_eq!(emulator.meeting_requests(), (0, 0, 0));
}

#[tokio::test]
async fn a_stopped_check_is_interrupted_and_never_ready() {
    let emulator = Emulator::start_with(EmulatorConfig {
        latency: Duration::from_secs(2),
        ..EmulatorConfig::default()
    })
    .await
    .unwrap();
    let session = session(&emulator, Duration::from_secs(5));
    let stop = Stop::new();
    let stopper = stop.clone();
    let watcher = async move {
        while emulator.requests() < 1 {
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
        stopper.set(Interrupt::CtrlC);
        emulator
    };
    let values = creds(Scenario::Healthy);
    let mut quiet = |_, _, _| {};
    let (report, _emulator) = tokio::join!(session.check(&values, &stop, &mut quiet), watcher);
    assert!(report.interrupted);
    assert!(!report.ok(), "an interrupted check never reads as ready");
    assert!(
        report
            .stages
            .iter()
            .all(|(_, s)| *s == StageStatus::Skipped)
    );
}

#[tokio::test]
async fn the_hosts_personal_room_is_left_untouched_and_never_called_deleted() {
    let emulator = Emulator::start().await.unwrap();
    let session = session(&emulator, Duration::from_secs(5));
    let host = checked(&session, Scenario::PmiHost).await;
    let rehearsal = rehearse(&session, Scenario::PmiHost, &host).await;
    assert_eq!(codes(&rehearsal), [DiagnosisCode::HostUsesPmi]);
    assert_eq!(
        rehearsal.meeting,
        TestMeeting::PersonalRoom {
            id: host.pmi.unwrap()
        }
    );
    assert_eq!(emulator.meeting_requests().2, 0, "no delete was sent");
    for lang in [Lang::En, Lang::Ja] {
        let text = check_text::rehearsal_lines(lang, &rehearsal).join("\n");
        // Never "Test meeting …: deleted" (an admin would read that the room was deleted).
        assert!(
            !text.contains(": deleted") && !text.contains("削除済み"),
            "{text}"
        );
    }
    let text = check_text::rehearsal_lines(Lang::En, &rehearsal).join("\n");
    assert!(text.contains("personal room"), "{text}");
    assert!(text.contains("left untouched"), "{text}");
}
