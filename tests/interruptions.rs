//! Every front end, at every point a rehearsal can be interrupted: Ctrl+C while its test meeting
//! is being created, while it is being updated, and while its delete keeps failing. The real
//! binary (in a pseudo-terminal for the full screen and plain mode; `check` gets SIGINT) against
//! an emulator whose meeting calls answer late. What is left is counted in the emulator itself;
//! what the user is told is read from what the terminal (or standard output) shows.
#![cfg(unix)]

mod support;

use std::io::Read;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use hacomono_zoom_setup::time::for_people_in;
use jiff::tz::TimeZone;
use support::process::command;
use support::pty::{CTRL_C, ENTER, Session, paste};
use zoom_emulator::{DEMO_ACCOUNT_ID, DEMO_CLIENT_SECRET, Emulator, EmulatorConfig, Scenario};

/// How late each meeting call is answered: time enough to interrupt one in flight.
const MEETING_LATENCY: Duration = Duration::from_millis(800);
/// The child's time zone, a POSIX rule (no time-zone database needed): times read `… JST`.
const TZ: (&str, &str) = ("TZ", "JST-9");
const PATIENCE: Duration = Duration::from_secs(30);
const UPDATED_TOPIC: &str = "hacomono-zoom-setup rehearsal, updated (safe to delete)";

/// Where the interruption comes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Point {
    /// The create request has reached Zoom; its answer has not come back.
    Create,
    /// The update request has reached Zoom; its answer has not come back.
    Update,
    /// The delete has failed once and is being tried again (Zoom answers 503 every time).
    FailingDelete,
}

impl Point {
    fn scenario(self) -> Scenario {
        match self {
            Point::FailingDelete => Scenario::DeleteFails,
            _ => Scenario::Healthy,
        }
    }

    /// Requests Zoom has received when Ctrl+C comes: token, users, then the meeting calls.
    fn requests(self) -> u64 {
        match self {
            Point::Create => 3,
            Point::Update => 4,
            Point::FailingDelete => 6,
        }
    }
}

async fn emulator() -> Emulator {
    Emulator::start_with(EmulatorConfig {
        meeting_latency: MEETING_LATENCY,
        ..EmulatorConfig::default()
    })
    .await
    .unwrap()
}

/// Waits until Zoom has received `n` requests.
fn wait_for_requests(emulator: &Emulator, n: u64) {
    let start = Instant::now();
    while emulator.requests() < n {
        assert!(
            start.elapsed() < PATIENCE,
            "Zoom got {} requests, never {n}",
            emulator.requests()
        );
        std::thread::sleep(Duration::from_millis(2));
    }
}

/// What the user must have been told, and what must be left in Zoom, after an interruption at
/// `point`; `shown` is everything the front end printed.
fn assert_told_and_left(point: Point, emulator: &Emulator, shown: &str) {
    assert!(shown.contains("Interrupted"), "{shown}");
    let (creates, updates, deletes) = emulator.meeting_requests();
    assert_eq!(creates, 1, "one meeting was made: {shown}");
    assert!(deletes >= 1, "its delete ran: {shown}");
    match point {
        Point::Create => {
            assert_eq!(updates, 0, "the update is skipped once stopped: {shown}");
            assert_eq!(emulator.meetings_left(), 0, "nothing is left in Zoom");
            assert!(shown.contains(": deleted"), "{shown}");
        }
        Point::Update => {
            assert_eq!(emulator.meetings_left(), 0, "nothing is left in Zoom");
            assert!(shown.contains(": deleted"), "{shown}");
        }
        Point::FailingDelete => {
            // Zoom refuses every delete: the one meeting left is named exactly.
            let left = emulator.meetings();
            let [(id, topic)] = left.as_slice() else {
                panic!("one meeting is left: {left:?}")
            };
            assert_eq!(topic, UPDATED_TOPIC, "the update had renamed it");
            let id = id.to_string();
            assert!(shown.contains(&id), "its id, {id}: {shown}");
            assert!(
                shown.contains(UPDATED_TOPIC),
                "its topic as it is now: {shown}"
            );
            assert!(shown.contains(&start_date()), "its date: {shown}");
            assert!(shown.contains("JST"), "in local time: {shown}");
            assert!(
                shown.contains("Meetings > Upcoming"),
                "how to delete it: {shown}"
            );
            assert!(!shown.contains(": deleted"), "{shown}");
        }
    }
}

/// The test meeting's date (30 days ahead) as the child prints it, in its zone.
fn start_date() -> String {
    let start = hacomono_zoom_setup::time::now_unix() + 30 * 86_400;
    let zone = TimeZone::posix("JST-9").unwrap();
    for_people_in(start, &zone)[..10].to_owned()
}

// --- the full screen ---------------------------------------------------------------------

fn full_screen(point: Point) {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let emulator = runtime.block_on(emulator());
    let base = emulator.base_url();
    let mut s = Session::start(&["--lang", "en", "--oauth-base", &base], &[TZ]);
    s.walk_to_values();
    s.send(&paste(&format!(
        "Account ID: {DEMO_ACCOUNT_ID}\nClient ID: {}\nClient secret: {DEMO_CLIENT_SECRET}",
        point.scenario().client_id()
    )));
    s.wait_for(DEMO_ACCOUNT_ID);
    s.next_field("Client ID");
    s.next_field("Client secret");
    s.press(ENTER, "Ready for hacomono");
    s.press("t", "Rehearse with a test meeting?");
    s.send(ENTER);
    wait_for_requests(&emulator, point.requests());
    s.send(CTRL_C);
    assert_eq!(s.wait_exit(), 130, "{}", s.contents());
    s.assert_terminal_restored();
    // Said on the normal screen, once the full screen is gone.
    assert_told_and_left(point, &emulator, &s.contents());
}

