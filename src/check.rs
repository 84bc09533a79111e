//! The non-interactive `check` subcommand: the wizard's verification for support and scripts.
//!
//! Credentials come from `ZOOM_ACCOUNT_ID` / `ZOOM_CLIENT_ID` / `ZOOM_CLIENT_SECRET` or from
//! `--credentials FILE|-`, never from command-line values (they would land in shell history
//! and process lists). The secret is never printed.
//!
//! Exit codes: 0 ready (warnings allowed), 1 a problem in the Zoom setup, 2 usage error,
//! 3 Zoom unreachable, timed out, failing or answering strangely.

use std::io::{Read, Write};
use std::path::Path;
use std::time::Duration;

use serde_json::{Value, json};

use crate::cli::{CheckArgs, ZoomArgs};
use crate::credentials::{self, Credentials, Field, Secret};
use crate::i18n::{Lang, tr, trf};
use crate::zoom::client::{Endpoints, ZoomClient};
use crate::zoom::emulator::{
    DEMO_ACCOUNT_ID, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, Emulator, EmulatorConfig,
};
use crate::zoom::report::{DiagnosisCode, Report, Severity, Stage, StageStatus};
use crate::zoom::verify::{VerifyOptions, verify};

pub const EXIT_READY: i32 = 0;
pub const EXIT_PROBLEM: i32 = 1;
pub const EXIT_USAGE: i32 = 2;
pub const EXIT_UNREACHABLE: i32 = 3;

/// The environment variables `check` reads, per field.
pub const ENV_VARS: [(Field, &str); 3] = [
    (Field::AccountId, "ZOOM_ACCOUNT_ID"),
    (Field::ClientId, "ZOOM_CLIENT_ID"),
    (Field::ClientSecret, "ZOOM_CLIENT_SECRET"),
];

/// Quotes around a value. The double quote is escaped: tests/assets.rs finds text keys by
/// splitting the source at double quotes, and a bare one in a char literal would pair wrongly.
const QUOTES: [char; 2] = ['\u{22}', '\''];

/// A credentials file is three short lines; more than this is not one.
const MAX_CREDENTIALS_BYTES: u64 = 64 * 1024;

/// Runs `check` and returns its exit code. Human output goes to `stdout` (progress notes to
/// `stderr`); with `--json`, `stdout` gets exactly one JSON document, whatever happens.
pub async fn run(
    args: &CheckArgs,
    zoom: &ZoomArgs,
    lang: Lang,
    env: impl Fn(&str) -> Option<String>,
    stdin: impl Read,
    mut stdout: impl Write,
    mut stderr: impl Write,
) -> i32 {
    let creds = match gather_credentials(args, &env, stdin) {
        Ok(creds) => creds,
        Err(error) => return usage_error(&error, args.json, lang, &mut stdout, &mut stderr),
    };
    let timeout = Duration::from_secs(zoom.timeout.max(1));
    // Kept alive until the check is over: dropping it stops it.
    let mut emulator = None;
    let endpoints = if args.demo {
        // The slow scenario answers just after the timeout, so the demo shows it quickly.
        let config = EmulatorConfig {
            slow_delay: timeout + Duration::from_secs(1),
            ..EmulatorConfig::default()
        };
        match Emulator::start_with(config).await {
            Ok(emu) => Endpoints::single(&emulator.insert(emu).base_url()),
            Err(e) => {
                return setup_failure(&e.to_string(), args.json, lang, &mut stdout, &mut stderr);
            }
        }
    } else {
        Endpoints::from_args(zoom)
    };
    let client = match ZoomClient::new(endpoints, timeout) {
        Ok(client) => client,
        Err(e) => return setup_failure(&e.to_string(), args.json, lang, &mut stdout, &mut stderr),
    };
    if !args.json {
        if args.demo {
            let _ = writeln!(stderr, "{}", tr(lang, "check.demo"));
        }
        let _ = writeln!(stderr, "{}", tr(lang, "check.checking"));
    }
    let opts = VerifyOptions {
        sub_accounts: zoom.sub_accounts,
        ..VerifyOptions::default()
    };
    let report = verify(&client, &creds, &opts, &mut |_, _| {}).await;
    drop(emulator);
    let code = exit_code(&report);
    let _ = if args.json {
        writeln!(stdout, "{}", report_json(&report, lang))
    } else {
        stdout.write_all(human_report(&report, code, lang).as_bytes())
    };
    let _ = stdout.flush();
    code
}

