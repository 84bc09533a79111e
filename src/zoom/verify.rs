//! The verification engine: one token, its scopes, the active users; every failure mapped to
//! a `Diagnosis` with a stable code.
//!
//! ONE token is minted per run and reused: Zoom used to end the older token when a new one was
//! minted (it now allows several, but one per run is polite and fast), so a failed users
//! request never leads to a second token.

use std::collections::HashSet;
use std::time::Instant;

use crate::credentials::{Credentials, Field, Severity};
use crate::time;
use crate::zoom::client::{Token, ZoomClient, ZoomError};
use crate::zoom::redact::Redactor;
use crate::zoom::report::{
    Diagnosis, DiagnosisCode, Report, ScopeCheck, Stage, StageStatus, User, UsersRead,
};
use crate::zoom::scopes;

/// What a run should assume and how far it may go.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifyOptions {
    /// The account has sub accounts: missing `:master` scopes are errors, not warnings.
    pub sub_accounts: bool,
    /// A safety limit on the users kept, far above any real account. Reaching it is told in a
    /// `users_truncated` warning naming how many were read; it is never silent.
    pub max_users: usize,
}

/// The default safety limit on users kept (334 pages of 300).
pub const MAX_USERS: usize = 100_000;

impl Default for VerifyOptions {
    fn default() -> Self {
        VerifyOptions {
            sub_accounts: false,
            max_users: MAX_USERS,
        }
    }
}

/// Where a run's progress goes: each stage's status and, while users are listed, how many have
/// been read (`Some` only with `Stage::Users` and `Running`, after each page).
pub type OnProgress<'a> = dyn FnMut(Stage, StageStatus, Option<UsersRead>) + Send + 'a;

/// Runs the three stages against Zoom. `on_progress` hears `Running` before each stage and
/// its final status after; a stage's status may be reported again when a later stage learns
/// more (a users request refused for a missing scope fails the scopes stage too). While the
/// users are listed it hears `Running` again after each page, with the count so far.
pub async fn verify(
    client: &ZoomClient,
    creds: &Credentials,
    opts: &VerifyOptions,
    on_progress: &mut OnProgress<'_>,
) -> Report {
    verify_keeping_token(client, creds, opts, on_progress)
        .await
        .0
}

/// The token a check was given and the API base it goes to: a rehearsal reuses them.
#[derive(Clone, Debug)]
pub struct Granted {
    pub token: Token,
    pub api_base: String,
}

/// Like `verify`, and keeps the token when the check passed, for a rehearsal.
pub async fn verify_keeping_token(
    client: &ZoomClient,
    creds: &Credentials,
    opts: &VerifyOptions,
    on_progress: &mut OnProgress<'_>,
) -> (Report, Option<Granted>) {
    let mut run = Run::new(creds, on_progress);
    let Some(token) = token_stage(&mut run, client, creds).await else {
        run.skip_rest(Stage::Token);
        return (run.report, None);
    };
    let api_base = client.api_base_for(&token);
    run.report.api_url = Some(api_base.clone());
    run.redactor.add_token(token.access_token.expose());

    if scopes_stage(&mut run, &token, opts) == StageStatus::Failed {
        // No point asking for users with scopes Zoom will refuse; fix the scopes first.
        run.skip_rest(Stage::Scopes);
        return (run.report, None);
    }
    users_stage(&mut run, client, &token, &api_base, opts).await;
    let granted = run.report.ok().then_some(Granted { token, api_base });
    (run.report, granted)
}

/// A new token for `creds`, for work after a check whose token is gone (a rehearsal after the
/// values were edited and put back, or an hour later); a refusal as the check would say it.
pub async fn fresh_token(
    client: &ZoomClient,
    creds: &Credentials,
) -> Result<Granted, Vec<Diagnosis>> {
    let mut quiet = |_, _, _| {};
    let mut run = Run::new(creds, &mut quiet);
    match token_stage(&mut run, client, creds).await {
        Some(token) => Ok(Granted {
            api_base: client.api_base_for(&token),
            token,
        }),
        None => Err(run.report.diagnoses),
    }
}

