//! The hidden secret prompt: the terminal's echo off while the Client secret is typed, line
//! editing done here, and the terminal restored on every signal.

use std::io::{self, Read};
use std::sync::Once;

use zeroize::{Zeroize, Zeroizing};

/// Why no line was read.
#[derive(Debug)]
pub(super) enum NoLine {
    /// Ctrl+D on an empty line, or the end of input.
    Ended,
    /// Ctrl+C.
    Interrupted,
    Io(io::Error),
}

impl From<io::Error> for NoLine {
    fn from(error: io::Error) -> Self {
        NoLine::Io(error)
    }
}

/// The terminal's echo off (raw mode) for as long as this lives, however the prompt ends.
pub(super) struct RawMode;

impl RawMode {
    pub(super) fn enter() -> io::Result<RawMode> {
        restore_on_signals();
        crossterm::terminal::enable_raw_mode()?;
        Ok(RawMode)
    }
}

impl Drop for RawMode {
    fn drop(&mut self) {
        let _ = crossterm::terminal::disable_raw_mode();
    }
}

/// Reads one line from a terminal in raw mode (see [`RawMode`]), so nothing is echoed. Raw
/// mode is the only echo switch crossterm offers (no new crate for termios), so line editing
/// is done here: Backspace, Ctrl+U, Enter; Ctrl+D on an empty line is end of input, Ctrl+C
/// interrupts. Raw mode writes nothing to the terminal: the output stays free of escapes.
pub(super) fn read_hidden(input: &mut impl Read) -> Result<Zeroizing<String>, NoLine> {
    // Room for the largest paste the core accepts, so the buffer is not moved (and the old
    // copy left behind) while a secret is typed.
    let mut bytes = Zeroizing::new(Vec::with_capacity(8 * 1024));
    let mut byte = [0u8; 1];
    loop {
        if input.read(&mut byte)? == 0 {
            if bytes.is_empty() {
                return Err(NoLine::Ended);
            }
            break;
        }
        match byte[0] {
            b'\r' | b'\n' => break,
            0x03 => return Err(NoLine::Interrupted),
            0x04 if bytes.is_empty() => return Err(NoLine::Ended),
            0x7f | 0x08 => pop_char(&mut bytes),
            0x15 => bytes.zeroize(),
            b => bytes.push(b),
        }
    }
    byte.zeroize();
    Ok(Zeroizing::new(String::from_utf8_lossy(&bytes).into_owned()))
}

/// Removes the last UTF-8 character (its continuation bytes, then its first byte).
pub(super) fn pop_char(bytes: &mut Vec<u8>) {
    while let Some(b) = bytes.pop() {
        if b & 0xC0 != 0x80 {
            break;
        }
    }
}

/// A signal while the echo is off would leave the terminal raw: from the first hidden prompt
/// on, SIGINT, SIGTERM and SIGHUP (on Windows Ctrl+C, Ctrl+Break and closing the window)
/// restore it and end the process with the usual 128 + signal.
fn restore_on_signals() {
    static ONCE: Once = Once::new();
    let Ok(handle) = tokio::runtime::Handle::try_current() else {
        return;
    };
    ONCE.call_once(|| {
        handle.spawn(async {
            #[cfg(unix)]
            let code = {
                use tokio::signal::unix::{SignalKind, signal};
                let (Ok(mut int), Ok(mut term), Ok(mut hup)) = (
                    signal(SignalKind::interrupt()),
                    signal(SignalKind::terminate()),
                    signal(SignalKind::hangup()),
                ) else {
                    return;
                };
                tokio::select! {
                    _ = int.recv() => 130,
                    _ = term.recv() => 143,
                    _ = hup.recv() => 129,
                }
            };
            // Windows: Ctrl+C is a key in raw mode (read_hidden ends on it), but Ctrl+Break is
            // always a signal, and closing the window leaves a few seconds to clean up.
            #[cfg(windows)]
            let code = {
                use tokio::signal::windows::{ctrl_break, ctrl_c, ctrl_close};
                let (Ok(mut int), Ok(mut brk), Ok(mut close)) =
                    (ctrl_c(), ctrl_break(), ctrl_close())
                else {
                    return;
                };
                tokio::select! {
                    _ = int.recv() => 130,
                    _ = brk.recv() => 130,
                    _ = close.recv() => 129,
                }
            };
            #[cfg(not(any(unix, windows)))]
            let code = {
                if tokio::signal::ctrl_c().await.is_err() {
                    return;
                }
                130
            };
            let _ = crossterm::terminal::disable_raw_mode();
            std::process::exit(code);
        });
    });
}
