//! The runtime layer that carries out the core's effects, through the real binary in a
//! pseudo-terminal: the support report saved and copied, a panic in the background check, the
//! secret shown and hidden, `--reset`, the language switch, the locale, a resize.
#![cfg(unix)]

mod support;

use std::path::{Path, PathBuf};

use base64::Engine as _;
use support::pty::{CTRL_C, CTRL_D, CTRL_R, DOWN, ENTER, ESC, F2, Session, Start, paste};
use zoom_emulator::{DEMO_ACCOUNT_ID, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET};

/// Wide enough that a notice with a full path fits on one line.
const WIDE: (u16, u16) = (30, 200);

const CTRL_S: &str = "\x13";
const SAVED: &str = "Support report saved (no Client secret in it): ";

/// The support reports in `dir`: `hacomono-zoom-report-<local date and time>.md`, with `-demo`
/// after `report` in `--demo` (these tests run the demo): `...-demo-2026-12-05-090012.md`.
fn reports_in(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            name.strip_prefix("hacomono-zoom-report-demo-")
                .and_then(|rest| rest.strip_suffix(".md"))
                .is_some_and(|stamp| {
                    // YYYY-MM-DD-HHMMSS
                    stamp.len() == 17
                        && stamp.bytes().enumerate().all(|(i, b)| match i {
                            4 | 7 | 10 => b == b'-',
                            _ => b.is_ascii_digit(),
                        })
                })
        })
        .collect()
}

/// The one report in `dir`, read; the screen names its full path.
fn the_report_in(s: &Session, dir: &Path) -> String {
    let found = reports_in(dir);
    assert_eq!(found.len(), 1, "one report in {}: {found:?}", dir.display());
    let path = found[0].display().to_string();
    s.wait_for(&format!("{SAVED}{path}"));
    std::fs::read_to_string(&found[0]).unwrap()
}

/// What every saved or copied report of the demo account holds, and what it never holds.
fn assert_a_demo_report(report: &str) {
    assert!(
        report.starts_with("# hacomono-zoom-setup support report (DEMO)"),
        "a demo's report says so: {report}"
    );
    assert!(report.contains(DEMO_ACCOUNT_ID), "{report}");
    assert!(
        !report.contains(DEMO_CLIENT_ID),
        "the Client ID is masked:\n{report}"
    );
    assert!(
        report.contains("`******************oZm1`"),
        "only its last four characters show:\n{report}"
    );
    assert!(!report.contains(DEMO_CLIENT_SECRET), "{report}");
    assert!(!report.contains(&DEMO_CLIENT_SECRET[..12]), "{report}");
}

fn demo_session(cwd: Option<&Path>, env: &[(&str, &str)]) -> Session {
    Session::with(Start {
        args: &["--demo", "--lang", "en"],
        env,
        cwd,
        size: WIDE,
        ..Start::default()
    })
}

// --- s: the support report to a file ---------------------------------------------------------

