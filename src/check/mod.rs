//! The non-interactive `check` subcommand: the wizard's verification for support and scripts.
//!
//! Credentials come from `--credentials FILE|-` (read by the wizard's paste parser) and, for
//! whatever the file does not name, from `ZOOM_ACCOUNT_ID` / `ZOOM_CLIENT_ID` /
//! `ZOOM_CLIENT_SECRET`; never from command-line values (they would land in shell history
//! and process lists). The secret is never printed.
//!
//! Exit codes: 0 ready (warnings allowed), 1 a problem in the Zoom setup, 2 usage error,
//! 3 Zoom unreachable, timed out, failing or answering strangely; 130 (129, 143) interrupted by
//! Ctrl+C (a closed terminal, SIGTERM), after a rehearsal's meeting was deleted.

pub mod json;

use crate::credentials::Severity;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use zeroize::Zeroizing;

use crate::app::check_text;
use crate::cli::{CheckArgs, ZoomArgs};
use crate::credentials::{self, Credentials, Field, ParsedBlock, Secret};
use crate::i18n::{Lang, tr, trf};
use crate::signals::Stop;
use crate::support_report::{self, ReportMeta};
use crate::zoom::client::{Endpoints, ZoomClient};
use crate::zoom::report::{Diagnosis, DiagnosisCode, Rehearsal, Report, User, UsersRead, Verdict};
use crate::zoom::session::ZoomSession;
use crate::zoom::verify::VerifyOptions;
use json::{Document, Failure};
use zoom_emulator::{Emulator, EmulatorConfig};

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

/// A credentials file is three short lines, perhaps inside a longer `.env` file: larger than a
/// paste may be (`credentials::MAX_PASTE_BYTES`), but more than this is not one.
pub const MAX_CREDENTIALS_BYTES: u64 = 64 * 1024;

/// The streams `check` reads and writes: the process's, or a test's buffers.
pub struct Streams<I, O, E> {
    /// Read only for `--credentials -`.
    pub stdin: I,
    pub stdout: O,
    pub stderr: E,
}

/// Runs `check` and returns its exit code. Human output goes to `stdout` (progress notes to
/// `stderr`); with `--json`, `stdout` gets exactly one JSON document, whatever happens; with
/// `--report -`, the Markdown support report instead of the human output. `stop` is set by an
/// interruption: the check ends, a rehearsal deletes its meeting first.
pub async fn run(
    args: &CheckArgs,
    zoom: &ZoomArgs,
    lang: Lang,
    env: impl Fn(&str) -> Option<String>,
    streams: Streams<impl Read, impl Write, impl Write>,
    stop: &Stop,
) -> i32 {
    let Streams {
        stdin,
        mut stdout,
        mut stderr,
    } = streams;
    let (gathered, mut sink) = match prepare(args, &env, stdin) {
        Ok(prepared) => prepared,
        Err(error) => return usage_error(&error, args.json, lang, &mut stdout, &mut stderr),
    };
    // Kept alive until the check is over: dropping it stops it.
    let (client, emulator) = match connect(args, zoom).await {
        Ok(connected) => connected,
        Err(detail) => {
            sink.abandon();
            return setup_failure(&detail, args.json, lang, &mut stdout, &mut stderr);
        }
    };
    if !args.json {
        tell_start(args, &gathered, lang, &mut stderr);
    }
    let session = ZoomSession::new(
        client,
        VerifyOptions {
            sub_accounts: zoom.sub_accounts,
            ..VerifyOptions::default()
        },
    );
    let creds = &gathered.credentials;
    let mut report =
        check_telling_progress(&session, creds, stop, args.json, lang, &mut stderr).await;
    if args.rehearse && report.ok() {
        if !args.json {
            let _ = writeln!(stderr, "{}", tr(lang, "check.rehearsing"));
        }
        rehearse_in_check(&session, creds, &mut report, args.host.as_deref(), stop).await;
    }
    let meetings_left = emulator.as_ref().map(Emulator::meetings_left);
    drop(emulator);
    if meetings_left.is_some_and(|n| n > 0) && !args.json {
        let _ = writeln!(stderr, "{}", tr(lang, "check.demo_meeting_left"));
    }
    let verdict = exit_code(&report);
    // An interrupted run never reads as a success: the shell's code for what stopped it.
    let code = match stop.reason() {
        Some(why) if report.interrupted => why.exit_code(),
        _ => verdict,
    };
    let done = Checked {
        report: &report,
        gathered: &gathered,
        lang,
        demo: args.demo,
    };
    let code = done
        .write_report_file(&mut sink, &mut stderr)
        .unwrap_or(code);
    done.print(args, &sink, &mut stdout);
    code
}

