//! Carrying out what the core asks for: the check against Zoom, the clipboard, the browser,
//! the resume file and the support report. Every result goes back to the core as a `Msg`.

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures_util::FutureExt;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use crate::app::effect::{Effect, ReportTarget};
use crate::app::msg::{Msg, Pasted, ReportOutcome};
use crate::app::progress::Progress;
use crate::clipboard::timer::{SecretNews, SecretTimer, Tick};
use crate::clipboard::{ClipboardEnv, CopyOutcome, SystemClipboard};
use crate::credentials::{Credentials, Field, Secret, Severity};
use crate::store::Store;
use crate::support_report::{self, ReportMeta};
use crate::zoom::client::ZoomClient;
use crate::zoom::rehearse::{RehearseOptions, TOPIC, rehearse};
use crate::zoom::report::User;
use crate::zoom::verify::{Granted, VerifyOptions, verify_keeping_token};

/// Set in tests of the real binary: the background check panics, to prove a bug there becomes
/// a diagnosis on screen while the wizard goes on. Read only in debug builds (what `cargo
/// test` runs); a release build has no such hook.
#[cfg(debug_assertions)]
const PANIC_IN_CHECK_FOR_TEST: &str = "HACOMONO_ZOOM_SETUP_PANIC_IN_CHECK_FOR_TEST";

/// How long the connections are kept warm on the Values screen: a few pastes' time.
const KEEP_WARM_FOR: Duration = Duration::from_secs(180);

/// Carries out the core's effects, for both front ends; results come back as messages on
/// the channel given to `run`. Keeps the running check so that it can be cancelled.
pub struct EffectRunner {
    client: ZoomClient,
    options: VerifyOptions,
    store: Option<Store>,
    /// Writes the resume file off the event loop (two fsyncs per save), newest first.
    writer: Option<(mpsc::UnboundedSender<StoreJob>, JoinHandle<()>)>,
    check: Option<JoinHandle<()>>,
    /// Keeps the check's connections open while the values are being entered.
    warming: Option<JoinHandle<()>>,
    /// The token of the last passing check, by generation: a rehearsal reuses it.
    granted: Arc<Mutex<Option<(u64, Granted)>>>,
    /// A rehearsal under way, the flag that tells it to finish with its delete, and the
    /// meeting it has created and not yet deleted (id and topic).
    rehearsal: Option<(JoinHandle<()>, Arc<AtomicBool>)>,
    left_behind: Arc<Mutex<Option<String>>>,
    /// Kept for the whole run: on X11 a copied text lives only as long as its owner.
    clipboard: SystemClipboard,
    /// The Client secret we put on the clipboard, until it is taken back.
    secret: SecretTimer,
}

