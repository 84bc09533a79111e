//! The HTTP server: the emulator a test or the demo holds, the accept loop, and the routes.

use std::convert::Infallible;
use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use http_body_util::{BodyExt as _, Limited};
use hyper::body::Incoming;
use hyper::header::AUTHORIZATION;
use hyper::{Method, Request, StatusCode};
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::task::{JoinHandle, JoinSet};

use crate::answers::{self, Answer};
use crate::faults::Endpoint;
use crate::state::Shared;
use crate::users::LARGE_USERS;
use crate::{meetings, oauth, users};

/// The path prefix of the regional scenario's API ("the EU cluster").
pub(crate) const REGIONAL_PREFIX: &str = "/eu01";

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
        let shared = Arc::new(Shared::new(config, format!("http://{addr}")));
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
        (
            count(Endpoint::Create),
            count(Endpoint::Update),
            count(Endpoint::Delete),
        )
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
            return Ok(answers::rest_error(
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
        (&Method::POST, "/oauth/token") => oauth::token(&shared, auth, query, &body).await,
        (&Method::GET, "/v2/users") => users::users(&shared, auth, query, regional).await,
        (method, path) if path.starts_with("/v2/users/") && path.ends_with("/meetings") => {
            let host = &path["/v2/users/".len()..path.len() - "/meetings".len()];
            match *method {
                Method::POST => meetings::create(&shared, auth, regional, host, &body).await,
                _ => {
                    answers::rest_error(StatusCode::METHOD_NOT_ALLOWED, 405, "Method not allowed.")
                }
            }
        }
        (method, path) if path.starts_with("/v2/meetings/") => {
            let id = path["/v2/meetings/".len()..].parse::<u64>().unwrap_or(0);
            match *method {
                Method::PATCH => meetings::update(&shared, auth, regional, id, &body).await,
                Method::DELETE => meetings::delete(&shared, auth, regional, id).await,
                _ => {
                    answers::rest_error(StatusCode::METHOD_NOT_ALLOWED, 405, "Method not allowed.")
                }
            }
        }
        (_, "/oauth/token" | "/v2/users") => {
            answers::rest_error(StatusCode::METHOD_NOT_ALLOWED, 405, "Method not allowed.")
        }
        _ => answers::rest_error(StatusCode::NOT_FOUND, 404, "Not found."),
    };
    Ok(answer)
}

/// `name=value&...` (query string or form body), percent-decoded.
pub(crate) fn params(text: &str) -> Vec<(String, String)> {
    form_urlencoded::parse(text.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}
