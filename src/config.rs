//! How the wizard was asked to run, whichever front end runs it (the full screen or plain
//! mode): made once by `main` from the command line and the environment.

use std::time::Duration;

use crate::credentials::Credentials;
use crate::glyphs::GlyphChoice;
use crate::i18n::Lang;
use crate::store::Store;
use crate::tui::theme::Theme;
use crate::zoom::client::ZoomClient;
use crate::zoom::verify::VerifyOptions;

/// How the wizard was asked to run.
pub struct WizardConfig {
    pub lang: Lang,
    /// The language was asked for explicitly (`--lang`): a resumed run keeps it.
    pub lang_explicit: bool,
    /// Where progress is kept; `None` when the platform has no data directory.
    pub store: Option<Store>,
    pub client: ZoomClient,
    pub verify: VerifyOptions,
    /// In `--demo`: the values of the emulator's demo account.
    pub demo: Option<Credentials>,
    pub theme: Theme,
    /// `--glyphs` or its environment variable; with `Auto` the terminal is measured at start
    /// and `theme.glyphs` replaced by what it needs.
    pub glyphs: GlyphChoice,
    /// How long the Client secret stays on the clipboard before it is taken back
    /// (`clipboard::timer::CLEAR_AFTER`; the tests shorten it).
    pub secret_clear_after: Duration,
}
