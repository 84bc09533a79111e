//! The `check` subcommand through `check::run`, against the emulator (in `--demo` mode and as
//! a server given with `--oauth-base`), with the output captured.

use std::collections::{BTreeSet, HashMap};
use std::io::Write as _;
use std::path::PathBuf;

use hacomono_zoom_setup::check::{
    self, EXIT_PROBLEM, EXIT_READY, EXIT_UNREACHABLE, EXIT_USAGE, Streams,
};
use hacomono_zoom_setup::cli::{CheckArgs, ZoomArgs};
use hacomono_zoom_setup::credentials::mask_id as mask;
use hacomono_zoom_setup::i18n::{Lang, tr};
use hacomono_zoom_setup::signals::Stop;
use hacomono_zoom_setup::zoom::report::DiagnosisCode;
use serde_json::Value;
use support::net::{FakeServer, RefusedPort, http};
use support::process::{Input, Ran, command, run as run_process};
use zoom_emulator::{DEMO_ACCOUNT_ID, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, Emulator, Scenario};

mod support;

const CANARY: &str = "CaNaRy5ecretXyZ0123456789abcdef";

struct Outcome {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Outcome {
    fn json(&self) -> Value {
        // from_str refuses trailing content: exactly one document.
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| panic!("{e}: {}", self.stdout))
    }

    fn assert_secret_hidden(&self, secret: &str) {
        assert!(!self.stdout.contains(secret), "stdout: {}", self.stdout);
        assert!(!self.stderr.contains(secret), "stderr: {}", self.stderr);
    }
}

fn check_args(json: bool, demo: bool, credentials: Option<PathBuf>) -> CheckArgs {
    CheckArgs {
        credentials,
        json,
        demo,
        rehearse: false,
        host: None,
        report: None,
    }
}

fn zoom_args(oauth_base: Option<String>) -> ZoomArgs {
    ZoomArgs {
        oauth_base,
        api_base: None,
        timeout: 5,
        sub_accounts: false,
    }
}

async fn run(
    args: &CheckArgs,
    zoom: &ZoomArgs,
    lang: Lang,
    vars: &[(&str, &str)],
    stdin: &str,
) -> Outcome {
    let vars: HashMap<String, String> = vars
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let (mut stdout, mut stderr) = (Vec::new(), Vec::new());
    let code = check::run(
        args,
        zoom,
        lang,
        |name| vars.get(name).cloned(),
        Streams {
            stdin: stdin.as_bytes(),
            stdout: &mut stdout,
            stderr: &mut stderr,
        },
        &Stop::new(),
    )
    .await;
    Outcome {
        code,
        stdout: String::from_utf8(stdout).unwrap(),
        stderr: String::from_utf8(stderr).unwrap(),
    }
}

/// `check --demo` with a scenario's Client ID (and the canary as secret) from the environment.
async fn demo_scenario(client_id: &str, json: bool) -> Outcome {
    let vars = [
        ("ZOOM_CLIENT_ID", client_id),
        ("ZOOM_CLIENT_SECRET", CANARY),
    ];
    run(
        &check_args(json, true, None),
        &zoom_args(None),
        Lang::En,
        &vars,
        "",
    )
    .await
}

#[tokio::test]
async fn demo_without_credentials_checks_the_demo_account() {
    let out = run(
        &check_args(false, true, None),
        &zoom_args(None),
        Lang::En,
        &[],
        "",
    )
    .await;
    assert_eq!(out.code, EXIT_READY, "{}{}", out.stdout, out.stderr);
    assert!(
        out.stdout.contains("✓ Get an access token"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("4 active users. Proposed default user: 山田 太郎 <owner@demo-gym.example>"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("Ready: these values can be entered in hacomono.")
    );
    assert!(out.stderr.contains("Demo mode"));
    out.assert_secret_hidden(DEMO_CLIENT_SECRET);
}

#[tokio::test]
async fn a_large_account_tells_its_progress_on_stderr_and_proposes_the_owner() {
    let out = demo_scenario(Scenario::LargeAccount.client_id(), false).await;
    assert_eq!(out.code, EXIT_READY, "{}{}", out.stdout, out.stderr);
    let progress: Vec<&str> = out
        .stderr
        .lines()
        .filter(|l| l.starts_with("users: "))
        .collect();
    assert_eq!(
        progress,
        [
            "users: 300 of 8,000",
            "users: 3,300 of 8,000",
            "users: 6,300 of 8,000",
            "users: 8,000 of 8,000"
        ],
        "{}",
        out.stderr
    );
    assert!(
        out.stdout.contains(
            "8,000 active users. Proposed default user: 本部 オーナー <owner@large-gym.example>"
        ),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains("users: "), "progress stays on stderr");

    let json = demo_scenario(Scenario::LargeAccount.client_id(), true).await;
    assert_eq!(json.code, EXIT_READY);
    assert!(json.stderr.is_empty(), "--json: {}", json.stderr);
    let doc = json.json();
    assert_eq!(doc["users_total"], 8_000);
    assert_eq!(doc["default_user"]["email"], "owner@large-gym.example");
    let keys: BTreeSet<&str> = doc
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let small = demo_scenario(DEMO_CLIENT_ID, true).await.json();
    let small_keys: BTreeSet<&str> = small
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys, small_keys,
        "the same document, only the counts differ"
    );
}

#[tokio::test]
async fn an_account_read_in_one_page_tells_no_progress() {
    let out = demo_scenario(Scenario::ClassicScopes.client_id(), false).await;
    assert_eq!(out.code, EXIT_READY);
    assert!(!out.stderr.contains("users: "), "{}", out.stderr);
}

#[tokio::test]
async fn demo_json_is_one_document_with_everything() {
    let out = run(
        &check_args(true, true, None),
        &zoom_args(None),
        Lang::Ja,
        &[],
        "",
    )
    .await;
    assert_eq!(out.code, EXIT_READY);
    assert!(
        out.stderr.is_empty(),
        "--json keeps stderr quiet on success: {}",
        out.stderr
    );
    let doc = out.json();
    assert_eq!(doc["ok"], true);
    assert_eq!(doc["diagnoses"], Value::Array(vec![]));
    assert_eq!(doc["scopes"].as_array().unwrap().len(), 7);
    for scope in doc["scopes"].as_array().unwrap() {
        assert_eq!(scope["met"], true);
        for key in ["requirement", "met_by", "granular", "sub_account"] {
            assert!(scope.get(key).is_some(), "{key}");
        }
    }
    assert_eq!(doc["default_user"]["email"], "owner@demo-gym.example");
    assert_eq!(doc["default_user"]["display_name"], "山田 太郎");
    assert_eq!(doc["default_user"]["id"], "KDcuGIm1QgePTO8WbOqwIQ");
    assert_eq!(doc["users_total"], 4);
    assert!(
        doc["api_url"]
            .as_str()
            .unwrap()
            .starts_with("http://127.0.0.1:")
    );
    assert_eq!(doc["stages"]["users"], "passed");
    assert_eq!(doc["error"], Value::Null);
}

/// The keys README.md documents, present in every document whatever happened.
const JSON_KEYS: [&str; 11] = [
    "ok",
    "error",
    "stages",
    "diagnoses",
    "scopes",
    "users_total",
    "default_user",
    "api_url",
    "route",
    "rehearsal",
    "interrupted",
];

#[tokio::test]
async fn every_json_document_has_every_documented_key() {
    let healthy = demo_scenario(DEMO_CLIENT_ID, true).await;
    let bad_token = demo_scenario(Scenario::InvalidClient.client_id(), true).await;
    let no_users = demo_scenario(Scenario::NoActiveUsers.client_id(), true).await;
    let usage = run(
        &check_args(true, false, None),
        &zoom_args(None),
        Lang::En,
        &[],
        "",
    )
    .await;
    for out in [healthy, bad_token, no_users, usage] {
        let doc = out.json();
        let keys: BTreeSet<&str> = doc
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys, BTreeSet::from(JSON_KEYS), "{}", out.stdout);
        if !doc["error"].is_null() {
            for key in ["code", "message", "missing"] {
                assert!(doc["error"].get(key).is_some(), "{key}");
            }
        }
    }
}

