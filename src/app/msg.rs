//! What can happen to the wizard: keys, actions, pastes, and the results of effects.

use crossterm::event::KeyEvent;

use crate::clipboard::timer::SecretNews;
use crate::clipboard::{CopyOutcome, ReadError};
use crate::credentials::Field;
use crate::zoom::client::Retrying;
use crate::zoom::report::{Rehearsal, RehearsalStep, Report, Stage, StageStatus, UsersRead};

use super::action::Action;
pub use super::action::Pasted;

/// Where the support report ended up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReportOutcome {
    Saved(String),
    Copied(CopyOutcome),
}

/// One input to `update`.
#[derive(Clone, Debug)]
pub enum Msg {
    /// A key of the full-screen wizard; the key table turns it into an `Action`.
    Key(KeyEvent),
    /// What the user asked for, from any front end.
    Action(Action),
    /// A bracketed paste from the terminal.
    Paste(Pasted),
    /// Text read from the system clipboard (Ctrl+V).
    ClipboardRead(Result<Pasted, ReadError>),
    Copied(Field, CopyOutcome),
    /// The Client secret on the clipboard: counting down, taken back, or left alone. Sent
    /// instead of `Copied` when the secret went out.
    SecretClipboard(SecretNews),
    UrlOpened {
        url: String,
        opened: bool,
    },
    CheckProgress {
        generation: u64,
        stage: Stage,
        status: StageStatus,
        /// While users are listed: how many so far.
        users: Option<UsersRead>,
    },
    CheckDone {
        generation: u64,
        report: Report,
    },
    /// A request of check `generation` is about to be tried again ("2 of 3").
    CheckRetry {
        generation: u64,
        retrying: Retrying,
    },
    RehearsalProgress {
        generation: u64,
        step: RehearsalStep,
        status: StageStatus,
    },
    /// The rehearsal ended, whatever way: its result holds its problems.
    RehearsalDone {
        generation: u64,
        rehearsal: Box<Rehearsal>,
    },
    /// The resume file could not be written.
    SaveFailed {
        path: String,
        error: String,
    },
    /// The support report was written to `Ok(path)`, copied (`Copied` result), or failed.
    ReportDone(Result<ReportOutcome, String>),
    /// Spinner frame; sent only while a check runs.
    Tick,
    /// SIGTERM, SIGHUP: leave now, cleanly.
    Terminate,
}
