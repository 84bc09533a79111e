//! `check --json`: one document, with every key always there (null or empty when unknown, so a
//! script can read any of them without asking first whether it exists; the README documents
//! each), built from types that derive `Serialize`.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::credentials::{Field, Severity};
use crate::i18n::Lang;
use crate::net::report::{RouteJson, from_label};
use crate::zoom::report::{
    DiagnosisCode, RehearsalStep, Report, ScopeCheck, StageStatus, TestMeeting, User,
};

/// The whole document.
#[derive(Serialize)]
pub struct Document<'a> {
    /// Ready for hacomono: a whole run with no diagnosis of severity `error`.
    pub ok: bool,
    /// Why the check did not run (usage errors, exit 2; a check that could not start, 3).
    pub error: Option<Failure<'a>>,
    pub stages: BTreeMap<&'static str, StageStatus>,
    pub diagnoses: Vec<DiagnosisJson<'a>>,
    pub scopes: Vec<ScopeJson<'a>>,
    pub users_total: Option<u64>,
    pub default_user: Option<UserJson<'a>>,
    pub api_url: Option<&'a str>,
    pub route: Vec<RouteJson<'a>>,
    /// Only when a rehearsal was asked for (`--rehearse`).
    pub rehearsal: Option<RehearsalJson<'a>>,
    pub interrupted: bool,
}

/// Why the check did not run.
#[derive(Serialize)]
pub struct Failure<'a> {
    pub code: &'a str,
    pub message: &'a str,
    /// For `missing_credentials`: `account_id`, `client_id`, `client_secret`.
    pub missing: Vec<&'static str>,
}

#[derive(Serialize)]
pub struct DiagnosisJson<'a> {
    code: DiagnosisCode,
    severity: Severity,
    title: String,
    fix: String,
    field: Option<Field>,
    detail: Option<&'a str>,
    /// Whose words `detail` holds: `network` or `zoom`.
    from: &'static str,
}

#[derive(Serialize)]
pub struct ScopeJson<'a> {
    requirement: &'static str,
    met: bool,
    met_by: Option<&'a str>,
    granular: &'static str,
    classic: &'static [&'static str],
    sub_account: bool,
    required: bool,
}

#[derive(Serialize)]
pub struct UserJson<'a> {
    id: &'a str,
    email: &'a str,
    display_name: &'a str,
}

#[derive(Serialize)]
pub struct RehearsalJson<'a> {
    host: Option<UserJson<'a>>,
    steps: BTreeMap<&'static str, StageStatus>,
    /// The test meeting's id, as a string (Zoom's ids outgrow some JSON readers' numbers).
    meeting_id: Option<String>,
    cleaned_up: bool,
    meeting: MeetingJson<'a>,
    interrupted: bool,
}

/// What became of the test meeting.
#[derive(Serialize)]
pub struct MeetingJson<'a> {
    /// `not_created`, `deleted`, `personal_room`, `left`, `maybe_left`.
    state: &'static str,
    id: Option<String>,
    /// For a meeting (perhaps) left in Zoom: its topic as it is now.
    #[serde(skip_serializing_if = "Option::is_none")]
    topic: Option<&'a str>,
    /// For a meeting (perhaps) left in Zoom: when it is scheduled, RFC 3339 in UTC.
    #[serde(skip_serializing_if = "Option::is_none")]
    start_time: Option<String>,
}

