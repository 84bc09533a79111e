//! One engine for Zoom work, for every front end: the check and the rehearsal.
//!
//! Each always returns a result: a panic or a refused token becomes a diagnosis, a stop (Ctrl+C,
//! a closed window, the user leaving) an interrupted result. A stopped check just ends (it
//! writes nothing); a stopped rehearsal skips what is left but its delete, which still gets
//! [`AFTER_STOP`], and says what is left in Zoom. The full screen spawns these; plain mode and
//! `check` await them; none of them cancels or cleans up on its own.

use std::any::Any;
use std::panic::AssertUnwindSafe;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures_util::FutureExt;

use crate::credentials::{Credentials, Severity};
use crate::signals::Stop;
use crate::zoom::client::{RetryObserver, ZoomClient};
use crate::zoom::redact::Redactor;
use crate::zoom::rehearse::{self, Calls, DELETE_FOR, Ledger, SCHEDULED_AHEAD_SECS};
use crate::zoom::report::{
    Diagnosis, DiagnosisCode, Rehearsal, RehearsalStep, Report, Stage, StageStatus, TestMeeting,
    User,
};
use crate::zoom::verify::{self, Granted, OnProgress, VerifyOptions, verify_keeping_token};

/// How long a rehearsal may take, once stopped, to finish its create and delete its meeting.
pub const AFTER_STOP: Duration = Duration::from_secs(5);

/// Where a rehearsal's progress goes: each step as it starts and ends.
pub type OnStep<'a> = dyn FnMut(RehearsalStep, StageStatus) + Send + 'a;

/// Set in tests of the real binary: the check or the rehearsal panics, to prove that a bug there
/// becomes a diagnosis on screen while the wizard goes on. Read only in debug builds (what
/// `cargo test` runs); a release build has no such hook.
#[cfg(debug_assertions)]
pub const PANIC_IN_CHECK_FOR_TEST: &str = "HACOMONO_ZOOM_SETUP_PANIC_IN_CHECK_FOR_TEST";
#[cfg(debug_assertions)]
pub const PANIC_IN_REHEARSAL_FOR_TEST: &str = "HACOMONO_ZOOM_SETUP_PANIC_IN_REHEARSAL_FOR_TEST";

/// Talks to Zoom for the wizard: one client, the check's options, and the token of the last
/// check that passed. Clones share the token.
#[derive(Clone, Debug)]
pub struct ZoomSession {
    client: ZoomClient,
    options: VerifyOptions,
    /// The values the token was given for: a rehearsal reuses it only for those.
    token: Arc<Mutex<Option<(Credentials, Granted)>>>,
}

impl ZoomSession {
    pub fn new(client: ZoomClient, options: VerifyOptions) -> ZoomSession {
        ZoomSession {
            client,
            options,
            token: Arc::default(),
        }
    }

    pub fn client(&self) -> &ZoomClient {
        &self.client
    }

    /// The same session (the same token) whose requests tell `observer` when they are tried
    /// again, for a front end to say so while it waits.
    pub fn observed(&self, observer: RetryObserver) -> ZoomSession {
        ZoomSession {
            client: self.client.clone().observed(observer),
            ..self.clone()
        }
    }

    /// The live check of `creds`. A stop ends it at once (nothing is written during a check)
    /// with the report marked interrupted; a panic becomes an `unexpected_response` diagnosis.
    pub async fn check(
        &self,
        creds: &Credentials,
        stop: &Stop,
        on_progress: &mut OnProgress<'_>,
    ) -> Report {
        let mut seen: Vec<(Stage, StageStatus)> = Vec::new();
        let finished = {
            let mut watch = |stage, status, users| {
                match seen.iter_mut().find(|(s, _)| *s == stage) {
                    Some(entry) => entry.1 = status,
                    None => seen.push((stage, status)),
                }
                on_progress(stage, status, users);
            };
            let work = AssertUnwindSafe(async {
                #[cfg(debug_assertions)]
                panic_if_asked("check", PANIC_IN_CHECK_FOR_TEST);
                verify_keeping_token(&self.client, creds, &self.options, &mut watch).await
            })
            .catch_unwind();
            tokio::select! {
                biased;
                finished = work => Some(finished),
                _ = stop.wait() => None,
            }
        };
        match finished {
            Some(Ok((report, granted))) => {
                if let Some(granted) = granted {
                    *lock(&self.token) = Some((creds.clone(), granted));
                }
                report
            }
            Some(Err(panic)) => internal_error_report(panic.as_ref()),
            None => interrupted_report(&seen),
        }
    }