/// Everything checked before anything is asked of Zoom: the outputs can both be written, the
/// values are there, the report's file can be opened.
fn prepare(
    args: &CheckArgs,
    env: &impl Fn(&str) -> Option<String>,
    stdin: impl Read,
) -> Result<(Gathered, ReportSink), UsageError> {
    // Before anything is read: both documents cannot share standard output.
    if args.json && args.report.as_deref().is_some_and(is_stdio) {
        return Err(UsageError::ReportConflict);
    }
    if let (Some(report), Some(credentials)) = (&args.report, &args.credentials)
        && same_file(report, credentials)
    {
        return Err(UsageError::ReportIsCredentials {
            path: report.display().to_string(),
        });
    }
    let gathered = gather_credentials(args, env, stdin)?;
    let sink = ReportSink::open(args.report.as_deref())?;
    Ok((gathered, sink))
}

/// The client for Zoom, or for the demo's emulator (started here, kept for as long as the
/// check runs); the words of what could not be set up.
async fn connect(
    args: &CheckArgs,
    zoom: &ZoomArgs,
) -> Result<(ZoomClient, Option<Emulator>), String> {
    let timeout = Duration::from_secs(zoom.timeout.max(1));
    let mut emulator = None;
    let endpoints = if args.demo {
        // The slow scenario answers just after the timeout, so the demo shows it quickly.
        let config = EmulatorConfig {
            slow_delay: timeout + Duration::from_secs(1),
            ..EmulatorConfig::default()
        };
        let started = Emulator::start_with(config)
            .await
            .map_err(|e| e.to_string())?;
        Endpoints::single(&emulator.insert(started).base_url())
    } else {
        zoom.endpoints()
    };
    let client = ZoomClient::new(endpoints, timeout).map_err(|e| e.to_string())?;
    Ok((client, emulator))
}

/// The notes on standard error before the check: values taken from the environment while a
/// file was given, the demo, and that the check runs.
fn tell_start(args: &CheckArgs, gathered: &Gathered, lang: Lang, stderr: &mut impl Write) {
    if let (Some(path), false) = (&args.credentials, gathered.from_env.is_empty()) {
        let names: Vec<String> = gathered.from_env.iter().map(|f| field_name(*f)).collect();
        let note = trf(
            lang,
            "check.from_env",
            &[
                ("path", &path.display().to_string()),
                ("fields", &names.join(", ")),
            ],
        );
        let _ = writeln!(stderr, "{note}");
    }
    if args.demo {
        let _ = writeln!(stderr, "{}", tr(lang, "check.demo"));
    }
    let _ = writeln!(stderr, "{}", tr(lang, "check.checking"));
}

/// A check that ran, to be written out.
struct Checked<'a> {
    report: &'a Report,
    gathered: &'a Gathered,
    lang: Lang,
    /// `--demo`: the report says it was made against the emulator.
    demo: bool,
}

