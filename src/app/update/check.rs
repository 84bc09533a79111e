//! The live check against Zoom, as the core follows it: started (on arrival at the Check
//! screen, or with r), its stages' progress and retries, its result; and the support report
//! made from it.

use crate::zoom::client::Retrying;
use crate::zoom::report::{Report, Stage, StageStatus, UsersRead};

use super::super::effect::{Effect, ReportTarget};
use super::super::model::{CheckPhase, Level, Model, Notice, Screen};
use super::super::user_filter::UserIndex;

/// r: check again, unless a rehearsal is under way (its result belongs to this check).
pub(super) fn recheck(model: &mut Model) -> Vec<Effect> {
    if model.check.rehearsal.is_some() {
        model.notice = Some(Notice::new(Level::Info, "notice.rehearsal_running"));
        return vec![];
    }
    start_check(model)
}

/// A new check of the values now in the fields; one still under way is superseded.
pub(super) fn start_check(model: &mut Model) -> Vec<Effect> {
    let credentials = model.credentials();
    let check = &mut model.check;
    // A check still under way is about to be superseded: stop it rather than let it run on.
    let cancel = check.is_running().then_some(Effect::CancelCheck);
    check.generation += 1;
    check.retrying = None;
    check.phase = CheckPhase::Running {
        stages: Stage::ALL
            .iter()
            .map(|s| (*s, StageStatus::Pending))
            .collect(),
        users: None,
    };
    check.checked = Some(credentials.clone());
    cancel
        .into_iter()
        .chain([Effect::Check {
            generation: check.generation,
            credentials,
        }])
        .collect()
}

/// A stage started or ended, or a page of users came in (a late answer of a superseded check
/// is dropped).
pub(super) fn progress(
    model: &mut Model,
    generation: u64,
    (stage, status): (Stage, StageStatus),
    users: Option<UsersRead>,
) -> Vec<Effect> {
    if generation == model.check.generation
        && let CheckPhase::Running {
            stages,
            users: read,
        } = &mut model.check.phase
    {
        if users.is_some() {
            *read = users;
        }
        // A stage that ended is no longer being tried again.
        if status != StageStatus::Running {
            model.check.retrying = None;
        }
        match stages.iter_mut().find(|(s, _)| *s == stage) {
            Some(entry) => entry.1 = status,
            None => stages.push((stage, status)),
        }
    }
    vec![]
}

/// A request of the check is being tried again ("2 of 3").
pub(super) fn retrying(model: &mut Model, generation: u64, retrying: Retrying) -> Vec<Effect> {
    if generation == model.check.generation && model.check.is_running() {
        model.check.retrying = Some(retrying);
    }
    vec![]
}

/// The check's result: Done's list starts on its proposal, the Check screen on the first
/// problem (else the verdict).
pub(super) fn done(model: &mut Model, generation: u64, report: Report) -> Vec<Effect> {
    if generation != model.check.generation {
        return vec![];
    }
    model.check.retrying = None;
    model.cursors[Screen::Done.index()] = report.default_user.unwrap_or(0);
    model.user_filter = Default::default();
    let problems = !report.diagnoses.is_empty();
    let index = UserIndex::new(&report.users);
    model.check.phase = CheckPhase::Done { report, index };
    model.cursors[Screen::Check.index()] = match problems {
        true => model.first_diagnosis_focus(),
        false => 0,
    };
    vec![]
}

/// The spinner's next frame, while Zoom work is under way.
pub(super) fn tick(model: &mut Model) -> Vec<Effect> {
    if model.check.busy() {
        model.spinner = model.spinner.wrapping_add(1);
    }
    vec![]
}

/// The report of the last check (or an empty one), with the user chosen on Done.
pub(super) fn support_report(model: &mut Model, target: ReportTarget) -> Vec<Effect> {
    let mut report = model.check.report().cloned().unwrap_or_default();
    if !report.users.is_empty() {
        report.choose_default_user(model.cursor_of(Screen::Done).min(report.users.len() - 1));
    }
    vec![Effect::SupportReport {
        target,
        lang: model.lang,
        credentials: model.credentials(),
        report,
    }]
}