#[tokio::test]
async fn exit_codes_per_scenario() {
    let cases = [
        (
            Scenario::InvalidClient.client_id(),
            EXIT_PROBLEM,
            "invalid_client",
        ),
        (
            Scenario::BadAccountId.client_id(),
            EXIT_PROBLEM,
            "invalid_account_id",
        ),
        (
            Scenario::WrongAppType.client_id(),
            EXIT_PROBLEM,
            "wrong_app_type",
        ),
        (
            Scenario::TokenRejected.client_id(),
            EXIT_PROBLEM,
            "token_rejected",
        ),
        (
            Scenario::TokenRejectedEmpty.client_id(),
            EXIT_PROBLEM,
            "token_rejected",
        ),
        (
            Scenario::UserScope4711.client_id(),
            EXIT_PROBLEM,
            "missing_scopes",
        ),
        (
            Scenario::NoDeleteScope.client_id(),
            EXIT_PROBLEM,
            "missing_scopes",
        ),
        (
            Scenario::NoActiveUsers.client_id(),
            EXIT_PROBLEM,
            "no_active_users",
        ),
        (
            Scenario::NoSubAccountScopes.client_id(),
            EXIT_READY,
            "missing_sub_account_scopes",
        ),
        (
            Scenario::DailyLimit.client_id(),
            EXIT_UNREACHABLE,
            "rate_limited",
        ),
        (
            Scenario::Unavailable.client_id(),
            EXIT_UNREACHABLE,
            "zoom_unavailable",
        ),
        (
            Scenario::Html.client_id(),
            EXIT_UNREACHABLE,
            "unexpected_response",
        ),
    ];
    for (client_id, want, code) in cases {
        let out = demo_scenario(client_id, true).await;
        assert_eq!(out.code, want, "{client_id}: {}", out.stdout);
        let doc = out.json();
        assert_eq!(doc["ok"], want == EXIT_READY, "{client_id}");
        let diagnosis = &doc["diagnoses"][0];
        assert_eq!(diagnosis["code"], code, "{client_id}");
        for key in ["severity", "title", "fix", "field"] {
            assert!(diagnosis.get(key).is_some(), "{client_id}: {key}");
        }
        assert!(
            !diagnosis["fix"].as_str().unwrap().contains('{'),
            "{client_id}"
        );
        out.assert_secret_hidden(CANARY);
    }
}

#[tokio::test]
async fn the_field_to_fix_is_named_in_json() {
    let out = demo_scenario(Scenario::InvalidClient.client_id(), true).await;
    assert_eq!(out.json()["diagnoses"][0]["field"], "client_secret");
    let out = demo_scenario(Scenario::BadAccountId.client_id(), true).await;
    assert_eq!(out.json()["diagnoses"][0]["field"], "account_id");
    assert_eq!(out.json()["diagnoses"][0]["severity"], "error");
}

#[tokio::test]
async fn a_timeout_exits_3() {
    // --timeout is whole seconds; the demo's slow scenario answers one second after it.
    let vars = [("ZOOM_CLIENT_ID", Scenario::Slow.client_id())];
    let mut zoom = zoom_args(None);
    zoom.timeout = 1;
    let out = run(&check_args(true, true, None), &zoom, Lang::En, &vars, "").await;
    assert_eq!(out.code, EXIT_UNREACHABLE);
    assert_eq!(out.json()["diagnoses"][0]["code"], "timeout");
}

