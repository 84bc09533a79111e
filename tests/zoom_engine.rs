//! The Zoom engine through its public API: the client and `verify` against the emulator over
//! real HTTP on 127.0.0.1, the scope rules, the parsers and the text catalogue.

use hacomono_zoom_setup::credentials::Severity;
use std::time::Duration;

use hacomono_zoom_setup::credentials::{Credentials, Field, Secret};
use hacomono_zoom_setup::i18n::{Lang, TEXT};
use hacomono_zoom_setup::zoom::client::{
    Endpoints, RetryAfter, RetryPolicy, ZoomClient, ZoomError, api_url_allowed, excerpt,
};
use hacomono_zoom_setup::zoom::report::{
    DiagnosisCode, Report, Stage, StageStatus, User, UsersRead,
};
use hacomono_zoom_setup::zoom::scopes::{REQUIREMENTS, evaluate, parse_missing_scopes};
use hacomono_zoom_setup::zoom::verify::{VerifyOptions, propose_default_user, verify};
use support::net::RefusedPort;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use zoom_emulator::{
    DEMO_ACCOUNT_ID, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, Emulator, EmulatorConfig, Scenario,
};

mod support;

const CANARY: &str = "CaNaRy5ecretXyZ0123456789abcdef";

fn creds(account_id: &str, client_id: &str, secret: &str) -> Credentials {
    Credentials {
        account_id: account_id.to_owned(),
        client_id: client_id.to_owned(),
        client_secret: Secret::new(secret),
    }
}

fn client_for(base_url: &str, timeout: Duration) -> ZoomClient {
    ZoomClient::new(Endpoints::single(base_url), timeout)
        .expect("client")
        .with_retry(RetryPolicy::fast())
}

type Events = Vec<(Stage, StageStatus)>;

async fn run_with(
    base_url: &str,
    creds: &Credentials,
    opts: &VerifyOptions,
    timeout: Duration,
) -> (Report, Events) {
    let client = client_for(base_url, timeout);
    let mut events = Vec::new();
    // Stage changes only; the counts told after each page are tested on their own.
    let mut on_progress = |stage, status, users: Option<UsersRead>| {
        if users.is_none() {
            events.push((stage, status));
        }
    };
    let report = verify(&client, creds, opts, &mut on_progress).await;
    (report, events)
}

/// A scenario with any account id and the canary as secret. The slow scenario gets a short
/// timeout (its emulator must answer later than that: see `quick_emulator`).
async fn scenario_run(emu: &Emulator, client_id: &str) -> Report {
    let creds = creds("AnyAccountId-12345678", client_id, CANARY);
    let timeout = if client_id == Scenario::Slow.client_id() {
        Duration::from_millis(200)
    } else {
        Duration::from_secs(5)
    };
    run_with(&emu.base_url(), &creds, &VerifyOptions::default(), timeout)
        .await
        .0
}

/// An emulator whose slow scenario is slow enough for `scenario_run`, and no slower.
async fn quick_emulator() -> Emulator {
    let config = EmulatorConfig {
        slow_delay: Duration::from_secs(2),
        ..EmulatorConfig::default()
    };
    Emulator::start_with(config).await.unwrap()
}

fn demo_creds() -> Credentials {
    creds(DEMO_ACCOUNT_ID, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET)
}

fn codes(report: &Report) -> Vec<DiagnosisCode> {
    report.diagnoses.iter().map(|d| d.code).collect()
}

fn statuses(report: &Report) -> Vec<StageStatus> {
    Stage::ALL.iter().map(|s| report.status(*s)).collect()
}

use StageStatus::{Failed, Passed, Running, Skipped, Warning};

// --- success --------------------------------------------------------------------------------

#[tokio::test]
async fn healthy_demo_account_passes_with_one_token_and_two_requests() {
    let emu = Emulator::start().await.unwrap();
    let (report, events) = run_with(
        &emu.base_url(),
        &demo_creds(),
        &VerifyOptions::default(),
        Duration::from_secs(5),
    )
    .await;
    assert!(report.ok(), "{report:#?}");
    assert!(report.diagnoses.is_empty());
    assert_eq!(statuses(&report), [Passed, Passed, Passed]);
    assert_eq!(
        events,
        [
            (Stage::Token, Running),
            (Stage::Token, Passed),
            (Stage::Scopes, Running),
            (Stage::Scopes, Passed),
            (Stage::Users, Running),
            (Stage::Users, Passed),
        ]
    );
    let owner = report.default_user().expect("default user");
    assert_eq!(owner.role_id, "0");
    assert_eq!(owner.email, "owner@demo-gym.example");
    assert_eq!(owner.display_name, "山田 太郎");
    assert_ne!(
        report.default_user,
        Some(0),
        "the owner is not listed first"
    );
    assert_eq!(report.users.len(), 4);
    assert_eq!(report.users_total, Some(4));
    assert_eq!(report.api_url.as_deref(), Some(emu.base_url().as_str()));
    assert!(report.scopes.iter().all(|c| c.met()));
    let names: Vec<&str> = report.timings_ms.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["token", "users"]);
    assert_eq!(emu.tokens_minted(), 1);
    assert_eq!(emu.requests(), 2);
}

#[tokio::test]
async fn clones_of_one_client_share_it_across_runs() {
    let emu = Emulator::start().await.unwrap();
    let client = client_for(&emu.base_url(), Duration::from_secs(5));
    for _ in 0..3 {
        let clone = client.clone();
        let report = verify(
            &clone,
            &demo_creds(),
            &VerifyOptions::default(),
            &mut |_, _, _| {},
        )
        .await;
        assert!(report.ok());
    }
    assert_eq!(emu.tokens_minted(), 3);
    assert_eq!(emu.requests(), 6);
}

