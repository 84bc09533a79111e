//! The accounts the emulator plays: the demo account's values, and the one table of scenarios a
//! Client ID picks (what each does at each endpoint is in `faults`).

/// The demo account's values: a healthy app holding every scope hacomono asks for.
pub const DEMO_ACCOUNT_ID: &str = "dEm0AcCoUnT-hAcoMono01";
pub const DEMO_CLIENT_ID: &str = "dEm0cLiEnT-hAcoMonoZm1";
pub const DEMO_CLIENT_SECRET: &str = "hAcoMonoDeM0sEcReTzOoM2wIzArD7qX";

/// The three values of an app, as a Zoom integration is given them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DemoCredentials {
    pub account_id: &'static str,
    pub client_id: &'static str,
    pub client_secret: &'static str,
}

/// The demo account's values: the healthy scenario.
pub fn demo_credentials() -> DemoCredentials {
    DemoCredentials {
        account_id: DEMO_ACCOUNT_ID,
        client_id: DEMO_CLIENT_ID,
        client_secret: DEMO_CLIENT_SECRET,
    }
}

/// The one scenario table: each line makes a variant of [`Scenario`], the Client ID that
/// picks it and what it does. Any secret and any non-empty Account ID work with a scenario's
/// Client ID, except where the scenario is about those.
macro_rules! scenarios {
    ($($variant:ident => $client_id:expr, $about:expr;)+) => {
        /// What the emulator does for a Client ID; see [`Scenario::ALL`].
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Scenario {
            $($variant,)+
        }

        impl Scenario {
            /// Every scenario, in the order the demo lists them.
            pub const ALL: &[Scenario] = &[$(Scenario::$variant,)+];

            /// The Client ID that picks this scenario.
            pub fn client_id(self) -> &'static str {
                match self {
                    $(Scenario::$variant => $client_id,)+
                }
            }

            /// One line on what happens, for tests, `--help` and the demo's list.
            pub fn about(self) -> &'static str {
                match self {
                    $(Scenario::$variant => $about,)+
                }
            }
        }
    };
}

