//! The rehearsal's three calls: the ones hacomono makes for a lesson (create, update, delete a
//! meeting), made once for one host, and what their failures mean for hacomono. Opt-in: the
//! user is asked first. `zoom::session` drives them (token, stop, panics, the time a delete
//! gets); every call here records in a [`Ledger`] what exists in Zoom because of it, so that
//! whoever stops the rehearsal midway knows exactly what is left.

use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use serde_json::json;

use crate::credentials::Severity;
use crate::zoom::client::{ZoomClient, ZoomError};
use crate::zoom::report::{
    Diagnosis, DiagnosisCode, LeftMeeting, Rehearsal, RehearsalStep, StageStatus, TestMeeting, User,
};
use crate::zoom::verify::{Granted, common_failure};

/// What the meeting is called in the host's list, should anyone see it before it is gone.
pub const TOPIC: &str = "hacomono-zoom-setup rehearsal (safe to delete)";
/// Its topic once updated.
pub const TOPIC_UPDATED: &str = "hacomono-zoom-setup rehearsal, updated (safe to delete)";
/// How far ahead the meeting is scheduled: far from any lesson, and in nobody's day.
pub const SCHEDULED_AHEAD_SECS: i64 = 30 * 86_400;
/// How long a failing delete is tried again before it is given up, when nothing stopped it.
pub const DELETE_FOR: Duration = Duration::from_secs(10);

/// The rehearsal as it stands, shared between the calls and whoever drives them.
#[derive(Clone, Debug)]
pub struct Ledger(Arc<Mutex<Rehearsal>>);

impl Ledger {
    pub fn new(host: &User) -> Ledger {
        let mut rehearsal = Rehearsal::skipped(host.clone());
        for entry in &mut rehearsal.steps {
            entry.1 = StageStatus::Pending;
        }
        Ledger(Arc::new(Mutex::new(rehearsal)))
    }

    /// The rehearsal as it stands now.
    pub fn snapshot(&self) -> Rehearsal {
        self.lock().clone()
    }

    pub fn lock(&self) -> MutexGuard<'_, Rehearsal> {
        // A poisoned lock still holds usable data: plain values, each written whole.
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn set_step(&self, step: RehearsalStep, status: StageStatus) {
        if let Some(entry) = self.lock().steps.iter_mut().find(|(s, _)| *s == step) {
            entry.1 = status;
        }
    }

    pub fn set_meeting(&self, meeting: TestMeeting) {
        self.lock().meeting = meeting;
    }

    pub fn add_problem(&self, problem: Diagnosis) {
        self.lock().problems.push(problem);
    }

    /// The meeting that exists (or may exist) in Zoom now, if any.
    pub fn left(&self) -> Option<LeftMeeting> {
        match &self.lock().meeting {
            TestMeeting::Left(left) => Some(left.clone()),
            _ => None,
        }
    }
}

/// The three calls for one host, with one token.
pub struct Calls<'a> {
    pub client: &'a ZoomClient,
    pub granted: &'a Granted,
    pub host: &'a User,
    /// When the meeting is scheduled, as Unix seconds.
    pub start_time: i64,
}

