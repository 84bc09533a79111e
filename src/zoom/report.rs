//! The outcome of one verification run, as plain data the UI, `check` and reports read.

use serde::Serialize;
use strum::IntoStaticStr;

use crate::credentials::{Field, Severity};
use crate::i18n::{Lang, tr, trf};
use crate::zoom::html_page::Page;

/// The three checks of a run, in the order they are shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, IntoStaticStr)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Stage {
    Token,
    Scopes,
    Users,
}

impl Stage {
    pub const ALL: [Stage; 3] = [Stage::Token, Stage::Scopes, Stage::Users];

    /// Its name in `check --json` (`token`), as serde names it.
    pub fn as_str(self) -> &'static str {
        self.into()
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

/// The one table of diagnoses: each line makes a [`DiagnosisCode`] variant, its stable code
/// (JSON, README, the screens) and the keys of its sentences in `assets/diagnoses.toml`: the
/// title, the fix (with `{detail}`), and the fix for when Zoom gave no detail, where one exists.
macro_rules! diagnoses {
    ($($variant:ident => $code:literal, $title:literal, $fix:literal, $fix_no_detail:expr;)+) => {
        /// Stable diagnosis codes.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
        #[serde(rename_all = "snake_case")]
        pub enum DiagnosisCode {
            $($variant,)+
        }

        impl DiagnosisCode {
            pub const ALL: [DiagnosisCode; [$(stringify!($variant)),+].len()] =
                [$(DiagnosisCode::$variant,)+];

            pub fn as_str(self) -> &'static str {
                match self {
                    $(DiagnosisCode::$variant => $code,)+
                }
            }

            /// The text keys: (title, fix, fix without a detail).
            pub fn text_keys(self) -> (&'static str, &'static str, Option<&'static str>) {
                match self {
                    $(DiagnosisCode::$variant => ($title, $fix, $fix_no_detail),)+
                }
            }
        }
    };
}

diagnoses! {
    InvalidClient => "invalid_client", "diag.invalid_client.title", "diag.invalid_client.fix", None;
    InvalidAccountId => "invalid_account_id", "diag.invalid_account_id.title", "diag.invalid_account_id.fix", None;
    WrongAppType => "wrong_app_type", "diag.wrong_app_type.title", "diag.wrong_app_type.fix", None;
    MissingScopes => "missing_scopes", "diag.missing_scopes.title", "diag.missing_scopes.fix", None;
    MissingSubAccountScopes => "missing_sub_account_scopes", "diag.missing_sub_account_scopes.title", "diag.missing_sub_account_scopes.fix", None;
    TokenRejected => "token_rejected", "diag.token_rejected.title", "diag.token_rejected.fix", None;
    RateLimited => "rate_limited", "diag.rate_limited.title", "diag.rate_limited.fix", Some("diag.rate_limited.fix_no_detail");
    ZoomUnavailable => "zoom_unavailable", "diag.zoom_unavailable.title", "diag.zoom_unavailable.fix", None;
    UnexpectedResponse => "unexpected_response", "diag.unexpected_response.title", "diag.unexpected_response.fix", None;
    Network => "network", "diag.network.title", "diag.network.fix", None;
    Timeout => "timeout", "diag.timeout.title", "diag.timeout.fix", None;
    NoActiveUsers => "no_active_users", "diag.no_active_users.title", "diag.no_active_users.fix", None;
    UsersTruncated => "users_truncated", "diag.users_truncated.title", "diag.users_truncated.fix", None;
    HostBasicLicense => "host_basic_license", "diag.host_basic_license.title", "diag.host_basic_license.fix", None;
    HostCannotSchedule => "host_cannot_schedule", "diag.host_cannot_schedule.title", "diag.host_cannot_schedule.fix", None;
    HostNotFound => "host_not_found", "diag.host_not_found.title", "diag.host_not_found.fix", None;
    HostDailyLimit => "host_daily_limit", "diag.host_daily_limit.title", "diag.host_daily_limit.fix", None;
    MeetingScopesRejected => "meeting_scopes_rejected", "diag.meeting_scopes_rejected.title", "diag.meeting_scopes_rejected.fix", None;
    HostUsesPmi => "host_uses_pmi", "diag.host_uses_pmi.title", "diag.host_uses_pmi.fix", None;
    AppDisabled => "app_disabled", "diag.app_disabled.title", "diag.app_disabled.fix", None;
    CleanupFailed => "cleanup_failed", "diag.cleanup_failed.title", "diag.cleanup_failed.fix", None;
    MeetingMayBeLeft => "meeting_may_be_left", "diag.meeting_may_be_left.title", "diag.meeting_may_be_left.fix", None;
    // The network's causes (src/net/cause.rs), split from `network`, which keeps the unknown.
    NameNotResolved => "name_not_resolved", "diag.name_not_resolved.title", "diag.name_not_resolved.fix", None;
    ConnectionRefused => "connection_refused", "diag.connection_refused.title", "diag.connection_refused.fix", None;
    ConnectionReset => "connection_reset", "diag.connection_reset.title", "diag.connection_reset.fix", None;
    LookupTimeout => "lookup_timeout", "diag.lookup_timeout.title", "diag.lookup_timeout.fix", None;
    ConnectTimeout => "connect_timeout", "diag.connect_timeout.title", "diag.connect_timeout.fix", None;
    ProxyTimeout => "proxy_timeout", "diag.proxy_timeout.title", "diag.proxy_timeout.fix", None;
    TlsTimeout => "tls_timeout", "diag.tls_timeout.title", "diag.tls_timeout.fix", None;
    CertificateUntrusted => "certificate_untrusted", "diag.certificate_untrusted.title", "diag.certificate_untrusted.fix", None;
    CertificateDate => "certificate_date", "diag.certificate_date.title", "diag.certificate_date.fix", None;
    CertificateName => "certificate_name", "diag.certificate_name.title", "diag.certificate_name.fix", None;
    TlsIncompatible => "tls_incompatible", "diag.tls_incompatible.title", "diag.tls_incompatible.fix", None;
    ProxySettingInvalid => "proxy_setting_invalid", "diag.proxy_setting_invalid.title", "diag.proxy_setting_invalid.fix", None;
    ProxyNameNotResolved => "proxy_name_not_resolved", "diag.proxy_name_not_resolved.title", "diag.proxy_name_not_resolved.fix", None;
    ProxyUnreachable => "proxy_unreachable", "diag.proxy_unreachable.title", "diag.proxy_unreachable.fix", None;
    ProxyAuthRequired => "proxy_auth_required", "diag.proxy_auth_required.title", "diag.proxy_auth_required.fix", None;
    ProxyAuthUnsupported => "proxy_auth_unsupported", "diag.proxy_auth_unsupported.title", "diag.proxy_auth_unsupported.fix", None;
    ProxyBlocked => "proxy_blocked", "diag.proxy_blocked.title", "diag.proxy_blocked.fix", None;
    NetworkSignIn => "network_sign_in", "diag.network_sign_in.title", "diag.network_sign_in.fix", None;
}

