//! The rehearsal: the three calls hacomono makes for a lesson (create, update, delete a
//! meeting) made once for one host, with the check's token, so that what would fail for
//! hacomono fails here first. Opt-in: the caller asks the user before it calls `rehearse`.
//!
//! Nothing is left behind: once a meeting exists, every path ends in its delete (retried for
//! a while on 5xx, 429 and network errors; an answer "already gone" counts as done), and a
//! delete that could not be done is a `cleanup_failed` error naming the meeting.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use serde_json::json;

use crate::credentials::Severity;
use crate::zoom::client::{Token, ZoomClient, ZoomError};
use crate::zoom::report::{Diagnosis, DiagnosisCode, Rehearsal, RehearsalStep, StageStatus, User};
use crate::zoom::verify::common_failure;

/// What the meeting is called in the host's list, should anyone see it before it is gone.
pub const TOPIC: &str = "hacomono-zoom-setup rehearsal (safe to delete)";
const TOPIC_UPDATED: &str = "hacomono-zoom-setup rehearsal, updated (safe to delete)";

/// How long and when.
#[derive(Clone, Debug)]
pub struct RehearseOptions {
    /// How long a failing delete is tried again before it is given up as `cleanup_failed`.
    pub delete_for: Duration,
    /// Now, as Unix seconds: the meeting is scheduled 30 days from it.
    pub now_unix: i64,
    /// Set from outside (Ctrl+C, SIGTERM): skip what is left but the delete.
    pub stop: Arc<AtomicBool>,
}

impl RehearseOptions {
    pub fn now() -> Self {
        RehearseOptions {
            delete_for: Duration::from_secs(10),
            now_unix: crate::time::now_unix(),
            stop: Arc::new(AtomicBool::new(false)),
        }
    }
}

