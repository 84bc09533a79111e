//! Finding a user among thousands by typing part of a name or e-mail: the one rule the TUI's
//! filter on Done and plain mode's answer share.

use unicode_normalization::UnicodeNormalization;

use crate::zoom::report::User;

/// Text as it is compared: NFKC-normalised (full-width `ＹＡＭＡ` and half-width `ﾔﾏﾀﾞ`
/// become `YAMA` and `ヤマダ`), ASCII letters in lower case.
pub fn fold(text: &str) -> String {
    text.nfkc().map(|c| c.to_ascii_lowercase()).collect()
}

/// Whether `user` matches a folded query: every word of it appears in the name or the
/// e-mail. An empty query matches everyone.
pub fn matches_folded(user: &User, words: &[String]) -> bool {
    if words.is_empty() {
        return true;
    }
    let name = fold(&user.display_name);
    let email = fold(&user.email);
    words
        .iter()
        .all(|w| name.contains(w.as_str()) || email.contains(w.as_str()))
}

/// The indices of the users that match `query`, in list order.
pub fn matching(users: &[User], query: &str) -> Vec<usize> {
    let folded = fold(query);
    let words: Vec<String> = folded.split_whitespace().map(str::to_owned).collect();
    users
        .iter()
        .enumerate()
        .filter(|(_, u)| matches_folded(u, &words))
        .map(|(i, _)| i)
        .collect()
}
