//! The HTTP client for Zoom: one `reqwest::Client`, per-request timeouts, retries, and the
//! reading of Zoom's two error shapes (`{reason,error}` from OAuth, `{code,message}` from REST).
//!
//! Secrecy: no error built here holds a request, a header or a body we sent, so neither the
//! client secret nor the access token can reach a message.

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde_json::Value;

use crate::credentials::{Credentials, Secret};
use crate::net::cause::{self, Cause, First};
use crate::net::route::{RouteUsed, Router};
use crate::net::trace::{self, ConnectLayer, Parking, Step, Trace};
use crate::net::{Network, portal, probe};
use crate::time;
use crate::zoom::answers::{self, CreatedMeeting, ErrorBody, ErrorShape, TokenAnswer, UsersAnswer};
use crate::zoom::report::User;

/// Zoom's OAuth server.
pub const DEFAULT_OAUTH_BASE: &str = "https://zoom.us";
/// Zoom's REST API when the token names no (acceptable) `api_url`.
pub const DEFAULT_API_BASE: &str = "https://api.zoom.us";
/// Zoom's maximum page size for listing users.
pub const USERS_PAGE_SIZE: u32 = 300;
/// No answer of the endpoints we call comes near this; anything bigger is not Zoom.
const MAX_BODY_BYTES: usize = 8 * 1024 * 1024;
/// How much of an unexpected body a diagnosis quotes.
const EXCERPT_CHARS: usize = 200;

/// Where Zoom is.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Endpoints {
    /// `--oauth-base`; `None` means Zoom's own server.
    pub oauth_base: Option<String>,
    /// `--api-base`; `None` means: the token's `api_url` (under the rules of `api_base`).
    pub api_base: Option<String>,
}

impl Endpoints {
    /// The servers the user named (`--oauth-base`, `--api-base`); blank means Zoom's default.
    pub fn given(oauth_base: Option<&str>, api_base: Option<&str>) -> Self {
        let given = |v: Option<&str>| {
            v.map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
        };
        Endpoints {
            oauth_base: given(oauth_base),
            api_base: given(api_base),
        }
    }

    /// Both endpoints on one server (the emulator).
    pub fn single(base_url: &str) -> Self {
        Endpoints {
            oauth_base: Some(base_url.to_owned()),
            api_base: None,
        }
    }

    pub fn oauth_base(&self) -> &str {
        self.oauth_base
            .as_deref()
            .unwrap_or(test_hook::zoom().unwrap_or(DEFAULT_OAUTH_BASE))
            .trim_end_matches('/')
    }

    /// The REST base for a token: `--api-base` if given; else the token's `api_url`, followed
    /// as is when `--oauth-base` was given (the user chose the server), otherwise only when it
    /// is an https URL on Zoom's own domains (a tampered answer must not send our bearer token
    /// elsewhere); else Zoom's default.
    pub fn api_base(&self, token_api_url: Option<&str>) -> String {
        if let Some(base) = &self.api_base {
            return base.trim_end_matches('/').to_owned();
        }
        let api_url = token_api_url.map(str::trim).filter(|u| !u.is_empty());
        match api_url {
            Some(url) if self.oauth_base.is_some() || api_url_allowed(url) => {
                url.trim_end_matches('/').to_owned()
            }
            _ => test_hook::zoom()
                .unwrap_or(DEFAULT_API_BASE)
                .trim_end_matches('/')
                .to_owned(),
        }
    }
}

/// An `api_url` we follow without being told to: https, on zoom.us or zoomgov.com (or a
/// subdomain of either), no user name or password in it.
pub fn api_url_allowed(url: &str) -> bool {
    let Ok(parsed) = reqwest::Url::parse(url) else {
        return false;
    };
    let host = parsed.host_str().unwrap_or("").to_ascii_lowercase();
    let on_zoom = ["zoom.us", "zoomgov.com"]
        .iter()
        .any(|d| host == *d || host.strip_suffix(d).is_some_and(|p| p.ends_with('.')));
    (parsed.scheme() == "https" && on_zoom || test_hook::trusted(&parsed))
        && parsed.username().is_empty()
        && parsed.password().is_none()
}

