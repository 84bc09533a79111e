//! Plain mode through the real binary with piped standard input: the demo walked with empty
//! lines to the Done screen in both languages, no escape byte anywhere, end of input mid-way,
//! the secret never printed, and the advice (exit 2) when standard input is not a terminal.
//!
//! Every run has a deadline: the child is killed and the test fails rather than hang.

use std::io::{Read, Write};
use std::process::{Child, Command, Stdio};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use hacomono_zoom_setup::zoom::emulator::DEMO_CLIENT_SECRET;

/// Generous for slow CI machines; a run ends as soon as the binary exits.
const WALK_DEADLINE: Duration = Duration::from_secs(30);
/// Empty lines enough for the whole demo walk (it needs about a dozen).
const EMPTY_LINES: usize = 100;

struct Outcome {
    code: i32,
    stdout: String,
    stderr: String,
    elapsed: Duration,
}

impl Outcome {
    fn assert_no_escape(&self) {
        for (name, text) in [("stdout", &self.stdout), ("stderr", &self.stderr)] {
            assert!(
                !text.contains('\u{1b}'),
                "an ESC byte in {name}:\n{}",
                text.escape_debug()
            );
        }
    }

    fn assert_never_shows(&self, secret: &str) {
        assert!(!self.stdout.contains(secret), "stdout: {}", self.stdout);
        assert!(!self.stderr.contains(secret), "stderr: {}", self.stderr);
    }
}

/// Starts the binary in a home of its own (no saved progress from elsewhere), with no
/// terminal: all three streams are pipes.
fn spawn(args: &[&str], env: &[(&str, &str)]) -> (Child, tempfile::TempDir) {
    let home = tempfile::tempdir().expect("a temporary home");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_hacomono-zoom-setup"));
    cmd.args(args)
        .current_dir(home.path())
        .env("HOME", home.path())
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("LANG", "C.UTF-8")
        .env("TERM", "xterm-256color")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for name in [
        "LC_ALL",
        "LC_MESSAGES",
        "NO_COLOR",
        "ACCESSIBLE",
        "DISPLAY",
        "WAYLAND_DISPLAY",
        "SSH_CONNECTION",
        "SSH_TTY",
    ] {
        cmd.env_remove(name);
    }
    for (k, v) in env {
        cmd.env(k, v);
    }
    (cmd.spawn().expect("spawn the binary"), home)
}

fn drain(stream: Option<impl Read + Send + 'static>) -> JoinHandle<String> {
    let mut stream = stream.expect("a piped stream");
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = stream.read_to_end(&mut bytes);
        String::from_utf8_lossy(&bytes).into_owned()
    })
}

