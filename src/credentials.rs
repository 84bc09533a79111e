//! The three values of a Server-to-Server OAuth app: clean-up, checks and secrecy.
//!
//! Everything here is pure (no terminal, no clipboard, no network) so the wizard's core, the
//! `check` command and the tests share one behaviour for what a paste becomes.

use std::fmt;

use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;
use zeroize::{Zeroize, Zeroizing};

use crate::i18n::{Lang, tr, trf};
use crate::zoom::report::Severity;

/// Which of the three values a field, a diagnosis or a copy key is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    AccountId,
    ClientId,
    ClientSecret,
}

impl Field {
    pub const ALL: [Field; 3] = [Field::AccountId, Field::ClientId, Field::ClientSecret];

    /// The text key of the field's label (`field.account_id`).
    pub fn label_key(self) -> &'static str {
        match self {
            Field::AccountId => "field.account_id",
            Field::ClientId => "field.client_id",
            Field::ClientSecret => "field.client_secret",
        }
    }

    /// About how many characters Zoom's values of this field have. Observed, not documented
    /// by Zoom: only ever used for a warning that says "usually about N".
    pub fn usual_len(self) -> usize {
        match self {
            Field::AccountId | Field::ClientId => 22,
            Field::ClientSecret => 32,
        }
    }
}

/// A secret string: wiped from memory on drop, redacted in `Debug` and `Display`.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Secret(Zeroizing<String>);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Secret(Zeroizing::new(value.into()))
    }

    /// The only way to read the value; every call site is a place the secret goes.
    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Number of characters (not bytes): what a text field and the preview show.
    pub fn char_count(&self) -> usize {
        self.0.chars().count()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// Account ID, Client ID and Client secret, already cleaned up.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Credentials {
    pub account_id: String,
    pub client_id: String,
    pub client_secret: Secret,
}

impl Credentials {
    /// The value of one field, the secret included: for checks and for copying out.
    pub fn value(&self, field: Field) -> &str {
        match field {
            Field::AccountId => &self.account_id,
            Field::ClientId => &self.client_id,
            Field::ClientSecret => self.client_secret.expose(),
        }
    }

    /// Puts every value the block found into its field; the others stay as they were.
    pub fn apply(&mut self, block: ParsedBlock) {
        if let Some(v) = block.account_id {
            self.account_id = v;
        }
        if let Some(v) = block.client_id {
            self.client_id = v;
        }
        if let Some(v) = block.client_secret {
            self.client_secret = v;
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Clean-up
// ---------------------------------------------------------------------------------------------

/// Characters that show nothing but change what a value is: zero-width characters, the soft
/// hyphen, bidi controls, word joiners, variation selectors, tags, line/paragraph separators,
/// and every C0/C1 control character (ESC included).
fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{00AD}'
                | '\u{034F}'
                | '\u{061C}'
                | '\u{115F}'
                | '\u{1160}'
                | '\u{17B4}'
                | '\u{17B5}'
                | '\u{180B}'..='\u{180F}'
                | '\u{200B}'..='\u{200F}'
                | '\u{2028}'..='\u{202E}'
                | '\u{2060}'..='\u{206F}'
                | '\u{3164}'
                | '\u{FE00}'..='\u{FE0F}'
                | '\u{FEFF}'
                | '\u{FFA0}'
                | '\u{FFF9}'..='\u{FFFB}'
                | '\u{1D173}'..='\u{1D17A}'
                | '\u{E0000}'..='\u{E0FFF}'
        )
}

/// Quotes people put around a value (or copy along with it). Zoom's values never contain
/// any of them, so dropping them at either end cannot damage a real value.
const QUOTES: &[char] = &[
    '"', '\'', '`', '「', '」', '『', '』', '“', '”', '‘', '’', '„', '«', '»',
];

/// Removes whole escape sequences (CSI `ESC [ … final`, OSC/DCS/APC/PM/SOS strings up to BEL
/// or ST, two-character escapes, and their 8-bit C1 forms), so a pasted colour code or
/// bracketed-paste marker leaves no `[31m` residue. Lone control characters are left for
/// `is_invisible` to remove.
fn strip_escape_sequences(text: &str) -> Zeroizing<String> {
    enum Sequence {
        Csi,
        ControlString,
    }
    let mut out = Zeroizing::new(String::with_capacity(text.len()));
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let sequence = match c {
            '\u{1b}' => match chars.peek() {
                Some('[') => {
                    chars.next();
                    Sequence::Csi
                }
                Some(']' | 'P' | 'X' | '^' | '_') => {
                    chars.next();
                    Sequence::ControlString
                }
                Some(&n) if (' '..='~').contains(&n) => {
                    chars.next();
                    continue;
                }
                _ => continue,
            },
            '\u{9b}' => Sequence::Csi,
            '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => Sequence::ControlString,
            _ => {
                out.push(c);
                continue;
            }
        };
        if let Sequence::Csi = sequence {
            // Parameters and intermediates, then one final byte; anything else ends a
            // malformed sequence without being swallowed.
            while chars.peek().is_some_and(|n| (' '..='?').contains(n)) {
                chars.next();
            }
            if chars.peek().is_some_and(|n| ('@'..='~').contains(n)) {
                chars.next();
            }
        } else {
            // A control string runs to BEL or ST (ESC \ or U+009C); unterminated, to the end.
            while let Some(n) = chars.next() {
                if n == '\u{7}' || n == '\u{9c}' {
                    break;
                }
                if n == '\u{1b}' && chars.peek() == Some(&'\\') {
                    chars.next();
                    break;
                }
            }
        }
    }
    out
}

