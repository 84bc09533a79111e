//! The real binary in a pseudo-terminal, read through a vt100 parser as a person would see it.
//!
//! - The child's environment is `process::isolated_env` and nothing else: a developer's
//!   `ACCESSIBLE`, locale, display or SSH variables never change what a test sees.
//! - Keys are sent one at a time and the tests wait for the screen between them.
//! - The output is read to its end (the reader is joined when the child exits) and a read
//!   error fails the test, so "the secret never reached the terminal" is checked on all of it.
//! - Every frame (every chunk the reader hands to the parser) can be watched for a string.
//! - Past `PATIENCE` a wait fails; a session dropped early kills its child.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

use super::process::{BIN, isolated_env};

pub const ROWS: u16 = 24;
pub const COLS: u16 = 80;
/// Generous: CI machines are slow; the waits end as soon as the condition holds.
pub const PATIENCE: Duration = Duration::from_secs(30);

pub const ENTER: &str = "\r";
pub const ESC: &str = "\x1b";
pub const CTRL_C: &str = "\x03";
pub const CTRL_D: &str = "\x04";
pub const CTRL_R: &str = "\x12";
pub const CTRL_V: &str = "\x16";
pub const DOWN: &str = "\x1b[B";
pub const F2: &str = "\x1bOQ";

pub fn paste(text: &str) -> String {
    format!("\x1b[200~{text}\x1b[201~")
}

/// What the reader saw, shared with the test.
#[derive(Default)]
struct Seen {
    raw: Vec<u8>,
    /// For each chunk parsed: the length of `raw` after it, and whether the screen then
    /// showed the watched string.
    frames: Vec<(usize, bool)>,
}

pub struct Session {
    pub master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    pub child: Box<dyn Child + Send + Sync>,
    screen: Arc<Mutex<vt100::Parser>>,
    seen: Arc<Mutex<Seen>>,
    /// The reader's end: `Ok` at the end of output, `Err` for a read error.
    reader_done: Option<mpsc::Receiver<Result<(), String>>>,
    pub home: tempfile::TempDir,
}

/// How to start a session.
pub struct Start<'a> {
    pub args: &'a [&'a str],
    pub env: &'a [(&'a str, &'a str)],
    pub home: Option<tempfile::TempDir>,
    /// The child's working directory; `home` when `None`.
    pub cwd: Option<&'a Path>,
    pub size: (u16, u16),
    /// A string to look for on screen after every chunk of output (see `frames_showing`).
    pub watch: Option<&'a str>,
}

impl Default for Start<'_> {
    fn default() -> Self {
        Start {
            args: &[],
            env: &[],
            home: None,
            cwd: None,
            size: (ROWS, COLS),
            watch: None,
        }
    }
}

impl Session {
    pub fn start(args: &[&str], env: &[(&str, &str)]) -> Session {
        Session::with(Start {
            args,
            env,
            ..Start::default()
        })
    }

    /// Runs in `home`, so a second run can find what the first one saved.
    pub fn start_in(home: tempfile::TempDir, args: &[&str], env: &[(&str, &str)]) -> Session {
        Session::with(Start {
            args,
            env,
            home: Some(home),
            ..Start::default()
        })
    }

    pub fn with(start: Start<'_>) -> Session {
        let home = start
            .home
            .unwrap_or_else(|| tempfile::tempdir().expect("a temporary home"));
        let (rows, cols) = start.size;
        let pty = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(BIN);
        cmd.args(start.args);
        cmd.env_clear();
        for (k, v) in isolated_env(home.path()) {
            cmd.env(k, v);
        }
        cmd.env("TERM", "xterm-256color");
        for (k, v) in start.env {
            cmd.env(k, v);
        }
        cmd.cwd(start.cwd.unwrap_or(home.path()));
        let child = pty.slave.spawn_command(cmd).expect("spawn the binary");
        // Only the child holds the slave now: its exit ends the output.
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().unwrap();
        let writer = pty.master.take_writer().unwrap();
        let screen = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let seen = Arc::new(Mutex::new(Seen::default()));
        let (screen_in, seen_in) = (screen.clone(), seen.clone());
        let watch = start.watch.map(str::to_owned);
        let (done_tx, done_rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            let result = loop {
                match reader.read(&mut buf) {
                    Ok(0) => break Ok(()),
                    Ok(n) => {
                        let mut parser = screen_in.lock().unwrap();
                        parser.process(&buf[..n]);
                        let mut seen = seen_in.lock().unwrap();
                        seen.raw.extend_from_slice(&buf[..n]);
                        let shown = watch
                            .as_deref()
                            .is_some_and(|w| parser.screen().contents().contains(w));
                        let len = seen.raw.len();
                        seen.frames.push((len, shown));
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                    // Linux answers EIO once the last holder of the slave side is gone: that
                    // is the end of the output, everything before it has been read.
                    Err(e) if e.raw_os_error() == Some(nix::errno::Errno::EIO as i32) => {
                        break Ok(());
                    }
                    Err(e) => break Err(format!("reading the pty failed: {e}")),
                }
            };
            let _ = done_tx.send(result);
        });
        Session {
            master: pty.master,
            writer,
            child,
            screen,
            seen,
            reader_done: Some(done_rx),
            home,
        }
    }

