//! What must never be shown, kept out of every detail a check or a rehearsal reports: the
//! Client secret, the Basic credentials made from it, and the access tokens Zoom issued.

use zeroize::Zeroizing;

use crate::credentials::Credentials;

/// How much of a diagnosis detail is kept.
const DETAIL_CHARS: usize = 240;

/// The secrets of one run, wiped from memory when it ends.
pub struct Redactor {
    secrets: Vec<Zeroizing<String>>,
}

impl Redactor {
    /// The secret and its Basic pair (`client_id:secret` in base64, which a proxy page might
    /// echo from the token request).
    pub fn new(creds: &Credentials) -> Redactor {
        use base64::Engine as _;
        let pair = Zeroizing::new(format!(
            "{}:{}",
            creds.client_id,
            creds.client_secret.expose()
        ));
        let basic = base64::engine::general_purpose::STANDARD.encode(pair.as_bytes());
        Redactor {
            secrets: vec![
                Zeroizing::new(creds.client_secret.expose().to_owned()),
                Zeroizing::new(basic),
            ],
        }
    }

    /// An access token issued during the run.
    pub fn add_token(&mut self, token: &str) {
        if !self.secrets.iter().any(|s| s.as_str() == token) {
            self.secrets.push(Zeroizing::new(token.to_owned()));
        }
    }

    /// `text` made terminal-safe, every secret in it replaced by `<redacted>`, and cut to
    /// [`DETAIL_CHARS`]. Redacted before the cut, so a secret straddling it cannot leave its
    /// start behind; a start left by an earlier cut (an excerpt) is redacted too.
    pub fn clean(&self, text: &str) -> String {
        let mut out = crate::text::terminal_safe(text);
        let secrets: Vec<&str> = self
            .secrets
            .iter()
            .map(|s| s.as_str())
            .filter(|s| s.len() >= 4)
            .collect();
        for secret in &secrets {
            out = out.replace(secret, "<redacted>");
        }
        let mut out: String = out.chars().take(DETAIL_CHARS).collect();
        for secret in &secrets {
            let tail = (4..secret.len())
                .rev()
                .filter(|&k| secret.is_char_boundary(k))
                .find(|&k| out.ends_with(&secret[..k]));
            if let Some(k) = tail {
                out.truncate(out.len() - k);
                out.push_str("<redacted>");
            }
        }
        out
    }
}
