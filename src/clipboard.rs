//! The honest clipboard: the system clipboard where there is one, an OSC 52 escape to the
//! terminal where there is not (SSH), and a status that never claims more than happened.
//!
//! Every decision is taken from a [`ClipboardEnv`] read once from the environment, so the
//! tests drive it with made-up environments and a fake backend: no display, clipboard daemon
//! or keyring is needed to test it.

use std::fmt;
use std::io::Write;

use base64::Engine as _;
use zeroize::{Zeroize, Zeroizing};

use crate::credentials::MAX_PASTE_BYTES;

pub mod timer;

use timer::{Decision, SecretNews, SecretOut, Via};

/// The terminal multiplexer between us and the real terminal, which decides how an OSC 52
/// sequence must be wrapped to get through.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Multiplexer {
    None,
    Tmux,
    Screen,
}

impl Multiplexer {
    /// `TMUX` set: tmux; `STY` set: GNU screen; otherwise `TERM` (`tmux*`, `screen*`), which
    /// is all that survives an SSH hop from inside a multiplexer. `env` looks a variable up.
    pub fn detect(env: impl Fn(&str) -> Option<String>) -> Multiplexer {
        let set = |name: &str| env(name).is_some_and(|v| !v.is_empty());
        if set("TMUX") {
            return Multiplexer::Tmux;
        }
        if set("STY") {
            return Multiplexer::Screen;
        }
        let term = env("TERM").unwrap_or_default();
        if term.starts_with("tmux") {
            Multiplexer::Tmux
        } else if term.starts_with("screen") {
            Multiplexer::Screen
        } else {
            Multiplexer::None
        }
    }
}

/// GNU screen passes at most a few hundred bytes of one DCS string; 76 is what the usual
/// OSC 52 helpers (hterm's osc52.sh, vim-oscyank) use.
const SCREEN_CHUNK: usize = 76;

/// The OSC 52 "set clipboard" sequence for `text`, wrapped for the multiplexer:
///
/// - plain: `ESC ] 52 ; c ; BASE64 BEL`
/// - tmux: `ESC P tmux; ESC ESC ] 52 ; c ; BASE64 BEL ESC \` (every ESC inside doubled)
/// - screen: `ESC P ESC ] 52 ; c ;` then the base64 in chunks of 76, each closed with
///   `ESC \` and the next opened with `ESC P`, ending `BEL ESC \`
///
/// The result holds the text (in base64): wipe it after writing when the text is secret.
pub fn osc52_sequence(text: &str, mux: Multiplexer) -> String {
    let mut encoded = Zeroizing::new(String::new());
    base64::engine::general_purpose::STANDARD.encode_string(text, &mut encoded);
    match mux {
        Multiplexer::None => format!("\x1b]52;c;{}\x07", encoded.as_str()),
        Multiplexer::Tmux => format!("\x1bPtmux;\x1b\x1b]52;c;{}\x07\x1b\\", encoded.as_str()),
        Multiplexer::Screen => {
            let mut out = String::from("\x1bP\x1b]52;c;");
            // Base64 is ASCII, so byte chunks are character chunks.
            for (i, chunk) in encoded.as_bytes().chunks(SCREEN_CHUNK).enumerate() {
                if i > 0 {
                    out.push_str("\x1b\\\x1bP");
                }
                out.push_str(std::str::from_utf8(chunk).unwrap_or_default());
            }
            out.push_str("\x07\x1b\\");
            out
        }
    }
}

/// Which kind of system the program runs on, as far as clipboards go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Platform {
    MacOs,
    Windows,
    /// Linux and the BSDs: a clipboard only through an X11 or Wayland display.
    Unix,
}

impl Platform {
    pub fn current() -> Platform {
        if cfg!(target_os = "macos") {
            Platform::MacOs
        } else if cfg!(windows) {
            Platform::Windows
        } else {
            Platform::Unix
        }
    }
}