#[tokio::test]
async fn unreachable_zoom_exits_3() {
    // Held for the whole test: nothing else can take the port meanwhile.
    let refused = RefusedPort::new();
    let base = refused.url();
    let vars = [
        ("ZOOM_ACCOUNT_ID", DEMO_ACCOUNT_ID),
        ("ZOOM_CLIENT_ID", DEMO_CLIENT_ID),
        ("ZOOM_CLIENT_SECRET", CANARY),
    ];
    let out = run(
        &check_args(false, false, None),
        &zoom_args(Some(base.clone())),
        Lang::En,
        &vars,
        "",
    )
    .await;
    assert_eq!(out.code, EXIT_UNREACHABLE);
    // Named as what it is, with the address and whom to ask, and the route shown.
    assert!(
        out.stdout
            .contains("The connection to Zoom was refused  [connection_refused]"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains(base.trim_start_matches("http://")),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("IT contact"), "{}", out.stdout);
    assert!(
        out.stdout.contains("Route to Zoom:"),
        "a network failure shows the route: {}",
        out.stdout
    );
    out.assert_secret_hidden(CANARY);
}

#[tokio::test]
async fn every_scenario_in_both_languages_hides_the_secret_and_every_placeholder() {
    for client_id in Scenario::ALL.iter().map(|s| s.client_id()) {
        if client_id == Scenario::Slow.client_id() {
            continue; // a_timeout_exits_3; it takes seconds
        }
        for lang in [Lang::En, Lang::Ja] {
            for json in [false, true] {
                let vars = [
                    ("ZOOM_CLIENT_ID", client_id),
                    ("ZOOM_CLIENT_SECRET", CANARY),
                ];
                let out = run(
                    &check_args(json, true, None),
                    &zoom_args(None),
                    lang,
                    &vars,
                    "",
                )
                .await;
                out.assert_secret_hidden(CANARY);
                assert!(
                    !out.stdout.contains("{detail}") && !out.stdout.contains("diag."),
                    "{}",
                    out.stdout
                );
                if json {
                    out.json();
                } else {
                    // `check` has no keys: a sentence that names one is the full screen's.
                    assert!(
                        !out.stdout.contains("press r") && !out.stdout.contains("r キー"),
                        "{}",
                        out.stdout
                    );
                }
            }
        }
    }
}

#[tokio::test]
async fn human_output_in_japanese() {
    let out = demo_scenario(Scenario::NoDeleteScope.client_id(), false).await;
    assert_eq!(out.code, EXIT_PROBLEM);
    let out_ja = {
        let vars = [("ZOOM_CLIENT_ID", Scenario::NoDeleteScope.client_id())];
        run(
            &check_args(false, true, None),
            &zoom_args(None),
            Lang::Ja,
            &vars,
            "",
        )
        .await
    };
    assert!(
        out_ja
            .stdout
            .contains("hacomono に必要なスコープが不足しています"),
        "{}",
        out_ja.stdout
    );
    assert!(
        out_ja
            .stdout
            .lines()
            .any(|l| l.starts_with("  ✗ ") && l.ends_with("(meeting:delete:meeting:admin)")),
        "{}",
        out_ja.stdout
    );
    assert!(
        out_ja.stdout.contains("– 有効なユーザーの取得"),
        "skipped stage"
    );
    assert!(
        out.stdout
            .contains("✗ View and manage all user meetings > Delete a meeting")
    );
}

// --- credentials sources --------------------------------------------------------------------

#[tokio::test]
async fn missing_credentials_are_a_usage_error() {
    let out = run(
        &check_args(false, false, None),
        &zoom_args(None),
        Lang::En,
        &[],
        "",
    )
    .await;
    assert_eq!(out.code, EXIT_USAGE);
    assert!(out.stdout.is_empty());
    assert!(
        out.stderr.contains("Account ID (ZOOM_ACCOUNT_ID)"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("Client secret (ZOOM_CLIENT_SECRET)"));

    let vars = [
        ("ZOOM_ACCOUNT_ID", "a"),
        ("ZOOM_CLIENT_ID", "b"),
        ("ZOOM_CLIENT_SECRET", " \n\t "),
    ];
    let out = run(
        &check_args(true, false, None),
        &zoom_args(None),
        Lang::En,
        &vars,
        "",
    )
    .await;
    assert_eq!(out.code, EXIT_USAGE);
    let doc = out.json();
    assert_eq!(doc["ok"], false);
    assert_eq!(doc["error"]["code"], "missing_credentials");
    assert_eq!(
        doc["error"]["missing"],
        serde_json::json!(["client_secret"])
    );
}

#[tokio::test]
async fn credentials_from_a_file_against_a_given_server() {
    let emu = Emulator::start().await.unwrap();
    let mut file = tempfile::NamedTempFile::new().unwrap();
    writeln!(
        file,
        "# from the Marketplace\nAccount ID: {DEMO_ACCOUNT_ID}\r\nexport ZOOM_CLIENT_ID=\"{DEMO_CLIENT_ID}\"\nClient secret：  {DEMO_CLIENT_SECRET}\u{7}\n"
    )
    .unwrap();
    let args = check_args(true, false, Some(file.path().to_owned()));
    // The file wins over the environment, field by field.
    let vars = [("ZOOM_CLIENT_SECRET", "wrong")];
    let out = run(&args, &zoom_args(Some(emu.base_url())), Lang::En, &vars, "").await;
    assert_eq!(out.code, EXIT_READY, "{}{}", out.stdout, out.stderr);
    assert_eq!(out.json()["api_url"], emu.base_url());
    assert_eq!(emu.tokens_minted(), 1);
    assert_eq!(emu.requests(), 2);
    out.assert_secret_hidden(DEMO_CLIENT_SECRET);
}

/// PowerShell 5.1's `>` and `Out-File` and Notepad's "Unicode" write UTF-16 with a byte-order
/// mark; Notepad's "UTF-8 with BOM" starts with one too. Each file holds a scenario's Client ID
/// on its first line, so only a file that was read gives the scenario's result.
#[tokio::test]
async fn credentials_files_in_utf16_and_with_a_byte_order_mark_as_windows_writes_them() {
    let text = format!(
        "クライアントID: demoNoActiveUsers\r\nアカウントID: {DEMO_ACCOUNT_ID}\r\nクライアントシークレット: {CANARY}\r\n"
    );
    let utf16 = |big_endian: bool| -> Vec<u8> {
        let mut bytes = if big_endian {
            vec![0xFE, 0xFF]
        } else {
            vec![0xFF, 0xFE]
        };
        for unit in text.encode_utf16() {
            bytes.extend(if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            });
        }
        bytes
    };
    let utf8_bom = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
    for (shape, bytes) in [
        ("UTF-16LE", utf16(false)),
        ("UTF-16BE", utf16(true)),
        ("UTF-8 with BOM", utf8_bom),
    ] {
        let mut file = tempfile::NamedTempFile::new().unwrap();
        file.write_all(&bytes).unwrap();
        let args = check_args(true, true, Some(file.path().to_owned()));
        let out = run(&args, &zoom_args(None), Lang::En, &[], "").await;
        assert_eq!(
            out.code, EXIT_PROBLEM,
            "{shape}: {}{}",
            out.stdout, out.stderr
        );
        let codes: Vec<Value> = out.json()["diagnoses"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["code"].clone())
            .collect();
        assert_eq!(codes, ["no_active_users"], "{shape}");
        out.assert_secret_hidden(CANARY);
    }
}

#[tokio::test]
async fn credentials_from_standard_input() {
    let emu = Emulator::start().await.unwrap();
    let stdin = format!(
        "ZOOM_ACCOUNT_ID={DEMO_ACCOUNT_ID}\nclient_id = {DEMO_CLIENT_ID}\nCLIENT_SECRET='{DEMO_CLIENT_SECRET}'\n"
    );
    let args = check_args(false, false, Some(PathBuf::from("-")));
    let out = run(
        &args,
        &zoom_args(Some(emu.base_url())),
        Lang::En,
        &[],
        &stdin,
    )
    .await;
    assert_eq!(out.code, EXIT_READY, "{}{}", out.stdout, out.stderr);
    out.assert_secret_hidden(DEMO_CLIENT_SECRET);
}

#[tokio::test]
async fn an_unreadable_file_is_a_usage_error() {
    let args = check_args(
        true,
        false,
        Some(PathBuf::from("/nonexistent/credentials.env")),
    );
    let out = run(&args, &zoom_args(None), Lang::Ja, &[], "").await;
    assert_eq!(out.code, EXIT_USAGE);
    assert!(
        out.stderr
            .contains("/nonexistent/credentials.env を読み込めませんでした"),
        "{}",
        out.stderr
    );
    assert_eq!(out.json()["error"]["code"], "unreadable_credentials");
}

#[tokio::test]
async fn a_file_without_the_values_names_what_is_missing() {
    let args = check_args(false, false, Some(PathBuf::from("-")));
    let stdin = "just some text\nClient ID: abc\n";
    let out = run(&args, &zoom_args(None), Lang::En, &[], stdin).await;
    assert_eq!(out.code, EXIT_USAGE);
    assert!(out.stderr.contains("Account ID") && !out.stderr.contains("Client ID ("));
}

/// Every shape the wizard's paste reads, filled with the demo account.
fn block_shapes() -> Vec<(&'static str, String)> {
    let (a, c, s) = (DEMO_ACCOUNT_ID, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET);
    vec![
        (
            "labelled lines",
            format!("Account ID: {a}\nClient ID: {c}\nClient secret: {s}\n"),
        ),
        (
            "Zoom's App Credentials page",
            format!(
                "App credentials\nAccount ID\n{a}\nCopy\nClient ID\n{c}\nCopy\nClient secret\n{s}\nCopy\nRegenerate\n"
            ),
        ),
        (
            "Zoom's page with blank lines, CRLF and tabs",
            format!(
                "\r\nAccount ID\r\n\r\n\t{a}\t\r\n\r\nCopy\r\n\r\nClient ID\r\n\r\n{c}  Copy\r\n\r\nClient secret\r\n\r\n{s}\r\n\r\nCopy\r\nRegenerate"
            ),
        ),
        (
            "Zoom's page in Japanese",
            format!(
                "アカウント ID\n{a}\nコピー\nクライアント ID\n{c}\nコピー\nクライアントシークレット\n{s}\nコピー\n再生成\n"
            ),
        ),
        (
            "Japanese labels with :",
            format!("アカウントID: {a}\nクライアントID: {c}\nクライアントシークレット: {s}\n"),
        ),
        (
            "Japanese labels with ：",
            format!("アカウントID：{a}\nクライアントID：{c}\nクライアントシークレット：{s}\n"),
        ),
        (
            ".env",
            format!("ZOOM_ACCOUNT_ID={a}\nZOOM_CLIENT_ID={c}\nZOOM_CLIENT_SECRET={s}\n"),
        ),
        (
            ".env, quoted",
            format!(
                "# Zoom\nZOOM_ACCOUNT_ID=\"{a}\"\nZOOM_CLIENT_ID='{c}'\nZOOM_CLIENT_SECRET=\"{s}\" # hacomono\n"
            ),
        ),
        (
            "export",
            format!(
                "export ZOOM_ACCOUNT_ID={a}\nexport ZOOM_CLIENT_ID=\"{c}\"\nexport ZOOM_CLIENT_SECRET='{s}'\n"
            ),
        ),
    ]
}

#[tokio::test]
async fn every_block_shape_from_standard_input_and_from_a_file() {
    // A server given with --oauth-base, not --demo: the demo would fill in a value the parser
    // missed and hide the failure.
    let emu = Emulator::start().await.unwrap();
    let zoom = zoom_args(Some(emu.base_url()));
    for (shape, text) in block_shapes() {
        let stdin_args = check_args(true, false, Some(PathBuf::from("-")));
        let out = run(&stdin_args, &zoom, Lang::En, &[], &text).await;
        assert_eq!(out.code, EXIT_READY, "{shape} on stdin: {}", out.stdout);
        assert_eq!(out.json()["ok"], true, "{shape}");
        out.assert_secret_hidden(DEMO_CLIENT_SECRET);

        let mut file = tempfile::NamedTempFile::new().unwrap();
        file.write_all(text.as_bytes()).unwrap();
        let file_args = check_args(false, false, Some(file.path().to_owned()));
        let out = run(&file_args, &zoom, Lang::Ja, &[], "").await;
        assert_eq!(out.code, EXIT_READY, "{shape} in a file: {}", out.stdout);
        assert!(out.stdout.contains("準備ができました"), "{shape}");
        out.assert_secret_hidden(DEMO_CLIENT_SECRET);
    }
}

#[tokio::test]
async fn the_environment_fills_what_the_file_lacks_and_says_so() {
    let emu = Emulator::start().await.unwrap();
    let text = format!("Account ID: {DEMO_ACCOUNT_ID}\nClient ID: {DEMO_CLIENT_ID}\n");
    let vars = [
        ("ZOOM_CLIENT_ID", "demoInvalidClient"),
        ("ZOOM_CLIENT_SECRET", DEMO_CLIENT_SECRET),
    ];
    let args = check_args(false, false, Some(PathBuf::from("-")));
    let out = run(
        &args,
        &zoom_args(Some(emu.base_url())),
        Lang::En,
        &vars,
        &text,
    )
    .await;
    assert_eq!(out.code, EXIT_READY, "{}{}", out.stdout, out.stderr);
    assert!(
        out.stderr.contains(
            "Not in -, so taken from the environment: Client secret (ZOOM_CLIENT_SECRET)"
        ),
        "{}",
        out.stderr
    );
    assert!(
        !out.stderr.contains("Client ID ("),
        "the file's Client ID won"
    );
    out.assert_secret_hidden(DEMO_CLIENT_SECRET);

    // Without a file there is nothing to point out.
    let vars = [
        ("ZOOM_ACCOUNT_ID", DEMO_ACCOUNT_ID),
        ("ZOOM_CLIENT_ID", DEMO_CLIENT_ID),
        ("ZOOM_CLIENT_SECRET", DEMO_CLIENT_SECRET),
    ];
    let args = check_args(false, false, None);
    let out = run(&args, &zoom_args(Some(emu.base_url())), Lang::En, &vars, "").await;
    assert_eq!(out.code, EXIT_READY);
    assert!(!out.stderr.contains("environment"), "{}", out.stderr);
}

#[tokio::test]
async fn environment_values_with_trailing_newlines_and_spaces_still_pass() {
    let emu = Emulator::start().await.unwrap();
    let account = format!("{DEMO_ACCOUNT_ID}\n");
    let client = format!("  {DEMO_CLIENT_ID} \t");
    let secret = format!(" {DEMO_CLIENT_SECRET}\r\n ");
    let vars = [
        ("ZOOM_ACCOUNT_ID", account.as_str()),
        ("ZOOM_CLIENT_ID", client.as_str()),
        ("ZOOM_CLIENT_SECRET", secret.as_str()),
    ];
    let out = run(
        &check_args(true, false, None),
        &zoom_args(Some(emu.base_url())),
        Lang::En,
        &vars,
        "",
    )
    .await;
    assert_eq!(out.code, EXIT_READY, "{}", out.stdout);
    assert_eq!(out.json()["ok"], true);
    out.assert_secret_hidden(DEMO_CLIENT_SECRET);
}

#[tokio::test]
async fn oversize_input_is_refused_not_cut() {
    let emu = Emulator::start().await.unwrap();
    let zoom = zoom_args(Some(emu.base_url()));
    let values = format!(
        "ZOOM_ACCOUNT_ID={DEMO_ACCOUNT_ID}\nZOOM_CLIENT_ID={DEMO_CLIENT_ID}\nZOOM_CLIENT_SECRET={DEMO_CLIENT_SECRET}\n"
    );
    // A long .env (larger than a paste may be) is still a credentials file...
    let long = format!(
        "{}{values}",
        "# a comment line of some length\n".repeat(400)
    );
    assert!(long.len() > hacomono_zoom_setup::credentials::MAX_PASTE_BYTES);
    let args = check_args(true, false, Some(PathBuf::from("-")));
    let out = run(&args, &zoom, Lang::En, &[], &long).await;
    assert_eq!(out.code, EXIT_READY, "{}", out.stdout);

    // ...but past the cap nothing is checked, even though the values come first.
    let limit = check::MAX_CREDENTIALS_BYTES as usize;
    let huge = format!("{values}{}", "#".repeat(limit));
    for json in [true, false] {
        let args = check_args(json, false, Some(PathBuf::from("-")));
        let out = run(&args, &zoom, Lang::En, &[], &huge).await;
        assert_eq!(out.code, EXIT_USAGE);
        assert!(out.stderr.contains("larger than 64 KiB"), "{}", out.stderr);
        if json {
            assert_eq!(out.json()["error"]["code"], "credentials_too_large");
        }
    }
    let mut file = tempfile::NamedTempFile::new().unwrap();
    file.write_all(huge.as_bytes()).unwrap();
    let args = check_args(false, false, Some(file.path().to_owned()));
    let out = run(&args, &zoom, Lang::En, &[], "").await;
    assert_eq!(out.code, EXIT_USAGE);
    // Exactly at the cap is still read.
    let exact = format!("{values}{}", "#".repeat(limit - values.len()));
    let args = check_args(false, false, Some(PathBuf::from("-")));
    let out = run(&args, &zoom, Lang::En, &[], &exact).await;
    assert_eq!(out.code, EXIT_READY, "{}", out.stderr);
    assert_eq!(emu.tokens_minted(), 2, "no token for a refused input");
}

// --- the support report -----------------------------------------------------------------------

fn with_report(mut args: CheckArgs, report: &str) -> CheckArgs {
    args.report = Some(PathBuf::from(report));
    args
}

#[tokio::test]
async fn report_to_standard_output_replaces_the_human_output() {
    let vars = [
        ("ZOOM_CLIENT_ID", Scenario::InvalidClient.client_id()),
        ("ZOOM_CLIENT_SECRET", CANARY),
    ];
    for lang in [Lang::En, Lang::Ja] {
        let args = with_report(check_args(false, true, None), "-");
        let out = run(&args, &zoom_args(None), lang, &vars, "").await;
        assert_eq!(out.code, EXIT_PROBLEM, "{}", out.stderr);
        assert!(out.stdout.starts_with("# "), "{}", out.stdout);
        assert!(out.stdout.contains("[invalid_client]"), "{}", out.stdout);
        assert!(
            out.stdout
                .contains(&mask(Scenario::InvalidClient.client_id())),
            "{}",
            out.stdout
        );
        assert!(
            !out.stdout.contains(Scenario::InvalidClient.client_id()),
            "the Client ID shows only its last four characters"
        );
        // The human output's title and verdict are not there: the report replaced them.
        assert!(
            !out.stdout.contains(tr(lang, "check.not_ready")),
            "{}",
            out.stdout
        );
        assert!(
            !out.stdout.contains(tr(lang, "check.title")),
            "{}",
            out.stdout
        );
        out.assert_secret_hidden(CANARY);
    }
}

#[tokio::test]
async fn report_to_a_file_comes_with_the_usual_output() {
    let dir = tempfile::tempdir().unwrap();
    for json in [false, true] {
        let path = dir.path().join(format!("report-{json}.md"));
        let args = with_report(check_args(json, true, None), path.to_str().unwrap());
        let out = run(&args, &zoom_args(None), Lang::En, &[], "").await;
        assert_eq!(out.code, EXIT_READY, "{}", out.stderr);
        if json {
            assert_eq!(out.json()["ok"], true);
        } else {
            assert!(out.stdout.contains("Ready: these values"), "{}", out.stdout);
        }
        let page = std::fs::read_to_string(&path).unwrap();
        assert!(page.starts_with("# "), "{page}");
        assert!(page.contains(&mask(DEMO_CLIENT_ID)), "{page}");
        assert!(page.contains("owner@demo-gym.example"), "{page}");
        assert!(!page.contains(DEMO_CLIENT_SECRET) && !page.contains(DEMO_CLIENT_ID));
        out.assert_secret_hidden(DEMO_CLIENT_SECRET);
    }
}

#[tokio::test]
async fn json_with_the_report_on_standard_output_is_a_usage_error() {
    let emu = Emulator::start().await.unwrap();
    let vars = [
        ("ZOOM_ACCOUNT_ID", DEMO_ACCOUNT_ID),
        ("ZOOM_CLIENT_ID", DEMO_CLIENT_ID),
        ("ZOOM_CLIENT_SECRET", DEMO_CLIENT_SECRET),
    ];
    let args = with_report(check_args(true, false, None), "-");
    let out = run(&args, &zoom_args(Some(emu.base_url())), Lang::En, &vars, "").await;
    assert_eq!(out.code, EXIT_USAGE);
    // Still exactly one JSON document, as --json promises.
    assert_eq!(out.json()["error"]["code"], "conflicting_outputs");
    assert!(out.stderr.contains("--report PATH"), "{}", out.stderr);
    assert_eq!(emu.tokens_minted(), 0, "nothing was checked");
}

#[tokio::test]
async fn an_unwritable_report_path_is_a_usage_error_before_any_token() {
    let emu = Emulator::start().await.unwrap();
    let vars = [
        ("ZOOM_ACCOUNT_ID", DEMO_ACCOUNT_ID),
        ("ZOOM_CLIENT_ID", DEMO_CLIENT_ID),
        ("ZOOM_CLIENT_SECRET", DEMO_CLIENT_SECRET),
    ];
    let dir = tempfile::tempdir().unwrap();
    for path in [
        dir.path().join("missing/report.md"),
        dir.path().to_owned(), // a directory
    ] {
        let args = with_report(check_args(true, false, None), path.to_str().unwrap());
        let out = run(&args, &zoom_args(Some(emu.base_url())), Lang::En, &vars, "").await;
        assert_eq!(out.code, EXIT_USAGE, "{}", path.display());
        assert_eq!(out.json()["error"]["code"], "unwritable_report");
        assert!(out.stderr.contains("Could not write the report to"));
    }
    assert_eq!(emu.tokens_minted(), 0);
}

#[tokio::test]
async fn the_report_never_overwrites_the_credentials_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("zoom.env");
    let text = format!("ZOOM_CLIENT_ID={DEMO_CLIENT_ID}\n");
    std::fs::write(&path, &text).unwrap();
    let same = dir.path().join(".").join("zoom.env");
    let args = with_report(
        check_args(false, true, Some(path.clone())),
        same.to_str().unwrap(),
    );
    let out = run(&args, &zoom_args(None), Lang::En, &[], "").await;
    assert_eq!(out.code, EXIT_USAGE);
    assert!(
        out.stderr.contains("the report would overwrite it"),
        "{}",
        out.stderr
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
}

/// /dev/full opens fine and then refuses every write: the late failure (a full disk).
#[cfg(target_os = "linux")]
#[tokio::test]
async fn a_report_that_cannot_be_written_after_the_check_turns_the_exit_code_to_2() {
    let args = with_report(check_args(false, true, None), "/dev/full");
    let out = run(&args, &zoom_args(None), Lang::En, &[], "").await;
    assert_eq!(out.code, EXIT_USAGE);
    assert!(
        out.stdout.contains("Ready: these values"),
        "the verdict is still shown"
    );
    assert!(
        out.stderr
            .contains("Could not write the report to /dev/full"),
        "{}",
        out.stderr
    );
}

// --- the README ------------------------------------------------------------------------------

/// The `check` section of README.md documents every JSON key, every diagnosis code and every
/// emulator scenario; this keeps it from drifting when one is added.
#[test]
fn the_readme_documents_every_key_code_and_scenario() {
    let readme = include_str!("../README.md");
    let start = readme
        .find("## `check`: for support and scripts")
        .expect("the check section");
    let section = &readme[start..];
    let section = &section[..section[3..].find("\n## ").map_or(section.len(), |i| i + 3)];
    for key in JSON_KEYS {
        assert!(section.contains(&format!("| `{key}` |")), "JSON key {key}");
    }
    for code in DiagnosisCode::ALL {
        let code = code.as_str();
        assert!(
            section.contains(&format!("| `{code}` |")),
            "diagnosis {code}"
        );
    }
    for id in Scenario::ALL.iter().map(|s| s.client_id()) {
        assert!(section.contains(&format!("`{id}`")), "scenario {id}");
    }
    for flag in [
        "--credentials",
        "--json",
        "--report",
        "--demo",
        "--lang",
        "--timeout",
        "--oauth-base",
        "--api-base",
        "--sub-accounts",
    ] {
        assert!(section.contains(&format!("| `{flag}")), "flag {flag}");
    }
}

// --- the real binary ------------------------------------------------------------------------

/// Runs the built binary with only the given variables (nothing of the caller's environment,
/// `ZOOM_*` included), in a home of its own, within the deadline.
trait JsonOut {
    fn json(&self) -> Value;
}

impl JsonOut for Ran {
    fn json(&self) -> Value {
        // from_str refuses trailing content: exactly one document.
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| panic!("{e}: {}", self.stdout))
    }
}

