//! The three values of a Server-to-Server OAuth app as types: which field, the secret that
//! never shows itself, and how bad a finding about them is. A leaf: it imports nothing else of
//! the wizard, so every other module can use it.

use std::fmt;

use serde::{Deserialize, Serialize};
use strum::IntoStaticStr;
use zeroize::Zeroizing;

/// Which of the three values a field, a diagnosis or a copy key is about. Its name
/// (`account_id`) is the same for serde and for strum's `IntoStaticStr`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, IntoStaticStr)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
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
    /// The values of the emulator's healthy demo account (`--demo`).
    pub fn demo() -> Credentials {
        let demo = zoom_emulator::demo_credentials();
        Credentials {
            account_id: demo.account_id.to_owned(),
            client_id: demo.client_id.to_owned(),
            client_secret: Secret::new(demo.client_secret),
        }
    }

    /// The value of one field, the secret included: for checks and for copying out.
    pub fn value(&self, field: Field) -> &str {
        match field {
            Field::AccountId => &self.account_id,
            Field::ClientId => &self.client_id,
            Field::ClientSecret => self.client_secret.expose(),
        }
    }
}

/// How bad a finding is: an error stops "ready", a warning is said and passed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
}
