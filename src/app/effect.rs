//! What the core asks the runtime to do; results come back as messages.

use crate::credentials::{Credentials, Field, Secret};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Run the live check. A newer generation supersedes (and cancels) an older one.
    Verify { generation: u64, credentials: Credentials },
    /// Read the system clipboard (Ctrl+V); answers with `Msg::ClipboardRead`.
    ReadClipboard,
    /// Put a value on the clipboard; answers with `Msg::Copied`. Secret-typed so it never leaks
    /// through `Debug`.
    Copy { field: Field, text: Secret },
    /// Open a page in the system browser where one can be opened; answers `Msg::UrlOpened`.
    OpenUrl(String),
    Quit,
}
