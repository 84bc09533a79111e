//! Office networks on 127.0.0.1: the route (proxies from the environment, SOCKS5, NO_PROXY),
//! every failure on the way named by its cause (the name, refused, reset, silent and where, a
//! certificate's issuer, dates and names, old ciphers, the proxy unknown, down, asking for a
//! sign-in or blocking, a network sign-in page), retries told as they happen, and warm-up
//! connections that carry no request. The check runs in-process against the emulator, behind
//! the test's own TLS servers, proxies and misbehaving servers (tests/support/netlab.rs).

mod support;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use hacomono_zoom_setup::credentials::Credentials;
use hacomono_zoom_setup::net::Network;
use hacomono_zoom_setup::net::proxy::{EnvProxies, ProxyScheme, Source};
use hacomono_zoom_setup::net::route::NoSystem;
use hacomono_zoom_setup::zoom::client::{
    Endpoints, RequestKind, RetryPolicy, Retrying, ZoomClient,
};
use hacomono_zoom_setup::zoom::report::{DiagnosisCode, Report};
use hacomono_zoom_setup::zoom::verify::{VerifyOptions, verify};
use rustls::pki_types::CertificateDer;
use support::net::{FakeServer, RefusedPort, http};
use support::netlab::{self, LoggingProxy, ProxyMode, TestCa};
use zoom_emulator::{Emulator, Scenario};

/// The test machine's own proxy settings never apply: only what a test gives.
fn network(env: &[(&str, &str)], roots: &[CertificateDer<'static>]) -> Network {
    let env: Vec<(String, String)> = env
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    Network {
        env: EnvProxies::read(|name| env.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())),
        system: Arc::new(NoSystem),
        lookup: Some(netlab::lookup(
            &["zoom.invalid", "proxy.invalid"],
            &["silent.invalid"],
        )),
        extra_roots: roots.to_vec(),
    }
}

fn client(endpoints: Endpoints, network: Network, timeout: Duration) -> ZoomClient {
    ZoomClient::with_network(endpoints, timeout, network)
        .expect("client")
        .with_retry(RetryPolicy::fast())
}

async fn check(client: &ZoomClient) -> Report {
    verify(
        client,
        &Credentials::demo(),
        &VerifyOptions::default(),
        &mut |_, _, _| {},
    )
    .await
}

fn oauth(base: &str) -> Endpoints {
    Endpoints::given(Some(base), None)
}

fn codes(report: &Report) -> Vec<DiagnosisCode> {
    report.diagnoses.iter().map(|d| d.code).collect()
}

fn detail(report: &Report) -> String {
    report.diagnoses[0].detail.clone().unwrap_or_default()
}

/// Zoom's two servers behind one TLS server with a certificate for both, from `ca`.
struct Zoom {
    emulator: Emulator,
    front: std::net::SocketAddr,
}

async fn zoom_behind_tls(ca: &TestCa) -> Zoom {
    let emulator = Emulator::start().await.unwrap();
    let leaf = ca.good_leaf(&["zoom.us", "api.zoom.us"]);
    let front = netlab::tls_front(&leaf, Some(emulator.addr()));
    Zoom { emulator, front }
}

impl Zoom {
    /// A proxy's routes to both servers.
    fn routes(&self) -> netlab::Routes {
        netlab::routes(&[("zoom.us:443", self.front), ("api.zoom.us:443", self.front)])
    }

    /// Zoom's own addresses, as a customer's check uses them (through a proxy).
    fn endpoints() -> Endpoints {
        Endpoints::given(Some("https://zoom.us"), Some("https://api.zoom.us"))
    }
}

// --- the route --------------------------------------------------------------------------------

