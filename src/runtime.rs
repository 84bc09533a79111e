//! The thin shell around the core: reads terminal events, runs effects, feeds results back,
//! and redraws only when something changed.

use std::collections::VecDeque;
use std::io::{self, IsTerminal, Write};
use std::time::Duration;

use crossterm::event::{Event, EventStream};
use futures_util::{FutureExt, StreamExt};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use crate::app::effect::{Effect, ReportTarget};
use crate::app::model::{Level, Notice, Overlay};
use crate::app::msg::{Msg, Pasted, ReportOutcome};
use crate::app::{Model, update};
use crate::clipboard::{ClipboardEnv, CopyOutcome, SystemClipboard};
use crate::credentials::{Credentials, Secret};
use crate::i18n::{Lang, tr};
use crate::screens;
use crate::store::{LoadOutcome, SetAsideReason, Store};
use crate::support_report::{self, ReportMeta};
use crate::terminal::TerminalGuard;
use crate::theme::Theme;
use crate::zoom::client::ZoomClient;
use crate::zoom::verify::{VerifyOptions, verify};

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
    let mut model = Model::new(config.lang, config.demo.clone());
    let runner_clipboard = SystemClipboard::new();
    model.clipboard_volatile = runner_clipboard.loses_text_on_exit();
    if let Some(store) = &config.store {
        offer_resume(&mut model, store, config.lang_explicit);
    }
    let mut guard = TerminalGuard::enter()?;
    let mut runner = EffectRunner::new(
        config.client.clone(),
        config.verify.clone(),
        config.store.clone(),
        runner_clipboard,
    );
    let (tx, mut rx) = mpsc::unbounded_channel::<Msg>();
    let mut events = EventStream::new();
    let mut pending = VecDeque::new();
    let mut signals = Signals::new()?;
    let mut spinner = tokio::time::interval(Duration::from_millis(100));
    spinner.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);

    let theme = config.theme;
    guard
        .terminal
        .draw(|f| screens::render(&model, &theme, f))?;
    if std::env::var_os(PANIC_FOR_TEST).is_some() {
        panic!("panic requested by {PANIC_FOR_TEST}");
    }
    while !model.quit {
        // Sleep until something happens; the spinner branch exists only while a check runs.
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
                Some(Err(_)) | None => Msg::Terminate,
            },
            Some(msg) = rx.recv() => msg,
            _ = signals.recv() => Msg::Terminate,
            _ = spinner.tick(), if model.check.running => Msg::Tick,
        };
        for effect in update(&mut model, msg) {
            runner.run(effect, &tx);
        }
        if !model.check.running {
            // The values changed under a running check: its answer would be dropped anyway.
            runner.stop();
        }
        if !model.quit {
            guard
                .terminal
                .draw(|f| screens::render(&model, &theme, f))?;
        }
    }
    runner.stop();
    drop(guard);
    runner.flush().await;
    Ok(0)
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

/// The signals that end the wizard cleanly, restoring the terminal and saving progress first.
/// Unix: SIGTERM and SIGHUP (a closed SSH session). Windows: Ctrl+Break (Ctrl+C is a key in
/// raw mode, and a signal only before and after it) and the console window being closed,
/// which leaves about five seconds before Windows ends the process.
struct Signals {
    #[cfg(unix)]
    term: tokio::signal::unix::Signal,
    #[cfg(unix)]
    hup: tokio::signal::unix::Signal,
    #[cfg(windows)]
    ctrl_c: tokio::signal::windows::CtrlC,
    #[cfg(windows)]
    ctrl_break: tokio::signal::windows::CtrlBreak,
    #[cfg(windows)]
    close: tokio::signal::windows::CtrlClose,
}

impl Signals {
    fn new() -> io::Result<Signals> {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            Ok(Signals {
                term: signal(SignalKind::terminate())?,
                hup: signal(SignalKind::hangup())?,
            })
        }
        #[cfg(windows)]
        {
            use tokio::signal::windows::{ctrl_break, ctrl_c, ctrl_close};
            Ok(Signals {
                ctrl_c: ctrl_c()?,
                ctrl_break: ctrl_break()?,
                close: ctrl_close()?,
            })
        }
        #[cfg(not(any(unix, windows)))]
        Ok(Signals {})
    }

    async fn recv(&mut self) {
        #[cfg(unix)]
        tokio::select! {
            _ = self.term.recv() => {}
            _ = self.hup.recv() => {}
        }
        #[cfg(windows)]
        tokio::select! {
            _ = self.ctrl_c.recv() => {}
            _ = self.ctrl_break.recv() => {}
            _ = self.close.recv() => {}
        }
        #[cfg(not(any(unix, windows)))]
        std::future::pending::<()>().await
    }
}