impl DiagnosisCode {
    /// About the way to Zoom, not Zoom's answer: its detail is what the network said (the
    /// report and `--json` label it so).
    pub fn is_network(self) -> bool {
        use DiagnosisCode::*;
        matches!(
            self,
            Network
                | Timeout
                | NameNotResolved
                | ConnectionRefused
                | ConnectionReset
                | LookupTimeout
                | ConnectTimeout
                | ProxyTimeout
                | TlsTimeout
                | CertificateUntrusted
                | CertificateDate
                | CertificateName
                | TlsIncompatible
                | ProxySettingInvalid
                | ProxyNameNotResolved
                | ProxyUnreachable
                | ProxyAuthRequired
                | ProxyAuthUnsupported
                | ProxyBlocked
                | NetworkSignIn
        )
    }
}

impl DiagnosisCode {
    /// Says nothing about the setup, only that Zoom could not give an answer now: any cause on
    /// the way to Zoom (`is_network`), Zoom failing or answering strangely, a rate limit, the
    /// host's daily limit. The values may be right; the thing to do is to try again later.
    pub fn says_nothing_about_setup(self) -> bool {
        self.is_network()
            || matches!(
                self,
                DiagnosisCode::ZoomUnavailable
                    | DiagnosisCode::RateLimited
                    | DiagnosisCode::UnexpectedResponse
                    | DiagnosisCode::HostDailyLimit
            )
    }
}

/// What a run says about the values, in one word: every front end's verdict line (and
/// `check`'s exit code) comes from it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Ready for hacomono (warnings allowed).
    Ready,
    /// Something in the setup must be fixed first.
    Fix,
    /// Nothing is known to be wrong with the values: Zoom could not give an answer now.
    TryLater,
    /// Stopped before its end: nothing is known yet.
    Interrupted,
}

/// Whether a host can run hacomono's lessons, seen from the users list alone: a Basic user's
/// meetings end after 40 minutes.
pub fn host_fitness(user: &User) -> Option<Diagnosis> {
    (user.user_type == 1).then(|| Diagnosis {
        code: DiagnosisCode::HostBasicLicense,
        severity: Severity::Warning,
        field: None,
        detail: Some(user.name()),
    })
}

