//! The command line of the real binary: help, version, and refusing what it cannot do.

mod support;

use support::process::{Input, command, run as run_binary};

/// Runs the binary with `args`, in a home and environment of its own, within the deadline.
fn run(args: &[&str]) -> (i32, String, String) {
    let home = tempfile::tempdir().unwrap();
    let ran = run_binary(&mut command(home.path(), args), Input::Null);
    (ran.code, ran.stdout, ran.stderr)
}

/// `check --demo` with only the given locale variables (LANG unset unless given): the language
/// of its verdict line.
fn verdict_language(locale: &[(&str, &str)]) -> &'static str {
    let home = tempfile::tempdir().unwrap();
    let mut cmd = command(home.path(), &["check", "--demo"]);
    cmd.env_remove("LANG").envs(locale.iter().copied());
    let ran = run_binary(&mut cmd, Input::Null);
    assert_eq!(ran.code, 0, "{}", ran.both());
    let en = ran
        .stdout
        .contains("Ready: these values can be entered in hacomono.");
    let ja = ran
        .stdout
        .contains("準備ができました。この値を hacomono に登録できます。");
    match (en, ja) {
        (true, false) => "en",
        (false, true) => "ja",
        _ => panic!("not one language: {}", ran.stdout),
    }
}

#[test]
fn lc_all_then_lc_messages_then_lang_choose_the_language() {
    let ja = "ja_JP.UTF-8";
    let en = "en_US.UTF-8";
    // Each first alone, then each winning over the ones after it, both ways round.
    assert_eq!(verdict_language(&[("LANG", ja)]), "ja");
    assert_eq!(verdict_language(&[("LANG", en)]), "en");
    assert_eq!(verdict_language(&[]), "en", "no locale at all is English");
    assert_eq!(verdict_language(&[("LANG", en), ("LC_MESSAGES", ja)]), "ja");
    assert_eq!(verdict_language(&[("LANG", ja), ("LC_MESSAGES", en)]), "en");
    assert_eq!(
        verdict_language(&[("LANG", en), ("LC_MESSAGES", en), ("LC_ALL", ja)]),
        "ja"
    );
    assert_eq!(
        verdict_language(&[("LANG", ja), ("LC_MESSAGES", ja), ("LC_ALL", "C")]),
        "en"
    );
    // An empty variable is skipped, as POSIX says.
    assert_eq!(
        verdict_language(&[("LANG", en), ("LC_ALL", ""), ("LC_MESSAGES", ja)]),
        "ja"
    );
}

#[test]
fn lang_flag_wins_over_the_locale() {
    let home = tempfile::tempdir().unwrap();
    let mut cmd = command(home.path(), &["check", "--demo", "--lang", "en"]);
    cmd.env("LC_ALL", "ja_JP.UTF-8");
    let ran = run_binary(&mut cmd, Input::Null);
    assert!(
        ran.stdout
            .contains("Ready: these values can be entered in hacomono."),
        "{}",
        ran.both()
    );
}

#[test]
fn help_lists_the_modes_and_flags() {
    let (code, out, _) = run(&["--help"]);
    assert_eq!(code, 0);
    for needle in [
        "--demo",
        "check",
        "--lang",
        "--oauth-base",
        "--api-base",
        "--timeout",
        "--reset",
    ] {
        assert!(out.contains(needle), "--help lacks {needle}:\n{out}");
    }
}

#[test]
fn version_prints_the_crate_version() {
    let (code, out, _) = run(&["--version"]);
    assert_eq!(code, 0);
    assert_eq!(
        out.trim(),
        format!("hacomono-zoom-setup {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn an_unknown_flag_is_a_usage_error() {
    let (code, _, err) = run(&["--client-secret", "x"]);
    assert_eq!(code, 2);
    assert!(err.contains("--client-secret"));
}

/// `--timeout` takes 1 to 600 seconds: 0 would give up at once, and a huge value overflowed the
/// deadline into a panic that read as Zoom's answer.
#[test]
fn a_timeout_out_of_range_is_a_usage_error() {
    for value in ["0", "601", "18446744073709551615"] {
        let (code, out, err) = run(&["check", "--demo", "--lang", "en", "--timeout", value]);
        assert_eq!(code, 2, "--timeout {value}: {out}{err}");
        assert!(err.contains("1..=600"), "{err}");
        assert!(!err.contains("panicked"), "{err}");
    }
    let (code, _, err) = run(&["check", "--demo", "--lang", "en", "--timeout", "600"]);
    assert_eq!(code, 0, "{err}");
}