/// 0 ready, 3 when Zoom could not give a verdict, 1 for a problem in the setup.
pub fn exit_code(report: &Report) -> i32 {
    let errors = || {
        report
            .diagnoses
            .iter()
            .filter(|d| d.severity == Severity::Error)
    };
    if report.ok() {
        EXIT_READY
    } else if errors().any(|d| unreachable_code(d.code)) {
        EXIT_UNREACHABLE
    } else {
        EXIT_PROBLEM
    }
}

/// Codes that say nothing about the setup, only that Zoom could not be asked.
fn unreachable_code(code: DiagnosisCode) -> bool {
    matches!(
        code,
        DiagnosisCode::Network
            | DiagnosisCode::Timeout
            | DiagnosisCode::ZoomUnavailable
            | DiagnosisCode::RateLimited
            | DiagnosisCode::UnexpectedResponse
    )
}

// --- credentials ----------------------------------------------------------------------------

/// The three values as far as a source gave them (same shape as `credentials::ParsedBlock`).
#[derive(Debug, Default)]
struct Found {
    account_id: Option<String>,
    client_id: Option<String>,
    client_secret: Option<Secret>,
}

impl Found {
    fn set(&mut self, field: Field, value: String) {
        match field {
            Field::AccountId => self.account_id = Some(value),
            Field::ClientId => self.client_id = Some(value),
            Field::ClientSecret => self.client_secret = Some(Secret::new(value)),
        }
    }

    fn missing(&self) -> Vec<Field> {
        let has = [
            self.account_id.is_some(),
            self.client_id.is_some(),
            self.client_secret.is_some(),
        ];
        Field::ALL
            .into_iter()
            .zip(has)
            .filter(|(_, has)| !has)
            .map(|(f, _)| f)
            .collect()
    }
}

enum UsageError {
    Unreadable { path: String, error: String },
    Missing(Vec<Field>),
}

/// `--credentials` if given (the file or standard input is then the only source), else the
/// environment. In demo mode the demo account fills whatever is missing, so
/// `ZOOM_CLIENT_ID=demoDailyLimit check --demo` picks a scenario.
fn gather_credentials(
    args: &CheckArgs,
    env: &impl Fn(&str) -> Option<String>,
    stdin: impl Read,
) -> Result<Credentials, UsageError> {
    let mut found = match &args.credentials {
        Some(path) => parse_credentials_text(&read_source(path, stdin)?),
        None => from_env(env),
    };
    if args.demo {
        found
            .account_id
            .get_or_insert_with(|| DEMO_ACCOUNT_ID.to_owned());
        found
            .client_id
            .get_or_insert_with(|| DEMO_CLIENT_ID.to_owned());
        found
            .client_secret
            .get_or_insert_with(|| Secret::new(DEMO_CLIENT_SECRET));
    }
    match found {
        Found {
            account_id: Some(account_id),
            client_id: Some(client_id),
            client_secret: Some(client_secret),
        } => Ok(Credentials {
            account_id,
            client_id,
            client_secret,
        }),
        partial => Err(UsageError::Missing(partial.missing())),
    }
}

fn from_env(env: &impl Fn(&str) -> Option<String>) -> Found {
    let mut found = Found::default();
    for (field, name) in ENV_VARS {
        if let Some(value) = env(name)
            .map(|v| credentials::clean(&v))
            .filter(|v| !v.is_empty())
        {
            found.set(field, value);
        }
    }
    found
}

