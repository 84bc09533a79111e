//! Plain mode's input: answers are read on a thread of their own, so that waiting for one gives
//! way at once to an interruption (Ctrl+C, a closed terminal, SIGTERM), and the terminal's echo
//! is off while the Client secret is typed.

use std::io::{self, BufRead};
use std::sync::mpsc as std_mpsc;

use tokio::sync::mpsc;
use zeroize::Zeroizing;

use super::hidden::read_hidden;
use crate::signals::{Interrupt, Stop};

/// Why no answer was read.
#[derive(Debug)]
pub(super) enum NoAnswer {
    /// The end of input (Ctrl+D on an empty line, a pipe that ran dry).
    Ended,
    /// Ctrl+C at the hidden prompt, or an interruption while waiting.
    Interrupted(Interrupt),
    Io(io::Error),
}

/// What the reader is asked for.
enum Want {
    /// One line, as the terminal (or pipe) gives it.
    Line,
    /// One line typed with the terminal's echo off (see `hidden`).
    Hidden,
}

type Answer = Result<Zeroizing<String>, NoAnswer>;

/// Answers, one per question asked, from a reader thread.
pub(super) struct Input {
    wants: std_mpsc::Sender<Want>,
    answers: mpsc::UnboundedReceiver<Answer>,
    /// Standard input is a terminal: the echo can be turned off for the secret.
    terminal: bool,
}

impl Input {
    /// Starts the reader thread on `reader`. The thread blocks in reads; it ends with the
    /// process, or when this `Input` is dropped and its next read returns.
    pub(super) fn spawn(mut reader: impl BufRead + Send + 'static, terminal: bool) -> Input {
        let (wants, asked) = std_mpsc::channel::<Want>();
        let (answer, answers) = mpsc::unbounded_channel();
        std::thread::spawn(move || {
            while let Ok(want) = asked.recv() {
                let read = match want {
                    Want::Line => read_line(&mut reader),
                    Want::Hidden => read_hidden(&mut reader),
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

    /// The next line, without its line break; an interruption while waiting ends the wait.
    pub(super) async fn line(&mut self, stop: &Stop) -> Answer {
        self.ask(Want::Line, stop).await
    }

    /// The next line typed at a terminal whose echo the caller has turned off (`RawMode`):
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

/// One line without its line break; invalid UTF-8 is replaced, not refused.
fn read_line(reader: &mut impl BufRead) -> Answer {
    let mut bytes = Zeroizing::new(Vec::new());
    match reader.read_until(b'\n', &mut bytes) {
        Ok(0) => return Err(NoAnswer::Ended),
        Ok(_) => {}
        Err(error) => return Err(NoAnswer::Io(error)),
    }
    while bytes.last().is_some_and(|b| matches!(b, b'\n' | b'\r')) {
        bytes.pop();
    }
    Ok(Zeroizing::new(String::from_utf8_lossy(&bytes).into_owned()))
}
