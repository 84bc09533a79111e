//! What the status line says about the Client secret on the clipboard. The runtime keeps the
//! timer and does the clearing; the core only shows the count and the outcome.

use crate::clipboard::timer::{Countdown, SecretNews, Via};

use super::model::{Level, Model, Notice};

/// The notices that are the count itself: replaced by the next count, and by any other notice.
const COUNTING: [&str; 2] = [
    "clipboard.secret.counting",
    "clipboard.secret.counting_osc52",
];

/// Takes in news of the secret on the clipboard.
pub(super) fn on_news(model: &mut Model, news: SecretNews) {
    let (level, key) = match news {
        SecretNews::Counting(countdown) => {
            model.secret_countdown = Some(countdown);
            return;
        }
        // The notice of what replaced it says enough.
        SecretNews::Replaced => {
            model.secret_countdown = None;
            return;
        }
        SecretNews::Cleared => (Level::Info, "clipboard.secret.cleared"),
        SecretNews::AskedTerminal => (Level::Info, "clipboard.secret.asked_terminal"),
        SecretNews::LeftAlone => (Level::Info, "clipboard.secret.left_alone"),
        SecretNews::ClearFailed => (Level::Warning, "clipboard.secret.clear_failed"),
    };
    model.secret_countdown = None;
    model.notice = Some(Notice::new(level, key));
}

/// After every message: while the secret is out, the status line shows the count unless it
/// has something else to say; a key press (which clears the notice) brings the count back.
pub(super) fn show_countdown(model: &mut Model) {
    let free = model
        .notice
        .as_ref()
        .is_none_or(|notice| COUNTING.contains(&notice.key));
    if free {
        model.notice = model.secret_countdown.map(countdown_notice);
    }
}

fn countdown_notice(countdown: Countdown) -> Notice {
    let (level, key) = match countdown.via {
        Via::System => (Level::Success, COUNTING[0]),
        Via::Terminal => (Level::Info, COUNTING[1]),
    };
    Notice::new(level, key).arg("seconds", countdown.seconds.to_string())
}
