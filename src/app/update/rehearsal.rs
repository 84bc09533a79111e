//! The rehearsal, as the core follows it: t asks first (the consent step, with the host), Enter
//! there starts it, then its steps' progress and its result.

use crate::zoom::report::{Rehearsal, RehearsalStep, StageStatus};

use super::super::effect::Effect;
use super::super::model::{Level, Model, Notice, Overlay, RehearsalRun, Screen};
use super::super::text_input::TextInput;
use super::navigation::focus_hidden;

/// The rehearsal's place among the Check screen's parts, after the verdict.
const REHEARSAL_FOCUS: usize = 1;

/// t on the Check screen: the consent step, starting on the proposed (or chosen) default user,
/// who hacomono uses; or why not yet.
pub(super) fn offer(model: &mut Model) -> Vec<Effect> {
    if model.screen != Screen::Check {
        return vec![];
    }
    if let Some(why) = model.rehearsal_refused() {
        model.notice = Some(Notice::new(Level::Info, why));
        return vec![];
    }
    if !model.users().is_empty() {
        let host = model.cursor_of(Screen::Done).min(model.users().len() - 1);
        model.overlay = Some(Overlay::Consent {
            host,
            filter: TextInput::default(),
        });
    }
    vec![]
}

/// Enter in the consent step: the rehearsal for the host chosen there. Never for a host the
/// filter hides or one scrolled out of view: the user must see for whom Zoom is written to.
pub(super) fn confirm(model: &mut Model) -> Vec<Effect> {
    if focus_hidden(model) {
        return vec![];
    }
    if model.user_picker().is_some_and(|p| !p.focus_shown()) {
        model.notice = Some(Notice::new(Level::Warning, "notice.no_host_shown"));
        return vec![];
    }
    let Some(Overlay::Consent { host, .. }) = model.overlay.take() else {
        return vec![];
    };
    let Some(host) = model.users().get(host).cloned() else {
        return vec![];
    };
    let generation = model.check.generation;
    model.cursors[Screen::Check.index()] = REHEARSAL_FOCUS;
    model.check.rehearsal = Some(RehearsalRun {
        generation,
        host: host.clone(),
        steps: RehearsalStep::ALL
            .iter()
            .map(|s| (*s, StageStatus::Pending))
            .collect(),
    });
    vec![Effect::Rehearse {
        generation,
        host,
        credentials: model.credentials(),
    }]
}

pub(super) fn progress(
    model: &mut Model,
    generation: u64,
    step: RehearsalStep,
    status: StageStatus,
) -> Vec<Effect> {
    if let Some(run) = model
        .check
        .rehearsal
        .as_mut()
        .filter(|r| r.generation == generation)
        && let Some(entry) = run.steps.iter_mut().find(|(s, _)| *s == step)
    {
        entry.1 = status;
    }
    vec![]
}

/// The rehearsal ended, whatever way: the check's report takes it in, in view.
pub(super) fn done(model: &mut Model, generation: u64, rehearsal: Rehearsal) -> Vec<Effect> {
    let ours = model
        .check
        .rehearsal
        .as_ref()
        .is_some_and(|r| r.generation == generation);
    if ours {
        model.check.rehearsal = None;
        if let Some(report) = model.check.report_mut() {
            report.add_rehearsal(rehearsal);
        }
        model.cursors[Screen::Check.index()] = REHEARSAL_FOCUS;
    }
    vec![]
}