    /// Creates, updates and deletes one test meeting for `host`, with the token of the check of
    /// `creds` (a new one if that is gone). On a stop, the steps left are skipped but the
    /// delete, and everything ends within [`AFTER_STOP`] (one more after a panic, for its
    /// clean-up's delete); the result says what is left in Zoom, with a diagnosis for anything
    /// that is.
    pub async fn rehearse(
        &self,
        creds: &Credentials,
        host: &User,
        stop: &Stop,
        on_step: &mut OnStep<'_>,
    ) -> Rehearsal {
        let run = Rehearsing {
            session: self,
            creds,
            host,
            start_time: crate::time::now_unix() + SCHEDULED_AHEAD_SECS,
            stop,
            ledger: Ledger::new(host),
            used: Mutex::new(None),
            redactor: Mutex::new(Redactor::new(creds)),
        };
        let finished = {
            let work = AssertUnwindSafe(run.steps(on_step)).catch_unwind();
            tokio::pin!(work);
            let first = tokio::select! {
                biased;
                finished = &mut work => Some(finished),
                _ = stop.wait() => None,
            };
            match first {
                Some(finished) => Some(finished),
                None => {
                    run.ledger.lock().interrupted = true;
                    tokio::time::timeout(AFTER_STOP, work).await.ok()
                }
            }
        };
        if let Some(Err(panic)) = finished {
            run.ledger.add_problem(internal_error(panic.as_ref()));
            run.delete_after_a_panic().await;
        }
        let mut rehearsal = settle(run.ledger.snapshot());
        let redactor = lock(&run.redactor);
        for problem in &mut rehearsal.problems {
            problem.detail = problem.detail.as_deref().map(|d| redactor.clean(d));
        }
        rehearsal
    }

    fn cached_token(&self, creds: &Credentials) -> Option<Granted> {
        lock(&self.token)
            .as_ref()
            .filter(|(checked, _)| checked == creds)
            .map(|(_, granted)| granted.clone())
    }
}

/// One rehearsal under way: what it needs, and the ledger where each step records what it did.
struct Rehearsing<'a> {
    session: &'a ZoomSession,
    creds: &'a Credentials,
    host: &'a User,
    /// When the meeting is scheduled, as Unix seconds.
    start_time: i64,
    stop: &'a Stop,
    ledger: Ledger,
    /// The token in use, once there is one: a panic's clean-up deletes with it.
    used: Mutex<Option<Granted>>,
    /// The secret and every token used, kept out of the details (a proxy page may echo them).
    redactor: Mutex<Redactor>,
}

/// Where the steps say how far they got: the ledger and whoever listens.
type SetStep<'a> = dyn FnMut(RehearsalStep, StageStatus) + Send + 'a;

