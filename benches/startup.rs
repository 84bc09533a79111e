//! How long the real binary takes for what a script or a user waits on, as whole processes:
//! the advice when standard input is not a terminal (it must come at once, never waiting for
//! input), and a whole `check --demo --json` (start, emulator, token, scopes, users, exit).
//! Run with `cargo bench --bench startup`. Timings live here, not in tests: on a busy CI
//! machine a wall-clock assertion only flakes. Also, in-process: reading the command line in
//! each language, which builds the localized command (every help text) on every start.

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

/// What a start reads: the language from the raw arguments, then the command line with every
/// help text in that language (built each time, as `main` does).
#[divan::bench(args = ["ja", "en"])]
fn read_the_command_line(lang: &str) -> bool {
    use hacomono_zoom_setup::cli_text;
    use hacomono_zoom_setup::i18n::Lang;
    let args: Vec<std::ffi::OsString> = ["hacomono-zoom-setup", "check", "--demo", "--lang", lang]
        .into_iter()
        .map(Into::into)
        .collect();
    let lang = Lang::detect(cli_text::lang_in_args(&args));
    cli_text::parse_from(divan::black_box(&args), lang).is_ok()
}

/// The same command line read by clap's derive alone, English and unlocalized: the baseline.
#[divan::bench]
fn read_the_command_line_with_clap_s_own_words() -> bool {
    use clap::Parser;
    let args = ["hacomono-zoom-setup", "check", "--demo", "--lang", "ja"];
    hacomono_zoom_setup::cli::Cli::try_parse_from(divan::black_box(args)).is_ok()
}

/// `--help` in each language: the localized command built and its help rendered.
#[divan::bench(args = ["ja", "en"])]
fn render_the_help(lang: &str) -> usize {
    use hacomono_zoom_setup::i18n::Lang;
    let lang = if lang == "ja" { Lang::Ja } else { Lang::En };
    hacomono_zoom_setup::cli_text::help(divan::black_box(lang), None)
        .map(|help| help.len())
        .unwrap_or(0)
}
