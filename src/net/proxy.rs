//! Which proxy for which URL, as pure functions over plain data: the environment variables
//! (`HTTPS_PROXY`, `ALL_PROXY`, `NO_PROXY`, ...), Windows' fixed proxy with its bypass list
//! (`<local>`, `*.` patterns, the `http=...;https=...` form) and WinHTTP's answer for a PAC
//! script. Reading the settings off the system is `route.rs`' job; nothing here does I/O, so
//! every platform's rules are unit-tested on every platform.

use std::fmt;
use std::net::IpAddr;

use reqwest::Url;
use serde::Serialize;

/// Where the route to a host came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// No proxy is set anywhere: direct.
    None,
    /// `HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY` and `NO_PROXY` (either case).
    Environment,
    /// The fixed proxy of Windows' Internet settings (Settings > Network > Proxy).
    WindowsSettings,
    /// The automatic configuration script (PAC) Windows' settings name.
    WindowsPac,
    /// "Automatically detect settings" (WPAD) in Windows' settings.
    WindowsAutoDetect,
    /// macOS' network settings.
    MacosSettings,
}

impl Source {
    pub fn as_str(self) -> &'static str {
        match self {
            Source::None => "none",
            Source::Environment => "environment",
            Source::WindowsSettings => "windows_settings",
            Source::WindowsPac => "windows_pac",
            Source::WindowsAutoDetect => "windows_auto_detect",
            Source::MacosSettings => "macos_settings",
        }
    }
}

/// The kinds of proxy we can go through.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProxyScheme {
    Http,
    Https,
    Socks4,
    Socks4a,
    Socks5,
    /// SOCKS5 with the name resolved by the proxy (`ssh -D`'s usual setting).
    Socks5h,
}

impl ProxyScheme {
    fn parse(scheme: &str) -> Option<ProxyScheme> {
        Some(match scheme.to_ascii_lowercase().as_str() {
            "http" => ProxyScheme::Http,
            "https" => ProxyScheme::Https,
            "socks4" => ProxyScheme::Socks4,
            "socks4a" => ProxyScheme::Socks4a,
            "socks5" => ProxyScheme::Socks5,
            "socks5h" => ProxyScheme::Socks5h,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ProxyScheme::Http => "http",
            ProxyScheme::Https => "https",
            ProxyScheme::Socks4 => "socks4",
            ProxyScheme::Socks4a => "socks4a",
            ProxyScheme::Socks5 => "socks5",
            ProxyScheme::Socks5h => "socks5h",
        }
    }

    /// The port when the setting names none (curl's choice for each kind).
    fn default_port(self) -> u16 {
        match self {
            ProxyScheme::Http => 80,
            ProxyScheme::Https => 443,
            _ => 1080,
        }
    }

    pub fn is_socks(self) -> bool {
        !matches!(self, ProxyScheme::Http | ProxyScheme::Https)
    }
}

/// One proxy. A user name and password can only come from a proxy URL the user wrote; they
/// are never shown (`Debug` and `Display` leave them out) and leave this module only in the
/// URL handed to the HTTP client.
#[derive(Clone, PartialEq, Eq)]
pub struct Proxy {
    pub scheme: ProxyScheme,
    /// As in a URL: an IPv6 address in brackets.
    pub host: String,
    pub port: u16,
    url: Url,
}

/// A proxy setting that is not a proxy address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadProxy {
    /// What was written, without any user name or password.
    pub shown: String,
}

impl Proxy {
    /// `http://host:port`, `socks5h://user:pass@host:port`, or a bare `host:port` (an HTTP
    /// proxy, as curl and Windows read it).
    pub fn parse(value: &str) -> Result<Proxy, BadProxy> {
        let value = value.trim();
        let with_scheme = if value.contains("://") {
            value.to_owned()
        } else {
            format!("http://{value}")
        };
        let bad = || BadProxy {
            shown: without_userinfo(value),
        };
        let url = Url::parse(&with_scheme).map_err(|_| bad())?;
        let scheme = ProxyScheme::parse(url.scheme()).ok_or_else(bad)?;
        let host = url.host_str().filter(|h| !h.is_empty()).ok_or_else(bad)?;
        let port = url.port().unwrap_or(scheme.default_port());
        Ok(Proxy {
            scheme,
            host: host.to_owned(),
            port,
            url,
        })
    }

    /// The URL for the HTTP client, credentials included.
    pub fn client_url(&self) -> Url {
        self.url.clone()
    }