impl<'a> Document<'a> {
    /// The document of a check that did not run: every key empty, `error` set.
    pub fn failed(failure: Failure<'a>) -> Document<'a> {
        Document {
            ok: false,
            error: Some(failure),
            stages: BTreeMap::new(),
            diagnoses: Vec::new(),
            scopes: Vec::new(),
            users_total: None,
            default_user: None,
            api_url: None,
            route: Vec::new(),
            rehearsal: None,
            interrupted: false,
        }
    }

    /// The document of a check that ran, whatever it found. `asked`: `--rehearse` was given
    /// (then `rehearsal` is there even when the check did not pass and nothing was written).
    pub fn of(report: &'a Report, lang: Lang, asked: bool) -> Document<'a> {
        Document {
            ok: report.ok(),
            error: None,
            stages: report
                .stages
                .iter()
                .map(|(stage, status)| (stage.as_str(), *status))
                .collect(),
            diagnoses: report
                .diagnoses
                .iter()
                .map(|d| DiagnosisJson {
                    code: d.code,
                    severity: d.severity,
                    title: d.title(lang),
                    fix: d.fix(lang),
                    field: d.field,
                    detail: d.detail.as_deref(),
                    from: from_label(d.code),
                })
                .collect(),
            scopes: report.scopes.iter().map(ScopeJson::of).collect(),
            users_total: report.users_total,
            default_user: report.default_user().map(UserJson::of),
            api_url: report.api_url.as_deref(),
            route: report.route.iter().map(RouteJson::of).collect(),
            rehearsal: RehearsalJson::of(report, asked),
            interrupted: report.interrupted,
        }
    }

    /// The document as one line of JSON.
    pub fn to_line(&self) -> String {
        // Serializing these types cannot fail: every map key is a string.
        serde_json::to_string(self).unwrap_or_default()
    }
}

impl<'a> ScopeJson<'a> {
    fn of(check: &'a ScopeCheck) -> Self {
        ScopeJson {
            requirement: check.requirement,
            met: check.met(),
            met_by: check.met_by.as_deref(),
            granular: check.granular,
            classic: check.classic,
            sub_account: check.sub_account,
            required: check.required,
        }
    }
}

impl<'a> UserJson<'a> {
    fn of(user: &'a User) -> Self {
        UserJson {
            id: &user.id,
            email: &user.email,
            display_name: &user.display_name,
        }
    }
}

impl<'a> RehearsalJson<'a> {
    fn of(report: &'a Report, asked: bool) -> Option<Self> {
        let steps = |status: &dyn Fn(RehearsalStep) -> StageStatus| {
            RehearsalStep::ALL
                .iter()
                .map(|s| (s.as_str(), status(*s)))
                .collect()
        };
        match (&report.rehearsal, asked) {
            (Some(r), _) => Some(RehearsalJson {
                host: Some(UserJson::of(&r.host)),
                steps: steps(&|s| r.status(s)),
                meeting_id: r.meeting.id().map(|id| id.to_string()),
                cleaned_up: r.cleaned_up(),
                meeting: MeetingJson::of(&r.meeting),
                interrupted: r.interrupted,
            }),
            // Asked for, but the check did not pass: nothing was written to Zoom.
            (None, true) => Some(RehearsalJson {
                host: report.default_user().map(UserJson::of),
                steps: steps(&|_| StageStatus::Skipped),
                meeting_id: None,
                cleaned_up: true,
                meeting: MeetingJson::of(&TestMeeting::NotCreated),
                interrupted: report.interrupted,
            }),
            (None, false) => None,
        }
    }
}

impl<'a> MeetingJson<'a> {
    fn of(meeting: &'a TestMeeting) -> Self {
        let id = meeting.id().map(|id| id.to_string());
        let plain = |state| MeetingJson {
            state,
            id: id.clone(),
            topic: None,
            start_time: None,
        };
        match meeting {
            TestMeeting::NotCreated => plain("not_created"),
            TestMeeting::Deleted { .. } => plain("deleted"),
            TestMeeting::PersonalRoom { .. } => plain("personal_room"),
            TestMeeting::Left(left) => MeetingJson {
                state: if left.id.is_some() {
                    "left"
                } else {
                    "maybe_left"
                },
                id: id.clone(),
                topic: Some(&left.topic),
                start_time: Some(crate::time::rfc3339(left.start_time)),
            },
        }
    }
}
