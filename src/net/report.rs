//! The route in what people and scripts read: `--json`'s `route` and each diagnosis' `from`,
//! the route's lines in the check's text (plain mode, `check`, the support report).

use serde::Serialize;

use super::proxy::Source;
use super::route::RouteUsed;
use crate::i18n::{Lang, tr, trf};
use crate::zoom::report::{DiagnosisCode, Report};

/// One host of `--json`'s `route`: how it was reached, and a refused certificate.
#[derive(Serialize)]
pub struct RouteJson<'a> {
    host: &'a str,
    port: u16,
    /// `None`: direct. Never a user name or password.
    proxy: Option<ProxyJson<'a>>,
    source: &'static str,
    certificate: Option<CertificateJson<'a>>,
}

#[derive(Serialize)]
pub struct ProxyJson<'a> {
    scheme: &'static str,
    host: &'a str,
    port: u16,
}

#[derive(Serialize)]
pub struct CertificateJson<'a> {
    subject: &'a str,
    issuer: &'a str,
    names: &'a [String],
    /// RFC 3339, UTC.
    valid_from: String,
    valid_until: String,
    self_signed: bool,
}

impl<'a> RouteJson<'a> {
    pub fn of(route: &'a RouteUsed) -> Self {
        RouteJson {
            host: &route.host,
            port: route.port,
            proxy: route.proxy.as_ref().map(|p| ProxyJson {
                scheme: p.scheme.as_str(),
                host: &p.host,
                port: p.port,
            }),
            source: route.source.as_str(),
            certificate: route.certificate.as_ref().map(|c| CertificateJson {
                subject: &c.subject,
                issuer: &c.issuer,
                names: &c.names,
                valid_from: crate::time::rfc3339(c.not_before),
                valid_until: crate::time::rfc3339(c.not_after),
                self_signed: c.self_signed(),
            }),
        }
    }
}

/// Whose words a diagnosis' detail holds: `network` (the way to Zoom: a proxy, a certificate,
/// the OS) or `zoom` (Zoom's answer, or what the check made of it).
pub fn from_label(code: DiagnosisCode) -> &'static str {
    if code.is_network() { "network" } else { "zoom" }
}

/// One host's route: `zoom.us:443: through the proxy http://proxy:3128 (Windows' proxy
/// settings)`.
pub fn route_line(lang: Lang, route: &RouteUsed) -> String {
    let via = match &route.proxy {
        Some(p) => trf(
            lang,
            "route.via",
            &[(
                "proxy",
                &format!("{}://{}:{}", p.scheme.as_str(), p.host, p.port),
            )],
        ),
        None => tr(lang, "route.direct").to_owned(),
    };
    let host = format!("{}:{}", route.host, route.port);
    trf(
        lang,
        "route.line",
        &[
            ("host", &host),
            ("via", &via),
            ("source", tr(lang, source_key(route.source))),
        ],
    )
}

fn source_key(source: Source) -> &'static str {
    match source {
        Source::None => "route.source.none",
        Source::Environment => "route.source.environment",
        Source::WindowsSettings => "route.source.windows_settings",
        Source::WindowsPac => "route.source.windows_pac",
        Source::WindowsAutoDetect => "route.source.windows_auto_detect",
        Source::MacosSettings => "route.source.macos_settings",
    }
}

/// The route's lines for the check's text: shown when a proxy was used or the network failed
/// (a direct route that worked is not news).
pub fn route_lines(lang: Lang, report: &Report) -> Vec<String> {
    let worth = report.route.iter().any(|r| r.proxy.is_some())
        || report.diagnoses.iter().any(|d| d.code.is_network());
    if !worth || report.route.is_empty() {
        return Vec::new();
    }
    let mut lines = vec![tr(lang, "route.heading").to_owned()];
    lines.extend(
        report
            .route
            .iter()
            .map(|r| format!("  {}", route_line(lang, r))),
    );
    lines
}