/// The file's text, or standard input's for `-`; at most `MAX_CREDENTIALS_BYTES`.
fn read_source(path: &Path, stdin: impl Read) -> Result<String, UsageError> {
    let unreadable = |error: std::io::Error| UsageError::Unreadable {
        path: path.display().to_string(),
        error: error.to_string(),
    };
    let mut bytes = Vec::new();
    if path.as_os_str() == "-" {
        stdin
            .take(MAX_CREDENTIALS_BYTES)
            .read_to_end(&mut bytes)
            .map_err(unreadable)?;
    } else {
        let file = std::fs::File::open(path).map_err(unreadable)?;
        file.take(MAX_CREDENTIALS_BYTES)
            .read_to_end(&mut bytes)
            .map_err(unreadable)?;
    }
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// Reads `KEY=VALUE` and `Label: value` lines (`ZOOM_CLIENT_ID=…`, `Client secret: …`,
/// `export ACCOUNT_ID="…"`); `#` lines are comments; the last occurrence wins.
///
/// TODO(credentials): replace with `credentials::parse_block` (labels on their own line as
/// copied from App Credentials, Japanese labels, ...) once it is merged: it returns the same
/// three optional values as `Found`.
fn parse_credentials_text(text: &str) -> Found {
    let mut found = Found::default();
    for line in text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        let line = line.strip_prefix("export ").unwrap_or(line);
        let Some((key, value)) = split_key_value(line) else {
            continue;
        };
        let value = credentials::clean(value);
        let value = value.trim_matches(QUOTES).to_owned();
        if let (Some(field), false) = (field_of_label(key), value.is_empty()) {
            found.set(field, value);
        }
    }
    found
}

/// Splits at the first `=`, `:` or full-width `：`.
fn split_key_value(line: &str) -> Option<(&str, &str)> {
    let at = line.find(['=', ':', '：'])?;
    let separator_len = line[at..].chars().next().map_or(1, char::len_utf8);
    Some((&line[..at], &line[at + separator_len..]))
}

/// `ZOOM_ACCOUNT_ID`, `Account ID`, `account-id`, `AccountID` → Account ID; likewise the others.
fn field_of_label(label: &str) -> Option<Field> {
    let key: String = label
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase();
    match key.strip_prefix("zoom").unwrap_or(&key) {
        "accountid" => Some(Field::AccountId),
        "clientid" => Some(Field::ClientId),
        "clientsecret" | "secret" => Some(Field::ClientSecret),
        _ => None,
    }
}

/// How a field is named to the user: Zoom's own label and its environment variable.
fn field_name(field: Field) -> String {
    let label = match field {
        Field::AccountId => "Account ID",
        Field::ClientId => "Client ID",
        Field::ClientSecret => "Client secret",
    };
    let var = ENV_VARS
        .iter()
        .find(|(f, _)| *f == field)
        .map_or("", |(_, v)| v);
    format!("{label} ({var})")
}

fn field_code(field: Field) -> &'static str {
    match field {
        Field::AccountId => "account_id",
        Field::ClientId => "client_id",
        Field::ClientSecret => "client_secret",
    }
}

// --- output ---------------------------------------------------------------------------------

fn usage_error(
    error: &UsageError,
    as_json: bool,
    lang: Lang,
    stdout: &mut impl Write,
    stderr: &mut impl Write,
) -> i32 {
    let (code, message, missing) = match error {
        UsageError::Unreadable { path, error } => (
            "unreadable_credentials",
            trf(
                lang,
                "check.unreadable",
                &[("path", path), ("error", error)],
            ),
            vec![],
        ),
        UsageError::Missing(fields) => {
            let names: Vec<String> = fields.iter().map(|f| field_name(*f)).collect();
            let message = trf(
                lang,
                "check.missing_credentials",
                &[("fields", &names.join(", "))],
            );
            (
                "missing_credentials",
                message,
                fields.iter().map(|f| field_code(*f)).collect(),
            )
        }
    };
    let _ = writeln!(stderr, "{message}");
    if as_json {
        let error = json!({ "code": code, "message": message, "missing": missing });
        let _ = writeln!(stdout, "{}", failure_json(error));
    }
    EXIT_USAGE
}

