//! The Client secret on a real clipboard: the real binary in a pseudo-terminal, copying on
//! STEP 2 of `--demo`, read back with `xclip` from an X server (Xvfb) this test starts itself;
//! and, with no display, the OSC 52 path: the terminal is asked to clear at the same moments.
//!
//! Xvfb and xclip are Debian's `xvfb` and `xclip` packages. The X11 tests are `#[ignore]`d so
//! that `cargo test` passes on a fresh machine; `.ci/run` installs both packages and runs them
//! with `--ignored`, where a missing one fails them with what to install: they never pass
//! without running.
#![cfg(unix)]

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdout, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use zoom_emulator::{DEMO_ACCOUNT_ID, DEMO_CLIENT_SECRET};

const ROWS: u16 = 24;
/// Wide enough that each status line the tests look for fits on one row.
const COLS: u16 = 160;
/// Generous: CI machines are slow; every wait ends as soon as its condition holds.
const PATIENCE: Duration = Duration::from_secs(30);
/// Read by debug builds only (src/clipboard/timer.rs): the shortened 45 s.
const CLEAR_AFTER_MS: &str = "HACOMONO_ZOOM_SETUP_CLEAR_AFTER_MS_FOR_TEST";
/// Long enough to read the clipboard twice and copy over it on a slow machine.
const SHORT_MS: &str = "8000";
const KDE_HINT: &str = "x-kde-passwordManagerHint";

// --- the wizard in a pty ---------------------------------------------------------------------

struct Wizard {
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    screen: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    _home: tempfile::TempDir,
}

