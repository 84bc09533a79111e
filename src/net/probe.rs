//! Asks an HTTP proxy again what it answered to our tunnel request. hyper-util's tunnel keeps
//! only "407" or "not 200", so after such a failure the same `CONNECT` is sent once more on a
//! connection of our own, and the status line and the sign-in kinds it offers
//! (`Proxy-Authenticate`) are read. Nothing is sent to Zoom: the tunnel is never used.

use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};

use super::proxy::{Proxy, ProxyScheme};
use super::trace::Lookup;

/// What the proxy answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProxyReply {
    pub status: u16,
    pub reason: String,
    /// The first word of each `Proxy-Authenticate`: `Basic`, `NTLM`, `Negotiate`, ...
    pub schemes: Vec<String>,
}

impl ProxyReply {
    /// `HTTP 403 Forbidden`.
    pub fn status_line(&self) -> String {
        format!("HTTP {} {}", self.status, self.reason)
            .trim_end()
            .to_owned()
    }
}

/// Sends `CONNECT host:port` to `proxy` (with its credentials, as the client did) and reads
/// the head of the answer. `None` when the proxy cannot be asked (an https proxy, or it does
/// not answer in time).
pub async fn ask(
    proxy: &Proxy,
    host: &str,
    port: u16,
    lookup: Option<&Lookup>,
    timeout: Duration,
) -> Option<ProxyReply> {
    if proxy.scheme != ProxyScheme::Http {
        return None;
    }
    tokio::time::timeout(timeout, ask_now(proxy, host, port, lookup))
        .await
        .ok()
        .flatten()
}

async fn ask_now(
    proxy: &Proxy,
    host: &str,
    port: u16,
    lookup: Option<&Lookup>,
) -> Option<ProxyReply> {
    let addrs: Vec<std::net::SocketAddr> = match lookup {
        Some(lookup) => lookup(proxy.bare_host())
            .await
            .ok()?
            .into_iter()
            .map(|mut a| {
                a.set_port(proxy.port);
                a
            })
            .collect(),
        None => tokio::net::lookup_host((proxy.bare_host(), proxy.port))
            .await
            .ok()?
            .collect(),
    };
    let mut stream = tokio::net::TcpStream::connect(addrs.as_slice())
        .await
        .ok()?;
    let mut request = format!("CONNECT {host}:{port} HTTP/1.1\r\nHost: {host}:{port}\r\n");
    if let Some(auth) = proxy.basic_authorization() {
        request.push_str(&format!("Proxy-Authorization: {auth}\r\n"));
    }
    request.push_str(concat!(
        "User-Agent: ",
        env!("CARGO_PKG_NAME"),
        "/",
        env!("CARGO_PKG_VERSION"),
        "\r\n\r\n"
    ));
    stream.write_all(request.as_bytes()).await.ok()?;
    let mut head = Vec::new();
    let mut buf = [0u8; 2048];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < 16 * 1024 {
        let n = stream.read(&mut buf).await.ok()?;
        if n == 0 {
            break;
        }
        head.extend_from_slice(&buf[..n]);
    }
    parse_head(&String::from_utf8_lossy(&head))
}

/// Reads `HTTP/1.1 407 Proxy Authentication Required` and its `Proxy-Authenticate` headers.
pub fn parse_head(head: &str) -> Option<ProxyReply> {
    let mut lines = head.split("\r\n");
    let mut status_line = lines.next()?.splitn(3, ' ');
    if !status_line.next()?.starts_with("HTTP/") {
        return None;
    }
    let status = status_line.next()?.parse().ok()?;
    let reason = crate::text::terminal_safe(status_line.next().unwrap_or(""))
        .trim()
        .to_owned();
    let mut schemes: Vec<String> = Vec::new();
    for line in lines.take_while(|l| !l.is_empty()) {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        if name.trim().eq_ignore_ascii_case("proxy-authenticate") {
            // One header may list several challenges: `Negotiate, NTLM`. A parameter of a
            // challenge (`realm="x"`) has an `=`; a scheme does not.
            for part in split_outside_quotes(value) {
                let word = part.split_whitespace().next().unwrap_or("");
                if !word.is_empty() && !word.contains('=') {
                    let word = crate::text::terminal_safe(word);
                    if !schemes.iter().any(|s| s.eq_ignore_ascii_case(&word)) {
                        schemes.push(word);
                    }
                }
            }
        }
    }
    Some(ProxyReply {
        status,
        reason,
        schemes,
    })
}

/// `value` cut at the commas that are not inside a quoted string.
fn split_outside_quotes(value: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut start, mut quoted) = (0, false);
    for (i, c) in value.char_indices() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => {
                parts.push(&value[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&value[start..]);
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_status_and_every_sign_in_kind() {
        let head = "HTTP/1.1 407 Proxy Authentication Required\r\n\
                    Proxy-Authenticate: Negotiate\r\n\
                    proxy-authenticate: NTLM\r\n\
                    Proxy-Authenticate: Basic realm=\"corp, main\", Digest realm=\"x\", qop=\"auth\"\r\n\r\n";
        let reply = parse_head(head).unwrap();
        assert_eq!(reply.status, 407);
        assert_eq!(reply.schemes, ["Negotiate", "NTLM", "Basic", "Digest"]);
        assert_eq!(
            reply.status_line(),
            "HTTP 407 Proxy Authentication Required"
        );
    }

    #[test]
    fn a_refusal_has_no_sign_in() {
        let reply = parse_head("HTTP/1.0 403 Forbidden\r\nVia: proxy\r\n\r\n").unwrap();
        assert_eq!((reply.status, reply.schemes.len()), (403, 0));
        assert_eq!(parse_head("SSH-2.0-OpenSSH\r\n"), None);
    }
}