/// Loads saved progress: offers to continue it, or says why an unusable file was set aside.
pub(crate) fn offer_resume(model: &mut Model, store: &Store, lang_explicit: bool) {
    model.persist = true;
    match store.load() {
        LoadOutcome::Resumable(mut progress) => {
            if lang_explicit {
                progress.lang = model.lang;
            }
            model.overlay = Some(Overlay::Resume(progress));
        }
        outcome => {
            if let Some(notice) = load_notice(&outcome) {
                model.notice = Some(notice);
            }
        }
    }
}

/// What the status bar says about a load: nothing for a fresh start or progress to resume,
/// a warning naming the file for one set aside or left unusable.
pub fn load_notice(outcome: &LoadOutcome) -> Option<Notice> {
    match outcome {
        LoadOutcome::Fresh | LoadOutcome::Resumable(_) => None,
        LoadOutcome::SetAside { moved_to, reason } => {
            let path = moved_to.display().to_string();
            Some(match reason {
                SetAsideReason::Corrupt(error) => {
                    Notice::new(Level::Warning, "support.store.corrupt")
                        .arg("path", path)
                        .arg("error", error.clone())
                }
                SetAsideReason::NewerVersion { found } => {
                    Notice::new(Level::Warning, "support.store.newer")
                        .arg("path", path)
                        .arg("found", found.to_string())
                }
            })
        }
        LoadOutcome::Unusable { path, error } => Some(
            Notice::new(Level::Warning, "support.store.unusable")
                .arg("path", path.display().to_string())
                .arg("error", error.clone()),
        ),
    }
}

/// Carries out effects; keeps the running check so a newer one can cancel it.
struct EffectRunner {
    client: ZoomClient,
    options: VerifyOptions,
    store: Option<Store>,
    /// Writes the resume file off the event loop (two fsyncs per save), newest first.
    writer: Option<(mpsc::UnboundedSender<StoreJob>, JoinHandle<()>)>,
    check: Option<JoinHandle<()>>,
    /// Kept for the whole run: on X11 a copied text lives only as long as its owner.
    clipboard: SystemClipboard,
}

impl EffectRunner {
    fn new(
        client: ZoomClient,
        options: VerifyOptions,
        store: Option<Store>,
        clipboard: SystemClipboard,
    ) -> Self {
        EffectRunner {
            client,
            options,
            store,
            writer: None,
            check: None,
            clipboard,
        }
    }

    fn run(&mut self, effect: Effect, tx: &mpsc::UnboundedSender<Msg>) {
        match effect {
            Effect::Verify {
                generation,
                credentials,
            } => self.verify(generation, credentials, tx),
            Effect::ReadClipboard => {
                let _ = tx.send(Msg::ClipboardRead(self.clipboard.read().map(Pasted)));
            }
            Effect::Copy { field, text } => {
                let outcome = self.copy(&text);
                let _ = tx.send(Msg::Copied(field, outcome));
            }
            Effect::OpenUrl(url) => open_url(url, tx.clone()),
            Effect::SaveProgress(progress) => self.store_job(StoreJob::Save(progress), tx),
            Effect::ForgetProgress => self.store_job(StoreJob::Forget, tx),
            Effect::SupportReport {
                target,
                lang,
                credentials,
                report,
            } => {
                let text =
                    support_report::render(lang, &ReportMeta::now(lang), &credentials, &report);
                let outcome = match target {
                    ReportTarget::Clipboard => {
                        Ok(ReportOutcome::Copied(self.copy(&Secret::new(text))))
                    }
                    ReportTarget::File => save_report(&text).map(ReportOutcome::Saved),
                };
                let _ = tx.send(Msg::ReportDone(outcome));
            }
            Effect::Quit => {}
        }
    }

