//! An editable single-line value: the state behind a text field, with no drawing in it.

use std::fmt;

use unicode_width::UnicodeWidthChar;
use zeroize::Zeroizing;

/// A line of text and a cursor (a char index). The buffer is wiped on drop because the same
/// type holds the Client secret.
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

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    pub fn char_count(&self) -> usize {
        self.value.chars().count()
    }

    /// Replaces the whole value (a paste replaces, so a half-typed value never gets glued to it).
    pub fn set(&mut self, value: &str) {
        self.value.clear();
        self.value.push_str(value);
        self.cursor = self.char_count();
    }

    pub fn insert(&mut self, c: char) {
        let at = self.byte_index(self.cursor);
        self.value.insert(at, c);
        self.cursor += 1;
    }

    pub fn backspace(&mut self) {
        if self.cursor > 0 {
            self.cursor -= 1;
            let at = self.byte_index(self.cursor);
            self.value.remove(at);
        }
    }

    pub fn delete(&mut self) {
        if self.cursor < self.char_count() {
            let at = self.byte_index(self.cursor);
            self.value.remove(at);
        }
    }

    pub fn left(&mut self) {
        self.cursor = self.cursor.saturating_sub(1);
    }

    pub fn right(&mut self) {
        self.cursor = (self.cursor + 1).min(self.char_count());
    }

    pub fn home(&mut self) {
        self.cursor = 0;
    }

    pub fn end(&mut self) {
        self.cursor = self.char_count();
    }

    /// Display columns before the cursor, for placing the terminal cursor.
    pub fn cursor_column(&self) -> usize {
        self.value
            .chars()
            .take(self.cursor)
            .map(|c| c.width().unwrap_or(0))
            .sum()
    }

    fn byte_index(&self, char_index: usize) -> usize {
        self.value
            .char_indices()
            .nth(char_index)
            .map_or(self.value.len(), |(i, _)| i)
    }
}
