//! Entry point: parses the command line and starts the wizard (full screen or plain), the demo
//! or `check`.

use std::ffi::OsString;
use std::io::IsTerminal;
use std::io::Write as _;
use std::process::ExitCode;
use std::time::Duration;

use hacomono_zoom_setup::check::Streams;
use hacomono_zoom_setup::cli::{CheckArgs, Cli, Command};
use hacomono_zoom_setup::cli_text;
use hacomono_zoom_setup::clipboard::timer::clear_after_for_this_build;
use hacomono_zoom_setup::config::WizardConfig;
use hacomono_zoom_setup::credentials::Credentials;
use hacomono_zoom_setup::glyphs::{GLYPHS_ENV, GlyphChoice, Glyphs};
use hacomono_zoom_setup::i18n::{Lang, tr};
use hacomono_zoom_setup::launch::{self, Facts};
use hacomono_zoom_setup::plain::{self, Mode, run_plain};
use hacomono_zoom_setup::signals::{self, Stop};
use hacomono_zoom_setup::store::Store;
use hacomono_zoom_setup::tui::runtime::run_wizard;
use hacomono_zoom_setup::tui::theme::Theme;
use hacomono_zoom_setup::zoom::client::{Endpoints, ZoomClient};
use hacomono_zoom_setup::zoom::verify::VerifyOptions;
use zoom_emulator::Emulator;

fn main() -> ExitCode {
    // Read before anything else: a process started later (a browser) may join the console.
    let facts = Facts::read();
    // The language comes first, so that --help and a mistyped command line speak it too.
    let args: Vec<OsString> = std::env::args_os().collect();
    let lang = Lang::detect(cli_text::lang_in_args(&args));
    let parsed = cli_text::parse_from(&args, lang);
    // In a console window of its own every exit waits for Enter, or the window would close
    // on the last words: an error at start, a failed check, the summary, a panic.
    let no_pause = launch::no_pause_flag(std::env::args_os());
    let pause = launch::pause_at_exit(&facts, no_pause, |name| std::env::var(name).ok());
    if pause {
        launch::wait_after_panic(lang);
    }
    let code = match parsed {
        Ok(cli) => run(&cli, lang, &facts),
        // A mistyped command line, or --help and --version: our words, clap's exit code.
        Err(error) => {
            let _ = error.print();
            error.exit_code()
        }
    };
    if pause {
        launch::wait_for_enter(lang);
    }
    ExitCode::from(code.clamp(0, 255) as u8)
}

/// Runs what the command line asks for; returns the exit code.
fn run(cli: &Cli, lang: Lang, facts: &Facts) -> i32 {
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("hacomono-zoom-setup: {error}");
            return 1;
        }
    };
    let code = runtime.block_on(async {
        match &cli.command {
            Some(Command::Check(args)) => check(cli, args, lang).await,
            Some(Command::Help { command }) => help(lang, command.as_deref()),
            None => setup(cli, lang, facts).await,
        }
    });
    // The demo emulator and any check still running end with the runtime; don't wait for them.
    runtime.shutdown_background();
    code
}

/// `check`: the values checked without questions, until done or interrupted.
async fn check(cli: &Cli, args: &CheckArgs, lang: Lang) -> i32 {
    // `--demo check` reads as `check --demo`; taken literally it would check the real Zoom
    // with whatever is in the environment.
    let args = &CheckArgs {
        demo: args.demo || cli.demo,
        ..args.clone()
    };
    let env = |name: &str| std::env::var(name).ok();
    let stop = Stop::new();
    // Ctrl+C, SIGTERM, a closed terminal: the check ends, a rehearsal deletes its meeting
    // first, and the exit code says it was interrupted.
    let watcher = signals::watch(stop.clone());
    let code = hacomono_zoom_setup::check::run(
        args,
        &cli.zoom,
        lang,
        env,
        Streams {
            stdin: std::io::stdin(),
            stdout: std::io::stdout(),
            stderr: std::io::stderr(),
        },
        &stop,
    )
    .await;
    if let Ok(watcher) = watcher {
        watcher.abort();
    }
    code
}