#[test]
fn full_screen_ctrl_c_during_the_create() {
    full_screen(Point::Create);
}

#[test]
fn full_screen_ctrl_c_during_the_update() {
    full_screen(Point::Update);
}

#[test]
fn full_screen_ctrl_c_while_the_delete_keeps_failing() {
    full_screen(Point::FailingDelete);
}

// --- plain mode --------------------------------------------------------------------------

fn plain(point: Point) {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let emulator = runtime.block_on(emulator());
    let base = emulator.base_url();
    let mut s = Session::start(&["--plain", "--lang", "en", "--oauth-base", &base], &[TZ]);
    // Start: "only check its values", then the three values, the secret typed unseen.
    s.wait_for("Number [1]:");
    s.answer("3\r", "Account ID [");
    s.answer(&format!("{DEMO_ACCOUNT_ID}\r"), "Client ID [");
    s.answer(
        &format!("{}\r", point.scenario().client_id()),
        "Client secret [",
    );
    s.answer(&format!("{DEMO_CLIENT_SECRET}\r"), "[y/N]:");
    s.answer("y\r", "Number, or part of a name or e-mail");
    s.answer("\r", "Rehearsing");
    wait_for_requests(&emulator, point.requests());
    s.send(CTRL_C);
    assert_eq!(s.wait_exit(), 130);
    let shown = String::from_utf8_lossy(&s.output()).into_owned();
    assert!(
        !shown.contains(DEMO_CLIENT_SECRET),
        "the secret never shows"
    );
    assert_told_and_left(point, &emulator, &shown);
}

#[test]
fn plain_ctrl_c_during_the_create() {
    plain(Point::Create);
}

#[test]
fn plain_ctrl_c_during_the_update() {
    plain(Point::Update);
}

#[test]
fn plain_ctrl_c_while_the_delete_keeps_failing() {
    plain(Point::FailingDelete);
}

// --- check --rehearse --------------------------------------------------------------------

/// `check --rehearse` (with `extra` arguments) against `emulator`, SIGINT at `point`; its exit
/// code and standard output.
fn check(point: Point, emulator: &Emulator, extra: &[&str]) -> (i32, String) {
    let home = tempfile::tempdir().unwrap();
    let base = emulator.base_url();
    let mut args = vec!["check", "--rehearse", "--lang", "en", "--oauth-base", &base];
    args.extend(extra);
    let mut child = command(home.path(), &args)
        .env("ZOOM_ACCOUNT_ID", DEMO_ACCOUNT_ID)
        .env("ZOOM_CLIENT_ID", point.scenario().client_id())
        .env("ZOOM_CLIENT_SECRET", DEMO_CLIENT_SECRET)
        .env(TZ.0, TZ.1)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    wait_for_requests(emulator, point.requests());
    let pid = nix::unistd::Pid::from_raw(child.id() as i32);
    nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGINT).unwrap();
    let code = wait(&mut child);
    let mut stdout = String::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut stdout)
        .unwrap();
    (code, stdout)
}

fn wait(child: &mut Child) -> i32 {
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status.code().expect("an exit code, not a signal");
        }
        if start.elapsed() > PATIENCE {
            let _ = child.kill();
            panic!("check did not end after SIGINT");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

fn check_text(point: Point) {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let emulator = runtime.block_on(emulator());
    let (code, stdout) = check(point, &emulator, &[]);
    assert_eq!(code, 130, "{stdout}");
    assert!(
        !stdout.contains("Ready"),
        "an interrupted run is never ready: {stdout}"
    );
    assert_told_and_left(point, &emulator, &stdout);
}

#[test]
fn check_sigint_during_the_create() {
    check_text(Point::Create);
}

#[test]
fn check_sigint_during_the_update() {
    check_text(Point::Update);
}

#[test]
fn check_sigint_while_the_delete_keeps_failing() {
    check_text(Point::FailingDelete);
}

#[test]
fn check_json_says_interrupted_and_what_is_left() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let emulator = runtime.block_on(emulator());
    let (code, stdout) = check(Point::FailingDelete, &emulator, &["--json"]);
    assert_eq!(code, 130, "{stdout}");
    let doc: serde_json::Value = serde_json::from_str(&stdout).expect("one JSON document");
    assert_eq!(doc["ok"], false);
    assert_eq!(doc["interrupted"], true);
    assert_eq!(doc["rehearsal"]["interrupted"], true);
    assert_eq!(doc["rehearsal"]["cleaned_up"], false);
    let meeting = &doc["rehearsal"]["meeting"];
    let [(id, topic)] = emulator.meetings().try_into().unwrap();
    assert_eq!(meeting["state"], "left");
    assert_eq!(meeting["id"], id.to_string());
    assert_eq!(meeting["topic"], topic.as_str());
    assert!(
        meeting["start_time"].as_str().unwrap().ends_with('Z'),
        "RFC 3339 in UTC: {meeting}"
    );
    let codes: Vec<&str> = doc["diagnoses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["cleanup_failed"]);
}
