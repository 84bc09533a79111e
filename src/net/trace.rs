//! How far a request got before it failed or fell silent: the name lookup, the connection
//! (to the proxy, then the tunnel), the TLS handshake, the answer. The pieces reqwest lets us
//! plug in (the resolver, the TLS session store and verifier, a connector layer) mark their
//! step in the `Trace` of the request whose task they run in, so a silence is named by the
//! step it happened at, with no timer per step.
//!
//! The connector layer also parks connections: a warm-up connects (DNS, TCP, proxy tunnel,
//! TLS) and leaves the connection here, unused, for the next request to the same destination;
//! no HTTP request is sent to warm a connection up.

use std::any::Any;
use std::collections::HashMap;
use std::fmt;
use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

tokio::task_local! {
    static TRACE: Arc<Trace>;
}

/// The steps of one request (one try) as far as they got.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Steps {
    /// A new connection is being made (none from the pool).
    pub connecting: bool,
    /// The name being looked up, once a lookup started.
    pub lookup: Option<String>,
    pub looked_up: bool,
    /// The TLS handshake started: the connection (and any proxy tunnel) is open.
    pub tls_started: bool,
    /// The server's certificate arrived.
    pub certificate: bool,
    /// The connection is ready; the request is on its way.
    pub connected: bool,
    /// The connection was a parked one (opened by a warm-up, maybe closed by the server since).
    pub parked: bool,
}

/// The step a silent request was waiting at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Step {
    /// The name lookup (DNS).
    Lookup,
    /// Opening the connection (to the server, or to the proxy and through it).
    Connect,
    /// The proxy, once reached: its answer to the tunnel request.
    Proxy,
    /// The TLS handshake.
    Tls,
    /// Connected and the request sent: the answer.
    Answer,
}

impl Steps {
    /// Where a request that timed out was waiting. `proxied`: it went through a proxy, whose
    /// silence before the TLS handshake is the proxy's.
    pub fn silent_step(&self, proxied: bool) -> Step {
        if self.connected || !self.connecting {
            // Connected, or a connection from the pool: only the answer was left.
            Step::Answer
        } else if self.tls_started || self.certificate {
            Step::Tls
        } else if self.lookup.is_some() && !self.looked_up {
            Step::Lookup
        } else if proxied {
            Step::Proxy
        } else {
            Step::Connect
        }
    }
}

/// One request's trace, shared with the pieces that mark it.
#[derive(Debug, Default)]
pub struct Trace(Mutex<Steps>);

impl Trace {
    pub fn steps(&self) -> Steps {
        lock(&self.0).clone()
    }
}

/// Runs `future` (one try of a request) with `trace` as the trace its pieces mark.
pub async fn traced<F: Future>(trace: Arc<Trace>, future: F) -> F::Output {
    TRACE.scope(trace, future).await
}

/// Marks the current request's trace, if any (a connection finished in the background after
/// its request went elsewhere has none).
pub fn mark(f: impl FnOnce(&mut Steps)) {
    let _ = TRACE.try_with(|trace| f(&mut lock(&trace.0)));
}

fn current() -> Option<Arc<Trace>> {
    TRACE.try_with(Arc::clone).ok()
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

// --- the name lookup --------------------------------------------------------------------------

/// A lookup of a host name's addresses (the port is set by the caller).
pub type Lookup = Arc<
    dyn Fn(&str) -> Pin<Box<dyn Future<Output = std::io::Result<Vec<SocketAddr>>> + Send>>
        + Send
        + Sync,
>;

/// A name that did not resolve; the host is kept, so a proxy's name is told from Zoom's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DnsError {
    pub host: String,
    pub detail: String,
}

impl fmt::Display for DnsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} does not resolve: {}", self.host, self.detail)
    }
}

impl std::error::Error for DnsError {}

/// The system's resolver (or a test's `Lookup`), marking the lookup's start and end.
#[derive(Clone, Default)]
pub struct Resolver {
    pub lookup: Option<Lookup>,
}

impl reqwest::dns::Resolve for Resolver {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let host = name.as_str().to_owned();
        mark(|s| {
            s.lookup = Some(host.clone());
            s.looked_up = false;
        });
        let trace = current();
        let lookup = self.lookup.clone();
        Box::pin(async move {
            let result = match lookup {
                Some(lookup) => lookup(&host).await,
                None => tokio::net::lookup_host((host.as_str(), 0))
                    .await
                    .map(Iterator::collect),
            };
            if let Some(trace) = trace {
                lock(&trace.0).looked_up = true;
            }
            match result {
                Ok(addrs) if !addrs.is_empty() => {
                    Ok(Box::new(addrs.into_iter()) as reqwest::dns::Addrs)
                }
                Ok(_) => Err(Box::new(DnsError {
                    host,
                    detail: "no address".to_owned(),
                }) as _),
                Err(e) => Err(Box::new(DnsError {
                    host,
                    detail: e.to_string(),
                }) as _),
            }
        })
    }
}

// --- the connection ---------------------------------------------------------------------------

/// How long a parked connection waits for its request. Servers close connections that carry
/// no request after a while; only a fresh one is handed over (the wizard warms up again before
/// this runs out), and a request whose parked connection turns out closed is sent again at
/// once on a new one (`ZoomClient::exchange_by`; never the create).
pub const PARK_FOR: Duration = Duration::from_secs(30);

/// A connection waiting for its request, and since when (reqwest's connection type cannot be
/// named, hence `Any`).
type Parked = (Instant, Box<dyn Any + Send>);

