//! Why a request got no answer from Zoom, told apart the way curl's exit codes tell them
//! apart (5, 6, 7, 28, 35, 56, 60): the name, a refusal, a reset, a silence and at which step,
//! a certificate (with its issuer, names and dates), the encryption, the proxy (unknown,
//! unreachable, asking for a sign-in and which kind, blocking), a network sign-in page.
//!
//! reqwest, hyper, rustls and the OS report these as a chain of errors; `classify` walks it
//! for the typed errors (ours from `trace.rs` and `tls.rs`, rustls', hyper-util's tunnel errors
//! by their words since their type is not public, the OS' error kinds). What the proxy answered
//! to a tunnel request that failed is asked again by `probe.rs`, since hyper-util keeps neither
//! the status nor the sign-in kinds.

use std::error::Error as StdError;
use std::io;

use rustls::{AlertDescription, CertificateError};

use super::proxy::{BadSetting, Choice, Proxy};
use super::tls::{CertFacts, Refused};
use super::trace::{DnsError, Step, Steps};
use crate::zoom::report::DiagnosisCode;

/// One named cause, with the facts its sentence needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cause {
    /// A proxy setting that is not a proxy address (the request was not sent).
    BadProxySetting(BadSetting),
    /// The server's name does not resolve.
    NameNotFound { host: String },
    /// The proxy's name does not resolve.
    ProxyNameNotFound { proxy: String },
    /// The proxy refused the connection, or could not be reached.
    ProxyUnreachable { proxy: String, detail: String },
    /// The server refused the connection.
    Refused { address: String },
    /// The connection was cut (reset, or closed in the middle of the handshake).
    Reset { address: String, step: Step },
    /// Nothing came back within the timeout, at `step`.
    Silent {
        step: Step,
        /// The server, or the proxy for `Step::Proxy`.
        address: String,
        /// How long it was waited for (zero: as long as the OS waits).
        waited: std::time::Duration,
    },
    CertificateUntrusted {
        host: String,
        facts: Option<CertFacts>,
    },
    CertificateDate {
        host: String,
        facts: Option<CertFacts>,
    },
    CertificateName {
        host: String,
        facts: Option<CertFacts>,
    },
    /// The other side offers no encryption we share (old ciphers, old TLS versions).
    TlsIncompatible { address: String, detail: String },
    /// The proxy wants a sign-in: the kinds it offers (`Basic`, `NTLM`, `Negotiate`).
    ProxyAuth {
        proxy: String,
        schemes: Vec<String>,
        sent_credentials: bool,
    },
    /// The proxy would not connect us to the server.
    ProxyBlocked { proxy: String, status: String },
    /// A network sign-in page (hotel, shop or guest Wi-Fi) answered.
    SignIn { portal: String },
    /// None of the above; the innermost error's words.
    Unknown { detail: String },
}

impl Cause {
    pub fn code(&self) -> DiagnosisCode {
        match self {
            Cause::BadProxySetting(_) => DiagnosisCode::ProxySettingInvalid,
            Cause::NameNotFound { .. } => DiagnosisCode::NameNotResolved,
            Cause::ProxyNameNotFound { .. } => DiagnosisCode::ProxyNameNotResolved,
            Cause::ProxyUnreachable { .. } => DiagnosisCode::ProxyUnreachable,
            Cause::Refused { .. } => DiagnosisCode::ConnectionRefused,
            Cause::Reset { .. } => DiagnosisCode::ConnectionReset,
            Cause::Silent { step, .. } => match step {
                Step::Lookup => DiagnosisCode::LookupTimeout,
                Step::Connect => DiagnosisCode::ConnectTimeout,
                Step::Proxy => DiagnosisCode::ProxyTimeout,
                Step::Tls => DiagnosisCode::TlsTimeout,
                Step::Answer => DiagnosisCode::Timeout,
            },
            Cause::CertificateUntrusted { .. } => DiagnosisCode::CertificateUntrusted,
            Cause::CertificateDate { .. } => DiagnosisCode::CertificateDate,
            Cause::CertificateName { .. } => DiagnosisCode::CertificateName,
            Cause::TlsIncompatible { .. } => DiagnosisCode::TlsIncompatible,
            Cause::ProxyAuth { schemes, .. } if windows_sign_in_only(schemes) => {
                DiagnosisCode::ProxyAuthUnsupported
            }
            Cause::ProxyAuth { .. } => DiagnosisCode::ProxyAuthRequired,
            Cause::ProxyBlocked { .. } => DiagnosisCode::ProxyBlocked,
            Cause::SignIn { .. } => DiagnosisCode::NetworkSignIn,
            Cause::Unknown { .. } => DiagnosisCode::Network,
        }
    }

