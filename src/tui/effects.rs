//! Carrying out what the full screen's core asks for: Zoom work (through `zoom::session`), the
//! clipboard, the browser, the resume file and the support report. Every result goes back to
//! the core as a `Msg`.

use std::io::{self, Write};
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use crate::app::effect::{Effect, ReportTarget};
use crate::app::msg::{Msg, Pasted, ReportOutcome};
use crate::app::progress::Progress;
use crate::clipboard::timer::{SecretNews, SecretTimer, Tick};
use crate::clipboard::{ClipboardEnv, CopyOutcome, SystemClipboard};
use crate::credentials::{Credentials, Field, Secret};
use crate::signals::{Interrupt, Stop};
use crate::store::Store;
use crate::support_report::{self, ReportMeta};
use crate::zoom::report::{Rehearsal, User};
use crate::zoom::session::{AFTER_STOP, ZoomSession};

/// How long the connections are kept warm on the Values screen: a few pastes' time.
const KEEP_WARM_FOR: Duration = Duration::from_secs(180);

/// Carries out the full screen's effects; results come back as messages on the channel given
/// to `run`. The Zoom work itself is the session's (`zoom::session`): this only spawns it,
/// keeps the check to cancel it, and the rehearsal to stop it when the wizard ends.
pub struct EffectRunner {
    session: ZoomSession,
    store: Option<Store>,
    /// Writes the resume file off the event loop (two fsyncs per save), newest first.
    writer: Option<(mpsc::UnboundedSender<StoreJob>, JoinHandle<()>)>,
    check: Option<JoinHandle<()>>,
    /// Keeps the check's connections open while the values are being entered.
    warming: Option<JoinHandle<()>>,
    /// A rehearsal under way and the stop it watches; it answers with what it did.
    rehearsal: Option<(JoinHandle<Rehearsal>, Stop)>,
    /// Kept for the whole run: on X11 a copied text lives only as long as its owner.
    clipboard: SystemClipboard,
    /// The Client secret we put on the clipboard, until it is taken back.
    secret: SecretTimer,
    /// `--demo`: support reports say so, in their file name and their content.
    demo: bool,
}

impl EffectRunner {
    pub fn new(
        session: ZoomSession,
        store: Option<Store>,
        clipboard: SystemClipboard,
        secret_clear_after: Duration,
    ) -> Self {
        EffectRunner {
            session,
            store,
            writer: None,
            check: None,
            warming: None,
            rehearsal: None,
            clipboard,
            secret: SecretTimer::new(secret_clear_after),
            demo: false,
        }
    }

    /// Marks the support reports as the demo's.
    pub fn demo(mut self, demo: bool) -> Self {
        self.demo = demo;
        self
    }

    pub fn run(&mut self, effect: Effect, tx: &mpsc::UnboundedSender<Msg>) {
        match effect {
            Effect::Check {
                generation,
                credentials,
            } => self.verify(generation, credentials, tx),
            Effect::ReadClipboard => {
                let _ = tx.send(Msg::ClipboardRead(self.clipboard.read().map(Pasted)));
            }
            Effect::Copy { field, text } => {
                let _ = tx.send(self.copy_value(field, &text, tx));
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
                let meta = ReportMeta::now(lang, self.demo);
                let text = support_report::render(lang, &meta, &credentials, &report);
                let outcome = match target {
                    ReportTarget::Clipboard => {
                        let outcome = self.copy(&Secret::new(text));
                        if let Some(news) = self.secret.other_copied(outcome) {
                            let _ = tx.send(Msg::SecretClipboard(news));
                        }
                        Ok(ReportOutcome::Copied(outcome))
                    }
                    ReportTarget::File => save_report(&text, self.demo).map(ReportOutcome::Saved),
                };
                let _ = tx.send(Msg::ReportDone(outcome));
            }
            Effect::CancelCheck => self.stop(),
            Effect::WarmUp => self.keep_warm(),
            Effect::Rehearse {
                generation,
                host,
                credentials,
            } => self.rehearse(generation, host, credentials, tx),
        }
    }