    fn verify(
        &mut self,
        generation: u64,
        credentials: Credentials,
        tx: &mpsc::UnboundedSender<Msg>,
    ) {
        self.stop();
        let client = self.client.clone();
        let options = self.options.clone();
        let tx = tx.clone();
        self.check = Some(tokio::spawn(async move {
            let progress_tx = tx.clone();
            let mut on_progress = move |stage, status| {
                let _ = progress_tx.send(Msg::VerifyProgress {
                    generation,
                    stage,
                    status,
                });
            };
            // A bug in the check must not leave the spinner turning forever: it becomes a
            // diagnosis the user (and support) can read.
            let check = verify(&client, &credentials, &options, &mut on_progress);
            let report = std::panic::AssertUnwindSafe(check)
                .catch_unwind()
                .await
                .unwrap_or_else(|panic| internal_error_report(panic.as_ref()));
            let _ = tx.send(Msg::VerifyDone { generation, report });
        }));
    }

    fn copy(&mut self, text: &Secret) -> CopyOutcome {
        let mut out = io::stdout();
        let outcome = self.clipboard.copy(text.expose(), &mut out);
        let _ = out.flush();
        outcome
    }

    fn store_job(&mut self, job: StoreJob, tx: &mpsc::UnboundedSender<Msg>) {
        let Some(store) = &self.store else { return };
        let (jobs, _) = self
            .writer
            .get_or_insert_with(|| spawn_writer(store.clone(), tx.clone()));
        let _ = jobs.send(job);
    }

    /// Lets the last save reach the disk before the process ends (bounded: never a hang).
    async fn flush(&mut self) {
        if let Some((jobs, task)) = self.writer.take() {
            drop(jobs);
            let _ = tokio::time::timeout(Duration::from_secs(2), task).await;
        }
    }

    fn stop(&mut self) {
        if let Some(task) = self.check.take() {
            task.abort();
        }
    }
}

/// The report of a check that panicked: an unexpected response, with the panic's message.
fn internal_error_report(panic: &(dyn std::any::Any + Send)) -> crate::zoom::report::Report {
    use crate::zoom::report::{Diagnosis, DiagnosisCode, Report, Severity, Stage, StageStatus};
    let message = panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_default();
    Report {
        stages: Stage::ALL
            .iter()
            .map(|s| (*s, StageStatus::Failed))
            .collect(),
        diagnoses: vec![Diagnosis {
            code: DiagnosisCode::UnexpectedResponse,
            severity: Severity::Error,
            field: None,
            detail: Some(format!(
                "internal error: {}",
                crate::credentials::terminal_safe(&message)
            )),
        }],
        ..Report::default()
    }
}

/// What the resume-file writer does.
enum StoreJob {
    Save(crate::store::Progress),
    Forget,
}

/// One task owns the resume file, so saves land in order; of several queued saves only the
/// newest is written.
fn spawn_writer(
    store: Store,
    tx: mpsc::UnboundedSender<Msg>,
) -> (mpsc::UnboundedSender<StoreJob>, JoinHandle<()>) {
    let (jobs, mut queue) = mpsc::unbounded_channel::<StoreJob>();
    let task = tokio::spawn(async move {
        while let Some(mut job) = queue.recv().await {
            while let Ok(newer) = queue.try_recv() {
                job = newer;
            }
            let store = store.clone();
            let failed = tokio::task::spawn_blocking(move || match job {
                StoreJob::Save(progress) => store
                    .save(&progress)
                    .err()
                    .map(|e| Msg::save_failed(&store, &e)),
                StoreJob::Forget => {
                    let _ = store.reset();
                    None
                }
            })
            .await;
            if let Ok(Some(failed)) = failed {
                let _ = tx.send(failed);
            }
        }
    });
    (jobs, task)
}

/// Writes the report into the current directory (where the user will look for it), else
/// into the temporary directory; returns the full path to show.
fn save_report(text: &str) -> Result<String, String> {
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let name = format!("hacomono-zoom-report-{stamp}.md");
    let mut last_error = String::new();
    for dir in [std::env::current_dir().ok(), Some(std::env::temp_dir())]
        .into_iter()
        .flatten()
    {
        let path = dir.join(&name);
        match std::fs::write(&path, text) {
            Ok(()) => return Ok(path.display().to_string()),
            Err(error) => last_error = error.to_string(),
        }
    }
    Err(last_error)
}

/// Opens a page where a browser can be opened: not over SSH, not without a display.
fn open_url(url: String, tx: mpsc::UnboundedSender<Msg>) {
    if !ClipboardEnv::current().opens_browser() {
        let _ = tx.send(Msg::UrlOpened { url, opened: false });
        return;
    }
    tokio::task::spawn_blocking(move || {
        let opened = webbrowser::open(&url).is_ok();
        let _ = tx.send(Msg::UrlOpened { url, opened });
    });
}