#[tokio::test]
async fn https_proxy_from_the_environment_sees_both_connections_and_the_check_passes() {
    let ca = TestCa::new("Test Root CA");
    let zoom = zoom_behind_tls(&ca).await;
    let proxy = netlab::connect_proxy(ProxyMode::Open, zoom.routes());
    let env = [("HTTPS_PROXY", proxy.url())];
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let client = client(
        Zoom::endpoints(),
        network(&env, &[ca.der()]),
        Duration::from_secs(5),
    );
    let report = check(&client).await;
    assert!(report.ok(), "{report:#?}");
    let log = proxy.log();
    assert!(log.contains(&"CONNECT zoom.us:443".to_owned()), "{log:?}");
    assert!(
        log.contains(&"CONNECT api.zoom.us:443".to_owned()),
        "{log:?}"
    );
    // The report says which proxy, where it came from, and never more.
    assert_eq!(report.route.len(), 2, "{:?}", report.route);
    for route in &report.route {
        let via = route.proxy.as_ref().expect("through the proxy");
        assert_eq!(
            (via.scheme, via.host.as_str()),
            (ProxyScheme::Http, "127.0.0.1")
        );
        assert_eq!(via.port, proxy.addr.port());
        assert_eq!(route.source, Source::Environment);
    }
}

#[tokio::test]
async fn all_proxy_socks5h_hands_the_name_to_the_proxy() {
    let ca = TestCa::new("Test Root CA");
    let zoom = zoom_behind_tls(&ca).await;
    let socks = netlab::socks5_proxy(zoom.routes());
    let url = format!("socks5h://{}", socks.addr);
    let client = client(
        Zoom::endpoints(),
        network(&[("ALL_PROXY", &url)], &[ca.der()]),
        Duration::from_secs(5),
    );
    let report = check(&client).await;
    assert!(report.ok(), "{report:#?}");
    let log = socks.log();
    assert!(log.contains(&"SOCKS5 zoom.us:443".to_owned()), "{log:?}");
    assert!(
        log.contains(&"SOCKS5 api.zoom.us:443".to_owned()),
        "{log:?}"
    );
    assert_eq!(
        report.route[0].proxy.as_ref().map(|p| p.scheme),
        Some(ProxyScheme::Socks5h)
    );
}

#[tokio::test]
async fn no_proxy_with_the_windows_pattern_goes_direct() {
    let emulator = Emulator::start().await.unwrap();
    let proxy = netlab::connect_proxy(ProxyMode::Open, netlab::routes(&[]));
    let base = format!("http://zoom.us:{}", emulator.addr().port());
    let env = [
        ("HTTP_PROXY", proxy.url()),
        ("NO_PROXY", "*.example, *.zoom.us, 127.0.0.1".to_owned()),
    ];
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let client = client(oauth(&base), network(&env, &[]), Duration::from_secs(5));
    let report = check(&client).await;
    assert!(report.ok(), "{report:#?}");
    assert_eq!(proxy.log(), Vec::<String>::new());
    assert_eq!(report.route[0].proxy, None);
    assert_eq!(report.route[0].source, Source::Environment);
}

#[tokio::test]
async fn a_proxy_setting_that_is_no_proxy_address_is_named_and_nothing_is_sent() {
    let emulator = Emulator::start().await.unwrap();
    let client = client(
        oauth(&emulator.base_url()),
        network(&[("HTTP_PROXY", "ftp://user:hunter2@proxy:21")], &[]),
        Duration::from_secs(5),
    );
    let report = check(&client).await;
    assert_eq!(codes(&report), [DiagnosisCode::ProxySettingInvalid]);
    assert_eq!(detail(&report), "HTTP_PROXY=ftp://proxy:21");
    assert_eq!(emulator.requests(), 0);
}

// --- the proxy failing --------------------------------------------------------------------------

async fn through_proxy(proxy_url: &str, timeout: Duration) -> Report {
    let ca = TestCa::new("Test Root CA");
    let client = client(
        Zoom::endpoints(),
        network(&[("HTTPS_PROXY", proxy_url)], &[ca.der()]),
        timeout,
    );
    check(&client).await
}

#[tokio::test]
async fn a_dead_proxy_is_named_not_blamed_on_zoom() {
    let dead = RefusedPort::new();
    let report = through_proxy(&dead.url(), Duration::from_secs(5)).await;
    assert_eq!(codes(&report), [DiagnosisCode::ProxyUnreachable]);
    let detail = detail(&report);
    assert!(detail.starts_with(&dead.url()), "{detail}");
    assert!(detail.contains("refused"), "{detail}");
}

