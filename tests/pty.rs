//! The real binary in a pseudo-terminal: start, walk the demo, paste, quit, crash; and the
//! terminal is always given back (no raw mode, no alternate screen, no bracketed paste).
#![cfg(unix)]

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, MasterPty, PtySize, native_pty_system};

const ROWS: u16 = 24;
const COLS: u16 = 80;
/// Generous: CI machines are slow; the waits end as soon as the text shows.
const PATIENCE: Duration = Duration::from_secs(20);

struct Session {
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    screen: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    _home: tempfile::TempDir,
}

impl Session {
    fn start(args: &[&str], env: &[(&str, &str)]) -> Session {
        Session::start_in(tempfile::tempdir().expect("a temporary home"), args, env)
    }

    /// Runs in `home`, so a second run can find what the first one saved.
    fn start_in(home: tempfile::TempDir, args: &[&str], env: &[(&str, &str)]) -> Session {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_hacomono-zoom-setup"));
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env("LANG", "C.UTF-8");
        // A backtrace would push the panic message off the 24 rows the tests read.
        cmd.env("RUST_BACKTRACE", "0");
        for name in [
            "DISPLAY",
            "WAYLAND_DISPLAY",
            "SSH_CONNECTION",
            "SSH_TTY",
            "TMUX",
            "NO_COLOR",
            "LC_ALL",
            "LC_MESSAGES",
        ] {
            cmd.env_remove(name);
        }
        // A home of its own, so saved progress of one test never leaks into another.
        cmd.cwd(home.path());
        cmd.env("HOME", home.path());
        cmd.env("XDG_DATA_HOME", home.path().join("data"));
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pty.slave.spawn_command(cmd).expect("spawn the binary");
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().unwrap();
        let writer = pty.master.take_writer().unwrap();
        let screen = Arc::new(Mutex::new(vt100::Parser::new(ROWS, COLS, 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let (screen_in, raw_in) = (screen.clone(), raw.clone());
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                screen_in.lock().unwrap().process(&buf[..n]);
                raw_in.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        Session {
            master: pty.master,
            writer,
            child,
            screen,
            raw,
            _home: home,
        }
    }

    fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    fn output(&self) -> Vec<u8> {
        self.raw.lock().unwrap().clone()
    }

    fn wait_for(&self, text: &str) {
        let start = Instant::now();
        while start.elapsed() < PATIENCE {
            if self.contents().contains(text) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!(
            "waited for {text:?}; the screen shows:\n{}",
            self.contents()
        );
    }

    fn send(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        // Let the wizard read one key at a time, as a person types.
        std::thread::sleep(Duration::from_millis(60));
    }

    fn wait_exit(&mut self) -> u32 {
        let start = Instant::now();
        while start.elapsed() < PATIENCE {
            if let Some(status) = self.child.try_wait().unwrap() {
                // Let the reader drain what was written last.
                std::thread::sleep(Duration::from_millis(100));
                return status.exit_code();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        panic!("the wizard did not exit; screen:\n{}", self.contents());
    }

    /// From the start of an English demo to the Values screen, passing STEP 1 knowingly.
    fn walk_to_values(&mut self) {
        self.wait_for("Welcome");
        self.send(ENTER);
        self.send(ENTER);
        self.send(ENTER);
        self.wait_for("Not finished yet");
        self.send(ENTER);
        self.wait_for("Paste the three values");
    }

    /// After exit: the terminal modes the wizard turned on are off again.
    fn assert_terminal_restored(&self) {
        let out = String::from_utf8_lossy(&self.output()).into_owned();
        let last = |seq: &str| out.rfind(seq);
        assert!(
            last("\x1b[?1049l") > last("\x1b[?1049h"),
            "alternate screen left"
        );
        assert!(
            last("\x1b[?2004l") > last("\x1b[?2004h"),
            "bracketed paste turned off"
        );
        let termios = self.master.get_termios().expect("termios of the pty");
        let flags = termios.local_flags;
        use nix::sys::termios::LocalFlags;
        assert!(
            flags.contains(LocalFlags::ICANON) && flags.contains(LocalFlags::ECHO),
            "raw mode left on: {flags:?}"
        );
    }
}

const ENTER: &str = "\r";
const CTRL_C: &str = "\x03";
const CTRL_D: &str = "\x04";

fn paste(text: &str) -> String {
    format!("\x1b[200~{text}\x1b[201~")
}

#[test]
fn demo_walks_to_done_in_english_and_quits_cleanly() {
    let mut s = Session::start(&["--demo", "--lang", "en"], &[]);
    s.wait_for("Welcome");
    s.send(ENTER);
    s.wait_for("Which role");
    s.send(ENTER);
    s.wait_for("STEP 1: build the app");
    s.send(ENTER);
    s.wait_for("Not finished yet");
    s.send(ENTER);
    s.wait_for("Paste the three values");
    s.send(CTRL_D);
    s.send(ENTER);
    s.send(ENTER);
    s.send(ENTER);
    s.wait_for("Ready for hacomono");
    s.send(ENTER);
    s.wait_for("STEP 2: register in hacomono");
    s.send(ENTER);
    s.wait_for("Not finished yet");
    s.send(ENTER);
    s.wait_for("Default Zoom user");
    assert!(
        s.contents().contains("@"),
        "the default user's e-mail is shown"
    );
    s.send(ENTER);
    assert_eq!(s.wait_exit(), 0);
    s.assert_terminal_restored();
}

#[test]
fn demo_in_japanese_reaches_the_check() {
    let mut s = Session::start(&["--demo"], &[("LANG", "ja_JP.UTF-8")]);
    s.wait_for("はじめに");
    s.send(ENTER);
    s.send(ENTER);
    s.send(ENTER);
    s.wait_for("まだ終わっていない項目");
    s.send(ENTER);
    s.wait_for("Client secret");
    s.send(CTRL_D);
    s.send(ENTER);
    s.send(ENTER);
    s.send(ENTER);
    s.wait_for("hacomono に登録できます");
    s.send(CTRL_C);
    assert_eq!(s.wait_exit(), 0);
    s.assert_terminal_restored();
}

#[test]
fn a_bracketed_paste_lands_masked_and_the_secret_never_reaches_the_terminal() {
    let secret = "CanarySecretXYZ0123456789abcdefQ";
    let mut s = Session::start(&["--demo", "--lang", "en"], &[]);
    s.walk_to_values();
    s.send(&paste("AccountIdFromPaste0001"));
    s.send(ENTER);
    s.send(&paste("ClientIdFromPaste00002"));
    s.send(ENTER);
    s.send(&paste(&format!("{secret}\n")));
    s.wait_for("Cana…defQ (32 characters)");
    let screen = s.contents();
    assert!(screen.contains("AccountIdFromPaste0001") && screen.contains("ClientIdFromPaste00002"));
    assert!(screen.contains("••••••••"));
    s.send(CTRL_C);
    s.wait_exit();
    s.assert_terminal_restored();
    let out = String::from_utf8_lossy(&s.output()).into_owned();
    assert!(
        !out.contains(secret),
        "the full secret was written to the terminal"
    );
}

#[test]
fn a_crash_restores_the_terminal_and_says_what_happened() {
    let mut s = Session::start(
        &["--demo", "--lang", "en"],
        &[("HACOMONO_ZOOM_SETUP_PANIC_FOR_TEST", "1")],
    );
    let code = s.wait_exit();
    assert_ne!(code, 0);
    s.assert_terminal_restored();
    assert!(
        s.contents().contains("panic requested"),
        "the panic message is readable:\n{}",
        s.contents()
    );
}

#[test]
fn sigterm_and_sighup_restore_the_terminal() {
    use nix::sys::signal::{Signal, kill};
    for signal in [Signal::SIGTERM, Signal::SIGHUP] {
        let mut s = Session::start(&["--demo", "--lang", "en"], &[]);
        s.wait_for("Welcome");
        let pid = s.child.process_id().expect("pid") as i32;
        kill(nix::unistd::Pid::from_raw(pid), signal).unwrap();
        assert_eq!(s.wait_exit(), 0, "{signal}");
        s.assert_terminal_restored();
    }
}

#[test]
fn a_labelled_block_pasted_once_fills_all_three_fields() {
    let secret = "BlockSecretABCDEFGHIJ012345678zz";
    let block = format!(
        "Account ID\nBlockAccount0000000001\nCopy\nClient ID\nBlockClient00000000002\nCopy\nClient secret\n{secret}\nRegenerate\n"
    );
    let mut s = Session::start(&["--demo", "--lang", "en"], &[]);
    s.walk_to_values();
    s.send(&paste(&block));
    s.wait_for("Filled in from the paste: Account ID, Client ID, Client secret");
    let screen = s.contents();
    assert!(screen.contains("BlockAccount0000000001") && screen.contains("BlockClient00000000002"));
    assert!(screen.contains("Bloc…78zz (32 characters)"), "{screen}");
    s.send(CTRL_C);
    s.wait_exit();
    s.assert_terminal_restored();
    assert!(!String::from_utf8_lossy(&s.output()).contains(secret));
}

#[test]
fn progress_is_resumed_on_the_same_screen_with_the_same_ticks() {
    let mut s = Session::start(&["--demo", "--lang", "en"], &[]);
    s.wait_for("Welcome");
    s.send(ENTER);
    s.send(ENTER);
    s.wait_for("STEP 1: build the app");
    s.send(" ");
    s.send("\x1b[B");
    s.send(" ");
    s.wait_for("[x] Click [Develop]");
    s.send(CTRL_C);
    s.wait_exit();
    let home = s._home;

    let mut s = Session::start_in(home, &["--demo", "--lang", "en"], &[]);
    s.wait_for("Continue?");
    assert!(
        s.contents().contains("with 2 items ticked"),
        "{}",
        s.contents()
    );
    s.send(ENTER);
    s.wait_for("STEP 1: build the app");
    let screen = s.contents();
    assert!(
        screen.contains("[x] Open the Zoom App Marketplace")
            && screen.contains("[x] Click [Develop]"),
        "{screen}"
    );
    s.send(CTRL_C);
    s.wait_exit();
    s.assert_terminal_restored();
}

/// The colour parameters of every SGR sequence (`ESC [ … m`) in `out`: 30–37, 38 (extended
/// foreground), 40–47, 48 (extended background), 90–97 and 100–107. Resets (0, 39, 49) and
/// emphasis (bold, reverse, …) are not colours.
fn colour_sgr_params(out: &[u8]) -> Vec<String> {
    let mut found = Vec::new();
    let mut i = 0;
    while i + 1 < out.len() {
        if out[i] != 0x1b || out[i + 1] != b'[' {
            i += 1;
            continue;
        }
        let start = i + 2;
        let mut end = start;
        while end < out.len() && (out[end].is_ascii_digit() || matches!(out[end], b';' | b':')) {
            end += 1;
        }
        if out.get(end) == Some(&b'm') {
            let params = String::from_utf8_lossy(&out[start..end]).into_owned();
            let colour = params.split([';', ':']).any(|p| {
                matches!(
                    p.parse::<u16>(),
                    Ok(30..=38 | 40..=48 | 90..=97 | 100..=107)
                )
            });
            if colour {
                found.push(params);
            }
        }
        i = end.max(i + 1);
    }
    found
}

#[test]
fn the_sgr_scan_finds_colours_and_ignores_emphasis() {
    assert!(colour_sgr_params(b"\x1b[1m\x1b[7mx\x1b[0m\x1b[39m\x1b[49m\x1b[22m").is_empty());
    assert_eq!(colour_sgr_params(b"\x1b[1;31mx"), ["1;31"]);
    assert_eq!(colour_sgr_params(b"\x1b[38;5;208m"), ["38;5;208"]);
    assert_eq!(colour_sgr_params(b"\x1b[48:2::1:2:3m"), ["48:2::1:2:3"]);
    assert_eq!(colour_sgr_params(b"\x1b[93m\x1b[104m"), ["93", "104"]);
}

#[test]
fn no_color_draws_the_welcome_screen_without_colour_sequences() {
    let mut s = Session::start(&["--demo", "--lang", "en"], &[("NO_COLOR", "1")]);
    s.wait_for("Welcome");
    s.wait_for("Which describes your Zoom link?");
    s.send(CTRL_C);
    assert_eq!(s.wait_exit(), 0);
    s.assert_terminal_restored();
    let colours = colour_sgr_params(&s.output());
    assert!(
        colours.is_empty(),
        "NO_COLOR=1 still sent colour sequences: {colours:?}"
    );
}

#[test]
fn without_no_color_the_same_scan_sees_colours() {
    // Proves the test above can fail: the default theme does colour the welcome screen.
    let mut s = Session::start(&["--demo", "--lang", "en"], &[]);
    s.wait_for("Which describes your Zoom link?");
    s.send(CTRL_C);
    assert_eq!(s.wait_exit(), 0);
    assert!(!colour_sgr_params(&s.output()).is_empty());
}

/// Plain mode prints no escape sequence of its own; the pty adds none either.
fn assert_no_escape(output: &[u8]) {
    assert!(
        !output.contains(&0x1b),
        "an ESC byte in the output:\n{}",
        String::from_utf8_lossy(output).escape_debug()
    );
}

/// After exit the pty is back in line mode with echo.
fn assert_line_mode(s: &Session) {
    let flags = s.master.get_termios().expect("termios").local_flags;
    use nix::sys::termios::LocalFlags;
    assert!(
        flags.contains(LocalFlags::ICANON) && flags.contains(LocalFlags::ECHO),
        "the terminal was left without line mode or echo: {flags:?}"
    );
}

#[test]
fn term_dumb_on_a_terminal_starts_plain_mode_with_no_escape_at_all() {
    let mut s = Session::start(&["--demo", "--lang", "en"], &[("TERM", "dumb")]);
    s.wait_for("(1/7) Welcome");
    s.wait_for("Number [1]:");
    s.send("\r");
    s.wait_for("(2/7) Zoom account and role");
    // Ctrl+D at a prompt: end of input.
    s.send(CTRL_D);
    assert_eq!(s.wait_exit(), 1);
    s.wait_for("Input ended before the setup was finished.");
    assert_no_escape(&s.output());
    assert_line_mode(&s);
}

#[test]
fn accessible_on_a_terminal_hides_the_typed_secret_and_gives_the_terminal_back() {
    let secret = "TypedSecretXYZ0123456789abcdefQQ";
    let mut s = Session::start(&["--demo", "--lang", "en"], &[("ACCESSIBLE", "1")]);
    s.wait_for("(1/7) Welcome");
    // Welcome, role, App Name, the STEP 1 list, "not finished", Account ID, Client ID.
    for _ in 0..7 {
        s.send("\r");
    }
    s.wait_for("Client secret [hAco");
    s.send(&format!("{secret}\r"));
    s.wait_for("Type…efQQ (32 characters)");
    s.wait_for("Not ready yet");
    s.send(CTRL_D);
    assert_eq!(s.wait_exit(), 1);
    let out = s.output();
    assert!(
        !String::from_utf8_lossy(&out).contains(secret),
        "the typed secret was echoed"
    );
    assert_no_escape(&out);
    assert_line_mode(&s);
}

#[test]
fn ctrl_c_at_the_hidden_secret_prompt_restores_the_echo() {
    let mut s = Session::start(&["--demo", "--lang", "en"], &[("TERM", "dumb")]);
    s.wait_for("(1/7) Welcome");
    for _ in 0..7 {
        s.send("\r");
    }
    s.wait_for("Client secret [hAco");
    s.send("half-typed");
    s.send(CTRL_C);
    assert_eq!(s.wait_exit(), 130);
    assert!(!String::from_utf8_lossy(&s.output()).contains("half-typed"));
    assert_line_mode(&s);
}

#[test]
fn typing_works_and_ctrl_v_without_a_clipboard_says_to_use_the_terminal_paste() {
    let mut s = Session::start(&["--demo", "--lang", "en"], &[]);
    s.walk_to_values();
    s.send("\x16"); // Ctrl+V, with no display and no clipboard daemon here
    s.wait_for("cannot be read here");
    for c in "TypedAccount".chars() {
        s.send(&c.to_string());
    }
    s.wait_for("[TypedAccount");
    s.send("\x7f"); // Backspace
    s.wait_for("[TypedAccoun ");
    s.send(CTRL_C);
    assert_eq!(s.wait_exit(), 0);
    s.assert_terminal_restored();
}
