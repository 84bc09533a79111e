//! The rehearsal through `check --rehearse --json` against the emulator over real HTTP: the
//! codes, the exit codes, the five round trips of a healthy run, and the emulator's own count
//! of meetings left, which must be 0 unless the scenario is the failing delete.

use std::collections::HashMap;

use hacomono_zoom_setup::check::{self, EXIT_PROBLEM, EXIT_READY, EXIT_UNREACHABLE, Streams};
use hacomono_zoom_setup::cli::{CheckArgs, ZoomArgs};
use hacomono_zoom_setup::i18n::Lang;
use hacomono_zoom_setup::signals::Stop;
use hacomono_zoom_setup::zoom::report::{RehearsalStep, User};
use serde_json::Value;
use zoom_emulator::{DEMO_ACCOUNT_ID, DEMO_CLIENT_SECRET, Emulator, Scenario};

struct Ran {
    code: i32,
    json: Value,
    stderr: String,
}

async fn rehearse(emulator: &Emulator, scenario: Scenario, host: Option<&str>) -> Ran {
    check_json(emulator, scenario, true, host).await
}

/// `check --json` (with `--rehearse` if asked) against `emulator`.
async fn check_json(
    emulator: &Emulator,
    scenario: Scenario,
    rehearse: bool,
    host: Option<&str>,
) -> Ran {
    let args = CheckArgs {
        credentials: None,
        json: true,
        report: None,
        demo: false,
        rehearse,
        host: host.map(str::to_owned),
    };
    let zoom = ZoomArgs {
        oauth_base: Some(emulator.base_url()),
        api_base: None,
        timeout: 5,
        sub_accounts: false,
    };
    let vars: HashMap<&str, &str> = [
        ("ZOOM_ACCOUNT_ID", DEMO_ACCOUNT_ID),
        ("ZOOM_CLIENT_ID", scenario.client_id()),
        ("ZOOM_CLIENT_SECRET", DEMO_CLIENT_SECRET),
    ]
    .into();
    let (mut stdout, mut stderr) = (Vec::new(), Vec::new());
    let code = check::run(
        &args,
        &zoom,
        Lang::En,
        |name| vars.get(name).map(|v| v.to_string()),
        Streams {
            stdin: &b""[..],
            stdout: &mut stdout,
            stderr: &mut stderr,
        },
        &Stop::new(),
    )
    .await;
    Ran {
        code,
        json: serde_json::from_slice(&stdout).expect("one JSON document"),
        stderr: String::from_utf8(stderr).unwrap(),
    }
}

