//! The value prompts at a terminal: the terminal's echo off while a value (perhaps the Client
//! secret) is typed or pasted, and line editing done here. (An interruption meanwhile ends the wait in `input`, which drops the
//! [`RawMode`] and so restores the echo.)

use std::io;

use zeroize::{Zeroize, Zeroizing};

use super::input::{Incoming, MAX_ANSWER_BYTES, NoAnswer, PASTE_GAP};
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

/// Reads one answer from a terminal in raw mode (see [`RawMode`]), so nothing is echoed. Raw
/// mode is the only echo switch crossterm offers (no new crate for termios), so line editing
/// is done here: Backspace, Ctrl+U, Enter; Ctrl+D on an empty line is end of input, Ctrl+C
/// interrupts. Raw mode writes nothing to the terminal: the output stays free of escapes.
///
/// A line break with more input right behind it is part of a paste (see `input`): it is kept
/// as `\n` and the answer goes on, so a pasted page is one answer, and its last line, which a
/// copy often leaves without a line break, joins it when Enter is pressed.
pub(super) fn read_hidden(input: &mut impl Incoming) -> Result<Zeroizing<String>, NoAnswer> {
    // Room for the largest answer, so the buffer is not moved (and the old copy left behind)
    // while a secret is typed.
    let mut bytes = Zeroizing::new(Vec::with_capacity(MAX_ANSWER_BYTES));
    let mut byte = [0u8; 1];
    loop {
        if input.read(&mut byte).map_err(NoAnswer::Io)? == 0 {
            if bytes.is_empty() {
                return Err(NoAnswer::Ended);
            }
            break;
        }
        match byte[0] {
            // (A `\r\n` becomes an empty line, which the paste logic skips.)
            b'\r' | b'\n' if input.more_within(PASTE_GAP) => bytes.push(b'\n'),
            b'\r' | b'\n' => break,
            0x03 => return Err(NoAnswer::Interrupted(Interrupt::CtrlC)),
            0x04 if bytes.is_empty() => return Err(NoAnswer::Ended),
            0x7f | 0x08 => pop_char(&mut bytes),
            0x15 => bytes.zeroize(),
            b => bytes.push(b),
        }
        if bytes.len() >= MAX_ANSWER_BYTES {
            // A terminal that never stops sending: what came so far is the answer.
            break;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plain::input::tests::Chunks;

    fn hidden(chunks: &[&str]) -> Vec<String> {
        let mut input = Chunks::new(chunks);
        let mut all = Vec::new();
        while let Ok(answer) = read_hidden(&mut input) {
            all.push(answer.to_string());
        }
        all
    }

    #[test]
    fn a_page_pasted_in_raw_mode_is_one_answer_ended_by_enter() {
        // A terminal sends `\r` for each line break of a paste; the copy's last line has
        // none, so the answer ends when Enter comes, a moment later.
        let page = "Account ID\rAcc0001\rCopy\rClient secret\rSecret03\rRegenerate";
        assert_eq!(
            hidden(&[page, "\r", "typed\r"]),
            [
                "Account ID\nAcc0001\nCopy\nClient secret\nSecret03\nRegenerate",
                "typed"
            ]
        );
    }

    #[test]
    fn typed_keys_are_edited_and_end_at_enter() {
        assert_eq!(
            hidden(&["a", "b", "\x7f", "c", "\r", "x", "\x15", "y", "\r"]),
            ["ac", "y"]
        );
    }

    #[test]
    fn ctrl_c_interrupts_and_ctrl_d_on_an_empty_line_ends() {
        let mut input = Chunks::new(&["ab\x03"]);
        assert!(matches!(
            read_hidden(&mut input),
            Err(NoAnswer::Interrupted(Interrupt::CtrlC))
        ));
        let mut input = Chunks::new(&["\x04"]);
        assert!(matches!(read_hidden(&mut input), Err(NoAnswer::Ended)));
    }

    #[test]
    fn a_terminal_that_never_stops_sending_gets_an_answer_of_bounded_size() {
        let flood = "y\r".repeat(MAX_ANSWER_BYTES);
        let answers = hidden(&[&flood]);
        assert!(answers.len() > 1);
        assert!(answers.iter().all(|a| a.len() <= MAX_ANSWER_BYTES));
    }

    #[test]
    fn backspace_removes_a_whole_character() {
        let mut bytes = "aé".as_bytes().to_vec();
        pop_char(&mut bytes);
        assert_eq!(bytes, b"a");
    }
}
