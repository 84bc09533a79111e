//! How the program was started (`launch`), decided by pure functions tested on every platform:
//! a console window of its own (a double-click) waits for Enter at exit, one shared with cmd,
//! PowerShell or a script does not, `--no-pause` and its variable turn the wait off, and a
//! screen reader chooses plain mode. The Windows executable itself is run under wine, on a
//! pseudo-terminal, by `.ci/windows` (`.ci/wine/start.sh`).

use clap::Parser;
use hacomono_zoom_setup::cli::Cli;
use hacomono_zoom_setup::i18n::Lang;
use hacomono_zoom_setup::launch::{
    Facts, NO_PAUSE_ENV, no_pause_flag, owns_window, pause_at_exit, screen_reader_chooses_plain,
    screen_reader_notice,
};
use hacomono_zoom_setup::plain::Mode;

/// After a double-click: a console of our own, the standard streams on it.
const DOUBLE_CLICK: Facts = Facts {
    console_processes: 1,
    stdin_is_console: true,
    stdout_is_console: true,
    screen_reader: false,
};

fn no_env(_: &str) -> Option<String> {
    None
}

fn env_with(value: &'static str) -> impl Fn(&str) -> Option<String> {
    move |name| (name == NO_PAUSE_ENV).then(|| value.to_owned())
}

#[test]
fn the_window_is_ours_only_when_we_are_alone_on_a_console_that_has_our_streams() {
    assert!(owns_window(&DOUBLE_CLICK));
    for (why, facts) in [
        (
            "cmd, PowerShell or a script shares its console (wine's `cmd /c` counts 3)",
            Facts {
                console_processes: 3,
                ..DOUBLE_CLICK
            },
        ),
        (
            "two: a shell and us",
            Facts {
                console_processes: 2,
                ..DOUBLE_CLICK
            },
        ),
        (
            "no console at all (GetConsoleProcessList fails: 0)",
            Facts {
                console_processes: 0,
                ..DOUBLE_CLICK
            },
        ),
        (
            "standard input from a file or pipe",
            Facts {
                stdin_is_console: false,
                ..DOUBLE_CLICK
            },
        ),
        (
            "standard output to a file or pipe",
            Facts {
                stdout_is_console: false,
                ..DOUBLE_CLICK
            },
        ),
    ] {
        assert!(!owns_window(&facts), "{why}");
        assert!(!pause_at_exit(&facts, false, no_env), "{why}");
    }
}

#[test]
fn a_window_of_our_own_waits_unless_the_flag_or_the_variable_says_no() {
    assert!(pause_at_exit(&DOUBLE_CLICK, false, no_env));
    assert!(!pause_at_exit(&DOUBLE_CLICK, true, no_env), "--no-pause");
    for off in ["1", "yes", "true"] {
        assert!(!pause_at_exit(&DOUBLE_CLICK, false, env_with(off)), "{off}");
    }
    // Set empty or to 0, the variable asks for nothing.
    for on in ["", "0"] {
        assert!(pause_at_exit(&DOUBLE_CLICK, false, env_with(on)), "{on:?}");
    }
}

#[test]
fn no_pause_is_found_among_the_arguments_even_when_the_rest_is_wrong() {
    let args = |list: &[&str]| list.iter().map(Into::into).collect::<Vec<_>>();
    assert!(no_pause_flag(args(&["app.exe", "--no-pause"])));
    assert!(no_pause_flag(args(&[
        "app.exe",
        "check",
        "--bogus",
        "--no-pause"
    ])));
    assert!(!no_pause_flag(args(&["app.exe"])));
    assert!(!no_pause_flag(args(&["app.exe", "--plain"])));
    // The program's own name is no flag, nor is anything after a lone `--`.
    assert!(!no_pause_flag(args(&["--no-pause"])));
    assert!(!no_pause_flag(args(&["app.exe", "--", "--no-pause"])));
    // And clap takes it everywhere, the subcommand included.
    assert!(Cli::try_parse_from(["app", "--no-pause"]).unwrap().no_pause);
    assert!(
        Cli::try_parse_from(["app", "check", "--demo", "--no-pause"])
            .unwrap()
            .no_pause
    );
}

#[test]
fn a_screen_reader_turns_only_the_full_screen_into_plain_mode() {
    let reader = Facts {
        screen_reader: true,
        ..DOUBLE_CLICK
    };
    assert!(screen_reader_chooses_plain(Mode::Tui, &reader, false));
    assert!(
        !screen_reader_chooses_plain(Mode::Tui, &reader, true),
        "--full-screen keeps the full screen"
    );
    assert!(
        !screen_reader_chooses_plain(Mode::Plain, &reader, false),
        "already plain (--plain, ACCESSIBLE, TERM=dumb): nothing to say"
    );
    assert!(
        !screen_reader_chooses_plain(Mode::NotATerminal, &reader, false),
        "no terminal stays no terminal"
    );
    assert!(!screen_reader_chooses_plain(
        Mode::Tui,
        &DOUBLE_CLICK,
        false
    ));
}

#[test]
fn the_screen_reader_notice_says_how_to_get_the_full_screen() {
    for lang in [Lang::Ja, Lang::En] {
        assert!(screen_reader_notice(lang).contains("--full-screen"));
        assert!(!screen_reader_notice(lang).contains('\n'), "one line");
    }
    assert!(screen_reader_notice(Lang::Ja).contains("スクリーンリーダー"));
    // --full-screen and --plain ask for opposite things.
    assert!(Cli::try_parse_from(["app", "--full-screen", "--plain"]).is_err());
    assert!(
        Cli::try_parse_from(["app", "--full-screen"])
            .unwrap()
            .full_screen
    );
}

/// Linux and macOS: no console facts, so nothing ever waits and no screen reader is guessed.
#[cfg(not(windows))]
#[test]
fn elsewhere_than_windows_there_are_no_facts_and_nothing_waits() {
    let facts = Facts::read();
    assert_eq!(facts, Facts::default());
    assert!(!pause_at_exit(&facts, false, no_env));
    assert!(!screen_reader_chooses_plain(Mode::Tui, &facts, false));
}