scenarios! {
    Healthy => DEMO_CLIENT_ID,
        "Healthy app with every scope (needs the demo Account ID and secret)";
    InvalidClient => "demoInvalidClient",
        "Wrong Client ID or secret (HTTP 400 invalid_client)";
    InvalidClient401 => "demoInvalidClient401",
        "Wrong Client ID or secret (HTTP 401 invalid_client)";
    BadAccountId => "demoBadAccountId",
        "Wrong Account ID (invalid_request, \"Bad Request\")";
    BadAccountIdLower => "demoBadAccountIdLower",
        "Wrong Account ID (invalid_request, \"Bad request\")";
    WrongAppType => "demoWrongAppType",
        "Not a Server-to-Server OAuth app (unsupported_grant_type)";
    TokenRejected => "demoTokenRejected",
        "Token issued, then refused when listing users (124 Invalid access token)";
    TokenExpired => "demoTokenExpired",
        "Token issued, then refused when listing users (124 Access token is expired)";
    TokenRejectedEmpty => "demoTokenRejectedEmpty",
        "Token issued, then refused when listing users (HTTP 401 with an empty body)";
    UserScope4711 => "demoUserScope4711",
        "Token lists every scope, but listing users is refused: 4711 scopes:[..]";
    UserScope4700 => "demoUserScope4700",
        "Token lists every scope, but listing users is refused: 4700 scopes: [a, b]";
    ClassicScopes => "demoClassicScopes",
        "Healthy app holding classic scopes only";
    NoDeleteScope => "demoNoDeleteScope",
        "The scope to delete meetings is missing";
    NoSubAccountScopes => "demoNoSubAccountScopes",
        "Healthy, but without the sub-account scopes";
    RateLimitOnce => "demoRateLimitOnce",
        "Listing users hits the per-second rate limit once, then works";
    DailyLimit => "demoDailyLimit",
        "Listing users hits the daily rate limit (Retry-After: next midnight UTC)";
    UnavailableOnce => "demoUnavailableOnce",
        "The token server answers 503 once, then works";
    Unavailable => "demoUnavailable",
        "The token server always answers 503";
    Slow => "demoSlow",
        "The token server answers too late (longer than the timeout)";
    Html => "demoHtml",
        "An HTML page instead of JSON (a proxy or captive portal)";
    Regional => "demoRegional",
        "Account on a regional cluster: the token's api_url must be followed";
    ManyPages => "demoManyPages",
        "Users spread over several pages, no owner among them";
    NoActiveUsers => "demoNoActiveUsers",
        "The account has no active users";
    AppDisabled => "demoAppDisabled",
        "The app was disabled: the token request answers 4717's \"The app has been disabled\"";
    BasicOwner => "demoBasicOwner",
        "Healthy, but the owner is a Basic user: meetings end after 40 minutes";
    HostCannotSchedule => "demoHostCannotSchedule",
        "Rehearsal: creating a meeting answers 3161 (the host may not host or schedule)";
    HostDailyLimit => "demoHostDailyLimit",
        "Rehearsal: the host's 100 creates and updates a day are used up (429)";
    MeetingScopesRejected => "demoMeetingScopesRejected",
        "Rehearsal: the token lists the meeting scopes, but creating answers 4711";
    PmiHost => "demoPmiHost",
        "Rehearsal: the host schedules with the Personal Meeting ID (the meeting is the PMI)";
    DeleteFails => "demoDeleteFails",
        "Rehearsal: deleting the meeting keeps failing (503): it is left behind";
    XmlErrors => "demoXmlErrors",
        "Rehearsal: creating answers 3161 as an XML body instead of JSON";
    CreatedUnreadable => "demoCreatedUnreadable",
        "Rehearsal: the meeting is made, but the answer is a proxy's HTML page (no meeting ID)";
    LargeAccount => "demoLargeAccount",
        "8,000 active users on 27 pages of 300, the owner on the last page";
    RepeatingToken => "demoRepeatingToken",
        "Every page gives the same next_page_token and users (a mock from Zoom's OpenAPI spec)";
    EndlessPages => "demoEndlessPages",
        "Every page gives the same users with a new next_page_token, without end";
}

impl Scenario {
    /// The scenario a Client ID picks, if any.
    pub fn from_client_id(client_id: &str) -> Option<Scenario> {
        Scenario::ALL
            .iter()
            .copied()
            .find(|s| s.client_id() == client_id)
    }
}

/// Every scope hacomono asks for, granular, as a token's `scope` string.
pub(crate) const GRANULAR_SCOPES: &str = "meeting:delete:meeting:admin meeting:delete:meeting:master \
    meeting:update:meeting:admin meeting:update:meeting:master meeting:write:meeting:admin \
    meeting:write:meeting:master user:read:list_users:admin";
pub(crate) const CLASSIC_SCOPES: &str = "meeting:master meeting:write:admin user:read:admin";
pub(crate) const NO_DELETE_SCOPES: &str = "meeting:delete:meeting:master meeting:update:meeting:admin \
    meeting:update:meeting:master meeting:write:meeting:admin meeting:write:meeting:master \
    user:read:list_users:admin";
pub(crate) const NO_SUB_ACCOUNT_SCOPES: &str = "meeting:delete:meeting:admin meeting:update:meeting:admin \
    meeting:write:meeting:admin user:read:list_users:admin";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_scenario_has_its_own_client_id_and_a_description() {
        for (i, scenario) in Scenario::ALL.iter().enumerate() {
            let id = scenario.client_id();
            assert_eq!(Scenario::from_client_id(id), Some(*scenario), "{id}");
            assert!(!scenario.about().is_empty());
            assert!(
                Scenario::ALL[..i]
                    .iter()
                    .all(|other| other.client_id() != id),
                "{id}"
            );
        }
    }

    #[test]
    fn demo_values_look_real() {
        let demo = demo_credentials();
        assert_eq!(demo.account_id.len(), 22);
        assert_eq!(demo.client_id.len(), 22);
        assert_eq!(demo.client_secret.len(), 32);
        assert_eq!(
            Scenario::from_client_id(demo.client_id),
            Some(Scenario::Healthy)
        );
    }
}
