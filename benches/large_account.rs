//! Listing a large Zoom account: 10,000 users from the emulator with a per-request latency,
//! against the small demo account. Printed before divan's table: the requests made, the wall
//! time as a multiple of the latency (pages are sequential: each token comes from the page
//! before, so 34 pages cost at least 34 latencies, plus one for the token), and the peak heap
//! the run added. divan then times the same runs and counts their allocations.
//!
//! `cargo bench --bench large_account`

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use hacomono_zoom_setup::credentials::{Credentials, Secret};
use hacomono_zoom_setup::zoom::client::{Endpoints, ZoomClient};
use hacomono_zoom_setup::zoom::report::Report;
use hacomono_zoom_setup::zoom::verify::{VerifyOptions, verify};
use zoom_emulator::{Emulator, EmulatorConfig, Scenario};

/// The system allocator, keeping the bytes in use and their peak.
struct Peak;

static IN_USE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Peak {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded as given.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = IN_USE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded as given.
        unsafe { System.dealloc(ptr, layout) };
        IN_USE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static ALLOC: divan::AllocProfiler<Peak> = divan::AllocProfiler::new(Peak);

/// What a far-away Zoom adds to every request (`LATENCY_MS` overrides it, 0 shows the cost
/// of the work itself).
fn latency() -> Duration {
    let ms = std::env::var("LATENCY_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20);
    Duration::from_millis(ms)
}
const LARGE: usize = 10_000;

fn main() {
    for (name, users) in [
        ("small (demo, 4 users)", None),
        ("large (10,000 users)", Some(LARGE)),
    ] {
        let figures = measure(users);
        eprintln!(
            "{name}: {} requests ({} pages), {:.1} x latency ({} ms at {} ms), peak heap +{:.2} MiB, {} users",
            figures.requests,
            figures.requests - 1,
            figures.wall.as_secs_f64() / latency().as_secs_f64().max(1e-9),
            figures.wall.as_millis(),
            latency().as_millis(),
            figures.peak as f64 / (1024.0 * 1024.0),
            figures.users,
        );
    }
    divan::main();
}

struct Figures {
    requests: u64,
    wall: Duration,
    peak: usize,
    users: usize,
}

/// One check against a fresh emulator: `Some(n)` the large account of `n` users, `None` the
/// demo account.
fn measure(users: Option<usize>) -> Figures {
    let runtime = runtime();
    let (emulator, client, creds) = runtime.block_on(setup(users));
    let before = emulator.requests();
    let baseline = IN_USE.load(Ordering::Relaxed);
    PEAK.store(baseline, Ordering::Relaxed);
    let started = Instant::now();
    let report = runtime.block_on(check(&client, &creds));
    let wall = started.elapsed();
    let peak = PEAK.load(Ordering::Relaxed).saturating_sub(baseline);
    assert!(report.ok());
    Figures {
        requests: emulator.requests() - before,
        wall,
        peak,
        users: report.users.len(),
    }
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

async fn setup(users: Option<usize>) -> (Emulator, ZoomClient, Credentials) {
    let config = EmulatorConfig {
        latency: latency(),
        large_users: users.unwrap_or(LARGE),
        ..EmulatorConfig::default()
    };
    let emulator = Emulator::start_with(config).await.unwrap();
    let client = ZoomClient::new(
        Endpoints::single(&emulator.base_url()),
        Duration::from_secs(10),
    )
    .unwrap();
    let creds = match users {
        None => Credentials::demo(),
        Some(_) => Credentials {
            account_id: "LargeAccount-0123456789".into(),
            client_id: Scenario::LargeAccount.client_id().into(),
            client_secret: Secret::new("any-secret-for-the-large-account"),
        },
    };
    (emulator, client, creds)
}

async fn check(client: &ZoomClient, creds: &Credentials) -> Report {
    verify(client, creds, &VerifyOptions::default(), &mut |_, _, _| {}).await
}

/// One whole check, timed by divan (a few samples: each costs at least 35 latencies).
#[divan::bench(args = [None, Some(LARGE)], sample_count = 3, sample_size = 1)]
fn list_all_users(bencher: divan::Bencher, users: Option<usize>) {
    let runtime = runtime();
    let (_emulator, client, creds) = runtime.block_on(setup(users));
    bencher.bench_local(|| runtime.block_on(check(&client, &creds)));
}