/// The proposed default user: the owner (role "0"), else the first licensed (type 2), else
/// the first one.
pub fn propose_default_user(users: &[User]) -> Option<usize> {
    users
        .iter()
        .position(|u| u.role_id == "0")
        .or_else(|| users.iter().position(|u| u.user_type == 2))
        .or(if users.is_empty() { None } else { Some(0) })
}

/// A run in progress: the report and where progress goes.
struct Run<'a> {
    report: Report,
    on_progress: &'a mut OnProgress<'a>,
    /// Zoom never echoes the secret or the token, but a proxy page might.
    redactor: Redactor,
}

impl<'a> Run<'a> {
    fn new(creds: &Credentials, on_progress: &'a mut OnProgress<'a>) -> Self {
        let report = Report {
            stages: Stage::ALL
                .iter()
                .map(|s| (*s, StageStatus::Pending))
                .collect(),
            ..Report::default()
        };
        Run {
            report,
            on_progress,
            redactor: Redactor::new(creds),
        }
    }

    fn set(&mut self, stage: Stage, status: StageStatus) {
        match self.report.stages.iter_mut().find(|(s, _)| *s == stage) {
            Some(entry) => entry.1 = status,
            None => self.report.stages.push((stage, status)),
        }
        (self.on_progress)(stage, status, None);
    }

    /// Marks every stage after `failed` as skipped.
    fn skip_rest(&mut self, failed: Stage) {
        for stage in Stage::ALL.iter().skip_while(|s| **s != failed).skip(1) {
            self.set(*stage, StageStatus::Skipped);
        }
    }

    fn time(&mut self, name: &str, started: Instant) {
        let ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
        self.report.timings_ms.push((name.to_owned(), ms));
    }

    fn diagnose(
        &mut self,
        code: DiagnosisCode,
        severity: Severity,
        field: Option<Field>,
        detail: Option<String>,
    ) {
        let detail = detail.map(|d| self.redactor.clean(&d));
        self.report.diagnoses.push(Diagnosis {
            code,
            severity,
            field,
            detail,
        });
    }
}

async fn token_stage(run: &mut Run<'_>, client: &ZoomClient, creds: &Credentials) -> Option<Token> {
    run.set(Stage::Token, StageStatus::Running);
    let started = Instant::now();
    let result = client.request_token(creds).await;
    run.time("token", started);
    run.report
        .route
        .extend(client.route_to(client.endpoints().oauth_base()));
    match result {
        Ok(token) => {
            run.set(Stage::Token, StageStatus::Passed);
            Some(token)
        }
        Err(error) => {
            let (code, field, detail) = token_failure(&error, creds);
            run.diagnose(code, Severity::Error, field, detail);
            run.set(Stage::Token, StageStatus::Failed);
            None
        }
    }
}

/// What a failed token request means. OAuth errors are matched on `error`; the `reason`
/// wording varies ("Bad Request" / "Bad request").
fn token_failure(
    error: &ZoomError,
    creds: &Credentials,
) -> (DiagnosisCode, Option<Field>, Option<String>) {
    match error {
        // Zoom's OAuth codes 4717 (app disabled), 4738 (token disabled by an admin) and 4741
        // (token revoked) come as a reason, whatever the `error`: say it in those words.
        ZoomError::OAuth { reason, .. } if app_disabled(reason) => (
            DiagnosisCode::AppDisabled,
            None,
            Some(crate::text::terminal_safe(reason)),
        ),
        ZoomError::OAuth { error: kind, .. } => match kind.as_str() {
            "invalid_client" => (
                DiagnosisCode::InvalidClient,
                Some(blame_for_invalid_client(creds)),
                None,
            ),
            "invalid_request" => (
                DiagnosisCode::InvalidAccountId,
                Some(Field::AccountId),
                None,
            ),
            "unsupported_grant_type" => (DiagnosisCode::WrongAppType, None, None),
            _ => (
                DiagnosisCode::UnexpectedResponse,
                None,
                Some(error.to_string()),
            ),
        },
        other => common_failure(other),
    }
}

/// A token error's reason that names a disabled app or a disabled or revoked token.
fn app_disabled(reason: &str) -> bool {
    let reason = reason.to_ascii_lowercase();
    ["disabled", "revoked", "deactivated"]
        .iter()
        .any(|word| reason.contains(word))
}

