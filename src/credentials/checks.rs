//! What is wrong with a value before Zoom is asked: characters, length, a secret in an ID
//! field, the same value twice.

use super::values::{Credentials, Field, Severity};
use crate::i18n::{Lang, tr, trf};
use crate::text::is_invisible;

/// What is wrong (or unusual) about one field's value. Language-neutral: the text comes from
/// `assets/credentials.toml` through [`FieldIssue::text`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IssueKind {
    /// Empty.
    Required,
    /// The masked form (`••••••`) was copied instead of the value.
    Masked,
    /// Contains white space: the value was copied together with other words.
    Whitespace,
    /// Characters other than ASCII letters, digits, `-` and `_`, as printable names
    /// (`"@"`, `U+00A0`), at most six, each once.
    InvalidChars(Vec<String>),
    /// The same, in the secret: counted, never shown (the field is masked).
    InvalidCharsHidden(usize),
    /// Longer or shorter than Zoom's values usually are (a warning: lengths are observed).
    UnusualLength { len: usize, usual: usize },
    /// An ID field holding something as long as a Client secret.
    LooksLikeSecret { len: usize },
    /// The same value as another field: one of the two was pasted into the wrong place.
    SameAs(Field),
}

/// One finding of [`check_field`] or [`check_all`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldIssue {
    pub severity: Severity,
    pub kind: IssueKind,
}

impl FieldIssue {
    fn error(kind: IssueKind) -> Self {
        FieldIssue {
            severity: Severity::Error,
            kind,
        }
    }

    fn warning(kind: IssueKind) -> Self {
        FieldIssue {
            severity: Severity::Warning,
            kind,
        }
    }

    /// The key of the sentence in `assets/credentials.toml`.
    pub fn text_key(&self) -> &'static str {
        match self.kind {
            IssueKind::Required => "credentials.issue.required",
            IssueKind::Masked => "credentials.issue.masked",
            IssueKind::Whitespace => "credentials.issue.whitespace",
            IssueKind::InvalidChars(_) => "credentials.issue.invalid_chars",
            IssueKind::InvalidCharsHidden(_) => "credentials.issue.invalid_chars_hidden",
            IssueKind::UnusualLength { .. } => "credentials.issue.unusual_length",
            IssueKind::LooksLikeSecret { .. } => "credentials.issue.looks_like_secret",
            IssueKind::SameAs(_) => "credentials.issue.same_as",
        }
    }

    /// The values for the sentence's `{placeholders}`; field names are translated.
    pub fn args(&self, lang: Lang) -> Vec<(&'static str, String)> {
        match &self.kind {
            IssueKind::Required | IssueKind::Masked | IssueKind::Whitespace => Vec::new(),
            IssueKind::InvalidChars(chars) => vec![("chars", chars.join(" "))],
            IssueKind::InvalidCharsHidden(count) => vec![("count", count.to_string())],
            IssueKind::UnusualLength { len, usual } => {
                vec![("len", len.to_string()), ("usual", usual.to_string())]
            }
            IssueKind::LooksLikeSecret { len } => vec![
                ("len", len.to_string()),
                ("usual", Field::AccountId.usual_len().to_string()),
                (
                    "secret",
                    tr(lang, Field::ClientSecret.label_key()).to_owned(),
                ),
            ],
            IssueKind::SameAs(other) => vec![("other", tr(lang, other.label_key()).to_owned())],
        }
    }

    /// The finished sentence.
    pub fn text(&self, lang: Lang) -> String {
        let args = self.args(lang);
        let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
        trf(lang, self.text_key(), &args)
    }
}

/// An ID field's value at least this long looks like a Client secret (about 32) rather than
/// an ID (about 22).
const SECRET_LIKE_LEN: usize = 30;

/// How far from the usual length a value may be before a warning.
const LENGTH_TOLERANCE: usize = 6;

/// Characters Zoom's IDs and secrets are made of.
fn is_allowed(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '_'
}

/// A name for a character that is safe to print: printable ones quoted, the others as
/// `U+XXXX` so that no control or invisible character reaches the terminal.
fn printable_name(c: char) -> String {
    if is_invisible(c)
        || c.is_whitespace()
        || unicode_width::UnicodeWidthChar::width(c).unwrap_or(0) == 0
    {
        format!("U+{:04X}", u32::from(c))
    } else {
        format!("\"{c}\"")
    }
}

/// Checks one value on its own. An empty value is only "required"; a masked value only
/// "masked"; lengths are looked at only when the characters are right.
pub fn check_field(field: Field, value: &str) -> Vec<FieldIssue> {
    if value.is_empty() {
        return vec![FieldIssue::error(IssueKind::Required)];
    }
    if value
        .chars()
        .all(|c| matches!(c, '•' | '●' | '*' | '·' | '∙' | '⋅' | '○' | '◦' | '▪' | '■'))
    {
        return vec![FieldIssue::error(IssueKind::Masked)];
    }
    let mut issues = Vec::new();
    if value.contains(char::is_whitespace) {
        issues.push(FieldIssue::error(IssueKind::Whitespace));
    }
    let mut invalid: Vec<char> = Vec::new();
    for c in value
        .chars()
        .filter(|&c| !is_allowed(c) && !c.is_whitespace())
    {
        if !invalid.contains(&c) && invalid.len() < 6 {
            invalid.push(c);
        }
    }
    if !invalid.is_empty() {
        issues.push(FieldIssue::error(if field == Field::ClientSecret {
            IssueKind::InvalidCharsHidden(invalid.len())
        } else {
            IssueKind::InvalidChars(invalid.into_iter().map(printable_name).collect())
        }));
    }
    if !issues.is_empty() {
        return issues;
    }
    let len = value.chars().count();
    let usual = field.usual_len();
    if field != Field::ClientSecret && len >= SECRET_LIKE_LEN {
        issues.push(FieldIssue::warning(IssueKind::LooksLikeSecret { len }));
    } else if len.abs_diff(usual) > LENGTH_TOLERANCE {
        issues.push(FieldIssue::warning(IssueKind::UnusualLength { len, usual }));
    }
    issues
}

/// Whether the ID in `field` may be the Client secret pasted at the wrong place: as long as a
/// secret, or the same as the secret. Such a value is shown, saved and reported as the secret
/// is (masked, never kept, left out).
pub fn may_hold_the_secret(credentials: &Credentials, field: Field) -> bool {
    let value = credentials.value(field);
    field != Field::ClientSecret
        && !value.is_empty()
        && (value == credentials.value(Field::ClientSecret)
            || check_field(field, value)
                .iter()
                .any(|issue| matches!(issue.kind, IssueKind::LooksLikeSecret { .. })))
}

/// Checks every field, then across fields: a value that appears in two fields is reported on
/// the later field, naming the earlier one.
pub fn check_all(credentials: &Credentials) -> Vec<(Field, FieldIssue)> {
    let mut issues: Vec<(Field, FieldIssue)> = Field::ALL
        .into_iter()
        .flat_map(|f| {
            check_field(f, credentials.value(f))
                .into_iter()
                .map(move |i| (f, i))
        })
        .collect();
    for (n, later) in Field::ALL.into_iter().enumerate() {
        let value = credentials.value(later);
        if value.is_empty() {
            continue;
        }
        if let Some(&earlier) = Field::ALL[..n]
            .iter()
            .find(|&&e| credentials.value(e) == value)
        {
            issues.push((later, FieldIssue::error(IssueKind::SameAs(earlier))));
        }
    }
    issues
}
