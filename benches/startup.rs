//! How long the real binary takes for what a script or a user waits on, as whole processes:
//! the advice when standard input is not a terminal (it must come at once, never waiting for
//! input), and a whole `check --demo --json` (start, emulator, token, scopes, users, exit).
//! Run with `cargo bench --bench startup`. Timings live here, not in tests: on a busy CI
//! machine a wall-clock assertion only flakes.

use std::process::{Command, Stdio};

fn main() {
    divan::main();
}

const BIN: &str = env!("CARGO_BIN_EXE_hacomono-zoom-setup");

/// The binary with an environment of its own: no locale, display, `ZOOM_*` or home of the
/// caller's changes what is measured.
fn binary(home: &std::path::Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(BIN);
    cmd.args(args)
        .current_dir(home)
        .env_clear()
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("LANG", "C.UTF-8")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    cmd
}

/// Standard input a pipe that stays open: the binary says to use `--plain` and exits 2.
#[divan::bench(sample_count = 30, sample_size = 1)]
fn advice_when_stdin_is_not_a_terminal(bencher: divan::Bencher) {
    let home = tempfile::tempdir().unwrap();
    bencher.bench_local(|| {
        let mut child = binary(home.path(), &["--lang", "en"])
            .stdin(Stdio::piped())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take();
        let status = child.wait().unwrap();
        drop(stdin);
        assert_eq!(status.code(), Some(2));
    });
}

/// A whole healthy check against the built-in emulator, as a script runs it.
#[divan::bench(sample_count = 20, sample_size = 1)]
fn check_demo_json(bencher: divan::Bencher) {
    let home = tempfile::tempdir().unwrap();
    bencher.bench_local(|| {
        let status = binary(home.path(), &["check", "--demo", "--json"])
            .stdin(Stdio::null())
            .status()
            .unwrap();
        assert_eq!(status.code(), Some(0));
    });
}