/// Runs the binary with `input` on standard input. With `close_input` false, standard input
/// stays open (and empty) until the child exits, to prove it never waits for it.
fn run(
    args: &[&str],
    env: &[(&str, &str)],
    input: &str,
    close_input: bool,
    deadline: Duration,
) -> Outcome {
    let (mut child, _home) = spawn(args, env);
    let mut stdin = child.stdin.take().expect("piped stdin");
    // The child may exit before reading everything: a broken pipe here is expected.
    let _ = stdin.write_all(input.as_bytes());
    let kept_open = if close_input {
        drop(stdin);
        None
    } else {
        Some(stdin)
    };
    let (out, err) = (drain(child.stdout.take()), drain(child.stderr.take()));
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("poll the child") {
            break status;
        }
        if started.elapsed() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            drop(kept_open);
            panic!(
                "no exit within {deadline:?}; stdout:\n{}\nstderr:\n{}",
                out.join().unwrap(),
                err.join().unwrap()
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let elapsed = started.elapsed();
    drop(kept_open);
    Outcome {
        code: status.code().expect("an exit code, not a signal"),
        stdout: out.join().unwrap(),
        stderr: err.join().unwrap(),
        elapsed,
    }
}

fn empty_lines(n: usize) -> String {
    "\n".repeat(n)
}

#[test]
fn the_demo_walks_to_done_on_empty_lines_in_english() {
    let out = run(
        &["--demo", "--plain", "--lang", "en"],
        &[],
        &empty_lines(EMPTY_LINES),
        true,
        WALK_DEADLINE,
    );
    assert_eq!(
        out.code, 0,
        "stdout:\n{}\nstderr:\n{}",
        out.stdout, out.stderr
    );
    for expected in [
        "(1/7) Welcome",
        "(3/7) STEP 1: build the app in Zoom",
        "Link: https://marketplace.zoom.us/",
        "Not finished yet",
        "✓ Get an access token",
        "✓ Ready for hacomono",
        "(7/7) Done",
        "Default Zoom user",
        "E-mail: owner@demo-gym.example",
        "Setup finished. Default Zoom user for hacomono: 山田 太郎 <owner@demo-gym.example>",
    ] {
        assert!(
            out.stdout.contains(expected),
            "{expected:?} missing:\n{}",
            out.stdout
        );
    }
    assert!(
        out.stdout.contains("Number [1]: \n"),
        "empty answers are echoed as such"
    );
    out.assert_no_escape();
    out.assert_never_shows(DEMO_CLIENT_SECRET);
}

#[test]
fn the_demo_walks_to_done_on_empty_lines_in_japanese() {
    let out = run(
        &["--demo", "--plain"],
        &[("LANG", "ja_JP.UTF-8")],
        &empty_lines(EMPTY_LINES),
        true,
        WALK_DEADLINE,
    );
    assert_eq!(
        out.code, 0,
        "stdout:\n{}\nstderr:\n{}",
        out.stdout, out.stderr
    );
    for expected in [
        "(1/7) はじめに",
        "まだ終わっていない項目があります",
        "hacomono に登録できます",
        "デフォルト Zoom ユーザー",
        "メール: owner@demo-gym.example",
        "セットアップが完了しました",
        "番号 [2]: ",
    ] {
        assert!(
            out.stdout.contains(expected),
            "{expected:?} missing:\n{}",
            out.stdout
        );
    }
    out.assert_no_escape();
    out.assert_never_shows(DEMO_CLIENT_SECRET);
}

/// PowerShell and cmd pipe lines with CRLF: the carriage return is not part of an answer.
#[test]
fn answers_with_crlf_line_ends_walk_to_done_as_windows_pipes_them() {
    // Welcome 1, role 1, App Name, then the defaults to the end.
    let input = format!("1\r\n1\r\nhacomono\r\n{}", "\r\n".repeat(EMPTY_LINES));
    let out = run(
        &["--demo", "--plain", "--lang", "en"],
        &[],
        &input,
        true,
        WALK_DEADLINE,
    );
    assert_eq!(
        out.code, 0,
        "stdout:\n{}\nstderr:\n{}",
        out.stdout, out.stderr
    );
    assert!(
        out.stdout
            .contains("Setup finished. Default Zoom user for hacomono: 山田 太郎"),
        "{}",
        out.stdout
    );
    assert!(
        !out.stdout.contains("hacomono\r") && !out.stdout.contains('\r'),
        "no carriage return is echoed back"
    );
    out.assert_no_escape();
}

#[test]
fn answers_drive_the_same_core_and_escapes_in_them_never_reach_the_output() {
    // Welcome 1, role 1, an App Name carrying a colour escape, all done, then three values
    // typed by hand (the secret wrong, so the check fails with a diagnosis), back to the
    // values with b, the two IDs kept, and the input ends at the secret.
    let secret = "CanarySecretXYZ0123456789abcdefQ";
    let input = format!("1\n1\n\u{1b}[31mMyGym\u{1b}[0m\n\n\n\n{secret}\nb\n\n\n");
    let out = run(
        &["--demo", "--plain", "--lang", "en"],
        &[],
        &input,
        true,
        WALK_DEADLINE,
    );
    assert_eq!(
        out.code, 1,
        "stdout:\n{}\nstderr:\n{}",
        out.stdout, out.stderr
    );
    assert!(
        out.stdout
            .contains("App Name (ASCII letters, digits and symbols) [none]: MyGym\n")
    );
    assert!(
        out.stdout.contains("Cana…defQ (32 characters)"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("✗ Get an access token"));
    assert!(
        out.stdout.contains("[invalid_client]"),
        "the diagnosis is named"
    );
    assert!(
        out.stdout
            .contains("Client secret [Cana…defQ (32 characters)]: "),
        "back to the values"
    );
    out.assert_no_escape();
    out.assert_never_shows(secret);
}

#[test]
fn end_of_input_mid_way_says_so_and_exits_1() {
    let out = run(
        &["--demo", "--plain", "--lang", "en"],
        &[],
        &empty_lines(3),
        true,
        WALK_DEADLINE,
    );
    assert_eq!(out.code, 1);
    assert_eq!(
        out.stderr.trim_end(),
        "Input ended before the setup was finished."
    );
    assert!(
        out.stdout.ends_with(": \n"),
        "the last prompt line is ended"
    );
    assert!(!out.stdout.contains("Setup finished"));
    out.assert_no_escape();

    let ja = run(
        &["--demo", "--plain", "--lang", "ja"],
        &[],
        "",
        true,
        WALK_DEADLINE,
    );
    assert_eq!(ja.code, 1);
    assert_eq!(
        ja.stderr.trim_end(),
        "セットアップが終わる前に入力が終わりました。"
    );
}

#[test]
fn without_plain_a_non_terminal_stdin_gets_advice_and_exit_2_at_once() {
    // Standard input stays open: the binary must not wait for it.
    let out = run(
        &["--demo", "--lang", "en"],
        &[],
        "",
        false,
        Duration::from_secs(5),
    );
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("--plain"), "{}", out.stderr);
    assert!(
        out.stderr.contains("hacomono-zoom-setup check"),
        "{}",
        out.stderr
    );
    assert!(out.stdout.is_empty(), "{}", out.stdout);
    assert!(
        out.elapsed < Duration::from_secs(2),
        "took {:?}",
        out.elapsed
    );
    out.assert_no_escape();
}

#[test]
fn auto_plain_needs_a_terminal_on_stdin_so_term_dumb_alone_still_gets_the_advice() {
    let out = run(
        &["--demo", "--lang", "en"],
        &[("TERM", "dumb"), ("ACCESSIBLE", "1")],
        "",
        false,
        Duration::from_secs(5),
    );
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("--plain"));
}