impl EffectRunner {
    pub fn new(
        client: ZoomClient,
        options: VerifyOptions,
        store: Option<Store>,
        clipboard: SystemClipboard,
        secret_clear_after: Duration,
    ) -> Self {
        EffectRunner {
            client,
            options,
            store,
            writer: None,
            check: None,
            warming: None,
            granted: Arc::default(),
            rehearsal: None,
            left_behind: Arc::default(),
            clipboard,
            secret: SecretTimer::new(secret_clear_after),
        }
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
                let text =
                    support_report::render(lang, &ReportMeta::now(lang), &credentials, &report);
                let outcome = match target {
                    ReportTarget::Clipboard => {
                        let outcome = self.copy(&Secret::new(text));
                        if let Some(news) = self.secret.other_copied(outcome) {
                            let _ = tx.send(Msg::SecretClipboard(news));
                        }
                        Ok(ReportOutcome::Copied(outcome))
                    }
                    ReportTarget::File => save_report(&text).map(ReportOutcome::Saved),
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
        let client = self.client.clone().observed(Arc::new(move |retrying| {
            let _ = retry_tx.send(Msg::CheckRetry {
                generation,
                retrying,
            });
        }));
        let options = self.options.clone();
        let tx = tx.clone();
        let granted = self.granted.clone();
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
            // A bug in the check must not leave the spinner turning forever: it becomes a
            // diagnosis the user (and support) can read.
            let check = async move {
                #[cfg(debug_assertions)]
                if std::env::var_os(PANIC_IN_CHECK_FOR_TEST).is_some() {
                    panic!("check panic requested by {PANIC_IN_CHECK_FOR_TEST}");
                }
                let (report, token) =
                    verify_keeping_token(&client, &credentials, &options, &mut on_progress).await;
                *lock(&granted) = token.map(|t| (generation, t));
                report
            };
            let report = std::panic::AssertUnwindSafe(check)
                .catch_unwind()
                .await
                .unwrap_or_else(|panic| internal_error_report(panic.as_ref()));
            let _ = tx.send(Msg::CheckDone { generation, report });
        }));
    }

    /// Opens the check's connections now and again before they would be closed as unused,
    /// while the values are being entered (at most `KEEP_WARM_FOR`; the check stops it).
    fn keep_warm(&mut self) {
        if self.warming.as_ref().is_some_and(|t| !t.is_finished()) {
            return;
        }
        let client = self.client.clone();
        self.warming = Some(tokio::spawn(async move {
            let until = tokio::time::Instant::now() + KEEP_WARM_FOR;
            while tokio::time::Instant::now() < until {
                client.warm_up().await;
                tokio::time::sleep(crate::net::trace::PARK_FOR / 2).await;
            }
        }));
    }

    /// Runs the rehearsal in the background with the check's token (a new one if that is
    /// gone). It records the meeting while it exists, so that an exit can say what is left.
    fn rehearse(
        &mut self,
        generation: u64,
        host: User,
        credentials: Credentials,
        tx: &mpsc::UnboundedSender<Msg>,
    ) {
        let client = self.client.clone();
        let options = self.options.clone();
        let granted = lock(&self.granted)
            .clone()
            .filter(|(g, _)| *g == generation)
            .map(|(_, t)| t);
        let opts = RehearseOptions::now();
        let stop = opts.stop.clone();
        let left_behind = self.left_behind.clone();
        let tx = tx.clone();
        let task = tokio::spawn(async move {
            let granted = match granted {
                Some(granted) => Some(granted),
                None => {
                    verify_keeping_token(&client, &credentials, &options, &mut |_, _, _| {})
                        .await
                        .1
                }
            };
            let Some(granted) = granted else {
                return;
            };
            let progress_tx = tx.clone();
            let marker = left_behind.clone();
            let mut on_progress = move |step, status| {
                // From the create's success to the delete's, a meeting exists.
                use crate::zoom::report::{RehearsalStep, StageStatus};
                match (step, status) {
                    (RehearsalStep::Create, StageStatus::Passed) => {
                        *lock(&marker) = Some(TOPIC.to_owned());
                    }
                    (RehearsalStep::Delete, StageStatus::Passed)
                    | (RehearsalStep::Update | RehearsalStep::Delete, StageStatus::Skipped) => {
                        *lock(&marker) = None;
                    }
                    _ => {}
                }
                let _ = progress_tx.send(Msg::RehearsalProgress {
                    generation,
                    step,
                    status,
                });
            };
            let (rehearsal, diagnoses) = rehearse(
                &client,
                &granted.token,
                &granted.api_base,
                &host,
                &opts,
                &mut on_progress,
            )
            .await;
            if !rehearsal.cleaned_up {
                *lock(&left_behind) = rehearsal
                    .meeting_id
                    .map(|id| format!("{id} ({})", rehearsal.topic));
            }
            let _ = tx.send(Msg::RehearsalDone {
                generation,
                rehearsal: Box::new(rehearsal),
                diagnoses,
            });
        });
        self.rehearsal = Some((task, stop));
    }

    /// Before the process ends: a rehearsal under way skips to its delete, which gets at most
    /// 5 seconds. Returns the meeting left in Zoom, if any, for the user to delete by hand.
    pub async fn finish_rehearsal(&mut self) -> Option<String> {
        if let Some((task, stop)) = self.rehearsal.take() {
            stop.store(true, Ordering::SeqCst);
            if tokio::time::timeout(Duration::from_secs(5), task)
                .await
                .is_err()
            {
                return Some(
                    lock(&self.left_behind)
                        .clone()
                        .unwrap_or_else(|| TOPIC.to_owned()),
                );
            }
        }
        lock(&self.left_behind).clone()
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

/// A poisoned lock still holds usable data here (plain values, written whole).
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

/// The report of a check that panicked: an unexpected response, with the panic's message.
fn internal_error_report(panic: &(dyn std::any::Any + Send)) -> crate::zoom::report::Report {
    use crate::zoom::report::{Diagnosis, DiagnosisCode, Report, Stage, StageStatus};
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
                crate::text::terminal_safe(&message)
            )),
        }],
        ..Report::default()
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
