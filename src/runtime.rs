//! The thin shell around the core: reads terminal events, runs effects, feeds results back,
//! and redraws only when something changed.

use std::io::{self, IsTerminal, Write};
use std::time::Duration;

use crossterm::event::{Event, EventStream};
use futures_util::StreamExt;
use tokio::signal::unix::{SignalKind, signal};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use crate::app::effect::Effect;
use crate::app::msg::{ClipboardReadError, CopyResult, Msg};
use crate::app::{Model, update};
use crate::clipboard::{CopyOutcome, ReadError, SystemClipboard};
use crate::credentials::{Credentials, Secret};
use crate::i18n::{Lang, tr};
use crate::screens;
use crate::terminal::TerminalGuard;
use crate::theme::Theme;
use crate::zoom::client::ZoomClient;
use crate::zoom::verify::{VerifyOptions, verify};

/// How the wizard was asked to run.
pub struct WizardConfig {
    pub lang: Lang,
    pub client: ZoomClient,
    pub verify: VerifyOptions,
    /// In `--demo`: the values of the emulator's demo account.
    pub demo: Option<Credentials>,
    pub theme: Theme,
}

/// Set in tests of the real binary: panic after the first frame, to prove the terminal is
/// restored after a crash.
const PANIC_FOR_TEST: &str = "HACOMONO_ZOOM_SETUP_PANIC_FOR_TEST";

/// Runs the interactive wizard; returns the process exit code.
pub async fn run_wizard(config: WizardConfig) -> io::Result<i32> {
    if !io::stdin().is_terminal() || !io::stdout().is_terminal() {
        eprintln!("{}", tr(config.lang, "app.not_a_terminal"));
        return Ok(2);
    }
    let mut guard = TerminalGuard::enter()?;
    let mut model = Model::new(config.lang, config.demo.clone());
    let mut runner = EffectRunner::new(config.client.clone(), config.verify.clone());
    let (tx, mut rx) = mpsc::unbounded_channel::<Msg>();
    let mut events = EventStream::new();
    let mut sigterm = signal(SignalKind::terminate())?;
    let mut sighup = signal(SignalKind::hangup())?;
    let mut spinner = tokio::time::interval(Duration::from_millis(100));
    spinner.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);

    let theme = config.theme;
    guard.terminal.draw(|f| screens::render(&model, &theme, f))?;
    if std::env::var_os(PANIC_FOR_TEST).is_some() {
        panic!("panic requested by {PANIC_FOR_TEST}");
    }
    while !model.quit {
        // Sleep until something happens; the spinner branch exists only while a check runs.
        let msg = tokio::select! {
            event = events.next() => match event {
                Some(Ok(Event::Key(key))) => Msg::Key(key),
                Some(Ok(Event::Paste(text))) => Msg::Paste(text),
                Some(Ok(Event::Resize(..))) => {
                    guard.terminal.autoresize()?;
                    guard.terminal.draw(|f| screens::render(&model, &theme, f))?;
                    continue;
                }
                Some(Ok(_)) => continue,
                // The terminal is gone (hang-up, closed pty): leave cleanly.
                Some(Err(_)) | None => Msg::Terminate,
            },
            Some(msg) = rx.recv() => msg,
            _ = sigterm.recv() => Msg::Terminate,
            _ = sighup.recv() => Msg::Terminate,
            _ = spinner.tick(), if model.check.running => Msg::Tick,
        };
        for effect in update(&mut model, msg) {
            runner.run(effect, &tx);
        }
        if !model.quit {
            guard.terminal.draw(|f| screens::render(&model, &theme, f))?;
        }
    }
    runner.stop();
    drop(guard);
    if runner.clipboard_used && SystemClipboard::loses_text_on_exit() {
        println!("{}", tr(model.lang, "app.clipboard_exit"));
    }
    Ok(0)
}

/// Carries out effects; keeps the running check so a newer one can cancel it.
struct EffectRunner {
    client: ZoomClient,
    options: VerifyOptions,
    check: Option<JoinHandle<()>>,
    clipboard: SystemClipboard,
    clipboard_used: bool,
}

impl EffectRunner {
    fn new(client: ZoomClient, options: VerifyOptions) -> Self {
        EffectRunner {
            client,
            options,
            check: None,
            clipboard: SystemClipboard::from_env(),
            clipboard_used: false,
        }
    }

    fn run(&mut self, effect: Effect, tx: &mpsc::UnboundedSender<Msg>) {
        match effect {
            Effect::Verify { generation, credentials } => self.verify(generation, credentials, tx),
            Effect::ReadClipboard => {
                let msg = match self.clipboard.read() {
                    Ok(text) => Ok(text),
                    Err(ReadError::Empty) => Err(ClipboardReadError::Empty),
                    Err(_) => Err(ClipboardReadError::NoClipboard),
                };
                let _ = tx.send(Msg::ClipboardRead(msg));
            }
            Effect::Copy { field, text } => {
                let outcome = self.copy(&text);
                let _ = tx.send(Msg::Copied(field, outcome));
            }
            Effect::OpenUrl(url) => open_url(url, tx.clone()),
            Effect::Quit => {}
        }
    }

    fn verify(&mut self, generation: u64, credentials: Credentials, tx: &mpsc::UnboundedSender<Msg>) {
        self.stop();
        let client = self.client.clone();
        let options = self.options.clone();
        let tx = tx.clone();
        self.check = Some(tokio::spawn(async move {
            let progress_tx = tx.clone();
            let mut on_progress = move |stage, status| {
                let _ = progress_tx.send(Msg::VerifyProgress { generation, stage, status });
            };
            let report = verify(&client, &credentials, &options, &mut on_progress).await;
            let _ = tx.send(Msg::VerifyDone { generation, report });
        }));
    }

    fn copy(&mut self, text: &Secret) -> CopyResult {
        self.clipboard_used = true;
        let mut out = io::stdout();
        let outcome = self.clipboard.copy(text.expose(), &mut out);
        let _ = out.flush();
        match outcome {
            CopyOutcome::Copied => CopyResult::Copied,
            CopyOutcome::SentOsc52 => CopyResult::SentToTerminal,
            CopyOutcome::Unavailable => CopyResult::Unavailable,
        }
    }

    fn stop(&mut self) {
        if let Some(task) = self.check.take() {
            task.abort();
        }
    }
}

/// Opens a page where a browser can be opened: not over SSH, not without a display.
fn open_url(url: String, tx: mpsc::UnboundedSender<Msg>) {
    let env = |name| std::env::var_os(name).is_some_and(|v| !v.is_empty());
    let ssh = env("SSH_CONNECTION") || env("SSH_TTY");
    let display = !cfg!(target_os = "linux") || env("DISPLAY") || env("WAYLAND_DISPLAY");
    if ssh || !display {
        let _ = tx.send(Msg::UrlOpened { url, opened: false });
        return;
    }
    tokio::task::spawn_blocking(move || {
        let opened = webbrowser::open(&url).is_ok();
        let _ = tx.send(Msg::UrlOpened { url, opened });
    });
}