impl Checked<'_> {
    fn support_page(&self) -> String {
        let meta = ReportMeta::now(self.lang, self.demo);
        support_report::render(self.lang, &meta, &self.gathered.credentials, self.report)
    }

    /// Writes `--report PATH`; `Some(EXIT_USAGE)` when that failed (said on stderr): a
    /// script that asked for the file must not read success and then find it missing or half
    /// written (the verdict is still printed).
    fn write_report_file(&self, sink: &mut ReportSink, stderr: &mut impl Write) -> Option<i32> {
        let ReportSink::File { file, path, .. } = sink else {
            return None;
        };
        let written = file
            .set_len(0)
            .and_then(|()| file.write_all(self.support_page().as_bytes()))
            .and_then(|()| file.flush());
        let error = written.err()?.to_string();
        let path = path.display().to_string();
        let message = trf(
            self.lang,
            "check.report_unwritable",
            &[("path", &path), ("error", &error)],
        );
        let _ = writeln!(stderr, "{message}");
        Some(EXIT_USAGE)
    }

    /// Standard output: the support report (`--report -`), the JSON document, or the human
    /// report.
    fn print(&self, args: &CheckArgs, sink: &ReportSink, stdout: &mut impl Write) {
        let (report, lang) = (self.report, self.lang);
        let _ = match sink {
            ReportSink::Stdout => stdout.write_all(self.support_page().as_bytes()),
            _ if args.json => writeln!(
                stdout,
                "{}",
                Document::of(report, lang, args.rehearse).to_line()
            ),
            _ => {
                let text = human_report(report, lang, &self.gathered.sources);
                stdout.write_all(text.as_bytes())
            }
        };
        let _ = stdout.flush();
    }
}

/// What the check tells while it runs.
enum Heard {
    Users(UsersRead),
    Retry(crate::zoom::client::Retrying),
}

/// Users read between two progress lines on stderr (ten pages of 300).
const PROGRESS_EVERY: u64 = 3_000;

/// Whether a progress line is worth a line of stderr: not for an account read in one page;
/// otherwise the first page, every `PROGRESS_EVERY` users, and the last page.
fn progress_worth_telling(users: UsersRead, told: Option<u64>) -> bool {
    let complete = users.total.is_some_and(|t| users.read >= t);
    match told {
        None => !complete,
        Some(last) => complete || users.read >= last + PROGRESS_EVERY,
    }
}