/// Creates, updates and deletes one meeting for `host`. `on_progress` hears each step start
/// and end. The diagnoses say what went wrong, in the check's terms.
pub async fn rehearse(
    client: &ZoomClient,
    token: &Token,
    api_base: &str,
    host: &User,
    opts: &RehearseOptions,
    on_progress: &mut (dyn FnMut(RehearsalStep, StageStatus) + Send),
) -> (Rehearsal, Vec<Diagnosis>) {
    let start_time = crate::time::format_rfc3339(opts.now_unix + 30 * 86_400);
    let mut run = Rehearsal {
        host: host.clone(),
        steps: RehearsalStep::ALL
            .iter()
            .map(|s| (*s, StageStatus::Pending))
            .collect(),
        meeting_id: None,
        topic: TOPIC.to_owned(),
        start_time: start_time.clone(),
        cleaned_up: true,
    };
    let mut diagnoses = Vec::new();
    let mut set = |run: &mut Rehearsal, step: RehearsalStep, status: StageStatus| {
        if let Some(entry) = run.steps.iter_mut().find(|(s, _)| *s == step) {
            entry.1 = status;
        }
        on_progress(step, status);
    };

    set(&mut run, RehearsalStep::Create, StageStatus::Running);
    let body = json!({
        "topic": TOPIC,
        "type": 2,
        "start_time": start_time,
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
    let id = match client
        .create_meeting(token, api_base, &host.id, &body)
        .await
    {
        Ok(id) => id,
        Err(error) => {
            diagnoses.push(meeting_failure(&error, RehearsalStep::Create));
            set(&mut run, RehearsalStep::Create, StageStatus::Failed);
            set(&mut run, RehearsalStep::Update, StageStatus::Skipped);
            set(&mut run, RehearsalStep::Delete, StageStatus::Skipped);
            return (run, diagnoses);
        }
    };
    run.meeting_id = Some(id);
    set(&mut run, RehearsalStep::Create, StageStatus::Passed);

    if host.pmi == Some(id) {
        // The host's personal room: every lesson would share it, and it must not be deleted.
        diagnoses.push(diagnosis(DiagnosisCode::HostUsesPmi, Some(id.to_string())));
        set(&mut run, RehearsalStep::Create, StageStatus::Failed);
        set(&mut run, RehearsalStep::Update, StageStatus::Skipped);
        set(&mut run, RehearsalStep::Delete, StageStatus::Skipped);
        return (run, diagnoses);
    }

    if opts.stop.load(Ordering::SeqCst) {
        set(&mut run, RehearsalStep::Update, StageStatus::Skipped);
    } else {
        set(&mut run, RehearsalStep::Update, StageStatus::Running);
        let body = json!({ "topic": TOPIC_UPDATED });
        match client.update_meeting(token, api_base, id, &body).await {
            Ok(()) => {
                run.topic = TOPIC_UPDATED.to_owned();
                set(&mut run, RehearsalStep::Update, StageStatus::Passed);
            }
            Err(error) => {
                diagnoses.push(meeting_failure(&error, RehearsalStep::Update));
                set(&mut run, RehearsalStep::Update, StageStatus::Failed);
            }
        }
    }

    // Whatever happened above, the meeting goes.
    set(&mut run, RehearsalStep::Delete, StageStatus::Running);
    match delete_patiently(client, token, api_base, id, opts.delete_for).await {
        Ok(()) => set(&mut run, RehearsalStep::Delete, StageStatus::Passed),
        Err(error) => {
            run.cleaned_up = false;
            let detail = format!(
                "{id} ({}, {}; {error})",
                run.topic,
                crate::time::format_human_utc(opts.now_unix + 30 * 86_400)
            );
            diagnoses.push(diagnosis(DiagnosisCode::CleanupFailed, Some(detail)));
            set(&mut run, RehearsalStep::Delete, StageStatus::Failed);
        }
    }
    (run, diagnoses)
}

/// Deletes, trying again on errors that may pass, until `patience` is used up. "The meeting
/// does not exist" (3001, or a 404) means it is already gone: done.
pub async fn delete_patiently(
    client: &ZoomClient,
    token: &Token,
    api_base: &str,
    id: u64,
    patience: Duration,
) -> Result<(), ZoomError> {
    let deadline = tokio::time::Instant::now() + patience;
    let mut wait = Duration::from_millis(250);
    loop {
        let error = match client.delete_meeting(token, api_base, id).await {
            Ok(()) => return Ok(()),
            Err(ZoomError::Api { code: 3001, .. } | ZoomError::Api { status: 404, .. }) => {
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

fn diagnosis(code: DiagnosisCode, detail: Option<String>) -> Diagnosis {
    Diagnosis {
        code,
        severity: Severity::Error,
        field: None,
        detail,
    }
}

/// What a failed create or update means for hacomono.
fn meeting_failure(error: &ZoomError, step: RehearsalStep) -> Diagnosis {
    if let Some(names) = error.missing_scopes() {
        return diagnosis(DiagnosisCode::MeetingScopesRejected, Some(names.join(", ")));
    }
    let daily_message = |message: &str| {
        let m = message.to_ascii_lowercase();
        m.contains("daily") || (m.contains("maximum") && m.contains("meetings"))
    };
    match error {
        ZoomError::Api { code: 3161, .. } => diagnosis(DiagnosisCode::HostCannotSchedule, None),
        ZoomError::Api {
            code: 1001 | 1120, ..
        }
        | ZoomError::Api { status: 404, .. }
            if step == RehearsalStep::Create =>
        {
            diagnosis(DiagnosisCode::HostNotFound, None)
        }
        ZoomError::RateLimited { daily: true, .. } => daily_limit(),
        ZoomError::Api {
            code: 429 | 300,
            message,
            ..
        } if daily_message(message) => daily_limit(),
        ZoomError::Api { status: 401, .. } | ZoomError::Api { code: 124, .. } => {
            diagnosis(DiagnosisCode::TokenRejected, None)
        }
        other => {
            let (code, _, detail) = common_failure(other);
            diagnosis(code, detail)
        }
    }
}

/// The host's 100 creates and updates a day are used up; they come back at 00:00 UTC, said
/// in the user's own time.
fn daily_limit() -> Diagnosis {
    let midnight = (crate::time::now_unix().div_euclid(86_400) + 1) * 86_400;
    diagnosis(
        DiagnosisCode::HostDailyLimit,
        Some(crate::time::format_local(midnight)),
    )
}
