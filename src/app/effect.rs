//! What the core asks the runtime to do; results come back as messages.

use crate::credentials::{Credentials, Field, Secret};
use crate::i18n::Lang;

use crate::zoom::report::{Report, User};

use super::progress::Progress;

/// Where the support report goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportTarget {
    File,
    Clipboard,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Run the live check; its answers carry `generation`, so a late one is known.
    Check {
        generation: u64,
        credentials: Credentials,
    },
    /// Stop the check under way: the values it was checking have changed.
    CancelCheck,
    /// Open the connections the check will use, ahead of it (no request is sent): asked for
    /// when the Values screen is entered, so the check after it starts on warm connections.
    WarmUp,
    /// Create, update and delete one test meeting for `host`, with the token of check
    /// `generation` (or a new one for `credentials`); answers `Msg::RehearsalProgress` and
    /// `Msg::RehearsalDone`.
    Rehearse {
        generation: u64,
        host: User,
        credentials: Credentials,
    },
    /// Read the system clipboard (Ctrl+V); answers with `Msg::ClipboardRead`.
    ReadClipboard,
    /// Put a value on the clipboard; answers with `Msg::Copied`. Secret-typed so it never leaks
    /// through `Debug`.
    Copy { field: Field, text: Secret },
    /// Open a page in the system browser where one can be opened; answers `Msg::UrlOpened`.
    OpenUrl(String),
    /// Write the resume file (never holds the secret); a failure answers `Msg::SaveFailed`.
    SaveProgress(Progress),
    /// The setup is finished: the resume file has served its purpose.
    ForgetProgress,
    /// Write or copy the support report; answers `Msg::ReportDone`. The secret rides along only
    /// because it is part of `Credentials`; the report never prints it.
    SupportReport {
        target: ReportTarget,
        lang: Lang,
        credentials: Credentials,
        report: Report,
    },
}