fn is_stdio(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Whether two existing paths name one file; the report would otherwise replace the very file
/// the credentials were just read from.
fn same_file(a: &Path, b: &Path) -> bool {
    !is_stdio(a)
        && matches!(
            (a.canonicalize(), b.canonicalize()),
            (Ok(a), Ok(b)) if a == b
        )
}

/// Where `--report` sends the support report.
enum ReportSink {
    None,
    /// Instead of the human output.
    Stdout,
    /// Opened before the check, so that a path that cannot be written is a usage error before
    /// any token is minted (a new token may invalidate the one hacomono uses).
    File {
        file: std::fs::File,
        path: PathBuf,
        /// Whether this run created the file, and may remove it again.
        created: bool,
    },
}

impl ReportSink {
    fn open(path: Option<&Path>) -> Result<ReportSink, UsageError> {
        let Some(path) = path else {
            return Ok(ReportSink::None);
        };
        if is_stdio(path) {
            return Ok(ReportSink::Stdout);
        }
        let created = !path.exists();
        // Opened without truncating: an existing file keeps its content unless a report
        // replaces it (`set_len(0)` just before writing).
        let opened = std::fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(false)
            .open(path);
        match opened {
            Ok(file) => Ok(ReportSink::File {
                file,
                path: path.to_owned(),
                created,
            }),
            Err(error) => Err(UsageError::ReportUnwritable {
                path: path.display().to_string(),
                error: error.to_string(),
            }),
        }
    }

    /// The check could not start, so there is no report to write: don't leave behind an empty
    /// file that looks like one.
    fn abandon(self) {
        if let ReportSink::File {
            file,
            path,
            created: true,
        } = self
        {
            drop(file);
            let _ = std::fs::remove_file(path);
        }
    }
}

/// 0 ready, 3 when Zoom could not give a verdict (every error says nothing about the setup),
/// 1 for a problem in the setup.
pub fn exit_code(report: &Report) -> i32 {
    match report.verdict() {
        Verdict::Ready => EXIT_READY,
        Verdict::TryLater => EXIT_UNREACHABLE,
        Verdict::Fix | Verdict::Interrupted => EXIT_PROBLEM,
    }
}

/// The check, its listing's progress and each retry told on stderr as they happen (unless
/// `quiet`: `--json`).
async fn check_telling_progress(
    session: &ZoomSession,
    creds: &Credentials,
    stop: &Stop,
    quiet: bool,
    lang: Lang,
    stderr: &mut impl Write,
) -> Report {
    let (progress_tx, mut progress_rx) = tokio::sync::mpsc::unbounded_channel();
    let check = async move {
        let retry_tx = progress_tx.clone();
        // Dropped with this block, so `tell` ends with the check.
        let observed = session.observed(std::sync::Arc::new(move |r| {
            let _ = retry_tx.send(Heard::Retry(r));
        }));
        let mut on_progress = move |_, _, users: Option<UsersRead>| {
            if let Some(users) = users {
                let _ = progress_tx.send(Heard::Users(users));
            }
        };
        observed.check(creds, stop, &mut on_progress).await
    };
    let tell = async {
        let mut told: Option<u64> = None;
        while let Some(heard) = progress_rx.recv().await {
            match heard {
                Heard::Users(users) if !quiet && progress_worth_telling(users, told) => {
                    let _ = writeln!(stderr, "{}", check_text::users_progress(lang, users));
                    told = Some(users.read);
                }
                Heard::Retry(retrying) if !quiet => {
                    let _ = writeln!(stderr, "{}", check_text::retrying(lang, retrying));
                }
                _ => {}
            }
        }
    };
    tokio::join!(check, tell).0
}

/// Rehearses for the host asked for (or the proposed default user), with the check's token.
/// A stop skips what is left but the delete (the session bounds how long that takes).
async fn rehearse_in_check(
    session: &ZoomSession,
    creds: &Credentials,
    report: &mut Report,
    wanted: Option<&str>,
    stop: &Stop,
) {
    let host = match wanted {
        Some(wanted) => report
            .users
            .iter()
            .find(|u| u.id == wanted || u.email.eq_ignore_ascii_case(wanted))
            .cloned(),
        None => report.default_user().cloned(),
    };
    let Some(host) = host else {
        // Not among the active users: Zoom would say the same of a create for it.
        let mut rehearsal = Rehearsal::skipped(User {
            id: wanted.unwrap_or_default().to_owned(),
            email: wanted.unwrap_or_default().to_owned(),
            ..User::default()
        });
        rehearsal.problems.push(Diagnosis {
            code: DiagnosisCode::HostNotFound,
            severity: Severity::Error,
            field: None,
            detail: None,
        });
        report.add_rehearsal(rehearsal);
        return;
    };
    if let Some(index) = report.users.iter().position(|u| u.id == host.id) {
        report.choose_default_user(index);
    }
    let rehearsal = session.rehearse(creds, &host, stop, &mut |_, _| {}).await;
    report.add_rehearsal(rehearsal);
}

// --- credentials ----------------------------------------------------------------------------

/// The three values, which of them the environment supplied while a file was given (so that a
/// mix of two sources is never silent), and where each came from.
struct Gathered {
    credentials: Credentials,
    from_env: Vec<Field>,
    sources: Sources,
}

/// Where `check` took a value from: where to correct it when Zoom refuses it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// `--credentials FILE`, as given.
    File(String),
    /// `--credentials -`.
    Stdin,
    /// `ZOOM_ACCOUNT_ID`, `ZOOM_CLIENT_ID` or `ZOOM_CLIENT_SECRET`.
    Env,
    /// `--demo` filled it from the demo account.
    Demo,
}