#[tokio::test]
async fn a_proxy_whose_name_does_not_resolve_is_named() {
    let report = through_proxy("http://proxy.invalid:3128", Duration::from_secs(5)).await;
    assert_eq!(codes(&report), [DiagnosisCode::ProxyNameNotResolved]);
    assert_eq!(detail(&report), "http://proxy.invalid:3128");
}

#[tokio::test]
async fn a_proxy_wanting_basic_names_it_and_works_with_credentials_in_its_url() {
    let ca = TestCa::new("Test Root CA");
    let zoom = zoom_behind_tls(&ca).await;
    let proxy = netlab::connect_proxy(ProxyMode::Basic("CORP\\yamada", "p@ss:w"), zoom.routes());

    let report = through_proxy(&proxy.url(), Duration::from_secs(5)).await;
    assert_eq!(codes(&report), [DiagnosisCode::ProxyAuthRequired]);
    assert_eq!(detail(&report), format!("{}: Basic", proxy.url()));

    let wrong = format!("http://yamada:wrong@{}", proxy.addr);
    let report = through_proxy(&wrong, Duration::from_secs(5)).await;
    assert_eq!(codes(&report), [DiagnosisCode::ProxyAuthRequired]);
    let said = detail(&report);
    assert!(said.ends_with("user name and password sent"), "{said}");
    assert!(
        !said.contains("wrong"),
        "the password is never shown: {said}"
    );

    // A domain user, percent-encoded as the README says.
    let right = format!("http://CORP%5Cyamada:p%40ss%3Aw@{}", proxy.addr);
    let client = client(
        Zoom::endpoints(),
        network(&[("HTTPS_PROXY", &right)], &[ca.der()]),
        Duration::from_secs(5),
    );
    let report = check(&client).await;
    assert!(report.ok(), "{report:#?}");
}

#[tokio::test]
async fn a_windows_sign_in_only_proxy_is_told_apart_from_a_wrong_password() {
    let proxy = netlab::connect_proxy(ProxyMode::NtlmOnly, netlab::routes(&[]));
    let report = through_proxy(&proxy.url(), Duration::from_secs(5)).await;
    assert_eq!(codes(&report), [DiagnosisCode::ProxyAuthUnsupported]);
    assert_eq!(detail(&report), format!("{}: Negotiate, NTLM", proxy.url()));
}

#[tokio::test]
async fn a_proxy_blocking_zoom_gives_its_status() {
    let proxy = netlab::connect_proxy(ProxyMode::Forbidden, netlab::routes(&[]));
    let report = through_proxy(&proxy.url(), Duration::from_secs(5)).await;
    assert_eq!(codes(&report), [DiagnosisCode::ProxyBlocked]);
    assert_eq!(
        detail(&report),
        format!("{}: HTTP 403 Forbidden", proxy.url())
    );
}

#[tokio::test]
async fn a_silent_proxy_is_the_step_that_was_silent() {
    let proxy = netlab::connect_proxy(ProxyMode::Silent, netlab::routes(&[]));
    let report = through_proxy(&proxy.url(), Duration::from_millis(300)).await;
    assert_eq!(codes(&report), [DiagnosisCode::ProxyTimeout]);
    assert!(
        detail(&report).starts_with(&proxy.addr.to_string()),
        "{}",
        detail(&report)
    );
}

#[tokio::test]
async fn a_socks_proxy_refusing_the_destination_is_a_blocking_proxy() {
    let socks = netlab::socks5_proxy(netlab::routes(&[]));
    let url = format!("socks5h://{}", socks.addr);
    let report = through_proxy(&url, Duration::from_secs(5)).await;
    assert_eq!(codes(&report), [DiagnosisCode::ProxyBlocked]);
    assert!(detail(&report).contains("SOCKS"), "{}", detail(&report));
}

// --- the server failing -------------------------------------------------------------------------