/// `help [COMMAND]`: the help on standard output, or why there is none.
fn help(lang: Lang, command: Option<&str>) -> i32 {
    match cli_text::help(lang, command) {
        Ok(help) => {
            // A closed pipe (`| head`) is no error of ours.
            let _ = writeln!(std::io::stdout(), "{}", help.trim_end());
            0
        }
        Err(error) => {
            let _ = error.print();
            error.exit_code()
        }
    }
}

/// No command: the wizard, in the front end `mode` chooses, after `--reset` if asked.
async fn setup(cli: &Cli, lang: Lang, facts: &Facts) -> i32 {
    let store = Store::default_location(cli.demo);
    // Asked for explicitly, so done whichever front end runs, or none.
    if cli.reset
        && let Some(store) = &store
    {
        forget_saved_progress(store);
    }
    match mode(cli, facts, lang) {
        // Said before anything starts, so a script learns it at once.
        Mode::NotATerminal => {
            eprintln!("{}", tr(lang, "app.not_a_terminal"));
            plain::EXIT_NOT_A_TERMINAL
        }
        mode => wizard(cli, lang, mode, store).await,
    }
}

/// `--reset`: the saved progress is removed; a failure is said and the wizard goes on.
fn forget_saved_progress(store: &Store) {
    if let Err(error) = store.reset() {
        eprintln!("hacomono-zoom-setup: {}: {error}", store.path().display());
    }
}

/// Which front end the wizard gets (see `plain::pick_mode`). A screen reader on Windows turns
/// the full screen into plain mode, said first with how to get the full screen anyway.
fn mode(cli: &Cli, facts: &Facts, lang: Lang) -> Mode {
    let mode = plain::pick_mode(
        cli.plain,
        std::io::stdin().is_terminal(),
        std::io::stdout().is_terminal(),
        |name| std::env::var(name).ok(),
    );
    if launch::screen_reader_chooses_plain(mode, facts, cli.full_screen) {
        println!("{}", launch::screen_reader_notice(lang));
        return Mode::Plain;
    }
    mode
}

async fn wizard(cli: &Cli, lang: Lang, mode: Mode, store: Option<Store>) -> i32 {
    // In --demo the emulator lives as long as the wizard; dropping it stops it.
    let (endpoints, demo, _emulator) = if cli.demo {
        match Emulator::start().await {
            Ok(emulator) => (
                Endpoints::single(&emulator.base_url()),
                Some(Credentials::demo()),
                Some(emulator),
            ),
            Err(error) => {
                eprintln!(
                    "hacomono-zoom-setup: the demo could not start its Zoom emulator: {error}"
                );
                return 1;
            }
        }
    } else {
        (cli.zoom.endpoints(), None, None)
    };
    let client = match ZoomClient::new(endpoints, Duration::from_secs(cli.zoom.timeout.max(1))) {
        Ok(client) => client,
        Err(error) => {
            eprintln!("hacomono-zoom-setup: {error}");
            return 1;
        }
    };
    let glyphs = GlyphChoice::resolve(cli.glyphs, std::env::var(GLYPHS_ENV).ok().as_deref());
    let config = WizardConfig {
        lang,
        lang_explicit: cli.lang.is_some(),
        store,
        client,
        verify: VerifyOptions {
            sub_accounts: cli.zoom.sub_accounts,
            ..VerifyOptions::default()
        },
        demo,
        theme: Theme::from_env(std::env::var("NO_COLOR").ok().as_deref())
            .with_glyphs(Glyphs::of(glyphs == GlyphChoice::Ascii)),
        glyphs,
        secret_clear_after: clear_after_for_this_build(|name| std::env::var(name).ok()),
    };
    let outcome = match mode {
        Mode::Plain => run_plain(config).await,
        Mode::Tui | Mode::NotATerminal => run_wizard(config).await,
    };
    match outcome {
        Ok(code) => code,
        Err(error) => {
            eprintln!("hacomono-zoom-setup: {error}");
            1
        }
    }
}
