//! The one table of faults: what each scenario does wrong, and at which endpoint. Every
//! endpoint asks [`fault`] first and answers as a healthy Zoom would when there is none.

use hyper::StatusCode;

use crate::answers::{self, Answer};
use crate::scenario::Scenario;
use crate::state::Shared;

/// The endpoints the emulator serves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Endpoint {
    Token,
    Users,
    Create,
    Update,
    Delete,
}

/// Something wrong in an answer.
#[derive(Debug)]
pub(crate) enum Fault {
    /// OAuth's `invalid_client`, with this status.
    InvalidClient(StatusCode),
    /// OAuth's error shape with HTTP 400: (reason, error).
    OAuth(&'static str, &'static str),
    /// The REST error shape: (status, code, message).
    Rest(StatusCode, i64, &'static str),
    /// The same as XML.
    Xml(StatusCode, i64, &'static str),
    /// This status, and no body at all.
    Empty(StatusCode),
    /// 503.
    Unavailable,
    /// A proxy's HTML page.
    Html,
    PerSecondLimit,
    DailyLimit,
    /// No answer until `EmulatorConfig::slow_delay` has passed, then the healthy one.
    Slow,
    /// The first request, and every second one after, gets the fault; the others the
    /// healthy answer.
    EveryOther(&'static Fault),
}

const CANNOT_HOST: &str =
    "Your user account is not allowed meeting hosting and scheduling capabilities.";

/// What `scenario` does wrong at `endpoint`, if anything.
pub(crate) fn fault(scenario: Scenario, endpoint: Endpoint) -> Option<Fault> {
    use Endpoint::{Create, Delete, Token, Users};
    use Scenario as S;
    const BAD: StatusCode = StatusCode::BAD_REQUEST;
    const UNAUTHORIZED: StatusCode = StatusCode::UNAUTHORIZED;
    Some(match (scenario, endpoint) {
        (S::InvalidClient, Token) => Fault::InvalidClient(BAD),
        (S::InvalidClient401, Token) => Fault::InvalidClient(UNAUTHORIZED),
        (S::BadAccountId, Token) => Fault::OAuth("Bad Request", "invalid_request"),
        (S::BadAccountIdLower, Token) => Fault::OAuth("Bad request", "invalid_request"),
        (S::WrongAppType, Token) => {
            Fault::OAuth("unsupported grant type", "unsupported_grant_type")
        }
        (S::AppDisabled, Token) => Fault::OAuth("The app has been disabled", "invalid_client"),
        (S::UnavailableOnce, Token) => Fault::EveryOther(&Fault::Unavailable),
        (S::Unavailable, Token) => Fault::Unavailable,
        (S::Slow, Token) => Fault::Slow,
        (S::Html, Token) => Fault::Html,
        (S::TokenRejected, Users) => Fault::Rest(UNAUTHORIZED, 124, "Invalid access token."),
        (S::TokenExpired, Users) => Fault::Rest(UNAUTHORIZED, 124, "Access token is expired."),
        (S::TokenRejectedEmpty, Users) => Fault::Empty(UNAUTHORIZED),
        (S::UserScope4711, Users) => Fault::Rest(
            BAD,
            4711,
            "Invalid access token, does not contain scopes:[user:read:list_users:admin].",
        ),
        (S::UserScope4700, Users) => Fault::Rest(
            UNAUTHORIZED,
            4700,
            "Invalid access token, does not contain scopes: [user:read:list_users:admin, user:read:admin]",
        ),
        (S::RateLimitOnce, Users) => Fault::EveryOther(&Fault::PerSecondLimit),
        (S::DailyLimit, Users) => Fault::DailyLimit,
        (S::HostCannotSchedule, Create) => Fault::Rest(BAD, 3161, CANNOT_HOST),
        (S::XmlErrors, Create) => Fault::Xml(BAD, 3161, CANNOT_HOST),
        (S::HostDailyLimit, Create) => Fault::Rest(
            StatusCode::TOO_MANY_REQUESTS,
            429,
            "You have exceeded the daily rate limit (100) of Meeting Create/Update API requests permitted for this particular user. You may resume these requests at GMT 00:00:00.",
        ),
        (S::MeetingScopesRejected, Create) => Fault::Rest(
            BAD,
            4711,
            "Invalid access token, does not contain scopes:[meeting:write:meeting:admin].",
        ),
        (S::DeleteFails, Delete) => Fault::Unavailable,
        _ => return None,
    })
}

impl Fault {
    /// A fault about the values themselves, answered before anything else is looked at.
    pub(crate) fn is_about_the_values(&self) -> bool {
        matches!(self, Fault::InvalidClient(_) | Fault::OAuth(..))
    }

    /// The faulty answer; `None` when this request gets the healthy one (after a delay, for
    /// `Slow`).
    pub(crate) async fn answer(
        &self,
        shared: &Shared,
        scenario: Scenario,
        endpoint: Endpoint,
    ) -> Option<Answer> {
        let headers = shared.config.rate_limit_headers;
        Some(match self {
            Fault::InvalidClient(status) => answers::invalid_client(*status),
            Fault::OAuth(reason, error) => {
                answers::oauth_error(StatusCode::BAD_REQUEST, reason, error)
            }
            Fault::Rest(status, code, message) => answers::rest_error(*status, *code, message),
            Fault::Xml(status, code, message) => answers::xml_error(*status, *code, message),
            Fault::Empty(status) => answers::empty(*status),
            Fault::Unavailable => answers::unavailable(),
            Fault::Html => answers::html_page(),
            Fault::PerSecondLimit => answers::per_second_limit(headers),
            Fault::DailyLimit => answers::daily_limit(headers),
            Fault::Slow => {
                tokio::time::sleep(shared.config.slow_delay).await;
                return None;
            }
            Fault::EveryOther(fault) => {
                if shared.hit(scenario, endpoint) % 2 != 0 {
                    return None;
                }
                return Box::pin(fault.answer(shared, scenario, endpoint)).await;
            }
        })
    }
}