/// The emulator is strict about what our client must never do; check it is, so the healthy
/// tests above prove the client sends only grant type and account id, with Basic auth.
#[tokio::test]
async fn the_emulator_refuses_credentials_or_scope_in_the_parameters() {
    let emu = Emulator::start().await.unwrap();
    let http = reqwest::Client::new();
    let url = format!("{}/oauth/token", emu.base_url());
    let send = |extra: Option<(&'static str, &'static str)>, in_query: bool| {
        let mut params = vec![
            ("grant_type", "account_credentials"),
            ("account_id", DEMO_ACCOUNT_ID),
        ];
        params.extend(extra);
        let request = http
            .post(&url)
            .basic_auth(DEMO_CLIENT_ID, Some(DEMO_CLIENT_SECRET));
        let request = if in_query {
            request.query(&params)
        } else {
            request.form(&params)
        };
        async move {
            let response = request.send().await.unwrap();
            (response.status().as_u16(), response.text().await.unwrap())
        }
    };
    // Zoom accepts the parameters in the query string as well as in the form body.
    assert_eq!(send(None, true).await.0, 200);
    assert_eq!(send(None, false).await.0, 200);
    for extra in [
        ("client_id", DEMO_CLIENT_ID),
        ("client_secret", DEMO_CLIENT_SECRET),
        ("scope", "x"),
    ] {
        let (status, body) = send(Some(extra), false).await;
        assert_eq!(status, 400, "{extra:?}");
        assert!(body.contains("invalid_request"));
    }
    // Without Basic auth: invalid_client.
    let response = http
        .post(&url)
        .form(&[("grant_type", "account_credentials")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 401);
    assert_eq!(emu.tokens_minted(), 2);
}

// --- token errors ---------------------------------------------------------------------------

async fn assert_token_failure(
    client_id: &str,
    secret: &str,
    account: &str,
    want: DiagnosisCode,
) -> Report {
    let emu = Emulator::start().await.unwrap();
    let creds = creds(account, client_id, secret);
    let (report, events) = run_with(
        &emu.base_url(),
        &creds,
        &VerifyOptions::default(),
        Duration::from_secs(5),
    )
    .await;
    assert_eq!(codes(&report), [want], "{client_id}: {report:#?}");
    assert_eq!(report.diagnoses[0].severity, Severity::Error);
    assert!(!report.ok());
    assert_eq!(statuses(&report), [Failed, Skipped, Skipped]);
    assert_eq!(events.last(), Some(&(Stage::Users, Skipped)));
    assert_eq!(emu.tokens_minted(), 0);
    assert_eq!(
        emu.requests(),
        1,
        "a 4xx from the token endpoint is never retried"
    );
    report
}

#[tokio::test]
async fn invalid_client_in_both_statuses_blames_the_secret() {
    for id in [
        Scenario::InvalidClient.client_id(),
        Scenario::InvalidClient401.client_id(),
    ] {
        let report =
            assert_token_failure(id, CANARY, "AnyAccount", DiagnosisCode::InvalidClient).await;
        assert_eq!(report.diagnoses[0].field, Some(Field::ClientSecret));
    }
}

#[tokio::test]
async fn demo_client_with_a_wrong_secret_is_invalid_client() {
    assert_token_failure(
        DEMO_CLIENT_ID,
        CANARY,
        DEMO_ACCOUNT_ID,
        DiagnosisCode::InvalidClient,
    )
    .await;
}

#[tokio::test]
async fn an_implausible_client_id_is_blamed_itself() {
    let report = assert_token_failure(
        "not an id!",
        CANARY,
        DEMO_ACCOUNT_ID,
        DiagnosisCode::InvalidClient,
    )
    .await;
    assert_eq!(report.diagnoses[0].field, Some(Field::ClientId));
}

#[tokio::test]
async fn wrong_account_id_in_both_wordings() {
    for (id, secret, account) in [
        (DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, "SomeoneElsesAccount123"),
        (DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, ""),
        (Scenario::BadAccountId.client_id(), CANARY, DEMO_ACCOUNT_ID),
        (
            Scenario::BadAccountIdLower.client_id(),
            CANARY,
            DEMO_ACCOUNT_ID,
        ),
    ] {
        let report =
            assert_token_failure(id, secret, account, DiagnosisCode::InvalidAccountId).await;
        assert_eq!(report.diagnoses[0].field, Some(Field::AccountId));
    }
}

#[tokio::test]
async fn wrong_app_type() {
    assert_token_failure(
        Scenario::WrongAppType.client_id(),
        CANARY,
        "Any",
        DiagnosisCode::WrongAppType,
    )
    .await;
}

#[tokio::test]
async fn html_instead_of_json_is_unexpected_with_a_clean_excerpt() {
    let report = assert_token_failure(
        Scenario::Html.client_id(),
        CANARY,
        "Any",
        DiagnosisCode::UnexpectedResponse,
    )
    .await;
    let detail = report.diagnoses[0].detail.as_deref().unwrap();
    assert!(detail.starts_with("HTTP 200: <!DOCTYPE html>"), "{detail}");
    assert!(detail.contains("Access denied"));
    assert!(!detail.contains('\n'));
}

// --- users errors ---------------------------------------------------------------------------

#[tokio::test]
async fn a_refused_token_is_diagnosed_without_minting_another() {
    for id in [
        Scenario::TokenRejected.client_id(),
        Scenario::TokenExpired.client_id(),
        // A 401 with no body at all is the same refusal, not an unexpected answer.
        Scenario::TokenRejectedEmpty.client_id(),
    ] {
        let emu = Emulator::start().await.unwrap();
        let report = scenario_run(&emu, id).await;
        assert_eq!(codes(&report), [DiagnosisCode::TokenRejected], "{id}");
        assert_eq!(statuses(&report), [Passed, Passed, Failed]);
        assert_eq!(emu.tokens_minted(), 1);
        assert_eq!(emu.requests(), 2);
    }
}

#[tokio::test]
async fn missing_user_scope_from_the_api_merges_into_the_scopes() {
    for id in [
        Scenario::UserScope4711.client_id(),
        Scenario::UserScope4700.client_id(),
    ] {
        let emu = Emulator::start().await.unwrap();
        let creds = creds("Any", id, CANARY);
        let (report, events) = run_with(
            &emu.base_url(),
            &creds,
            &VerifyOptions::default(),
            Duration::from_secs(5),
        )
        .await;
        assert_eq!(codes(&report), [DiagnosisCode::MissingScopes], "{id}");
        // Both variants name the granular scope once, even when Zoom lists alternatives.
        assert_eq!(
            report.diagnoses[0].detail.as_deref(),
            Some("user:read:list_users:admin")
        );
        let user_list = report
            .scopes
            .iter()
            .find(|c| c.requirement == "user_list")
            .unwrap();
        assert!(!user_list.met());
        assert!(
            report
                .scopes
                .iter()
                .filter(|c| c.requirement != "user_list")
                .all(|c| c.met())
        );
        assert_eq!(statuses(&report), [Passed, Failed, Failed]);
        assert!(
            events.contains(&(Stage::Scopes, Passed)),
            "first from the token"
        );
        assert!(events.ends_with(&[(Stage::Scopes, Failed), (Stage::Users, Failed)]));
        assert_eq!(emu.tokens_minted(), 1);
    }
}

#[tokio::test]
async fn no_active_users() {
    let emu = Emulator::start().await.unwrap();
    let report = scenario_run(&emu, Scenario::NoActiveUsers.client_id()).await;
    assert_eq!(codes(&report), [DiagnosisCode::NoActiveUsers]);
    assert_eq!(report.users_total, Some(0));
    assert_eq!(report.default_user, None);
    assert!(!report.ok());
}

#[tokio::test]
async fn users_on_several_pages_are_all_read_and_the_first_licensed_proposed() {
    let emu = Emulator::start().await.unwrap();
    let report = scenario_run(&emu, Scenario::ManyPages.client_id()).await;
    assert!(report.ok(), "{report:#?}");
    assert_eq!(report.users.len(), 5);
    assert_eq!(report.users_total, Some(5));
    assert_eq!(
        report.default_user,
        Some(2),
        "no owner: the first licensed user"
    );
    assert_eq!(report.default_user().unwrap().user_type, 2);
    assert_eq!(emu.requests(), 4, "token and three pages");
    assert_eq!(emu.tokens_minted(), 1);
}

#[tokio::test]
async fn the_safety_limit_is_a_warning_naming_how_many_users_were_read() {
    let emu = Emulator::start().await.unwrap();
    let creds = creds("Any", Scenario::ManyPages.client_id(), CANARY);
    let opts = VerifyOptions {
        max_users: 3,
        ..VerifyOptions::default()
    };
    let (report, _) = run_with(&emu.base_url(), &creds, &opts, Duration::from_secs(5)).await;
    assert!(
        report.ok(),
        "a warning, not an error: {:?}",
        report.diagnoses
    );
    assert_eq!(report.users.len(), 3, "no more than the limit is kept");
    let warning = report
        .diagnoses
        .iter()
        .find(|d| d.code == DiagnosisCode::UsersTruncated)
        .expect("the limit is never reached silently");
    assert_eq!(warning.severity, Severity::Warning);
    assert_eq!(warning.detail.as_deref(), Some("3"));
    assert!(
        warning.fix(Lang::En).contains("after 3 users"),
        "{}",
        warning.fix(Lang::En)
    );
    assert!(
        warning.fix(Lang::Ja).contains("3 人"),
        "{}",
        warning.fix(Lang::Ja)
    );
    assert_eq!(report.status(Stage::Users), StageStatus::Warning);
    assert_eq!(
        report.users_total,
        Some(5),
        "the total still tells how many there are"
    );
    assert_eq!(
        emu.requests(),
        3,
        "token and the two pages holding three users"
    );
}

#[tokio::test]
async fn an_account_read_to_its_limit_exactly_has_no_warning() {
    let emu = Emulator::start().await.unwrap();
    let creds = creds("Any", Scenario::ManyPages.client_id(), CANARY);
    let opts = VerifyOptions {
        max_users: 5,
        ..VerifyOptions::default()
    };
    let (report, _) = run_with(&emu.base_url(), &creds, &opts, Duration::from_secs(5)).await;
    assert_eq!(report.users.len(), 5);
    assert!(report.diagnoses.is_empty(), "{:?}", report.diagnoses);
    assert_eq!(report.status(Stage::Users), StageStatus::Passed);
}

#[tokio::test]
async fn a_large_account_is_read_to_its_last_page_and_its_owner_proposed() {
    let emu = Emulator::start().await.unwrap();
    let creds = creds("Any", Scenario::LargeAccount.client_id(), CANARY);
    let client = client_for(&emu.base_url(), Duration::from_secs(10));
    let mut counts = Vec::new();
    let mut on_progress = |_, _, users: Option<UsersRead>| counts.extend(users);
    let report = verify(&client, &creds, &VerifyOptions::default(), &mut on_progress).await;
    assert!(report.ok(), "{:?}", report.diagnoses);
    assert!(report.diagnoses.is_empty(), "{:?}", report.diagnoses);
    assert_eq!(report.users.len(), 8_000);
    assert_eq!(report.users_total, Some(8_000));
    let owner = report.default_user().expect("a proposal");
    assert_eq!(owner.role_id, "0", "the owner, although on the last page");
    assert_eq!(owner.email, "owner@large-gym.example");
    assert_eq!(report.default_user, Some(7_999));
    let ids: std::collections::HashSet<&str> = report.users.iter().map(|u| u.id.as_str()).collect();
    assert_eq!(ids.len(), 8_000, "each user once");
    assert!(report.users.iter().all(|u| u.pmi.is_some()));
    // 8,000 / 300 = 26.7: 26 full pages and one of 200; one token request before them.
    assert_eq!(emu.requests(), 1 + 27, "one token and 27 pages");
    assert_eq!(emu.tokens_minted(), 1);
    assert_eq!(counts.len(), 27, "one progress count per page");
    assert_eq!(
        counts.first(),
        Some(&UsersRead {
            read: 300,
            total: Some(8_000)
        })
    );
    assert_eq!(counts.last().map(|c| c.read), Some(8_000));
}

/// Pages that never end: the same `next_page_token` again (a mock served from Zoom's OpenAPI
/// spec), or a new token each time with the same users. Either way the listing stops after the
/// token, the first page and one page that adds nobody, and keeps each user once.
#[tokio::test]
async fn pages_that_add_nobody_stop_the_listing_without_duplicates() {
    for scenario in [Scenario::RepeatingToken, Scenario::EndlessPages] {
        let emu = Emulator::start().await.unwrap();
        let creds = creds("Any", scenario.client_id(), CANARY);
        let (report, _) = run_with(
            &emu.base_url(),
            &creds,
            &VerifyOptions::default(),
            Duration::from_secs(5),
        )
        .await;
        assert!(report.ok(), "{scenario:?}: {:?}", report.diagnoses);
        let ids: std::collections::HashSet<&str> =
            report.users.iter().map(|u| u.id.as_str()).collect();
        assert_eq!((report.users.len(), ids.len()), (4, 4), "{scenario:?}");
        assert_eq!(report.default_user().unwrap().role_id, "0");
        assert_eq!(emu.requests(), 3, "{scenario:?}: then it stops");
    }
}

#[tokio::test]
async fn regional_api_url_is_followed() {
    let emu = Emulator::start().await.unwrap();
    let report = scenario_run(&emu, Scenario::Regional.client_id()).await;
    assert!(report.ok(), "{report:#?}");
    assert_eq!(report.api_url, Some(format!("{}/eu01", emu.base_url())));
    assert_eq!(report.users.len(), 4);
}

// --- scopes ---------------------------------------------------------------------------------

#[tokio::test]
async fn classic_scopes_only_are_healthy() {
    let emu = Emulator::start().await.unwrap();
    let report = scenario_run(&emu, Scenario::ClassicScopes.client_id()).await;
    assert!(report.ok(), "{report:#?}");
    assert!(report.diagnoses.is_empty());
    let met: Vec<&str> = report
        .scopes
        .iter()
        .filter_map(|c| c.met_by.as_deref())
        .collect();
    assert_eq!(met.len(), REQUIREMENTS.len());
    assert!(
        met.iter()
            .all(|m| ["meeting:write:admin", "meeting:master", "user:read:admin"].contains(m))
    );
}

#[tokio::test]
async fn a_missing_meeting_scope_fails_and_skips_the_users() {
    let emu = Emulator::start().await.unwrap();
    let report = scenario_run(&emu, Scenario::NoDeleteScope.client_id()).await;
    assert_eq!(codes(&report), [DiagnosisCode::MissingScopes]);
    assert_eq!(
        report.diagnoses[0].detail.as_deref(),
        Some("meeting:delete:meeting:admin")
    );
    assert_eq!(statuses(&report), [Passed, Failed, Skipped]);
    assert_eq!(
        emu.requests(),
        1,
        "no users request with scopes known to be missing"
    );
}

#[tokio::test]
async fn missing_sub_account_scopes_warn_unless_the_account_has_sub_accounts() {
    let emu = Emulator::start().await.unwrap();
    let report = scenario_run(&emu, Scenario::NoSubAccountScopes.client_id()).await;
    assert!(report.ok());
    assert_eq!(codes(&report), [DiagnosisCode::MissingSubAccountScopes]);
    assert_eq!(report.diagnoses[0].severity, Severity::Warning);
    assert_eq!(
        report.diagnoses[0].detail.as_deref(),
        Some(
            "meeting:write:meeting:master, meeting:update:meeting:master, meeting:delete:meeting:master"
        )
    );
    assert_eq!(statuses(&report), [Passed, Warning, Passed]);
    assert!(report.default_user().is_some());

    let creds = creds("Any", Scenario::NoSubAccountScopes.client_id(), CANARY);
    let opts = VerifyOptions {
        sub_accounts: true,
        ..VerifyOptions::default()
    };
    let (report, _) = run_with(&emu.base_url(), &creds, &opts, Duration::from_secs(5)).await;
    assert!(!report.ok());
    assert_eq!(report.diagnoses[0].severity, Severity::Error);
    assert_eq!(statuses(&report), [Passed, Failed, Skipped]);
}

const ALL_GRANULAR: &str = "meeting:write:meeting:admin meeting:update:meeting:admin \
    meeting:delete:meeting:admin meeting:write:meeting:master meeting:update:meeting:master \
    meeting:delete:meeting:master user:read:list_users:admin";

fn unmet(scope: &str, sub_accounts: bool) -> Vec<&'static str> {
    evaluate(scope, sub_accounts)
        .iter()
        .filter(|c| !c.met())
        .map(|c| c.requirement)
        .collect()
}

