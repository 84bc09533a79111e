//! Resuming at start: offer the saved progress, or say why a saved file was set aside.

use crate::app::Model;
use crate::app::model::{Level, Notice, Overlay};
use crate::store::{LoadOutcome, SetAsideReason, Store};

/// Loads saved progress: offers to continue it, or says why an unusable file was set aside.
pub fn offer_resume(model: &mut Model, store: &Store, lang_explicit: bool) {
    model.persist = true;
    match store.load() {
        LoadOutcome::Resumable(mut progress) => {
            if lang_explicit {
                progress.lang = model.lang;
            }
            model.overlay = Some(Overlay::Resume(progress));
        }
        outcome => {
            if let Some(notice) = load_notice(&outcome) {
                model.notice = Some(notice);
            }
        }
    }
}

/// What the status bar says about a load: nothing for a fresh start or progress to resume,
/// a warning naming the file for one set aside or left unusable.
pub fn load_notice(outcome: &LoadOutcome) -> Option<Notice> {
    match outcome {
        LoadOutcome::Fresh | LoadOutcome::Resumable(_) => None,
        LoadOutcome::SetAside { moved_to, reason } => {
            let path = moved_to.display().to_string();
            Some(match reason {
                SetAsideReason::Corrupt(error) => {
                    Notice::new(Level::Warning, "support.store.corrupt")
                        .arg("path", path)
                        .arg("error", error.clone())
                }
                SetAsideReason::NewerVersion { found } => {
                    Notice::new(Level::Warning, "support.store.newer")
                        .arg("path", path)
                        .arg("found", found.to_string())
                }
            })
        }
        LoadOutcome::Unusable { path, error } => Some(
            Notice::new(Level::Warning, "support.store.unusable")
                .arg("path", path.display().to_string())
                .arg("error", error.clone()),
        ),
    }
}