#[test]
fn s_on_check_saves_the_report_in_the_current_directory() {
    let work = tempfile::tempdir().unwrap();
    let cwd = work.path().canonicalize().unwrap();
    let mut s = demo_session(Some(&cwd), &[]);
    s.walk_to_values();
    s.fill_demo_and_check();
    s.press("s", SAVED);
    let report = the_report_in(&s, &cwd);
    assert_a_demo_report(&report);
    assert!(report.contains("✓ Ready for hacomono"), "{report}");
    assert!(
        reports_in(&s.home.path().join("tmp")).is_empty(),
        "nothing in the temporary directory"
    );
    s.send(CTRL_C);
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn a_pasted_secret_never_reaches_the_saved_report() {
    let secret = "CanarySecretXYZ0123456789abcdefQ";
    let work = tempfile::tempdir().unwrap();
    let cwd = work.path().canonicalize().unwrap();
    let mut s = demo_session(Some(&cwd), &[]);
    s.walk_to_values();
    // A scenario whose check fails, so the report has a diagnosis to tell.
    let block = format!(
        "Account ID: AnyAccount000000000001\nClient ID: demoInvalidClient\nClient secret: {secret}\n"
    );
    s.press(&paste(&block), "Filled in from the paste");
    s.next_field("Client ID");
    s.next_field("Client secret");
    s.press(ENTER, "Not ready yet");
    s.press("s", SAVED);
    let report = the_report_in(&s, &cwd);
    assert!(report.contains("[invalid_client]"), "{report}");
    assert!(!report.contains(secret), "{report}");
    assert!(!report.contains("CanarySecret"), "{report}");
    s.send(CTRL_C);
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn ctrl_s_on_done_saves_the_report_with_the_user_chosen_there() {
    let work = tempfile::tempdir().unwrap();
    let cwd = work.path().canonicalize().unwrap();
    let mut s = demo_session(Some(&cwd), &[]);
    s.walk_demo_to_done();
    // The owner is proposed; the next user in the list is chosen instead.
    s.press(DOWN, "Emily Carter");
    s.wait_until("Emily Carter as the default user", |screen| {
        screen
            .rows(0, WIDE.1)
            .any(|row| row.contains("E-mail") && row.contains("emily.carter@demo-gym.example"))
    });
    // Letters filter the users on Done: the report key there is Ctrl+S.
    s.press(CTRL_S, SAVED);
    let report = the_report_in(&s, &cwd);
    assert_a_demo_report(&report);
    let default_user = &report[report
        .find("### Proposed default user")
        .expect("the default user section")..];
    let default_user = &default_user[..default_user.find("\n## ").unwrap()];
    assert!(
        default_user.contains("emily.carter@demo-gym.example"),
        "{default_user}"
    );
    assert!(!default_user.contains("owner@demo-gym.example"));
    s.send(CTRL_C);
    assert_eq!(s.wait_exit(), 0);
}

/// Files cannot be created in /proc, whoever asks (root included).
#[cfg(target_os = "linux")]
fn unwritable_dir() -> &'static Path {
    let dir = Path::new("/proc");
    assert!(
        std::fs::write(dir.join("hacomono-zoom-probe"), b"").is_err(),
        "the premise: nobody can create a file in /proc"
    );
    dir
}

#[cfg(target_os = "linux")]
#[test]
fn s_falls_back_to_the_temporary_directory_when_the_current_one_is_not_writable() {
    let mut s = demo_session(Some(unwritable_dir()), &[]);
    let tmp = s.home.path().join("tmp").canonicalize().unwrap();
    s.walk_to_values();
    s.fill_demo_and_check();
    s.press("s", SAVED);
    let report = the_report_in(&s, &tmp);
    assert_a_demo_report(&report);
    s.send(CTRL_C);
    assert_eq!(s.wait_exit(), 0);
}

#[cfg(target_os = "linux")]
#[test]
fn when_no_directory_can_be_written_the_notice_says_so() {
    let mut s = demo_session(
        Some(unwritable_dir()),
        &[("TMPDIR", "/proc/no-such-directory")],
    );
    s.walk_to_values();
    s.fill_demo_and_check();
    s.press("s", "The support report could not be saved: ");
    assert!(!s.contents().contains(SAVED));
    // The wizard goes on.
    s.press(ESC, "Paste the three values");
    s.send(CTRL_C);
    assert_eq!(s.wait_exit(), 0);
}

// --- c: the support report copied ------------------------------------------------------------

/// The payloads of the OSC 52 "set clipboard" sequences in `out`, decoded.
fn osc52_payloads(out: &str, opener: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = out;
    while let Some(start) = rest.find(opener) {
        let after = &rest[start + opener.len()..];
        let end = after
            .find('\x07')
            .expect("an OSC 52 sequence ends with BEL");
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(&after[..end])
            .expect("OSC 52 carries base64");
        found.push(String::from_utf8(bytes).unwrap());
        rest = &after[end..];
    }
    found
}

/// Linux without a display: no system clipboard, so the copy goes out as OSC 52 and the
/// notice says exactly that. (On macOS `c` would reach the developer's real clipboard.)
#[cfg(target_os = "linux")]
#[test]
fn c_sends_the_report_to_the_terminal_as_osc52_and_says_so() {
    let mut s = demo_session(None, &[]);
    s.walk_to_values();
    s.fill_demo_and_check();
    let before = s.output_len();
    s.press("c", "Support report sent to your terminal (OSC 52)");
    let copied = osc52_payloads(&s.output_since(before), "\x1b]52;c;");
    assert_eq!(copied.len(), 1, "one OSC 52 sequence");
    assert_a_demo_report(&copied[0]);
    assert!(copied[0].contains("✓ Ready for hacomono"), "{}", copied[0]);
    s.send(CTRL_C);
    assert_eq!(s.wait_exit(), 0);
}

#[cfg(target_os = "linux")]
#[test]
fn inside_tmux_the_osc52_copy_is_wrapped_for_tmux() {
    let mut s = demo_session(None, &[("TMUX", "/tmp/tmux-0/default,1,0")]);
    s.walk_to_values();
    s.fill_demo_and_check();
    let before = s.output_len();
    s.press("c", "Support report sent to your terminal (OSC 52)");
    let copied = osc52_payloads(&s.output_since(before), "\x1bPtmux;\x1b\x1b]52;c;");
    assert_eq!(copied.len(), 1);
    assert_a_demo_report(&copied[0]);
    s.send(CTRL_C);
    assert_eq!(s.wait_exit(), 0);
}

/// The Linux console has no clipboard and no OSC 52: the notice says so and nothing is sent.
#[cfg(target_os = "linux")]
#[test]
fn c_without_any_clipboard_says_so_and_sends_nothing() {
    let mut s = demo_session(None, &[("TERM", "linux")]);
    s.walk_to_values();
    s.fill_demo_and_check();
    let before = s.output_len();
    s.press(
        "c",
        "No clipboard here: press s to save the report to a file.",
    );
    assert!(!s.output_since(before).contains("]52;"));
    s.send(CTRL_C);
    assert_eq!(s.wait_exit(), 0);
}

// --- a panic in the background check ---------------------------------------------------------

#[test]
fn a_panic_in_the_check_becomes_a_diagnosis_and_the_wizard_goes_on() {
    let work = tempfile::tempdir().unwrap();
    let cwd = work.path().canonicalize().unwrap();
    let mut s = demo_session(
        Some(&cwd),
        &[("HACOMONO_ZOOM_SETUP_PANIC_IN_CHECK_FOR_TEST", "1")],
    );
    s.walk_to_values();
    s.press(CTRL_D, DEMO_ACCOUNT_ID);
    s.next_field("Client ID");
    s.next_field("Client secret");
    s.press(ENTER, "Zoom's answer could not be understood");
    s.wait_for("internal error: check panic requested");
    // Nothing is known about the values: an internal error reads like an answer that was not
    // Zoom's (unexpected_response), and the verdict says so.
    s.wait_for("Not known yet");
    // The terminal is still the wizard's: alternate screen, raw mode, no panic text printed.
    s.wait_until("the alternate screen", vt100::Screen::alternate_screen);
    assert!(!s.line_mode(), "raw mode was left while the wizard runs");
    assert!(
        !String::from_utf8_lossy(&s.output()).contains("panicked"),
        "a panic message was printed over the screen"
    );
    // It goes on: the report tells support what happened, and the values can be changed.
    s.press("s", SAVED);
    let report = the_report_in(&s, &cwd);
    assert!(report.contains("`unexpected_response`"), "{report}");
    assert!(
        report.contains("internal error: check panic requested"),
        "{report}"
    );
    s.press(ESC, "Paste the three values");
    s.send(CTRL_C);
    assert_eq!(s.wait_exit(), 0);
    s.assert_terminal_restored();
}

// --- Ctrl+R: the secret shown and hidden -----------------------------------------------------

#[test]
fn ctrl_r_shows_and_hides_the_secret_on_values_and_on_step2_and_no_hidden_frame_shows_it() {
    let secret = DEMO_CLIENT_SECRET;
    let mut s = Session::with(Start {
        args: &["--demo", "--lang", "en"],
        watch: Some(secret),
        ..Start::default()
    });
    s.walk_to_values();
    s.press(CTRL_D, DEMO_ACCOUNT_ID);
    s.wait_for("hAco…D7qX (32 characters)");
    // Output offsets: `reveal` before Ctrl+R is sent, `hidden` once the screen hides it again.
    let mut shown = Vec::new();
    let mut hidden_from = 0;
    let mut hidden = Vec::new();
    for screen in ["Values", "STEP 2"] {
        let reveal = s.output_len();
        hidden.push(hidden_from..reveal + 1);
        s.press(CTRL_R, secret);
        s.send(CTRL_R);
        hidden_from = s.wait_gone(secret);
        shown.push((screen, reveal..hidden_from + 1));
        if screen == "Values" {
            s.wait_for("hAco…D7qX (32 characters)");
            s.next_field("Client ID");
            s.next_field("Client secret");
            s.press(ENTER, "Ready for hacomono");
            s.press(ENTER, "STEP 2: register in hacomono");
            s.wait_for("Client secret: ••••••••");
        }
    }
    s.send(CTRL_C);
    assert_eq!(s.wait_exit(), 0);
    hidden.push(hidden_from..usize::MAX);

    for (screen, range) in &shown {
        assert!(
            s.frames_showing(range.clone()) > 0,
            "Ctrl+R on {screen} showed the secret"
        );
    }
    let out = s.output();
    for range in &hidden {
        assert_eq!(
            s.frames_showing(range.clone()),
            0,
            "a frame showed the hidden secret ({range:?})"
        );
        let end = range.end.min(out.len());
        let text = String::from_utf8_lossy(&out[range.start..end]);
        assert!(
            !text.contains(secret),
            "the hidden secret was written ({range:?})"
        );
    }
}

// --- --reset ---------------------------------------------------------------------------------

#[test]
fn reset_forgets_the_saved_progress_before_the_wizard_starts() {
    let mut s = Session::start(&["--demo", "--lang", "en"], &[]);
    s.wait_for("Welcome");
    s.press(ENTER, "Which role");
    s.press(ENTER, "STEP 1: build the app");
    s.press(" ", "[x] Open the Zoom App Marketplace");
    s.send(CTRL_C);
    assert_eq!(s.wait_exit(), 0);
    let saved = s
        .home
        .path()
        .join("data/hacomono-zoom-setup/demo-progress.json");
    assert!(saved.exists(), "the first run saved its progress");
    let home = std::mem::replace(&mut s.home, tempfile::tempdir().unwrap());

    let mut s = Session::start_in(home, &["--demo", "--lang", "en", "--reset"], &[]);
    s.wait_for("Which describes your Zoom link?");
    // The first frame drawn to its last row, the footer: Welcome's keys, not the resume
    // question's (a half-drawn frame could hide the question).
    s.wait_until("Welcome's footer", |screen| {
        screen
            .rows(0, 80)
            .nth(23)
            .is_some_and(|r| r.contains("Enter next"))
    });
    assert!(!saved.exists(), "--reset removed the saved progress");
    assert!(
        !s.contents().contains("Continue?"),
        "nothing offered to resume:\n{}",
        s.contents()
    );
    s.send(CTRL_C);
    assert_eq!(s.wait_exit(), 0);
}

// --- F2: the language on every screen --------------------------------------------------------

/// Each screen's title in English and Japanese, as the header shows it after the app's name.
const TITLES: [(&str, &str, &str); 9] = [
    ("welcome", "Welcome", "はじめに"),
    ("migration", "Moving from JWT", "JWT からの移行"),
    ("role", "Zoom account and role", "Zoom アカウントとロール"),
    (
        "custom_role",
        "Custom role permissions",
        "カスタムロールの権限",
    ),
    (
        "step1",
        "STEP 1: build the app in Zoom",
        "STEP 1: Zoom でアプリを作成",
    ),
    (
        "credentials",
        "Account ID, Client ID, Client secret",
        "Account ID・Client ID・Client secret",
    ),
    ("verify", "Check with Zoom", "Zoom で確認"),
    (
        "step2",
        "STEP 2: register in hacomono",
        "STEP 2: hacomono に登録",
    ),
    ("done", "Done", "完了"),
];

/// The header of a screen: the app's name, then the screen's title.
fn header(lang_en: bool, screen: &str) -> String {
    let (_, en, ja) = TITLES.iter().find(|(id, ..)| *id == screen).unwrap();
    if lang_en {
        format!("hacomono × Zoom setup  {en}")
    } else {
        format!("hacomono × Zoom 連携セットアップ  {ja}")
    }
}

fn wait_header(s: &Session, en: bool, screen: &str) {
    let want = header(en, screen);
    s.wait_until(&format!("the header {want:?}"), |screen| {
        screen
            .rows(0, 200)
            .next()
            .is_some_and(|row| row.contains(&want))
    });
}

/// F2 on `screen`: to Japanese and back to English, the header following each time.
fn switch_twice(s: &mut Session, screen: &str) {
    wait_header(s, true, screen);
    s.send(F2);
    wait_header(s, false, screen);
    s.send(F2);
    wait_header(s, true, screen);
}

#[test]
fn f2_switches_the_language_on_every_screen() {
    let mut s = Session::with(Start {
        args: &["--demo", "--lang", "en"],
        size: WIDE,
        ..Start::default()
    });
    switch_twice(&mut s, "welcome");
    s.send(DOWN);
    s.wait_focus("Set up before 2023-05-31 with the old JWT method");
    s.send(ENTER);
    switch_twice(&mut s, "migration");
    s.send(ENTER);
    switch_twice(&mut s, "role");
    s.send(DOWN);
    s.wait_focus("A custom role");
    s.send(ENTER);
    switch_twice(&mut s, "custom_role");
    s.press(ENTER, "Not finished yet");
    s.send(ENTER);
    switch_twice(&mut s, "step1");
    s.press(ENTER, "Not finished yet");
    s.send(ENTER);
    switch_twice(&mut s, "credentials");
    s.fill_demo_and_check();
    switch_twice(&mut s, "verify");
    s.send(ENTER);
    switch_twice(&mut s, "step2");
    s.press(ENTER, "Not finished yet");
    s.send(ENTER);
    switch_twice(&mut s, "done");
    s.send(CTRL_C);
    assert_eq!(s.wait_exit(), 0);
}

// --- a resize ---------------------------------------------------------------------------------

#[test]
fn a_resize_redraws_for_the_new_size_and_the_wizard_goes_on() {
    let mut s = Session::start(&["--demo", "--lang", "en"], &[]);
    s.wait_for("Which describes your Zoom link?");
    let footer_on = |row: u16, cols: u16| {
        move |screen: &vt100::Screen| {
            screen
                .rows(0, cols)
                .nth(usize::from(row))
                .is_some_and(|r| r.contains("Enter next"))
        }
    };
    s.wait_until("the footer on the last row", footer_on(23, 80));

    s.resize(40, 120);
    s.wait_until("the footer on row 40", footer_on(39, 120));
    s.wait_for("Which describes your Zoom link?");

    s.resize(12, 60);
    s.wait_for("too small");
    s.resize(24, 80);
    s.wait_until("the footer back on row 24", footer_on(23, 80));
    s.wait_for("Which describes your Zoom link?");
    assert!(s.is_running());
    s.press(ENTER, "Which role");
    s.send(CTRL_C);
    assert_eq!(s.wait_exit(), 0);
    s.assert_terminal_restored();
    assert!(!String::from_utf8_lossy(&s.output()).contains("panicked"));
}