    fn verify(
        &mut self,
        generation: u64,
        credentials: Credentials,
        tx: &mpsc::UnboundedSender<Msg>,
    ) {
        self.stop();
        if let Some(warming) = self.warming.take() {
            warming.abort();
        }
        let retry_tx = tx.clone();
        let session = self.session.observed(Arc::new(move |retrying| {
            let _ = retry_tx.send(Msg::CheckRetry {
                generation,
                retrying,
            });
        }));
        let tx = tx.clone();
        self.check = Some(tokio::spawn(async move {
            let progress_tx = tx.clone();
            let mut on_progress = move |stage, status, users| {
                let _ = progress_tx.send(Msg::CheckProgress {
                    generation,
                    stage,
                    status,
                    users,
                });
            };
            // A check superseded by new values is aborted (it writes nothing), so its own
            // stop is never set.
            let report = session
                .check(&credentials, &Stop::new(), &mut on_progress)
                .await;
            let _ = tx.send(Msg::CheckDone { generation, report });
        }));
    }

    /// Opens the check's connections now and again before they would be closed as unused,
    /// while the values are being entered (at most `KEEP_WARM_FOR`; the check stops it).
    fn keep_warm(&mut self) {
        if self.warming.as_ref().is_some_and(|t| !t.is_finished()) {
            return;
        }
        let client = self.session.client().clone();
        self.warming = Some(tokio::spawn(async move {
            let until = tokio::time::Instant::now() + KEEP_WARM_FOR;
            while tokio::time::Instant::now() < until {
                client.warm_up().await;
                tokio::time::sleep(crate::net::trace::PARK_FOR / 2).await;
            }
        }));
    }

    /// Runs the rehearsal in the background; it always answers `RehearsalDone`.
    fn rehearse(
        &mut self,
        generation: u64,
        host: User,
        credentials: Credentials,
        tx: &mpsc::UnboundedSender<Msg>,
    ) {
        let session = self.session.clone();
        let stop = Stop::new();
        let tx = tx.clone();
        let task = tokio::spawn({
            let stop = stop.clone();
            async move {
                let progress_tx = tx.clone();
                let mut on_step = move |step, status| {
                    let _ = progress_tx.send(Msg::RehearsalProgress {
                        generation,
                        step,
                        status,
                    });
                };
                let rehearsal = session
                    .rehearse(&credentials, &host, &stop, &mut on_step)
                    .await;
                let _ = tx.send(Msg::RehearsalDone {
                    generation,
                    rehearsal: Box::new(rehearsal.clone()),
                });
                rehearsal
            }
        });
        self.rehearsal = Some((task, stop));
    }

    /// Before the process ends: a rehearsal under way is stopped (it skips to its delete,
    /// which the session bounds) and its result returned, for the terminal to say what
    /// became of its meeting. `None` when none was under way.
    pub async fn finish_rehearsal(&mut self, why: Interrupt) -> Option<Rehearsal> {
        let (task, stop) = self.rehearsal.take()?;
        if task.is_finished() {
            return None;
        }
        stop.set(why);
        // The session ends within AFTER_STOP, and one more after a panic (its clean-up's
        // delete); the third only guards against a bug.
        match tokio::time::timeout(AFTER_STOP * 3, task).await {
            Ok(Ok(rehearsal)) => Some(rehearsal),
            _ => None,
        }
    }

    fn copy(&mut self, text: &Secret) -> CopyOutcome {
        let mut out = io::stdout();
        let outcome = self.clipboard.copy(text.expose(), &mut out);
        let _ = out.flush();
        outcome
    }