/// Connections opened ahead of their request, by destination, and the destinations being
/// connected to right now.
#[derive(Default)]
pub struct Parking {
    slots: Mutex<HashMap<String, Parked>>,
    warming: Mutex<std::collections::HashSet<String>>,
}

impl Parking {
    fn take<T: 'static>(&self, key: &str) -> Option<T> {
        let mut slots = lock(&self.slots);
        slots.retain(|_, (at, _)| at.elapsed() < PARK_FOR);
        let (_, conn) = slots.remove(key)?;
        conn.downcast::<T>().ok().map(|b| *b)
    }

    fn put<T: Send + 'static>(&self, key: String, conn: T) {
        lock(&self.slots).insert(key, (Instant::now(), Box::new(conn)));
    }

    /// Whether a connection to `origin` (`https://host[:port]/`, as the connector's requests
    /// name it) is parked with at least half its time left.
    pub fn has_fresh(&self, origin: &str) -> bool {
        lock(&self.slots)
            .iter()
            .any(|(key, (at, _))| at.elapsed() < PARK_FOR / 2 && key.contains(origin))
    }

    /// Marks `origin` as being connected to; `false` if it already is (a second warm-up
    /// meanwhile opens nothing more).
    pub fn start_warming(&self, origin: &str) -> bool {
        lock(&self.warming).insert(origin.to_owned())
    }

    pub fn done_warming(&self, origin: &str) {
        lock(&self.warming).remove(origin);
    }
}

/// Why a warm-up's request "fails": its connection is parked, and no request is sent.
#[derive(Debug)]
pub struct ParkedInstead;

impl fmt::Display for ParkedInstead {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("connection opened and parked for the next request")
    }
}

impl std::error::Error for ParkedInstead {}

/// A layer around reqwest's connector: marks a finished connection, and either parks it (the
/// warm-up client) or hands out a parked one (the client that sends requests).
#[derive(Clone)]
pub struct ConnectLayer {
    parking: Arc<Parking>,
    park: bool,
}

impl ConnectLayer {
    /// For the client that sends requests: takes parked connections.
    pub fn taking(parking: Arc<Parking>) -> Self {
        ConnectLayer {
            parking,
            park: false,
        }
    }

    /// For the warm-up client: every connection it makes is parked, its request never sent.
    pub fn parking(parking: Arc<Parking>) -> Self {
        ConnectLayer {
            parking,
            park: true,
        }
    }
}

impl<S> tower::Layer<S> for ConnectLayer {
    type Service = Connect<S>;

    fn layer(&self, inner: S) -> Connect<S> {
        Connect {
            inner,
            parking: self.parking.clone(),
            park: self.park,
        }
    }
}

#[derive(Clone)]
pub struct Connect<S> {
    inner: S,
    parking: Arc<Parking>,
    park: bool,
}

type BoxError = Box<dyn std::error::Error + Send + Sync>;

impl<S, Req> tower::Service<Req> for Connect<S>
where
    S: tower::Service<Req, Error = BoxError>,
    S::Response: Send + 'static,
    S::Future: Send + 'static,
    // reqwest's request type cannot be named; its `Debug` text (the destination URL) is the
    // key a warmed connection is parked under.
    Req: fmt::Debug,
{
    type Response = S::Response;
    type Error = BoxError;
    type Future = Pin<Box<dyn Future<Output = Result<S::Response, BoxError>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), BoxError>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Req) -> Self::Future {
        let key = format!("{request:?}");
        mark(|s| s.connecting = true);
        if !self.park
            && let Some(conn) = self.parking.take::<S::Response>(&key)
        {
            mark(|s| {
                s.connected = true;
                s.parked = true;
            });
            return Box::pin(std::future::ready(Ok(conn)));
        }
        let connecting = self.inner.call(request);
        let (park, parking) = (self.park, self.parking.clone());
        Box::pin(async move {
            let conn = connecting.await?;
            if park {
                parking.put(key, conn);
                return Err(Box::new(ParkedInstead) as BoxError);
            }
            mark(|s| s.connected = true);
            Ok(conn)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_silent_step_is_the_first_one_not_finished() {
        let direct = |steps: Steps| steps.silent_step(false);
        let proxied = |steps: Steps| steps.silent_step(true);
        let looking = Steps {
            connecting: true,
            lookup: Some("zoom.us".into()),
            ..Steps::default()
        };
        assert_eq!(direct(looking.clone()), Step::Lookup);
        assert_eq!(proxied(looking.clone()), Step::Lookup);
        let looked = Steps {
            looked_up: true,
            ..looking
        };
        assert_eq!(direct(looked.clone()), Step::Connect);
        assert_eq!(proxied(looked.clone()), Step::Proxy);
        let tls = Steps {
            tls_started: true,
            ..looked
        };
        assert_eq!(direct(tls.clone()), Step::Tls);
        assert_eq!(proxied(tls.clone()), Step::Tls);
        let connected = Steps {
            connected: true,
            ..tls
        };
        assert_eq!(direct(connected), Step::Answer);
        // A connection from the pool: nothing but the answer to wait for.
        assert_eq!(direct(Steps::default()), Step::Answer);
        // An IP address connects without a lookup.
        let to_ip = Steps {
            connecting: true,
            ..Steps::default()
        };
        assert_eq!(direct(to_ip.clone()), Step::Connect);
        assert_eq!(proxied(to_ip), Step::Proxy);
    }
}