/// Test hooks that let the tests run the `api_url` rule above end to end against the emulator
/// (tests/allow_list.rs). The emulator is on 127.0.0.1 over http, where the rule trusts only
/// https on Zoom's domains, and is reached with `--oauth-base`, which turns the rule off.
///
/// - `HACOMONO_ZOOM_SETUP_TEST_ZOOM=http://127.0.0.1:PORT` stands in for Zoom's own servers:
///   the default OAuth and API bases, so no `--oauth-base` is needed;
/// - `HACOMONO_ZOOM_SETUP_TEST_TRUSTED_API="ORIGIN ..."` are trusted like Zoom's domains.
///
/// They cannot widen trust in a build a customer runs: they are environment variables, not
/// flags (a flag would exist in every build, documented in `--help`, and could be pasted from a
/// web page), and they are read only in builds with debug assertions: `cargo test` and
/// `cargo build` have them, `cargo build --release` and `cargo install` do not. There the
/// functions below are constants (`None`, `false`) and the variables' names are not even in
/// the binary.
mod test_hook {
    /// The stand-in for Zoom's servers, if a test set one.
    pub fn zoom() -> Option<&'static str> {
        #[cfg(debug_assertions)]
        {
            HOOK.zoom.as_deref()
        }
        #[cfg(not(debug_assertions))]
        {
            None
        }
    }

    /// Whether a test trusts `url`'s origin (scheme, host and port) like Zoom's domains.
    pub fn trusted(url: &reqwest::Url) -> bool {
        #[cfg(debug_assertions)]
        {
            HOOK.trusted.iter().any(|t| t.origin() == url.origin())
        }
        #[cfg(not(debug_assertions))]
        {
            let _ = url;
            false
        }
    }

    #[cfg(debug_assertions)]
    struct Hook {
        zoom: Option<String>,
        trusted: Vec<reqwest::Url>,
    }

    /// Read once, at the first request.
    #[cfg(debug_assertions)]
    static HOOK: std::sync::LazyLock<Hook> = std::sync::LazyLock::new(|| {
        let var = |name| std::env::var(name).ok().filter(|v: &String| !v.is_empty());
        Hook {
            zoom: var("HACOMONO_ZOOM_SETUP_TEST_ZOOM"),
            trusted: var("HACOMONO_ZOOM_SETUP_TEST_TRUSTED_API")
                .unwrap_or_default()
                .split_whitespace()
                .filter_map(|t| reqwest::Url::parse(t).ok())
                .collect(),
        }
    });
}

/// How often and how patiently a request is repeated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Tries in all, the first included.
    pub attempts: u32,
    /// Wait before the first retry; doubles each time, with jitter.
    pub base_delay: Duration,
    /// No wait is longer, not even one a `Retry-After` asks for.
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            attempts: 3,
            base_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(5),
        }
    }
}

impl RetryPolicy {
    /// Millisecond waits, for tests and the demo.
    pub fn fast() -> Self {
        RetryPolicy {
            attempts: 3,
            base_delay: Duration::from_millis(1),
            max_delay: Duration::from_millis(20),
        }
    }

    /// The wait before retry number `retry` (0 for the first): exponential with jitter, or
    /// what the server asked for, never above `max_delay`.
    pub fn delay(&self, retry: u32, asked: Option<Duration>) -> Duration {
        let wait = asked.unwrap_or_else(|| {
            let exp = self.base_delay.saturating_mul(1u32 << retry.min(16));
            // Between half and all of it, so clients that failed together retry apart.
            exp.mul_f64(0.5 + 0.5 * jitter())
        });
        wait.min(self.max_delay)
    }
}

/// A number in [0, 1) from the clock and a counter: enough to spread retries, no crate needed.
fn jitter() -> f64 {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64);
    let mut x = nanos ^ COUNTER.fetch_add(0x9E37_79B9_7F4A_7C15, Ordering::Relaxed);
    // splitmix64 finaliser
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^= x >> 31;
    (x >> 11) as f64 / (1u64 << 53) as f64
}

/// When a rate limit lifts, as Zoom said it in `Retry-After`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RetryAfter {
    Seconds(u64),
    /// Unix seconds (the daily limit sends an ISO-8601 datetime).
    At(i64),
}

impl RetryAfter {
    /// Seconds (`120`) or an ISO-8601 / RFC 3339 datetime.
    pub fn parse(value: &str) -> Option<RetryAfter> {
        let value = value.trim();
        if let Ok(secs) = value.parse::<u64>() {
            return Some(RetryAfter::Seconds(secs));
        }
        time::parse_datetime(value).map(RetryAfter::At)
    }

    /// How long from `now` (Unix seconds).
    pub fn wait_from(self, now: i64) -> Duration {
        match self {
            RetryAfter::Seconds(s) => Duration::from_secs(s),
            RetryAfter::At(at) => Duration::from_secs(u64::try_from(at - now).unwrap_or(0)),
        }
    }

    /// The moment, in Unix seconds.
    pub fn at(self, now: i64) -> i64 {
        match self {
            RetryAfter::Seconds(s) => now.saturating_add(i64::try_from(s).unwrap_or(i64::MAX / 2)),
            RetryAfter::At(at) => at,
        }
    }
}

/// What can go wrong talking to Zoom. Holds only what Zoom answered and what kind of failure
/// it was: never a request, a header we sent, the secret or the token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ZoomError {
    /// The OAuth server's `{"reason": .., "error": ..}`.
    OAuth {
        status: u16,
        error: String,
        reason: String,
    },
    /// The REST API's `{"code": .., "message": ..}`.
    Api {
        status: u16,
        code: i64,
        message: String,
    },
    /// HTTP 429. `daily` from `X-RateLimit-Type: Daily-limit`, a datetime `Retry-After` or the
    /// message; otherwise a per-second limit.
    RateLimited {
        daily: bool,
        retry_after: Option<RetryAfter>,
    },
    /// HTTP 5xx.
    Unavailable { status: u16 },
    /// Anything else: HTML from a proxy, garbled JSON, a redirect. `excerpt` is the start of
    /// the body with control characters removed.
    Unexpected { status: u16, excerpt: String },
    /// No complete answer within the timeout.
    Timeout,
    /// No answer at all, for a reason we cannot name. `detail` is the innermost cause.
    Network { detail: String },
    /// No answer from Zoom, for a named reason on the way: the name, the connection, the
    /// certificate, the proxy, a sign-in page, or silence at a named step.
    Route(Box<Cause>),
}

