//! `POST /v2/users/{host}/meetings`, `PATCH` and `DELETE /v2/meetings/{id}`: the meetings a
//! rehearsal makes, kept until deleted so a test can count what is left.

use hyper::StatusCode;
use serde_json::{Value, json};

use crate::answers::{self, Answer};
use crate::faults::{Endpoint, fault};
use crate::scenario::Scenario;
use crate::state::Shared;
use crate::users::{Roster, scenario_users};

/// The scenario of a meeting call's token, counted as a request to `endpoint`; or the
/// answer instead: for a token not minted here, or the scenario's fault.
async fn caller(
    shared: &Shared,
    auth: &str,
    regional: bool,
    endpoint: Endpoint,
) -> Result<Scenario, Answer> {
    let scenario = shared
        .bearer_scenario(auth, regional)
        .ok_or_else(answers::invalid_token)?;
    shared.hit(scenario, endpoint);
    match fault(scenario, endpoint) {
        Some(fault) => match fault.answer(shared, scenario, endpoint).await {
            Some(answer) => Err(answer),
            None => Ok(scenario),
        },
        None => Ok(scenario),
    }
}

/// A scheduled meeting for the host, kept until deleted.
pub(crate) async fn create(
    shared: &Shared,
    auth: &str,
    regional: bool,
    host: &str,
    body: &[u8],
) -> Answer {
    let Some(scenario) = shared.bearer_scenario(auth, regional) else {
        return answers::invalid_token();
    };
    shared.hit(scenario, Endpoint::Create);
    let request = match quiet_meeting(body) {
        Ok(request) => request,
        Err(message) => return answers::rest_error(StatusCode::BAD_REQUEST, 300, message),
    };
    let Some(user) = Roster::of(shared, scenario).find(host) else {
        return answers::rest_error(
            StatusCode::NOT_FOUND,
            1001,
            &format!("User does not exist: {host}."),
        );
    };
    if let Some(fault) = fault(scenario, Endpoint::Create)
        && let Some(answer) = fault.answer(shared, scenario, Endpoint::Create).await
    {
        return answer;
    }
    let topic = request["topic"].as_str().unwrap_or("").to_owned();
    let id = record(shared, scenario, &user, &topic);
    if scenario == Scenario::CreatedUnreadable {
        // Made, but whatever stands in the way answers for Zoom: the caller never learns the ID.
        let mut answer = answers::html_page();
        *answer.status_mut() = StatusCode::CREATED;
        return answer;
    }
    answers::json_answer(
        StatusCode::CREATED,
        &json!({
            "id": id,
            "topic": topic,
            "type": 2,
            "start_time": request["start_time"],
            "duration": request["duration"],
            "host_id": user["id"],
            "join_url": format!("https://zoom.us/j/{id}"),
        }),
    )
}

/// The create's body, if it is what a rehearsal may make (else the 300 message why): stricter than Zoom where it
/// matters, a scheduled meeting (type 2) that e-mails nobody and stays one meeting.
fn quiet_meeting(body: &[u8]) -> Result<Value, &'static str> {
    let Ok(request) = serde_json::from_slice::<Value>(body) else {
        return Err("Request Body should be a valid JSON object.");
    };
    let settings = &request["settings"];
    let quiet = request["type"] == 2
        && settings["email_notification"] == false
        && settings["registrants_email_notification"] == false
        && request.get("schedule_for").is_none()
        && request.get("recurrence").is_none()
        && request.get("invitees").is_none();
    if !quiet {
        return Err("The emulator accepts only a scheduled meeting (type 2) that e-mails nobody.");
    }
    Ok(request)
}

/// Keeps the new meeting and returns its id; for a host who schedules in the Personal Meeting
/// ID, that room's id (it exists before and after: no meeting of the caller's is kept).
fn record(shared: &Shared, scenario: Scenario, user: &Value, topic: &str) -> u64 {
    let mut inner = shared.lock();
    inner.serial += 1;
    if scenario == Scenario::PmiHost {
        return user["pmi"].as_u64().unwrap_or(0);
    }
    let id = 81_234_500_000 + inner.serial;
    let host_id = user["id"].as_str().unwrap_or("").to_owned();
    inner.meetings.insert(id, (host_id, topic.to_owned()));
    id
}

/// Only the topic changes here.
pub(crate) async fn update(
    shared: &Shared,
    auth: &str,
    regional: bool,
    id: u64,
    body: &[u8],
) -> Answer {
    if let Err(answer) = caller(shared, auth, regional, Endpoint::Update).await {
        return answer;
    }
    let topic = serde_json::from_slice::<Value>(body)
        .ok()
        .and_then(|v| v["topic"].as_str().map(str::to_owned));
    let mut inner = shared.lock();
    match (inner.meetings.get_mut(&id), topic) {
        (Some(meeting), Some(topic)) => {
            meeting.1 = topic;
            answers::empty(StatusCode::NO_CONTENT)
        }
        (Some(_), None) => answers::rest_error(StatusCode::BAD_REQUEST, 300, "Validation Failed."),
        (None, _) => not_found(id),
    }
}

/// A personal room is never deleted; a meeting deleted twice "does not exist".
pub(crate) async fn delete(shared: &Shared, auth: &str, regional: bool, id: u64) -> Answer {
    let scenario = match caller(shared, auth, regional, Endpoint::Delete).await {
        Ok(scenario) => scenario,
        Err(answer) => return answer,
    };
    let is_pmi = scenario_users(scenario)
        .iter()
        .any(|u| u["pmi"].as_u64() == Some(id));
    if is_pmi {
        return answers::rest_error(StatusCode::BAD_REQUEST, 3018, "Not allowed to delete PMI.");
    }
    match shared.lock().meetings.remove(&id) {
        Some(_) => answers::empty(StatusCode::NO_CONTENT),
        None => not_found(id),
    }
}

fn not_found(id: u64) -> Answer {
    answers::rest_error(
        StatusCode::NOT_FOUND,
        3001,
        &format!("Meeting does not exist: {id}."),
    )
}