impl Wizard {
    /// `--demo --lang en` with `env` added to a clean environment (no display unless given).
    fn start(env: &[(&str, &str)]) -> Wizard {
        let home = tempfile::tempdir().expect("a temporary home");
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_hacomono-zoom-setup"));
        cmd.args(["--demo", "--lang", "en"]);
        cmd.env_clear();
        cmd.env("PATH", std::env::var("PATH").unwrap_or_default());
        cmd.env("TERM", "xterm-256color");
        cmd.env("LANG", "C.UTF-8");
        cmd.env("RUST_BACKTRACE", "0");
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
            let _master = pty.master;
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                screen_in.lock().unwrap().process(&buf[..n]);
                raw_in.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        Wizard {
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

    fn output(&self) -> String {
        String::from_utf8_lossy(&self.raw.lock().unwrap()).into_owned()
    }

    fn wait_for(&self, text: &str) {
        wait_until(&format!("the screen to show {text:?}"), || {
            self.contents().contains(text)
        })
        .unwrap_or_else(|what| panic!("{what}; the screen shows:\n{}", self.contents()));
    }

    fn send(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        // One key at a time, as a person types.
        std::thread::sleep(Duration::from_millis(60));
    }

    /// From the start of the English demo to STEP 2, with the demo's values.
    fn walk_to_step2(&mut self) {
        self.wait_for("Welcome");
        self.send(ENTER);
        self.send(ENTER);
        self.send(ENTER);
        self.wait_for("Not finished yet");
        self.send(ENTER);
        self.wait_for("Paste the three values");
        self.send(CTRL_D);
        self.send(ENTER);
        self.send(ENTER);
        self.send(ENTER);
        self.wait_for("Ready for hacomono");
        self.send(ENTER);
        self.wait_for("STEP 2: register in hacomono");
    }

    fn wait_exit(&mut self) -> u32 {
        let mut status = None;
        let waited = wait_until("the wizard to exit", || {
            status = self.child.try_wait().unwrap();
            status.is_some()
        });
        if let Err(what) = waited {
            let _ = self.child.kill();
            panic!("{what}; the screen shows:\n{}", self.contents());
        }
        // Let the reader drain what was written last.
        let _ = wait_until("the output to settle", || {
            let before = self.raw.lock().unwrap().len();
            std::thread::sleep(Duration::from_millis(100));
            self.raw.lock().unwrap().len() == before
        });
        status.unwrap().exit_code()
    }
}

impl Drop for Wizard {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

const ENTER: &str = "\r";
const CTRL_C: &str = "\x03";
const CTRL_D: &str = "\x04";

/// Polls `condition` until it holds or [`PATIENCE`] runs out (then says what was awaited).
fn wait_until(what: &str, mut condition: impl FnMut() -> bool) -> Result<(), String> {
    let start = Instant::now();
    while start.elapsed() < PATIENCE {
        if condition() {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Err(format!("waited {PATIENCE:?} for {what}"))
}

// --- an X server of our own --------------------------------------------------------------------

/// Fails the test, naming the Debian package, when `program` is not on the PATH.
fn require(program: &str, package: &str) {
    let found = std::env::var_os("PATH")
        .is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join(program).is_file()));
    assert!(
        found,
        "{program} is missing: the real-clipboard test needs Debian's `{package}` package \
         (apt-get install {package})"
    );
}

/// Xvfb on a display number it found free itself; killed when dropped.
struct Xvfb {
    child: Child,
    _stdout: ChildStdout,
    display: String,
}

impl Xvfb {
    fn start() -> Xvfb {
        require("Xvfb", "xvfb");
        require("xclip", "xclip");
        // -displayfd 1: Xvfb picks a free display number and writes it on its stdout once it
        // accepts connections.
        let mut child = Command::new("Xvfb")
            .args([
                "-displayfd",
                "1",
                "-nolisten",
                "tcp",
                "-screen",
                "0",
                "640x480x24",
            ])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start Xvfb");
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            let mut line = String::new();
            let _ = reader.read_line(&mut line);
            let _ = tx.send((line, reader.into_inner()));
        });
        let (line, stdout) = match rx.recv_timeout(PATIENCE) {
            Ok(answer) => answer,
            Err(_) => {
                let _ = child.kill();
                panic!("Xvfb did not say which display it took");
            }
        };
        let number = line.trim();
        assert!(
            !number.is_empty() && number.chars().all(|c| c.is_ascii_digit()),
            "Xvfb answered {line:?} for its display"
        );
        Xvfb {
            child,
            _stdout: stdout,
            display: format!(":{number}"),
        }
    }

    /// Runs xclip on this display; its stdout when it succeeded, `None` when it failed (no
    /// owner, no such target). Never waits forever.
    fn xclip(&self, args: &[&str], input: Option<&str>) -> Option<String> {
        let mut child = Command::new("xclip")
            .args(args)
            .env("DISPLAY", &self.display)
            .env_remove("WAYLAND_DISPLAY")
            .stdin(if input.is_some() {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            // `xclip -i` stays in the background to serve what it copied: with a pipe here,
            // reading it to the end would wait for that process too.
            .stdout(if input.is_some() {
                Stdio::null()
            } else {
                Stdio::piped()
            })
            .stderr(Stdio::null())
            .spawn()
            .expect("run xclip");
        if let Some(text) = input {
            child
                .stdin
                .take()
                .unwrap()
                .write_all(text.as_bytes())
                .unwrap();
        }
        let mut out = String::new();
        if let Some(mut stdout) = child.stdout.take() {
            let (tx, rx) = std::sync::mpsc::channel();
            std::thread::spawn(move || {
                let mut text = String::new();
                let _ = stdout.read_to_string(&mut text);
                let _ = tx.send(text);
            });
            match rx.recv_timeout(Duration::from_secs(10)) {
                Ok(text) => out = text,
                Err(_) => {
                    let _ = child.kill();
                    panic!("xclip {args:?} hung");
                }
            }
        }
        let status = child.wait().expect("xclip ends");
        status.success().then_some(out)
    }

    /// What the CLIPBOARD selection holds as text, if anything.
    fn clipboard(&self) -> Option<String> {
        self.xclip(&["-o", "-selection", "clipboard"], None)
    }

    /// The targets (formats) the CLIPBOARD selection is offered in.
    fn targets(&self) -> Vec<String> {
        self.xclip(&["-selection", "clipboard", "-t", "TARGETS", "-o"], None)
            .unwrap_or_default()
            .lines()
            .map(str::to_owned)
            .collect()
    }

    fn wait_clipboard(&self, what: &str, mut holds: impl FnMut(Option<&str>) -> bool) {
        let mut last = None;
        wait_until(what, || {
            last = self.clipboard();
            holds(last.as_deref())
        })
        .unwrap_or_else(|what| panic!("{what}; the clipboard holds {last:?}"));
    }
}

impl Drop for Xvfb {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

// --- X11 ---------------------------------------------------------------------------------------

#[test]
#[cfg(target_os = "linux")]
#[ignore = "needs Xvfb and xclip (apt-get install xvfb xclip); .ci/run runs it with --ignored"]
fn x11_the_secret_is_marked_sensitive_and_cleared_after_the_time_if_still_ours() {
    let x = Xvfb::start();
    let mut w = Wizard::start(&[("DISPLAY", &x.display), (CLEAR_AFTER_MS, SHORT_MS)]);
    w.walk_to_step2();

    // An ID is copied as usual: no password hint, no countdown.
    w.send("1");
    w.wait_for("Account ID copied to the clipboard.");
    x.wait_clipboard("the Account ID on the clipboard", |c| {
        c == Some(DEMO_ACCOUNT_ID)
    });
    assert!(!x.targets().iter().any(|t| t == KDE_HINT));

    w.send("3");
    x.wait_clipboard("the secret on the clipboard", |c| {
        c == Some(DEMO_CLIENT_SECRET)
    });
    let targets = x.targets();
    assert!(
        targets.iter().any(|t| t == KDE_HINT),
        "the secret is offered without {KDE_HINT}: {targets:?}"
    );
    assert_eq!(
        x.xclip(&["-selection", "clipboard", "-t", KDE_HINT, "-o"], None)
            .as_deref(),
        Some("secret")
    );
    w.wait_for("Client secret on the clipboard, cleared in");

    // A key press clears notices; the count stays.
    w.send("\x1b[B");
    w.wait_for("Client secret on the clipboard, cleared in");

    w.wait_for("Client secret cleared from the clipboard.");
    x.wait_clipboard("the clipboard emptied", |c| {
        c.is_none_or(|text| text.is_empty())
    });
    w.send(CTRL_C);
    assert_eq!(w.wait_exit(), 0);
    assert!(
        !w.output().contains(DEMO_CLIENT_SECRET),
        "the secret reached the terminal"
    );
}

#[test]
#[cfg(target_os = "linux")]
#[ignore = "needs Xvfb and xclip (apt-get install xvfb xclip); .ci/run runs it with --ignored"]
fn x11_something_copied_since_is_left_alone() {
    let x = Xvfb::start();
    let mut w = Wizard::start(&[("DISPLAY", &x.display), (CLEAR_AFTER_MS, SHORT_MS)]);
    w.walk_to_step2();
    w.send("3");
    x.wait_clipboard("the secret on the clipboard", |c| {
        c == Some(DEMO_CLIENT_SECRET)
    });
    w.wait_for("cleared in");

    let mine = "copied by the user since";
    x.xclip(&["-i", "-selection", "clipboard"], Some(mine))
        .expect("xclip -i copies");
    x.wait_clipboard("the user's text on the clipboard", |c| c == Some(mine));

    w.wait_for("The clipboard holds something else now, so it was left as it is.");
    assert_eq!(x.clipboard().as_deref(), Some(mine));

    // On exit too: nothing of ours to clear, so nothing is touched.
    w.send(CTRL_C);
    assert_eq!(w.wait_exit(), 0);
    assert_eq!(x.clipboard().as_deref(), Some(mine));
}

#[test]
#[cfg(target_os = "linux")]
#[ignore = "needs Xvfb and xclip (apt-get install xvfb xclip); .ci/run runs it with --ignored"]
fn x11_copying_again_restarts_the_count() {
    let x = Xvfb::start();
    let mut w = Wizard::start(&[("DISPLAY", &x.display), (CLEAR_AFTER_MS, SHORT_MS)]);
    w.walk_to_step2();
    w.send("3");
    w.wait_for("cleared in");
    let started = Instant::now();
    // Well into the count, copy again: the clearing moves to a full period after this.
    w.wait_for("cleared in 4 s");
    let again = Instant::now();
    w.send("3");
    w.wait_for("cleared in 8 s");
    w.wait_for("Client secret cleared from the clipboard.");
    let cleared = Instant::now();
    assert!(
        cleared.duration_since(again) >= Duration::from_millis(7500),
        "cleared {:?} after the second copy, {:?} after the first",
        cleared.duration_since(again),
        cleared.duration_since(started)
    );
    assert!(x.clipboard().is_none_or(|c| c != DEMO_CLIENT_SECRET));
    w.send(CTRL_C);
    assert_eq!(w.wait_exit(), 0);
}

// --- OSC 52 (no display) -----------------------------------------------------------------------

/// OSC 52 "set clipboard" with an empty payload: the request to clear.
const OSC52_CLEAR: &str = "\x1b]52;c;\x07";

fn osc52_of_secret() -> String {
    use base64::Engine as _;
    let encoded = base64::engine::general_purpose::STANDARD.encode(DEMO_CLIENT_SECRET);
    format!("\x1b]52;c;{encoded}\x07")
}

/// Where only OSC 52 is possible, the terminal is asked to clear after the time.
#[test]
fn osc52_the_terminal_is_asked_to_clear_after_the_time() {
    let mut w = Wizard::start(&[(CLEAR_AFTER_MS, "3000")]);
    w.walk_to_step2();
    w.send("3");
    w.wait_for("Client secret sent to your terminal (OSC 52");
    w.wait_for("asked to clear it in");
    w.wait_for("Asked the terminal to clear the Client secret");
    let out = w.output();
    let sent = out
        .find(&osc52_of_secret())
        .expect("the secret went out by OSC 52");
    assert!(
        out[sent..].contains(OSC52_CLEAR),
        "no empty OSC 52 after the secret's"
    );
    w.send(CTRL_C);
    assert_eq!(w.wait_exit(), 0);
}

/// Quitting (Ctrl+C, SIGTERM, SIGHUP) before the time asks the terminal to clear at once.
#[test]
fn osc52_quitting_before_the_time_asks_the_terminal_to_clear() {
    use nix::sys::signal::{Signal, kill};
    for how in ["Ctrl+C", "SIGTERM", "SIGHUP"] {
        let mut w = Wizard::start(&[]);
        w.walk_to_step2();
        w.send("3");
        w.wait_for("asked to clear it in 4");
        assert!(
            !w.output().contains(OSC52_CLEAR),
            "{how}: cleared too early"
        );
        match how {
            "Ctrl+C" => w.send(CTRL_C),
            signal => {
                let signal = if signal == "SIGTERM" {
                    Signal::SIGTERM
                } else {
                    Signal::SIGHUP
                };
                let pid = w.child.process_id().expect("pid") as i32;
                kill(nix::unistd::Pid::from_raw(pid), signal).unwrap();
            }
        }
        assert_eq!(w.wait_exit(), 0, "{how}");
        let out = w.output();
        let sent = out.find(&osc52_of_secret()).expect("the secret went out");
        assert!(
            out[sent..].contains(OSC52_CLEAR),
            "{how}: the terminal was not asked to clear on exit"
        );
    }
}

/// Copying an ID the same way replaces the secret there: no count, nothing cleared later.
#[test]
fn osc52_copying_an_id_over_the_secret_ends_the_count() {
    let mut w = Wizard::start(&[]);
    w.walk_to_step2();
    w.send("3");
    w.wait_for("asked to clear it in");
    w.send("2");
    w.wait_for("Client ID sent to your terminal (OSC 52)");
    w.send(CTRL_C);
    assert_eq!(w.wait_exit(), 0);
    assert!(
        !w.output().contains(OSC52_CLEAR),
        "the Client ID was cleared as if it were the secret"
    );
}