/// Removes what a copy from a web page, a chat, a spreadsheet or a terminal drags along:
/// escape sequences and every other control character, zero-width and bidi characters,
/// surrounding white space and quotes (`""`, `''`, `「」`, `“”`, …); and folds full-width
/// letters and digits to ASCII (NFKC). Idempotent: `clean(clean(x)) == clean(x)`.
///
/// Inner spaces are kept on purpose: a value with a space in it is wrong, and the checks
/// should say so rather than silently gluing two words together.
/// Text from outside (Zoom's answers, a proxy's page) made safe to print on a terminal: whole
/// escape sequences and every other control character removed, nothing else changed.
pub fn terminal_safe(text: &str) -> String {
    strip_escape_sequences(text)
        .chars()
        .filter(|c| !c.is_control())
        .collect()
}

pub fn clean(raw: &str) -> String {
    // Invisible characters go before NFKC so they cannot block a composition that a second
    // pass would then perform (that would break idempotence), and once more after it.
    let stripped = strip_escape_sequences(raw);
    let visible: Zeroizing<String> =
        Zeroizing::new(stripped.chars().filter(|&c| !is_invisible(c)).collect());
    let folded: Zeroizing<String> =
        Zeroizing::new(visible.nfkc().filter(|&c| !is_invisible(c)).collect());
    folded
        .trim_matches(|c: char| c.is_whitespace() || QUOTES.contains(&c))
        .to_owned()
}

// ---------------------------------------------------------------------------------------------
// Pasting
// ---------------------------------------------------------------------------------------------

/// The most a paste (or a clipboard read) may hold. The three values together are well under
/// 200 bytes; anything this large is a wrong copy, and is refused rather than cut.
pub const MAX_PASTE_BYTES: usize = 4096;

/// Why a paste was not used. Nothing is changed in either case.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PasteError {
    /// More than [`MAX_PASTE_BYTES`]; `size` is the pasted size in bytes.
    TooLarge { size: usize },
    /// Several lines, none of them labelled: which value goes where cannot be known.
    UnlabelledLines,
}

impl PasteError {
    pub fn text_key(self) -> &'static str {
        match self {
            PasteError::TooLarge { .. } => "paste.too_long",
            PasteError::UnlabelledLines => "paste.unlabelled_lines",
        }
    }
}

/// Refuses a paste larger than [`MAX_PASTE_BYTES`]; never truncates.
pub fn check_paste_size(text: &str) -> Result<(), PasteError> {
    if text.len() > MAX_PASTE_BYTES {
        Err(PasteError::TooLarge { size: text.len() })
    } else {
        Ok(())
    }
}

/// What a paste turned out to be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Paste {
    /// Labelled values for one or more fields (see [`parse_block`]).
    Block(ParsedBlock),
    /// One bare value, cleaned, for the focused field. Held as a [`Secret`] because it may be
    /// the Client secret; an ID field reads it with `expose()`.
    Single(Secret),
    /// Nothing but white space, invisible characters or button texts.
    Empty,
}

/// The whole paste decision for a bracketed paste or a clipboard read: refuse oversize
/// input, then a labelled block, then one bare value (a "Copy" or "Regenerate" line copied
/// along with it is ignored). Several unlabelled lines are refused instead of being glued
/// into one value.
pub fn read_paste(text: &str) -> Result<Paste, PasteError> {
    check_paste_size(text)?;
    let block = parse_block(text);
    if !block.is_empty() {
        return Ok(Paste::Block(block));
    }
    let mut values = text
        .split(is_line_break)
        .map(prepare_line)
        .filter(|line| !line.trim().is_empty() && !is_noise(line));
    let Some(first) = values.next() else {
        return Ok(Paste::Empty);
    };
    if values.next().is_some() {
        return Err(PasteError::UnlabelledLines);
    }
    let value = extract_value(&first);
    Ok(if value.is_empty() {
        Paste::Empty
    } else {
        Paste::Single(Secret::new(value))
    })
}

