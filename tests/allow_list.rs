//! The `api_url` allow-list end to end: the real binary, without `--oauth-base` (which turns
//! the rule off), against servers on 127.0.0.1 standing in for Zoom through the debug-build
//! test hooks of `zoom::client` (`HACOMONO_ZOOM_SETUP_TEST_ZOOM`, `…_TEST_TRUSTED_API`):
//! a token's `api_url` is followed only when the rule trusts it, and the bearer token never
//! reaches a server it does not trust.

mod support;

use serde_json::{Value, json};
use support::net::{FakeServer, Request, http};
use support::process::{Input, Ran, command, run};
use zoom_emulator::{DEMO_ACCOUNT_ID, Emulator, Scenario};

const CANARY: &str = "CaNaRy5ecretXyZ0123456789abcdef";
const ZOOM: &str = "HACOMONO_ZOOM_SETUP_TEST_ZOOM";
const TRUSTED: &str = "HACOMONO_ZOOM_SETUP_TEST_TRUSTED_API";
const ALL_GRANULAR: &str = "meeting:delete:meeting:admin meeting:delete:meeting:master \
    meeting:update:meeting:admin meeting:update:meeting:master meeting:write:meeting:admin \
    meeting:write:meeting:master user:read:list_users:admin";

/// `check --json` with the values on standard input and the hooks in `vars`; never
/// `--oauth-base`, so the allow-list is in force.
fn check(vars: &[(&str, &str)], client_id: &str) -> (Ran, Value) {
    let home = tempfile::tempdir().unwrap();
    let mut cmd = command(
        home.path(),
        &["check", "--json", "--credentials", "-", "--timeout", "5"],
    );
    cmd.envs(vars.iter().copied());
    let block =
        format!("Account ID: {DEMO_ACCOUNT_ID}\nClient ID: {client_id}\nClient secret: {CANARY}\n");
    let ran = run(&mut cmd, Input::Close(block.as_bytes()));
    let doc = serde_json::from_str(&ran.stdout).unwrap_or_else(|e| panic!("{e}: {}", ran.both()));
    ran.assert_never_shows(CANARY);
    (ran, doc)
}

/// The emulator: its regional scenario's token names `<emulator>/eu01` as `api_url`, and that
/// token is accepted only there, so whether `api_url` was followed shows in the verdict.
#[tokio::test(flavor = "multi_thread", worker_threads = 1)]
async fn a_trusted_api_url_is_followed_and_an_untrusted_one_is_not() {
    let emu = Emulator::start().await.unwrap();
    let zoom = emu.base_url();

    let (ran, doc) = check(
        &[(ZOOM, &zoom), (TRUSTED, &zoom)],
        Scenario::Regional.client_id(),
    );
    assert_eq!(ran.code, 0, "trusted: followed\n{}", ran.both());
    assert_eq!(doc["api_url"], format!("{zoom}/eu01"));

    // The same run, the emulator not trusted: its api_url is ignored, Zoom's default API (the
    // stand-in) is asked instead, and refuses the regional token there.
    let (ran, doc) = check(&[(ZOOM, &zoom)], Scenario::Regional.client_id());
    assert_eq!(ran.code, 1, "not trusted: not followed\n{}", ran.both());
    assert_eq!(doc["api_url"], zoom);
    assert_eq!(doc["diagnoses"][0]["code"], "token_rejected");

    // Another origin on the same host is not the trusted one (the port counts).
    let elsewhere = "http://127.0.0.1:1";
    let (ran, doc) = check(
        &[(ZOOM, &zoom), (TRUSTED, elsewhere)],
        Scenario::Regional.client_id(),
    );
    assert_eq!(ran.code, 1, "{}", ran.both());
    assert_eq!(doc["api_url"], zoom);
}

/// A users page as Zoom's: one active owner.
fn users_page() -> String {
    let page = json!({
        "page_size": 300,
        "total_records": 1,
        "next_page_token": "",
        "users": [{
            "id": "OwnerUserId000000000001",
            "email": "owner@example-gym.jp",
            "display_name": "Owner",
            "first_name": "O",
            "last_name": "W",
            "type": 2,
            "role_id": "0",
            "status": "active",
        }],
    });
    http(200, "application/json", &page.to_string())
}