#[test]
fn scope_matching_granular_classic_and_mixed() {
    assert!(unmet(ALL_GRANULAR, true).is_empty());
    assert!(unmet("meeting:write:admin meeting:master user:read:admin", true).is_empty());
    assert!(unmet("meeting:write:admin meeting:master user:write:admin", true).is_empty());
    let mixed = "meeting:write:admin meeting:write:meeting:master meeting:update:meeting:master \
        meeting:delete:meeting:master user:read:list_users:admin";
    assert!(unmet(mixed, true).is_empty());
    // Granular is preferred when both are there.
    let both = evaluate(&format!("meeting:write:admin {ALL_GRANULAR}"), false);
    assert_eq!(
        both[0].met_by.as_deref(),
        Some("meeting:write:meeting:admin")
    );
    // Commas and extra white space are tolerated; unrelated scopes are ignored.
    assert!(
        unmet(
            &format!(
                " {} ,user:read:user:admin\n",
                ALL_GRANULAR.replace(' ', ",")
            ),
            true
        )
        .is_empty()
    );
    assert_eq!(unmet("", false).len(), REQUIREMENTS.len());
}

#[test]
fn scope_matching_missing_one_of_each() {
    for r in REQUIREMENTS {
        let without: Vec<&str> = ALL_GRANULAR
            .split(' ')
            .filter(|s| *s != r.granular)
            .collect();
        assert_eq!(
            unmet(&without.join(" "), true),
            [r.id],
            "granular {}",
            r.granular
        );
    }
    // Classic: dropping an umbrella unmeets everything under it.
    assert_eq!(
        unmet("meeting:master user:read:admin", false),
        ["meeting_create", "meeting_update", "meeting_delete"]
    );
    assert_eq!(
        unmet("meeting:write:admin user:read:admin", false),
        [
            "sub_meeting_create",
            "sub_meeting_update",
            "sub_meeting_delete"
        ]
    );
    assert_eq!(
        unmet("meeting:write:admin meeting:master", false),
        ["user_list"]
    );
    // `user:read:user:admin` (view ONE user) does not allow listing users.
    assert_eq!(
        unmet(
            "meeting:write:admin meeting:master user:read:user:admin",
            false
        ),
        ["user_list"]
    );
}