impl fmt::Display for ZoomError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ZoomError::OAuth {
                status,
                error,
                reason,
            } => write!(f, "HTTP {status}: {error} ({reason})"),
            ZoomError::Api {
                status,
                code,
                message,
            } => write!(f, "HTTP {status}: code {code}: {message}"),
            ZoomError::RateLimited { daily: true, .. } => {
                f.write_str("HTTP 429: daily rate limit reached")
            }
            ZoomError::RateLimited { daily: false, .. } => {
                f.write_str("HTTP 429: rate limit reached")
            }
            ZoomError::Unavailable { status } => write!(f, "HTTP {status}: Zoom is unavailable"),
            ZoomError::Unexpected { status, excerpt } => write!(f, "HTTP {status}: {excerpt}"),
            ZoomError::Timeout => f.write_str("no answer within the timeout"),
            ZoomError::Network { detail } => write!(f, "network error: {detail}"),
            ZoomError::Route(cause) => write!(f, "network error: {}", cause.detail()),
        }
    }
}

impl std::error::Error for ZoomError {}

impl ZoomError {
    /// Worth another try of the same request: a per-second limit, a server error, and (only
    /// where the caller allows it) a timeout.
    fn retryable(&self, timeouts: bool) -> bool {
        match self {
            ZoomError::RateLimited { daily, .. } => !daily,
            ZoomError::Unavailable { .. } => true,
            // Only a silent answer: a silent name lookup, connection, proxy or handshake is
            // the network's, and waiting for it again would only double the wait.
            ZoomError::Timeout => timeouts,
            ZoomError::Route(cause) => {
                timeouts
                    && matches!(
                        **cause,
                        Cause::Silent {
                            step: Step::Answer,
                            ..
                        }
                    )
            }
            _ => false,
        }
    }

    /// The HTTP status of the answer, where one came.
    pub fn status(&self) -> Option<u16> {
        match self {
            ZoomError::OAuth { status, .. }
            | ZoomError::Api { status, .. }
            | ZoomError::Unavailable { status }
            | ZoomError::Unexpected { status, .. } => Some(*status),
            ZoomError::RateLimited { .. } => Some(429),
            ZoomError::Timeout | ZoomError::Network { .. } | ZoomError::Route(_) => None,
        }
    }

    /// The request may have reached Zoom and been carried out although no answer says so: a
    /// time-out, a server error, a connection cut while the answer was awaited, a failure we
    /// cannot name. (A refused name, connection, certificate or proxy sent nothing.)
    pub fn may_have_reached_zoom(&self) -> bool {
        match self {
            ZoomError::Timeout | ZoomError::Unavailable { .. } | ZoomError::Network { .. } => true,
            // Zoom said yes (2xx) but the answer could not be read (garbled, a proxy's page,
            // too large): whatever was asked for happened, without its ID.
            ZoomError::Unexpected { status, .. } if (200..300).contains(status) => true,
            ZoomError::Route(cause) => matches!(
                **cause,
                Cause::Reset {
                    step: Step::Answer,
                    ..
                } | Cause::Silent {
                    step: Step::Answer,
                    ..
                } | Cause::Unknown { .. }
            ),
            _ => false,
        }
    }

    /// Zoom refused an access token it had issued (expired, revoked, replaced): any 401 from
    /// the REST API, with Zoom's body (124) or with none at all.
    pub fn refuses_token(&self) -> bool {
        self.status() == Some(401) || matches!(self, ZoomError::Api { code: 124, .. })
    }

    /// The missing scopes, if this is Zoom's "does not contain scopes" answer (any status).
    pub fn missing_scopes(&self) -> Option<Vec<String>> {
        match self {
            ZoomError::Api { message, .. }
            | ZoomError::OAuth {
                reason: message, ..
            } => crate::zoom::scopes::parse_missing_scopes(message),
            _ => None,
        }
    }
}

/// A server-to-server access token. The token itself is a `Secret`: redacted in `Debug`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub access_token: Secret,
    pub token_type: String,
    pub expires_in: Option<u64>,
    /// All granted scopes, space separated, as Zoom sent them.
    pub scope: String,
    pub api_url: Option<String>,
}

/// One page of `GET /v2/users`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UsersPage {
    pub users: Vec<User>,
    pub total_records: Option<u64>,
    /// Empty or absent on the last page.
    pub next_page_token: Option<String>,
}

/// The parts of an answer we look at.
struct Answer {
    status: u16,
    retry_after: Option<String>,
    rate_limit_type: Option<String>,
    location: Option<String>,
    proxy_authenticate: Vec<String>,
    body: Vec<u8>,
}

/// Which request is tried again.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RequestKind {
    Token,
    Users,
    Meeting,
}

/// A request about to be tried again, told to whoever watches a check ("trying again, 2 of 3").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Retrying {
    pub request: RequestKind,
    /// The try about to start (2 for the first retry).
    pub attempt: u32,
    /// Tries at most.
    pub of: u32,
}

/// Hears every retry of the client it is given to.
pub type RetryObserver = Arc<dyn Fn(Retrying) + Send + Sync>;