/// Each field's source, in `Field::ALL` order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sources(pub [Source; 3]);

impl Sources {
    fn index(field: Field) -> usize {
        Field::ALL.iter().position(|f| *f == field).unwrap_or(0)
    }

    fn of(&self, field: Field) -> &Source {
        &self.0[Self::index(field)]
    }

    fn set(&mut self, field: Field, source: Source) {
        self.0[Self::index(field)] = source;
    }

    /// The line under a problem that names `field`: where to correct it, in `check`'s words
    /// (the full screen's "Esc goes back" means nothing here).
    pub fn reenter(&self, lang: Lang, field: Field) -> String {
        let label = tr(lang, field.label_key());
        let var = env_var(field);
        match self.of(field) {
            Source::File(path) => trf(
                lang,
                "check.reenter_file",
                &[("field", label), ("path", path)],
            ),
            Source::Stdin => trf(lang, "check.reenter_stdin", &[("field", label)]),
            Source::Env => trf(lang, "check.reenter_env", &[("field", label), ("var", var)]),
            Source::Demo => trf(
                lang,
                "check.reenter_demo",
                &[("field", label), ("var", var)],
            ),
        }
    }
}

/// The environment variable `check` reads `field` from.
fn env_var(field: Field) -> &'static str {
    ENV_VARS
        .iter()
        .find(|(f, _)| *f == field)
        .map_or("", |(_, v)| v)
}

enum UsageError {
    Unreadable {
        path: String,
        error: String,
    },
    TooLarge {
        path: String,
    },
    Missing(Vec<Field>),
    /// `--json` with `--report -`: two documents on standard output.
    ReportConflict,
    ReportUnwritable {
        path: String,
        error: String,
    },
    /// `--report` names the `--credentials` file.
    ReportIsCredentials {
        path: String,
    },
}

impl UsageError {
    /// Its stable code in `check --json`.
    fn code(&self) -> &'static str {
        match self {
            UsageError::Unreadable { .. } => "unreadable_credentials",
            UsageError::TooLarge { .. } => "credentials_too_large",
            UsageError::Missing(_) => "missing_credentials",
            UsageError::ReportConflict => "conflicting_outputs",
            UsageError::ReportUnwritable { .. } => "unwritable_report",
            UsageError::ReportIsCredentials { .. } => "report_is_credentials",
        }
    }

    /// What it says to the user, in `lang`.
    fn message(&self, lang: Lang) -> String {
        match self {
            UsageError::Unreadable { path, error } => trf(
                lang,
                "check.unreadable",
                &[("path", path), ("error", error)],
            ),
            UsageError::TooLarge { path } => trf(
                lang,
                "check.too_large",
                &[
                    ("path", path),
                    ("limit", &(MAX_CREDENTIALS_BYTES / 1024).to_string()),
                ],
            ),
            UsageError::Missing(fields) => {
                let names: Vec<String> = fields.iter().map(|f| field_name(*f)).collect();
                trf(
                    lang,
                    "check.missing_credentials",
                    &[("fields", &names.join(", "))],
                )
            }
            UsageError::ReportConflict => tr(lang, "check.report_conflict").to_owned(),
            UsageError::ReportUnwritable { path, error } => trf(
                lang,
                "check.report_unwritable",
                &[("path", path), ("error", error)],
            ),
            UsageError::ReportIsCredentials { path } => {
                trf(lang, "check.report_is_credentials", &[("path", path)])
            }
        }
    }

    /// The values found missing, by their names in `check --json` (`client_secret`).
    fn missing(&self) -> Vec<&'static str> {
        match self {
            UsageError::Missing(fields) => fields.iter().map(|&f| f.into()).collect(),
            _ => vec![],
        }
    }
}