#[test]
fn sub_account_requirements_are_required_only_with_sub_accounts() {
    for check in evaluate("", false) {
        assert_eq!(check.required, !check.sub_account, "{}", check.requirement);
    }
    assert!(evaluate("", true).iter().all(|c| c.required));
}

#[test]
fn missing_scope_parser_reads_every_observed_format() {
    let cases: &[(&str, &[&str])] = &[
        (
            "Invalid access token, does not contain scopes:[user:read:list_users:admin].",
            &["user:read:list_users:admin"],
        ),
        (
            "Invalid access token, does not contain scopes:[a:b:admin, c:d:admin].",
            &["a:b:admin", "c:d:admin"],
        ),
        (
            "Invalid access token, does not contain scopes: [a:b:admin, c:d:admin]",
            &["a:b:admin", "c:d:admin"],
        ),
        (
            "Invalid access token, does not contain scopes:[user:read:admin]",
            &["user:read:admin"],
        ),
        (
            "Invalid access token, does not contain scopes : [x]",
            &["x"],
        ),
        (
            "invalid access token, Does Not Contain Scopes:[x,y]",
            &["x", "y"],
        ),
        (
            "Invalid access token, does not contain scopes: user:read:admin.",
            &["user:read:admin"],
        ),
        ("Invalid access token, does not contain scopes:[]", &[]),
        ("Invalid access token, does not contain scopes", &[]),
        (
            "Invalid access token, does not contain scopes:[unterminated, list",
            &["unterminated", "list"],
        ),
    ];
    for (message, want) in cases {
        let got = parse_missing_scopes(message);
        assert_eq!(
            got.as_deref(),
            Some(
                want.iter()
                    .map(|s| s.to_string())
                    .collect::<Vec<_>>()
                    .as_slice()
            ),
            "{message}"
        );
    }
    for other in [
        "Invalid access token.",
        "Access token is expired.",
        "",
        "scopes:[a]",
        "User does not exist: x",
    ] {
        assert_eq!(parse_missing_scopes(other), None, "{other}");
    }
}