/// A token server whose tokens name `api_url`, and the users list for any bearer token.
fn zoom_naming(api_url: String, token: &'static str) -> FakeServer {
    FakeServer::start(move |request: &Request| match request.path() {
        "/oauth/token" => {
            let body = json!({
                "access_token": token,
                "token_type": "bearer",
                "expires_in": 3599,
                "scope": ALL_GRANULAR,
                "api_url": api_url,
            });
            http(200, "application/json", &body.to_string())
        }
        _ => users_page(),
    })
}

fn bearers(server: &FakeServer) -> Vec<String> {
    server
        .requests()
        .iter()
        .filter_map(|r| r.header("authorization").map(str::to_owned))
        .collect()
}

/// A tampered token answer names another server as its API: it never hears from us, and the
/// check asks Zoom's own API instead. Trusting that server, as a control, sends it the token.
#[test]
fn the_bearer_token_never_reaches_an_api_url_the_rule_does_not_trust() {
    const TOKEN: &str = "eyJhbGciOiJIUzUxMiJ9.TrapCanaryToken.sig";
    let trap = FakeServer::start(|_: &Request| users_page());
    let zoom = zoom_naming(trap.url(), TOKEN);

    let (ran, doc) = check(
        &[(ZOOM, &zoom.url()), (TRUSTED, &zoom.url())],
        "AnyClientId0000001",
    );
    assert_eq!(ran.code, 0, "{}", ran.both());
    assert_eq!(doc["api_url"], zoom.url());
    assert_eq!(trap.connections(), 0, "the untrusted api_url was contacted");
    assert!(bearers(&zoom).contains(&format!("Bearer {TOKEN}")));

    let both = format!("{} {}", zoom.url(), trap.url());
    let (ran, doc) = check(
        &[(ZOOM, &zoom.url()), (TRUSTED, &both)],
        "AnyClientId0000001",
    );
    assert_eq!(ran.code, 0, "{}", ran.both());
    assert_eq!(doc["api_url"], trap.url());
    assert_eq!(bearers(&trap), [format!("Bearer {TOKEN}")]);
}

/// A user name or password in `api_url` is refused even on a trusted origin.
#[test]
fn an_api_url_with_credentials_in_it_is_not_followed_even_when_trusted() {
    const TOKEN: &str = "eyJhbGciOiJIUzUxMiJ9.UserinfoCanaryToken.sig";
    let trap = FakeServer::start(|_: &Request| users_page());
    let with_userinfo = trap.url().replace("http://", "http://user:pass@");
    let zoom = zoom_naming(with_userinfo, TOKEN);
    let both = format!("{} {}", zoom.url(), trap.url());
    let (ran, doc) = check(
        &[(ZOOM, &zoom.url()), (TRUSTED, &both)],
        "AnyClientId0000001",
    );
    assert_eq!(ran.code, 0, "{}", ran.both());
    assert_eq!(doc["api_url"], zoom.url());
    assert_eq!(trap.connections(), 0);
}

/// The contrast the hooks exist for: with `--oauth-base` the user chose the server, and its
/// `api_url` is followed as it is, trusted or not.
#[test]
fn with_oauth_base_the_api_url_is_followed_as_it_is() {
    const TOKEN: &str = "eyJhbGciOiJIUzUxMiJ9.OauthBaseCanaryToken.sig";
    let other = FakeServer::start(|_: &Request| users_page());
    let zoom = zoom_naming(other.url(), TOKEN);
    let home = tempfile::tempdir().unwrap();
    let mut cmd = command(
        home.path(),
        &[
            "check",
            "--json",
            "--credentials",
            "-",
            "--oauth-base",
            &zoom.url(),
        ],
    );
    let block = format!(
        "Account ID: {DEMO_ACCOUNT_ID}\nClient ID: AnyClientId0000001\nClient secret: {CANARY}\n"
    );
    let ran = run(&mut cmd, Input::Close(block.as_bytes()));
    assert_eq!(ran.code, 0, "{}", ran.both());
    assert_eq!(bearers(&other), [format!("Bearer {TOKEN}")]);
}