    /// Copies a value of STEP 2. The Client secret goes out marked as a password and its
    /// count starts (again); anything else copied the same way replaces it there.
    fn copy_value(&mut self, field: Field, text: &Secret, tx: &mpsc::UnboundedSender<Msg>) -> Msg {
        if field != Field::ClientSecret {
            let outcome = self.copy(text);
            if let Some(news) = self.secret.other_copied(outcome) {
                let _ = tx.send(Msg::SecretClipboard(news));
            }
            return Msg::Copied(field, outcome);
        }
        let mut out = io::stdout();
        let outcome = self.clipboard.copy_secret(text.expose(), &mut out);
        let _ = out.flush();
        match self
            .secret
            .copied(text.expose(), outcome, std::time::Instant::now())
        {
            Some(countdown) => Msg::SecretClipboard(SecretNews::Counting(countdown)),
            None => Msg::Copied(field, outcome),
        }
    }

    /// When the countdown needs the loop next; `None` while no secret is out.
    pub fn secret_wake(&self) -> Option<tokio::time::Instant> {
        self.secret
            .next_wake(std::time::Instant::now())
            .map(tokio::time::Instant::from_std)
    }

    /// The countdown's wake-up: the new count, or the secret taken back now that it is due.
    pub fn secret_tick(&mut self) -> Option<SecretNews> {
        match self.secret.tick(std::time::Instant::now()) {
            Tick::Idle => None,
            Tick::Counting(countdown) => Some(SecretNews::Counting(countdown)),
            Tick::Due(secret) => {
                let mut out = io::stdout();
                Some(self.clipboard.take_back(&secret, &mut out))
            }
        }
    }

    /// Takes the secret back at once, if one is out (still only if it is still ours).
    pub fn take_back_secret(&mut self) {
        if let Some(secret) = self.secret.take() {
            let mut out = io::stdout();
            let _ = self.clipboard.take_back(&secret, &mut out);
        }
    }

    fn store_job(&mut self, job: StoreJob, tx: &mpsc::UnboundedSender<Msg>) {
        let Some(store) = &self.store else { return };
        let (jobs, _) = self
            .writer
            .get_or_insert_with(|| spawn_writer(store.clone(), tx.clone()));
        let _ = jobs.send(job);
    }

    /// Lets the last save reach the disk before the process ends (bounded: never a hang).
    pub async fn flush(&mut self) {
        if let Some((jobs, task)) = self.writer.take() {
            drop(jobs);
            let _ = tokio::time::timeout(Duration::from_secs(2), task).await;
        }
    }

    pub fn stop(&mut self) {
        if let Some(task) = self.check.take() {
            task.abort();
        }
        if let Some(task) = self.warming.take() {
            task.abort();
        }
    }
}

impl Drop for EffectRunner {
    /// Whatever way the wizard ends (an error, a panic unwinding), the secret does not stay.
    fn drop(&mut self) {
        self.take_back_secret();
    }
}

/// What the resume-file writer does.
enum StoreJob {
    Save(Progress),
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
                StoreJob::Save(progress) => {
                    store.save(&progress).err().map(|error| Msg::SaveFailed {
                        path: store.path().display().to_string(),
                        error: error.to_string(),
                    })
                }
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
/// into the temporary directory, under a name with the local date and time
/// (`support_report::file_name`); never over another file. Returns the full path to show.
fn save_report(text: &str, demo: bool) -> Result<String, String> {
    let stamp = crate::time::for_file_names(crate::time::now_unix());
    let mut last_error = String::new();
    for dir in [std::env::current_dir().ok(), Some(std::env::temp_dir())]
        .into_iter()
        .flatten()
    {
        for attempt in 1..=20 {
            let path = dir.join(support_report::file_name(&stamp, demo, attempt));
            let written = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
                .and_then(|mut file| file.write_all(text.as_bytes()));
            match written {
                Ok(()) => return Ok(path.display().to_string()),
                Err(error) if error.kind() == io::ErrorKind::AlreadyExists => {
                    last_error = error.to_string();
                }
                Err(error) => {
                    last_error = error.to_string();
                    break;
                }
            }
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