fn codes(json: &Value) -> Vec<String> {
    json["diagnoses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_owned())
        .collect()
}

fn steps(json: &Value) -> Vec<String> {
    RehearsalStep::ALL
        .iter()
        .map(|s| {
            json["rehearsal"]["steps"][s.as_str()]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect()
}

#[tokio::test]
async fn a_healthy_rehearsal_makes_five_round_trips_and_leaves_nothing() {
    let emulator = Emulator::start().await.unwrap();
    let ran = rehearse(&emulator, Scenario::Healthy, None).await;
    assert_eq!(ran.code, EXIT_READY, "{}\n{}", ran.json, ran.stderr);
    assert_eq!(steps(&ran.json), ["passed", "passed", "passed"]);
    assert_eq!(ran.json["rehearsal"]["cleaned_up"], true);
    assert_eq!(
        ran.json["rehearsal"]["host"]["email"], "owner@demo-gym.example",
        "the proposed default user hosts"
    );
    assert!(ran.json["rehearsal"]["meeting_id"].is_string());
    assert_eq!(
        emulator.requests(),
        5,
        "token, users, create, update, delete"
    );
    assert_eq!(emulator.tokens_minted(), 1, "the check's token is reused");
    assert_eq!(emulator.meeting_requests(), (1, 1, 1));
    assert_eq!(emulator.meetings_left(), 0);
}

#[tokio::test]
async fn every_rehearsal_scenario_says_its_code_and_leaves_nothing_but_a_failing_delete() {
    let cases = [
        (
            Scenario::HostCannotSchedule,
            "host_cannot_schedule",
            EXIT_PROBLEM,
        ),
        (Scenario::XmlErrors, "host_cannot_schedule", EXIT_PROBLEM),
        (
            Scenario::HostDailyLimit,
            "host_daily_limit",
            EXIT_UNREACHABLE,
        ),
        (
            Scenario::MeetingScopesRejected,
            "meeting_scopes_rejected",
            EXIT_PROBLEM,
        ),
        (Scenario::PmiHost, "host_uses_pmi", EXIT_PROBLEM),
        (Scenario::BasicOwner, "host_basic_license", EXIT_READY),
    ];
    for (scenario, code, exit) in cases {
        let emulator = Emulator::start().await.unwrap();
        let ran = rehearse(&emulator, scenario, None).await;
        assert_eq!(ran.code, exit, "{scenario:?}: {}", ran.json);
        assert_eq!(codes(&ran.json), [code], "{scenario:?}");
        assert_eq!(emulator.meetings_left(), 0, "{scenario:?} left a meeting");
        assert_eq!(ran.json["rehearsal"]["cleaned_up"], true, "{scenario:?}");
    }
}

#[tokio::test]
async fn a_pmi_meeting_is_neither_updated_nor_deleted() {
    let emulator = Emulator::start().await.unwrap();
    let ran = rehearse(&emulator, Scenario::PmiHost, None).await;
    assert_eq!(steps(&ran.json), ["failed", "skipped", "skipped"]);
    assert_eq!(
        emulator.meeting_requests(),
        (1, 0, 0),
        "the personal room is left alone"
    );
}

#[tokio::test]
async fn a_delete_that_keeps_failing_is_retried_then_named_with_the_meeting() {
    let emulator = Emulator::start().await.unwrap();
    let ran = rehearse(&emulator, Scenario::DeleteFails, None).await;
    assert_eq!(ran.code, EXIT_PROBLEM);
    assert_eq!(codes(&ran.json), ["cleanup_failed"]);
    assert_eq!(steps(&ran.json), ["passed", "passed", "failed"]);
    assert_eq!(ran.json["rehearsal"]["cleaned_up"], false);
    let id = ran.json["rehearsal"]["meeting_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let detail = ran.json["diagnoses"][0]["detail"].as_str().unwrap();
    assert!(
        detail.contains(&id) && detail.contains("safe to delete"),
        "{detail}"
    );
    let (_, _, deletes) = emulator.meeting_requests();
    assert!(deletes > 1, "the delete was tried again ({deletes})");
    assert_eq!(
        emulator.meetings_left(),
        1,
        "the emulator says what was left"
    );
}

/// Zoom made the meeting but its answer could not be read (a proxy's page with 201): the ID is
/// unknown, so the meeting cannot be deleted, and the user is told it may exist.
#[tokio::test]
async fn a_create_answered_unreadably_is_said_to_have_maybe_made_the_meeting() {
    let emulator = Emulator::start().await.unwrap();
    let ran = rehearse(&emulator, Scenario::CreatedUnreadable, None).await;
    // A web page answered for Zoom: the way to Zoom is the problem, not the values.
    assert_eq!(ran.code, EXIT_UNREACHABLE, "{}", ran.json);
    assert_eq!(
        codes(&ran.json),
        ["unexpected_response", "meeting_may_be_left"],
        "{}",
        ran.json
    );
    assert_eq!(steps(&ran.json), ["failed", "skipped", "skipped"]);
    let meeting = &ran.json["rehearsal"]["meeting"];
    assert_eq!(meeting["state"], "maybe_left", "{meeting}");
    assert!(meeting["id"].is_null(), "{meeting}");
    assert_eq!(
        emulator.meeting_requests(),
        (1, 0, 0),
        "the create was not sent again"
    );
    assert_eq!(
        emulator.meetings_left(),
        1,
        "what the user was told may exist"
    );
}

#[tokio::test]
async fn the_host_can_be_chosen_by_email_and_an_unknown_one_is_host_not_found() {
    let emulator = Emulator::start().await.unwrap();
    let ran = rehearse(&emulator, Scenario::Healthy, Some("yoga@demo-gym.example")).await;
    assert_eq!(ran.code, EXIT_READY, "{}", ran.json);
    assert_eq!(
        ran.json["rehearsal"]["host"]["email"],
        "yoga@demo-gym.example"
    );
    assert_eq!(ran.json["default_user"]["email"], "yoga@demo-gym.example");

    let emulator = Emulator::start().await.unwrap();
    let ran = rehearse(&emulator, Scenario::Healthy, Some("nobody@example.com")).await;
    assert_eq!(ran.code, EXIT_PROBLEM);
    assert_eq!(codes(&ran.json), ["host_not_found"]);
    assert_eq!(
        emulator.meeting_requests(),
        (0, 0, 0),
        "nothing was written"
    );
}

#[tokio::test]
async fn a_basic_host_chosen_gets_the_forty_minute_warning() {
    let emulator = Emulator::start().await.unwrap();
    // Kenji Suzuki is a Basic user in the demo account.
    let ran = rehearse(
        &emulator,
        Scenario::Healthy,
        Some("kenji.suzuki@demo-gym.example"),
    )
    .await;
    assert_eq!(ran.code, EXIT_READY);
    assert_eq!(codes(&ran.json), ["host_basic_license"]);
}

#[tokio::test]
async fn without_rehearse_the_key_is_null_and_no_meeting_is_touched() {
    let emulator = Emulator::start().await.unwrap();
    let ran = check_json(&emulator, Scenario::Healthy, false, None).await;
    assert_eq!(ran.code, EXIT_READY);
    assert!(ran.json["rehearsal"].is_null());
    assert_eq!(emulator.meeting_requests(), (0, 0, 0));
}

#[test]
fn a_basic_user_is_unfit_and_a_licensed_one_is_fit() {
    use hacomono_zoom_setup::zoom::report::host_fitness;
    let basic = User {
        user_type: 1,
        display_name: "Front Desk".into(),
        ..User::default()
    };
    let licensed = User {
        user_type: 2,
        ..User::default()
    };
    assert!(host_fitness(&basic).is_some());
    assert!(host_fitness(&licensed).is_none());
}

#[tokio::test]
async fn a_disabled_app_is_said_in_zoom_s_words_not_as_wrong_values() {
    let emulator = Emulator::start().await.unwrap();
    let ran = check_json(&emulator, Scenario::AppDisabled, false, None).await;
    assert_eq!(ran.code, EXIT_PROBLEM);
    assert_eq!(codes(&ran.json), ["app_disabled"]);
    let detail = ran.json["diagnoses"][0]["detail"].as_str().unwrap();
    assert_eq!(detail, "The app has been disabled");
}

mod support;

#[tokio::test]
async fn a_validation_failed_answer_shows_what_failed() {
    use hacomono_zoom_setup::credentials::Credentials;
    use hacomono_zoom_setup::zoom::client::{Endpoints, ZoomClient};
    use hacomono_zoom_setup::zoom::verify::{VerifyOptions, verify};
    use support::net::{FakeServer, http};
    let fake = FakeServer::start(|request| {
        if request.path().starts_with("/oauth/token") {
            http(
                200,
                "application/json",
                r#"{"access_token":"tok","token_type":"bearer","expires_in":3599,"scope":"meeting:write:meeting:admin meeting:update:meeting:admin meeting:delete:meeting:admin user:read:list_users:admin"}"#,
            )
        } else {
            http(
                400,
                "application/json",
                r#"{"code":300,"message":"Validation Failed.","errors":[{"field":"page_size","message":"Invalid field."}]}"#,
            )
        }
    });
    let client = ZoomClient::new(
        Endpoints::given(Some(&fake.url()), Some(&fake.url())),
        std::time::Duration::from_secs(5),
    )
    .unwrap();
    let report = verify(
        &client,
        &Credentials::demo(),
        &VerifyOptions::default(),
        &mut |_, _, _| {},
    )
    .await;
    let detail = report
        .diagnoses
        .iter()
        .find(|d| d.code == hacomono_zoom_setup::zoom::report::DiagnosisCode::UnexpectedResponse)
        .and_then(|d| d.detail.clone())
        .unwrap_or_default();
    assert!(
        detail.contains("Validation Failed. (Invalid field.)"),
        "{:?}",
        report.diagnoses
    );
}
