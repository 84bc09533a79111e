//! Plain mode's streams: a question printed, its answer read (the values with the terminal's
//! echo off), and no escape sequence ever written.

use super::*;

/// The streams, and the rules for writing to them.
pub(super) struct Io<W, E> {
    pub(super) input: Input,
    pub(super) out: W,
    pub(super) err: E,
    /// Set by an interruption: every question gives way to it.
    pub(super) stop: signals::Stop,
}

/// Drops every control character but the line break: no ESC, no CSI, no carriage return, so
/// the output can never move the cursor or colour anything, whatever the text came from.
pub(super) fn printable(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_control() || *c == '\n')
        .collect()
}

impl<W: Write, E: Write> Io<W, E> {
    pub(super) fn say(&mut self, text: &str) -> io::Result<()> {
        writeln!(self.out, "{}", printable(text))
    }

    /// Prints `prompt` (the caller adds `[default]`), reads one line and cleans it like a
    /// paste (NFKC, so `１` is `1`; no control characters; trimmed), then `parse`s it. A pipe
    /// shows no answers, so an accepted one is echoed and a log reads as question and answer;
    /// one the prompt does not expect is not: a secret pasted out of step never lands there.
    pub(super) async fn ask<T>(
        &mut self,
        prompt: &str,
        parse: impl Fn(&str) -> Option<T>,
    ) -> Result<Option<T>, WalkEnd> {
        self.show_prompt(prompt)?;
        let line = self.input.line(&self.stop).await?;
        let answer = clean(&line);
        let parsed = parse(&answer);
        if !self.input.is_terminal() {
            self.say(if parsed.is_some() { &answer } else { "" })?;
        }
        Ok(parsed)
    }

    /// For the three values: the answer is never echoed, since any of them may carry the
    /// secret (a labelled `Client secret: …` line, or the whole App Credentials page, pasted at
    /// an ID's prompt fills the secret). With a terminal on standard input, the terminal's own
    /// echo is off while it is typed or pasted (off before the prompt shows, so nothing typed
    /// at once can be echoed). The core's notice and the field's hint say what landed.
    /// Returned as read: the core's paste logic cleans it.
    pub(super) async fn ask_value(&mut self, prompt: &str) -> Result<Zeroizing<String>, WalkEnd> {
        if !self.input.is_terminal() {
            self.show_prompt(prompt)?;
            let line = self.input.line(&self.stop).await?;
            self.say("")?;
            return Ok(line);
        }
        let raw = RawMode::enter()?;
        self.show_prompt(prompt)?;
        let answer = self.input.hidden(&self.stop).await;
        drop(raw);
        self.say("")?;
        Ok(answer?)
    }

    fn show_prompt(&mut self, prompt: &str) -> io::Result<()> {
        write!(self.out, "{}: ", printable(prompt))?;
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printable_drops_every_control_character_but_the_line_break() {
        assert_eq!(printable("a\u{1b}[31mb\r\n\u{9b}c\u{7}"), "a[31mb\nc");
    }
}
