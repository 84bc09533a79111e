//! Plain mode's input: answers are read on a thread of their own, so that waiting for one gives
//! way at once to an interruption (Ctrl+C, a closed terminal, SIGTERM), and the terminal's echo
//! is off while a value is typed.
//!
//! At a terminal, everything that arrives at once is one answer, as a paste is one paste on the
//! full screen: after a line, whatever else is already waiting (or comes within [`PASTE_GAP`])
//! joins it, line breaks and all, so the App Credentials page pasted at one prompt is one answer
//! for the core's paste logic, not one answer per line for the questions that follow. Piped
//! answers are always one per line, however fast they come.

use std::io::{self, BufRead, BufReader, Read, Stdin};
use std::sync::mpsc as std_mpsc;
use std::time::Duration;

use tokio::sync::mpsc;
use zeroize::Zeroizing;

use super::hidden::read_hidden;
use super::waiting::stdin_within;
use crate::signals::{Interrupt, Stop};

/// How long after a line more input still counts as the same paste. A terminal hands a paste
/// over at once (a few chunks at most, over SSH perhaps a packet later); a person presses a key
/// after Enter a good tenth of a second later at the quickest.
pub(super) const PASTE_GAP: Duration = Duration::from_millis(30);

/// The most one answer gathers from a paste: four times the largest paste the core takes
/// (`credentials::MAX_PASTE_BYTES`), so an oversized paste is still refused as one, and a
/// terminal that never stops sending (a program typing into it) cannot grow an answer for ever.
pub(super) const MAX_ANSWER_BYTES: usize = 16 * 1024;

/// Why no answer was read.
#[derive(Debug)]
pub(super) enum NoAnswer {
    /// The end of input (Ctrl+D on an empty line, a pipe that ran dry).
    Ended,
    /// Ctrl+C at the hidden prompt, or an interruption while waiting.
    Interrupted(Interrupt),
    Io(io::Error),
}

/// Standard input as the reader thread reads it: bytes and lines, and whether more has come.
pub(super) trait Incoming: BufRead + Send {
    /// Whether more input is already here, or arrives within `gap`: the rest of what came at
    /// once with the line just read. Waits at most `gap`.
    fn more_within(&mut self, gap: Duration) -> bool;
}

/// A pipe or a file (or a test's buffer): every line is an answer of its own.
pub(super) struct Piped<R>(pub R);

impl<R: Read> Read for Piped<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.0.read(buf)
    }
}

impl<R: BufRead> BufRead for Piped<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.0.fill_buf()
    }
    fn consume(&mut self, amount: usize) {
        self.0.consume(amount);
    }
}

impl<R: BufRead + Send> Incoming for Piped<R> {
    fn more_within(&mut self, _gap: Duration) -> bool {
        false
    }
}

/// Standard input at a terminal: more is waiting when our buffer still holds bytes of the
/// last read (a paste read in raw mode comes in one piece), or the terminal has sent more
/// (`waiting`).
pub(super) struct TerminalInput(BufReader<Stdin>);

impl TerminalInput {
    pub(super) fn new() -> TerminalInput {
        // Larger than `Stdin`'s own buffer, so every read goes past it to the terminal and
        // nothing can wait there unseen by `more_within`.
        TerminalInput(BufReader::with_capacity(MAX_ANSWER_BYTES, io::stdin()))
    }
}

impl Read for TerminalInput {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.0.read(buf)
    }
}

impl BufRead for TerminalInput {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.0.fill_buf()
    }
    fn consume(&mut self, amount: usize) {
        self.0.consume(amount);
    }
}

impl Incoming for TerminalInput {
    fn more_within(&mut self, gap: Duration) -> bool {
        !self.0.buffer().is_empty() || stdin_within(gap)
    }
}

/// What the reader is asked for.
enum Want {
    /// One answer, as the terminal (or pipe) gives it.
    Line,
    /// One answer typed with the terminal's echo off (see `hidden`).
    Hidden,
}

type Answer = Result<Zeroizing<String>, NoAnswer>;

/// Answers, one per question asked, from a reader thread.
pub(super) struct Input {
    wants: std_mpsc::Sender<Want>,
    answers: mpsc::UnboundedReceiver<Answer>,
    /// Standard input is a terminal: the echo can be turned off for the values.
    terminal: bool,
}

impl Input {
    /// Starts the reader thread on `incoming`. The thread blocks in reads; it ends with the
    /// process, or when this `Input` is dropped and its next read returns.
    pub(super) fn spawn(mut incoming: impl Incoming + 'static, terminal: bool) -> Input {
        let (wants, asked) = std_mpsc::channel::<Want>();
        let (answer, answers) = mpsc::unbounded_channel();
        std::thread::spawn(move || {
            while let Ok(want) = asked.recv() {
                let read = match want {
                    Want::Line => read_answer(&mut incoming),
                    Want::Hidden => read_hidden(&mut incoming),
                };
                if answer.send(read).is_err() {
                    break;
                }
            }
        });
        Input {
            wants,
            answers,
            terminal,
        }
    }

    pub(super) fn is_terminal(&self) -> bool {
        self.terminal
    }

    /// The next answer, without its final line break; an interruption while waiting ends the
    /// wait.
    pub(super) async fn line(&mut self, stop: &Stop) -> Answer {
        self.ask(Want::Line, stop).await
    }