impl Rehearsing<'_> {
    /// The three steps; each records in the ledger as it goes, so a stop or a panic midway
    /// still knows what is in Zoom.
    async fn steps(&self, on_step: &mut OnStep<'_>) {
        let mut set = |step, status| {
            self.ledger.set_step(step, status);
            on_step(step, status);
        };
        #[cfg(debug_assertions)]
        panic_if_asked("rehearsal", PANIC_IN_REHEARSAL_FOR_TEST);
        let Some((granted, id)) = self.create(&mut set).await else {
            return;
        };
        self.update(&granted, id, &mut set).await;
        self.delete(&granted, id, &mut set).await;
    }

    /// The meeting made, with the token it was made with; `None` when there is none to go
    /// on with (refused, interrupted, or the host's personal room).
    async fn create(&self, set: &mut SetStep<'_>) -> Option<(Granted, u64)> {
        let cached = self.session.cached_token(self.creds);
        let reused = cached.is_some();
        let mut granted = self.token(cached).await?;
        if self.stop.is_set() {
            self.ledger.lock().interrupted = true;
            return None;
        }
        set(RehearsalStep::Create, StageStatus::Running);
        let mut created = self.make(&granted).await;
        if reused && !self.stop.is_set() && created.as_ref().is_err_and(|e| e.refuses_token()) {
            // The check's token has expired since (they last an hour): once more, a new one.
            *lock(&self.session.token) = None;
            let Some(fresh) = self.token(None).await else {
                // The create was refused, and no new token came to try it again with.
                if !self.stop.is_set() {
                    set(RehearsalStep::Create, StageStatus::Failed);
                }
                return None;
            };
            granted = fresh;
            created = self.make(&granted).await;
        }
        let id = match created {
            Ok(id) => id,
            Err(error) => {
                let problem = rehearse::meeting_failure(&error, RehearsalStep::Create);
                self.ledger.add_problem(problem);
                set(RehearsalStep::Create, StageStatus::Failed);
                return None;
            }
        };
        if matches!(
            self.ledger.snapshot().meeting,
            TestMeeting::PersonalRoom { .. }
        ) {
            // Every lesson would share the host's personal room, and it must not be deleted.
            let detail = Some(id.to_string());
            let problem = rehearse::diagnosis(DiagnosisCode::HostUsesPmi, Severity::Error, detail);
            self.ledger.add_problem(problem);
            set(RehearsalStep::Create, StageStatus::Failed);
            return None;
        }
        set(RehearsalStep::Create, StageStatus::Passed);
        Some((granted, id))
    }

    /// One create with `granted`, which a panic's clean-up would then use.
    async fn make(&self, granted: &Granted) -> Result<u64, crate::zoom::client::ZoomError> {
        *lock(&self.used) = Some(granted.clone());
        lock(&self.redactor).add_token(granted.token.access_token.expose());
        self.calls(granted).create(&self.ledger).await
    }

    /// Renames the meeting; a stop meanwhile skips it (the delete comes sooner).
    async fn update(&self, granted: &Granted, id: u64, set: &mut SetStep<'_>) {
        set(RehearsalStep::Update, StageStatus::Running);
        let calls = self.calls(granted);
        let updated = tokio::select! {
            biased;
            _ = self.stop.wait() => None,
            updated = calls.update(&self.ledger, id) => Some(updated),
        };
        match updated {
            None => {
                self.ledger.lock().interrupted = true;
                set(RehearsalStep::Update, StageStatus::Skipped);
            }
            Some(Ok(())) => set(RehearsalStep::Update, StageStatus::Passed),
            Some(Err(error)) => {
                let problem = rehearse::meeting_failure(&error, RehearsalStep::Update);
                self.ledger.add_problem(problem);
                set(RehearsalStep::Update, StageStatus::Failed);
            }
        }
    }

    /// Whatever happened before, the meeting goes: tried again for a while, shorter once
    /// stopped; what could not be deleted is said with what a person needs to find it.
    async fn delete(&self, granted: &Granted, id: u64, set: &mut SetStep<'_>) {
        set(RehearsalStep::Delete, StageStatus::Running);
        let patience = if self.stop.is_set() {
            AFTER_STOP
        } else {
            DELETE_FOR
        };
        match self.calls(granted).delete(&self.ledger, id, patience).await {
            Ok(()) => set(RehearsalStep::Delete, StageStatus::Passed),
            Err(error) => {
                if let Some(left) = self.ledger.left() {
                    let problem = rehearse::left_behind(&left, Some(&error.to_string()));
                    self.ledger.add_problem(problem);
                }
                set(RehearsalStep::Delete, StageStatus::Failed);
            }
        }
    }

    /// After a panic: the meeting it made, if any, is still deleted (within [`AFTER_STOP`]).
    async fn delete_after_a_panic(&self) {
        let granted = lock(&self.used).clone();
        if let (Some(granted), Some(id)) = (granted, self.ledger.left().and_then(|l| l.id)) {
            let calls = self.calls(&granted);
            let delete = calls.delete(&self.ledger, id, AFTER_STOP);
            let _ = tokio::time::timeout(AFTER_STOP, delete).await;
        }
    }

    fn calls<'a>(&'a self, granted: &'a Granted) -> Calls<'a> {
        Calls {
            client: &self.session.client,
            granted,
            host: self.host,
            start_time: self.start_time,
        }
    }

    /// `cached`, else a new token; a refusal goes into the ledger as problems, a stop as
    /// interrupted. `None` when there is no token to go on with.
    async fn token(&self, cached: Option<Granted>) -> Option<Granted> {
        if cached.is_some() {
            return cached;
        }
        let fresh = tokio::select! {
            biased;
            _ = self.stop.wait() => None,
            fresh = verify::fresh_token(&self.session.client, self.creds) => Some(fresh),
        };
        match fresh {
            Some(Ok(granted)) => {
                *lock(&self.session.token) = Some((self.creds.clone(), granted.clone()));
                Some(granted)
            }
            Some(Err(problems)) => {
                problems
                    .into_iter()
                    .for_each(|p| self.ledger.add_problem(p));
                None
            }
            None => {
                self.ledger.lock().interrupted = true;
                None
            }
        }
    }
}

