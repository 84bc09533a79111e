//! What a user can ask of the wizard, whatever the front end: the TUI's key table turns keys
//! into these, plain mode turns typed answers into them. Nothing here is a key.

use crate::credentials::Field;

/// Where `SetText` puts its text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextTarget {
    /// STEP 1's App Name (ASCII only, as Zoom requires).
    AppName,
    /// One of the three values; a labelled block fills every field it names.
    Field(Field),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// The next field on the Values screen, else the next screen (asking first when
    /// something required is still open).
    Next,
    Back,
    Quit,
    Help,
    CloseOverlay,
    ContinueAnyway,
    /// Focus one up or down on the current screen.
    Up,
    Down,
    /// Answers the current screen's question with option `n` (zero-based): the starting
    /// situation, the role, the default user on Done; on a list, focuses its item `n`.
    Choose(usize),
    /// A page up or down in a long list (Done's users).
    PageUp,
    PageDown,
    /// Replaces the filter of Done's users (part of a name or e-mail); the focus moves to the
    /// first match unless the focused user still matches.
    Filter(String),
    /// Ticks or unticks the focused checklist item.
    Toggle,
    /// Starts typing into STEP 1's App Name (its item has focus): until `StopTyping`, letters
    /// and Space go into the name instead of ticking.
    TypeAppName,
    StopTyping,
    /// Sets one checklist item, by its id in the guide.
    SetTicked {
        item: String,
        ticked: bool,
    },
    /// Replaces the App Name, or pastes into a field (the paste rules apply: clean-up, a
    /// labelled block, size limits). A refused text changes nothing and says why.
    SetText(TextTarget, Pasted),
    /// An answer left empty: keeps the field's value, or in `--demo` fills an empty field
    /// with the demo account's value.
    UseDefault(Field),
    OpenUrl,
    OpenSignup,
    Copy(Field),
    PasteClipboard,
    RevealSecret,
    FillDemo,
    Recheck,
    SwitchLanguage,
    RememberIds,
    SaveReport,
    CopyReport,
    Resume,
    StartFresh,
    /// On a passing check: ask before rehearsing with a test meeting.
    Rehearse,
    /// The user agreed: rehearse for the host chosen in the consent step.
    ConfirmRehearsal,
}

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
