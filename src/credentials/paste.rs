//! What a paste becomes: a value cleaned of what copying drags along, one value for the
//! focused field, or a labelled block that fills several fields.

use unicode_normalization::UnicodeNormalization;
use zeroize::Zeroizing;

use super::values::{Credentials, Field, Secret};
use crate::text::{is_invisible, strip_escape_sequences};

/// Quotes people put around a value (or copy along with it). Zoom's values never contain
/// any of them, so dropping them at either end cannot damage a real value.
const QUOTES: &[char] = &[
    '"', '\'', '`', '「', '」', '『', '』', '“', '”', '‘', '’', '„', '«', '»',
];

/// Removes what a copy from a web page, a chat, a spreadsheet or a terminal drags along:
/// escape sequences and every other control character, zero-width and bidi characters,
/// surrounding white space and quotes (`""`, `''`, `「」`, `“”`, …); and folds full-width
/// letters and digits to ASCII (NFKC). Idempotent: `clean(clean(x)) == clean(x)`.
///
/// Inner spaces are kept on purpose: a value with a space in it is wrong, and the checks
/// should say so rather than silently gluing two words together.
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

impl Credentials {
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