/// One request, its tries and the waits between them, takes at most this many timeouts: a
/// silent answer is waited for once more only within it (see the README: the longest a check
/// takes).
const REQUEST_BUDGET_IN_TIMEOUTS: f64 = 1.5;

/// The least time a proxy that refused our tunnel gets to say again why (`probe.rs`).
const PROBE_AT_LEAST: Duration = Duration::from_millis(500);

/// Talks to Zoom. Build one per process and clone it: clones share the connection pool.
#[derive(Clone)]
pub struct ZoomClient {
    http: reqwest::Client,
    /// Connects and parks connections for `http`, and never sends a request (`warm_up`).
    warm: reqwest::Client,
    parking: Arc<Parking>,
    router: Arc<Router>,
    network: Network,
    endpoints: Endpoints,
    timeout: Duration,
    retry: RetryPolicy,
    observer: Option<RetryObserver>,
}

impl fmt::Debug for ZoomClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ZoomClient")
            .field("endpoints", &self.endpoints)
            .field("timeout", &self.timeout)
            .field("retry", &self.retry)
            .field("network", &self.network)
            .finish()
    }
}

impl ZoomClient {
    /// `timeout` applies to each try of a request, from the name lookup to the last byte of
    /// the body. The route is the user's: proxy environment variables, then the system's
    /// settings. Fails only if the TLS setup cannot be built (e.g. no usable certificate store).
    pub fn new(endpoints: Endpoints, timeout: Duration) -> Result<Self, ZoomError> {
        ZoomClient::with_network(endpoints, timeout, Network::system())
    }

    /// Like `new`, with the network settings given (tests and benchmarks).
    pub fn with_network(
        endpoints: Endpoints,
        timeout: Duration,
        network: Network,
    ) -> Result<Self, ZoomError> {
        let setup_failed = |detail: String| ZoomError::Network { detail };
        let refused = Arc::default();
        let tls = crate::net::tls::client_config(&network.extra_roots, Arc::clone(&refused))
            .map_err(|e| setup_failed(e.to_string()))?;
        let router = Arc::new(Router::new(
            network.env.clone(),
            Arc::clone(&network.system),
            refused,
        ));
        let parking = Arc::new(Parking::default());
        let build = |layer: ConnectLayer, pool: bool| {
            let chooser = Arc::clone(&router);
            let mut builder = reqwest::Client::builder()
                .user_agent(concat!(
                    env!("CARGO_PKG_NAME"),
                    "/",
                    env!("CARGO_PKG_VERSION")
                ))
                // Zoom does not redirect these endpoints; a redirect is a portal or a proxy,
                // and following it could carry our credentials somewhere else.
                .redirect(reqwest::redirect::Policy::none())
                // Zoom sometimes answers errors in XML; asking for JSON makes that rarer.
                .default_headers(reqwest::header::HeaderMap::from_iter([(
                    reqwest::header::ACCEPT,
                    reqwest::header::HeaderValue::from_static("application/json"),
                )]))
                // The route is ours to choose (environment, Windows, PAC): reqwest's own
                // reading of the environment is replaced by the router's.
                .proxy(reqwest::Proxy::custom(move |url| {
                    chooser.choose(url).proxy.map(|p| p.client_url())
                }))
                .dns_resolver(Arc::new(trace::Resolver {
                    lookup: network.lookup.clone(),
                }))
                .tls_backend_preconfigured(tls.clone())
                .connector_layer(layer);
            if !pool {
                // The warm-up client keeps no connection: each of its requests connects, and
                // its connector parks the connection instead of sending anything on it.
                builder = builder.pool_max_idle_per_host(0);
            }
            builder
                .build()
                .map_err(|e| setup_failed(innermost_cause(&e)))
        };
        let http = build(ConnectLayer::taking(Arc::clone(&parking)), true)?;
        let warm = build(ConnectLayer::parking(Arc::clone(&parking)), false)?;
        Ok(ZoomClient {
            http,
            warm,
            parking,
            router,
            network,
            endpoints,
            timeout,
            retry: RetryPolicy::default(),
            observer: None,
        })
    }

    /// The same client, telling `observer` when a request is tried again.
    pub fn observed(mut self, observer: RetryObserver) -> Self {
        self.observer = Some(observer);
        self
    }

    /// Opens the connections a check will use (Zoom's OAuth server, and its API server where
    /// it is known before the token), through the proxy where there is one, up to the end of
    /// the TLS handshake; each waits, unused, for the check's first request to its server
    /// (for up to `trace::PARK_FOR`). No request is sent, so no credentials either: the wizard
    /// does this while the user is still pasting on the Values screen.
    pub async fn warm_up(&self) {
        let oauth = self.endpoints.oauth_base().to_owned();
        match self.api_base_known() {
            Some(api) if origin_of(&api) != origin_of(&oauth) => {
                tokio::join!(self.preconnect(&oauth), self.preconnect(&api));
            }
            _ => self.preconnect(&oauth).await,
        }
    }

    /// The API server, where it is known before the token names it: `--api-base`, or Zoom's
    /// default when the OAuth server is Zoom's own (a token's `api_url` elsewhere then only
    /// makes this connection go unused).
    fn api_base_known(&self) -> Option<String> {
        match (&self.endpoints.api_base, &self.endpoints.oauth_base) {
            (Some(api), _) => Some(api.trim_end_matches('/').to_owned()),
            (None, None) => Some(self.endpoints.api_base(None)),
            (None, Some(_)) => None,
        }
    }