/// Everything the clipboard decisions depend on, read once.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClipboardEnv {
    pub platform: Platform,
    /// `DISPLAY` or `WAYLAND_DISPLAY` is set.
    pub display: bool,
    /// `SSH_CONNECTION`, `SSH_TTY` or `SSH_CLIENT` is set: the user's clipboard is on
    /// another machine.
    pub ssh: bool,
    /// The terminal may understand OSC 52: not `TERM=dumb`, and not the Linux console
    /// (`TERM=linux`), which has no clipboard at all.
    pub osc52: bool,
    pub mux: Multiplexer,
}

impl ClipboardEnv {
    /// Reads the environment through `env` (a variable lookup), for `platform`.
    pub fn from_lookup(platform: Platform, env: impl Fn(&str) -> Option<String>) -> ClipboardEnv {
        let set = |name: &str| env(name).is_some_and(|v| !v.is_empty());
        let term = env("TERM").unwrap_or_default();
        ClipboardEnv {
            platform,
            display: set("DISPLAY") || set("WAYLAND_DISPLAY"),
            ssh: set("SSH_CONNECTION") || set("SSH_TTY") || set("SSH_CLIENT"),
            osc52: term != "dumb" && term != "linux",
            mux: Multiplexer::detect(&env),
        }
    }

    /// The environment of this process.
    pub fn current() -> ClipboardEnv {
        ClipboardEnv::from_lookup(Platform::current(), |name| std::env::var(name).ok())
    }

    /// The system clipboard is the user's: not over SSH (even with X forwarding, which is
    /// slow and loses the text when we exit), and on Linux/BSD only with a display.
    pub fn system_clipboard(&self) -> bool {
        !self.ssh && (self.platform != Platform::Unix || self.display)
    }

    /// A browser can be opened for a link (`o`), else the link is only shown: the same
    /// judgement as the clipboard's. So `DISPLAY` counts only on Linux and the BSDs: Windows
    /// and macOS have no such variable and always a desktop, except over SSH.
    pub fn opens_browser(&self) -> bool {
        self.system_clipboard()
    }
}

/// What a copy achieved, in the words the user sees.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CopyOutcome {
    /// The system clipboard holds the text.
    Copied,
    /// An OSC 52 sequence went to the terminal; whether it honoured it cannot be known.
    SentOsc52,
    /// Neither was possible: the user has to select the value on screen.
    Unavailable,
}

/// Why the system clipboard could not be read (Ctrl+V). Bracketed paste still works then.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadError {
    /// No system clipboard here: SSH, or Linux without a display.
    NoClipboard,
    /// The clipboard is empty or holds no text (an image, say).
    Empty,
    /// More than [`MAX_PASTE_BYTES`]: refused, not cut.
    TooLarge,
    /// Anything else the clipboard reported (never contains clipboard content).
    Other(String),
}

impl ReadError {
    pub fn text_key(&self) -> &'static str {
        match self {
            ReadError::NoClipboard => "clipboard.read.no_clipboard",
            ReadError::Empty => "clipboard.read.empty",
            ReadError::TooLarge => "clipboard.read.too_large",
            ReadError::Other(_) => "clipboard.read.other",
        }
    }
}

/// What the wizard needs of a system clipboard: arboard in the program, fakes in tests.
pub trait ClipboardBackend {
    fn set_text(&mut self, text: &str) -> Result<(), String>;
    /// Like `set_text`, marked as a password for clipboard histories to skip, where the
    /// platform has a way to say so.
    fn set_sensitive_text(&mut self, text: &str) -> Result<(), String>;
    fn get_text(&mut self) -> Result<String, ReadError>;
    /// Empties the clipboard, whoever filled it: check first that it is still ours.
    fn clear(&mut self) -> Result<(), String>;
}

struct Arboard(arboard::Clipboard);

impl ClipboardBackend for Arboard {
    fn set_text(&mut self, text: &str) -> Result<(), String> {
        self.0.set_text(text).map_err(|e| e.to_string())
    }

