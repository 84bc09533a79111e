//! A healthy rehearsal from a cold start (token, users, create, update, delete) against the
//! emulator with an injected per-request latency: it must be 5 round trips, so its wall time
//! stays near 5 × the latency. Run with `cargo bench --bench rehearsal`.

use std::time::Duration;

use hacomono_zoom_setup::credentials::Credentials;
use hacomono_zoom_setup::signals::Stop;
use hacomono_zoom_setup::zoom::client::{Endpoints, ZoomClient};
use hacomono_zoom_setup::zoom::session::ZoomSession;
use hacomono_zoom_setup::zoom::verify::VerifyOptions;
use zoom_emulator::{Emulator, EmulatorConfig};

#[global_allocator]
static ALLOC: divan::AllocProfiler = divan::AllocProfiler::system();

fn main() {
    divan::main();
}

/// The latency of one request, in milliseconds: a far-away Zoom.
const LATENCY_MS: [u64; 2] = [20, 50];

#[divan::bench(args = LATENCY_MS, sample_count = 10, sample_size = 1)]
fn check_and_rehearse_from_cold(bencher: divan::Bencher, latency_ms: u64) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let emulator = runtime
        .block_on(Emulator::start_with(EmulatorConfig {
            latency: Duration::from_millis(latency_ms),
            ..EmulatorConfig::default()
        }))
        .unwrap();
    let client = ZoomClient::new(
        Endpoints::single(&emulator.base_url()),
        Duration::from_secs(10),
    )
    .unwrap();
    let credentials = Credentials::demo();
    bencher.bench_local(|| {
        runtime.block_on(async {
            // The engine every front end uses: the check, then the rehearsal with its token.
            let session = ZoomSession::new(client.clone(), VerifyOptions::default());
            let stop = Stop::new();
            let report = session.check(&credentials, &stop, &mut |_, _, _| {}).await;
            let host = report
                .default_user()
                .cloned()
                .expect("the demo account passes");
            let rehearsal = session
                .rehearse(&credentials, &host, &stop, &mut |_, _| {})
                .await;
            assert!(rehearsal.passed());
        })
    });
    // 5 per run: token, users, create, update, delete.
    let runs = emulator.tokens_minted();
    assert_eq!(emulator.requests(), runs * 5, "5 round trips a run");
    assert_eq!(emulator.meetings_left(), 0);
}
