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
use crate::zoom::client::ZoomClient;
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
    /// delete, and everything ends within [`AFTER_STOP`]; the result says what is left in
    /// Zoom, with a diagnosis for anything that is.
    pub async fn rehearse(
        &self,
        creds: &Credentials,
        host: &User,
        stop: &Stop,
        on_step: &mut OnStep<'_>,
    ) -> Rehearsal {
        let ledger = Ledger::new(host);
        let start_time = crate::time::now_unix() + SCHEDULED_AHEAD_SECS;
        let used: Mutex<Option<Granted>> = Mutex::new(None);
        let finished = {
            let work = AssertUnwindSafe(
                self.rehearse_steps(creds, host, start_time, stop, &ledger, &used, on_step),
            )
            .catch_unwind();
            tokio::pin!(work);
            let first = tokio::select! {
                biased;
                finished = &mut work => Some(finished),
                _ = stop.wait() => None,
            };
            match first {
                Some(finished) => Some(finished),
                None => {
                    ledger.lock().interrupted = true;
                    tokio::time::timeout(AFTER_STOP, work).await.ok()
                }
            }
        };
        if let Some(Err(panic)) = finished {
            ledger.add_problem(internal_error(panic.as_ref()));
            let granted = lock(&used).clone();
            if let (Some(granted), Some(id)) = (granted, ledger.left().and_then(|l| l.id)) {
                let calls = Calls {
                    client: &self.client,
                    granted: &granted,
                    host,
                    start_time,
                };
                let _ =
                    tokio::time::timeout(AFTER_STOP, calls.delete(&ledger, id, AFTER_STOP)).await;
            }
        }
        settle(ledger.snapshot())
    }

    /// The steps, each recorded in `ledger` as it goes; `used` holds the token once there is
    /// one, for a delete after a panic.
    #[allow(clippy::too_many_arguments)]
    async fn rehearse_steps(
        &self,
        creds: &Credentials,
        host: &User,
        start_time: i64,
        stop: &Stop,
        ledger: &Ledger,
        used: &Mutex<Option<Granted>>,
        on_step: &mut OnStep<'_>,
    ) {
        let mut set = |step, status| {
            ledger.set_step(step, status);
            on_step(step, status);
        };
        #[cfg(debug_assertions)]
        panic_if_asked("rehearsal", PANIC_IN_REHEARSAL_FOR_TEST);
        let cached = self.cached_token(creds);
        let reused = cached.is_some();
        let Some(mut granted) = self.token_or_problems(cached, creds, stop, ledger).await else {
            return;
        };
        if stop.is_set() {
            ledger.lock().interrupted = true;
            return;
        }
        set(RehearsalStep::Create, StageStatus::Running);
        *lock(used) = Some(granted.clone());
        let mut created = self.calls(&granted, host, start_time).create(ledger).await;
        if reused && !stop.is_set() && created.as_ref().is_err_and(|e| e.refuses_token()) {
            // The check's token has expired since (they last an hour): once more, a new one.
            *lock(&self.token) = None;
            let Some(fresh) = self.token_or_problems(None, creds, stop, ledger).await else {
                set(RehearsalStep::Create, StageStatus::Skipped);
                return;
            };
            granted = fresh;
            *lock(used) = Some(granted.clone());
            created = self.calls(&granted, host, start_time).create(ledger).await;
        }
        let calls = self.calls(&granted, host, start_time);
        let id = match created {
            Ok(id) => id,
            Err(error) => {
                ledger.add_problem(rehearse::meeting_failure(&error, RehearsalStep::Create));
                set(RehearsalStep::Create, StageStatus::Failed);
                return;
            }
        };
        if matches!(ledger.snapshot().meeting, TestMeeting::PersonalRoom { .. }) {
            // Every lesson would share the host's personal room, and it must not be deleted.
            ledger.add_problem(rehearse::diagnosis(
                DiagnosisCode::HostUsesPmi,
                Severity::Error,
                Some(id.to_string()),
            ));
            set(RehearsalStep::Create, StageStatus::Failed);
            return;
        }
        set(RehearsalStep::Create, StageStatus::Passed);

        set(RehearsalStep::Update, StageStatus::Running);
        let updated = tokio::select! {
            biased;
            _ = stop.wait() => None,
            updated = calls.update(ledger, id) => Some(updated),
        };
        match updated {
            None => {
                ledger.lock().interrupted = true;
                set(RehearsalStep::Update, StageStatus::Skipped);
            }
            Some(Ok(())) => set(RehearsalStep::Update, StageStatus::Passed),
            Some(Err(error)) => {
                ledger.add_problem(rehearse::meeting_failure(&error, RehearsalStep::Update));
                set(RehearsalStep::Update, StageStatus::Failed);
            }
        }

        // Whatever happened above, the meeting goes.
        set(RehearsalStep::Delete, StageStatus::Running);
        let patience = if stop.is_set() {
            AFTER_STOP
        } else {
            DELETE_FOR
        };
        match calls.delete(ledger, id, patience).await {
            Ok(()) => set(RehearsalStep::Delete, StageStatus::Passed),
            Err(error) => {
                if let Some(left) = ledger.left() {
                    ledger.add_problem(rehearse::left_behind(&left, Some(&error.to_string())));
                }
                set(RehearsalStep::Delete, StageStatus::Failed);
            }
        }
    }

    fn calls<'a>(&'a self, granted: &'a Granted, host: &'a User, start_time: i64) -> Calls<'a> {
        Calls {
            client: &self.client,
            granted,
            host,
            start_time,
        }
    }

    fn cached_token(&self, creds: &Credentials) -> Option<Granted> {
        lock(&self.token)
            .as_ref()
            .filter(|(checked, _)| checked == creds)
            .map(|(_, granted)| granted.clone())
    }

    /// `cached`, else a new token; a refusal goes into `ledger` as problems, a stop as
    /// interrupted. `None` when there is no token to go on with.
    async fn token_or_problems(
        &self,
        cached: Option<Granted>,
        creds: &Credentials,
        stop: &Stop,
        ledger: &Ledger,
    ) -> Option<Granted> {
        if cached.is_some() {
            return cached;
        }
        let fresh = tokio::select! {
            biased;
            _ = stop.wait() => None,
            fresh = verify::fresh_token(&self.client, creds) => Some(fresh),
        };
        match fresh {
            Some(Ok(granted)) => {
                *lock(&self.token) = Some((creds.clone(), granted.clone()));
                Some(granted)
            }
            Some(Err(problems)) => {
                problems.into_iter().for_each(|p| ledger.add_problem(p));
                None
            }
            None => {
                ledger.lock().interrupted = true;
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
