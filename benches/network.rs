//! The check over TLS to two servers (Zoom's OAuth server and its API server), each behind a
//! relay that delays every chunk by a fixed time each way, as a far-away Zoom would: a round
//! trip is twice the delay. Measured: a cold check (new client, nothing open), and the
//! wizard's check after the Values screen warmed the connections. Divide the times by the
//! round trip for the round trips: the goals are at most 3.5 cold and 2.5 warm.
//!
//!     cargo bench --bench network

use std::net::SocketAddr;
use std::time::Duration;

use hacomono_zoom_setup::credentials::Credentials;
use hacomono_zoom_setup::net::Network;
use hacomono_zoom_setup::zoom::client::{Endpoints, ZoomClient};
use hacomono_zoom_setup::zoom::verify::{VerifyOptions, verify};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use zoom_emulator::Emulator;

#[path = "../tests/support/netlab.rs"]
#[allow(dead_code)]
mod netlab;

fn main() {
    divan::main();
}

/// The relay's delay each way, in milliseconds (a round trip is twice this).
const DELAY_MS: [u64; 2] = [20, 50];

/// Copies `from` to `to`, each chunk delivered `delay` after it was read (in order, without
/// holding the next chunk back: a delay line, not a slow link).
async fn delay_line(
    mut from: tokio::net::tcp::OwnedReadHalf,
    mut to: tokio::net::tcp::OwnedWriteHalf,
    delay: Duration,
) {
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<(tokio::time::Instant, Vec<u8>)>();
    let reader = async move {
        let mut buf = vec![0u8; 16 * 1024];
        while let Ok(n) = from.read(&mut buf).await {
            if n == 0
                || tx
                    .send((tokio::time::Instant::now() + delay, buf[..n].to_vec()))
                    .is_err()
            {
                break;
            }
        }
    };
    let writer = async move {
        while let Some((at, chunk)) = rx.recv().await {
            tokio::time::sleep_until(at).await;
            if to.write_all(&chunk).await.is_err() {
                break;
            }
        }
        let _ = to.shutdown().await;
    };
    tokio::join!(reader, writer);
}

/// A relay on 127.0.0.1 in front of `backend`, delaying each chunk by `delay` each way.
async fn relay(backend: SocketAddr, delay: Duration) -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((client, _)) = listener.accept().await {
            tokio::spawn(async move {
                let Ok(server) = TcpStream::connect(backend).await else {
                    return;
                };
                let _ = client.set_nodelay(true);
                let _ = server.set_nodelay(true);
                let (client_read, client_write) = client.into_split();
                let (server_read, server_write) = server.into_split();
                tokio::join!(
                    delay_line(client_read, server_write, delay),
                    delay_line(server_read, client_write, delay),
                );
            });
        }
    });
    addr
}

/// Zoom's two servers over TLS, each behind its own delaying relay.
struct Setup {
    runtime: tokio::runtime::Runtime,
    endpoints: Endpoints,
    network: Network,
    _emulator: Emulator,
}

fn setup(delay_ms: u64) -> Setup {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let delay = Duration::from_millis(delay_ms);
    let ca = netlab::TestCa::new("Bench Root CA");
    let (emulator, oauth, api) = runtime.block_on(async {
        let emulator = Emulator::start().await.unwrap();
        let front = netlab::tls_front(
            &ca.good_leaf(&["zoom.us", "api.zoom.us"]),
            Some(emulator.addr()),
        );
        (
            emulator,
            relay(front, delay).await,
            relay(front, delay).await,
        )
    });
    let mut network = Network::isolated();
    network.lookup = Some(netlab::lookup(&[], &[]));
    network.extra_roots = vec![ca.der()];
    Setup {
        runtime,
        endpoints: Endpoints::given(
            Some(&format!("https://zoom.us:{}", oauth.port())),
            Some(&format!("https://api.zoom.us:{}", api.port())),
        ),
        network,
        _emulator: emulator,
    }
}

impl Setup {
    fn client(&self) -> ZoomClient {
        ZoomClient::with_network(
            self.endpoints.clone(),
            Duration::from_secs(10),
            self.network.clone(),
        )
        .unwrap()
    }

    fn check(&self, client: &ZoomClient) {
        let report = self.runtime.block_on(verify(
            client,
            &Credentials::demo(),
            &VerifyOptions::default(),
            &mut |_, _, _| {},
        ));
        assert!(report.ok(), "{report:#?}");
    }
}

/// A first check: a new client, no connection open.
#[divan::bench(args = DELAY_MS, sample_count = 10, sample_size = 1)]
fn cold_check(bencher: divan::Bencher, delay_ms: u64) {
    let setup = setup(delay_ms);
    bencher
        .with_inputs(|| setup.client())
        .bench_local_values(|client| setup.check(&client));
}

/// The wizard's check after the Values screen: its connections were warmed (no request).
#[divan::bench(args = DELAY_MS, sample_count = 10, sample_size = 1)]
fn check_after_warm_up(bencher: divan::Bencher, delay_ms: u64) {
    let setup = setup(delay_ms);
    bencher
        .with_inputs(|| {
            let client = setup.client();
            setup.runtime.block_on(client.warm_up());
            client
        })
        .bench_local_values(|client| setup.check(&client));
}