    /// `scheme://host:port`, never credentials.
    pub fn shown(&self) -> String {
        format!("{}://{}:{}", self.scheme.as_str(), self.host, self.port)
    }

    /// `host:port`, for a sentence.
    pub fn address(&self) -> String {
        format!("{}:{}", self.host, self.port)
    }

    pub fn has_credentials(&self) -> bool {
        !self.url.username().is_empty() || self.url.password().is_some()
    }

    /// The `Proxy-Authorization` value the client sends for this proxy's credentials, if any.
    pub fn basic_authorization(&self) -> Option<String> {
        use base64::Engine as _;
        if !self.has_credentials() {
            return None;
        }
        let decode = |s: &str| {
            percent_encoding::percent_decode_str(s)
                .decode_utf8_lossy()
                .into_owned()
        };
        let pair = format!(
            "{}:{}",
            decode(self.url.username()),
            decode(self.url.password().unwrap_or(""))
        );
        Some(format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode(pair)
        ))
    }

    /// The host without IPv6 brackets, to resolve or compare.
    pub fn bare_host(&self) -> &str {
        self.host.trim_start_matches('[').trim_end_matches(']')
    }
}

impl fmt::Debug for Proxy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.shown())
    }
}

impl fmt::Display for Proxy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.shown())
    }
}

/// A setting as the user wrote it, with any `user:password@` taken out: everything up to the
/// last `@`, since a setting that could not be read may hold a password with a `/` in it.
fn without_userinfo(value: &str) -> String {
    let (scheme, rest) = match value.split_once("://") {
        Some((s, r)) => (format!("{s}://"), r),
        None => (String::new(), value),
    };
    let rest = match rest.rfind('@') {
        Some(at) => &rest[at + 1..],
        None => rest,
    };
    crate::text::terminal_safe(&format!("{scheme}{rest}"))
}

/// The way to a host: directly, or through a proxy, and where that came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice {
    pub proxy: Option<Proxy>,
    pub source: Source,
    /// A setting that applies here but is not a proxy address: the request is not sent
    /// rather than quietly going direct.
    pub bad: Option<BadSetting>,
}

/// A proxy setting we could not use, named for the diagnosis.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadSetting {
    /// `HTTPS_PROXY`, `ProxyServer`, ...
    pub name: String,
    pub shown: String,
}

impl Choice {
    pub fn direct(source: Source) -> Choice {
        Choice {
            proxy: None,
            source,
            bad: None,
        }
    }

    fn through(proxy: Proxy, source: Source) -> Choice {
        Choice {
            proxy: Some(proxy),
            source,
            bad: None,
        }
    }

    pub(crate) fn parsed(name: &str, value: &str, source: Source) -> Choice {
        match Proxy::parse(value) {
            Ok(proxy) => Choice::through(proxy, source),
            Err(BadProxy { shown }) => Choice {
                proxy: None,
                source,
                bad: Some(BadSetting {
                    name: name.to_owned(),
                    shown,
                }),
            },
        }
    }
}

// --- environment variables --------------------------------------------------------------------

/// The proxy environment variables, read once. Upper case wins over lower case; an empty value
/// counts as unset. No `Debug`: the values may hold a proxy password.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct EnvProxies {
    pub http: Option<(String, String)>,
    pub https: Option<(String, String)>,
    pub all: Option<(String, String)>,
    pub no_proxy: String,
    /// Under CGI (`REQUEST_METHOD` set) `HTTP_PROXY` can come from a request header: ignored.
    pub cgi: bool,
}

impl EnvProxies {
    pub fn read(var: impl Fn(&str) -> Option<String>) -> EnvProxies {
        let first = |names: [&str; 2]| {
            names.iter().find_map(|name| {
                var(name)
                    .map(|v| v.trim().to_owned())
                    .filter(|v| !v.is_empty())
                    .map(|v| ((*name).to_owned(), v))
            })
        };
        EnvProxies {
            http: first(["HTTP_PROXY", "http_proxy"]),
            https: first(["HTTPS_PROXY", "https_proxy"]),
            all: first(["ALL_PROXY", "all_proxy"]),
            no_proxy: first(["NO_PROXY", "no_proxy"])
                .map(|(_, v)| v)
                .unwrap_or_default(),
            cgi: var("REQUEST_METHOD").is_some(),
        }
    }

    /// Whether any proxy variable is set: then the environment decides, not the system.
    pub fn any(&self) -> bool {
        self.https.is_some() || self.all.is_some() || (self.http.is_some() && !self.cgi)
    }