/// The values a block paste found; `None` for a field the paste did not mention.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ParsedBlock {
    pub account_id: Option<String>,
    pub client_id: Option<String>,
    pub client_secret: Option<Secret>,
}

impl ParsedBlock {
    /// The fields this block found, in display order.
    pub fn found(&self) -> Vec<Field> {
        Field::ALL.into_iter().filter(|&f| self.has(f)).collect()
    }

    pub fn has(&self, field: Field) -> bool {
        match field {
            Field::AccountId => self.account_id.is_some(),
            Field::ClientId => self.client_id.is_some(),
            Field::ClientSecret => self.client_secret.is_some(),
        }
    }

    /// True when no field was found: the paste is not a block.
    pub fn is_empty(&self) -> bool {
        self.found().is_empty()
    }

    fn set(&mut self, field: Field, value: String) {
        match field {
            Field::AccountId => self.account_id = Some(value),
            Field::ClientId => self.client_id = Some(value),
            Field::ClientSecret => self.client_secret = Some(Secret::new(value)),
        }
    }
}

fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0b}' | '\u{0c}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// One line made comparable: tabs become spaces (a spreadsheet copy separates label and value
/// with a tab), escape sequences and invisible characters go, full-width forms fold (`：`
/// becomes `:`, `ＩＤ` becomes `ID`).
fn prepare_line(line: &str) -> Zeroizing<String> {
    let spaced: Zeroizing<String> = Zeroizing::new(line.replace('\t', " "));
    let stripped = strip_escape_sequences(&spaced);
    let visible: Zeroizing<String> =
        Zeroizing::new(stripped.chars().filter(|&c| !is_invisible(c)).collect());
    Zeroizing::new(visible.nfkc().filter(|&c| !is_invisible(c)).collect())
}

