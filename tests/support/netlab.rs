//! A small office network on 127.0.0.1 for the network tests: a CA the test creates and the
//! certificates it issues (good, expired, not yet valid, for another name, self-signed), TLS
//! servers in front of the emulator, a logging CONNECT proxy (open, wanting Basic, NTLM only,
//! forbidding, silent), a SOCKS5 proxy, and servers that never answer, reset, or refuse the
//! handshake as an old appliance does. Everything runs on one runtime of its own, so a child
//! process can reach it while the test blocks.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, LazyLock, Mutex};
use std::time::Duration;

use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// The runtime every server here runs on.
static RUNTIME: LazyLock<tokio::runtime::Runtime> = LazyLock::new(|| {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a runtime for the test servers")
});

/// Binds a listener on 127.0.0.1 and runs `serve` for each connection.
fn serve<F, Fut>(serve: F) -> SocketAddr
where
    F: Fn(TcpStream) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    // Bound here (no runtime needed, so a `#[tokio::test]` may call this), served there.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
    listener.set_nonblocking(true).unwrap();
    let addr = listener.local_addr().unwrap();
    let serve = Arc::new(serve);
    RUNTIME.spawn(async move {
        let listener = TcpListener::from_std(listener).expect("a tokio listener");
        while let Ok((stream, _)) = listener.accept().await {
            let serve = Arc::clone(&serve);
            tokio::spawn(async move { serve(stream).await });
        }
    });
    addr
}

// --- certificates -----------------------------------------------------------------------------

/// A certificate authority of the test's own.
pub struct TestCa {
    issuer: rcgen::CertifiedIssuer<'static, rcgen::KeyPair>,
}

/// A server's certificate chain and key.
pub struct Leaf {
    pub chain: Vec<CertificateDer<'static>>,
    key: Vec<u8>,
}

impl TestCa {
    pub fn new(name: &str) -> TestCa {
        let mut params = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
        params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
        params
            .distinguished_name
            .push(rcgen::DnType::CommonName, name);
        params
            .distinguished_name
            .push(rcgen::DnType::OrganizationName, "Test Office");
        params.key_usages = vec![
            rcgen::KeyUsagePurpose::KeyCertSign,
            rcgen::KeyUsagePurpose::CrlSign,
        ];
        let key = rcgen::KeyPair::generate().unwrap();
        TestCa {
            issuer: rcgen::CertifiedIssuer::self_signed(params, key).unwrap(),
        }
    }

    pub fn der(&self) -> CertificateDer<'static> {
        self.issuer.der().clone()
    }

    pub fn pem(&self) -> String {
        self.issuer.pem()
    }

    /// A server certificate for `names`, valid from `from` to `until` (year, month, day).
    pub fn leaf(&self, names: &[&str], from: (i32, u8, u8), until: (i32, u8, u8)) -> Leaf {
        let (params, key) = leaf_params(names, from, until);
        let cert = params.signed_by(&key, &self.issuer).unwrap();
        Leaf {
            chain: vec![cert.der().clone()],
            key: key.serialize_der(),
        }
    }

    /// A certificate for `names` valid now, for years.
    pub fn good_leaf(&self, names: &[&str]) -> Leaf {
        self.leaf(names, (2020, 1, 1), (2099, 1, 1))
    }
}

fn leaf_params(
    names: &[&str],
    from: (i32, u8, u8),
    until: (i32, u8, u8),
) -> (rcgen::CertificateParams, rcgen::KeyPair) {
    let names: Vec<String> = names.iter().map(|n| (*n).to_owned()).collect();
    let mut params = rcgen::CertificateParams::new(names.clone()).unwrap();
    params
        .distinguished_name
        .push(rcgen::DnType::CommonName, names[0].clone());
    params.not_before = rcgen::date_time_ymd(from.0, from.1, from.2);
    params.not_after = rcgen::date_time_ymd(until.0, until.1, until.2);
    params.extended_key_usages = vec![rcgen::ExtendedKeyUsagePurpose::ServerAuth];
    (params, rcgen::KeyPair::generate().unwrap())
}

/// A certificate that vouches for itself.
pub fn self_signed_leaf(name: &str) -> Leaf {
    let (params, key) = leaf_params(&[name], (2020, 1, 1), (2099, 1, 1));
    let cert = params.self_signed(&key).unwrap();
    Leaf {
        chain: vec![cert.der().clone()],
        key: key.serialize_der(),
    }
}

fn server_config(leaf: &Leaf) -> Arc<rustls::ServerConfig> {
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(leaf.key.clone()));
    Arc::new(
        rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_no_client_auth()
            .with_single_cert(leaf.chain.clone(), key)
            .unwrap(),
    )
}

// --- servers ----------------------------------------------------------------------------------