#[test]
fn a_labelled_secret_answered_at_an_id_prompt_is_used_but_never_echoed() {
    // Welcome, role, App Name, all done, continue without an App Name; then at the Account
    // ID prompt a labelled line that fills the Client secret (the paste logic of the
    // full-screen wizard), Client ID from the demo, and the input ends at the secret.
    let secret = "LabelledSecretXYZ0123456789abcdQ";
    let input = format!("\n\n\n\n\nClient secret: {secret}\n\n");
    let out = run(
        &["--demo", "--plain", "--lang", "en"],
        &[],
        &input,
        true,
        WALK_DEADLINE,
    );
    assert_eq!(out.code, 1, "stdout:\n{}", out.stdout);
    assert!(
        out.stdout
            .contains("Filled in from the paste: Client secret."),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("Client secret [Labe…bcdQ (32 characters)]: "),
        "the secret's prompt offers what the paste filled:\n{}",
        out.stdout
    );
    out.assert_never_shows(secret);
    out.assert_no_escape();
}

#[test]
fn an_answer_a_prompt_does_not_expect_is_not_echoed() {
    // Answers out of step: the secret arrives at the "not finished" question. It is refused
    // there, and a log of the run must not hold it.
    let secret = "OutOfStepSecretXYZ0123456789abQ";
    let input = format!("\n\n\n\n{secret}\n");
    let out = run(
        &["--demo", "--plain", "--lang", "en"],
        &[],
        &input,
        true,
        WALK_DEADLINE,
    );
    assert_eq!(out.code, 1);
    assert!(
        out.stdout
            .contains("Number [1]: \nPlease type a number from 1 to 2"),
        "{}",
        out.stdout
    );
    out.assert_never_shows(secret);
}

#[test]
fn checking_an_existing_app_goes_straight_to_the_values_and_warns_about_tokens() {
    let out = run(
        &["--demo", "--plain", "--lang", "en"],
        &[],
        &format!("3\n{}", empty_lines(EMPTY_LINES)),
        true,
        WALK_DEADLINE,
    );
    assert_eq!(
        out.code, 0,
        "stdout:\n{}\nstderr:\n{}",
        out.stdout, out.stderr
    );
    assert!(
        !out.stdout.contains("STEP 1: build the app"),
        "the Marketplace steps are skipped"
    );
    assert!(out.stdout.contains("Zoom may end hacomono's current token"));
    assert!(out.stdout.contains("E-mail: owner@demo-gym.example"));
    out.assert_never_shows(DEMO_CLIENT_SECRET);
}