/// The check could not even start (no socket for the demo, no TLS setup).
fn setup_failure(
    detail: &str,
    as_json: bool,
    lang: Lang,
    stdout: &mut impl Write,
    stderr: &mut impl Write,
) -> i32 {
    let message = trf(lang, "check.setup_failed", &[("detail", detail)]);
    let _ = writeln!(stderr, "{message}");
    if as_json {
        let _ = writeln!(
            stdout,
            "{}",
            failure_json(json!({ "code": "setup_failed", "message": message }))
        );
    }
    EXIT_UNREACHABLE
}

/// The JSON document of a check that did not reach Zoom: the usual keys, empty.
fn failure_json(error: Value) -> Value {
    json!({
        "ok": false,
        "error": error,
        "stages": {},
        "diagnoses": [],
        "scopes": [],
        "users_total": null,
        "api_url": null,
    })
}

/// The `--json` document.
pub fn report_json(report: &Report, lang: Lang) -> Value {
    let stages: serde_json::Map<String, Value> = report
        .stages
        .iter()
        .map(|(stage, status)| (stage.as_str().to_owned(), json!(status)))
        .collect();
    let diagnoses: Vec<Value> = report
        .diagnoses
        .iter()
        .map(|d| {
            json!({
                "code": d.code,
                "severity": d.severity,
                "title": d.title(lang),
                "fix": d.fix(lang),
                "field": d.field,
                "detail": d.detail,
            })
        })
        .collect();
    let scopes: Vec<Value> = report
        .scopes
        .iter()
        .map(|c| {
            json!({
                "requirement": c.requirement,
                "met": c.met(),
                "met_by": c.met_by,
                "granular": c.granular,
                "classic": c.classic,
                "sub_account": c.sub_account,
                "required": c.required,
            })
        })
        .collect();
    let mut doc = json!({
        "ok": report.ok(),
        "stages": stages,
        "diagnoses": diagnoses,
        "scopes": scopes,
        "users_total": report.users_total,
        "api_url": report.api_url,
    });
    if let Some(user) = report.default_user() {
        doc["default_user"] =
            json!({ "id": user.id, "email": user.email, "display_name": user.display_name });
    }
    doc
}

fn stage_mark(status: StageStatus) -> &'static str {
    match status {
        StageStatus::Passed => "✓",
        StageStatus::Warning => "!",
        StageStatus::Failed => "✗",
        StageStatus::Skipped => "-",
        StageStatus::Pending | StageStatus::Running => " ",
    }
}

/// The human report: stages, scopes, the default user, then each problem and its fix.
pub fn human_report(report: &Report, code: i32, lang: Lang) -> String {
    let mut out = String::new();
    let mut line = |text: &str| {
        out.push_str(text);
        out.push('\n');
    };
    line(tr(lang, "check.title"));
    for stage in Stage::ALL {
        line(&format!(
            "  {} {}",
            stage_mark(report.status(stage)),
            tr(lang, stage.label_key())
        ));
    }
    if !report.scopes.is_empty() {
        line("");
        line(tr(lang, "check.scopes"));
        for c in &report.scopes {
            let (mark, what) = match (&c.met_by, c.required) {
                (Some(by), _) => ("✓", by.clone()),
                (None, true) => (
                    "✗",
                    trf(lang, "check.scope_missing", &[("scope", c.granular)]),
                ),
                (None, false) => (
                    "!",
                    trf(lang, "check.scope_optional", &[("scope", c.granular)]),
                ),
            };
            line(&format!("  {mark} {} ({what})", tr(lang, &c.label_key())));
        }
    }
    if let Some(user) = report.default_user() {
        line("");
        line(&trf(
            lang,
            "check.default_user",
            &[("name", &user.display_name), ("email", &user.email)],
        ));
    }
    if let Some(total) = report.users_total {
        line(&trf(
            lang,
            "check.users_total",
            &[("count", &total.to_string())],
        ));
    }
    for d in &report.diagnoses {
        let mark = if d.severity == Severity::Error {
            "✗"
        } else {
            "!"
        };
        line("");
        line(&format!("{mark} {}", d.title(lang)));
        line(&format!("  {}", d.fix(lang)));
    }
    line("");
    let verdict = match code {
        EXIT_READY => "check.ready",
        EXIT_UNREACHABLE => "check.unreachable",
        _ => "check.not_ready",
    };
    line(tr(lang, verdict));
    out
}
