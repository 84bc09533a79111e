//! The full-screen wizard's event loop: sleeps until a key, a paste, a resize, a signal, a
//! result or (only while a check runs) a spinner tick, feeds it to the core, and redraws.

use std::collections::VecDeque;
use std::io::{self, IsTerminal, Write};
use std::time::Duration;

use crossterm::event::{Event, EventStream};
use futures_util::{FutureExt, StreamExt};
use tokio::sync::mpsc;

use crate::app::check_text;
use crate::app::msg::Msg;
use crate::app::summary::{self, Ending};
use crate::app::{Model, update};
use crate::clipboard::SystemClipboard;
use crate::config::WizardConfig;
use crate::glyphs::{GlyphChoice, Glyphs};
use crate::i18n::{Lang, tr};
use crate::resume::offer_resume;
use crate::signals::{Interrupt, Signals};
use crate::store::Store;
use crate::tui::effects::EffectRunner;
use crate::tui::screens;
use crate::tui::terminal::TerminalGuard;
use crate::tui::theme::Theme;
use crate::zoom::session::ZoomSession;

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
    let deadline = crate::tui::terminal::probe_deadline(|name| std::env::var(name).ok());
    crate::tui::terminal::probe_ambiguous_wide(deadline).unwrap_or(false)
}

/// Runs the interactive wizard; returns the process exit code.
pub async fn run_wizard(config: WizardConfig) -> io::Result<i32> {
    if !io::stdin().is_terminal() || !io::stdout().is_terminal() {
        eprintln!("{}", tr(config.lang, "app.not_a_terminal"));
        return Ok(2);
    }
    // Listening to signals before the first frame: from then on, a SIGTERM or a closed
    // terminal ends the wizard cleanly instead of killing it with the terminal still raw.
    let signals = Signals::new()?;
    let mut wizard = Wizard::start(&config)?;
    if std::env::var_os(PANIC_FOR_TEST).is_some() {
        panic!("panic requested by {PANIC_FOR_TEST}");
    }
    // The terminal's events are read only once the glyph probe has had its answer.
    let mut inputs = Inputs::new(signals);
    while !wizard.model.quit {
        let Some(msg) = wizard.next_msg(&mut inputs).await? else {
            continue;
        };
        for effect in update(&mut wizard.model, msg) {
            wizard.runner.run(effect, &wizard.tx);
        }
        if !wizard.model.quit {
            wizard.draw()?;
        }
    }
    Ok(wizard.finish(inputs.interrupted_by, &config).await)
}

/// The full screen while it runs: the core's model, the terminal it is drawn on, and what
/// carries out its effects (their results come back on `rx`).
struct Wizard {
    model: Model,
    guard: TerminalGuard,
    theme: Theme,
    runner: EffectRunner,
    tx: mpsc::UnboundedSender<Msg>,
    rx: mpsc::UnboundedReceiver<Msg>,
}

/// What the loop waits on besides the results of effects.
struct Inputs {
    events: EventStream,
    /// Keys read in a burst and not handed over yet (see `next_event`).
    pending: VecDeque<io::Result<Event>>,
    signals: Signals,
    spinner: tokio::time::Interval,
    /// What ended the run, when it did not end on Done: Ctrl+C (a key here) unless a signal
    /// or the terminal going away says otherwise.
    interrupted_by: Interrupt,
}

impl Inputs {
    fn new(signals: Signals) -> Inputs {
        let mut spinner = tokio::time::interval(Duration::from_millis(100));
        spinner.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        Inputs {
            events: EventStream::new(),
            pending: VecDeque::new(),
            signals,
            spinner,
            interrupted_by: Interrupt::CtrlC,
        }
    }
}

impl Wizard {
    /// The model (with the offer to resume), the terminal taken over, the first frame drawn.
    fn start(config: &WizardConfig) -> io::Result<Wizard> {
        let mut model = Model::new(config.lang, config.demo.clone());
        let clipboard = SystemClipboard::new();
        model.clipboard_volatile = clipboard.loses_text_on_exit();
        if let Some(store) = &config.store {
            offer_resume(&mut model, store, config.lang_explicit);
        }
        let guard = TerminalGuard::enter()?;
        let theme = match config.glyphs {
            GlyphChoice::Auto => config
                .theme
                .with_glyphs(Glyphs::of(ambiguous_wide(config.lang))),
            _ => config.theme,
        };
        let runner = EffectRunner::new(
            ZoomSession::new(config.client.clone(), config.verify.clone()),
            config.store.clone(),
            clipboard,
            config.secret_clear_after,
        )
        .demo(config.demo.is_some());
        let (tx, rx) = mpsc::unbounded_channel::<Msg>();
        let mut wizard = Wizard {
            model,
            guard,
            theme,
            runner,
            tx,
            rx,
        };
        wizard.draw()?;
        Ok(wizard)
    }