    /// The route for `url` by these variables; `None` when none is set.
    pub fn choose(&self, url: &Url) -> Option<Choice> {
        if !self.any() {
            return None;
        }
        let host = url.host_str().unwrap_or("");
        if no_proxy_matches(&self.no_proxy, host) {
            return Some(Choice::direct(Source::Environment));
        }
        let specific = match url.scheme() {
            "https" => self.https.as_ref(),
            "http" if !self.cgi => self.http.as_ref(),
            _ => None,
        };
        Some(match specific.or(self.all.as_ref()) {
            Some((name, value)) => Choice::parsed(name, value, Source::Environment),
            None => Choice::direct(Source::Environment),
        })
    }
}

/// Whether `NO_PROXY` exempts `host`: `*`; a domain, with or without a leading `.` or `*.`
/// (Windows' way of writing it), matching itself and every subdomain; an IP address; a CIDR
/// block. Entries are separated by commas (or spaces); a `:port` on a name is ignored.
pub fn no_proxy_matches(list: &str, host: &str) -> bool {
    let host = host
        .trim_start_matches('[')
        .trim_end_matches(']')
        .trim_end_matches('.')
        .to_ascii_lowercase();
    let ip = host.parse::<IpAddr>().ok();
    list.split([',', ' ', '\t'])
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .any(|entry| {
            if entry == "*" {
                return true;
            }
            if let Some(ip) = ip {
                return ip_entry_matches(entry, ip);
            }
            let entry = entry.to_ascii_lowercase();
            let name = entry
                .trim_start_matches("*.")
                .trim_start_matches('.')
                .trim_end_matches('.');
            // A name with a port: only the name counts.
            let name = match name.rsplit_once(':') {
                Some((n, port)) if port.chars().all(|c| c.is_ascii_digit()) => n,
                _ => name,
            };
            !name.is_empty()
                && (host == name
                    || host
                        .strip_suffix(name)
                        .is_some_and(|rest| rest.ends_with('.')))
        })
}

/// `192.168.1.5`, `::1`, `10.0.0.0/8`, `[fd00::1]`.
fn ip_entry_matches(entry: &str, ip: IpAddr) -> bool {
    let entry = entry.trim_start_matches('[').trim_end_matches(']');
    let (addr, bits) = match entry.split_once('/') {
        Some((a, b)) => match b.parse::<u8>() {
            Ok(bits) => (a, Some(bits)),
            Err(_) => return false,
        },
        None => (entry, None),
    };
    let Ok(net) = addr.parse::<IpAddr>() else {
        return false;
    };
    match bits {
        None => net == ip,
        Some(bits) => in_network(ip, net, bits),
    }
}

fn in_network(ip: IpAddr, net: IpAddr, bits: u8) -> bool {
    let (ip, net, width) = match (ip, net) {
        (IpAddr::V4(a), IpAddr::V4(b)) => (u128::from(u32::from(a)), u128::from(u32::from(b)), 32),
        (IpAddr::V6(a), IpAddr::V6(b)) => (u128::from(a), u128::from(b), 128),
        _ => return false,
    };
    if bits > width {
        return false;
    }
    let shift = u32::from(width - bits);
    shift >= 128 || (ip >> shift) == (net >> shift)
}

// --- Windows ----------------------------------------------------------------------------------

/// Windows' fixed proxy (`ProxyServer`) and bypass list (`ProxyOverride`) applied to `url`.
///
/// `ProxyServer` is `host:port` for every protocol, or a list such as
/// `http=host:port;https=host:port;socks=host:port`: an https URL takes `https=`, else `socks=`
/// (Windows' SOCKS is SOCKS4), and goes direct when neither is listed, as Windows does.
pub fn windows_fixed(server: &str, bypass: &str, url: &Url, source: Source) -> Choice {
    let host = url.host_str().unwrap_or("");
    if windows_bypass_matches(bypass, host, url.port_or_known_default()) {
        return Choice::direct(source);
    }
    match windows_proxy_for(server, url.scheme()) {
        Some(value) => Choice::parsed("ProxyServer", &value, source),
        None => Choice::direct(source),
    }
}

