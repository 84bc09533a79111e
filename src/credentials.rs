//! The three values of a Server-to-Server OAuth app: clean-up, checks and secrecy.

use std::fmt;

use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

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

/// Removes what a copy from a web page or a terminal drags along: surrounding white space,
/// line breaks, tabs and other control characters.
pub fn clean(raw: &str) -> String {
    raw.chars().filter(|c| !c.is_control()).collect::<String>().trim().to_owned()
}
