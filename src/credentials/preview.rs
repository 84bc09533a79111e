//! Showing a value without showing it: the secret's preview and the masked Client ID. The one
//! place that decides how much of a secret may be seen.

use zeroize::Zeroize;

use super::values::Secret;
use crate::i18n::{Lang, trf};
use crate::text::is_invisible;

/// Secrets shorter than this show no characters at all in a preview: four at each end would
/// give away most of it.
const PREVIEW_MIN_LEN: usize = 12;

/// Replaces anything unprintable, so a preview can never carry an escape to the terminal.
fn printable(c: char) -> char {
    if is_invisible(c) { '\u{FFFD}' } else { c }
}

/// The parts of a preview: `(head, tail)` for a long enough secret, and the length.
fn preview_parts(secret: &Secret) -> (Option<(String, String)>, usize) {
    let chars: Vec<char> = secret.expose().chars().collect();
    let len = chars.len();
    let parts = (len >= PREVIEW_MIN_LEN).then(|| {
        (
            chars[..4].iter().copied().map(printable).collect(),
            chars[len - 4..].iter().copied().map(printable).collect(),
        )
    });
    let mut chars = chars;
    chars.zeroize();
    (parts, len)
}

/// Shows, in the wizard's language, that a hidden paste landed, like Stripe CLI:
/// `abcd…wxyz (32 characters)` / `abcd…wxyz(32 文字)`, or only `•••• (8 characters)` for a
/// secret shorter than 12; empty for an empty secret.
pub fn secret_preview_in(lang: Lang, secret: &Secret) -> String {
    if secret.is_empty() {
        return String::new();
    }
    match preview_parts(secret) {
        (Some((head, tail)), len) => trf(
            lang,
            "credentials.preview.long",
            &[("head", &head), ("tail", &tail), ("len", &len.to_string())],
        ),
        (None, len) => trf(
            lang,
            "credentials.preview.short",
            &[("len", &len.to_string())],
        ),
    }
}

/// A hidden value on screen: one bullet per character, so the length shows and nothing else.
pub fn mask(value: &str) -> String {
    "•".repeat(value.chars().count())
}

/// An ID for a report: every character but the last four replaced by `*`, the length kept so
/// a truncated copy still shows. IDs of four characters or fewer are masked entirely.
pub fn mask_id(id: &str) -> String {
    let len = id.chars().count();
    let shown = if len > 4 { 4 } else { 0 };
    id.chars()
        .enumerate()
        .map(|(i, c)| if i < len - shown { '*' } else { printable(c) })
        .collect()
}
