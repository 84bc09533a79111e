//! Finding a user among thousands by typing part of a name or e-mail: the one rule the TUI's
//! filters (Done, the rehearsal's host) and plain mode's answer share.

use unicode_normalization::UnicodeNormalization;

use crate::zoom::report::User;

use super::text_input::TextInput;

/// Text as it is compared: NFKC-normalised (full-width `ＹＡＭＡ` and half-width `ﾔﾏﾀﾞ`
/// become `YAMA` and `ヤマダ`), ASCII letters in lower case.
pub fn fold(text: &str) -> String {
    text.nfkc().map(|c| c.to_ascii_lowercase()).collect()
}

/// The users' names and e-mails folded once, when the check's list arrives: each key typed
/// then only compares (folding 10,000 names on every key cost about 14 ms a key).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UserIndex {
    /// Per user, in list order: the folded name and the folded e-mail.
    folded: Vec<(String, String)>,
}

impl UserIndex {
    pub fn new(users: &[User]) -> Self {
        UserIndex {
            folded: users
                .iter()
                .map(|u| (fold(&u.display_name), fold(&u.email)))
                .collect(),
        }
    }

    /// The indices of the users that match `query`, in list order: every word of it appears
    /// in the name or the e-mail. An empty query matches everyone.
    pub fn matching(&self, query: &str) -> Vec<usize> {
        let folded = fold(query);
        let words: Vec<&str> = folded.split_whitespace().collect();
        self.folded
            .iter()
            .enumerate()
            .filter(|(_, (name, email))| {
                words.iter().all(|w| name.contains(w) || email.contains(w))
            })
            .map(|(i, _)| i)
            .collect()
    }
}

/// Longer than any name or e-mail: a paste of a whole file is cut.
const MAX_FILTER_CHARS: usize = 200;

/// A list of users being chosen from by typing and ↑/↓: the focused user (an index into the
/// check's users) and the filter, borrowed from wherever the list lives.
pub struct UserPicker<'a> {
    index: &'a UserIndex,
    pub cursor: &'a mut usize,
    pub filter: &'a mut TextInput,
}

impl<'a> UserPicker<'a> {
    pub fn new(index: &'a UserIndex, cursor: &'a mut usize, filter: &'a mut TextInput) -> Self {
        UserPicker {
            index,
            cursor,
            filter,
        }
    }

    /// The users the filter lets through, in list order.
    pub fn matches(&self) -> Vec<usize> {
        self.index.matching(self.filter.value())
    }

    /// Whether the focused user is one the filter lets through (so it is on screen).
    pub fn focus_shown(&self) -> bool {
        self.matches().contains(self.cursor)
    }

    /// Whether ↑ (`direction` < 0) or ↓ would move the focus.
    pub fn can_step(&self, direction: isize) -> bool {
        let matches = self.matches();
        match matches.iter().position(|i| i == self.cursor) {
            Some(at) if direction < 0 => at > 0,
            Some(at) => at + 1 < matches.len(),
            None => !matches.is_empty(),
        }
    }

    /// ↑/↓ and PgUp/PgDn: from match to match.
    pub fn step(&mut self, delta: isize) {
        let matches = self.matches();
        let Some(last) = matches.len().checked_sub(1) else {
            return;
        };
        let next = match matches.iter().position(|i| i == self.cursor) {
            Some(at) => at.saturating_add_signed(delta).min(last),
            None => 0,
        };
        *self.cursor = matches[next];
    }

    /// Focus user `n` of the whole list, if there is one; a filter that hides it is cleared.
    pub fn choose(&mut self, n: usize) {
        if n < self.index.folded.len() {
            *self.cursor = n;
            if !self.focus_shown() {
                self.filter.set("");
            }
        }
    }

    /// Replaces the filter with `text` made one line (a pasted line break becomes a space).
    pub fn set_filter(&mut self, text: &str) {
        self.filter.set(&one_line(text));
        self.refocus();
    }

    /// Adds pasted `text` where the filter ends.
    pub fn paste(&mut self, text: &str) {
        let joined = format!("{}{}", self.filter.value(), text);
        self.set_filter(&joined);
    }

    /// After the filter changed: the focused user stays if it still matches, else the first
    /// match takes the focus (Enter then picks it). With no match the focus stays where it
    /// was.
    pub fn refocus(&mut self) {
        let matches = self.matches();
        if !matches.contains(self.cursor)
            && let Some(first) = matches.first()
        {
            *self.cursor = *first;
        }
    }
}

/// Text for a one-line filter: control characters become spaces, invisible ones go, and the
/// rest is normalised as typed text is (NFKC), so what is shown is what is compared.
fn one_line(text: &str) -> String {
    let line: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(MAX_FILTER_CHARS)
        .collect();
    super::text_input::normalize_typed(&line)
}