/// One thing that is wrong, language-neutral: its sentences come from the table above, with
/// `{detail}` filled from `detail`.
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
    /// The title in `lang`.
    pub fn title(&self, lang: Lang) -> String {
        tr(lang, self.code.text_keys().0).to_owned()
    }

    /// The fix in `lang` with `{detail}` filled in; without a detail, the variant for that
    /// where one exists (a rate limit whose reset time Zoom did not say).
    pub fn fix(&self, lang: Lang) -> String {
        // A web page answered: said by its title, not its markup.
        if self.code == DiagnosisCode::UnexpectedResponse
            && let Some(page) = self.detail.as_deref().and_then(Page::from_detail)
        {
            let status = page
                .status
                .map_or_else(|| "?".to_owned(), |s| s.to_string());
            return match &page.title {
                Some(title) => trf(
                    lang,
                    "diag.unexpected_response.fix_page",
                    &[("status", &status), ("title", title)],
                ),
                None => trf(
                    lang,
                    "diag.unexpected_response.fix_page_untitled",
                    &[("status", &status)],
                ),
            };
        }
        let (_, fix, fix_no_detail) = self.code.text_keys();
        match self.detail_for_people(lang) {
            Some(detail) => trf(lang, fix, &[("detail", &detail)]),
            None => tr(lang, fix_no_detail.unwrap_or(fix)).to_owned(),
        }
    }

    /// The detail as the fix says it: missing scopes named as STEP 1 shows them (the detail
    /// itself keeps Zoom's scope names, for `--json` and support).
    fn detail_for_people(&self, lang: Lang) -> Option<String> {
        let detail = self.detail.as_deref()?;
        Some(match self.code {
            DiagnosisCode::MissingScopes | DiagnosisCode::MissingSubAccountScopes => {
                crate::zoom::scopes::paths_of(detail, lang)
            }
            _ => detail.to_owned(),
        })
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

/// The three calls of a rehearsal, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, IntoStaticStr)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum RehearsalStep {
    Create,
    Update,
    Delete,
}

impl RehearsalStep {
    pub const ALL: [RehearsalStep; 3] = [
        RehearsalStep::Create,
        RehearsalStep::Update,
        RehearsalStep::Delete,
    ];

    /// Its name in `check --json` (`create`), as serde names it.
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    pub fn label_key(self) -> &'static str {
        match self {
            RehearsalStep::Create => "rehearsal.create",
            RehearsalStep::Update => "rehearsal.update",
            RehearsalStep::Delete => "rehearsal.delete",
        }
    }
}

/// What a rehearsal did, for one host.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Rehearsal {
    pub host: User,
    pub steps: Vec<(RehearsalStep, StageStatus)>,
    /// What became of its test meeting: what is in Zoom now because of it.
    pub meeting: TestMeeting,
    /// Stopped early (Ctrl+C, a closed window): what was left to do but the delete was skipped.
    pub interrupted: bool,
    /// What went wrong, in the check's terms; a report that takes the rehearsal in lists them
    /// among its diagnoses.
    pub problems: Vec<Diagnosis>,
}

impl Rehearsal {
    /// A rehearsal that never got to Zoom: every step skipped, nothing made.
    pub fn skipped(host: User) -> Rehearsal {
        Rehearsal {
            host,
            steps: RehearsalStep::ALL
                .iter()
                .map(|s| (*s, StageStatus::Skipped))
                .collect(),
            meeting: TestMeeting::NotCreated,
            interrupted: false,
            problems: Vec::new(),
        }
    }

    pub fn status(&self, step: RehearsalStep) -> StageStatus {
        self.steps
            .iter()
            .find(|(s, _)| *s == step)
            .map_or(StageStatus::Pending, |(_, st)| *st)
    }

    /// Every step passed: hacomono's calls work for this host.
    pub fn passed(&self) -> bool {
        self.steps.iter().all(|(_, s)| *s == StageStatus::Passed)
    }

    /// Nothing it made is (or may be) left in Zoom.
    pub fn cleaned_up(&self) -> bool {
        !matches!(self.meeting, TestMeeting::Left(_))
    }
}

/// The rehearsal's test meeting, as things stand in Zoom.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum TestMeeting {
    /// None was made: the create was refused, or never sent.
    NotCreated,
    /// Made and deleted again: nothing is left.
    Deleted { id: u64 },
    /// Zoom answered the create with the host's own personal room (PMI): nothing new was made,
    /// and the room was left untouched (deleting it would delete the host's personal room).
    PersonalRoom { id: u64 },
    /// Still in Zoom; or, with no `id`, perhaps: the create was sent and no answer came.
    Left(LeftMeeting),
}