    /// Connects to `base`'s server and parks the connection, unless a fresh one waits there.
    async fn preconnect(&self, base: &str) {
        let Ok(url) = reqwest::Url::parse(base) else {
            return;
        };
        let origin = url.origin().ascii_serialization();
        let key = format!("{origin}/");
        if self.parking.has_fresh(&key) || !self.parking.start_warming(&key) {
            return;
        }
        if self.router.prepare(&url).await.bad.is_none() {
            // The request fails by design once its connection is parked: nothing is sent.
            let _ = tokio::time::timeout(self.timeout, self.warm.head(&origin).send()).await;
        }
        self.parking.done_warming(&key);
    }

    /// How `base`'s server is reached, for the report.
    pub fn route_to(&self, base: &str) -> Option<RouteUsed> {
        let url = reqwest::Url::parse(base).ok()?;
        Some(self.router.used(&url))
    }

    pub fn with_retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    pub fn endpoints(&self) -> &Endpoints {
        &self.endpoints
    }

    /// `POST {oauth}/oauth/token` with Basic auth and a form body holding only the grant type
    /// and account id (no scope; id and secret never in the body). Retries a per-second limit,
    /// server errors and timeouts.
    pub async fn request_token(&self, creds: &Credentials) -> Result<Token, ZoomError> {
        let url = format!("{}/oauth/token", self.endpoints.oauth_base());
        let form = [
            ("grant_type", "account_credentials"),
            ("account_id", creds.account_id.as_str()),
        ];
        // The API server's connection and TLS handshake overlap the token request, so the
        // users request finds it open (no request is sent to warm it).
        if let Some(api) = self.api_base_known()
            && origin_of(&api) != origin_of(&url)
        {
            // Without the observer: whoever listens for retries must not wait for the warm-up.
            let client = ZoomClient {
                observer: None,
                ..self.clone()
            };
            tokio::spawn(async move { client.preconnect(&api).await });
        }
        let answer = self
            .send_with_retry(RequestKind::Token, true, || {
                self.http
                    .post(&url)
                    .basic_auth(&creds.client_id, Some(creds.client_secret.expose()))
                    .form(&form)
            })
            .await?;
        answers::object::<TokenAnswer>(&answer.body)
            .and_then(|read| read.token())
            .ok_or_else(|| unexpected(&answer))
    }

    /// The REST base this token's requests go to (see `Endpoints::api_base`).
    pub fn api_base_for(&self, token: &Token) -> String {
        self.endpoints.api_base(token.api_url.as_deref())
    }

    /// One page of `GET {api}/v2/users?status=active&page_size=300[&next_page_token=..]`.
    /// Retries a per-second limit and server errors, not timeouts (a slow API stays slow).
    pub async fn list_users_page(
        &self,
        token: &Token,
        api_base: &str,
        next_page_token: Option<&str>,
    ) -> Result<UsersPage, ZoomError> {
        let base = api_base.trim_end_matches('/');
        // Zoom for Government documents its base with `/v2`; accept both forms.
        let url = format!("{}/v2/users", base.strip_suffix("/v2").unwrap_or(base));
        let page_size = USERS_PAGE_SIZE.to_string();
        let mut query = vec![("status", "active"), ("page_size", page_size.as_str())];
        if let Some(t) = next_page_token.filter(|t| !t.is_empty()) {
            query.push(("next_page_token", t));
        }
        let answer = self
            .send_with_retry(RequestKind::Users, false, || {
                self.http
                    .get(&url)
                    .bearer_auth(token.access_token.expose())
                    .query(&query)
            })
            .await?;
        let read: UsersAnswer = answers::object(&answer.body).ok_or_else(|| unexpected(&answer))?;
        Ok(UsersPage {
            users: read.users(),
            total_records: read.total_records(),
            next_page_token: read.next_page_token(),
        })
    }

    /// `POST {api}/v2/users/{host}/meetings` with `body`; the created meeting's id. Not retried:
    /// a create that timed out may have happened, and a second one would be a second meeting.
    pub async fn create_meeting(
        &self,
        token: &Token,
        api_base: &str,
        host_id: &str,
        body: &Value,
    ) -> Result<u64, ZoomError> {
        let url = format!("{}/users/{host_id}/meetings", v2(api_base));
        let answer = self
            .send_once(
                self.http
                    .post(&url)
                    .bearer_auth(token.access_token.expose())
                    .json(body),
                self.timeout,
                // Even on a warmed connection that seems closed: a second create could be a
                // second meeting, and only one ID would be known.
                Resend::Never,
            )
            .await?;
        answers::object::<CreatedMeeting>(&answer.body)
            .and_then(|created| created.id())
            .ok_or_else(|| unexpected(&answer))
    }

    /// `PATCH {api}/v2/meetings/{id}` with `body`. Retried like a read: an update is the same
    /// whether it lands once or twice.
    pub async fn update_meeting(
        &self,
        token: &Token,
        api_base: &str,
        meeting_id: u64,
        body: &Value,
    ) -> Result<(), ZoomError> {
        let url = format!("{}/meetings/{meeting_id}", v2(api_base));
        self.send_with_retry(RequestKind::Meeting, false, || {
            self.http
                .patch(&url)
                .bearer_auth(token.access_token.expose())
                .json(body)
        })
        .await
        .map(|_| ())
    }

