//! The outcome of one verification run, as plain data the UI, `check` and reports read.

use serde::Serialize;

use crate::credentials::{Field, Severity};
use crate::i18n::{Lang, TEXT, tr, trf};

/// The three checks of a run, in the order they are shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    Token,
    Scopes,
    Users,
}

impl Stage {
    pub const ALL: [Stage; 3] = [Stage::Token, Stage::Scopes, Stage::Users];

    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Token => "token",
            Stage::Scopes => "scopes",
            Stage::Users => "users",
        }
    }

    /// The text key of the stage's label (`stage.token`).
    pub fn label_key(self) -> &'static str {
        match self {
            Stage::Token => "stage.token",
            Stage::Scopes => "stage.scopes",
            Stage::Users => "stage.users",
        }
    }
}

/// How one check ended (or that it has not run yet).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StageStatus {
    Pending,
    Running,
    Passed,
    Warning,
    Failed,
    Skipped,
}

impl StageStatus {
    /// The one symbol of each status, the same on screen, in plain mode, in `check` and in
    /// the report (the full-screen wizard spins instead of showing `…` while running).
    pub fn symbol(self) -> &'static str {
        match self {
            StageStatus::Pending => "·",
            StageStatus::Running => "…",
            StageStatus::Passed => "✓",
            StageStatus::Warning => "!",
            StageStatus::Failed => "✗",
            StageStatus::Skipped => "–",
        }
    }
}

/// Stable diagnosis codes; their title and fix live in `assets/diagnoses.toml` under
/// `diag.<code>`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DiagnosisCode {
    InvalidClient,
    InvalidAccountId,
    WrongAppType,
    MissingScopes,
    MissingSubAccountScopes,
    TokenRejected,
    RateLimited,
    ZoomUnavailable,
    UnexpectedResponse,
    Network,
    Timeout,
    NoActiveUsers,
}

impl DiagnosisCode {
    pub const ALL: [DiagnosisCode; 12] = [
        DiagnosisCode::InvalidClient,
        DiagnosisCode::InvalidAccountId,
        DiagnosisCode::WrongAppType,
        DiagnosisCode::MissingScopes,
        DiagnosisCode::MissingSubAccountScopes,
        DiagnosisCode::TokenRejected,
        DiagnosisCode::RateLimited,
        DiagnosisCode::ZoomUnavailable,
        DiagnosisCode::UnexpectedResponse,
        DiagnosisCode::Network,
        DiagnosisCode::Timeout,
        DiagnosisCode::NoActiveUsers,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DiagnosisCode::InvalidClient => "invalid_client",
            DiagnosisCode::InvalidAccountId => "invalid_account_id",
            DiagnosisCode::WrongAppType => "wrong_app_type",
            DiagnosisCode::MissingScopes => "missing_scopes",
            DiagnosisCode::MissingSubAccountScopes => "missing_sub_account_scopes",
            DiagnosisCode::TokenRejected => "token_rejected",
            DiagnosisCode::RateLimited => "rate_limited",
            DiagnosisCode::ZoomUnavailable => "zoom_unavailable",
            DiagnosisCode::UnexpectedResponse => "unexpected_response",
            DiagnosisCode::Network => "network",
            DiagnosisCode::Timeout => "timeout",
            DiagnosisCode::NoActiveUsers => "no_active_users",
        }
    }
}

/// One thing that is wrong, language-neutral: the UI looks up `diag.<code>.title` and
/// `diag.<code>.fix` and fills `{detail}` from `detail`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnosis {
    pub code: DiagnosisCode,
    pub severity: Severity,
    /// The field the user should re-enter, where one is to blame.
    pub field: Option<Field>,
    /// Facts for the sentence: missing scope names, a reset time, a status and body excerpt.
    /// Never holds the secret.
    pub detail: Option<String>,
}

impl Diagnosis {
    /// `diag.<code>.title` in `lang`.
    pub fn title(&self, lang: Lang) -> String {
        tr(lang, &format!("diag.{}.title", self.code.as_str())).to_owned()
    }

    /// `diag.<code>.fix` in `lang` with `{detail}` filled in. Without a detail, the
    /// `diag.<code>.fix_no_detail` variant is used where one exists (e.g. a rate limit whose
    /// reset time Zoom did not say).
    pub fn fix(&self, lang: Lang) -> String {
        let code = self.code.as_str();
        match &self.detail {
            Some(detail) => trf(lang, &format!("diag.{code}.fix"), &[("detail", detail)]),
            None => {
                let plain = format!("diag.{code}.fix_no_detail");
                let key = if TEXT.contains_key(&plain) {
                    plain
                } else {
                    format!("diag.{code}.fix")
                };
                tr(lang, &key).to_owned()
            }
        }
    }
}

/// One requirement of hacomono and whether the token's scopes meet it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ScopeCheck {
    /// Stable id of the requirement, e.g. `meeting_create`, `sub_meeting_delete`, `user_list`.
    pub requirement: &'static str,
    /// The granular scope that meets it (e.g. `meeting:write:meeting:admin`).
    pub granular: &'static str,
    /// The classic umbrella scope that meets it as well (e.g. `meeting:write:admin`).
    pub classic: &'static [&'static str],
    /// The scope in the token that met it, if any.
    pub met_by: Option<String>,
    /// Sub-account requirements are warnings unless the account has sub accounts.
    pub sub_account: bool,
    /// Whether a miss is an error (false: a sub-account requirement on a plain account).
    pub required: bool,
}

impl ScopeCheck {
    pub fn met(&self) -> bool {
        self.met_by.is_some()
    }

    /// The text key of the requirement's label (`scope.meeting_create`).
    pub fn label_key(&self) -> String {
        format!("scope.{}", self.requirement)
    }
}

/// One active Zoom user, as much of it as the wizard shows.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct User {
    pub id: String,
    pub email: String,
    pub display_name: String,
    pub first_name: String,
    pub last_name: String,
    /// 1 Basic, 2 Licensed, ...
    pub user_type: i64,
    pub role_id: String,
    pub status: String,
}

/// Everything one run found out.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Report {
    pub stages: Vec<(Stage, StageStatus)>,
    pub diagnoses: Vec<Diagnosis>,
    pub scopes: Vec<ScopeCheck>,
    pub users: Vec<User>,
    pub users_total: Option<u64>,
    /// Index into `users` of the proposed default user (owner, else first licensed).
    pub default_user: Option<usize>,
    pub api_url: Option<String>,
    /// Milliseconds each HTTP request took, in order, named (`token`, `users`).
    pub timings_ms: Vec<(String, u64)>,
}

impl Report {
    /// Ready for hacomono: nothing of severity `Error`.
    pub fn ok(&self) -> bool {
        !self.diagnoses.iter().any(|d| d.severity == Severity::Error)
    }

    /// The proposed default user, if one is known.
    pub fn default_user(&self) -> Option<&User> {
        self.default_user.and_then(|i| self.users.get(i))
    }

    pub fn status(&self, stage: Stage) -> StageStatus {
        self.stages
            .iter()
            .find(|(s, _)| *s == stage)
            .map_or(StageStatus::Pending, |(_, st)| *st)
    }
}