#[tokio::test]
async fn missing_scope_messages_are_recognised_at_any_status_and_code() {
    for (status, code) in [(400, 4711), (401, 4700), (403, 104)] {
        let body = format!(
            r#"{{"code":{code},"message":"Invalid access token, does not contain scopes:[user:read:list_users:admin]."}}"#
        );
        let server = RawServer::start(vec![
            token_answer(),
            http(status, "application/json", &body),
        ])
        .await;
        let report = scenario_like(&server.base_url).await;
        assert_eq!(
            codes(&report),
            [DiagnosisCode::MissingScopes],
            "{status} {code}"
        );
    }
}

// --- retries --------------------------------------------------------------------------------

#[tokio::test]
async fn per_second_limit_once_is_retried_with_and_without_headers() {
    for headers in [false, true] {
        let config = EmulatorConfig {
            rate_limit_headers: headers,
            ..EmulatorConfig::default()
        };
        let emu = Emulator::start_with(config).await.unwrap();
        let report = scenario_run(&emu, Scenario::RateLimitOnce.client_id()).await;
        assert!(report.ok(), "headers {headers}: {report:#?}");
        assert_eq!(emu.requests(), 3);
        assert_eq!(emu.tokens_minted(), 1);
    }
}

#[tokio::test]
async fn daily_limit_is_not_retried_and_reports_its_reset_time() {
    for headers in [false, true] {
        let config = EmulatorConfig {
            rate_limit_headers: headers,
            ..EmulatorConfig::default()
        };
        let emu = Emulator::start_with(config).await.unwrap();
        let report = scenario_run(&emu, Scenario::DailyLimit.client_id()).await;
        assert_eq!(codes(&report), [DiagnosisCode::RateLimited]);
        let detail = report.diagnoses[0].detail.clone().expect("reset time");
        // Next midnight UTC, e.g. "2024-05-02 00:00 UTC".
        assert!(
            detail.ends_with(" 00:00 UTC") && detail.len() == 20,
            "{detail}"
        );
        assert_eq!(emu.requests(), 2, "headers {headers}");
    }
}

#[tokio::test]
async fn a_503_once_is_retried_on_the_token_request() {
    let emu = Emulator::start().await.unwrap();
    let report = scenario_run(&emu, Scenario::UnavailableOnce.client_id()).await;
    assert!(report.ok(), "{report:#?}");
    assert_eq!(emu.requests(), 3);
    assert_eq!(emu.tokens_minted(), 1);
    assert_eq!(
        report.timings_ms.len(),
        2,
        "one timing for the token stage, retries included"
    );
}

#[tokio::test]
async fn always_503_gives_zoom_unavailable_after_a_few_tries() {
    let emu = Emulator::start().await.unwrap();
    let report = scenario_run(&emu, Scenario::Unavailable.client_id()).await;
    assert_eq!(codes(&report), [DiagnosisCode::ZoomUnavailable]);
    assert_eq!(
        report.diagnoses[0].detail.as_deref(),
        Some("HTTP 503: Zoom is unavailable")
    );
    assert_eq!(emu.requests(), u64::from(RetryPolicy::fast().attempts));
}

#[tokio::test]
async fn a_slow_token_server_times_out_and_is_retried() {
    let config = EmulatorConfig {
        slow_delay: Duration::from_secs(3),
        ..EmulatorConfig::default()
    };
    let emu = Emulator::start_with(config).await.unwrap();
    let creds = creds("Any", Scenario::Slow.client_id(), CANARY);
    let (report, _) = run_with(
        &emu.base_url(),
        &creds,
        &VerifyOptions::default(),
        Duration::from_millis(100),
    )
    .await;
    assert_eq!(codes(&report), [DiagnosisCode::Timeout]);
    assert_eq!(statuses(&report), [Failed, Skipped, Skipped]);
    // The silent answer is waited for once more, within 1.5 timeouts in all: a third try
    // would not fit (the README's longest check).
    assert_eq!(emu.requests(), 2);
    let detail = report.diagnoses[0].detail.as_deref().unwrap();
    assert!(detail.starts_with(&format!("{}, ", emu.addr())), "{detail}");
}

