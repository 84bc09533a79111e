//! What resuming remembers, as data: never the Client secret. `snapshot.rs` takes it from the
//! model and puts it back; `store.rs` reads and writes it.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::i18n::Lang;

use super::screen::Screen;

/// The format version this build writes and reads. Bump it when a field changes meaning.
pub const PROGRESS_VERSION: u32 = 1;

/// What is remembered between runs.
///
/// There is deliberately no field that could hold the Client secret: it cannot be written by
/// mistake, whatever a caller does. The Account ID and Client ID are kept only with consent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    pub version: u32,
    /// The screen by its stable name (`step1`), so reordering `Screen` never breaks a file.
    pub screen: String,
    /// Focus per screen, by stable screen name. Start's and Role's cursors are the starting
    /// situation and the role, as positions in `Situation::ALL` and `RoleChoice::ALL`.
    #[serde(default)]
    pub cursors: BTreeMap<String, usize>,
    /// Ticked checklist item ids, sorted so the file does not churn between saves.
    #[serde(default)]
    pub ticks: BTreeSet<String>,
    #[serde(default)]
    pub app_name: String,
    pub lang: Lang,
    /// The user agreed to keep the two IDs on this computer.
    #[serde(default)]
    pub remember_ids: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
}

/// The stable name of a screen in the file. Some predate the screens' names (`welcome` is
/// Start, `credentials` Values, `verify` Check) and stay, so files saved before still resume.
pub fn screen_name(screen: Screen) -> &'static str {
    match screen {
        Screen::Start => "welcome",
        Screen::Migration => "migration",
        Screen::Role => "role",
        Screen::CustomRole => "custom_role",
        Screen::Step1 => "step1",
        Screen::Values => "credentials",
        Screen::Check => "verify",
        Screen::Step2 => "step2",
        Screen::Done => "done",
    }
}

/// The screen of a stable name; `None` for a name this build does not know.
pub fn screen_from_name(name: &str) -> Option<Screen> {
    Screen::ALL.into_iter().find(|s| screen_name(*s) == name)
}