    /// `DELETE {api}/v2/meetings/{id}`, telling nobody. One try: the caller decides how long
    /// to keep trying, since a meeting left behind is worse than a slow exit.
    pub async fn delete_meeting(
        &self,
        token: &Token,
        api_base: &str,
        meeting_id: u64,
    ) -> Result<(), ZoomError> {
        let url = format!("{}/meetings/{meeting_id}", v2(api_base));
        let query = [
            ("schedule_for_reminder", "false"),
            ("cancel_meeting_reminder", "false"),
        ];
        self.send_once(
            self.http
                .delete(&url)
                .bearer_auth(token.access_token.expose())
                .query(&query),
            self.timeout,
            Resend::IfStale,
        )
        .await
        .map(|_| ())
    }

    /// Sends the request `build` makes until it succeeds (2xx), fails for good, or the tries
    /// run out. `build` is called per try: a request cannot be sent twice. All tries and the
    /// waits between them fit in `REQUEST_BUDGET_IN_TIMEOUTS` timeouts: a try starts only with
    /// a quarter of a timeout left, and waits at most what is left.
    async fn send_with_retry(
        &self,
        kind: RequestKind,
        retry_timeouts: bool,
        build: impl Fn() -> reqwest::RequestBuilder,
    ) -> Result<Answer, ZoomError> {
        let started = Instant::now();
        let budget = self.timeout.mul_f64(REQUEST_BUDGET_IN_TIMEOUTS);
        let attempts = self.retry.attempts.max(1);
        let mut retry = 0;
        loop {
            let left = budget.saturating_sub(started.elapsed());
            let result = self
                .send_once(build(), self.timeout.min(left), Resend::IfStale)
                .await;
            let error = match result {
                Ok(answer) => return Ok(answer),
                Err(error) => error,
            };
            if retry + 1 >= attempts || !error.retryable(retry_timeouts) {
                return Err(error);
            }
            let asked = match &error {
                ZoomError::RateLimited {
                    retry_after: Some(r),
                    ..
                } => Some(r.wait_from(time::now_unix())),
                _ => None,
            };
            let wait = self.retry.delay(retry, asked);
            if started.elapsed() + wait + self.timeout / 4 > budget {
                return Err(error);
            }
            if let Some(observer) = &self.observer {
                observer(Retrying {
                    request: kind,
                    attempt: retry + 2,
                    of: attempts,
                });
            }
            tokio::time::sleep(wait).await;
            retry += 1;
        }
    }

    /// One try of a request, bounded by `timeout` from the name lookup to the last byte: a
    /// 2xx answer, or the error its status and body (or its route's failure) mean.
    async fn send_once(
        &self,
        request: reqwest::RequestBuilder,
        timeout: Duration,
        resend: Resend,
    ) -> Result<Answer, ZoomError> {
        let request = request.build().map_err(|e| ZoomError::Network {
            detail: innermost_cause(&e),
        })?;
        let url = request.url().clone();
        let route = self.router.prepare(&url).await;
        if let Some(bad) = route.bad {
            // Never quietly direct when the user's proxy setting cannot be used.
            return Err(ZoomError::Route(Box::new(Cause::BadProxySetting(bad))));
        }
        let host = url.host_str().unwrap_or("").to_owned();
        let port = url.port_or_known_default().unwrap_or(0);
        let started = Instant::now();
        let deadline = tokio::time::Instant::now() + timeout;
        let (steps, outcome) = self.exchange_by(request, deadline, resend).await;
        let answer = match outcome {
            Some(Ok(answer)) => answer,
            Some(Err(Failed::TooLarge(answer))) => return Err(unexpected(&answer)),
            Some(Err(Failed::Transport(error) | Failed::Body(error))) => {
                let steps = steps.steps();
                let failed = Failure {
                    route: &route,
                    host: &host,
                    port,
                    deadline,
                };
                return Err(self
                    .transport_failure(&error, &steps, &failed, started)
                    .await);
            }
            None => {
                let step = steps.steps().silent_step(route.proxy.is_some());
                let address = match (&route.proxy, step) {
                    (Some(proxy), Step::Proxy) => proxy.address(),
                    _ => format!("{host}:{port}"),
                };
                return Err(ZoomError::Route(Box::new(Cause::Silent {
                    step,
                    address,
                    waited: timeout,
                })));
            }
        };
        judge(answer, &route, &host)
    }

    /// The request sent and its answer read by `deadline` (`None` past it), with the steps it
    /// went through. A warmed connection the server closed meanwhile fails before any answer:
    /// a `Resend::IfStale` request goes again at once, on a new connection (once; nothing was
    /// answered). A body that broke off is never sent again: the server had answered.
    async fn exchange_by(
        &self,
        request: reqwest::Request,
        deadline: tokio::time::Instant,
        resend: Resend,
    ) -> (Arc<Trace>, Option<Result<Answer, Failed>>) {
        let mut spare = match resend {
            Resend::IfStale => request.try_clone(),
            Resend::Never => None,
        };
        let mut request = request;
        loop {
            let steps = Arc::new(Trace::default());
            let exchange = trace::traced(Arc::clone(&steps), self.exchange(request));
            let outcome = tokio::time::timeout_at(deadline, exchange).await.ok();
            if let Some(Err(Failed::Transport(_))) = &outcome
                && steps.steps().parked
                && let Some(again) = spare.take()
            {
                request = again;
                continue;
            }
            return (steps, outcome);
        }
    }

