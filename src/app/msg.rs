//! What can happen to the wizard: keys, pastes, and the results of effects.

use std::io;

use crossterm::event::KeyEvent;

use crate::clipboard::timer::SecretNews;
use crate::clipboard::{CopyOutcome, ReadError};
use crate::credentials::Field;
use crate::store::Store;
use crate::zoom::report::{Report, Stage, StageStatus};

/// Pasted text: it may be the Client secret, so `Debug` shows only its size.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Pasted(pub String);

impl std::fmt::Debug for Pasted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Pasted(<{} bytes>)", self.0.len())
    }
}

impl std::ops::Deref for Pasted {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl From<String> for Pasted {
    fn from(text: String) -> Self {
        Pasted(text)
    }
}

impl From<&str> for Pasted {
    fn from(text: &str) -> Self {
        Pasted(text.to_owned())
    }
}

/// Where the support report ended up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReportOutcome {
    Saved(String),
    Copied(CopyOutcome),
}

/// One input to `update`.
#[derive(Clone, Debug)]
pub enum Msg {
    Key(KeyEvent),
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
    VerifyProgress {
        generation: u64,
        stage: Stage,
        status: StageStatus,
    },
    VerifyDone {
        generation: u64,
        report: Report,
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

impl Msg {
    /// The answer to a failed save of the resume file: which file, and why.
    pub fn save_failed(store: &Store, error: &io::Error) -> Msg {
        Msg::SaveFailed {
            path: store.path().display().to_string(),
            error: error.to_string(),
        }
    }
}