/// A TLS server with `leaf`'s certificate that passes what it decrypts to `backend` (the
/// emulator), or only shakes hands when `backend` is `None`.
pub fn tls_front(leaf: &Leaf, backend: Option<SocketAddr>) -> SocketAddr {
    let acceptor = tokio_rustls::TlsAcceptor::from(server_config(leaf));
    serve(move |stream| {
        let acceptor = acceptor.clone();
        async move {
            let Ok(mut tls) = acceptor.accept(stream).await else {
                return;
            };
            match backend {
                Some(backend) => {
                    if let Ok(mut plain) = TcpStream::connect(backend).await {
                        let _ = tokio::io::copy_bidirectional(&mut tls, &mut plain).await;
                    }
                }
                None => {
                    let mut sink = [0u8; 1024];
                    while matches!(tls.read(&mut sink).await, Ok(n) if n > 0) {}
                }
            }
        }
    })
}

/// Accepts connections and never says a word (keeps them open until the test ends).
pub fn silent_server() -> SocketAddr {
    serve(|mut stream| async move {
        let mut sink = [0u8; 1024];
        while matches!(stream.read(&mut sink).await, Ok(n) if n > 0) {}
        std::future::pending::<()>().await;
    })
}

/// Accepts, reads the first bytes, and cuts the connection with a reset.
pub fn resetting_server() -> SocketAddr {
    serve(|mut stream| async move {
        let mut first = [0u8; 512];
        let _ = stream.read(&mut first).await;
        if let Ok(std) = stream.into_std() {
            let _ = socket2::SockRef::from(&std).set_linger(Some(Duration::ZERO));
            drop(std);
        }
    })
}

/// Answers the TLS ClientHello with a `handshake_failure` alert, as an appliance that offers
/// only old ciphers (CBC, static RSA) does when the client offers none of them.
pub fn old_cipher_server() -> SocketAddr {
    serve(|mut stream| async move {
        let mut hello = [0u8; 4096];
        let _ = stream.read(&mut hello).await;
        // Alert record: fatal (2), handshake_failure (40).
        let _ = stream
            .write_all(&[0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28])
            .await;
        let _ = stream.shutdown().await;
    })
}

/// A port whose connections get no answer at all: its listener's queue is full (a backlog
/// of 0, one connection waiting in it), so the kernel drops further SYNs and a connection
/// attempt waits, as with a firewall that drops packets. Held for as long as this lives.
pub struct UnansweredPort {
    _listener: socket2::Socket,
    _queued: Vec<std::net::TcpStream>,
    pub addr: SocketAddr,
}

impl UnansweredPort {
    pub fn new() -> UnansweredPort {
        use socket2::{Domain, Protocol, Socket, Type};
        let listener = Socket::new(Domain::IPV4, Type::STREAM, Some(Protocol::TCP)).unwrap();
        listener
            .bind(&SocketAddr::from(([127, 0, 0, 1], 0)).into())
            .unwrap();
        listener.listen(0).unwrap();
        let addr = listener.local_addr().unwrap().as_socket().unwrap();
        // Fill the queue; a connection that still gets in is kept in it too.
        let mut queued = Vec::new();
        loop {
            let socket = Socket::new(Domain::IPV4, Type::STREAM, Some(Protocol::TCP)).unwrap();
            match socket.connect_timeout(&addr.into(), Duration::from_millis(300)) {
                Ok(()) => queued.push(socket.into()),
                Err(_) => break,
            }
            assert!(
                queued.len() < 8,
                "the kernel keeps accepting into a full queue"
            );
        }
        UnansweredPort {
            _listener: listener,
            _queued: queued,
            addr,
        }
    }
}

// --- proxies ----------------------------------------------------------------------------------

/// How a CONNECT proxy behaves.
#[derive(Clone)]
pub enum ProxyMode {
    /// Tunnels to the destinations it knows.
    Open,
    /// Wants `Proxy-Authorization: Basic` for `user:password`.
    Basic(&'static str, &'static str),
    /// Offers only Windows sign-in.
    NtlmOnly,
    /// Refuses every destination.
    Forbidden,
    /// Accepts and never answers.
    Silent,
}

/// A proxy that logs what it was asked: `CONNECT zoom.us:443`, or `SOCKS5 zoom.us:443`.
pub struct LoggingProxy {
    pub addr: SocketAddr,
    log: Arc<Mutex<Vec<String>>>,
}

impl LoggingProxy {
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn log(&self) -> Vec<String> {
        self.log.lock().unwrap().clone()
    }
}

/// Where a proxy connects `host:port`.
pub type Routes = Arc<HashMap<String, SocketAddr>>;

pub fn routes(pairs: &[(&str, SocketAddr)]) -> Routes {
    Arc::new(pairs.iter().map(|(k, v)| ((*k).to_owned(), *v)).collect())
}

