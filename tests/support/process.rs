//! The real binary as a child process: an environment of its own and a deadline on every run.
//!
//! The child never sees the developer's environment (`env_clear`): no `ACCESSIBLE`, locale,
//! `DISPLAY`, SSH or tmux variable, `ZOOM_*` value or certificate path leaks in, and its HOME,
//! XDG directories and temporary directory are the test's own.

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// The binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_hacomono-zoom-setup");

/// Every spawned binary is killed after this and its test fails: a hang never stalls CI. A
/// healthy run ends in well under a second; the margin is for a busy 2-core machine.
pub const DEADLINE: Duration = Duration::from_secs(60);

/// The variables a child gets besides the ones a test adds: a home, XDG directories and a
/// temporary directory under `home`, a UTF-8 locale that is not Japanese, no backtraces.
pub fn isolated_env(home: &Path) -> Vec<(String, String)> {
    let tmp = home.join("tmp");
    std::fs::create_dir_all(&tmp).expect("a temporary directory for the child");
    let path = |p: &Path| p.display().to_string();
    let mut env = vec![
        ("HOME".to_owned(), path(home)),
        ("XDG_DATA_HOME".to_owned(), path(&home.join("data"))),
        ("XDG_CONFIG_HOME".to_owned(), path(&home.join("config"))),
        ("XDG_CACHE_HOME".to_owned(), path(&home.join("cache"))),
        ("XDG_STATE_HOME".to_owned(), path(&home.join("state"))),
        ("TMPDIR".to_owned(), path(&tmp)),
        ("LANG".to_owned(), "C.UTF-8".to_owned()),
        ("RUST_BACKTRACE".to_owned(), "0".to_owned()),
    ];
    // Only where programs are found; nothing else of the parent's environment goes through.
    if let Some(search) = std::env::var_os("PATH") {
        env.push(("PATH".to_owned(), search.to_string_lossy().into_owned()));
    }
    env
}

/// The binary with `args`, run in `home` with `isolated_env(home)` and nothing else.
pub fn command(home: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(BIN);
    cmd.args(args).current_dir(home).env_clear();
    cmd.envs(isolated_env(home));
    cmd
}

/// What goes to a child's standard input.
#[derive(Clone, Copy, Debug)]
pub enum Input<'a> {
    /// `/dev/null`.
    Null,
    /// These bytes, then end of input.
    Close(&'a [u8]),
    /// These bytes, and the pipe stays open (and empty) until the child exits: proves the
    /// child does not wait for more.
    KeepOpen(&'a [u8]),
    /// These bytes again and again, as `yes` writes, until the child exits.
    Repeat(&'a [u8]),
}

/// How a run ended.
#[derive(Debug)]
pub struct Ran {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Ran {
    pub fn assert_never_shows(&self, secret: &str) {
        assert!(!self.stdout.contains(secret), "stdout: {}", self.stdout);
        assert!(!self.stderr.contains(secret), "stderr: {}", self.stderr);
    }

    /// Plain mode and `check` print no escape sequence, on either stream.
    pub fn assert_no_escape(&self) {
        for (name, text) in [("stdout", &self.stdout), ("stderr", &self.stderr)] {
            assert!(
                !text.contains('\u{1b}'),
                "an ESC byte in {name}:\n{}",
                text.escape_debug()
            );
        }
    }

    /// Both streams, for failure messages.
    pub fn both(&self) -> String {
        format!("stdout:\n{}\nstderr:\n{}", self.stdout, self.stderr)
    }
}

/// Runs `cmd` to its end within `DEADLINE`.
pub fn run(cmd: &mut Command, input: Input<'_>) -> Ran {
    run_within(cmd, input, DEADLINE)
}

/// Runs `cmd`; past `deadline` the child is killed and the test fails with what it printed.
pub fn run_within(cmd: &mut Command, input: Input<'_>, deadline: Duration) -> Ran {
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    cmd.stdin(match input {
        Input::Null => Stdio::null(),
        _ => Stdio::piped(),
    });
    let mut child = cmd.spawn().expect("spawn the binary");
    let started = Instant::now();
    let (out, err) = (drain(child.stdout.take()), drain(child.stderr.take()));
    let mut kept_open = None;
    let mut feeder = None;
    match (input, child.stdin.take()) {
        (Input::Close(bytes), Some(mut stdin)) => {
            let bytes = bytes.to_vec();
            // In a thread: a child that does not read must not block the test on a full pipe.
            // It may also exit before reading everything: a broken pipe is expected then.
            feeder = Some(std::thread::spawn(move || {
                let _ = stdin.write_all(&bytes);
            }));
        }
        (Input::Repeat(bytes), Some(mut stdin)) => {
            let bytes = bytes.to_vec();
            // Ends when the child exits (a broken pipe) or, if it never does, when the child
            // is killed at the deadline.
            feeder = Some(std::thread::spawn(
                move || {
                    while stdin.write_all(&bytes).is_ok() {}
                },
            ));
        }
        (Input::KeepOpen(bytes), Some(mut stdin)) => {
            let _ = stdin.write_all(bytes);
            let _ = stdin.flush();
            kept_open = Some(stdin);
        }
        _ => {}
    }
    let status = loop {
        if let Some(status) = child.try_wait().expect("poll the child") {
            break status;
        }
        if started.elapsed() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            drop(kept_open);
            panic!(
                "{cmd:?} did not exit within {deadline:?}; stdout:\n{}\nstderr:\n{}",
                out.join().unwrap(),
                err.join().unwrap()
            );
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    drop(kept_open);
    if let Some(feeder) = feeder {
        feeder.join().expect("the stdin feeder");
    }
    Ran {
        code: status
            .code()
            .unwrap_or_else(|| panic!("{cmd:?} ended by a signal: {status:?}")),
        stdout: out.join().unwrap(),
        stderr: err.join().unwrap(),
    }
}

fn drain(stream: Option<impl Read + Send + 'static>) -> JoinHandle<String> {
    let mut stream = stream.expect("a piped stream");
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        stream
            .read_to_end(&mut bytes)
            .expect("read the child's output");
        String::from_utf8_lossy(&bytes).into_owned()
    })
}