    /// The facts for the diagnosis' sentence, the same in every language (names, addresses,
    /// dates in this PC's time zone).
    pub fn detail(&self) -> String {
        match self {
            Cause::BadProxySetting(bad) => format!("{}={}", bad.name, bad.shown),
            Cause::NameNotFound { host } => host.clone(),
            Cause::ProxyNameNotFound { proxy } => proxy.clone(),
            Cause::ProxyUnreachable { proxy, detail } => format!("{proxy}: {detail}"),
            Cause::Refused { address } => address.clone(),
            Cause::Reset { address, step } => format!("{address} ({})", step_name(*step)),
            Cause::Silent {
                address, waited, ..
            } if waited.is_zero() => address.clone(),
            Cause::Silent {
                address, waited, ..
            } if waited.as_secs() == 0 => {
                format!("{address}, {} ms", waited.as_millis())
            }
            Cause::Silent {
                address, waited, ..
            } => {
                format!("{address}, {} s", waited.as_secs_f64().round())
            }
            Cause::CertificateUntrusted { host, facts } => match facts {
                Some(f) if f.self_signed() => {
                    format!("{host}: self-signed: {}", f.subject)
                }
                Some(f) => format!("{host}: issuer: {}; subject: {}", f.issuer, f.subject),
                None => host.clone(),
            },
            Cause::CertificateDate { host, facts } => match facts {
                Some(f) => format!(
                    "{host}: {} – {}; this PC: {}",
                    crate::time::for_people(f.not_before),
                    crate::time::for_people(f.not_after),
                    crate::time::for_people(f.checked_at)
                ),
                None => host.clone(),
            },
            Cause::CertificateName { host, facts } => match facts {
                Some(f) => format!("{host} ≠ {} (issuer: {})", f.names.join(", "), f.issuer),
                None => host.clone(),
            },
            Cause::TlsIncompatible { address, detail } => format!("{address}: {detail}"),
            Cause::ProxyAuth {
                proxy,
                schemes,
                sent_credentials,
            } => {
                let schemes = if schemes.is_empty() {
                    "?".to_owned()
                } else {
                    schemes.join(", ")
                };
                let sent = if *sent_credentials {
                    "; user name and password sent"
                } else {
                    ""
                };
                format!("{proxy}: {schemes}{sent}")
            }
            Cause::ProxyBlocked { proxy, status } => format!("{proxy}: {status}"),
            Cause::SignIn { portal } => portal.clone(),
            Cause::Unknown { detail } => detail.clone(),
        }
    }
}

/// Only Windows sign-in (NTLM, Negotiate, Kerberos) is offered: nothing we can answer.
fn windows_sign_in_only(schemes: &[String]) -> bool {
    !schemes.is_empty()
        && schemes
            .iter()
            .all(|s| ["ntlm", "negotiate", "kerberos"].contains(&s.to_ascii_lowercase().as_str()))
}

fn step_name(step: Step) -> &'static str {
    match step {
        Step::Lookup => "name lookup",
        Step::Connect => "connecting",
        Step::Proxy => "proxy",
        Step::Tls => "TLS handshake",
        Step::Answer => "answer",
    }
}

/// Every error in `error`'s chain, the ones an `io::Error` wraps included (its `source` skips
/// them).
fn chain<'a>(error: &'a (dyn StdError + 'static)) -> Vec<&'a (dyn StdError + 'static)> {
    let mut out = Vec::new();
    let mut next = Some(error);
    while let Some(e) = next {
        out.push(e);
        // An io::Error may wrap another (hyper-util wraps tokio-rustls' in its own).
        let mut wrapped = e;
        while let Some(inner) = wrapped
            .downcast_ref::<io::Error>()
            .and_then(|io| io.get_ref())
        {
            out.push(inner);
            wrapped = inner;
        }
        if let Some(rustls::Error::InvalidCertificate(CertificateError::Other(other))) =
            wrapped.downcast_ref::<rustls::Error>()
        {
            // rustls' error has no `source`: reach our refused certificate by hand.
            out.push(other.0.as_ref());
        }
        next = e.source();
    }
    out
}

/// What the connector reported, before any probe of the proxy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum First {
    Cause(Cause),
    /// The proxy answered the tunnel request with something else than 200: ask it again what.
    ProxyAnswered {
        auth: bool,
    },
}