/// The proxy a Windows proxy string gives for `scheme`, as a URL-ish value for `Proxy::parse`.
/// Also reads WinHTTP's answer for a PAC script, which has the same form (a list separated by
/// `;` or spaces, the first entry used).
pub fn windows_proxy_for(server: &str, scheme: &str) -> Option<String> {
    let entries: Vec<&str> = server
        .split([';', ' ', '\t', '\r', '\n'])
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .collect();
    let keyed: Vec<(String, &str)> = entries
        .iter()
        .filter_map(|e| e.split_once('='))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim()))
        .collect();
    if keyed.is_empty() {
        return entries.first().map(|e| (*e).to_owned());
    }
    let find = |key: &str| keyed.iter().find(|(k, _)| k == key).map(|(_, v)| *v);
    if let Some(value) = find(scheme) {
        return Some(value.to_owned());
    }
    find("socks").map(|v| {
        if v.contains("://") {
            v.to_owned()
        } else {
            format!("socks4://{v}")
        }
    })
}

/// Whether Windows' bypass list exempts `host`: entries separated by `;` (or spaces), with `*`
/// as a wildcard anywhere (`*.zoom.us`, `10.*`, `*intranet*`), case-insensitive, an optional
/// `http://` or `https://` in front and `:port` behind; `<local>` is every name without a dot.
pub fn windows_bypass_matches(list: &str, host: &str, port: Option<u16>) -> bool {
    let host = host
        .trim_start_matches('[')
        .trim_end_matches(']')
        .to_ascii_lowercase();
    let with_port = port.map(|p| format!("{host}:{p}"));
    list.split([';', ' ', '\t', '\r', '\n'])
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .any(|entry| {
            if entry.eq_ignore_ascii_case("<local>") {
                return !host.contains('.') && !host.contains(':');
            }
            let entry = entry.to_ascii_lowercase();
            let pattern = entry
                .strip_prefix("http://")
                .or_else(|| entry.strip_prefix("https://"))
                .unwrap_or(&entry)
                .trim_start_matches('[')
                .replace(']', "");
            glob(&pattern, &host) || with_port.as_deref().is_some_and(|h| glob(&pattern, h))
        })
}

/// `*` matches any run of characters (none included); everything else itself.
fn glob(pattern: &str, text: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    if parts.len() == 1 {
        return pattern == text;
    }
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if !text.starts_with(first) || text.len() < first.len() + last.len() || !text.ends_with(last) {
        return false;
    }
    let mut rest = &text[first.len()..text.len() - last.len()];
    for middle in &parts[1..parts.len() - 1] {
        match rest.find(middle) {
            Some(at) => rest = &rest[at + middle.len()..],
            None => return false,
        }
    }
    true
}

/// WinHTTP's answer for a URL from a PAC script or auto-detection: `DIRECT`, or its proxy list.
pub fn winhttp_answer(proxy_list: Option<&str>, url: &Url, source: Source) -> Choice {
    let value = proxy_list.and_then(|list| {
        let first = list.split(';').map(str::trim).find(|e| !e.is_empty())?;
        let keyword = first
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_ascii_uppercase();
        if [
            "PROXY", "HTTP", "HTTPS", "SOCKS", "SOCKS4", "SOCKS5", "DIRECT",
        ]
        .contains(&keyword.as_str())
        {
            // The script's own words, passed through.
            Some(first.to_owned())
        } else {
            windows_proxy_for(list, url.scheme())
        }
    });
    match value {
        Some(value) if !value.trim().eq_ignore_ascii_case("direct") => {
            Choice::parsed("PAC", &pac_entry(&value), source)
        }
        _ => Choice::direct(source),
    }
}

