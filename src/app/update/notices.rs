//! What the world answered, said as a notice: the clipboard read or written, a page opened in
//! the browser, the resume file that could not be saved, the support report; and the asking
//! for a page.

use crate::clipboard::timer::SecretNews;
use crate::clipboard::{CopyOutcome, ReadError};
use crate::credentials::{Field, MAX_PASTE_BYTES};

use super::super::clipboard_notice;
use super::super::effect::Effect;
use super::super::model::{Level, Model, Notice};
use super::super::msg::ReportOutcome;

/// Zoom's sign-up page, for those without an account.
pub const SIGNUP_URL: &str = "https://zoom.us/signup";

/// o: the focused item's page, or that it has none.
pub(super) fn open_link(model: &mut Model) -> Vec<Effect> {
    match model.focused_item().and_then(|i| i.url.clone()) {
        Some(url) => vec![Effect::OpenUrl(url)],
        None => {
            model.notice = Some(Notice::new(Level::Info, "notice.no_link"));
            vec![]
        }
    }
}

pub(super) fn open_signup() -> Vec<Effect> {
    vec![Effect::OpenUrl(SIGNUP_URL.to_owned())]
}

pub(super) fn url_opened(model: &mut Model, url: String, opened: bool) -> Vec<Effect> {
    model.notice = Some(if opened {
        Notice::new(Level::Success, "notice.url_opened").arg("url", url)
    } else {
        Notice::new(Level::Info, "notice.url_not_opened").arg("url", url)
    });
    vec![]
}

/// Ctrl+V found nothing it could paste.
pub(super) fn clipboard_unreadable(model: &mut Model, error: &ReadError) -> Vec<Effect> {
    let detail = match error {
        ReadError::Other(detail) => detail.clone(),
        _ => String::new(),
    };
    model.notice = Some(
        Notice::new(Level::Warning, error.text_key())
            .arg("max", MAX_PASTE_BYTES.to_string())
            .arg("detail", detail),
    );
    vec![]
}

/// A value copied on STEP 2, said honestly: copied, sent to the terminal (OSC 52), or not.
pub(super) fn copied(model: &mut Model, field: Field, outcome: CopyOutcome) -> Vec<Effect> {
    let (level, key) = match outcome {
        CopyOutcome::Copied => (Level::Success, "notice.copied"),
        CopyOutcome::SentOsc52 => (Level::Info, "notice.copy_osc52"),
        CopyOutcome::Unavailable => (Level::Warning, "notice.copy_unavailable"),
    };
    model.notice = Some(Notice::new(level, key).label("field", field.label_key()));
    vec![]
}

/// The Client secret on the clipboard: counting down, taken back, or left alone.
pub(super) fn secret_clipboard(model: &mut Model, news: SecretNews) -> Vec<Effect> {
    clipboard_notice::on_news(model, news);
    vec![]
}

/// The resume file could not be written: said once; the wizard goes on, it only cannot resume
/// next time.
pub(super) fn save_failed(model: &mut Model, path: String, error: String) -> Vec<Effect> {
    model.persist = false;
    model.notice = Some(
        Notice::new(Level::Warning, "support.store.save_failed")
            .arg("path", path)
            .arg("error", error),
    );
    vec![]
}

/// Where the support report ended up.
pub(super) fn report_done(
    model: &mut Model,
    outcome: Result<ReportOutcome, String>,
) -> Vec<Effect> {
    // Where typing takes the letters (Done's filter), the key that saves is Ctrl+S.
    let save_key = if model.typing_target().is_some() {
        "Ctrl+S"
    } else {
        "s"
    };
    model.notice = Some(match outcome {
        Ok(ReportOutcome::Saved(path)) => {
            Notice::new(Level::Success, "notice.report_saved").arg("path", path)
        }
        Ok(ReportOutcome::Copied(CopyOutcome::Copied)) => {
            Notice::new(Level::Success, "notice.report_copied")
        }
        Ok(ReportOutcome::Copied(CopyOutcome::SentOsc52)) => {
            Notice::new(Level::Info, "notice.report_osc52").arg("key", save_key)
        }
        Ok(ReportOutcome::Copied(CopyOutcome::Unavailable)) => {
            Notice::new(Level::Warning, "notice.report_no_clipboard").arg("key", save_key)
        }
        Err(error) => Notice::new(Level::Error, "notice.report_failed").arg("error", error),
    });
    vec![]
}
