//! The command line: the wizard (default), `--demo`, `--plain`, and the non-interactive `check`.
//! Its shape only: every help text, in Japanese and English, comes from `assets/cli.toml`
//! (`cli_text::command`); the doc comments here are for developers.

use std::path::PathBuf;

use clap::{ArgAction, Args, Parser, Subcommand};

use crate::glyphs::GlyphChoice;
use crate::i18n::Lang;
use crate::zoom::client::Endpoints;

/// Link hacomono to Zoom: a step-by-step wizard that builds and checks a Zoom
/// Server-to-Server OAuth app and hands its values to hacomono's admin site.
// clap's own --help, --version and `help` speak English only: ours are declared here and
// worded in assets/cli.toml.
#[derive(Debug, Parser)]
#[command(
    name = "hacomono-zoom-setup",
    version,
    about,
    long_about = None,
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true
)]
pub struct Cli {
    /// Print help (for the command given, too).
    #[arg(short, long, action = ArgAction::Help, global = true)]
    help: Option<bool>,

    /// Print the version.
    #[arg(short = 'V', long, action = ArgAction::Version)]
    version: Option<bool>,

    /// Practise the whole setup against a built-in Zoom emulator (no Zoom account needed).
    #[arg(long)]
    pub demo: bool,

    /// Language of the wizard; default from LC_ALL, LC_MESSAGES or LANG.
    #[arg(long, value_enum, global = true)]
    pub lang: Option<Lang>,

    /// Forget saved progress and start from the beginning.
    #[arg(long)]
    pub reset: bool,

    /// Plain numbered questions answered line by line (screen readers, logs, piped answers):
    /// no full-screen display, no colours. Also chosen when TERM=dumb, when ACCESSIBLE is
    /// set, when standard output is not a terminal, or when Windows says a screen reader runs.
    #[arg(long)]
    pub plain: bool,

    /// The full-screen wizard even when Windows says a screen reader is running (which
    /// otherwise chooses plain mode).
    #[arg(long, conflicts_with = "plain")]
    pub full_screen: bool,

    /// Never wait for Enter at exit. Started by a double-click, in a console window of its
    /// own, the program waits so its last words can be read before the window closes; from
    /// cmd, PowerShell or a script it never waits. Also HACOMONO_ZOOM_SETUP_NO_PAUSE=1.
    #[arg(long, global = true)]
    pub no_pause: bool,

    /// Frames and marks: `unicode`, or `ascii` (`+ - |`, `>`, `*`, `...`) for terminals that
    /// draw East Asian ambiguous-width characters two cells wide. `auto` (the default) asks
    /// the terminal at start. Also set by HACOMONO_ZOOM_SETUP_GLYPHS.
    #[arg(long, value_enum, value_name = "SET")]
    pub glyphs: Option<GlyphChoice>,

    #[command(flatten)]
    pub zoom: ZoomArgs,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check credentials against Zoom without the wizard (for support and scripts).
    ///
    /// Credentials come from --credentials FILE (or - for standard input) and, for what the
    /// file does not name, from ZOOM_ACCOUNT_ID, ZOOM_CLIENT_ID and ZOOM_CLIENT_SECRET; never
    /// from command-line values.
    Check(CheckArgs),

    /// Print the help, or a command's.
    Help {
        /// The command whose help to print.
        command: Option<String>,
    },
}

/// Where Zoom is and how long to wait for it; shared by the wizard and `check`.
#[derive(Debug, Clone, Args)]
pub struct ZoomArgs {
    /// Base URL of Zoom's OAuth server (default https://zoom.us; Zoom for Government, tests).
    #[arg(long, value_name = "URL", global = true)]
    pub oauth_base: Option<String>,

    /// Base URL of Zoom's REST API (default: the token's api_url, else https://api.zoom.us).
    #[arg(long, value_name = "URL", global = true)]
    pub api_base: Option<String>,

    /// Seconds to wait for each request to Zoom (1 to 600).
    #[arg(long, value_name = "SECS", default_value_t = 10, global = true,
          value_parser = clap::value_parser!(u64).range(1..=600))]
    pub timeout: u64,

    /// The Zoom account has sub accounts: missing sub-account scopes are errors, not warnings.
    #[arg(long, global = true)]
    pub sub_accounts: bool,
}

impl ZoomArgs {
    /// The servers these flags name.
    pub fn endpoints(&self) -> Endpoints {
        Endpoints::given(self.oauth_base.as_deref(), self.api_base.as_deref())
    }
}

#[derive(Debug, Clone, Args)]
pub struct CheckArgs {
    /// Read the three values from FILE (or - for standard input, at most 64 KiB), in any shape
    /// the wizard's paste understands (labelled lines, Zoom's App Credentials page, .env lines,
    /// Japanese labels). The environment fills only what the file does not name.
    #[arg(long, value_name = "FILE")]
    pub credentials: Option<PathBuf>,

    /// Print exactly one JSON document on standard output.
    #[arg(long)]
    pub json: bool,

    /// Also write the Markdown support report (never the secret; the Client ID masked) to
    /// PATH, or with - to standard output instead of the usual output (not with --json).
    #[arg(long, value_name = "PATH")]
    pub report: Option<PathBuf>,

    /// Check against the built-in emulator (what --demo uses).
    #[arg(long)]
    pub demo: bool,

    /// After a passing check, rehearse what hacomono does: create, update and delete one test
    /// meeting for the host (it e-mails nobody and is deleted at once; it spends 2 of the
    /// host's 100 daily creates and updates).
    #[arg(long)]
    pub rehearse: bool,

    /// The host to rehearse with, by Zoom user ID or e-mail (default: the proposed default
    /// user).
    #[arg(long, value_name = "ID|EMAIL", requires = "rehearse")]
    pub host: Option<String>,
}