    /// What arboard (3.6 and later) offers, per platform:
    /// - Windows: the `CanIncludeInClipboardHistory` and `CanUploadToCloudClipboard` formats
    ///   set to 0, so Win+V's history and the cloud clipboard skip it;
    /// - macOS: the `org.nspasteboard.ConcealedType` type (nspasteboard.org), which clipboard
    ///   managers that follow that convention skip; nothing stops Universal Clipboard;
    /// - Linux and the BSDs, X11 and Wayland: the `x-kde-passwordManagerHint` target with the
    ///   value `secret`, which KDE's Klipper (and managers that copy it) skip.
    fn set_sensitive_text(&mut self, text: &str) -> Result<(), String> {
        let set = self.0.set();
        #[cfg(windows)]
        let set = {
            use arboard::SetExtWindows;
            set.exclude_from_history().exclude_from_cloud()
        };
        #[cfg(target_os = "macos")]
        let set = {
            use arboard::SetExtApple;
            set.exclude_from_history()
        };
        #[cfg(all(
            unix,
            not(any(target_os = "macos", target_os = "android", target_os = "emscripten"))
        ))]
        let set = {
            use arboard::SetExtLinux;
            set.exclude_from_history()
        };
        set.text(text).map_err(|e| e.to_string())
    }

    fn clear(&mut self) -> Result<(), String> {
        self.0.clear().map_err(|e| e.to_string())
    }

    fn get_text(&mut self) -> Result<String, ReadError> {
        self.0.get_text().map_err(|e| match e {
            arboard::Error::ContentNotAvailable => ReadError::Empty,
            arboard::Error::ClipboardNotSupported => ReadError::NoClipboard,
            other => ReadError::Other(other.to_string()),
        })
    }
}

type Connect = Box<dyn FnMut() -> Result<Box<dyn ClipboardBackend>, String>>;

/// Opens arboard's clipboard.
fn connect_arboard() -> Result<Box<dyn ClipboardBackend>, String> {
    arboard::Clipboard::new()
        .map(|c| Box::new(Arboard(c)) as Box<dyn ClipboardBackend>)
        .map_err(|e| e.to_string())
}

/// The system clipboard of the whole wizard run. The backend is opened on first use and
/// then KEPT: on X11 (and some Wayland setups) a copied text is served by its owner, and
/// vanishes when the owner goes away. Create one, and drop it only at exit.
pub struct SystemClipboard {
    env: ClipboardEnv,
    connect: Connect,
    backend: Option<Box<dyn ClipboardBackend>>,
    /// Opening failed once: do not try again on every key press.
    failed: bool,
}

impl fmt::Debug for SystemClipboard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SystemClipboard")
            .field("env", &self.env)
            .field("open", &self.backend.is_some())
            .field("failed", &self.failed)
            .finish()
    }
}

impl Default for SystemClipboard {
    fn default() -> Self {
        SystemClipboard::new()
    }
}

impl SystemClipboard {
    /// The clipboard for this process's environment, through arboard.
    pub fn new() -> SystemClipboard {
        SystemClipboard::with_env(ClipboardEnv::current())
    }

    /// Through arboard, deciding by `env`.
    pub fn with_env(env: ClipboardEnv) -> SystemClipboard {
        SystemClipboard::with_backend(env, connect_arboard)
    }

    /// Deciding by `env`, opening the backend with `connect` (called at most until it
    /// succeeds once, and not again after a failure).
    pub fn with_backend(
        env: ClipboardEnv,
        connect: impl FnMut() -> Result<Box<dyn ClipboardBackend>, String> + 'static,
    ) -> SystemClipboard {
        SystemClipboard {
            env,
            connect: Box::new(connect),
            backend: None,
            failed: false,
        }
    }

    pub fn env(&self) -> ClipboardEnv {
        self.env
    }

    fn backend(&mut self) -> Option<&mut Box<dyn ClipboardBackend>> {
        if self.backend.is_none() && !self.failed {
            match (self.connect)() {
                Ok(backend) => self.backend = Some(backend),
                Err(_) => self.failed = true,
            }
        }
        self.backend.as_mut()
    }

    /// Copies `text` out: the system clipboard when it is the user's; otherwise, or when it
    /// fails, an OSC 52 sequence written to `writer` (the terminal); nothing at all when the
    /// terminal cannot take one. The text is written nowhere else.
    pub fn copy(&mut self, text: &str, writer: &mut dyn Write) -> CopyOutcome {
        self.copy_marked(text, false, writer)
    }

