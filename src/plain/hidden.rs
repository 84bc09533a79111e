//! The hidden secret prompt: the terminal's echo off while the Client secret is typed, and line
//! editing done here. (An interruption meanwhile ends the wait in `input`, which drops the
//! [`RawMode`] and so restores the echo.)

use std::io::{self, Read};

use zeroize::{Zeroize, Zeroizing};

use super::input::NoAnswer;
use crate::signals::Interrupt;

/// The terminal's echo off (raw mode) for as long as this lives, however the prompt ends.
pub(super) struct RawMode;

impl RawMode {
    pub(super) fn enter() -> io::Result<RawMode> {
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
pub(super) fn read_hidden(input: &mut impl Read) -> Result<Zeroizing<String>, NoAnswer> {
    // Room for the largest paste the core accepts, so the buffer is not moved (and the old
    // copy left behind) while a secret is typed.
    let mut bytes = Zeroizing::new(Vec::with_capacity(8 * 1024));
    let mut byte = [0u8; 1];
    loop {
        if input.read(&mut byte).map_err(NoAnswer::Io)? == 0 {
            if bytes.is_empty() {
                return Err(NoAnswer::Ended);
            }
            break;
        }
        match byte[0] {
            b'\r' | b'\n' => break,
            0x03 => return Err(NoAnswer::Interrupted(Interrupt::CtrlC)),
            0x04 if bytes.is_empty() => return Err(NoAnswer::Ended),
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
