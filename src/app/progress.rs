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

/// The stable name of a screen in the file (`step1`; `welcome` for Start, as `Screen` says).
pub fn screen_name(screen: Screen) -> &'static str {
    screen.into()
}

/// The screen of a stable name; `None` for a name this build does not know.
pub fn screen_from_name(name: &str) -> Option<Screen> {
    name.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Files saved by every earlier build name their screens so: these names never change.
    #[test]
    fn every_screen_keeps_the_name_saved_files_know_it_by() {
        let names: Vec<&str> = Screen::ALL.into_iter().map(screen_name).collect();
        assert_eq!(
            names,
            [
                "welcome",
                "migration",
                "role",
                "custom_role",
                "step1",
                "credentials",
                "verify",
                "step2",
                "done"
            ]
        );
        for screen in Screen::ALL {
            assert_eq!(screen_from_name(screen_name(screen)), Some(screen));
        }
    }

    #[test]
    fn a_name_this_build_does_not_know_is_no_screen() {
        for name in ["", "Step1", "step9", "welcome "] {
            assert_eq!(screen_from_name(name), None, "{name:?}");
        }
    }
}