#[tokio::test]
async fn a_name_that_does_not_resolve_is_named() {
    let client = client(
        oauth("https://zoom.invalid"),
        network(&[], &[]),
        Duration::from_secs(5),
    );
    let report = check(&client).await;
    assert_eq!(codes(&report), [DiagnosisCode::NameNotResolved]);
    assert_eq!(detail(&report), "zoom.invalid");
}

#[tokio::test]
async fn a_silent_name_lookup_is_named_and_not_tried_again() {
    let client = client(
        oauth("https://silent.invalid"),
        network(&[], &[]),
        Duration::from_millis(300),
    );
    let report = check(&client).await;
    assert_eq!(codes(&report), [DiagnosisCode::LookupTimeout]);
    assert_eq!(detail(&report), "silent.invalid:443, 300 ms");
}

#[tokio::test]
async fn a_connection_that_gets_no_answer_is_named() {
    let port = netlab::UnansweredPort::new();
    let base = format!("https://zoom.us:{}", port.addr.port());
    let client = client(oauth(&base), network(&[], &[]), Duration::from_millis(500));
    let report = check(&client).await;
    assert_eq!(codes(&report), [DiagnosisCode::ConnectTimeout]);
    assert_eq!(
        detail(&report),
        format!("zoom.us:{}, 500 ms", port.addr.port())
    );
}

#[tokio::test]
async fn a_server_silent_after_the_connection_is_a_tls_silence() {
    let silent = netlab::silent_server();
    let base = format!("https://zoom.us:{}", silent.port());
    let client = client(oauth(&base), network(&[], &[]), Duration::from_millis(300));
    let report = check(&client).await;
    assert_eq!(codes(&report), [DiagnosisCode::TlsTimeout]);
}

#[tokio::test]
async fn a_silent_answer_is_zooms_timeout() {
    // Plain http: the connection is made, the request sent, and nothing comes back.
    let silent = netlab::silent_server();
    let base = format!("http://127.0.0.1:{}", silent.port());
    let client = client(oauth(&base), network(&[], &[]), Duration::from_millis(300));
    let report = check(&client).await;
    assert_eq!(codes(&report), [DiagnosisCode::Timeout]);
}

#[tokio::test]
async fn a_reset_is_named_with_its_step() {
    let reset = netlab::resetting_server();
    let base = format!("https://zoom.us:{}", reset.port());
    let client = client(oauth(&base), network(&[], &[]), Duration::from_secs(5));
    let report = check(&client).await;
    assert_eq!(codes(&report), [DiagnosisCode::ConnectionReset]);
    assert_eq!(
        detail(&report),
        format!("zoom.us:{} (TLS handshake)", reset.port())
    );
}

#[tokio::test]
async fn an_appliance_with_only_old_ciphers_is_named() {
    let old = netlab::old_cipher_server();
    let base = format!("https://zoom.us:{}", old.port());
    let client = client(oauth(&base), network(&[], &[]), Duration::from_secs(5));
    let report = check(&client).await;
    assert_eq!(codes(&report), [DiagnosisCode::TlsIncompatible]);
    assert!(
        detail(&report).ends_with("HandshakeFailure"),
        "{}",
        detail(&report)
    );
}

// --- certificates -------------------------------------------------------------------------------

