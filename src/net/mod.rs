//! The route to Zoom: which proxy for which host (the environment, Windows' settings and PAC
//! script, macOS' settings), TLS with the platform's trust and named refusals, and every
//! network failure named by its cause and the step it happened at.

pub mod cause;
#[cfg(target_os = "macos")]
mod macos;
pub mod portal;
pub mod probe;
pub mod proxy;
pub mod report;
pub mod route;
pub mod tls;
pub mod trace;
#[cfg(windows)]
mod windows;

pub use cause::Cause;
pub use route::RouteUsed;

use std::sync::Arc;

use rustls::pki_types::CertificateDer;

/// Where a client takes its network settings from: the user's (`Network::system`), or what a
/// test or benchmark gives it.
#[derive(Clone)]
pub struct Network {
    pub env: proxy::EnvProxies,
    pub system: Arc<dyn route::SystemProxies>,
    /// `None`: the system's resolver.
    pub lookup: Option<trace::Lookup>,
    /// Trusted besides the platform's roots.
    pub extra_roots: Vec<CertificateDer<'static>>,
}

impl Network {
    /// This process' environment variables and this platform's settings.
    pub fn system() -> Network {
        Network {
            env: proxy::EnvProxies::read(|name| std::env::var(name).ok()),
            system: route::system(),
            lookup: None,
            extra_roots: Vec::new(),
        }
    }

    /// No proxy, the system's resolver and roots: for tests and benchmarks, whatever the
    /// machine they run on has set.
    pub fn isolated() -> Network {
        Network {
            env: proxy::EnvProxies::default(),
            system: Arc::new(route::NoSystem),
            lookup: None,
            extra_roots: Vec::new(),
        }
    }
}

impl std::fmt::Debug for Network {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Network")
            .field("env", &self.env.any())
            .field("lookup", &self.lookup.is_some())
            .field("extra_roots", &self.extra_roots.len())
            .finish()
    }
}
