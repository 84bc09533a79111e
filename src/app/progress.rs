//! What resuming remembers: a snapshot of the model's answers, taken from and put back into
//! the `Model`, never holding the Client secret. `store.rs` reads and writes it.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::credentials::{Field, clean};
use crate::guide::{GUIDE, ItemKind};
use crate::i18n::Lang;

use super::model::{Model, RoleChoice, Screen, Situation, index_of};

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
    /// Focus per screen, by stable screen name. Welcome's and Role's cursors are the starting
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

/// The stable name of a screen in the file.
pub fn screen_name(screen: Screen) -> &'static str {
    match screen {
        Screen::Welcome => "welcome",
        Screen::Migration => "migration",
        Screen::Role => "role",
        Screen::CustomRole => "custom_role",
        Screen::Step1 => "step1",
        Screen::Credentials => "credentials",
        Screen::Verify => "verify",
        Screen::Step2 => "step2",
        Screen::Done => "done",
    }
}

/// The screen of a stable name; `None` for a name this build does not know.
pub fn screen_from_name(name: &str) -> Option<Screen> {
    Screen::ALL.into_iter().find(|s| screen_name(*s) == name)
}

impl Progress {
    /// What to save of `model`. The IDs go in only when `remember_ids` is true.
    pub fn from_model(model: &Model, remember_ids: bool) -> Progress {
        let id = |field| {
            Some(clean(model.field(field).value())).filter(|v| remember_ids && !v.is_empty())
        };
        Progress {
            version: PROGRESS_VERSION,
            screen: screen_name(model.screen).to_owned(),
            cursors: Screen::ALL
                .into_iter()
                .map(|s| (screen_name(s).to_owned(), saved_cursor(model, s)))
                .collect(),
            ticks: model.ticks.iter().cloned().collect(),
            app_name: model.app_name.value().to_owned(),
            lang: model.lang,
            remember_ids,
            account_id: id(Field::AccountId),
            client_id: id(Field::ClientId),
        }
    }

    /// Puts the saved progress into `model`. The file may be old or hand-edited, so nothing is
    /// trusted: cursors are clamped, unknown ticks and screens are dropped, text is cleaned of
    /// control characters (they would reach the terminal), and a screen that needs the secret
    /// (Verify, Done) resumes at Credentials, since the secret was never kept.
    pub fn apply(&self, model: &mut Model) {
        model.lang = self.lang;
        for screen in Screen::ALL {
            let saved = self.cursors.get(screen_name(screen)).copied().unwrap_or(0);
            let count = focus_count(screen);
            model.cursors[screen.index()] = if count == 0 { 0 } else { saved.min(count - 1) };
        }
        // Start's and Role's "cursors" are their answers; the model keeps them typed.
        model.situation = Situation::ALL[model.cursors[Screen::Welcome.index()]];
        model.role = RoleChoice::ALL[model.cursors[Screen::Role.index()]];
        model.cursors[Screen::Welcome.index()] = 0;
        model.cursors[Screen::Role.index()] = 0;
        let known = tickable_ids();
        model.ticks = self
            .ticks
            .iter()
            .filter(|id| known.contains(id.as_str()))
            .cloned()
            .collect();
        // App Name is ASCII only in Zoom; the Step1 editor enforces it, so does the resume.
        let app_name: String = clean(&self.app_name)
            .chars()
            .filter(char::is_ascii)
            .collect();
        model.app_name.set(&app_name);
        if self.remember_ids {
            for (field, value) in [
                (Field::AccountId, &self.account_id),
                (Field::ClientId, &self.client_id),
            ] {
                if let Some(value) = value {
                    model.field_mut(field).set(&clean(value));
                }
            }
        }
        let screen = match screen_from_name(&self.screen) {
            Some(Screen::Verify | Screen::Done) => Screen::Credentials,
            Some(screen) => screen,
            None => Screen::Welcome,
        };
        // Migration and CustomRole only exist when their answer says so; with the cursors
        // clamped they may not, so fall back to the screen before them.
        let flow = model.flow();
        model.screen = Screen::ALL[..=screen.index()]
            .iter()
            .rev()
            .find(|s| flow.contains(s))
            .copied()
            .unwrap_or(Screen::Welcome);
    }
}

/// The file keeps the Start and Role answers as the cursors of those screens (format 1).
fn saved_cursor(model: &Model, screen: Screen) -> usize {
    match screen {
        Screen::Welcome => index_of(&Situation::ALL, &model.situation),
        Screen::Role => index_of(&RoleChoice::ALL, &model.role),
        _ => model.cursor_of(screen),
    }
}

/// How many positions the focus has on a screen when resuming. Done's list of users comes from
/// a check, which a resume does not have, so its cursor starts at 0.
fn focus_count(screen: Screen) -> usize {
    match screen {
        Screen::Welcome => Situation::ALL.len(),
        Screen::Role => RoleChoice::ALL.len(),
        Screen::Credentials => Field::ALL.len(),
        Screen::CustomRole | Screen::Step1 | Screen::Step2 => Model::focusable_items(screen).len(),
        Screen::Migration | Screen::Verify | Screen::Done => 0,
    }
}

fn tickable_ids() -> BTreeSet<&'static str> {
    [&GUIDE.custom_role, &GUIDE.step1, &GUIDE.step2]
        .into_iter()
        .flatten()
        .filter(|i| i.kind == ItemKind::Check)
        .map(|i| i.id.as_str())
        .collect()
}