/// Names a failed request's cause from its error chain, the steps it got through and its route.
pub fn classify(
    error: &(dyn StdError + 'static),
    steps: &Steps,
    route: &Choice,
    host: &str,
    port: u16,
) -> First {
    let errors = chain(error);
    let address = format!("{host}:{port}");
    let proxy = route.proxy.as_ref();
    if let Some(first) = named_in_chain(&errors, proxy, host, &address) {
        return first;
    }
    if let Some(p) = proxy.filter(|p| p.scheme.is_socks()) {
        return First::Cause(socks_cause(error, &errors, p, steps, &address));
    }
    First::Cause(by_io_kind(&errors, proxy, steps, address))
}

/// A cause an error of the chain names itself: a name that did not resolve, a certificate our
/// verifier refused, the proxy's tunnel, TLS.
fn named_in_chain(
    errors: &[&(dyn StdError + 'static)],
    proxy: Option<&Proxy>,
    host: &str,
    address: &str,
) -> Option<First> {
    // A name that did not resolve, wherever it sits (a proxy's inside the tunnel's error).
    if let Some(dns) = errors.iter().find_map(|e| e.downcast_ref::<DnsError>()) {
        return Some(First::Cause(match proxy {
            Some(p) if same_host(&dns.host, p.bare_host()) => {
                Cause::ProxyNameNotFound { proxy: p.shown() }
            }
            _ => Cause::NameNotFound {
                host: dns.host.clone(),
            },
        }));
    }
    // A certificate our verifier refused (inside rustls' error, which comes first).
    if let Some(refused) = errors.iter().find_map(|e| e.downcast_ref::<Refused>()) {
        return Some(First::Cause(certificate_cause(refused, host)));
    }
    errors.iter().find_map(|e| {
        // hyper-util's tunnel error is not public: its own words say which it is.
        if let Some(tunnel) = e.to_string().strip_prefix("tunnel error: ") {
            return Some(tunnel_cause(tunnel, errors, proxy));
        }
        e.downcast_ref::<rustls::Error>()
            .map(|tls| First::Cause(tls_cause(tls, address)))
    })
}

/// The proxy's answer to our tunnel, or why it gave none.
fn tunnel_cause(
    tunnel: &str,
    errors: &[&(dyn StdError + 'static)],
    proxy: Option<&Proxy>,
) -> First {
    let proxy = proxy.map(Proxy::shown).unwrap_or_default();
    match tunnel {
        "proxy authorization required" => First::ProxyAnswered { auth: true },
        "unsuccessful" => First::ProxyAnswered { auth: false },
        "unexpected end of file" | "proxy response headers too long" => {
            First::Cause(Cause::ProxyUnreachable {
                proxy,
                detail: format!("tunnel: {tunnel}"),
            })
        }
        // The connection to the proxy failed: its OS error, further down, says how.
        _ => {
            let detail = io_kind(errors).map_or_else(|| innermost(errors), |k| k.to_string());
            First::Cause(Cause::ProxyUnreachable { proxy, detail })
        }
    }
}

/// What the operating system's error says: refused, reset, silent, unreachable.
fn by_io_kind(
    errors: &[&(dyn StdError + 'static)],
    proxy: Option<&Proxy>,
    steps: &Steps,
    address: String,
) -> Cause {
    match io_kind(errors) {
        Some(io::ErrorKind::ConnectionRefused) => match proxy {
            Some(p) if !steps.tls_started => Cause::ProxyUnreachable {
                proxy: p.shown(),
                detail: "connection refused".to_owned(),
            },
            _ => Cause::Refused { address },
        },
        Some(
            io::ErrorKind::ConnectionReset
            | io::ErrorKind::ConnectionAborted
            | io::ErrorKind::BrokenPipe
            | io::ErrorKind::UnexpectedEof,
        ) => Cause::Reset {
            address,
            step: steps.silent_step(proxy.is_some()),
        },
        Some(io::ErrorKind::TimedOut) => Cause::Silent {
            step: match proxy {
                Some(_) => Step::Proxy,
                None => Step::Connect,
            },
            address: proxy.map_or(address, Proxy::address),
            waited: std::time::Duration::ZERO,
        },
        Some(
            io::ErrorKind::HostUnreachable
            | io::ErrorKind::NetworkUnreachable
            | io::ErrorKind::AddrNotAvailable,
        ) if proxy.is_some() && !steps.tls_started => Cause::ProxyUnreachable {
            proxy: proxy.map(Proxy::shown).unwrap_or_default(),
            detail: innermost(errors),
        },
        _ => Cause::Unknown {
            detail: innermost(errors),
        },
    }
}

fn same_host(a: &str, b: &str) -> bool {
    a.trim_start_matches('[')
        .trim_end_matches(']')
        .eq_ignore_ascii_case(b)
}

/// The first OS error kind in the chain that says something.
fn io_kind(errors: &[&(dyn StdError + 'static)]) -> Option<io::ErrorKind> {
    errors
        .iter()
        .filter_map(|e| e.downcast_ref::<io::Error>())
        .map(io::Error::kind)
        .find(|k| *k != io::ErrorKind::Other)
}

fn innermost(errors: &[&(dyn StdError + 'static)]) -> String {
    let text = errors.last().map(|e| e.to_string()).unwrap_or_default();
    crate::text::terminal_safe(&text)
}

fn certificate_cause(refused: &Refused, host: &str) -> Cause {
    let host = host.to_owned();
    let facts = refused.facts.clone();
    match &refused.cause {
        CertificateError::Expired
        | CertificateError::ExpiredContext { .. }
        | CertificateError::NotValidYet
        | CertificateError::NotValidYetContext { .. } => Cause::CertificateDate { host, facts },
        CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. } => {
            Cause::CertificateName { host, facts }
        }
        _ => Cause::CertificateUntrusted { host, facts },
    }
}

fn tls_cause(error: &rustls::Error, address: &str) -> Cause {
    let incompatible = |detail: String| Cause::TlsIncompatible {
        address: address.to_owned(),
        detail,
    };
    match error {
        rustls::Error::AlertReceived(
            alert @ (AlertDescription::HandshakeFailure
            | AlertDescription::InsufficientSecurity
            | AlertDescription::ProtocolVersion
            | AlertDescription::IllegalParameter),
        ) => incompatible(format!("{alert:?}")),
        rustls::Error::PeerIncompatible(why) => incompatible(format!("{why:?}")),
        // Our verifier wraps every certificate error it returns (as `Refused`); one it did
        // not wrap is still a certificate we do not trust.
        rustls::Error::InvalidCertificate(_) => Cause::CertificateUntrusted {
            host: address
                .rsplit_once(':')
                .map_or(address, |(h, _)| h)
                .to_owned(),
            facts: None,
        },
        other => Cause::Unknown {
            detail: crate::text::terminal_safe(&other.to_string()),
        },
    }
}

/// SOCKS proxies: hyper-util's SOCKS errors are generic over the connector and cannot be
/// downcast, so their `Debug` form (`Auth(Failed)`, `Command(ConnectionNotAllowed)`) and the
/// OS error kind are read.
fn socks_cause(
    error: &(dyn StdError + 'static),
    errors: &[&(dyn StdError + 'static)],
    proxy: &Proxy,
    steps: &Steps,
    address: &str,
) -> Cause {
    let words = format!("{error:?}").to_ascii_lowercase();
    let shown = proxy.shown();
    if words.contains("auth(") {
        return Cause::ProxyAuth {
            proxy: shown,
            schemes: vec!["SOCKS5 user/password".to_owned()],
            sent_credentials: proxy.has_credentials(),
        };
    }
    if words.contains("command(connectionrefused)") {
        // The proxy's own answer: the server refused it.
        return Cause::Refused {
            address: address.to_owned(),
        };
    }
    if let Some(at) = words.find("command(") {
        let status: String = words[at + 8..].chars().take_while(|c| *c != ')').collect();
        return Cause::ProxyBlocked {
            proxy: shown,
            status: format!("SOCKS: {status}"),
        };
    }
    match io_kind(errors) {
        Some(io::ErrorKind::ConnectionRefused) if !steps.tls_started => Cause::ProxyUnreachable {
            proxy: shown,
            detail: "connection refused".to_owned(),
        },
        _ if !steps.tls_started => Cause::ProxyUnreachable {
            proxy: shown,
            detail: innermost(errors),
        },
        _ => Cause::Unknown {
            detail: innermost(errors),
        },
    }
}