/// An HTTP proxy that tunnels (CONNECT) to `routes`.
pub fn connect_proxy(mode: ProxyMode, routes: Routes) -> LoggingProxy {
    let log = Arc::new(Mutex::new(Vec::new()));
    let seen = Arc::clone(&log);
    let addr = serve(move |mut stream| {
        let (mode, routes, seen) = (mode.clone(), Arc::clone(&routes), Arc::clone(&seen));
        async move {
            let Some(head) = read_head(&mut stream).await else {
                return;
            };
            let first = head.lines().next().unwrap_or("").to_owned();
            let target = first.split_whitespace().nth(1).unwrap_or("").to_owned();
            seen.lock().unwrap().push(
                first
                    .trim_end_matches(" HTTP/1.1")
                    .trim_end_matches(" HTTP/1.0")
                    .to_owned(),
            );
            let authorization = head
                .lines()
                .find_map(|l| {
                    let (name, value) = l.split_once(':')?;
                    name.eq_ignore_ascii_case("proxy-authorization")
                        .then(|| value.trim().to_owned())
                })
                .unwrap_or_default();
            let refuse = |answer: &'static str| answer;
            let answer = match &mode {
                ProxyMode::Silent => {
                    std::future::pending::<()>().await;
                    return;
                }
                ProxyMode::Forbidden => Some(refuse(
                    "HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                )),
                ProxyMode::NtlmOnly => Some(refuse(
                    "HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Negotiate\r\nProxy-Authenticate: NTLM\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                )),
                ProxyMode::Basic(user, password) => {
                    use base64::Engine as _;
                    let expected = format!(
                        "Basic {}",
                        base64::engine::general_purpose::STANDARD
                            .encode(format!("{user}:{password}"))
                    );
                    (authorization != expected).then_some(
                        "HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"office\"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                    )
                }
                ProxyMode::Open => None,
            };
            if let Some(answer) = answer {
                let _ = stream.write_all(answer.as_bytes()).await;
                return;
            }
            let Some(backend) = routes.get(&target).copied() else {
                let _ = stream
                    .write_all(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n")
                    .await;
                return;
            };
            let Ok(mut upstream) = TcpStream::connect(backend).await else {
                return;
            };
            let _ = stream
                .write_all(b"HTTP/1.1 200 Connection established\r\n\r\n")
                .await;
            let _ = tokio::io::copy_bidirectional(&mut stream, &mut upstream).await;
        }
    });
    LoggingProxy { addr, log }
}

/// A SOCKS5 proxy (no sign-in) that connects to `routes` by the name it is given (socks5h)
/// or the address (socks5).
pub fn socks5_proxy(routes: Routes) -> LoggingProxy {
    let log = Arc::new(Mutex::new(Vec::new()));
    let seen = Arc::clone(&log);
    let addr = serve(move |mut stream| {
        let (routes, seen) = (Arc::clone(&routes), Arc::clone(&seen));
        async move {
            let mut greeting = [0u8; 2];
            if stream.read_exact(&mut greeting).await.is_err() {
                return;
            }
            let mut methods = vec![0u8; greeting[1] as usize];
            if stream.read_exact(&mut methods).await.is_err()
                || stream.write_all(&[5, 0]).await.is_err()
            {
                return;
            }
            let mut request = [0u8; 4];
            if stream.read_exact(&mut request).await.is_err() {
                return;
            }
            let host = match request[3] {
                1 => {
                    let mut ip = [0u8; 4];
                    let _ = stream.read_exact(&mut ip).await;
                    std::net::Ipv4Addr::from(ip).to_string()
                }
                3 => {
                    let mut len = [0u8; 1];
                    let _ = stream.read_exact(&mut len).await;
                    let mut name = vec![0u8; len[0] as usize];
                    let _ = stream.read_exact(&mut name).await;
                    String::from_utf8_lossy(&name).into_owned()
                }
                _ => return,
            };
            let mut port = [0u8; 2];
            let _ = stream.read_exact(&mut port).await;
            let target = format!("{host}:{}", u16::from_be_bytes(port));
            seen.lock().unwrap().push(format!("SOCKS5 {target}"));
            let Some(backend) = routes.get(&target).copied() else {
                // Reply 2: connection not allowed by ruleset.
                let _ = stream.write_all(&[5, 2, 0, 1, 0, 0, 0, 0, 0, 0]).await;
                return;
            };
            let Ok(mut upstream) = TcpStream::connect(backend).await else {
                return;
            };
            let _ = stream.write_all(&[5, 0, 0, 1, 127, 0, 0, 1, 0, 0]).await;
            let _ = tokio::io::copy_bidirectional(&mut stream, &mut upstream).await;
        }
    });
    LoggingProxy { addr, log }
}

/// The head of an HTTP request, up to the blank line.
async fn read_head(stream: &mut TcpStream) -> Option<String> {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        if stream.read(&mut byte).await.ok()? == 0 || head.len() > 16 * 1024 {
            return None;
        }
        head.push(byte[0]);
    }
    Some(String::from_utf8_lossy(&head).into_owned())
}

/// A `Lookup` that sends every name to 127.0.0.1, except those in `unknown` (which do not
/// resolve) and `silent` (whose lookup never ends).
pub fn lookup(
    unknown: &'static [&'static str],
    silent: &'static [&'static str],
) -> hacomono_zoom_setup::net::trace::Lookup {
    Arc::new(move |host: &str| {
        let host = host.to_owned();
        Box::pin(async move {
            if silent.contains(&host.as_str()) {
                std::future::pending::<()>().await;
            }
            if unknown.contains(&host.as_str()) {
                return Err(std::io::Error::other(format!("{host}: not found")));
            }
            Ok(vec![SocketAddr::from(([127, 0, 0, 1], 0))])
        })
    })
}