/// The rehearsal as it ended, made whole: steps that never ran are skipped (a create whose
/// answer never came, or a delete that did not finish, failed), and a meeting left in Zoom
/// always has its diagnosis.
fn settle(mut rehearsal: Rehearsal) -> Rehearsal {
    let left = match &rehearsal.meeting {
        TestMeeting::Left(left) => Some(left.clone()),
        _ => None,
    };
    for (step, status) in &mut rehearsal.steps {
        if matches!(status, StageStatus::Pending | StageStatus::Running) {
            let unfinished = match step {
                RehearsalStep::Create => left.as_ref().is_some_and(|l| l.id.is_none()),
                RehearsalStep::Delete => left.as_ref().is_some_and(|l| l.id.is_some()),
                RehearsalStep::Update => false,
            };
            *status = if unfinished {
                StageStatus::Failed
            } else {
                StageStatus::Skipped
            };
        }
    }
    let said = rehearsal.problems.iter().any(|p| {
        matches!(
            p.code,
            DiagnosisCode::CleanupFailed | DiagnosisCode::MeetingMayBeLeft
        )
    });
    if let (Some(left), false) = (&left, said) {
        rehearsal.problems.push(rehearse::left_behind(left, None));
    }
    rehearsal
}

/// A poisoned lock still holds usable data here (plain values, written whole).
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

#[cfg(debug_assertions)]
fn panic_if_asked(work: &str, variable: &str) {
    if std::env::var_os(variable).is_some() {
        panic!("{work} panic requested by {variable}");
    }
}

/// A bug, said as an unexpected response with the panic's message, so the user (and support)
/// can read it instead of a spinner that never stops.
fn internal_error(panic: &(dyn Any + Send)) -> Diagnosis {
    let message = panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_default();
    Diagnosis {
        code: DiagnosisCode::UnexpectedResponse,
        severity: Severity::Error,
        field: None,
        detail: Some(format!(
            "internal error: {}",
            crate::text::terminal_safe(&message)
        )),
    }
}

/// The report of a check that panicked.
fn internal_error_report(panic: &(dyn Any + Send)) -> Report {
    Report {
        stages: Stage::ALL
            .iter()
            .map(|s| (*s, StageStatus::Failed))
            .collect(),
        diagnoses: vec![internal_error(panic)],
        ..Report::default()
    }
}

/// The report of a check stopped before its end: what had passed, the rest skipped.
fn interrupted_report(seen: &[(Stage, StageStatus)]) -> Report {
    let status = |stage| match seen.iter().find(|(s, _)| *s == stage).map(|(_, st)| *st) {
        Some(StageStatus::Pending | StageStatus::Running) | None => StageStatus::Skipped,
        Some(done) => done,
    };
    Report {
        stages: Stage::ALL.iter().map(|s| (*s, status(*s))).collect(),
        interrupted: true,
        ..Report::default()
    }
}
