//! What the emulator remembers between requests: tokens, pages, meetings, counts.

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::AtomicU64;

use crate::EmulatorConfig;
use crate::faults::Endpoint;
use crate::scenario::Scenario;

/// State the connections share.
pub(crate) struct Shared {
    pub(crate) config: EmulatorConfig,
    pub(crate) base_url: String,
    pub(crate) requests: AtomicU64,
    pub(crate) tokens_minted: AtomicU64,
    inner: Mutex<Inner>,
}

#[derive(Default)]
pub(crate) struct Inner {
    /// Access token -> the scenario it was minted for.
    pub(crate) tokens: HashMap<String, Scenario>,
    /// Requests seen per scenario and endpoint, for the "once, then works" scenarios.
    pub(crate) hits: HashMap<(Scenario, Endpoint), u64>,
    /// Next-page tokens handed out -> the offset they continue at.
    pub(crate) pages: HashMap<String, usize>,
    /// Meetings created and not deleted yet: id -> (host user id, topic).
    pub(crate) meetings: HashMap<u64, (String, String)>,
    /// Makes every token, page token and meeting id new.
    pub(crate) serial: u64,
}

impl Shared {
    pub(crate) fn new(config: EmulatorConfig, base_url: String) -> Shared {
        Shared {
            config,
            base_url,
            requests: AtomicU64::new(0),
            tokens_minted: AtomicU64::new(0),
            inner: Mutex::new(Inner::default()),
        }
    }

    pub(crate) fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        // A panicking handler cannot leave the maps half-written in a way that matters here.
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// 0 for the first request of this scenario at this endpoint, then 1, 2, ...
    pub(crate) fn hit(&self, scenario: Scenario, endpoint: Endpoint) -> u64 {
        let mut inner = self.lock();
        let n = inner.hits.entry((scenario, endpoint)).or_insert(0);
        *n += 1;
        *n - 1
    }

    /// The scenario of a bearer token minted here, on the cluster it was minted for.
    pub(crate) fn bearer_scenario(&self, auth: &str, regional: bool) -> Option<Scenario> {
        let bearer = auth
            .strip_prefix("Bearer ")
            .or_else(|| auth.strip_prefix("bearer "))
            .unwrap_or("");
        let scenario = self.lock().tokens.get(bearer.trim()).copied();
        scenario.filter(|s| (*s == Scenario::Regional) == regional)
    }
}
