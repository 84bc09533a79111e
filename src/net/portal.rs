//! A network sign-in page ("captive portal": hotel, shop, guest Wi-Fi) answering instead of
//! Zoom, told from Zoom's own answers: HTTP 511 (the standard "network authentication
//! required"), a redirect to another host, or an HTML page that sends the browser elsewhere.
//! A plain HTML error page (a filter's "access denied") is not a sign-in page.

/// The sign-in page's host (and how it showed itself), if this answer is one.
pub fn sign_in(
    requested_host: &str,
    status: u16,
    location: Option<&str>,
    body: &[u8],
) -> Option<String> {
    let elsewhere = |url: &str| {
        host_of(url).filter(|h| {
            !h.eq_ignore_ascii_case(requested_host.trim_start_matches('[').trim_end_matches(']'))
        })
    };
    match status {
        511 => {
            let page = String::from_utf8_lossy(body);
            let portal = location
                .and_then(host_of)
                .or_else(|| first_url(&page).and_then(|u| host_of(&u)))
                .unwrap_or_else(|| "?".to_owned());
            Some(format!("{portal} (HTTP 511)"))
        }
        301 | 302 | 303 | 307 | 308 => {
            let portal = location.and_then(elsewhere)?;
            Some(format!("{portal} (HTTP {status})"))
        }
        200 => {
            let page = String::from_utf8_lossy(body);
            let target = redirect_in_page(&page)?;
            let portal = elsewhere(&target)?;
            Some(format!("{portal} (HTML)"))
        }
        _ => None,
    }
}

/// The host of an absolute http(s) URL, terminal-safe.
fn host_of(url: &str) -> Option<String> {
    let parsed = reqwest::Url::parse(url.trim()).ok()?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return None;
    }
    parsed.host_str().map(crate::text::terminal_safe)
}

/// Where an HTML page sends the browser: `<meta http-equiv="refresh" content="0; url=...">`
/// or `location.href = "..."` / `location.replace("...")` / `window.location = "..."`.
fn redirect_in_page(page: &str) -> Option<String> {
    let lower = page.to_ascii_lowercase();
    if let Some(at) = lower
        .find("http-equiv=\"refresh\"")
        .or_else(|| lower.find("http-equiv='refresh'"))
    {
        let tag_end = lower[at..].find('>').map_or(lower.len(), |e| at + e);
        let tag = &page[at..tag_end];
        if let Some(u) = tag.to_ascii_lowercase().find("url=") {
            let rest = &tag[u + 4..];
            let url: String = rest
                .trim_start_matches(['\'', '"'])
                .chars()
                .take_while(|c| !matches!(c, '"' | '\'' | ' ' | '>'))
                .collect();
            return Some(url);
        }
    }
    for marker in [
        "location.href",
        "location.replace(",
        "window.location",
        "location.assign(",
    ] {
        if let Some(at) = lower.find(marker) {
            return first_url(&page[at..]);
        }
    }
    None
}

/// The first `http://` or `https://` URL in a text.
fn first_url(text: &str) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    let at = [lower.find("https://"), lower.find("http://")]
        .into_iter()
        .flatten()
        .min()?;
    Some(
        text[at..]
            .chars()
            .take_while(|c| !c.is_whitespace() && !matches!(c, '"' | '\'' | '<' | '>' | ')'))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_511_names_the_portal_from_its_page() {
        let page =
            b"<html><a href=\"https://login.hotel-wifi.example/auth?x=1\">Sign in</a></html>";
        assert_eq!(
            sign_in("zoom.us", 511, None, page).as_deref(),
            Some("login.hotel-wifi.example (HTTP 511)")
        );
        assert_eq!(
            sign_in("zoom.us", 511, None, b"").as_deref(),
            Some("? (HTTP 511)")
        );
    }

    #[test]
    fn a_redirect_elsewhere_is_a_portal_and_to_the_same_host_is_not() {
        assert_eq!(
            sign_in("zoom.us", 302, Some("http://portal.example/login"), b"").as_deref(),
            Some("portal.example (HTTP 302)")
        );
        assert_eq!(
            sign_in("zoom.us", 302, Some("https://zoom.us/other"), b""),
            None
        );
        assert_eq!(sign_in("zoom.us", 302, None, b""), None);
    }

    #[test]
    fn an_html_page_that_sends_the_browser_elsewhere() {
        let meta = br#"<html><head><meta http-equiv="refresh" content="0; url=http://10.0.0.1:8002/index.php?zone=guest"></head></html>"#;
        assert_eq!(
            sign_in("zoom.us", 200, None, meta).as_deref(),
            Some("10.0.0.1 (HTML)")
        );
        let script =
            br#"<script>window.location.href = "https://wifi.shop.example/start";</script>"#;
        assert_eq!(
            sign_in("zoom.us", 200, None, script).as_deref(),
            Some("wifi.shop.example (HTML)")
        );
        // A filter's block page sends nowhere: not a sign-in page.
        let blocked =
            b"<html><body><h1>Access denied</h1><p>See http://help.example</p></body></html>";
        assert_eq!(sign_in("zoom.us", 200, None, blocked), None);
    }
}
