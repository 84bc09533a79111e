//! The route to each host, as the user's PC would take it: the proxy environment variables
//! first, then the system's settings (Windows' Internet settings and PAC script, macOS'
//! network settings). Each host's route is chosen once and kept: a PAC script is downloaded
//! and run once per host, off the async runtime's threads.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use reqwest::Url;
use serde::Serialize;

use super::proxy::{Choice, EnvProxies, ProxyScheme, Source};
use super::tls::{CertFacts, RefusedLog};

/// The system's proxy settings, where the platform has them.
pub trait SystemProxies: Send + Sync {
    /// The route for `url`, or `None` when the system sets no proxy.
    fn choose(&self, url: &Url) -> Option<Choice>;
    /// Whether `choose` may wait (a PAC script to download and run).
    fn may_block(&self) -> bool;
}

/// No system settings to read (Linux, and tests).
pub struct NoSystem;

impl SystemProxies for NoSystem {
    fn choose(&self, _: &Url) -> Option<Choice> {
        None
    }

    fn may_block(&self) -> bool {
        false
    }
}

/// This platform's settings.
pub fn system() -> Arc<dyn SystemProxies> {
    #[cfg(windows)]
    {
        Arc::new(super::windows::WinHttp::default())
    }
    #[cfg(target_os = "macos")]
    {
        Arc::new(super::macos::MacSettings::read())
    }
    #[cfg(not(any(windows, target_os = "macos")))]
    {
        Arc::new(NoSystem)
    }
}

/// Chooses and remembers each host's route.
pub struct Router {
    env: EnvProxies,
    system: Arc<dyn SystemProxies>,
    chosen: Mutex<HashMap<String, Choice>>,
    refused: RefusedLog,
}

impl Router {
    pub fn new(env: EnvProxies, system: Arc<dyn SystemProxies>, refused: RefusedLog) -> Router {
        Router {
            env,
            system,
            chosen: Mutex::default(),
            refused,
        }
    }

    /// The route for `url`'s origin, chosen now if it was not yet.
    pub fn choose(&self, url: &Url) -> Choice {
        let key = origin(url);
        if let Some(choice) = lock(&self.chosen).get(&key) {
            return choice.clone();
        }
        let choice = self
            .env
            .choose(url)
            .or_else(|| self.system.choose(url))
            .unwrap_or_else(|| Choice::direct(Source::None));
        lock(&self.chosen).insert(key, choice.clone());
        choice
    }

    /// Chooses `url`'s route ahead of its request, off the runtime's threads when that may
    /// wait; the client's proxy callback then finds it chosen.
    pub async fn prepare(self: &Arc<Self>, url: &Url) -> Choice {
        if let Some(choice) = lock(&self.chosen).get(&origin(url)) {
            return choice.clone();
        }
        if !self.system.may_block() {
            return self.choose(url);
        }
        let (router, url) = (self.clone(), url.clone());
        match tokio::task::spawn_blocking(move || router.choose(&url)).await {
            Ok(choice) => choice,
            Err(_) => Choice::direct(Source::None),
        }
    }

    /// What the report says of the route to `url`.
    pub fn used(&self, url: &Url) -> RouteUsed {
        let choice = self.choose(url);
        let host = url.host_str().unwrap_or("").to_owned();
        let certificate = lock(&self.refused)
            .iter()
            .rev()
            .find(|(server, _)| *server == host.trim_start_matches('[').trim_end_matches(']'))
            .map(|(_, facts)| facts.clone());
        RouteUsed {
            host,
            port: url.port_or_known_default().unwrap_or(0),
            proxy: choice.proxy.map(|p| ProxyShown {
                scheme: p.scheme,
                host: p.host.clone(),
                port: p.port,
            }),
            source: choice.source,
            certificate,
        }
    }
}

/// `scheme://host:port`: one route per origin.
fn origin(url: &Url) -> String {
    format!(
        "{}://{}:{}",
        url.scheme(),
        url.host_str().unwrap_or(""),
        url.port_or_known_default().unwrap_or(0)
    )
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

/// A proxy as a report shows it: never a user name or password.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ProxyShown {
    pub scheme: ProxyScheme,
    pub host: String,
    pub port: u16,
}

/// How one host was reached, for the report and `--json`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RouteUsed {
    pub host: String,
    pub port: u16,
    /// `None`: direct.
    pub proxy: Option<ProxyShown>,
    pub source: Source,
    /// The certificate this host presented and we refused, if we did.
    pub certificate: Option<CertFacts>,
}