#[test]
fn retry_delays_grow_and_respect_the_cap() {
    let policy = RetryPolicy {
        attempts: 5,
        base_delay: Duration::from_millis(100),
        max_delay: Duration::from_millis(300),
    };
    for _ in 0..50 {
        let first = policy.delay(0, None);
        assert!(
            first >= Duration::from_millis(50) && first <= Duration::from_millis(100),
            "{first:?}"
        );
        let second = policy.delay(1, None);
        assert!(second >= Duration::from_millis(100) && second <= Duration::from_millis(200));
        assert!(policy.delay(10, None) <= Duration::from_millis(300));
    }
    assert_eq!(
        policy.delay(0, Some(Duration::from_millis(250))),
        Duration::from_millis(250)
    );
    assert_eq!(
        policy.delay(0, Some(Duration::from_secs(60))),
        Duration::from_millis(300)
    );
}

#[test]
fn retry_after_reads_seconds_and_datetimes() {
    assert_eq!(RetryAfter::parse("2"), Some(RetryAfter::Seconds(2)));
    assert_eq!(RetryAfter::parse(" 120 "), Some(RetryAfter::Seconds(120)));
    assert_eq!(
        RetryAfter::parse("2024-05-02T00:00:00Z"),
        Some(RetryAfter::At(1_714_608_000))
    );
    assert_eq!(
        RetryAfter::parse("2024-05-02T09:00:00+09:00"),
        Some(RetryAfter::At(1_714_608_000))
    );
    assert_eq!(RetryAfter::parse("soon"), None);
    let at = RetryAfter::At(1_000);
    assert_eq!(at.wait_from(400), Duration::from_secs(600));
    assert_eq!(at.wait_from(2_000), Duration::ZERO);
    assert_eq!(RetryAfter::Seconds(5).at(100), 105);
}

// --- network --------------------------------------------------------------------------------

#[tokio::test]
async fn a_closed_port_is_a_refused_connection_naming_the_address() {
    // Held for the whole test: nothing else can take the port meanwhile.
    let refused = RefusedPort::new();
    let (report, _) = run_with(
        &refused.url(),
        &demo_creds(),
        &VerifyOptions::default(),
        Duration::from_secs(5),
    )
    .await;
    assert_eq!(codes(&report), [DiagnosisCode::ConnectionRefused]);
    // The address and nothing else: not reqwest's whole sentence with the URL.
    let detail = report.diagnoses[0].detail.as_deref().unwrap();
    assert_eq!(detail, refused.url().trim_start_matches("http://"));
}

#[tokio::test]
async fn a_malformed_oauth_base_is_a_network_error_not_a_panic() {
    let (report, _) = run_with(
        "not a url",
        &demo_creds(),
        &VerifyOptions::default(),
        Duration::from_secs(5),
    )
    .await;
    assert_eq!(codes(&report), [DiagnosisCode::Network]);
}

// --- api_url rules --------------------------------------------------------------------------

#[test]
fn api_url_allow_list() {
    for ok in [
        "https://api.zoom.us",
        "https://eu01api.zoom.us",
        "https://sg01api.zoom.us/",
        "https://zoom.us",
        "https://api.zoomgov.com",
        "https://zoomgov.com",
        "https://API.ZOOM.US",
    ] {
        assert!(api_url_allowed(ok), "{ok}");
    }
    for bad in [
        "http://api.zoom.us",
        "https://api.zoom.us.evil.example",
        "https://evilzoom.us",
        "https://zoom.us@evil.example",
        "https://user:pw@api.zoom.us",
        "https://evil.example/?https://api.zoom.us",
        "https://notzoomgov.com",
        "ftp://api.zoom.us",
        "api.zoom.us",
        "",
    ] {
        assert!(!api_url_allowed(bad), "{bad}");
    }
}

#[test]
fn api_base_resolution() {
    let zoom = Endpoints::default();
    assert_eq!(zoom.oauth_base(), "https://zoom.us");
    assert_eq!(zoom.api_base(None), "https://api.zoom.us");
    assert_eq!(
        zoom.api_base(Some("https://eu01api.zoom.us/")),
        "https://eu01api.zoom.us"
    );
    assert_eq!(
        zoom.api_base(Some("https://evil.example")),
        "https://api.zoom.us"
    );
    assert_eq!(
        zoom.api_base(Some("http://127.0.0.1:9")),
        "https://api.zoom.us"
    );
    assert_eq!(zoom.api_base(Some("  ")), "https://api.zoom.us");

    // The user chose the OAuth server: its api_url is followed as is.
    let custom = Endpoints::single("http://127.0.0.1:9/");
    assert_eq!(custom.oauth_base(), "http://127.0.0.1:9");
    assert_eq!(
        custom.api_base(Some("http://127.0.0.1:9/eu01")),
        "http://127.0.0.1:9/eu01"
    );
    assert_eq!(custom.api_base(None), "https://api.zoom.us");

    // --api-base wins over everything.
    let pinned = Endpoints {
        oauth_base: None,
        api_base: Some("https://api.zoomgov.com/v2/".into()),
    };
    assert_eq!(
        pinned.api_base(Some("https://eu01api.zoom.us")),
        "https://api.zoomgov.com/v2"
    );
}

#[tokio::test]
async fn an_api_base_with_v2_is_not_doubled() {
    let emu = Emulator::start().await.unwrap();
    let endpoints = Endpoints {
        oauth_base: Some(emu.base_url()),
        api_base: Some(format!("{}/v2", emu.base_url())),
    };
    let client = ZoomClient::new(endpoints, Duration::from_secs(5)).unwrap();
    let report = verify(
        &client,
        &demo_creds(),
        &VerifyOptions::default(),
        &mut |_, _, _| {},
    )
    .await;
    assert!(report.ok(), "{report:#?}");
}