/// Zoom does not say which of the two values is wrong. A Client ID that cannot be one is
/// blamed; otherwise the secret, the likelier culprit (regenerated, or pasted short).
fn blame_for_invalid_client(creds: &Credentials) -> Field {
    let id = &creds.client_id;
    let plausible_id = (15..=40).contains(&id.len())
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if plausible_id {
        Field::ClientSecret
    } else {
        Field::ClientId
    }
}

/// Failures that mean the same at every endpoint.
pub fn common_failure(error: &ZoomError) -> (DiagnosisCode, Option<Field>, Option<String>) {
    match error {
        ZoomError::RateLimited { daily, retry_after } => {
            // Only a daily limit has a reset time worth telling (Zoom's, else the next 00:00
            // UTC, when daily limits reset); a per-second one has passed.
            let now = time::now_unix();
            let reset = daily.then(|| {
                time::for_people(retry_after.map_or(time::next_midnight_utc(now), |r| r.at(now)))
            });
            (DiagnosisCode::RateLimited, None, reset)
        }
        ZoomError::Unavailable { .. } => (
            DiagnosisCode::ZoomUnavailable,
            None,
            Some(error.to_string()),
        ),
        ZoomError::Timeout => (DiagnosisCode::Timeout, None, None),
        ZoomError::Network { detail } => (DiagnosisCode::Network, None, Some(detail.clone())),
        ZoomError::Route(cause) => (cause.code(), None, Some(cause.detail())),
        ZoomError::OAuth { .. } | ZoomError::Api { .. } | ZoomError::Unexpected { .. } => (
            DiagnosisCode::UnexpectedResponse,
            None,
            Some(error.to_string()),
        ),
    }
}

fn scopes_stage(run: &mut Run<'_>, token: &Token, opts: &VerifyOptions) -> StageStatus {
    run.set(Stage::Scopes, StageStatus::Running);
    run.report.scopes = scopes::evaluate(&token.scope, opts.sub_accounts);
    let status = diagnose_scopes(run);
    run.set(Stage::Scopes, status);
    status
}

/// One diagnosis for the missing required scopes, one for the missing sub-account scopes.
fn diagnose_scopes(run: &mut Run<'_>) -> StageStatus {
    let missing = |checks: &[ScopeCheck], sub: bool| -> Vec<&'static str> {
        checks
            .iter()
            .filter(|c| !c.met() && c.sub_account == sub)
            .map(|c| c.granular)
            .collect()
    };
    let required = missing(&run.report.scopes, false);
    let sub = missing(&run.report.scopes, true);
    let sub_required = run
        .report
        .scopes
        .iter()
        .any(|c| c.sub_account && c.required);
    if !required.is_empty() {
        run.diagnose(
            DiagnosisCode::MissingScopes,
            Severity::Error,
            None,
            Some(required.join(", ")),
        );
    }
    if !sub.is_empty() {
        let severity = if sub_required {
            Severity::Error
        } else {
            Severity::Warning
        };
        run.diagnose(
            DiagnosisCode::MissingSubAccountScopes,
            severity,
            None,
            Some(sub.join(", ")),
        );
    }
    if !required.is_empty() || (!sub.is_empty() && sub_required) {
        StageStatus::Failed
    } else if !sub.is_empty() {
        StageStatus::Warning
    } else {
        StageStatus::Passed
    }
}

async fn users_stage(
    run: &mut Run<'_>,
    client: &ZoomClient,
    token: &Token,
    api_base: &str,
    opts: &VerifyOptions,
) {
    run.set(Stage::Users, StageStatus::Running);
    let limit = opts.max_users.max(1);
    let listed = list_users(run, client, token, api_base, limit).await;
    // After the request, as in the token stage: the route is known by then (asking before it
    // could run Windows' proxy lookup on a runtime thread).
    if let Some(route) = client
        .route_to(api_base)
        .filter(|r| !run.report.route.contains(r))
    {
        run.report.route.push(route);
    }
    if let Some(truncated) = listed {
        judge_users(run, truncated);
    }
}