/// A PAC script's own words (`PROXY host:port`, `SOCKS5 host:port`), which some WinHTTP
/// versions pass through, as a proxy URL.
fn pac_entry(value: &str) -> String {
    let mut words = value.split_whitespace();
    match (words.next(), words.next()) {
        (Some(kind), Some(address)) => match kind.to_ascii_uppercase().as_str() {
            "PROXY" | "HTTP" => format!("http://{address}"),
            "HTTPS" => format!("https://{address}"),
            "SOCKS" | "SOCKS4" => format!("socks4://{address}"),
            "SOCKS5" => format!("socks5://{address}"),
            _ => value.to_owned(),
        },
        _ => value.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(u: &str) -> Url {
        Url::parse(u).unwrap()
    }

    fn env(vars: &[(&str, &str)]) -> EnvProxies {
        EnvProxies::read(|name| {
            vars.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (*v).to_owned())
        })
    }

    fn shown(choice: &Choice) -> Option<String> {
        choice.proxy.as_ref().map(Proxy::shown)
    }

    #[test]
    fn https_proxy_for_https_and_all_proxy_for_the_rest() {
        let e = env(&[
            ("HTTPS_PROXY", "http://proxy.example:3128"),
            ("ALL_PROXY", "socks5h://127.0.0.1:1080"),
        ]);
        let zoom = e.choose(&url("https://zoom.us/oauth/token")).unwrap();
        assert_eq!(shown(&zoom).as_deref(), Some("http://proxy.example:3128"));
        assert_eq!(zoom.source, Source::Environment);
        let plain = e.choose(&url("http://127.0.0.1:9/")).unwrap();
        assert_eq!(shown(&plain).as_deref(), Some("socks5h://127.0.0.1:1080"));
    }

    #[test]
    fn no_variable_leaves_it_to_the_system() {
        assert_eq!(env(&[]).choose(&url("https://zoom.us")), None);
        // NO_PROXY alone is no proxy setting.
        assert_eq!(
            env(&[("NO_PROXY", "*")]).choose(&url("https://zoom.us")),
            None
        );
    }

    #[test]
    fn upper_case_wins_and_empty_counts_as_unset() {
        let e = env(&[
            ("HTTPS_PROXY", ""),
            ("https_proxy", "lower:1"),
            ("ALL_PROXY", "upper:2"),
            ("all_proxy", "lower:3"),
        ]);
        assert_eq!(e.https, Some(("https_proxy".into(), "lower:1".into())));
        assert_eq!(e.all, Some(("ALL_PROXY".into(), "upper:2".into())));
    }

    #[test]
    fn a_scheme_less_value_is_an_http_proxy_with_its_port() {
        let p = Proxy::parse("proxy.corp:8080").unwrap();
        assert_eq!(p.shown(), "http://proxy.corp:8080");
        assert_eq!(Proxy::parse("proxy.corp").unwrap().port, 80);
        assert_eq!(Proxy::parse("socks5h://h").unwrap().port, 1080);
        assert_eq!(
            Proxy::parse("http://[::1]:3128").unwrap().shown(),
            "http://[::1]:3128"
        );
    }

    #[test]
    fn credentials_are_kept_for_the_client_and_never_shown() {
        let p = Proxy::parse("http://CORP%5Cyamada:p%40ss@proxy:8080").unwrap();
        assert!(p.has_credentials());
        assert_eq!(p.shown(), "http://proxy:8080");
        assert_eq!(format!("{p:?} {p}"), "http://proxy:8080 http://proxy:8080");
        assert!(p.client_url().as_str().contains("p%40ss@"));
        use base64::Engine as _;
        let header = p.basic_authorization().unwrap();
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(header.strip_prefix("Basic ").unwrap())
            .unwrap();
        assert_eq!(decoded, b"CORP\\yamada:p@ss");
    }

    #[test]
    fn an_unusable_value_is_named_without_its_password() {
        let choice = env(&[("HTTPS_PROXY", "ftp://user:secret@proxy:21")])
            .choose(&url("https://zoom.us"))
            .unwrap();
        assert_eq!(choice.proxy, None);
        let bad = choice.bad.unwrap();
        assert_eq!(bad.name, "HTTPS_PROXY");
        assert_eq!(bad.shown, "ftp://proxy:21");

        // A password with a `/` (not percent-encoded) makes the value unreadable as a URL.
        let choice = env(&[("HTTPS_PROXY", "http://user:pa/ss?w#rd@proxy:8080")])
            .choose(&url("https://zoom.us"))
            .unwrap();
        let bad = choice.bad.unwrap();
        assert_eq!(bad.shown, "http://proxy:8080");
    }

    #[test]
    fn no_proxy_takes_domains_subdomains_windows_patterns_ips_and_blocks() {
        for (list, host, expected) in [
            ("zoom.us", "zoom.us", true),
            ("zoom.us", "api.zoom.us", true),
            ("zoom.us", "notzoom.us", false),
            (".zoom.us", "api.zoom.us", true),
            ("*.zoom.us", "api.zoom.us", true),
            ("*.zoom.us", "zoom.us", true),
            ("*", "anything.example", true),
            ("localhost, 127.0.0.1", "127.0.0.1", true),
            ("10.0.0.0/8", "10.2.3.4", true),
            ("10.0.0.0/8", "11.2.3.4", false),
            ("::1", "[::1]", true),
            ("fd00::/8", "[fd12::1]", true),
            ("ZOOM.US", "Api.Zoom.Us", true),
            ("zoom.us:443", "zoom.us", true),
            ("", "zoom.us", false),
        ] {
            assert_eq!(no_proxy_matches(list, host), expected, "{list:?} {host}");
        }
    }

    #[test]
    fn no_proxy_sends_zoom_direct() {
        let e = env(&[("HTTPS_PROXY", "proxy:1"), ("NO_PROXY", "*.zoom.us")]);
        let choice = e.choose(&url("https://api.zoom.us")).unwrap();
        assert_eq!(choice, Choice::direct(Source::Environment));
    }

    #[test]
    fn under_cgi_http_proxy_is_ignored() {
        let e = env(&[("HTTP_PROXY", "evil:1"), ("REQUEST_METHOD", "GET")]);
        assert!(!e.any());
        assert_eq!(e.choose(&url("http://zoom.us")), None);
    }

    #[test]
    fn windows_one_proxy_for_every_protocol() {
        let c = windows_fixed(
            "proxy:8080",
            "",
            &url("https://zoom.us"),
            Source::WindowsSettings,
        );
        assert_eq!(shown(&c).as_deref(), Some("http://proxy:8080"));
        assert_eq!(c.source, Source::WindowsSettings);
    }

    #[test]
    fn windows_per_protocol_form() {
        let server = "http=web:80;https=secure:8443;ftp=f:21";
        let https = windows_fixed(server, "", &url("https://zoom.us"), Source::WindowsSettings);
        assert_eq!(shown(&https).as_deref(), Some("http://secure:8443"));
        let http = windows_fixed(server, "", &url("http://zoom.us"), Source::WindowsSettings);
        assert_eq!(shown(&http).as_deref(), Some("http://web:80"));
        // No https= entry: Windows goes direct for https.
        let only_http = windows_fixed(
            "http=web:80",
            "",
            &url("https://zoom.us"),
            Source::WindowsSettings,
        );
        assert_eq!(only_http.proxy, None);
        // socks= serves what is not listed, as SOCKS4.
        let socks = windows_fixed(
            "http=web:80;socks=s:1080",
            "",
            &url("https://zoom.us"),
            Source::WindowsSettings,
        );
        assert_eq!(shown(&socks).as_deref(), Some("socks4://s:1080"));
    }

    #[test]
    fn windows_bypass_list() {
        for (list, host, expected) in [
            ("<local>", "intranet", true),
            ("<local>", "zoom.us", false),
            ("*.zoom.us", "api.zoom.us", true),
            ("*.zoom.us", "zoom.us", false),
            ("*.ZOOM.us;<local>", "API.zoom.US", true),
            ("10.*", "10.1.2.3", true),
            ("10.*", "110.1.2.3", false),
            ("*intra*", "my.intranet.corp", true),
            ("https://zoom.us", "zoom.us", true),
            ("zoom.us:443", "zoom.us", true),
            ("zoom.us:80", "zoom.us", false),
            ("", "zoom.us", false),
        ] {
            assert_eq!(
                windows_bypass_matches(list, host, Some(443)),
                expected,
                "{list:?} {host}"
            );
        }
        let c = windows_fixed(
            "proxy:8080",
            "*.zoom.us",
            &url("https://api.zoom.us"),
            Source::WindowsSettings,
        );
        assert_eq!(c, Choice::direct(Source::WindowsSettings));
    }

    #[test]
    fn winhttp_answers_for_a_pac_script() {
        let https = url("https://zoom.us");
        let pac = Source::WindowsPac;
        assert_eq!(
            shown(&winhttp_answer(Some("pac-proxy:3128"), &https, pac)).as_deref(),
            Some("http://pac-proxy:3128")
        );
        assert_eq!(
            shown(&winhttp_answer(Some("a:1; b:2"), &https, pac)).as_deref(),
            Some("http://a:1")
        );
        assert_eq!(
            shown(&winhttp_answer(Some("PROXY a:1"), &https, pac)).as_deref(),
            Some("http://a:1")
        );
        assert_eq!(
            shown(&winhttp_answer(Some("SOCKS5 s:1"), &https, pac)).as_deref(),
            Some("socks5://s:1")
        );
        assert_eq!(winhttp_answer(None, &https, pac), Choice::direct(pac));
        assert_eq!(
            winhttp_answer(Some("DIRECT"), &https, pac),
            Choice::direct(pac)
        );
    }

    #[test]
    fn glob_patterns() {
        assert!(glob("*", ""));
        assert!(glob("a*b*c", "axxbyyc"));
        assert!(!glob("a*b*c", "axxcyyb"));
        assert!(!glob("ab*ba", "aba"));
    }
}
