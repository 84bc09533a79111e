//! Taking a `Progress` from the model and putting one back: what resuming remembers of the
//! answers, and how little of a saved file is trusted.

use std::collections::BTreeSet;

use crate::credentials::{Field, clean};
use crate::guide::{GUIDE, ItemKind};

use super::model::{Model, RoleChoice, Screen, Situation, index_of};
use super::progress::{PROGRESS_VERSION, Progress, screen_from_name, screen_name};

impl Progress {
    /// What to save of `model`. The IDs go in only when `remember_ids` is true.
    pub fn from_model(model: &Model, remember_ids: bool) -> Progress {
        let credentials = model.credentials();
        // An ID that may be the secret pasted at the wrong place is never kept.
        let id = |field| {
            Some(clean(model.field(field).value())).filter(|v| {
                remember_ids
                    && !v.is_empty()
                    && !crate::credentials::may_hold_the_secret(&credentials, field)
            })
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
    /// (Check, STEP 2, Done) resumes at Values, since the secret was never kept.
    pub fn apply(&self, model: &mut Model) {
        model.lang = self.lang;
        for screen in Screen::ALL {
            let saved = self.cursors.get(screen_name(screen)).copied().unwrap_or(0);
            let count = focus_count(screen);
            model.cursors[screen.index()] = if count == 0 { 0 } else { saved.min(count - 1) };
        }
        // Start's and Role's "cursors" are their answers; the model keeps them typed.
        model.situation = Situation::ALL[model.cursors[Screen::Start.index()]];
        model.role = RoleChoice::ALL[model.cursors[Screen::Role.index()]];
        model.cursors[Screen::Start.index()] = 0;
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
        // Past the Values screen everything needs the secret (the check, STEP 2's copy keys,
        // Done's user list), which was never kept: resume where it is pasted.
        let screen = match screen_from_name(&self.screen) {
            Some(Screen::Check | Screen::Step2 | Screen::Done) => Screen::Values,
            Some(screen) => screen,
            None => Screen::Start,
        };
        // Migration and CustomRole only exist when their answer says so; with the cursors
        // clamped they may not, so fall back to the screen before them.
        let flow = model.flow();
        model.screen = Screen::ALL[..=screen.index()]
            .iter()
            .rev()
            .find(|s| flow.contains(s))
            .copied()
            .unwrap_or(Screen::Start);
    }
}

/// The file keeps the Start and Role answers as the cursors of those screens (format 1).
fn saved_cursor(model: &Model, screen: Screen) -> usize {
    match screen {
        Screen::Start => index_of(&Situation::ALL, &model.situation),
        Screen::Role => index_of(&RoleChoice::ALL, &model.role),
        _ => model.cursor_of(screen),
    }
}

/// How many positions the focus has on a screen when resuming. Done's list of users comes from
/// a check, which a resume does not have, so its cursor starts at 0.
fn focus_count(screen: Screen) -> usize {
    match screen {
        Screen::Start => Situation::ALL.len(),
        Screen::Role => RoleChoice::ALL.len(),
        Screen::Values => Field::ALL.len(),
        Screen::CustomRole | Screen::Step1 | Screen::Step2 => Model::focusable_items(screen).len(),
        Screen::Migration | Screen::Check | Screen::Done => 0,
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