fn binary(args: &[&str], vars: &[(&str, &str)]) -> Ran {
    binary_with_input(args, vars, Input::Null)
}

fn binary_with_input(args: &[&str], vars: &[(&str, &str)], input: Input<'_>) -> Ran {
    let home = tempfile::tempdir().unwrap();
    let mut cmd = command(home.path(), args);
    cmd.envs(vars.iter().copied());
    run_process(&mut cmd, input)
}

#[test]
fn the_binary_prints_one_json_document_and_exits_with_the_verdict() {
    let vars = [
        ("ZOOM_CLIENT_ID", Scenario::NoDeleteScope.client_id()),
        ("ZOOM_CLIENT_SECRET", CANARY),
    ];
    let out = binary(&["check", "--demo", "--json", "--lang", "en"], &vars);
    let (stdout, stderr) = (out.stdout, out.stderr);
    assert_eq!(out.code, EXIT_PROBLEM, "{stdout}{stderr}");
    // from_str refuses anything after the document.
    let doc: Value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"));
    assert_eq!(doc["ok"], false);
    assert_eq!(doc["diagnoses"][0]["code"], "missing_scopes");
    assert!(!stdout.contains(CANARY) && !stderr.contains(CANARY));
}

#[test]
fn the_binary_writes_the_report_without_the_secret() {
    let vars = [
        ("ZOOM_CLIENT_ID", Scenario::InvalidClient.client_id()),
        ("ZOOM_CLIENT_SECRET", CANARY),
    ];
    let out = binary(&["check", "--demo", "--report", "-"], &vars);
    let (stdout, stderr) = (out.stdout, out.stderr);
    assert_eq!(out.code, EXIT_PROBLEM, "{stdout}{stderr}");
    assert!(stdout.contains("[invalid_client]"), "{stdout}");
    assert!(!stdout.contains(CANARY) && !stderr.contains(CANARY));
}

