//! The full-screen wizard's event loop: sleeps until a key, a paste, a resize, a signal, a
//! result or (only while a check runs) a spinner tick, feeds it to the core, and redraws.

use std::collections::VecDeque;
use std::io::{self, IsTerminal, Write};
use std::time::Duration;

use crossterm::event::{Event, EventStream};
use futures_util::{FutureExt, StreamExt};
use tokio::sync::mpsc;

use crate::app::msg::Msg;
use crate::app::summary::{self, Ending};
use crate::app::{Model, update};
use crate::check_text;
use crate::clipboard::SystemClipboard;
use crate::credentials::Credentials;
use crate::effects::EffectRunner;
use crate::glyphs::{GlyphChoice, Glyphs};
use crate::i18n::{Lang, tr};
use crate::resume::offer_resume;
use crate::screens;
use crate::signals::{Interrupt, Signals};
use crate::store::Store;
use crate::terminal::TerminalGuard;
use crate::theme::Theme;
use crate::zoom::client::ZoomClient;
use crate::zoom::session::ZoomSession;
use crate::zoom::verify::VerifyOptions;

/// How the wizard was asked to run.
pub struct WizardConfig {
    pub lang: Lang,
    /// The language was asked for explicitly (`--lang`): a resumed run keeps it.
    pub lang_explicit: bool,
    /// Where progress is kept; `None` when the platform has no data directory.
    pub store: Option<Store>,
    pub client: ZoomClient,
    pub verify: VerifyOptions,
    /// In `--demo`: the values of the emulator's demo account.
    pub demo: Option<Credentials>,
    pub theme: Theme,
    /// `--glyphs` or its environment variable; with `Auto` the terminal is measured at start
    /// and `theme.glyphs` replaced by what it needs.
    pub glyphs: GlyphChoice,
    /// How long the Client secret stays on the clipboard before it is taken back
    /// (`clipboard::timer::CLEAR_AFTER`; the tests shorten it).
    pub secret_clear_after: Duration,
}

/// Set in tests of the real binary: panic after the first frame, to prove the terminal is
/// restored after a crash.
const PANIC_FOR_TEST: &str = "HACOMONO_ZOOM_SETUP_PANIC_FOR_TEST";

/// Whether this terminal draws ambiguous-width characters wide: measured (see
/// `terminal::probe_ambiguous_wide`), no answer counting as narrow.
fn ambiguous_wide(lang: Lang) -> bool {
    if cfg!(windows) {
        return crate::glyphs::windows_ambiguous_wide(
            std::env::var_os("WT_SESSION").is_some(),
            lang == Lang::Ja,
        );
    }
    let deadline = crate::terminal::probe_deadline(|name| std::env::var(name).ok());
    crate::terminal::probe_ambiguous_wide(deadline).unwrap_or(false)
}