impl Calls<'_> {
    /// Creates the test meeting. From the moment the request leaves until its answer, the
    /// ledger says the meeting may exist; a refusal Zoom answered clearly means it does not.
    pub async fn create(&self, ledger: &Ledger) -> Result<u64, ZoomError> {
        let body = json!({
            "topic": TOPIC,
            "type": 2,
            "start_time": crate::time::rfc3339(self.start_time),
            "duration": 15,
            "settings": {
                "approval_type": 2,
                "email_notification": false,
                "registrants_email_notification": false,
                "auto_recording": "none",
                "use_pmi": false,
                "join_before_host": false,
            },
        });
        ledger.set_meeting(self.left(None, TOPIC));
        let created = self
            .client
            .create_meeting(
                &self.granted.token,
                &self.granted.api_base,
                &self.host.id,
                &body,
            )
            .await;
        match &created {
            Ok(id) if self.host.pmi == Some(*id) => {
                ledger.set_meeting(TestMeeting::PersonalRoom { id: *id });
            }
            Ok(id) => ledger.set_meeting(self.left(Some(*id), TOPIC)),
            // No answer, an unreadable yes, or Zoom failing: the meeting may have been made
            // all the same.
            Err(error) if error.may_have_reached_zoom() => {}
            Err(_) => ledger.set_meeting(TestMeeting::NotCreated),
        }
        created
    }

    /// Renames the meeting, as hacomono does when a lesson changes.
    pub async fn update(&self, ledger: &Ledger, id: u64) -> Result<(), ZoomError> {
        let body = json!({ "topic": TOPIC_UPDATED });
        let result = self
            .client
            .update_meeting(&self.granted.token, &self.granted.api_base, id, &body)
            .await;
        if result.is_ok() {
            ledger.set_meeting(self.left(Some(id), TOPIC_UPDATED));
        }
        result
    }

    /// Deletes the meeting, trying again on errors that may pass, for at most `patience`.
    /// "The meeting does not exist" (3001, or a 404) means it is already gone: done.
    pub async fn delete(
        &self,
        ledger: &Ledger,
        id: u64,
        patience: Duration,
    ) -> Result<(), ZoomError> {
        let deadline = tokio::time::Instant::now() + patience;
        let mut wait = Duration::from_millis(250);
        loop {
            let answer = self
                .client
                .delete_meeting(&self.granted.token, &self.granted.api_base, id)
                .await;
            let error = match answer {
                Ok(())
                | Err(ZoomError::Api { code: 3001, .. } | ZoomError::Api { status: 404, .. }) => {
                    ledger.set_meeting(TestMeeting::Deleted { id });
                    return Ok(());
                }
                Err(error) => error,
            };
            let passing = matches!(
                error,
                ZoomError::Unavailable { .. }
                    | ZoomError::RateLimited { .. }
                    | ZoomError::Network { .. }
                    | ZoomError::Timeout
            );
            if !passing || tokio::time::Instant::now() + wait > deadline {
                return Err(error);
            }
            tokio::time::sleep(wait).await;
            wait = (wait * 2).min(Duration::from_secs(2));
        }
    }

    fn left(&self, id: Option<u64>, topic: &str) -> TestMeeting {
        TestMeeting::Left(LeftMeeting {
            id,
            topic: topic.to_owned(),
            start_time: self.start_time,
        })
    }
}

pub fn diagnosis(code: DiagnosisCode, severity: Severity, detail: Option<String>) -> Diagnosis {
    Diagnosis {
        code,
        severity,
        field: None,
        detail,
    }
}

/// A meeting left (or perhaps left) in Zoom, said for a person: its id, its topic as it is now,
/// when it is scheduled (in local time), and why it is there.
pub fn left_detail(left: &LeftMeeting, why: Option<&str>) -> String {
    let start = crate::time::for_people(left.start_time);
    let mut detail = match left.id {
        Some(id) => format!("{id} ({}, {start}", left.topic),
        None => format!("{} ({start}", left.topic),
    };
    if let Some(why) = why {
        detail.push_str("; ");
        detail.push_str(why);
    }
    detail.push(')');
    detail
}

/// The diagnosis for a meeting left in Zoom: `cleanup_failed` when its id is known,
/// `meeting_may_be_left` when the create's answer never came or could not be read.
pub fn left_behind(left: &LeftMeeting, why: Option<&str>) -> Diagnosis {
    let (code, severity) = match left.id {
        Some(_) => (DiagnosisCode::CleanupFailed, Severity::Error),
        None => (DiagnosisCode::MeetingMayBeLeft, Severity::Warning),
    };
    diagnosis(code, severity, Some(left_detail(left, why)))
}

/// What a failed create or update means for hacomono.
pub fn meeting_failure(error: &ZoomError, step: RehearsalStep) -> Diagnosis {
    let error_of = |code| diagnosis(code, Severity::Error, None);
    if let Some(names) = error.missing_scopes() {
        return diagnosis(
            DiagnosisCode::MeetingScopesRejected,
            Severity::Error,
            Some(names.join(", ")),
        );
    }
    let daily_message = |message: &str| {
        let m = message.to_ascii_lowercase();
        m.contains("daily") || (m.contains("maximum") && m.contains("meetings"))
    };
    match error {
        ZoomError::Api { code: 3161, .. } => error_of(DiagnosisCode::HostCannotSchedule),
        ZoomError::Api {
            code: 1001 | 1120, ..
        }
        | ZoomError::Api { status: 404, .. }
            if step == RehearsalStep::Create =>
        {
            error_of(DiagnosisCode::HostNotFound)
        }
        ZoomError::RateLimited { daily: true, .. } => daily_limit(),
        ZoomError::Api {
            code: 429 | 300,
            message,
            ..
        } if daily_message(message) => daily_limit(),
        error if error.refuses_token() => error_of(DiagnosisCode::TokenRejected),
        other => {
            let (code, _, detail) = common_failure(other);
            diagnosis(code, Severity::Error, detail)
        }
    }
}

/// The host's 100 creates and updates a day are used up; they come back at 00:00 UTC, said
/// in the user's own time.
fn daily_limit() -> Diagnosis {
    let reset = crate::time::next_midnight_utc(crate::time::now_unix());
    diagnosis(
        DiagnosisCode::HostDailyLimit,
        Severity::Error,
        Some(crate::time::for_people(reset)),
    )
}