    /// What a try that failed before its answer means: the cause its errors name, after
    /// asking the proxy again what it said to our tunnel request if that is what failed.
    async fn transport_failure(
        &self,
        error: &reqwest::Error,
        steps: &trace::Steps,
        failed: &Failure<'_>,
        started: Instant,
    ) -> ZoomError {
        let Failure {
            route,
            host,
            port,
            deadline,
        } = *failed;
        let cause = match cause::classify(error, steps, route, host, port) {
            First::Cause(cause) => cause,
            First::ProxyAnswered { auth } => {
                // It answered at once; asked again, it has what is left of this try, and a
                // moment at least.
                let left = deadline
                    .saturating_duration_since(tokio::time::Instant::now())
                    .max(PROBE_AT_LEAST);
                self.ask_proxy(route, host, port, auth, left).await
            }
        };
        match cause {
            Cause::Unknown { detail } => ZoomError::Network { detail },
            // The system gave up waiting (its connection timeout) before we did.
            Cause::Silent { step, address, .. } => ZoomError::Route(Box::new(Cause::Silent {
                step,
                address,
                waited: started.elapsed(),
            })),
            cause => ZoomError::Route(Box::new(cause)),
        }
    }

    /// Sends `request` and reads the whole answer.
    async fn exchange(&self, request: reqwest::Request) -> Result<Answer, Failed> {
        let mut response = self
            .http
            .execute(request)
            .await
            .map_err(Failed::Transport)?;
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        let mut answer = Answer {
            status: response.status().as_u16(),
            retry_after: header("retry-after"),
            rate_limit_type: header("x-ratelimit-type"),
            location: header("location"),
            proxy_authenticate: response
                .headers()
                .get_all("proxy-authenticate")
                .iter()
                .filter_map(|v| v.to_str().ok())
                .map(str::to_owned)
                .collect(),
            body: Vec::new(),
        };
        while let Some(chunk) = response.chunk().await.map_err(Failed::Body)? {
            if answer.body.len() + chunk.len() > MAX_BODY_BYTES {
                return Err(Failed::TooLarge(answer));
            }
            answer.body.extend_from_slice(&chunk);
        }
        Ok(answer)
    }

    /// The proxy refused our tunnel: what it said, asked again on a connection of our own.
    async fn ask_proxy(
        &self,
        route: &crate::net::proxy::Choice,
        host: &str,
        port: u16,
        auth: bool,
        timeout: Duration,
    ) -> Cause {
        let Some(proxy) = &route.proxy else {
            return Cause::Unknown {
                detail: "the proxy refused the connection".to_owned(),
            };
        };
        let reply = probe::ask(proxy, host, port, self.network.lookup.as_ref(), timeout).await;
        match reply {
            Some(reply) if reply.status == 407 || (auth && reply.status != 200) => {
                Cause::ProxyAuth {
                    proxy: proxy.shown(),
                    schemes: reply.schemes,
                    sent_credentials: proxy.has_credentials(),
                }
            }
            Some(reply) if reply.status != 200 => Cause::ProxyBlocked {
                proxy: proxy.shown(),
                status: reply.status_line(),
            },
            _ if auth => Cause::ProxyAuth {
                proxy: proxy.shown(),
                schemes: Vec::new(),
                sent_credentials: proxy.has_credentials(),
            },
            _ => Cause::ProxyBlocked {
                proxy: proxy.shown(),
                status: "refused".to_owned(),
            },
        }
    }
}

/// Where a failed try was going.
#[derive(Clone, Copy)]
struct Failure<'a> {
    route: &'a crate::net::proxy::Choice,
    host: &'a str,
    port: u16,
    deadline: tokio::time::Instant,
}

/// Whether a request that failed on a warmed connection the server had closed goes again.
#[derive(Clone, Copy)]
enum Resend {
    /// Reads, updates, deletes and token requests: the same whether they land once or twice.
    IfStale,
    /// The create.
    Never,
}

/// How one try failed before a whole answer was read.
enum Failed {
    /// No answer: the request may not have reached the server.
    Transport(reqwest::Error),
    /// The answer's head came, then its body broke off: the server acted on the request.
    Body(reqwest::Error),
    /// The body grew beyond `MAX_BODY_BYTES`: not Zoom.
    TooLarge(Answer),
}

/// What a whole answer means: a proxy's sign-in (407), a network sign-in page in Zoom's
/// place, a 2xx answer, or the error its status and body mean.
fn judge(
    answer: Answer,
    route: &crate::net::proxy::Choice,
    host: &str,
) -> Result<Answer, ZoomError> {
    if let Some(proxy) = route.proxy.as_ref().filter(|_| answer.status == 407) {
        // A forward proxy (plain http) answers in the request's place.
        return Err(ZoomError::Route(Box::new(Cause::ProxyAuth {
            proxy: proxy.shown(),
            schemes: auth_schemes(&answer.proxy_authenticate),
            sent_credentials: proxy.has_credentials(),
        })));
    }
    if !looks_like_json(&answer.body)
        && let Some(portal) = portal::sign_in(
            host,
            answer.status,
            answer.location.as_deref(),
            &answer.body,
        )
    {
        return Err(ZoomError::Route(Box::new(Cause::SignIn { portal })));
    }
    if (200..300).contains(&answer.status) {
        Ok(answer)
    } else {
        Err(error_from(&answer))
    }
}