    /// The next answer typed at a terminal whose echo the caller has turned off (`RawMode`):
    /// read byte by byte, with the line editing done by `hidden::read_hidden`.
    pub(super) async fn hidden(&mut self, stop: &Stop) -> Answer {
        self.ask(Want::Hidden, stop).await
    }

    async fn ask(&mut self, want: Want, stop: &Stop) -> Answer {
        if self.wants.send(want).is_err() {
            return Err(NoAnswer::Ended);
        }
        tokio::select! {
            biased;
            why = stop.wait() => Err(NoAnswer::Interrupted(why)),
            answer = self.answers.recv() => answer.unwrap_or(Err(NoAnswer::Ended)),
        }
    }
}

/// One line, and the lines that came at once with it, joined with `\n`; without the final line
/// break. Invalid UTF-8 is replaced, not refused.
pub(super) fn read_answer(incoming: &mut impl Incoming) -> Answer {
    // Sized up front: the answer may be the secret, and growing would leave copies behind.
    let mut bytes = Zeroizing::new(Vec::with_capacity(MAX_ANSWER_BYTES));
    loop {
        match incoming.read_until(b'\n', &mut bytes) {
            Ok(0) if bytes.is_empty() => return Err(NoAnswer::Ended),
            Ok(0) => {
                // The line break put in for a line that never came.
                bytes.pop();
                break;
            }
            Ok(_) => {}
            Err(error) => return Err(NoAnswer::Io(error)),
        }
        while bytes.last().is_some_and(|b| matches!(b, b'\n' | b'\r')) {
            bytes.pop();
        }
        if bytes.len() >= MAX_ANSWER_BYTES || !incoming.more_within(PASTE_GAP) {
            break;
        }
        bytes.push(b'\n');
    }
    Ok(Zeroizing::new(String::from_utf8_lossy(&bytes).into_owned()))
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use std::collections::VecDeque;

    /// What a terminal delivers: each chunk arrived at once, with a pause before the next.
    /// More is waiting while the chunk being read has bytes left.
    pub(in crate::plain) struct Chunks {
        chunks: VecDeque<Vec<u8>>,
        current: Vec<u8>,
        at: usize,
    }

    impl Chunks {
        pub(in crate::plain) fn new(chunks: &[&str]) -> Chunks {
            Chunks {
                chunks: chunks.iter().map(|c| c.as_bytes().to_vec()).collect(),
                current: Vec::new(),
                at: 0,
            }
        }
    }

    impl Read for Chunks {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let available = self.fill_buf()?;
            let n = available.len().min(buf.len());
            buf[..n].copy_from_slice(&available[..n]);
            self.consume(n);
            Ok(n)
        }
    }

    impl BufRead for Chunks {
        fn fill_buf(&mut self) -> io::Result<&[u8]> {
            if self.at == self.current.len() {
                self.current = self.chunks.pop_front().unwrap_or_default();
                self.at = 0;
            }
            Ok(&self.current[self.at..])
        }
        fn consume(&mut self, amount: usize) {
            self.at += amount;
        }
    }

    impl Incoming for Chunks {
        fn more_within(&mut self, _gap: Duration) -> bool {
            self.at < self.current.len()
        }
    }

    fn answers(mut incoming: impl Incoming) -> Vec<String> {
        let mut all = Vec::new();
        while let Ok(answer) = read_answer(&mut incoming) {
            all.push(answer.to_string());
        }
        all
    }

    const PAGE: &str = "Account ID\nAcc0001\nCopy\nClient ID\nCli0002\nCopy\nClient secret\nSecret03\nRegenerate\n";

    #[test]
    fn a_page_pasted_at_a_terminal_is_one_answer() {
        let got = answers(Chunks::new(&["1\n", PAGE, "\n"]));
        assert_eq!(got, ["1", PAGE.trim_end(), ""]);
    }

    #[test]
    fn lines_typed_one_by_one_are_answers_of_their_own() {
        assert_eq!(answers(Chunks::new(&["1\n", "2\n", "\n"])), ["1", "2", ""]);
    }

    #[test]
    fn piped_lines_are_always_answers_of_their_own() {
        let got = answers(Piped(PAGE.as_bytes()));
        assert_eq!(got, PAGE.lines().collect::<Vec<_>>());
    }

    #[test]
    fn crlf_line_breaks_are_one_break() {
        assert_eq!(answers(Chunks::new(&["a\r\nb\r\n"])), ["a\nb"]);
        assert_eq!(answers(Piped(&b"a\r\nb\r\n"[..])), ["a", "b"]);
    }

    #[test]
    fn a_last_line_without_its_break_still_counts() {
        assert_eq!(answers(Chunks::new(&["a\nb"])), ["a\nb"]);
    }

    #[test]
    fn a_terminal_that_never_stops_sending_still_gets_answers_of_bounded_size() {
        let flood = "y\n".repeat(MAX_ANSWER_BYTES);
        let got = answers(Chunks::new(&[&flood]));
        assert!(got.len() > 1, "cut into several answers");
        assert!(got.iter().all(|a| a.len() <= MAX_ANSWER_BYTES + 1));
    }

    #[test]
    fn the_end_of_input_is_no_answer() {
        let mut empty = Chunks::new(&[]);
        assert!(matches!(read_answer(&mut empty), Err(NoAnswer::Ended)));
    }
}