/// Reduces a candidate label to a comparable key: lower case, without spaces, `_`, `-`,
/// quotes, brackets and Markdown emphasis.
fn label_key(text: &str) -> String {
    text.chars()
        .filter(|&c| {
            !c.is_whitespace()
                && !matches!(c, '_' | '-' | '*' | '[' | ']' | '【' | '】')
                && !QUOTES.contains(&c)
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// The field a label names, in any of the shapes people copy: Zoom's page (English or
/// Japanese), a note (`Client secret`), a `.env` file (`ZOOM_CLIENT_SECRET`), JSON keys.
fn label_field(text: &str) -> Option<Field> {
    match label_key(text).as_str() {
        "accountid" | "zoomaccountid" | "アカウントid" | "zoomアカウントid" => {
            Some(Field::AccountId)
        }
        "clientid" | "zoomclientid" | "クライアントid" | "zoomクライアントid" => {
            Some(Field::ClientId)
        }
        "clientsecret"
        | "zoomclientsecret"
        | "クライアントシークレット"
        | "zoomクライアントシークレット" => Some(Field::ClientSecret),
        _ => None,
    }
}

/// Button and link texts that a mouse selection of Zoom's App Credentials page picks up.
fn is_noise(text: &str) -> bool {
    // Only case, spaces and a final `!`/`.` are ignored: `_` and `-` belong to values.
    let key: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    let key = key
        .trim_start_matches('[')
        .trim_end_matches([']', '!', '.', '。']);
    matches!(
        key,
        "copy"
            | "copied"
            | "copytoclipboard"
            | "regenerate"
            | "show"
            | "hide"
            | "view"
            | "コピー"
            | "コピーする"
            | "コピーしました"
            | "コピー済み"
            | "再生成"
            | "表示"
            | "非表示"
    )
}

/// Turns what follows a label (or a whole value line) into a cleaned value: a quoted value is
/// taken from inside its quotes; otherwise an ` # comment`, a trailing `,` or `;` (JSON, shell)
/// and trailing button texts (`abc… Copy`) are dropped. Inner words are kept so that the
/// checks can point at them.
fn extract_value(rest: &str) -> String {
    let rest = rest.trim();
    let closing = match rest.chars().next() {
        Some(q @ ('"' | '\'' | '`')) => Some(q),
        Some('「') => Some('」'),
        Some('『') => Some('』'),
        Some('“') => Some('”'),
        Some('‘') => Some('’'),
        _ => None,
    };
    if let Some(close) = closing {
        let inner = &rest[rest.chars().next().map_or(0, char::len_utf8)..];
        if let Some(end) = inner.find(close) {
            return clean(&inner[..end]);
        }
    }
    let mut value = rest;
    if let Some(pos) = value.find(" #") {
        value = &value[..pos];
    }
    let value = value.trim_end().trim_end_matches([',', ';']);
    let mut words: Vec<&str> = value.split_whitespace().collect();
    while words.len() > 1 && words.last().is_some_and(|w| is_noise(w)) {
        words.pop();
    }
    match words.as_slice() {
        [one] => clean(one),
        _ => clean(value),
    }
}

/// What one line of a paste is.
enum Line {
    Blank,
    /// A `# comment`, a button text: skipped when looking for a value on the next line.
    Skip,
    /// A label with its value on the same line.
    Labelled(Field, String),
    /// A label alone (or with an empty value): the value is on a following line.
    Label(Field),
    /// Anything else: a candidate value for a preceding label, otherwise ignored.
    Other,
}

fn classify(line: &str) -> Line {
    let text = line.trim();
    if text.is_empty() {
        return Line::Blank;
    }
    if text.starts_with('#') || text.starts_with("//") || is_noise(text) {
        return Line::Skip;
    }
    // Shell and list decorations in front of a label: `export `, `set ` (cmd), `$env:`
    // (PowerShell), bullets.
    let mut text = text.trim_start_matches(['-', '+', '*', '•', '・', '>', ' ']);
    for prefix in ["export ", "set ", "$env:"] {
        if text
            .get(..prefix.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
        {
            text = text[prefix.len()..].trim_start();
        }
    }
    if let Some(pos) = text.find([':', '=']) {
        return match label_field(&text[..pos]) {
            Some(field) => {
                let value = extract_value(&text[pos + 1..]);
                if value.is_empty() {
                    Line::Label(field)
                } else {
                    Line::Labelled(field, value)
                }
            }
            None => Line::Other,
        };
    }
    // No separator: the label may stand alone, or be followed by the value after spaces
    // (`Account ID  abc…`, a tab from a spreadsheet). Labels are at most four words.
    let words: Vec<&str> = text.split_whitespace().collect();
    for take in 1..=words.len().min(4) {
        if let Some(field) = label_field(&words[..take].concat()) {
            let mut rest = &words[take..];
            while let [head @ .., last] = rest {
                if !is_noise(last) {
                    break;
                }
                rest = head;
            }
            return match rest {
                [] => Line::Label(field),
                [value] => match clean(value) {
                    v if v.is_empty() => Line::Label(field),
                    v => Line::Labelled(field, v),
                },
                _ => Line::Other,
            };
        }
    }
    Line::Other
}

/// Reads several values at once from the shapes people copy, in any order:
///
/// - `Account ID: …`, `client id=…`, `ClientSecret：…` (any case, with or without the space,
///   `:`, `：` or `=`; a bullet or Markdown emphasis in front is fine);
/// - a label on its own line with the value on a following line, as copied from Zoom's App
///   Credentials page, with blank lines and `Copy` / `Regenerate` texts in between;
/// - the Japanese labels `アカウントID`, `クライアントID`, `クライアントシークレット`
///   (with or without the space);
/// - `.env` lines `ZOOM_ACCOUNT_ID=…`, `ZOOM_CLIENT_ID=…`, `ZOOM_CLIENT_SECRET=…`, quoted or
///   not, with an optional `export ` (also `set ` and `$env:`); `#` lines are comments.
///
/// Every value goes through [`clean`]. When a field is given twice the last one wins, as in a
/// shell. A bare value without any label is not a block: nothing is found, and the caller
/// puts it into the focused field (see [`read_paste`]). Linear in the input; never panics.
pub fn parse_block(text: &str) -> ParsedBlock {
    let prepared: Vec<Zeroizing<String>> = text.split(is_line_break).map(prepare_line).collect();
    let lines: Vec<Line> = prepared.iter().map(|l| classify(l)).collect();
    let mut block = ParsedBlock::default();
    let mut i = 0;
    while i < lines.len() {
        match &lines[i] {
            Line::Labelled(field, value) => block.set(*field, value.clone()),
            Line::Label(field) => {
                // The value is the next line that is neither blank nor a button text, provided
                // it is a single word: a heading or another label means the value is missing.
                let mut j = i + 1;
                while j < lines.len() && matches!(lines[j], Line::Blank | Line::Skip) {
                    j += 1;
                }
                if j < lines.len() && matches!(lines[j], Line::Other) {
                    let value = extract_value(&prepared[j]);
                    if !value.is_empty() && !value.contains(char::is_whitespace) {
                        block.set(*field, value);
                        i = j;
                    }
                }
            }
            Line::Blank | Line::Skip | Line::Other => {}
        }
        i += 1;
    }
    block
}

// ---------------------------------------------------------------------------------------------
// Checks
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Showing values without showing them
// ---------------------------------------------------------------------------------------------

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