/// `--credentials` first, then the environment for whatever the file did not name, then (in
/// demo mode) the demo account, field by field. Filling gaps rather than ignoring the
/// environment lets a secret stay in a secret manager's variable while the IDs sit in a file;
/// the file still wins where both have a value, since it is the more deliberate choice. In
/// demo mode `ZOOM_CLIENT_ID=demoDailyLimit check --demo` picks a scenario.
fn gather_credentials(
    args: &CheckArgs,
    env: &impl Fn(&str) -> Option<String>,
    stdin: impl Read,
) -> Result<Gathered, UsageError> {
    // The same parser as the wizard's paste, so every shape it accepts works here too.
    let mut found = match &args.credentials {
        Some(path) => credentials::parse_block(&read_source(path, stdin)?),
        None => ParsedBlock::default(),
    };
    let from_file = match args.credentials.as_deref() {
        Some(path) if is_stdio(path) => Source::Stdin,
        Some(path) => Source::File(path.display().to_string()),
        None => Source::Demo,
    };
    let mut sources = Sources(Field::ALL.map(|field| {
        if found.has(field) {
            from_file.clone()
        } else {
            Source::Demo
        }
    }));
    let from_env = fill_from_env(&mut found, env);
    for &field in &from_env {
        sources.set(field, Source::Env);
    }
    if args.demo {
        let demo = Credentials::demo();
        for field in Field::ALL {
            if !found.has(field) {
                set(&mut found, field, demo.value(field).to_owned());
            }
        }
    }
    let credentials = complete(found)?;
    Ok(Gathered {
        credentials,
        // Only a mix of two sources needs saying.
        from_env: if args.credentials.is_some() {
            from_env
        } else {
            vec![]
        },
        sources,
    })
}

/// Fills the values `found` lacks from the environment; returns the fields it filled.
fn fill_from_env(found: &mut ParsedBlock, env: &impl Fn(&str) -> Option<String>) -> Vec<Field> {
    let mut filled = Vec::new();
    for (field, name) in ENV_VARS {
        if found.has(field) {
            continue;
        }
        // `clean`, as for a paste: a variable filled from a secret manager, a CI form or
        // `export X="$(cat file)"` on Windows line endings easily carries a newline or space.
        if let Some(value) = env(name)
            .map(|v| credentials::clean(&v))
            .filter(|v| !v.is_empty())
        {
            set(found, field, value);
            filled.push(field);
        }
    }
    filled
}

/// The three values, or the fields still missing.
fn complete(found: ParsedBlock) -> Result<Credentials, UsageError> {
    match found {
        ParsedBlock {
            account_id: Some(account_id),
            client_id: Some(client_id),
            client_secret: Some(client_secret),
        } => Ok(Credentials {
            account_id,
            client_id,
            client_secret,
        }),
        partial => Err(UsageError::Missing(
            Field::ALL
                .into_iter()
                .filter(|&f| !partial.has(f))
                .collect(),
        )),
    }
}

fn set(block: &mut ParsedBlock, field: Field, value: String) {
    match field {
        Field::AccountId => block.account_id = Some(value),
        Field::ClientId => block.client_id = Some(value),
        Field::ClientSecret => block.client_secret = Some(Secret::new(value)),
    }
}

/// The file's text, or standard input's for `-`. More than `MAX_CREDENTIALS_BYTES` is refused,
/// never cut: a cut could drop the very line that holds a value, and the check would then
/// quietly test something else.
fn read_source(path: &Path, stdin: impl Read) -> Result<Zeroizing<String>, UsageError> {
    let shown = path.display().to_string();
    let unreadable = |error: std::io::Error| UsageError::Unreadable {
        path: shown.clone(),
        error: error.to_string(),
    };
    // Room for one byte more than allowed, reserved up front: the buffer then never grows, so
    // no copy of the secret is left behind un-wiped in a freed allocation.
    let limit = MAX_CREDENTIALS_BYTES + 1;
    let mut bytes = Zeroizing::new(Vec::with_capacity(limit as usize));
    if path.as_os_str() == "-" {
        stdin.take(limit).read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path).and_then(|file| file.take(limit).read_to_end(&mut bytes))
    }
    .map_err(unreadable)?;
    if bytes.len() as u64 > MAX_CREDENTIALS_BYTES {
        return Err(UsageError::TooLarge { path: shown });
    }
    Ok(decode_text(&bytes))
}