/// Runs the interactive wizard; returns the process exit code.
pub async fn run_wizard(config: WizardConfig) -> io::Result<i32> {
    if !io::stdin().is_terminal() || !io::stdout().is_terminal() {
        eprintln!("{}", tr(config.lang, "app.not_a_terminal"));
        return Ok(2);
    }
    let mut model = Model::new(config.lang, config.demo.clone());
    let runner_clipboard = SystemClipboard::new();
    model.clipboard_volatile = runner_clipboard.loses_text_on_exit();
    if let Some(store) = &config.store {
        offer_resume(&mut model, store, config.lang_explicit);
    }
    let mut guard = TerminalGuard::enter()?;
    let theme = match config.glyphs {
        GlyphChoice::Auto => config
            .theme
            .with_glyphs(Glyphs::of(ambiguous_wide(config.lang))),
        _ => config.theme,
    };
    let mut runner = EffectRunner::new(
        ZoomSession::new(config.client.clone(), config.verify.clone()),
        config.store.clone(),
        runner_clipboard,
        config.secret_clear_after,
    )
    .demo(config.demo.is_some());
    let (tx, mut rx) = mpsc::unbounded_channel::<Msg>();
    let mut events = EventStream::new();
    let mut pending = VecDeque::new();
    let mut signals = Signals::new()?;
    // What ended the run, when it did not end on Done: Ctrl+C (a key here) unless a signal or
    // the terminal going away says otherwise.
    let mut interrupted_by = Interrupt::CtrlC;
    let mut spinner = tokio::time::interval(Duration::from_millis(100));
    spinner.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);

    guard
        .terminal
        .draw(|f| screens::render(&model, &theme, f))?;
    if std::env::var_os(PANIC_FOR_TEST).is_some() {
        panic!("panic requested by {PANIC_FOR_TEST}");
    }
    while !model.quit {
        // Sleep until something happens; the spinner branch exists only while a check runs,
        // the countdown's only while the Client secret is on the clipboard.
        let secret_wake = runner.secret_wake();
        let countdown =
            tokio::time::sleep_until(secret_wake.unwrap_or_else(tokio::time::Instant::now));
        let msg = tokio::select! {
            event = next_event(&mut events, &mut pending) => match event {
                Some(Ok(Event::Key(key))) => Msg::Key(key),
                Some(Ok(Event::Paste(text))) => Msg::Paste(text.into()),
                Some(Ok(Event::Resize(..))) => {
                    guard.terminal.autoresize()?;
                    guard.terminal.draw(|f| screens::render(&model, &theme, f))?;
                    continue;
                }
                Some(Ok(_)) => continue,
                // The terminal is gone (hang-up, closed pty): leave cleanly.
                Some(Err(_)) | None => {
                    interrupted_by = Interrupt::HangUp;
                    Msg::Terminate
                }
            },
            Some(msg) = rx.recv() => msg,
            why = signals.recv() => {
                interrupted_by = why;
                Msg::Terminate
            }
            _ = spinner.tick(), if model.check.busy() => Msg::Tick,
            _ = countdown, if secret_wake.is_some() => match runner.secret_tick() {
                Some(news) => Msg::SecretClipboard(news),
                None => continue,
            },
        };
        for effect in update(&mut model, msg) {
            runner.run(effect, &tx);
        }
        if !model.quit {
            guard
                .terminal
                .draw(|f| screens::render(&model, &theme, f))?;
        }
    }
    runner.stop();
    // Normal exit, Ctrl+C, SIGTERM, SIGHUP: the secret goes now (dropping the runner on an
    // error path does the same).
    runner.take_back_secret();
    // Leaving while Zoom work is under way interrupts it: the run says so and exits with the
    // interruption's code. Leaving otherwise (Done, or Ctrl+C to continue later) is normal.
    let interrupted = (!model.finished && model.check.busy()).then_some(interrupted_by);
    // A rehearsal under way is stopped; its meeting is still deleted (the session bounds how
    // long that may take) before the process ends.
    let rehearsal = runner.finish_rehearsal(interrupted_by).await;
    drop(guard);
    if let Some(rehearsal) = &rehearsal {
        // What became of its meeting, in full; the model takes it in for the summary below.
        for line in check_text::interrupted_rehearsal_lines(model.lang, rehearsal) {
            println!("{line}");
        }
        if let Some(run) = &model.check.rehearsal {
            let generation = run.generation;
            let rehearsal = Box::new(rehearsal.clone());
            update(
                &mut model,
                Msg::RehearsalDone {
                    generation,
                    rehearsal,
                },
            );
        }
    } else if interrupted.is_some() {
        println!("{}", tr(model.lang, "check.interrupted"));
    }
    // What stays in the terminal once the full screen is gone (a hung-up terminal takes none).
    let ending = Ending::of(&model, config.store.as_ref().map(Store::path));
    let mut out = io::stdout().lock();
    for line in summary::lines(&model, &ending) {
        let _ = writeln!(out, "{line}");
    }
    drop(out);
    runner.flush().await;
    Ok(interrupted.map_or(0, Interrupt::exit_code))
}

/// Most keys at once taken as one burst (a paste of the largest size the core accepts, with its
/// key releases, fits); the rest comes with the next read.
const MAX_BURST: usize = 4 * crate::credentials::MAX_PASTE_BYTES;

/// The next terminal event. On Windows a paste comes as key presses (see
/// [`crate::terminal::typed_paste`]): the keys already waiting are read at once and, when they
/// are a paste, handed over as one; otherwise they come one by one, in order, from `pending`.
async fn next_event(
    events: &mut EventStream,
    pending: &mut VecDeque<io::Result<Event>>,
) -> Option<io::Result<Event>> {
    if let Some(event) = pending.pop_front() {
        return Some(event);
    }
    let first = events.next().await?;
    if !cfg!(windows) || !matches!(first, Ok(Event::Key(_))) {
        return Some(first);
    }
    let mut burst = vec![];
    if let Ok(event) = first {
        burst.push(event);
    }
    let mut error = None;
    // Only what is ready now: `now_or_never` never waits.
    while burst.len() < MAX_BURST {
        match events.next().now_or_never() {
            Some(Some(Ok(event))) => burst.push(event),
            Some(Some(Err(e))) => {
                error = Some(e);
                break;
            }
            Some(None) | None => break,
        }
    }
    if let Some(text) = crate::terminal::typed_paste(&burst) {
        pending.extend(error.map(Err));
        return Some(Ok(Event::Paste(text)));
    }
    pending.extend(burst.into_iter().map(Ok));
    pending.extend(error.map(Err));
    pending.pop_front()
}