/// Reads the users page by page into the report, at most `limit` of them, saying how many are
/// read after each page. `Some(true)` when the list was cut at `limit`; `None` when a page
/// failed, which is then diagnosed.
async fn list_users(
    run: &mut Run<'_>,
    client: &ZoomClient,
    token: &Token,
    api_base: &str,
    limit: usize,
) -> Option<bool> {
    // Tokens already asked for, and users already kept: a server whose token repeats (a mock
    // built from Zoom's OpenAPI example does), or that gives new tokens with no new users,
    // cannot make us loop or list a user twice.
    let mut asked: HashSet<String> = HashSet::new();
    let mut seen: HashSet<String> = HashSet::new();
    let mut next: Option<String> = None;
    let mut truncated = false;
    loop {
        let started = Instant::now();
        let result = client
            .list_users_page(token, api_base, next.as_deref())
            .await;
        run.time("users", started);
        let page = match result {
            Ok(page) => page,
            Err(error) => {
                users_failure(run, &error);
                return None;
            }
        };
        if run.report.users_total.is_none() {
            run.report.users_total = page.total_records;
        }
        let before = run.report.users.len();
        for user in page.users {
            if run.report.users.len() >= limit {
                truncated = true;
                break;
            }
            if seen.insert(user.id.clone()) {
                run.report.users.push(user);
            }
        }
        let nothing_new = run.report.users.len() == before;
        let read = UsersRead {
            read: run.report.users.len() as u64,
            total: run.report.users_total,
        };
        (run.on_progress)(Stage::Users, StageStatus::Running, Some(read));
        next = page.next_page_token;
        let Some(token) = &next else { break };
        if run.report.users.len() >= limit {
            truncated = true;
        }
        if truncated || nothing_new || !asked.insert(token.clone()) {
            break;
        }
    }
    Some(truncated)
}

/// The users stage's end once the list is read: the total at least what was listed, no user
/// an error, a default user proposed, a list cut short a warning.
fn judge_users(run: &mut Run<'_>, truncated: bool) {
    let listed = run.report.users.len() as u64;
    let total = run.report.users_total.get_or_insert(listed);
    *total = (*total).max(listed);
    if run.report.users.is_empty() {
        run.diagnose(DiagnosisCode::NoActiveUsers, Severity::Error, None, None);
        run.set(Stage::Users, StageStatus::Failed);
        return;
    }
    if let Some(index) = propose_default_user(&run.report.users) {
        run.report.choose_default_user(index);
    }
    if truncated {
        run.diagnose(
            DiagnosisCode::UsersTruncated,
            Severity::Warning,
            None,
            Some(crate::text::thousands(listed)),
        );
        run.set(Stage::Users, StageStatus::Warning);
    } else {
        run.set(Stage::Users, StageStatus::Passed);
    }
}

fn users_failure(run: &mut Run<'_>, error: &ZoomError) {
    if let Some(names) = error.missing_scopes() {
        missing_scopes_from_api(run, &names);
    } else {
        let (code, field, detail) = match error {
            // 124 "Invalid access token." / "Access token is expired.", or another 401, with a
            // body or without one.
            error if error.refuses_token() => (DiagnosisCode::TokenRejected, None, None),
            other => common_failure(other),
        };
        run.diagnose(code, Severity::Error, field, detail);
    }
    run.set(Stage::Users, StageStatus::Failed);
}

/// Zoom refused the users list for missing scopes although the token claimed them: mark the
/// requirements unmet (listing users needs `user_list` whatever Zoom named) and fail the
/// scopes stage after the fact.
fn missing_scopes_from_api(run: &mut Run<'_>, names: &[String]) {
    let mut missing: Vec<String> = Vec::new();
    let mut unmet: Vec<&'static str> = vec!["user_list"];
    for name in names {
        // Zoom may list alternatives (granular and classic); name the granular one once.
        let requirement = scopes::requirements_of(name).next();
        let shown = requirement.map_or(name.as_str(), |r| r.granular).to_owned();
        unmet.extend(requirement.map(|r| r.id));
        if !missing.contains(&shown) {
            missing.push(shown);
        }
    }
    if missing.is_empty() {
        missing.extend(scopes::requirement("user_list").map(|r| r.granular.to_owned()));
    }
    for check in run
        .report
        .scopes
        .iter_mut()
        .filter(|c| unmet.contains(&c.requirement))
    {
        check.met_by = None;
    }
    run.diagnose(
        DiagnosisCode::MissingScopes,
        Severity::Error,
        None,
        Some(missing.join(", ")),
    );
    run.set(Stage::Scopes, StageStatus::Failed);
}