/// `scheme://host:port` of a base URL, to tell servers apart.
fn origin_of(base: &str) -> Option<String> {
    reqwest::Url::parse(base)
        .ok()
        .map(|u| u.origin().ascii_serialization())
}

/// A body that is (or starts like) JSON: Zoom's, never a sign-in page.
fn looks_like_json(body: &[u8]) -> bool {
    matches!(
        body.iter().find(|b| !b.is_ascii_whitespace()),
        Some(b'{' | b'[')
    )
}

/// The sign-in kinds of `Proxy-Authenticate` headers: their first words.
fn auth_schemes(headers: &[String]) -> Vec<String> {
    let head: String = headers
        .iter()
        .map(|h| format!("Proxy-Authenticate: {h}\r\n"))
        .collect();
    probe::parse_head(&format!("HTTP/1.1 407 x\r\n{head}\r\n"))
        .map(|r| r.schemes)
        .unwrap_or_default()
}

/// Reads an error answer. 429 and 5xx by status; otherwise by body shape: `error` is the
/// OAuth shape (match on it, not on `reason`, whose wording varies), `code` the REST shape.
fn error_from(answer: &Answer) -> ZoomError {
    if answer.status == 429 {
        return rate_limited(answer);
    }
    if answer.status >= 500 {
        return ZoomError::Unavailable {
            status: answer.status,
        };
    }
    let Some(body) = answers::object::<ErrorBody>(&answer.body) else {
        return xml_error(answer).unwrap_or_else(|| unexpected(answer));
    };
    match body.shape() {
        ErrorShape::OAuth { error, reason } => ZoomError::OAuth {
            status: answer.status,
            error,
            reason,
        },
        ErrorShape::Api { code, message } => ZoomError::Api {
            status: answer.status,
            code,
            message,
        },
        ErrorShape::Unknown => unexpected(answer),
    }
}

/// Zoom's REST error as XML (`<result><code>300</code><message>…</message></result>`), which
/// it sometimes sends instead of JSON.
fn xml_error(answer: &Answer) -> Option<ZoomError> {
    let text = String::from_utf8_lossy(&answer.body);
    let element = |name: &str| {
        let start = text.find(&format!("<{name}>"))? + name.len() + 2;
        let end = start + text[start..].find(&format!("</{name}>"))?;
        Some(text[start..end].trim().to_owned())
    };
    let code = element("code")?.parse().ok()?;
    Some(ZoomError::Api {
        status: answer.status,
        code,
        message: crate::text::terminal_safe(&element("message").unwrap_or_default()),
    })
}

/// `{api}/v2` whether or not the base already ends in `/v2` (Zoom for Government's does).
fn v2(api_base: &str) -> String {
    let base = api_base.trim_end_matches('/');
    format!("{}/v2", base.strip_suffix("/v2").unwrap_or(base))
}

fn rate_limited(answer: &Answer) -> ZoomError {
    let retry_after = answer.retry_after.as_deref().and_then(RetryAfter::parse);
    let message = String::from_utf8_lossy(&answer.body).to_ascii_lowercase();
    let daily = match answer
        .rate_limit_type
        .as_deref()
        .map(str::to_ascii_lowercase)
    {
        Some(kind) if kind.contains("daily") => true,
        Some(kind) if kind.contains("qps") || kind.contains("second") => false,
        // Headers are often missing: a reset datetime or the wording gives it away.
        _ => matches!(retry_after, Some(RetryAfter::At(_))) || message.contains("daily"),
    };
    ZoomError::RateLimited { daily, retry_after }
}

fn unexpected(answer: &Answer) -> ZoomError {
    ZoomError::Unexpected {
        status: answer.status,
        excerpt: excerpt(&answer.body),
    }
}

/// The first characters of a body, safe to print: control characters (a pasted escape
/// sequence, line breaks) become spaces, runs of spaces collapse.
pub fn excerpt(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let mut out = String::new();
    for c in text.chars().map(|c| if c.is_control() { ' ' } else { c }) {
        if c == ' ' && (out.is_empty() || out.ends_with(' ')) {
            continue;
        }
        out.push(c);
        if out.chars().count() >= EXCERPT_CHARS {
            break;
        }
    }
    out.trim_end().to_owned()
}

/// The innermost cause of an error that is not a network failure (a request that could not
/// be built, a client that could not be set up). reqwest's own `Display` names the URL.
fn innermost_cause(error: &(dyn std::error::Error + 'static)) -> String {
    let mut cause = error;
    while let Some(next) = cause.source() {
        cause = next;
    }
    if cause.is::<reqwest::Error>() {
        // reqwest's own text names the URL; a cause-less reqwest error says little more.
        return "the request could not be sent".to_owned();
    }
    cause.to_string()
}