    pub fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    /// Everything the child wrote so far, escape sequences and all.
    pub fn output(&self) -> Vec<u8> {
        self.seen.lock().unwrap().raw.clone()
    }

    pub fn output_len(&self) -> usize {
        self.seen.lock().unwrap().raw.len()
    }

    /// The output written after `offset` (a value of `output_len`), as text.
    pub fn output_since(&self, offset: usize) -> String {
        String::from_utf8_lossy(&self.seen.lock().unwrap().raw[offset..]).into_owned()
    }

    /// The frames (see `Start::watch`) that showed the watched string and ended in `range`
    /// of the output (a frame ends at the output's length once it is parsed).
    pub fn frames_showing(&self, range: std::ops::Range<usize>) -> usize {
        let seen = self.seen.lock().unwrap();
        seen.frames
            .iter()
            .filter(|(end, shown)| *shown && range.contains(end))
            .count()
    }

    /// Waits until `condition` holds for the screen; fails after `PATIENCE`, naming `what`.
    /// Returns the length of the output that made the screen so (see `frames_showing`).
    pub fn wait_until(&self, what: &str, condition: impl Fn(&vt100::Screen) -> bool) -> usize {
        let start = Instant::now();
        while start.elapsed() < PATIENCE {
            let parser = self.screen.lock().unwrap();
            if condition(parser.screen()) {
                // The reader updates the screen, then `seen`, under the screen's lock: holding
                // it, the length matches the screen just judged.
                return self.seen.lock().unwrap().raw.len();
            }
            drop(parser);
            std::thread::sleep(Duration::from_millis(10));
        }
        panic!("waited for {what}; the screen shows:\n{}", self.contents());
    }

    pub fn wait_for(&self, text: &str) -> usize {
        self.wait_until(&format!("{text:?}"), |screen| {
            screen.contents().contains(text)
        })
    }

    /// Waits until every one of `texts` shows at once. A frame is written top to bottom and
    /// may be read half-drawn: asserting on the screen right after waiting for one text of a
    /// frame can see the rest of it missing, waiting for all of it cannot.
    pub fn wait_all(&self, texts: &[&str]) -> usize {
        self.wait_until(&format!("all of {texts:?}"), |screen| {
            let contents = screen.contents();
            texts.iter().all(|t| contents.contains(t))
        })
    }

    pub fn wait_gone(&self, text: &str) -> usize {
        self.wait_until(&format!("{text:?} to go"), |screen| {
            !screen.contents().contains(text)
        })
    }

    /// Waits for the focus marker (`›`) on the row that holds `text`.
    pub fn wait_focus(&self, text: &str) -> usize {
        self.wait_until(&format!("the focus on {text:?}"), |screen| {
            let (_, cols) = screen.size();
            screen
                .rows(0, cols)
                .any(|row| row.contains('›') && row.contains(text))
        })
    }