impl TestMeeting {
    /// The meeting's id, where Zoom gave one.
    pub fn id(&self) -> Option<u64> {
        match self {
            TestMeeting::NotCreated => None,
            TestMeeting::Deleted { id } | TestMeeting::PersonalRoom { id } => Some(*id),
            TestMeeting::Left(left) => left.id,
        }
    }
}

/// A test meeting left in Zoom, with what a person needs to find and delete it by hand.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LeftMeeting {
    /// `None` when the create's answer never came: it may or may not exist.
    pub id: Option<u64>,
    /// Its topic as it is now (the update renames it).
    pub topic: String,
    /// When it is scheduled, as Unix seconds (shown with `time::for_people`).
    pub start_time: i64,
}

/// One active Zoom user, as much of it as the wizard shows: Zoom's other fields are dropped
/// as each page is read, so a large account costs a few strings per user.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct User {
    pub id: String,
    pub email: String,
    /// The display name, else first and last name (filled in when the page is read).
    pub display_name: String,
    /// 1 Basic, 2 Licensed, ...
    pub user_type: i64,
    pub role_id: String,
    /// The Personal Meeting ID, where Zoom lists one.
    pub pmi: Option<u64>,
}

impl User {
    /// The name to show.
    pub fn name(&self) -> String {
        self.display_name.clone()
    }
}

/// How far the listing of users has got, told while it runs ("users: 3,000 of 8,000").
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct UsersRead {
    /// Distinct users kept so far.
    pub read: u64,
    /// What Zoom says the account holds (`total_records`), if it says.
    pub total: Option<u64>,
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
    /// The rehearsal, if one was asked for; its problems are among `diagnoses`.
    pub rehearsal: Option<Box<Rehearsal>>,
    /// The check or its rehearsal was stopped before its end (Ctrl+C, a closed window): the
    /// report is incomplete, and never reads as ready.
    pub interrupted: bool,
    /// How each host was reached (direct or which proxy, and why), in the order contacted.
    pub route: Vec<crate::net::RouteUsed>,
}

impl Report {
    /// Ready for hacomono: a whole run that found nothing of severity `Error`.
    pub fn ok(&self) -> bool {
        !self.interrupted && !self.has_errors()
    }

    /// The verdict: "try again later" only where every error says nothing about the setup; one
    /// thing to fix among them makes it "fix".
    pub fn verdict(&self) -> Verdict {
        let mut errors = self
            .diagnoses
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .peekable();
        if self.interrupted {
            Verdict::Interrupted
        } else if errors.peek().is_none() {
            Verdict::Ready
        } else if errors.all(|d| d.code.says_nothing_about_setup()) {
            Verdict::TryLater
        } else {
            Verdict::Fix
        }
    }

    /// Something of severity `Error` was found.
    pub fn has_errors(&self) -> bool {
        self.diagnoses.iter().any(|d| d.severity == Severity::Error)
    }

    /// The check itself, its rehearsal aside, found nothing of severity `Error`.
    pub fn check_ok(&self) -> bool {
        let of_rehearsal = |d: &Diagnosis| {
            self.rehearsal
                .as_ref()
                .is_some_and(|r| r.problems.contains(d))
        };
        !self
            .diagnoses
            .iter()
            .any(|d| d.severity == Severity::Error && !of_rehearsal(d))
    }

    /// Takes in a rehearsal: its result and its problems, replacing an earlier one's.
    pub fn add_rehearsal(&mut self, rehearsal: Rehearsal) {
        if let Some(earlier) = self.rehearsal.take() {
            for problem in &earlier.problems {
                if let Some(at) = self.diagnoses.iter().position(|d| d == problem) {
                    self.diagnoses.remove(at);
                }
            }
        }
        self.diagnoses.extend(rehearsal.problems.iter().cloned());
        self.interrupted = rehearsal.interrupted;
        self.rehearsal = Some(Box::new(rehearsal));
    }

    /// Makes user `index` the default and says again whether that host can run lessons.
    pub fn choose_default_user(&mut self, index: usize) {
        if index >= self.users.len() {
            return;
        }
        self.default_user = Some(index);
        self.diagnoses
            .retain(|d| d.code != DiagnosisCode::HostBasicLicense);
        if let Some(warning) = host_fitness(&self.users[index]) {
            self.diagnoses.push(warning);
        }
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