#[test]
fn demo_before_check_means_check_demo() {
    let out = binary(&["--demo", "check", "--json"], &[]);
    assert_eq!(out.code, EXIT_READY, "{}", out.both());
}

#[test]
fn the_binary_takes_no_value_as_an_argument() {
    for flag in ["--client-secret", "--secret", "--account-id", "--client-id"] {
        let out = binary(&["check", "--demo", flag, CANARY], &[]);
        assert_eq!(out.code, EXIT_USAGE, "{flag}");
        assert!(out.stdout.is_empty());
    }
}

#[tokio::test]
async fn an_existing_report_file_is_left_alone_when_the_check_cannot_start() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("last-week.md");
    std::fs::write(&path, "last week's report").unwrap();
    let args = with_report(check_args(false, false, None), path.to_str().unwrap());
    let out = run(&args, &zoom_args(None), Lang::En, &[], "").await;
    assert_eq!(
        out.code, EXIT_USAGE,
        "no credentials: the check cannot start"
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "last week's report"
    );
}

// --- the binary end to end: what it does with what answers it -------------------------------

/// Every granular scope hacomono asks for, as a token's `scope`.
const ALL_GRANULAR: &str = "meeting:delete:meeting:admin meeting:delete:meeting:master \
    meeting:update:meeting:admin meeting:update:meeting:master meeting:write:meeting:admin \
    meeting:write:meeting:master user:read:list_users:admin";

