//! An emulator of the Zoom endpoints hacomono-zoom-setup calls, on 127.0.0.1, for its tests
//! and `--demo`. It answers with the bodies Zoom has been seen to send (README § "The Zoom
//! emulator" lists them); the Client ID picks a scenario (see [`Scenario`]).
//!
//! Where Zoom's behaviour is unknown the emulator is stricter than Zoom, so our client is
//! kept honest: it refuses a client id, secret or `scope` in the token request's parameters,
//! and a regional token is only accepted under its cluster's path.

use std::collections::HashMap;
use std::convert::Infallible;
use std::io;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use base64::Engine as _;
use http_body_util::{BodyExt as _, Full, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::header::{AUTHORIZATION, CONTENT_TYPE, HeaderValue};
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use serde_json::{Value, json};
use tokio::net::TcpListener;
use tokio::task::{JoinHandle, JoinSet};

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
    LargeAccount => "demoLargeAccount",
        "8,000 active users on 27 pages of 300, the owner on the last page";
    RepeatingToken => "demoRepeatingToken",
        "Every page gives the same next_page_token and users (a mock from Zoom's OpenAPI spec)";
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
const GRANULAR_SCOPES: &str = "meeting:delete:meeting:admin meeting:delete:meeting:master \
    meeting:update:meeting:admin meeting:update:meeting:master meeting:write:meeting:admin \
    meeting:write:meeting:master user:read:list_users:admin";
const CLASSIC_SCOPES: &str = "meeting:master meeting:write:admin user:read:admin";
const NO_DELETE_SCOPES: &str = "meeting:delete:meeting:master meeting:update:meeting:admin \
    meeting:update:meeting:master meeting:write:meeting:admin meeting:write:meeting:master \
    user:read:list_users:admin";
const NO_SUB_ACCOUNT_SCOPES: &str = "meeting:delete:meeting:admin meeting:update:meeting:admin \
    meeting:write:meeting:admin user:read:list_users:admin";

/// The path prefix of the regional scenario's API ("the EU cluster").
const REGIONAL_PREFIX: &str = "/eu01";
/// Page size of the several-pages scenario (Zoom's is up to 300; small shows the paging).
const SMALL_PAGE: usize = 2;

/// Users of the large-account scenario by default.
pub const LARGE_USERS: usize = 8_000;
/// The `next_page_token` of the example in Zoom's OpenAPI spec, which a mock served from the
/// spec gives on every page.
const SPEC_PAGE_TOKEN: &str = "IAfJX3jsOLW7w3dokmFl84zOa0MAVGyMEB2";

/// Knobs for tests.
#[derive(Clone, Debug)]
pub struct EmulatorConfig {
    /// How long the slow scenario waits before answering (longer than the client timeout).
    pub slow_delay: Duration,
    /// Send `X-RateLimit-*` and a per-second `Retry-After` with 429s (Zoom often does not).
    pub rate_limit_headers: bool,
    /// Added before every answer, as a far-away Zoom would (benchmarks count round trips).
    pub latency: Duration,
    /// Added on top before every answer of the meeting endpoints (create, update, delete): a
    /// rehearsal slow enough to be interrupted at each step, after a quick check.
    pub meeting_latency: Duration,
    /// Active users of the large-account scenario (made as each page is asked for).
    pub large_users: usize,
}

impl Default for EmulatorConfig {
    fn default() -> Self {
        // Longer than the default 10 s timeout.
        EmulatorConfig {
            slow_delay: Duration::from_secs(15),
            rate_limit_headers: false,
            latency: Duration::ZERO,
            meeting_latency: Duration::ZERO,
            large_users: LARGE_USERS,
        }
    }
}

/// State the connections share.
struct Shared {
    config: EmulatorConfig,
    base_url: String,
    requests: AtomicU64,
    tokens_minted: AtomicU64,
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    /// Access token -> the scenario it was minted for.
    tokens: HashMap<String, Scenario>,
    /// Requests seen per scenario and endpoint, for the "once, then works" scenarios.
    hits: HashMap<(Scenario, &'static str), u64>,
    /// Next-page tokens handed out -> the offset they continue at.
    pages: HashMap<String, usize>,
    /// Meetings created and not deleted yet: id -> (host user id, topic).
    meetings: HashMap<u64, (String, String)>,
    serial: u64,
}

impl Shared {
    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        // A panicking handler cannot leave the maps half-written in a way that matters here.
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// 0 for the first request of this scenario at this endpoint, then 1, 2, ...
    fn hit(&self, scenario: Scenario, endpoint: &'static str) -> u64 {
        let mut inner = self.lock();
        let n = inner.hits.entry((scenario, endpoint)).or_insert(0);
        *n += 1;
        *n - 1
    }
}

/// A running emulator; stops when dropped.
pub struct Emulator {
    addr: SocketAddr,
    shared: Arc<Shared>,
    task: JoinHandle<()>,
}

impl Drop for Emulator {
    fn drop(&mut self) {
        // The accept task owns every connection (a JoinSet): aborting it ends them all.
        self.task.abort();
    }
}

impl Emulator {
    /// Starts on 127.0.0.1 on a free port with the default configuration.
    pub async fn start() -> io::Result<Emulator> {
        Emulator::start_with(EmulatorConfig::default()).await
    }

    /// Starts on 127.0.0.1 on a free port.
    pub async fn start_with(config: EmulatorConfig) -> io::Result<Emulator> {
        Emulator::start_on(0, config).await
    }

    /// Starts on 127.0.0.1 on `port` (0: a free one).
    pub async fn start_on(port: u16, config: EmulatorConfig) -> io::Result<Emulator> {
        let listener = TcpListener::bind(("127.0.0.1", port)).await?;
        let addr = listener.local_addr()?;
        let shared = Arc::new(Shared {
            config,
            base_url: format!("http://{addr}"),
            requests: AtomicU64::new(0),
            tokens_minted: AtomicU64::new(0),
            inner: Mutex::new(Inner::default()),
        });
        let task = tokio::spawn(accept_loop(listener, Arc::clone(&shared)));
        Ok(Emulator { addr, shared, task })
    }

    /// `http://127.0.0.1:PORT`: both the OAuth and the API base.
    pub fn base_url(&self) -> String {
        self.shared.base_url.clone()
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Access tokens handed out so far.
    pub fn tokens_minted(&self) -> u64 {
        self.shared.tokens_minted.load(Ordering::SeqCst)
    }

    /// Meetings created and not deleted: a rehearsal must leave none behind.
    pub fn meetings_left(&self) -> usize {
        self.shared.lock().meetings.len()
    }

    /// The meetings created and not deleted, as (id, topic), by id: what a person would find
    /// in Zoom's web portal.
    pub fn meetings(&self) -> Vec<(u64, String)> {
        let mut meetings: Vec<(u64, String)> = self
            .shared
            .lock()
            .meetings
            .iter()
            .map(|(id, (_, topic))| (*id, topic.clone()))
            .collect();
        meetings.sort();
        meetings
    }

    /// Requests received so far at each meeting endpoint: (creates, updates, deletes).
    pub fn meeting_requests(&self) -> (u64, u64, u64) {
        let inner = self.shared.lock();
        let count = |endpoint| {
            inner
                .hits
                .iter()
                .filter(|((_, e), _)| *e == endpoint)
                .map(|(_, n)| *n)
                .sum()
        };
        (count("create"), count("update"), count("delete"))
    }

    /// HTTP requests received so far, on any path.
    pub fn requests(&self) -> u64 {
        self.shared.requests.load(Ordering::SeqCst)
    }
}

async fn accept_loop(listener: TcpListener, shared: Arc<Shared>) {
    let mut connections = JoinSet::new();
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(_) => {
                // Out of file descriptors and the like: wait instead of spinning.
                tokio::time::sleep(Duration::from_millis(20)).await;
                continue;
            }
        };
        let shared = Arc::clone(&shared);
        connections.spawn(async move {
            let service = hyper::service::service_fn(move |req| handle(Arc::clone(&shared), req));
            // A client that hangs up mid-request is not our problem.
            let _ = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
        while connections.try_join_next().is_some() {}
    }
}

type Answer = Response<Full<Bytes>>;

async fn handle(shared: Arc<Shared>, req: Request<Incoming>) -> Result<Answer, Infallible> {
    shared.requests.fetch_add(1, Ordering::SeqCst);
    if !shared.config.latency.is_zero() {
        tokio::time::sleep(shared.config.latency).await;
    }
    let meeting_call = req.uri().path().contains("/meetings");
    if meeting_call && !shared.config.meeting_latency.is_zero() {
        tokio::time::sleep(shared.config.meeting_latency).await;
    }
    let (parts, body) = req.into_parts();
    let body = match Limited::new(body, 64 * 1024).collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(_) => {
            return Ok(rest_error(
                StatusCode::PAYLOAD_TOO_LARGE,
                413,
                "Request body too large.",
            ));
        }
    };
    let path = parts.uri.path();
    let (regional, path) = match path.strip_prefix(REGIONAL_PREFIX) {
        Some(rest) => (true, rest),
        None => (false, path),
    };
    let auth = parts
        .headers
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let query = parts.uri.query().unwrap_or("");
    let answer = match (&parts.method, path) {
        (&Method::POST, "/oauth/token") => token(&shared, auth, query, &body).await,
        (&Method::GET, "/v2/users") => users(&shared, auth, query, regional),
        (method, path) if path.starts_with("/v2/users/") && path.ends_with("/meetings") => {
            let host = &path["/v2/users/".len()..path.len() - "/meetings".len()];
            match *method {
                Method::POST => create_meeting(&shared, auth, regional, host, &body),
                _ => rest_error(StatusCode::METHOD_NOT_ALLOWED, 405, "Method not allowed."),
            }
        }
        (method, path) if path.starts_with("/v2/meetings/") => {
            let id = path["/v2/meetings/".len()..].parse::<u64>().unwrap_or(0);
            match *method {
                Method::PATCH => update_meeting(&shared, auth, regional, id, &body),
                Method::DELETE => delete_meeting(&shared, auth, regional, id),
                _ => rest_error(StatusCode::METHOD_NOT_ALLOWED, 405, "Method not allowed."),
            }
        }
        (_, "/oauth/token" | "/v2/users") => {
            rest_error(StatusCode::METHOD_NOT_ALLOWED, 405, "Method not allowed.")
        }
        _ => rest_error(StatusCode::NOT_FOUND, 404, "Not found."),
    };
    Ok(answer)
}

/// `name=value&...` (query string or form body), percent-decoded.
fn params(text: &str) -> Vec<(String, String)> {
    form_urlencoded::parse(text.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

fn now_unix() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// The (client id, secret) of a Basic authorization header.
fn basic_auth(auth: &str) -> Option<(String, String)> {
    let encoded = auth
        .strip_prefix("Basic ")
        .or_else(|| auth.strip_prefix("basic "))?;
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .ok()?;
    let text = String::from_utf8(decoded).ok()?;
    let (id, secret) = text.split_once(':')?;
    Some((id.to_owned(), secret.to_owned()))
}

async fn token(shared: &Shared, auth: &str, query: &str, body: &[u8]) -> Answer {
    // Zoom takes the two parameters from the query string or a form body.
    let mut all = params(query);
    all.extend(params(&String::from_utf8_lossy(body)));
    let param = |name: &str| all.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str());
    if ["client_id", "client_secret", "scope"]
        .iter()
        .any(|n| param(n).is_some())
    {
        return oauth_error(StatusCode::BAD_REQUEST, "Bad Request", "invalid_request");
    }
    let Some((client_id, secret)) = basic_auth(auth) else {
        return invalid_client(StatusCode::UNAUTHORIZED);
    };
    let Some(scenario) = Scenario::from_client_id(&client_id) else {
        return invalid_client(StatusCode::BAD_REQUEST);
    };
    if param("grant_type") != Some("account_credentials") || scenario == Scenario::WrongAppType {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "unsupported grant type",
            "unsupported_grant_type",
        );
    }
    let account_id = param("account_id").unwrap_or("");
    match scenario {
        Scenario::InvalidClient => return invalid_client(StatusCode::BAD_REQUEST),
        Scenario::InvalidClient401 => return invalid_client(StatusCode::UNAUTHORIZED),
        Scenario::Healthy if secret != DEMO_CLIENT_SECRET => {
            return invalid_client(StatusCode::BAD_REQUEST);
        }
        Scenario::BadAccountIdLower => {
            return oauth_error(StatusCode::BAD_REQUEST, "Bad request", "invalid_request");
        }
        Scenario::Healthy if account_id != DEMO_ACCOUNT_ID => return bad_account(),
        Scenario::BadAccountId => return bad_account(),
        _ if account_id.is_empty() => return bad_account(),
        Scenario::UnavailableOnce if shared.hit(scenario, "token") % 2 == 0 => {
            return unavailable();
        }
        Scenario::Unavailable => return unavailable(),
        Scenario::Slow => tokio::time::sleep(shared.config.slow_delay).await,
        Scenario::Html => return html_page(),
        Scenario::AppDisabled => {
            return oauth_error(
                StatusCode::BAD_REQUEST,
                "The app has been disabled",
                "invalid_client",
            );
        }
        _ => {}
    }
    mint(shared, scenario)
}

fn mint(shared: &Shared, scenario: Scenario) -> Answer {
    let access_token = {
        let mut inner = shared.lock();
        inner.serial += 1;
        let nonce = now_unix()
            .unsigned_abs()
            .wrapping_mul(0x9E37_79B9_7F4A_7C15)
            ^ inner.serial;
        let token = format!(
            "eyJzdiI6IjAwMDAwMiIsImFsZyI6IkhTNTEyIn0.emu{}.{nonce:016x}",
            inner.serial
        );
        inner.tokens.insert(token.clone(), scenario);
        token
    };
    shared.tokens_minted.fetch_add(1, Ordering::SeqCst);
    let scope = match scenario {
        Scenario::ClassicScopes => CLASSIC_SCOPES,
        Scenario::NoDeleteScope => NO_DELETE_SCOPES,
        Scenario::NoSubAccountScopes => NO_SUB_ACCOUNT_SCOPES,
        _ => GRANULAR_SCOPES,
    };
    let api_url = match scenario {
        Scenario::Regional => format!("{}{REGIONAL_PREFIX}", shared.base_url),
        _ => shared.base_url.clone(),
    };
    json_answer(
        StatusCode::OK,
        &json!({
            "access_token": access_token,
            "token_type": "bearer",
            "expires_in": 3599,
            "scope": scope,
            "api_url": api_url,
        }),
    )
}

/// The scenario of a bearer token minted here, on the cluster it was minted for.
fn bearer_scenario(shared: &Shared, auth: &str, regional: bool) -> Option<Scenario> {
    let bearer = auth
        .strip_prefix("Bearer ")
        .or_else(|| auth.strip_prefix("bearer "))
        .unwrap_or("");
    let scenario = shared.lock().tokens.get(bearer.trim()).copied();
    scenario.filter(|s| (*s == Scenario::Regional) == regional)
}

fn users(shared: &Shared, auth: &str, query: &str, regional: bool) -> Answer {
    let Some(scenario) = bearer_scenario(shared, auth, regional) else {
        return rest_error(StatusCode::UNAUTHORIZED, 124, "Invalid access token.");
    };
    match scenario {
        Scenario::TokenRejected => {
            rest_error(StatusCode::UNAUTHORIZED, 124, "Invalid access token.")
        }
        Scenario::TokenExpired => {
            rest_error(StatusCode::UNAUTHORIZED, 124, "Access token is expired.")
        }
        Scenario::TokenRejectedEmpty => {
            let mut answer = Response::new(Full::new(Bytes::new()));
            *answer.status_mut() = StatusCode::UNAUTHORIZED;
            answer
        }
        Scenario::UserScope4711 => rest_error(
            StatusCode::BAD_REQUEST,
            4711,
            "Invalid access token, does not contain scopes:[user:read:list_users:admin].",
        ),
        Scenario::UserScope4700 => rest_error(
            StatusCode::UNAUTHORIZED,
            4700,
            "Invalid access token, does not contain scopes: [user:read:list_users:admin, user:read:admin]",
        ),
        Scenario::RateLimitOnce if shared.hit(scenario, "users") % 2 == 0 => {
            per_second_limit(shared)
        }
        Scenario::DailyLimit => daily_limit(shared),
        _ => list_users(shared, scenario, query),
    }
}

fn list_users(shared: &Shared, scenario: Scenario, query: &str) -> Answer {
    let all = params(query);
    let param = |name: &str| all.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
    let users = Roster::of(shared, scenario);
    // Zoom answers `status=active` with active users only; anything else would show others.
    if param("status").as_deref() != Some("active") {
        return rest_error(
            StatusCode::BAD_REQUEST,
            300,
            "Only status=active is emulated.",
        );
    }
    let requested: usize = param("page_size")
        .and_then(|p| p.parse().ok())
        .unwrap_or(30);
    let page_size = match scenario {
        Scenario::ManyPages => SMALL_PAGE,
        _ => requested.clamp(1, 300),
    };
    if scenario == Scenario::RepeatingToken {
        // Whatever token is sent back, the same example page comes again.
        return json_answer(
            StatusCode::OK,
            &json!({
                "page_size": page_size,
                "total_records": 4,
                "next_page_token": SPEC_PAGE_TOKEN,
                "users": demo_users(),
            }),
        );
    }
    let start = match param("next_page_token").filter(|t| !t.is_empty()) {
        None => 0,
        Some(t) => match shared.lock().pages.get(&t) {
            Some(offset) => *offset,
            None => {
                return rest_error(
                    StatusCode::BAD_REQUEST,
                    300,
                    "The next page token is invalid or expired.",
                );
            }
        },
    };
    let end = (start + page_size).min(users.len());
    let next_page_token = if end < users.len() {
        let mut inner = shared.lock();
        inner.serial += 1;
        let token = format!("pg{}x{end}Qw8rT2", inner.serial);
        inner.pages.insert(token.clone(), end);
        token
    } else {
        String::new()
    };
    json_answer(
        StatusCode::OK,
        &json!({
            "page_size": page_size,
            "total_records": users.len(),
            "next_page_token": next_page_token,
            "users": users.page(start, end),
        }),
    )
}

/// The users of a scenario: listed, or made one page at a time (8,000 JSON values per
/// request would be wasted on a page of 300).
enum Roster {
    Listed(Vec<Value>),
    Generated(usize),
}

impl Roster {
    /// The active users of `scenario`'s account.
    fn of(shared: &Shared, scenario: Scenario) -> Self {
        match scenario {
            Scenario::NoActiveUsers => Roster::Listed(Vec::new()),
            Scenario::ManyPages => Roster::Listed(many_users()),
            Scenario::LargeAccount => Roster::Generated(shared.config.large_users),
            _ => Roster::Listed(scenario_users(scenario)),
        }
    }

    /// The user a meeting call names by id or e-mail, as Zoom takes either.
    fn find(&self, host: &str) -> Option<Value> {
        let named = |u: &Value| u["id"] == host || u["email"] == host;
        match self {
            Roster::Listed(users) => users.iter().find(|u| named(u)).cloned(),
            Roster::Generated(n) => (0..*n).map(|i| large_user(i, *n)).find(named),
        }
    }

    fn len(&self) -> usize {
        match self {
            Roster::Listed(users) => users.len(),
            Roster::Generated(n) => *n,
        }
    }

    fn page(&self, start: usize, end: usize) -> Vec<Value> {
        match self {
            Roster::Listed(users) => users.get(start..end).unwrap_or(&[]).to_vec(),
            Roster::Generated(n) => (start..end.min(*n)).map(|i| large_user(i, *n)).collect(),
        }
    }
}

/// The `i`th of `n` users of the large account, the same on every run: staff with Japanese
/// and English names, most of them licensed (so a listing cut short would propose one of
/// them), and the owner last.
fn large_user(i: usize, n: usize) -> Value {
    const FAMILY: [&str; 10] = [
        "佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤",
    ];
    const GIVEN: [&str; 8] = ["陽菜", "蓮", "結衣", "湊", "葵", "大翔", "さくら", "悠真"];
    let id = format!("LgUsEr{i:016}");
    if i + 1 == n {
        return user(
            &id,
            "オーナー",
            "本部",
            "本部 オーナー",
            "owner@large-gym.example",
            2,
            "0",
        );
    }
    let kind = if i % 5 == 4 { 1 } else { 2 };
    let email = format!("staff{i:05}@large-gym.example");
    if i % 3 == 0 {
        let first = format!("Coach{i:05}");
        let display = format!("Coach{i:05} Smith");
        user(&id, &first, "Smith", &display, &email, kind, "2")
    } else {
        let (family, given) = (FAMILY[i % FAMILY.len()], GIVEN[(i / 3) % GIVEN.len()]);
        let display = format!("{family} {given} {i:05}");
        user(&id, given, family, &display, &email, kind, "2")
    }
}

/// One active user as Zoom lists it.
fn user(
    id: &str,
    first: &str,
    last: &str,
    display: &str,
    email: &str,
    kind: u8,
    role_id: &str,
) -> Value {
    json!({
        "id": id,
        "first_name": first,
        "last_name": last,
        "display_name": display,
        "email": email,
        "type": kind,
        // Each user's own Personal Meeting ID, made from the id so it stays the same.
        "pmi": 8_100_000_000u64 + id.bytes().fold(0u64, |h, b| (h * 31 + u64::from(b)) % 99_999_999),
        "timezone": "Asia/Tokyo",
        "verified": 1,
        "dept": "",
        "created_at": "2023-04-01T01:23:45Z",
        "user_created_at": "2023-04-01T01:23:45Z",
        "last_login_time": "2024-05-01T00:12:34Z",
        "language": "ja-JP",
        "status": "active",
        "role_id": role_id,
    })
}

/// The users a scenario's account has.
fn scenario_users(scenario: Scenario) -> Vec<Value> {
    match scenario {
        Scenario::NoActiveUsers => Vec::new(),
        Scenario::ManyPages => many_users(),
        Scenario::BasicOwner => {
            let mut users = demo_users();
            for user in &mut users {
                if user["role_id"] == "0" {
                    user["type"] = json!(1);
                }
            }
            users
        }
        _ => demo_users(),
    }
}

/// `POST /v2/users/{host}/meetings`: a scheduled meeting for the host, kept until deleted.
fn create_meeting(shared: &Shared, auth: &str, regional: bool, host: &str, body: &[u8]) -> Answer {
    let Some(scenario) = bearer_scenario(shared, auth, regional) else {
        return rest_error(StatusCode::UNAUTHORIZED, 124, "Invalid access token.");
    };
    shared.hit(scenario, "create");
    let Ok(request) = serde_json::from_slice::<Value>(body) else {
        return rest_error(
            StatusCode::BAD_REQUEST,
            300,
            "Request Body should be a valid JSON object.",
        );
    };
    // Stricter than Zoom where it matters: a rehearsal must mail nobody and stay one meeting.
    let settings = &request["settings"];
    let quiet = request["type"] == 2
        && settings["email_notification"] == false
        && settings["registrants_email_notification"] == false
        && request.get("schedule_for").is_none()
        && request.get("recurrence").is_none()
        && request.get("invitees").is_none();
    if !quiet {
        return rest_error(
            StatusCode::BAD_REQUEST,
            300,
            "The emulator accepts only a scheduled meeting (type 2) that e-mails nobody.",
        );
    }
    let Some(user) = Roster::of(shared, scenario).find(host) else {
        return rest_error(
            StatusCode::NOT_FOUND,
            1001,
            &format!("User does not exist: {host}."),
        );
    };
    match scenario {
        Scenario::HostCannotSchedule => {
            return rest_error(
                StatusCode::BAD_REQUEST,
                3161,
                "Your user account is not allowed meeting hosting and scheduling capabilities.",
            );
        }
        Scenario::XmlErrors => {
            return xml_error(
                StatusCode::BAD_REQUEST,
                3161,
                "Your user account is not allowed meeting hosting and scheduling capabilities.",
            );
        }
        Scenario::HostDailyLimit => {
            return rest_error(
                StatusCode::TOO_MANY_REQUESTS,
                429,
                "You have exceeded the daily rate limit (100) of Meeting Create/Update API requests permitted for this particular user. You may resume these requests at GMT 00:00:00.",
            );
        }
        Scenario::MeetingScopesRejected => {
            return rest_error(
                StatusCode::BAD_REQUEST,
                4711,
                "Invalid access token, does not contain scopes:[meeting:write:meeting:admin].",
            );
        }
        _ => {}
    }
    let topic = request["topic"].as_str().unwrap_or("").to_owned();
    let id = {
        let mut inner = shared.lock();
        inner.serial += 1;
        // The personal room exists before and after: it is no meeting of the caller's.
        if scenario == Scenario::PmiHost {
            user["pmi"].as_u64().unwrap_or(0)
        } else {
            let id = 81_234_500_000 + inner.serial;
            let host_id = user["id"].as_str().unwrap_or("").to_owned();
            inner.meetings.insert(id, (host_id, topic.clone()));
            id
        }
    };
    json_answer(
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

/// `PATCH /v2/meetings/{id}`: only the topic changes here.
fn update_meeting(shared: &Shared, auth: &str, regional: bool, id: u64, body: &[u8]) -> Answer {
    let Some(scenario) = bearer_scenario(shared, auth, regional) else {
        return rest_error(StatusCode::UNAUTHORIZED, 124, "Invalid access token.");
    };
    shared.hit(scenario, "update");
    let topic = serde_json::from_slice::<Value>(body)
        .ok()
        .and_then(|v| v["topic"].as_str().map(str::to_owned));
    let mut inner = shared.lock();
    match (inner.meetings.get_mut(&id), topic) {
        (Some(meeting), Some(topic)) => {
            meeting.1 = topic;
            no_content()
        }
        (Some(_), None) => rest_error(StatusCode::BAD_REQUEST, 300, "Validation Failed."),
        (None, _) => meeting_not_found(id),
    }
}

/// `DELETE /v2/meetings/{id}`.
fn delete_meeting(shared: &Shared, auth: &str, regional: bool, id: u64) -> Answer {
    let Some(scenario) = bearer_scenario(shared, auth, regional) else {
        return rest_error(StatusCode::UNAUTHORIZED, 124, "Invalid access token.");
    };
    shared.hit(scenario, "delete");
    if scenario == Scenario::DeleteFails {
        return unavailable();
    }
    let is_pmi = scenario_users(scenario)
        .iter()
        .any(|u| u["pmi"].as_u64() == Some(id));
    if is_pmi {
        return rest_error(StatusCode::BAD_REQUEST, 3018, "Not allowed to delete PMI.");
    }
    match shared.lock().meetings.remove(&id) {
        Some(_) => no_content(),
        None => meeting_not_found(id),
    }
}

fn meeting_not_found(id: u64) -> Answer {
    rest_error(
        StatusCode::NOT_FOUND,
        3001,
        &format!("Meeting does not exist: {id}."),
    )
}

fn no_content() -> Answer {
    let mut answer = Response::new(Full::new(Bytes::new()));
    *answer.status_mut() = StatusCode::NO_CONTENT;
    answer
}

/// An error as Zoom sometimes sends it: XML instead of JSON.
fn xml_error(status: StatusCode, code: i64, message: &str) -> Answer {
    let body = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><result><code>{code}</code><message>{message}</message></result>"
    );
    let mut answer = Response::new(Full::new(Bytes::from(body)));
    *answer.status_mut() = status;
    answer.headers_mut().insert(
        CONTENT_TYPE,
        HeaderValue::from_static("application/xml;charset=UTF-8"),
    );
    answer
}

/// The demo account: the owner is not listed first, so the proposal has to look for it.
fn demo_users() -> Vec<Value> {
    vec![
        user(
            "z8yBXFqdQ2a7sKTm1LpR4w",
            "Kenji",
            "Suzuki",
            "Kenji Suzuki",
            "kenji.suzuki@demo-gym.example",
            1,
            "2",
        ),
        user(
            "KDcuGIm1QgePTO8WbOqwIQ",
            "太郎",
            "山田",
            "山田 太郎",
            "owner@demo-gym.example",
            2,
            "0",
        ),
        user(
            "Hq3vN9sWTeKx0bYp7LmC2g",
            "Emily",
            "Carter",
            "Emily Carter",
            "emily.carter@demo-gym.example",
            2,
            "1",
        ),
        user(
            "p4RtU6wZQaS1dFgH8jKl0A",
            "花子",
            "佐藤",
            "佐藤 花子 (ヨガ)",
            "yoga@demo-gym.example",
            2,
            "2",
        ),
    ]
}

/// Five users on three pages, no owner: the first licensed one is on page two.
fn many_users() -> Vec<Value> {
    vec![
        user(
            "aA1bB2cC3dD4eE5fF6gG7h",
            "Front",
            "Desk",
            "Front Desk",
            "front@demo-gym.example",
            1,
            "2",
        ),
        user(
            "iI8jJ9kK0lL1mM2nN3oO4p",
            "健",
            "高橋",
            "高橋 健",
            "takahashi@demo-gym.example",
            1,
            "2",
        ),
        user(
            "qQ5rR6sS7tT8uU9vV0wW1x",
            "Studio",
            "Shibuya",
            "Studio Shibuya",
            "shibuya@demo-gym.example",
            2,
            "1",
        ),
        user(
            "yY2zZ3aA4bB5cC6dD7eE8f",
            "美咲",
            "伊藤",
            "伊藤 美咲",
            "ito@demo-gym.example",
            2,
            "2",
        ),
        user(
            "gG9hH0iI1jJ2kK3lL4mM5n",
            "Online",
            "Class",
            "Online Class",
            "online@demo-gym.example",
            1,
            "2",
        ),
    ]
}

fn json_answer(status: StatusCode, body: &Value) -> Answer {
    let mut answer = Response::new(Full::new(Bytes::from(body.to_string())));
    *answer.status_mut() = status;
    answer.headers_mut().insert(
        CONTENT_TYPE,
        HeaderValue::from_static("application/json;charset=UTF-8"),
    );
    answer
}

fn oauth_error(status: StatusCode, reason: &str, error: &str) -> Answer {
    json_answer(status, &json!({ "reason": reason, "error": error }))
}

fn invalid_client(status: StatusCode) -> Answer {
    oauth_error(
        status,
        "Invalid client_id or client_secret",
        "invalid_client",
    )
}

fn bad_account() -> Answer {
    oauth_error(StatusCode::BAD_REQUEST, "Bad Request", "invalid_request")
}

fn rest_error(status: StatusCode, code: i64, message: &str) -> Answer {
    json_answer(status, &json!({ "code": code, "message": message }))
}

fn unavailable() -> Answer {
    rest_error(
        StatusCode::SERVICE_UNAVAILABLE,
        503,
        "Service temporarily unavailable.",
    )
}

fn per_second_limit(shared: &Shared) -> Answer {
    let mut answer = rest_error(
        StatusCode::TOO_MANY_REQUESTS,
        429,
        "You have reached the maximum per-second rate limit for this API. Try again later.",
    );
    if shared.config.rate_limit_headers {
        let headers = answer.headers_mut();
        headers.insert("x-ratelimit-category", HeaderValue::from_static("Medium"));
        headers.insert("x-ratelimit-type", HeaderValue::from_static("QPS"));
        headers.insert("retry-after", HeaderValue::from_static("1"));
    }
    answer
}

fn daily_limit(shared: &Shared) -> Answer {
    let mut answer = rest_error(
        StatusCode::TOO_MANY_REQUESTS,
        429,
        "You have reached the maximum daily rate limit for this API. Refer to the response header for details on when you can make another request.",
    );
    // Zoom's daily limits reset at 00:00 UTC.
    let midnight = (now_unix().div_euclid(86_400) + 1) * 86_400;
    let reset = jiff::Timestamp::from_second(midnight)
        .map(|t| t.to_string())
        .unwrap_or_default();
    let headers = answer.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&reset) {
        headers.insert("retry-after", value);
    }
    if shared.config.rate_limit_headers {
        headers.insert("x-ratelimit-category", HeaderValue::from_static("Medium"));
        headers.insert("x-ratelimit-type", HeaderValue::from_static("Daily-limit"));
    }
    answer
}

fn html_page() -> Answer {
    let mut answer = Response::new(Full::new(Bytes::from_static(
        b"<!DOCTYPE html>\n<html><head><title>Access denied</title></head>\n<body><h1>Access denied</h1><p>This site is blocked by your network administrator.</p></body></html>\n",
    )));
    answer.headers_mut().insert(
        CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    answer
}

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