    /// Waits until the output written after `offset` holds `text` (for plain mode, which
    /// prints the same prompt more than once).
    pub fn wait_for_output_since(&self, offset: usize, text: &str) {
        let start = Instant::now();
        while start.elapsed() < PATIENCE {
            if self.output_since(offset).contains(text) {
                return;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        panic!(
            "waited for {text:?} in the output; it ends with:\n{}",
            self.output_since(offset)
        );
    }

    /// Sends `bytes` as one key or one paste. Nothing waits here: the test waits for what the
    /// key should change.
    pub fn send(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// Sends `bytes` and waits for `text` to show.
    pub fn press(&mut self, bytes: &str, text: &str) -> usize {
        self.send(bytes);
        self.wait_for(text)
    }

    /// Plain mode: sends `line` and waits for `text` in what is printed after it.
    pub fn answer(&mut self, line: &str, text: &str) {
        let offset = self.output_len();
        self.send(line);
        self.wait_for_output_since(offset, text);
    }

    /// Types `text` one character at a time, waiting for each to land on screen as `shown`
    /// grows (`shown(prefix)` is what the screen holds once `prefix` is typed).
    pub fn type_text(&mut self, text: &str, shown: impl Fn(&str) -> String) {
        for (i, c) in text.char_indices() {
            self.send(&c.to_string());
            self.wait_for(&shown(&text[..i + c.len_utf8()]));
        }
    }

    /// Resizes the pty, as a window resize does. The parser takes the new size first, under
    /// its lock, so no output drawn for the new size is read at the old one.
    pub fn resize(&self, rows: u16, cols: u16) {
        let mut parser = self.screen.lock().unwrap();
        parser.screen_mut().set_size(rows, cols);
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize the pty");
    }

    pub fn is_running(&mut self) -> bool {
        self.child.try_wait().expect("poll the child").is_none()
    }

    /// Waits for the child to exit and for its output to be read to the end; returns the exit
    /// code. Fails if it does not exit in time or the output could not be read.
    pub fn wait_exit(&mut self) -> u32 {
        let start = Instant::now();
        let status = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status;
            }
            if start.elapsed() > PATIENCE {
                let _ = self.child.kill();
                panic!("the wizard did not exit; screen:\n{}", self.contents());
            }
            std::thread::sleep(Duration::from_millis(10));
        };
        let reader = self.reader_done.take().expect("wait_exit once");
        match reader.recv_timeout(PATIENCE) {
            Ok(Ok(())) => {}
            Ok(Err(error)) => panic!("{error}; output so far may be cut"),
            Err(_) => panic!("the output never ended after the child exited"),
        }
        status.exit_code()
    }

    /// After exit: the terminal modes the wizard turned on are off again.
    pub fn assert_terminal_restored(&self) {
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
        self.assert_line_mode();
    }

    /// Plain mode printed no escape sequence of its own (the pty adds none either).
    pub fn assert_no_escape(&self) {
        let output = self.output();
        assert!(
            !output.contains(&0x1b),
            "an ESC byte in the output:\n{}",
            String::from_utf8_lossy(&output).escape_debug()
        );
    }

    /// The pty is in line mode with echo (as after exit), or not (`raw`, while the wizard runs).
    pub fn line_mode(&self) -> bool {
        use nix::sys::termios::LocalFlags;
        let flags = self.master.get_termios().expect("termios").local_flags;
        flags.contains(LocalFlags::ICANON) && flags.contains(LocalFlags::ECHO)
    }

    pub fn assert_line_mode(&self) {
        assert!(
            self.line_mode(),
            "the terminal was left without line mode or echo"
        );
    }

    /// From the start of an English demo to the Values screen, passing STEP 1 knowingly.
    pub fn walk_to_values(&mut self) {
        self.wait_for("Welcome");
        self.press(ENTER, "Which role");
        self.press(ENTER, "STEP 1: build the app");
        self.press(ENTER, "Not finished yet");
        self.press(ENTER, "Paste the three values");
    }

    /// On the Values screen: Enter, and wait for the cursor on the row of the field `label`
    /// (its label and its `[` box). Only the frame that moves the focus there puts the cursor
    /// on that row, so the key has been handled once it does, even if the frame is half drawn.
    pub fn next_field(&mut self, label: &str) {
        self.send(ENTER);
        self.wait_until(&format!("the focus on {label}"), |screen| {
            let (row, _) = screen.cursor_position();
            let (_, cols) = screen.size();
            screen
                .rows(0, cols)
                .nth(usize::from(row))
                .is_some_and(|r| r.contains(label) && r.contains('['))
        });
    }

    /// From the start of an English demo to Done, past STEP 2 knowingly, with the proposed
    /// default user shown.
    pub fn walk_demo_to_done(&mut self) {
        self.walk_to_values();
        self.fill_demo_and_check();
        self.press(ENTER, "STEP 2: register in hacomono");
        self.press(ENTER, "Not finished yet");
        self.press(ENTER, "Default Zoom user");
        self.wait_for("owner@demo-gym.example");
    }

    /// From Values with the demo account filled in (Ctrl+D) to a finished check.
    pub fn fill_demo_and_check(&mut self) {
        self.press(CTRL_D, "dEm0AcCoUnT-hAcoMono01");
        self.next_field("Client ID");
        self.next_field("Client secret");
        self.press(ENTER, "Ready for hacomono");
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        // A test that failed half-way must not leave its wizard running.
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
    }
}