/// The three values as a labelled block, for `--credentials -`: never on the command line.
fn block(account_id: &str, client_id: &str, secret: &str) -> String {
    format!("Account ID: {account_id}\nClient ID: {client_id}\nClient secret: {secret}\n")
}

/// `check --credentials -` with `args` and the values of `block` on standard input.
fn check_stdin(args: &[&str], vars: &[(&str, &str)], block: &str) -> Ran {
    let mut all = vec!["check", "--credentials", "-", "--lang", "en"];
    all.extend_from_slice(args);
    binary_with_input(&all, vars, Input::Close(block.as_bytes()))
}

/// A token answer naming `api_url`, as Zoom's.
fn token_json(access_token: &str, api_url: &str) -> String {
    serde_json::json!({
        "access_token": access_token,
        "token_type": "bearer",
        "expires_in": 3599,
        "scope": ALL_GRANULAR,
        "api_url": api_url,
    })
    .to_string()
}

#[test]
fn an_access_token_echoed_back_by_a_proxy_page_is_redacted() {
    let token = "eyJhbGciOiJIUzUxMiJ9.CanaryAccessToken0123456789.SiGnAtUrE42";
    let server = FakeServer::start(move |request| match request.path() {
        "/oauth/token" => {
            // The token names this server as its API, and the check follows it (--oauth-base).
            let api = format!("http://{}", request.header("host").unwrap());
            http(200, "application/json", &token_json(token, &api))
        }
        // A proxy page that quotes the request back, bearer token and all.
        _ => http(
            200,
            "text/html",
            &format!(
                "<html><body>Blocked. {} {}</body></html>",
                request.header("authorization").unwrap_or(""),
                request.target
            ),
        ),
    });
    let url = server.url();
    let block = block(DEMO_ACCOUNT_ID, DEMO_CLIENT_ID, CANARY);
    for args in [&["--json"][..], &["--report", "-"], &[]] {
        let out = check_stdin(
            &[&["--oauth-base", url.as_str()][..], args].concat(),
            &[],
            &block,
        );
        assert_eq!(out.code, EXIT_UNREACHABLE, "{args:?}: {}", out.both());
        assert!(
            out.stdout.contains("<redacted>"),
            "{args:?}: {}",
            out.stdout
        );
        assert!(
            out.stdout.contains("Blocked."),
            "the page is quoted: {}",
            out.stdout
        );
        out.assert_never_shows(token);
        out.assert_never_shows("CanaryAccessToken");
        out.assert_never_shows(CANARY);
    }
    // The premise: the page really had the token to echo.
    let users = server.requests();
    let users: Vec<_> = users.iter().filter(|r| r.path() == "/v2/users").collect();
    assert_eq!(users.len(), 3, "one users request per run");
    for request in users {
        assert_eq!(
            request.header("authorization"),
            Some(format!("Bearer {token}").as_str())
        );
    }
}