    fn draw(&mut self) -> io::Result<()> {
        let (model, theme) = (&self.model, &self.theme);
        self.guard
            .terminal
            .draw(|f| screens::render(model, theme, f))?;
        Ok(())
    }

    /// Sleeps until something happens: a key, a paste, a result, a signal, and only while
    /// they are needed the spinner's tick (a check runs) and the countdown (the Client secret
    /// is on the clipboard). `None` when it needed no message (a resize, redrawn here).
    async fn next_msg(&mut self, inputs: &mut Inputs) -> io::Result<Option<Msg>> {
        let secret_wake = self.runner.secret_wake();
        let countdown =
            tokio::time::sleep_until(secret_wake.unwrap_or_else(tokio::time::Instant::now));
        Ok(tokio::select! {
            event = next_event(&mut inputs.events, &mut inputs.pending) => match event {
                Some(Ok(Event::Key(key))) => Some(Msg::Key(key)),
                Some(Ok(Event::Paste(text))) => Some(Msg::Paste(text.into())),
                Some(Ok(Event::Resize(..))) => {
                    self.guard.terminal.autoresize()?;
                    self.draw()?;
                    None
                }
                Some(Ok(_)) => None,
                // The terminal is gone (hang-up, closed pty): leave cleanly.
                Some(Err(_)) | None => {
                    inputs.interrupted_by = Interrupt::HangUp;
                    Some(Msg::Terminate)
                }
            },
            Some(msg) = self.rx.recv() => Some(msg),
            why = inputs.signals.recv() => {
                inputs.interrupted_by = why;
                Some(Msg::Terminate)
            }
            _ = inputs.spinner.tick(), if self.model.check.busy() => Some(Msg::Tick),
            _ = countdown, if secret_wake.is_some() => {
                self.runner.secret_tick().map(Msg::SecretClipboard)
            }
        })
    }

    /// Leaves: the secret taken back, Zoom work under way stopped (a rehearsal still deletes
    /// its meeting, within the time the session gives it), the terminal given back, then what
    /// stays in it. Returns the exit code: the interruption's when Zoom work was cut short,
    /// else 0 (Done, or Ctrl+C to continue later).
    async fn finish(mut self, interrupted_by: Interrupt, config: &WizardConfig) -> i32 {
        self.runner.stop();
        // Normal exit, Ctrl+C, SIGTERM, SIGHUP: the secret goes now (dropping the runner on
        // an error path does the same).
        self.runner.take_back_secret();
        let interrupted =
            (!self.model.finished && self.model.check.busy()).then_some(interrupted_by);
        let rehearsal = self.runner.finish_rehearsal(interrupted_by).await;
        drop(self.guard);
        let model = &mut self.model;
        if let Some(rehearsal) = rehearsal {
            // What became of its meeting, in full; the model takes it in for the summary.
            for line in check_text::interrupted_rehearsal_lines(model.lang, &rehearsal) {
                println!("{line}");
            }
            if let Some(generation) = model.check.rehearsal.as_ref().map(|r| r.generation) {
                let rehearsal = Box::new(rehearsal);
                update(
                    model,
                    Msg::RehearsalDone {
                        generation,
                        rehearsal,
                    },
                );
            }
        } else if interrupted.is_some() {
            println!("{}", tr(model.lang, "check.interrupted"));
        }
        // What stays in the terminal once the full screen is gone (a hung-up terminal takes
        // none).
        let ending = Ending::of(model, config.store.as_ref().map(Store::path));
        let mut out = io::stdout().lock();
        for line in summary::lines(model, &ending) {
            let _ = writeln!(out, "{line}");
        }
        drop(out);
        self.runner.flush().await;
        interrupted.map_or(0, Interrupt::exit_code)
    }
}

/// Most keys at once taken as one burst (a paste of the largest size the core accepts, with its
/// key releases, fits); the rest comes with the next read.
const MAX_BURST: usize = 4 * crate::credentials::MAX_PASTE_BYTES;

/// The next terminal event. On Windows a paste comes as key presses (see
/// [`crate::tui::terminal::typed_paste`]): the keys already waiting are read at once and, when they
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
    if let Some(text) = crate::tui::terminal::typed_paste(&burst) {
        pending.extend(error.map(Err));
        return Some(Ok(Event::Paste(text)));
    }
    pending.extend(burst.into_iter().map(Ok));
    pending.extend(error.map(Err));
    pending.pop_front()
}
