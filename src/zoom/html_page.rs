//! A web page that answered instead of Zoom (a proxy's, a security filter's, a Wi-Fi sign-in
//! page), told by its status and title: people recognise "Access denied" or their hotel's
//! name, not `<!DOCTYPE html> <html>…`. Read from the excerpt an `unexpected_response` detail
//! holds (`HTTP 200: <excerpt>`, see `ZoomError::Unexpected`), so a title past the excerpt's
//! end is not known.

/// The longest title shown, in characters; a longer one is cut and ends in `...`.
const TITLE_CHARS: usize = 80;

/// What an answer that is a web page says about itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page {
    /// The HTTP status, where the detail names it.
    pub status: Option<u16>,
    /// Its `<title>`, decoded and on one line; `None` when it has none (or it lies past the
    /// excerpt).
    pub title: Option<String>,
}

impl Page {
    /// The page in a detail `HTTP 200: <!DOCTYPE html>…`; `None` when the answer is not HTML.
    pub fn from_detail(detail: &str) -> Option<Page> {
        let (status, body) = match detail.strip_prefix("HTTP ") {
            Some(rest) => {
                let (code, body) = rest.split_once(':').unwrap_or((rest, ""));
                (code.trim().parse().ok(), body)
            }
            None => (None, detail),
        };
        is_html(body).then(|| Page {
            status,
            title: title(body),
        })
    }
}

/// Whether `text` is (the start of) an HTML page.
pub fn is_html(text: &str) -> bool {
    let lower = text
        .trim_start_matches(['\u{feff}', ' '])
        .to_ascii_lowercase();
    lower.starts_with("<!doctype html")
        || ["<html", "<head", "<title", "<body"]
            .iter()
            .any(|tag| lower.contains(tag))
}

/// The text of a page's `<title>`: entities decoded, white space collapsed, control characters
/// dropped, at most [`TITLE_CHARS`] characters. `None` without a complete, non-empty one.
pub fn title(page: &str) -> Option<String> {
    // ASCII lower-casing keeps every byte where it was, so the indices fit `page` too.
    let lower = page.to_ascii_lowercase();
    let open = lower.find("<title")?;
    let start = open + lower[open..].find('>')? + 1;
    let end = start + lower[start..].find("</title")?;
    let text = decode_entities(&page[start..end]);
    let text = crate::text::terminal_safe(&text);
    let words: Vec<&str> = text.split_whitespace().collect();
    let text = words.join(" ");
    if text.is_empty() {
        return None;
    }
    if text.chars().count() > TITLE_CHARS {
        let cut: String = text.chars().take(TITLE_CHARS - 3).collect();
        return Some(format!("{}...", cut.trim_end()));
    }
    Some(text)
}

/// `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`, `&#39;`, `&nbsp;` and numeric references
/// (`&#12354;`, `&#x3042;`); anything else stays as it is.
fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let decoded = rest.find(';').filter(|&end| end <= 10).and_then(|end| {
            let name = &rest[1..end];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                _ => {
                    let number = name.strip_prefix('#')?;
                    let code = match number.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok(),
                        None => number.parse().ok(),
                    };
                    code.and_then(char::from_u32)
                }
            };
            c.map(|c| (c, end))
        });
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_title_of_a_page_decoded_and_on_one_line() {
        let page = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><TITLE lang=\"ja\">\n  Guest Wi-Fi &amp; ログイン &#12354;&#x3042;\n</TITLE></head>";
        assert_eq!(title(page).as_deref(), Some("Guest Wi-Fi & ログイン ああ"));
        assert_eq!(title("<title>  </title>"), None);
        assert_eq!(title("<title>cut before its end"), None);
        assert_eq!(title("<html><body>no title</body></html>"), None);
        assert_eq!(
            title("<title>&bogus; &amp</title>").as_deref(),
            Some("&bogus; &amp")
        );
        let long = format!("<title>{}</title>", "x".repeat(200));
        assert_eq!(title(&long).map(|t| t.chars().count()), Some(TITLE_CHARS));
        // An escape sequence in a title never reaches the terminal.
        assert!(
            !title("<title>a\u{1b}[31mb</title>")
                .unwrap()
                .contains('\u{1b}')
        );
    }

    #[test]
    fn a_detail_is_a_page_only_when_it_is_html() {
        let page = Page::from_detail(
            "HTTP 403: <!DOCTYPE html> <html><head><title>Access denied</title></head>",
        );
        assert_eq!(
            page,
            Some(Page {
                status: Some(403),
                title: Some("Access denied".into())
            })
        );
        assert_eq!(
            Page::from_detail("HTTP 200: <html><body>"),
            Some(Page {
                status: Some(200),
                title: None
            })
        );
        assert_eq!(Page::from_detail("HTTP 200: {\"garbled\": json"), None);
        assert_eq!(Page::from_detail("HTTP 400: invalid_scope (bad)"), None);
        assert_eq!(Page::from_detail("network error: refused"), None);
    }
}