#[test]
fn basic_credentials_and_the_secret_echoed_back_by_a_proxy_page_are_redacted() {
    let server = FakeServer::start(|request| {
        // A proxy page quoting the token request: its Basic header and the secret decoded.
        let basic = request.header("authorization").unwrap_or("").to_owned();
        let decoded = basic
            .strip_prefix("Basic ")
            .and_then(|b| {
                use base64::Engine as _;
                base64::engine::general_purpose::STANDARD.decode(b).ok()
            })
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .unwrap_or_default();
        // A captive portal answers 200 with its page.
        http(
            200,
            "text/html",
            &format!("<p>Proxy error. {basic} ({decoded})</p>"),
        )
    });
    let block = block(DEMO_ACCOUNT_ID, DEMO_CLIENT_ID, CANARY);
    let out = check_stdin(&["--oauth-base", &server.url(), "--json"], &[], &block);
    assert_eq!(out.code, EXIT_UNREACHABLE, "{}", out.both());
    let detail = out.json()["diagnoses"][0]["detail"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(detail.contains("Proxy error."), "{detail}");
    assert!(detail.contains("<redacted>"), "{detail}");
    out.assert_never_shows(CANARY);
    let basic = server.requests()[0]
        .header("authorization")
        .unwrap()
        .trim_start_matches("Basic ")
        .to_owned();
    assert!(basic.len() > 20, "the premise: a Basic header was sent");
    out.assert_never_shows(&basic);
}

/// Linux and the BSDs read the system's certificates from SSL_CERT_FILE/SSL_CERT_DIR when set:
/// empty ones leave the TLS setup without a root, so the check cannot start. (macOS asks its
/// keychain instead.)
#[cfg(all(unix, not(target_vendor = "apple")))]
#[test]
fn a_check_that_cannot_start_removes_the_report_it_created_and_exits_3() {
    let dir = tempfile::tempdir().unwrap();
    let (no_file, no_dir) = (dir.path().join("no-certs.pem"), dir.path().join("no-certs"));
    std::fs::write(&no_file, "").unwrap();
    std::fs::create_dir(&no_dir).unwrap();
    let no_certs = [
        ("SSL_CERT_FILE", no_file.to_str().unwrap()),
        ("SSL_CERT_DIR", no_dir.to_str().unwrap()),
    ];
    let report = dir.path().join("report.md");
    let args = [
        "check",
        "--demo",
        "--json",
        "--report",
        report.to_str().unwrap(),
    ];

    let out = binary(&args, &no_certs);
    assert_eq!(out.code, EXIT_UNREACHABLE, "{}", out.both());
    let doc = out.json();
    assert_eq!(doc["error"]["code"], "setup_failed", "{doc}");
    assert!(
        doc["error"]["message"]
            .as_str()
            .unwrap()
            .starts_with("The check could not start: "),
        "{doc}"
    );
    assert_eq!(doc["stages"], serde_json::json!({}));
    assert!(
        !report.exists(),
        "the report file it had just created was removed"
    );

    // A report that was there before keeps its content.
    std::fs::write(&report, "last week's report").unwrap();
    let out = binary(&args, &no_certs);
    assert_eq!(out.code, EXIT_UNREACHABLE);
    assert_eq!(
        std::fs::read_to_string(&report).unwrap(),
        "last week's report"
    );

    // The same run with the system's certificates writes it: the path was never the problem.
    std::fs::remove_file(&report).unwrap();
    let out = binary(&args, &[]);
    assert_eq!(out.code, EXIT_READY, "{}", out.both());
    assert!(
        std::fs::read_to_string(&report)
            .unwrap()
            .starts_with("# hacomono-zoom-setup support report")
    );
}

/// `--api-base` against emulators running in this process, the binary asking them over HTTP.
/// Multi-threaded: the emulators answer on a worker while the test waits for the binary.
#[tokio::test(flavor = "multi_thread", worker_threads = 1)]
async fn api_base_is_honoured_end_to_end() {
    let zoom = Emulator::start().await.unwrap();
    let other = Emulator::start().await.unwrap();
    let oauth = zoom.base_url();
    let regional = block(DEMO_ACCOUNT_ID, Scenario::Regional.client_id(), CANARY);

    // Without --api-base the regional token's api_url is followed (the user chose the server).
    let out = check_stdin(&["--oauth-base", &oauth, "--json"], &[], &regional);
    assert_eq!(out.code, EXIT_READY, "{}", out.both());
    assert_eq!(out.json()["api_url"], format!("{oauth}/eu01"));

    // --api-base wins over the token's api_url: the regional token is refused off its cluster.
    let out = check_stdin(
        &["--oauth-base", &oauth, "--api-base", &oauth, "--json"],
        &[],
        &regional,
    );
    assert_eq!(out.code, EXIT_PROBLEM, "{}", out.both());
    let doc = out.json();
    assert_eq!(doc["api_url"], oauth);
    assert_eq!(doc["diagnoses"][0]["code"], "token_rejected");

    // And the users request goes to the server --api-base names, not to the token's.
    let healthy = block(DEMO_ACCOUNT_ID, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET);
    let (zoom_before, other_before) = (zoom.requests(), other.requests());
    let out = check_stdin(
        &[
            "--oauth-base",
            &oauth,
            "--api-base",
            &other.base_url(),
            "--json",
        ],
        &[],
        &healthy,
    );
    assert_eq!(out.json()["api_url"], other.base_url());
    assert_eq!(zoom.requests() - zoom_before, 1, "only the token request");
    assert_eq!(other.requests() - other_before, 1, "the users request");
    assert_eq!(other.tokens_minted(), 0);
    // `other` never minted that token, so it refuses it.
    assert_eq!(out.json()["diagnoses"][0]["code"], "token_rejected");
    out.assert_never_shows(DEMO_CLIENT_SECRET);
}

#[test]
fn sub_accounts_makes_missing_sub_account_scopes_an_error_end_to_end() {
    let vars = [
        ("ZOOM_CLIENT_ID", Scenario::NoSubAccountScopes.client_id()),
        ("ZOOM_CLIENT_SECRET", CANARY),
    ];
    let sub_scopes = |doc: &Value| -> Vec<bool> {
        doc["scopes"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| s["sub_account"] == true)
            .map(|s| s["required"].as_bool().unwrap())
            .collect()
    };

    let out = binary(&["check", "--demo", "--json"], &vars);
    assert_eq!(out.code, EXIT_READY, "a warning only: {}", out.both());
    let doc = out.json();
    assert_eq!(doc["diagnoses"][0]["code"], "missing_sub_account_scopes");
    assert_eq!(doc["diagnoses"][0]["severity"], "warning");
    assert_eq!(sub_scopes(&doc), [false, false, false]);

    let out = binary(&["check", "--demo", "--json", "--sub-accounts"], &vars);
    assert_eq!(out.code, EXIT_PROBLEM, "{}", out.both());
    let doc = out.json();
    assert_eq!(doc["ok"], false);
    assert_eq!(doc["diagnoses"][0]["code"], "missing_sub_account_scopes");
    assert_eq!(doc["diagnoses"][0]["severity"], "error");
    assert_eq!(sub_scopes(&doc), [true, true, true]);
    out.assert_never_shows(CANARY);
}