// --- no panics on garbage -------------------------------------------------------------------

/// A server that answers each connection with the next canned response (the last one repeats).
struct RawServer {
    base_url: String,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for RawServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl RawServer {
    async fn start(answers: Vec<String>) -> RawServer {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base_url = format!("http://{}", listener.local_addr().unwrap());
        let task = tokio::spawn(async move {
            let mut n = 0;
            while let Ok((mut stream, _)) = listener.accept().await {
                let answer = answers[n.min(answers.len() - 1)].clone();
                n += 1;
                let mut buf = vec![0u8; 16 * 1024];
                let _ = stream.read(&mut buf).await;
                let _ = stream.write_all(answer.as_bytes()).await;
                let _ = stream.shutdown().await;
            }
        });
        RawServer { base_url, task }
    }
}

fn http(status: u16, content_type: &str, body: &str) -> String {
    format!(
        "HTTP/1.1 {status} X\r\ncontent-type: {content_type}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    )
}

fn token_answer() -> String {
    http(
        200,
        "application/json",
        &format!(
            r#"{{"access_token":"tok","token_type":"bearer","expires_in":3599,"scope":"{ALL_GRANULAR}"}}"#
        ),
    )
}

async fn scenario_like(base_url: &str) -> Report {
    // Pin the API base too: the canned token has no api_url.
    let endpoints = Endpoints {
        oauth_base: Some(base_url.into()),
        api_base: Some(base_url.into()),
    };
    let client = ZoomClient::new(endpoints, Duration::from_secs(5))
        .unwrap()
        .with_retry(RetryPolicy::fast());
    verify(
        &client,
        &demo_creds(),
        &VerifyOptions::default(),
        &mut |_, _, _| {},
    )
    .await
}

#[tokio::test]
async fn garbled_answers_are_unexpected_responses() {
    let garbage = [
        http(200, "application/json", r#"{"access_token": "#),
        http(200, "application/json", r#"{"token_type":"bearer"}"#),
        http(200, "application/json", r#"{"access_token": 12}"#),
        http(200, "application/json", "[1,2,3]"),
        http(200, "application/json", "\u{1b}[31m not json"),
        http(400, "application/json", r#"{"something":"else"}"#),
        http(400, "text/plain", ""),
        http(
            302,
            "text/html",
            "<a href=\"https://portal.example\">moved</a>",
        ),
        http(
            418,
            "application/json",
            r#"{"reason":"odd","error":"invalid_grant"}"#,
        ),
    ];
    for answer in garbage {
        let server = RawServer::start(vec![answer.clone()]).await;
        let report = scenario_like(&server.base_url).await;
        assert_eq!(
            codes(&report),
            [DiagnosisCode::UnexpectedResponse],
            "{answer}"
        );
        assert!(
            !report.diagnoses[0]
                .detail
                .as_deref()
                .unwrap_or("")
                .contains('\u{1b}')
        );
    }
    let users_garbage = [
        http(200, "application/json", r#"{"users": "nope"}"#),
        http(200, "application/json", "<html>"),
        http(
            404,
            "application/json",
            r#"{"code":1001,"message":"User does not exist: x"}"#,
        ),
    ];
    for answer in users_garbage {
        let server = RawServer::start(vec![token_answer(), answer.clone()]).await;
        let report = scenario_like(&server.base_url).await;
        assert_eq!(
            codes(&report),
            [DiagnosisCode::UnexpectedResponse],
            "{answer}"
        );
        assert_eq!(statuses(&report), [Passed, Passed, Failed]);
    }
}

#[tokio::test]
async fn odd_but_valid_user_lists_are_read_leniently() {
    let users = r#"{"total_records":"3","next_page_token":"","users":[
        {"id":"a","type":"1","role_id":2,"first_name":"Only","last_name":"Names"},
        {"email":"no-id@example.com"},
        {"id":"b","type":2,"role_id":"1","display_name":"B"}]}"#;
    let server = RawServer::start(vec![token_answer(), http(200, "application/json", users)]).await;
    let report = scenario_like(&server.base_url).await;
    assert!(report.ok(), "{report:#?}");
    assert_eq!(report.users.len(), 2, "the user without an id is skipped");
    assert_eq!(report.users[0].display_name, "Only Names");
    assert_eq!(report.users[0].role_id, "2");
    assert_eq!(report.users_total, Some(3));
    assert_eq!(report.default_user, Some(1));
}

#[test]
fn excerpts_are_short_and_printable() {
    let long = "x".repeat(1000);
    assert_eq!(excerpt(long.as_bytes()).chars().count(), 200);
    assert_eq!(excerpt(b"a\r\n\tb\x1b[2Jc"), "a b [2Jc");
    assert_eq!(excerpt(&[0xff, 0xfe, b'a']), "\u{fffd}\u{fffd}a");
}

#[test]
fn default_user_proposal() {
    let user = |id: &str, user_type: i64, role_id: &str| User {
        id: id.into(),
        user_type,
        role_id: role_id.into(),
        ..User::default()
    };
    assert_eq!(propose_default_user(&[]), None);
    assert_eq!(
        propose_default_user(&[user("a", 1, "2"), user("b", 1, "1")]),
        Some(0)
    );
    assert_eq!(
        propose_default_user(&[user("a", 1, "2"), user("b", 2, "1"), user("c", 2, "0")]),
        Some(2)
    );
    assert_eq!(
        propose_default_user(&[user("a", 1, "2"), user("b", 2, "2"), user("c", 2, "1")]),
        Some(1)
    );
}

// --- secrecy --------------------------------------------------------------------------------

#[tokio::test]
async fn the_secret_never_shows_in_any_report_or_error() {
    let emu = quick_emulator().await;
    for id in Scenario::ALL.iter().map(|s| s.client_id()) {
        let creds = creds(DEMO_ACCOUNT_ID, id, CANARY);
        let timeout = if id == Scenario::Slow.client_id() {
            Duration::from_millis(200)
        } else {
            Duration::from_secs(5)
        };
        let client = client_for(&emu.base_url(), timeout);
        let report = verify(
            &client,
            &creds,
            &VerifyOptions::default(),
            &mut |_, _, _| {},
        )
        .await;
        let json = serde_json::to_string(&report).unwrap();
        for text in [format!("{report:?}"), format!("{report:#?}"), json] {
            assert!(!text.contains(CANARY), "{id}: {text}");
        }
        for lang in [Lang::En, Lang::Ja] {
            for d in &report.diagnoses {
                assert!(!d.title(lang).contains(CANARY) && !d.fix(lang).contains(CANARY));
            }
        }
        match client.request_token(&creds).await {
            Ok(token) => {
                assert!(!format!("{token:?}").contains(&token.access_token.expose()[..20]))
            }
            Err(error) => {
                for text in [format!("{error}"), format!("{error:?}")] {
                    assert!(!text.contains(CANARY), "{id}: {text}");
                }
            }
        }
    }
    // And where Zoom is unreachable.
    let refused = RefusedPort::new();
    let client = client_for(&refused.url(), Duration::from_millis(500));
    let error: ZoomError = client
        .request_token(&creds("a", "b", CANARY))
        .await
        .unwrap_err();
    assert!(!format!("{error} {error:?}").contains(CANARY));
    assert!(!format!("{client:?}").contains(CANARY));
    assert!(!format!("{:?}", creds("a", "b", CANARY)).contains(CANARY));
}

#[tokio::test]
async fn an_echoed_secret_is_redacted_from_details() {
    let echo = format!(r#"{{"reason":"secret was {CANARY}","error":"weird"}}"#);
    let server = RawServer::start(vec![http(400, "application/json", &echo)]).await;
    let endpoints = Endpoints::single(&server.base_url);
    let client = ZoomClient::new(endpoints, Duration::from_secs(5)).unwrap();
    let creds = creds("a", "b", CANARY);
    let report = verify(
        &client,
        &creds,
        &VerifyOptions::default(),
        &mut |_, _, _| {},
    )
    .await;
    assert_eq!(codes(&report), [DiagnosisCode::UnexpectedResponse]);
    let detail = report.diagnoses[0].detail.as_deref().unwrap();
    assert!(
        detail.contains("<redacted>") && !detail.contains(CANARY),
        "{detail}"
    );
}

// --- text -----------------------------------------------------------------------------------

#[test]
fn every_diagnosis_stage_and_scope_has_text_in_both_languages() {
    let mut keys: Vec<String> = Vec::new();
    for code in DiagnosisCode::ALL {
        keys.push(format!("diag.{}.title", code.as_str()));
        keys.push(format!("diag.{}.fix", code.as_str()));
    }
    keys.extend(Stage::ALL.iter().map(|s| s.label_key().to_owned()));
    keys.extend(REQUIREMENTS.iter().map(|r| format!("scope.{}", r.id)));
    for key in keys {
        let text = TEXT.get(&key).unwrap_or_else(|| panic!("missing {key}"));
        assert!(
            !text.en.trim().is_empty() && !text.ja.trim().is_empty(),
            "{key}"
        );
        assert!(
            !text.en.contains("{detail}") || !key.ends_with(".title"),
            "{key}: titles take no detail"
        );
    }
}

#[test]
fn every_code_serializes_to_its_as_str() {
    for code in DiagnosisCode::ALL {
        assert_eq!(serde_json::to_value(code).unwrap(), code.as_str());
    }
}

#[tokio::test]
async fn rendered_texts_never_show_a_placeholder() {
    let emu = quick_emulator().await;
    let mut seen = Vec::new();
    for id in Scenario::ALL.iter().map(|s| s.client_id()) {
        let report = scenario_run(&emu, id).await;
        for d in &report.diagnoses {
            seen.push(d.code);
            for lang in [Lang::En, Lang::Ja] {
                let (title, fix) = (d.title(lang), d.fix(lang));
                assert!(
                    !title.contains('{') && !fix.contains('{'),
                    "{id}: {title} / {fix}"
                );
                assert!(!title.starts_with("diag.") && !fix.starts_with("diag."));
            }
        }
    }
    // Per-second limit without a reset time uses the text without a detail.
    let d = hacomono_zoom_setup::zoom::report::Diagnosis {
        code: DiagnosisCode::RateLimited,
        severity: Severity::Error,
        field: None,
        detail: None,
    };
    assert!(!d.fix(Lang::Ja).contains('{'));
    assert!(seen.len() >= 10, "{seen:?}");
}

#[tokio::test]
async fn escape_sequences_and_echoed_credentials_in_answers_never_reach_a_detail_or_a_name() {
    use base64::Engine as _;
    let creds = demo_creds();
    let basic = base64::engine::general_purpose::STANDARD.encode(format!(
        "{}:{}",
        creds.client_id,
        creds.client_secret.expose()
    ));
    let hostile_error = http(
        400,
        "application/json",
        r#"{"reason":"x","error":"weird\u001b]0;PWNED\u0007"}"#,
    );
    let echoing_proxy = http(
        200,
        "text/html",
        &format!("<p>{}Authorization: Basic {basic}</p>", "x".repeat(150)),
    );
    for answer in [hostile_error, echoing_proxy] {
        let server = RawServer::start(vec![answer]).await;
        let report = scenario_like(&server.base_url).await;
        let detail = format!("{:?}", report.diagnoses);
        assert!(!report.diagnoses.is_empty());
        assert!(
            !detail.contains('\u{1b}') && !detail.contains('\u{7}'),
            "{detail}"
        );
        assert!(
            !detail.contains(&basic[..12]),
            "the echoed Basic credentials leaked: {detail}"
        );
    }
    let users = http(
        200,
        "application/json",
        r#"{"page_size":300,"total_records":1,"next_page_token":"","users":[{"id":"u1","email":"a@b.c","display_name":"Evil\u001b[2JName","type":2,"role_id":"0","status":"active"}]}"#,
    );
    let server = RawServer::start(vec![token_answer(), users]).await;
    let report = scenario_like(&server.base_url).await;
    assert_eq!(report.users[0].display_name, "EvilName");
}
