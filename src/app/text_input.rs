//! An editable single-line value: the state behind a text field, with no drawing in it. The
//! cursor moves and deletes by grapheme cluster (what a terminal draws as one character), and
//! typed text is normalised (NFKC) as a paste is, so what is shown is what is checked and used.

use std::fmt;

use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;
use zeroize::Zeroizing;

/// A line of text and a cursor (a byte offset, always between two grapheme clusters). The
/// buffer is wiped on drop because the same type holds the Client secret.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct TextInput {
    value: Zeroizing<String>,
    cursor: usize,
    secret: bool,
}

impl fmt::Debug for TextInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.secret {
            write!(f, "TextInput(<redacted>, {} chars)", self.char_count())
        } else {
            write!(f, "TextInput({:?})", self.value.as_str())
        }
    }
}

/// Typed text as a paste would become: NFKC (full-width `ＡＢＣ` is `ABC`, a half-width `ｶ`
/// followed by `ﾞ` is `ガ`) without invisible or control characters.
pub fn normalize_typed(text: &str) -> String {
    text.nfkc()
        .filter(|c| !crate::text::is_invisible(*c))
        .collect()
}

impl TextInput {
    pub fn secret() -> Self {
        TextInput {
            secret: true,
            ..Self::default()
        }
    }

    pub fn value(&self) -> &str {
        &self.value
    }

    pub fn is_empty(&self) -> bool {
        self.value.is_empty()
    }

    /// What lies before the cursor.
    pub fn before_cursor(&self) -> &str {
        &self.value[..self.cursor]
    }

    pub fn char_count(&self) -> usize {
        self.value.chars().count()
    }

    /// Replaces the whole value (a paste replaces, so a half-typed value never gets glued to it).
    pub fn set(&mut self, value: &str) {
        self.value.clear();
        self.value.push_str(value);
        self.cursor = self.value.len();
    }

    /// Inserts typed `text` at the cursor, normalised together with what precedes it (so a
    /// voiced mark typed after its kana composes with it), the cursor after it.
    pub fn type_text(&mut self, text: &str) {
        let mut head = Zeroizing::new(String::with_capacity(self.cursor + text.len()));
        head.push_str(self.before_cursor());
        head.push_str(text);
        let head = Zeroizing::new(normalize_typed(&head));
        let mut value = Zeroizing::new(String::with_capacity(head.len() + self.value.len()));
        value.push_str(&head);
        value.push_str(&self.value[self.cursor..]);
        self.value = value;
        self.cursor = head.len();
    }

    /// Deletes the whole character (grapheme cluster) before the cursor.
    pub fn backspace(&mut self) {
        if let Some((at, _)) = self.before_cursor().grapheme_indices(true).next_back() {
            self.value.replace_range(at..self.cursor, "");
            self.cursor = at;
        }
    }

    /// Deletes the whole character after the cursor.
    pub fn delete(&mut self) {
        if let Some(next) = self.value[self.cursor..].graphemes(true).next() {
            let end = self.cursor + next.len();
            self.value.replace_range(self.cursor..end, "");
        }
    }

    pub fn left(&mut self) {
        if let Some((at, _)) = self.before_cursor().grapheme_indices(true).next_back() {
            self.cursor = at;
        }
    }

    pub fn right(&mut self) {
        if let Some(next) = self.value[self.cursor..].graphemes(true).next() {
            self.cursor += next.len();
        }
    }

    pub fn home(&mut self) {
        self.cursor = 0;
    }

    pub fn end(&mut self) {
        self.cursor = self.value.len();
    }

    /// Display columns before the cursor, for placing the terminal cursor.
    pub fn cursor_column(&self) -> usize {
        self.before_cursor().width()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_typing_becomes_ascii_and_a_voiced_mark_composes() {
        let mut input = TextInput::default();
        for c in "ｄＥｍ０".chars() {
            input.type_text(&c.to_string());
        }
        assert_eq!(input.value(), "dEm0");
        let mut input = TextInput::default();
        input.type_text("ｶ");
        input.type_text("ﾞ");
        assert_eq!(input.value(), "ガ");
        assert_eq!(input.cursor_column(), 2);
    }

    #[test]
    fn backspace_and_the_arrows_take_whole_clusters() {
        let mut input = TextInput::default();
        input.set("ae\u{301}👍🏽z");
        input.backspace();
        assert_eq!(input.value(), "ae\u{301}👍🏽");
        input.backspace();
        assert_eq!(input.value(), "ae\u{301}");
        input.left();
        input.type_text("x");
        assert_eq!(input.value(), "axe\u{301}");
        input.delete();
        assert_eq!(input.value(), "ax");
        input.home();
        input.right();
        assert_eq!(input.before_cursor(), "a");
    }
}