/// The text of a file as Windows tools write it: UTF-16 with a byte-order mark (PowerShell
/// 5.1's `>` and `Out-File`, Notepad's "Unicode") is decoded; anything else is read as UTF-8,
/// invalid bytes replaced (a UTF-8 byte-order mark is dropped later with the other invisible
/// characters). The result is sized up front, so no copy of the secret is left un-wiped.
fn decode_text(bytes: &[u8]) -> Zeroizing<String> {
    let (rest, big_endian) = match bytes {
        [0xFF, 0xFE, rest @ ..] => (rest, false),
        [0xFE, 0xFF, rest @ ..] => (rest, true),
        _ => return Zeroizing::new(String::from_utf8_lossy(bytes).into_owned()),
    };
    let unit = |pair: [u8; 2]| {
        if big_endian {
            u16::from_be_bytes(pair)
        } else {
            u16::from_le_bytes(pair)
        }
    };
    // One UTF-16 unit becomes at most 3 bytes of UTF-8 (a pair of them 4), a lone byte 3.
    let mut text = Zeroizing::new(String::with_capacity(rest.len() / 2 * 3 + 3));
    let units = rest.chunks(2).map(|pair| match *pair {
        [a, b] => unit([a, b]),
        _ => 0xFFFD,
    });
    for c in char::decode_utf16(units) {
        text.push(c.unwrap_or(char::REPLACEMENT_CHARACTER));
    }
    text
}

/// How a field is named to the user: Zoom's own label and its environment variable.
fn field_name(field: Field) -> String {
    let label = match field {
        Field::AccountId => "Account ID",
        Field::ClientId => "Client ID",
        Field::ClientSecret => "Client secret",
    };
    format!("{label} ({})", env_var(field))
}

// --- output ---------------------------------------------------------------------------------

/// Says what is wrong with how `check` was called (and, with `--json`, the document of it).
fn usage_error(
    error: &UsageError,
    as_json: bool,
    lang: Lang,
    stdout: &mut impl Write,
    stderr: &mut impl Write,
) -> i32 {
    let message = error.message(lang);
    let _ = writeln!(stderr, "{message}");
    if as_json {
        let failure = Failure {
            code: error.code(),
            message: &message,
            missing: error.missing(),
        };
        let _ = writeln!(stdout, "{}", Document::failed(failure).to_line());
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
            Document::failed(Failure {
                code: "setup_failed",
                message: &message,
                missing: vec![],
            })
            .to_line()
        );
    }
    EXIT_UNREACHABLE
}

/// The human report: the title, the check's text (as plain mode shows it, but saying where each
/// value came from is where to correct it), the verdict.
pub fn human_report(report: &Report, lang: Lang, sources: &Sources) -> String {
    let verdict = match report.verdict() {
        Verdict::Interrupted => check_text::interrupted_verdict(lang, report),
        Verdict::Ready => tr(lang, "check.ready"),
        Verdict::TryLater => tr(lang, "check.unreachable"),
        Verdict::Fix => tr(lang, "check.not_ready"),
    };
    let mut lines = vec![tr(lang, "check.title").to_owned()];
    let reenter = |field| sources.reenter(lang, field);
    lines.extend(check_text::lines(
        lang,
        report,
        |stage| report.status(stage),
        &reenter,
    ));
    lines.push(String::new());
    lines.push(verdict.to_owned());
    lines.iter().map(|l| format!("{l}\n")).collect()
}