async fn tls_check(leaf: &netlab::Leaf, trusted: &[CertificateDer<'static>]) -> Report {
    let front = netlab::tls_front(leaf, None);
    let base = format!("https://zoom.us:{}", front.port());
    let client = client(oauth(&base), network(&[], trusted), Duration::from_secs(5));
    check(&client).await
}

#[tokio::test]
async fn an_inspection_certificate_names_its_issuer_and_subject() {
    let inspection = TestCa::new("Corp HTTPS Inspection CA");
    let report = tls_check(&inspection.good_leaf(&["zoom.us"]), &[]).await;
    assert_eq!(codes(&report), [DiagnosisCode::CertificateUntrusted]);
    let said = detail(&report);
    assert!(
        said.contains("issuer: CN=Corp HTTPS Inspection CA, O=Test Office"),
        "{said}"
    );
    assert!(said.contains("subject: CN=zoom.us"), "{said}");
    // The report and --json carry the certificate beside the route.
    let cert = report.route[0]
        .certificate
        .as_ref()
        .expect("the certificate");
    assert_eq!(cert.names, ["zoom.us"]);
    // And the fix says what it is and whom to ask, in both languages.
    let fix = report.diagnoses[0].fix(hacomono_zoom_setup::i18n::Lang::En);
    assert!(
        fix.contains("Corp HTTPS Inspection CA") && fix.contains("IT contact"),
        "{fix}"
    );
    let fix = report.diagnoses[0].fix(hacomono_zoom_setup::i18n::Lang::Ja);
    assert!(
        fix.contains("Corp HTTPS Inspection CA") && fix.contains("IT 担当者"),
        "{fix}"
    );
}

#[tokio::test]
async fn a_self_signed_certificate_says_so() {
    let report = tls_check(&netlab::self_signed_leaf("zoom.us"), &[]).await;
    assert_eq!(
        codes(&report),
        [DiagnosisCode::CertificateUntrusted],
        "{report:?}"
    );
    assert!(
        detail(&report).contains("self-signed: CN=zoom.us"),
        "{}",
        detail(&report)
    );
}

#[tokio::test]
async fn an_expired_certificate_gives_both_dates_and_points_to_the_clock() {
    let ca = TestCa::new("Test Root CA");
    let leaf = ca.leaf(&["zoom.us"], (2020, 1, 1), (2021, 1, 1));
    let report = tls_check(&leaf, &[ca.der()]).await;
    assert_eq!(codes(&report), [DiagnosisCode::CertificateDate]);
    let said = detail(&report);
    // Local time: the dates may move a day with the zone, never the year.
    assert!(
        said.contains("2020-01-0") || said.contains("2019-12-31"),
        "{said}"
    );
    assert!(
        said.contains("2021-01-0") || said.contains("2020-12-31"),
        "{said}"
    );
    assert!(said.contains("this PC: "), "{said}");
    let fix = report.diagnoses[0].fix(hacomono_zoom_setup::i18n::Lang::En);
    assert!(fix.contains("date and time"), "{fix}");
    let fix = report.diagnoses[0].fix(hacomono_zoom_setup::i18n::Lang::Ja);
    assert!(fix.contains("日付と時刻"), "{fix}");
}

#[tokio::test]
async fn a_certificate_not_yet_valid_is_the_same_clock_question() {
    let ca = TestCa::new("Test Root CA");
    let leaf = ca.leaf(&["zoom.us"], (2090, 1, 1), (2095, 1, 1));
    let report = tls_check(&leaf, &[ca.der()]).await;
    assert_eq!(codes(&report), [DiagnosisCode::CertificateDate]);
    assert!(detail(&report).contains("2090-01-0") || detail(&report).contains("2089-12-31"));
}

#[tokio::test]
async fn a_certificate_for_another_name_names_it() {
    let ca = TestCa::new("Test Root CA");
    let report = tls_check(&ca.good_leaf(&["portal.example"]), &[ca.der()]).await;
    assert_eq!(codes(&report), [DiagnosisCode::CertificateName]);
    let said = detail(&report);
    assert!(said.starts_with("zoom.us ≠ portal.example"), "{said}");
}

#[tokio::test]
async fn a_trusted_certificate_passes() {
    let ca = TestCa::new("Test Root CA");
    let zoom = zoom_behind_tls(&ca).await;
    let base = format!("https://zoom.us:{}", zoom.front.port());
    let client = client(
        oauth(&base),
        network(&[], &[ca.der()]),
        Duration::from_secs(5),
    );
    let report = check(&client).await;
    assert!(report.ok(), "{report:#?}");
    assert_eq!(report.route[0].certificate, None);
    drop(zoom.emulator);
}

// --- network sign-in pages ----------------------------------------------------------------------

async fn answered_by(answer: String) -> Report {
    let portal = FakeServer::start(move |_| answer.clone());
    let client = client(
        oauth(&portal.url()),
        network(&[], &[]),
        Duration::from_secs(5),
    );
    check(&client).await
}

#[tokio::test]
async fn a_redirect_to_a_sign_in_page_names_its_host() {
    let answer = "HTTP/1.1 302 Found\r\nLocation: http://login.guest-wifi.example/start?x=1\r\ncontent-length: 0\r\nconnection: close\r\n\r\n".to_owned();
    let report = answered_by(answer).await;
    assert_eq!(codes(&report), [DiagnosisCode::NetworkSignIn]);
    assert_eq!(detail(&report), "login.guest-wifi.example (HTTP 302)");
}

#[tokio::test]
async fn a_511_is_a_network_sign_in_not_a_zoom_outage() {
    let page = "<html><a href=\"https://hotspot.hotel.example/login\">Sign in</a></html>";
    let report = answered_by(http(511, "text/html", page)).await;
    assert_eq!(codes(&report), [DiagnosisCode::NetworkSignIn]);
    assert_eq!(detail(&report), "hotspot.hotel.example (HTTP 511)");
}

#[tokio::test]
async fn an_html_page_that_sends_the_browser_to_a_portal() {
    let page = r#"<html><head><meta http-equiv="refresh" content="0; url=http://10.0.0.1:8002/index.php"></head></html>"#;
    let report = answered_by(http(200, "text/html", page)).await;
    assert_eq!(codes(&report), [DiagnosisCode::NetworkSignIn]);
    assert_eq!(detail(&report), "10.0.0.1 (HTML)");
}

// --- retries, told --------------------------------------------------------------------------------

#[tokio::test]
async fn each_retry_is_told_with_its_number() {
    let emulator = Emulator::start().await.unwrap();
    let heard: Arc<Mutex<Vec<Retrying>>> = Arc::default();
    let ear = Arc::clone(&heard);
    let client = client(
        Endpoints::single(&emulator.base_url()),
        network(&[], &[]),
        Duration::from_secs(5),
    )
    .observed(Arc::new(move |r| ear.lock().unwrap().push(r)));
    let creds = Credentials {
        client_id: Scenario::Unavailable.client_id().to_owned(),
        ..Credentials::demo()
    };
    let report = verify(
        &client,
        &creds,
        &VerifyOptions::default(),
        &mut |_, _, _| {},
    )
    .await;
    assert_eq!(codes(&report), [DiagnosisCode::ZoomUnavailable]);
    let heard = heard.lock().unwrap().clone();
    let told: Vec<(RequestKind, u32, u32)> =
        heard.iter().map(|r| (r.request, r.attempt, r.of)).collect();
    assert_eq!(
        told,
        [(RequestKind::Token, 2, 3), (RequestKind::Token, 3, 3)]
    );
}

// --- warm-up --------------------------------------------------------------------------------------

#[tokio::test]
async fn warming_up_opens_connections_and_sends_nothing_and_the_check_uses_them() {
    let ca = TestCa::new("Test Root CA");
    let zoom = zoom_behind_tls(&ca).await;
    let proxy: LoggingProxy = netlab::connect_proxy(ProxyMode::Open, zoom.routes());
    let client = client(
        Zoom::endpoints(),
        network(&[("HTTPS_PROXY", &proxy.url())], &[ca.der()]),
        Duration::from_secs(5),
    );
    client.warm_up().await;
    let mut warmed = proxy.log();
    warmed.sort();
    assert_eq!(warmed, ["CONNECT api.zoom.us:443", "CONNECT zoom.us:443"]);
    assert_eq!(zoom.emulator.requests(), 0, "no request before the check");
    // Warming again while they wait opens nothing more.
    client.warm_up().await;
    assert_eq!(proxy.log().len(), 2);

    let report = check(&client).await;
    assert!(report.ok(), "{report:#?}");
    assert_eq!(zoom.emulator.requests(), 2, "the token and the users");
    assert_eq!(
        proxy.log().len(),
        2,
        "the check used the warmed connections"
    );
}

#[tokio::test]
async fn the_token_request_opens_the_api_servers_connection_alongside() {
    let ca = TestCa::new("Test Root CA");
    let zoom = zoom_behind_tls(&ca).await;
    let proxy = netlab::connect_proxy(ProxyMode::Open, zoom.routes());
    let client = client(
        Zoom::endpoints(),
        network(&[("HTTPS_PROXY", &proxy.url())], &[ca.der()]),
        Duration::from_secs(5),
    );
    let report = check(&client).await;
    assert!(report.ok(), "{report:#?}");
    // One connection each: the API server's was opened during the token request and used.
    let mut log = proxy.log();
    log.sort();
    assert_eq!(log, ["CONNECT api.zoom.us:443", "CONNECT zoom.us:443"]);
    assert_eq!(zoom.emulator.requests(), 2);
}

// --- the wizard and the real binary ---------------------------------------------------------------

#[test]
fn the_values_screen_asks_for_a_warm_up_and_the_check_screen_tells_a_retry() {
    use hacomono_zoom_setup::app::{Effect, Msg, Screen};
    use hacomono_zoom_setup::i18n::Lang;
    for (lang, told) in [
        (Lang::En, "trying again (2 of 3)"),
        (Lang::Ja, "もう一度試しています(3 回中 2 回目)"),
    ] {
        let mut h = support::Harness::demo(lang);
        support::walk_to(&mut h, Screen::Values);
        assert_eq!(h.effects.last(), Some(&Effect::WarmUp));
        let h = &mut support::demo_at(lang, Screen::Check, None);
        let generation = h.model.check.generation;
        assert!(h.model.check.is_running());
        let retrying = Retrying {
            request: RequestKind::Token,
            attempt: 2,
            of: 3,
        };
        h.send(Msg::CheckRetry {
            generation,
            retrying,
        });
        let screen = h.screen(80, 24);
        assert!(screen.contains(told), "{screen}");
        // A retry of an older check is not this one's.
        h.send(Msg::CheckRetry {
            generation: generation - 1,
            retrying: Retrying {
                attempt: 3,
                ..retrying
            },
        });
        assert!(h.screen(80, 24).contains(told));
        // Once the stage has its answer, the retry is over.
        h.send(Msg::CheckProgress {
            generation,
            stage: hacomono_zoom_setup::zoom::report::Stage::Token,
            status: hacomono_zoom_setup::zoom::report::StageStatus::Passed,
            users: None,
        });
        assert!(!h.screen(80, 24).contains(told));
    }
}

/// The real binary with Zoom's real addresses: the proxy from the environment (an HTTP
/// CONNECT proxy, then `ALL_PROXY=socks5h://`) carries both connections to the test's
/// zoom.us and api.zoom.us, trusted through `SSL_CERT_FILE`.
#[tokio::test(flavor = "multi_thread", worker_threads = 1)]
async fn the_binary_goes_to_zoom_us_through_the_proxy_the_environment_names() {
    use support::process::{Input, command, run};
    let ca = TestCa::new("Test Root CA");
    let zoom = zoom_behind_tls(&ca).await;
    let connect = netlab::connect_proxy(ProxyMode::Open, zoom.routes());
    let socks = netlab::socks5_proxy(zoom.routes());
    let home = tempfile::tempdir().unwrap();
    let ca_file = home.path().join("test-ca.pem");
    std::fs::write(&ca_file, ca.pem()).unwrap();
    let demo = Credentials::demo();
    for (var, url, port, scheme) in [
        ("HTTPS_PROXY", connect.url(), connect.addr.port(), "http"),
        (
            "ALL_PROXY",
            format!("socks5h://{}", socks.addr),
            socks.addr.port(),
            "socks5h",
        ),
    ] {
        let mut cmd = command(home.path(), &["check", "--json", "--timeout", "5"]);
        cmd.env(var, &url)
            .env("SSL_CERT_FILE", &ca_file)
            .env("ZOOM_ACCOUNT_ID", &demo.account_id)
            .env("ZOOM_CLIENT_ID", &demo.client_id)
            .env("ZOOM_CLIENT_SECRET", demo.client_secret.expose());
        let ran = run(&mut cmd, Input::Null);
        assert_eq!(ran.code, 0, "{var}: {}", ran.both());
        ran.assert_never_shows(demo.client_secret.expose());
        let doc: serde_json::Value = serde_json::from_str(&ran.stdout).unwrap();
        let route = doc["route"].as_array().unwrap();
        let hosts: Vec<&str> = route.iter().map(|r| r["host"].as_str().unwrap()).collect();
        assert_eq!(hosts, ["zoom.us", "api.zoom.us"], "{var}");
        for r in route {
            assert_eq!(r["proxy"]["scheme"], scheme, "{var}");
            assert_eq!(r["proxy"]["port"], port, "{var}");
            assert_eq!(r["source"], "environment", "{var}");
        }
    }
    for (proxy, kind) in [(&connect, "CONNECT"), (&socks, "SOCKS5")] {
        let log = proxy.log();
        for host in ["zoom.us:443", "api.zoom.us:443"] {
            assert!(log.contains(&format!("{kind} {host}")), "{log:?}");
        }
    }
}

/// `check` tells each retry on standard error as it happens.
#[tokio::test(flavor = "multi_thread", worker_threads = 1)]
async fn the_binary_tells_a_retry_on_standard_error() {
    use support::process::{Input, command, run};
    let emulator = Emulator::start().await.unwrap();
    let home = tempfile::tempdir().unwrap();
    let demo = Credentials::demo();
    let mut cmd = command(
        home.path(),
        &[
            "check",
            "--lang",
            "en",
            "--oauth-base",
            &emulator.base_url(),
        ],
    );
    cmd.env("ZOOM_ACCOUNT_ID", &demo.account_id)
        .env("ZOOM_CLIENT_ID", Scenario::UnavailableOnce.client_id())
        .env("ZOOM_CLIENT_SECRET", demo.client_secret.expose());
    let ran = run(&mut cmd, Input::Null);
    assert_eq!(ran.code, 0, "{}", ran.both());
    assert!(
        ran.stderr.contains("trying again (2 of 3)"),
        "{}",
        ran.stderr
    );
}

// --- what the report and --json say -------------------------------------------------------------

#[tokio::test]
async fn the_report_and_json_keep_the_networks_words_apart_from_zooms() {
    use hacomono_zoom_setup::i18n::Lang;
    let dead = RefusedPort::new();
    let proxy_url = format!(
        "http://user:hunter2@{}",
        dead.url().trim_start_matches("http://")
    );
    let report = through_proxy(&proxy_url, Duration::from_secs(5)).await;
    assert_eq!(codes(&report), [DiagnosisCode::ProxyUnreachable]);

    let document = hacomono_zoom_setup::check::json::Document::of(&report, Lang::En, false);
    let json: serde_json::Value = serde_json::from_str(&document.to_line()).unwrap();
    assert_eq!(json["diagnoses"][0]["from"], "network");
    assert_eq!(json["route"][0]["host"], "zoom.us");
    assert_eq!(
        json["route"][0]["proxy"]["port"],
        dead.url()
            .rsplit(':')
            .next()
            .unwrap()
            .parse::<u16>()
            .unwrap()
    );
    assert_eq!(json["route"][0]["source"], "environment");

    for lang in [Lang::En, Lang::Ja] {
        let meta = hacomono_zoom_setup::support_report::ReportMeta::now(lang);
        let page =
            hacomono_zoom_setup::support_report::render(lang, &meta, &Credentials::demo(), &report);
        let network = hacomono_zoom_setup::i18n::tr(lang, "support.report.network_details");
        let zoom = hacomono_zoom_setup::i18n::tr(lang, "support.report.details");
        assert!(page.contains(&format!("### {network}")), "{page}");
        assert!(
            !page.contains(&format!("### {zoom}")),
            "nothing came from Zoom: {page}"
        );
        let route = hacomono_zoom_setup::i18n::tr(lang, "support.report.connection.route");
        assert!(
            page.contains(&format!("- {route}: zoom.us:443: ")),
            "{page}"
        );
        assert!(
            !page.contains("hunter2"),
            "never the proxy's password: {page}"
        );
        // The check's text shows the route, since the network failed.
        let heading = hacomono_zoom_setup::i18n::tr(lang, "route.heading");
        assert!(page.contains(heading), "{page}");
    }
}
