//! What stays in the terminal once the wizard is over, like `gh auth login`'s "Logged in as":
//! whether Zoom accepted the values, the rehearsal's result, the default Zoom user and the next
//! thing to do in hacomono; or, when it was left early, where the progress waits. Written once,
//! from the model: the full screen prints it after the terminal is restored, plain mode ends
//! with it. It never holds a credential, and no control character from Zoom's data gets through.

use std::path::Path;

use crate::i18n::{Lang, tr, trf};
use crate::zoom::report::host_fitness;

use super::model::{Model, Overlay};
use super::view::Mark;

/// How the run ended, as the summary tells it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ending<'a> {
    /// Done was left with Enter: the setup is finished.
    Finished,
    /// Left before that (Ctrl+C, a signal, the terminal gone); `saved_to` is the file the
    /// progress waits in, if it was kept.
    Stopped { saved_to: Option<&'a Path> },
}

impl<'a> Ending<'a> {
    /// How `model`'s run ended; `store` is the file progress is written to, if there is one.
    pub fn of(model: &Model, store: Option<&'a Path>) -> Ending<'a> {
        if model.finished {
            return Ending::Finished;
        }
        // Kept: saved as the user went, or an earlier run's file still waiting to be resumed
        // (nothing is saved while the offer to continue it is open). A failed save turned
        // `persist` off.
        let resumable = matches!(model.overlay, Some(Overlay::Resume(_)));
        let kept = model.persist && (model.saved.is_some() || resumable);
        Ending::Stopped {
            saved_to: store.filter(|_| kept),
        }
    }
}

/// The summary's lines, in the model's language: a headline, then indented details.
pub fn lines(model: &Model, ending: &Ending) -> Vec<String> {
    let lang = model.lang;
    let passed = model.check_passed();
    let user = model.default_user().filter(|_| passed);
    let mut lines = vec![match (ending, user) {
        (Ending::Finished, Some(user)) => trf(
            lang,
            "summary.finished",
            &[
                ("name", &user.name()),
                ("email", &user.email),
                ("id", &user.id),
            ],
        ),
        (Ending::Finished, None) => tr(lang, "summary.finished_not_ready").to_owned(),
        (Ending::Stopped { .. }, _) => trf(
            lang,
            "summary.stopped",
            &[("screen", tr(lang, model.screen.title_key()))],
        ),
    }];
    // Whether Zoom accepted the values: always said at the end, after an early stop only once
    // a check has answered.
    if matches!(ending, Ending::Finished) || model.check.report().is_some() {
        let (mark, key) = if passed {
            (Mark::Ok, "summary.check_ok")
        } else {
            (Mark::Problem, "summary.check_not_ok")
        };
        lines.push(format!("  {} {}", mark.symbol(), tr(lang, key)));
    }
    if let Some(line) = rehearsal_line(model) {
        lines.push(line);
    }
    if let Some(user) = user {
        if let Some(warning) = host_fitness(user) {
            lines.push(format!("  ! {}", warning.title(lang)));
        }
        if matches!(ending, Ending::Stopped { .. }) {
            let chosen = trf(
                lang,
                "summary.default_user",
                &[("name", &user.name()), ("email", &user.email)],
            );
            lines.push(format!("  {chosen}"));
        }
    }
    lines.push(next_line(lang, ending, user.is_some()));
    lines.iter().map(|line| printable(line)).collect()
}

/// The rehearsal's result, if one ran: for whom, and whether hacomono's calls worked.
fn rehearsal_line(model: &Model) -> Option<String> {
    let rehearsal = model.check.report()?.rehearsal.as_deref()?;
    let name = rehearsal.host.name();
    let chosen = model.default_user().map(|u| u.id.as_str());
    let (mark, key) = match (
        rehearsal.passed(),
        chosen == Some(rehearsal.host.id.as_str()),
    ) {
        _ if rehearsal.interrupted => ("!", "summary.rehearsal_interrupted"),
        (true, true) => ("✓", "summary.rehearsal_passed"),
        (true, false) => ("✓", "summary.rehearsal_other_host"),
        (false, _) => ("✗", "summary.rehearsal_failed"),
    };
    Some(format!(
        "  {mark} {}",
        trf(model.lang, key, &[("name", &name)])
    ))
}

/// The one thing to do next: in hacomono once it is ready, else what brings the setup there.
fn next_line(lang: Lang, ending: &Ending, ready: bool) -> String {
    let text = match ending {
        Ending::Finished if ready => tr(lang, "summary.next_hacomono").to_owned(),
        Ending::Finished => tr(lang, "summary.next_check").to_owned(),
        Ending::Stopped {
            saved_to: Some(path),
        } => trf(
            lang,
            "summary.saved",
            &[("path", &path.display().to_string())],
        ),
        Ending::Stopped { saved_to: None } => tr(lang, "summary.not_saved").to_owned(),
    };
    format!("  {text}")
}

/// Without control characters: a display name from Zoom must not move the cursor or colour
/// the terminal it is printed on.
fn printable(line: &str) -> String {
    line.chars().filter(|c| !c.is_control()).collect()
}
