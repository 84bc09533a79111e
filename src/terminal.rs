//! Taking the terminal over and always giving it back: raw mode, the alternate screen and
//! bracketed paste are undone on drop, on panic, and on every exit path of the runtime.

use std::io::{self, Stdout, Write};
use std::sync::Once;

use crossterm::event::{
    DisableBracketedPaste, EnableBracketedPaste, Event, KeyCode, KeyEventKind, KeyModifiers,
};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

pub type Tui = Terminal<CrosstermBackend<Stdout>>;

/// Owns the terminal while the wizard runs; dropping it restores the terminal.
pub struct TerminalGuard {
    pub terminal: Tui,
}

impl TerminalGuard {
    pub fn enter() -> io::Result<TerminalGuard> {
        install_panic_hook();
        enable_raw_mode()?;
        let entered = execute!(io::stdout(), EnterAlternateScreen)
            .and_then(|_| Terminal::new(CrosstermBackend::new(io::stdout())));
        // Not on Windows: crossterm reads the console's key records there and never reports a
        // paste, and asking for bracketed paste only makes some terminals (Alacritty) mark a
        // pasted line break as Ctrl+Enter. A paste arrives as keys instead: see `typed_paste`.
        if !cfg!(windows) {
            let _ = execute!(io::stdout(), EnableBracketedPaste);
        }
        match entered {
            Ok(terminal) => Ok(TerminalGuard { terminal }),
            Err(error) => {
                restore();
                Err(error)
            }
        }
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore();
    }
}

/// Puts the terminal back as we found it. Safe to call more than once and from a panic.
pub fn restore() {
    let _ = disable_raw_mode();
    let mut out = io::stdout();
    let _ = execute!(
        out,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        crossterm::cursor::Show
    );
    let _ = out.flush();
}

/// Restores the terminal before the panic message is printed, so it is readable and the shell
/// is usable after a crash.
///
/// Only a panic of the thread that draws ends the wizard; a panic in a background task (the
/// check) is turned into a message on screen by its owner, and printing it over the full-screen
/// display, or leaving raw mode under a wizard that goes on, would only break the screen.
fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let owner = std::thread::current().id();
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if std::thread::current().id() == owner {
                restore();
                previous(info);
            }
        }));
    });
}

/// Keys waiting to be read all at once that are at least this many characters were not typed
/// by a hand: they are a paste.
pub const TYPED_PASTE_MIN_CHARS: usize = 8;

/// The text of a paste that reached us as key presses, or `None` when `burst` was typed.
///
/// On Windows a paste (Ctrl+V or right-click in Windows Terminal or the console window) comes to
/// a console program as one key press and release per character, Enter for each line break.
/// `burst` is what was waiting to be read at once, without waiting for more: a hand types one
/// key at a time, so at least [`TYPED_PASTE_MIN_CHARS`] characters there, made of nothing but
/// characters (Shift, and AltGr, which Windows reports as Ctrl+Alt, allowed), Enter and Tab,
/// are one paste, and the core gives it the same treatment as a bracketed paste: several
/// values fill several fields, a single value replaces the field. Anything else in the burst
/// (Ctrl+V, an arrow, Esc, a resize) means it was typed: the keys are handled one by one.
pub fn typed_paste(burst: &[Event]) -> Option<String> {
    // Sized up front: the text may be the secret, and growing would leave copies behind.
    let mut text = String::with_capacity(burst.len() * 4);
    let mut chars = 0;
    for event in burst {
        let Event::Key(key) = event else { return None };
        if key.kind == KeyEventKind::Release {
            continue;
        }
        let mods = key.modifiers - KeyModifiers::SHIFT;
        let altgr = KeyModifiers::CONTROL | KeyModifiers::ALT;
        let c = match key.code {
            KeyCode::Char(c) if mods.is_empty() || mods == altgr => c,
            KeyCode::Enter if (mods - KeyModifiers::CONTROL).is_empty() => '\n',
            KeyCode::Tab if mods.is_empty() => '\t',
            _ => return None,
        };
        text.push(c);
        chars += 1;
    }
    (chars >= TYPED_PASTE_MIN_CHARS).then_some(text)
}
