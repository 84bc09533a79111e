//! TLS as reqwest would set it up (rustls, the platform's verifier), with two additions: a
//! refused certificate is read and named (issuer, subject, names, dates), and the start of
//! the handshake is marked in the request's trace.
//!
//! Why the platform's verifier (rustls-platform-verifier, what reqwest's `rustls` feature
//! uses) and not a bundled list of roots: an office's HTTPS-inspection product installs its
//! root certificate in Windows' certificate store (or macOS' keychain), and the browser, the
//! Zoom app and this tool must all trust it there. On Linux it reads the system's roots, and
//! `SSL_CERT_FILE` / `SSL_CERT_DIR` replace them (the tests' own CA comes in that way).

use std::sync::{Arc, Mutex};

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::client::{ClientSessionMemoryCache, ClientSessionStore, Resumption};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{CertificateError, DigitallySignedStruct, NamedGroup, SignatureScheme};
use serde::Serialize;

use super::trace::mark;

/// What a certificate says about itself, as far as a person needs it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CertFacts {
    /// `CN=..., O=...`
    pub subject: String,
    pub issuer: String,
    /// The DNS names (and addresses) it is for.
    pub names: Vec<String>,
    /// Unix seconds.
    pub not_before: i64,
    pub not_after: i64,
    /// This PC's clock when it was checked, Unix seconds.
    pub checked_at: i64,
}

impl CertFacts {
    /// Reads a DER certificate; `None` if it cannot be parsed (then only the cause is told).
    pub fn read(der: &[u8], checked_at: i64) -> Option<CertFacts> {
        use x509_parser::extensions::GeneralName;
        let (_, cert) = x509_parser::parse_x509_certificate(der).ok()?;
        let mut names = Vec::new();
        if let Ok(Some(san)) = cert.subject_alternative_name() {
            for name in &san.value.general_names {
                match name {
                    GeneralName::DNSName(n) => names.push((*n).to_owned()),
                    GeneralName::IPAddress(bytes) => names.extend(ip_text(bytes)),
                    _ => {}
                }
            }
        }
        if names.is_empty() {
            names.extend(
                cert.subject()
                    .iter_common_name()
                    .filter_map(|cn| cn.as_str().ok())
                    .map(str::to_owned),
            );
        }
        let safe = |s: String| crate::text::terminal_safe(&s);
        Some(CertFacts {
            subject: safe(cert.subject().to_string()),
            issuer: safe(cert.issuer().to_string()),
            names: names.into_iter().map(safe).collect(),
            not_before: cert.validity().not_before.timestamp(),
            not_after: cert.validity().not_after.timestamp(),
            checked_at,
        })
    }

    /// Issued by itself: nobody vouches for it.
    pub fn self_signed(&self) -> bool {
        self.subject == self.issuer
    }
}

fn ip_text(bytes: &[u8]) -> Option<String> {
    match bytes.len() {
        4 => Some(std::net::Ipv4Addr::from(<[u8; 4]>::try_from(bytes).ok()?).to_string()),
        16 => Some(std::net::Ipv6Addr::from(<[u8; 16]>::try_from(bytes).ok()?).to_string()),
        _ => None,
    }
}

/// A certificate the verifier refused, with what it says about itself. Carried inside
/// rustls' error (`CertificateError::Other`) to the place that names the failure.
#[derive(Debug)]
pub struct Refused {
    pub cause: CertificateError,
    /// The name we asked for.
    pub server: String,
    pub facts: Option<CertFacts>,
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "certificate of {} refused: {:?}",
            self.server, self.cause
        )
    }
}

impl std::error::Error for Refused {}

/// The refused certificates seen, by server name: the report shows the one of each host.
pub type RefusedLog = Arc<Mutex<Vec<(String, CertFacts)>>>;

/// The platform's verifier, which names what it refuses.
#[derive(Debug)]
struct Naming {
    inner: rustls_platform_verifier::Verifier,
    log: RefusedLog,
}

impl ServerCertVerifier for Naming {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        mark(|s| s.certificate = true);
        let server = server_name.to_str().into_owned();
        let result = self.inner.verify_server_cert(
            end_entity,
            intermediates,
            server_name,
            ocsp_response,
            now,
        );
        let mut log = self.log.lock().unwrap_or_else(|e| e.into_inner());
        log.retain(|(s, _)| *s != server);
        match result {
            Err(rustls::Error::InvalidCertificate(cause)) => {
                let facts = CertFacts::read(end_entity, now.as_secs() as i64);
                if let Some(facts) = &facts {
                    log.push((server.clone(), facts.clone()));
                }
                Err(rustls::Error::InvalidCertificate(CertificateError::Other(
                    rustls::OtherError(Arc::new(Refused {
                        cause,
                        server,
                        facts,
                    })),
                )))
            }
            other => other,
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.inner.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.inner.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.inner.supported_verify_schemes()
    }
}

/// rustls' in-memory session cache; asked first thing in every handshake, which marks the
/// handshake's start (the connection, and any proxy tunnel, is open by then).
#[derive(Debug)]
struct Marking(ClientSessionMemoryCache);

impl ClientSessionStore for Marking {
    fn set_kx_hint(&self, server_name: ServerName<'static>, group: NamedGroup) {
        self.0.set_kx_hint(server_name, group)
    }

    fn kx_hint(&self, server_name: &ServerName<'_>) -> Option<NamedGroup> {
        mark(|s| s.tls_started = true);
        self.0.kx_hint(server_name)
    }

    fn set_tls12_session(
        &self,
        server_name: ServerName<'static>,
        value: rustls::client::Tls12ClientSessionValue,
    ) {
        self.0.set_tls12_session(server_name, value)
    }

    fn tls12_session(
        &self,
        server_name: &ServerName<'_>,
    ) -> Option<rustls::client::Tls12ClientSessionValue> {
        self.0.tls12_session(server_name)
    }

    fn remove_tls12_session(&self, server_name: &ServerName<'static>) {
        self.0.remove_tls12_session(server_name)
    }

    fn insert_tls13_ticket(
        &self,
        server_name: ServerName<'static>,
        value: rustls::client::Tls13ClientSessionValue,
    ) {
        self.0.insert_tls13_ticket(server_name, value)
    }

    fn take_tls13_ticket(
        &self,
        server_name: &ServerName<'static>,
    ) -> Option<rustls::client::Tls13ClientSessionValue> {
        mark(|s| s.tls_started = true);
        self.0.take_tls13_ticket(server_name)
    }
}

/// The client's TLS setup. `extra_roots` are trusted besides the platform's (tests, benches).
pub fn client_config(
    extra_roots: &[CertificateDer<'static>],
    log: RefusedLog,
) -> Result<rustls::ClientConfig, rustls::Error> {
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let inner = if extra_roots.is_empty() {
        rustls_platform_verifier::Verifier::new(provider.clone())?
    } else {
        rustls_platform_verifier::Verifier::new_with_extra_roots(
            extra_roots.iter().cloned(),
            provider.clone(),
        )?
    };
    let mut config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()?
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(Naming { inner, log }))
        .with_no_client_auth();
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    config.resumption = Resumption::store(Arc::new(Marking(ClientSessionMemoryCache::new(256))));
    Ok(config)
}