    /// Copies the Client secret out, as [`copy`](Self::copy) does, marked as a password where
    /// the platform allows (see [`ClipboardBackend::set_sensitive_text`]); OSC 52 has no such
    /// mark. Hand the outcome to a [`timer::SecretTimer`], and [`take_back`](Self::take_back)
    /// what it says is due.
    pub fn copy_secret(&mut self, text: &str, writer: &mut dyn Write) -> CopyOutcome {
        self.copy_marked(text, true, writer)
    }

    fn copy_marked(&mut self, text: &str, sensitive: bool, writer: &mut dyn Write) -> CopyOutcome {
        if self.env.system_clipboard()
            && self.backend().is_some_and(|b| {
                if sensitive {
                    b.set_sensitive_text(text).is_ok()
                } else {
                    b.set_text(text).is_ok()
                }
            })
        {
            return CopyOutcome::Copied;
        }
        if !self.env.osc52 {
            return CopyOutcome::Unavailable;
        }
        match self.write_osc52(text, writer) {
            Ok(()) => CopyOutcome::SentOsc52,
            Err(_) => CopyOutcome::Unavailable,
        }
    }

    fn write_osc52(&self, text: &str, writer: &mut dyn Write) -> std::io::Result<()> {
        let mut bytes = Zeroizing::new(Vec::new());
        if self.env.mux == Multiplexer::Tmux {
            // tmux 3.3+ drops passthrough unless `allow-passthrough` is on, but handles a plain
            // OSC 52 itself when `set-clipboard` is on: send both, one of them may get through.
            bytes.extend_from_slice(
                Zeroizing::new(osc52_sequence(text, Multiplexer::None)).as_bytes(),
            );
        }
        bytes.extend_from_slice(Zeroizing::new(osc52_sequence(text, self.env.mux)).as_bytes());
        writer.write_all(&bytes).and_then(|()| writer.flush())
    }

    /// Takes the secret back: from the system clipboard only if it still holds exactly `out`
    /// (never what the user copied since); from the terminal by asking it to clear its
    /// clipboard (an empty OSC 52), as that cannot be read back.
    pub fn take_back(&mut self, out: &SecretOut, writer: &mut dyn Write) -> SecretNews {
        match out.via() {
            Via::Terminal => match self.write_osc52("", writer) {
                Ok(()) => SecretNews::AskedTerminal,
                Err(_) => SecretNews::ClearFailed,
            },
            Via::System => {
                let Some(backend) = self.backend() else {
                    return SecretNews::ClearFailed;
                };
                let now = backend.get_text();
                let decision = timer::decide(out.text(), &now);
                if let Ok(text) = now {
                    // Most likely the secret itself: wiped, not just freed.
                    drop(Zeroizing::new(text));
                }
                match decision {
                    Decision::Leave => SecretNews::LeftAlone,
                    Decision::CannotTell => SecretNews::ClearFailed,
                    Decision::Clear => match backend.clear() {
                        Ok(()) => SecretNews::Cleared,
                        Err(_) => SecretNews::ClearFailed,
                    },
                }
            }
        }
    }

    /// Reads text from the system clipboard (Ctrl+V). Over SSH or without a display this
    /// fails at once with [`ReadError::NoClipboard`]: the terminal's own paste still works.
    pub fn read(&mut self) -> Result<String, ReadError> {
        if !self.env.system_clipboard() {
            return Err(ReadError::NoClipboard);
        }
        let Some(backend) = self.backend() else {
            return Err(ReadError::NoClipboard);
        };
        let mut text = backend.get_text()?;
        if text.is_empty() {
            Err(ReadError::Empty)
        } else if text.len() > MAX_PASTE_BYTES {
            text.zeroize();
            Err(ReadError::TooLarge)
        } else {
            Ok(text)
        }
    }

    /// True where a copied text may vanish when the wizard exits (X11 and Wayland), so the
    /// UI reminds the user to paste into hacomono before quitting.
    pub fn loses_text_on_exit(&self) -> bool {
        self.env.platform == Platform::Unix && self.env.system_clipboard()
    }
}
