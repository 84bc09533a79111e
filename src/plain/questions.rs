//! Plain mode's numbered questions: the options, the prompt with its default, and Next or
//! Back.

use super::*;

impl<W: Write, E: Write> Plain<W, E> {
    /// A numbered question: prints the options, asks with the default in brackets, and asks
    /// again until the answer is a number, `b`, or one of `aliases` (a letter the screen's
    /// text mentions, such as `r` on the check).
    pub(super) async fn pick(
        &mut self,
        choice: &Choice,
        aliases: &[(&str, usize)],
    ) -> Result<Pick, WalkEnd> {
        for (n, (option, note)) in choice.options.iter().enumerate() {
            self.say(&format!("  {}) {option}", n + 1))?;
            // The TUI shows the note of the highlighted answer; here each carries its own.
            if let Some(note) = note {
                self.say(&format!("     {note}"))?;
            }
        }
        let count = choice.options.len();
        let default = choice.selected;
        let prompt = format!("{} [{}]", tr(self.lang(), "plain.number"), default + 1);
        let mut refusals = self.patience.question();
        loop {
            let parse = |answer: &str| parse_pick(answer, count, default, aliases);
            if let Some(pick) = self.io.ask(&prompt, parse).await? {
                return Ok(pick);
            }
            refusals.refused()?;
            let max = count.to_string();
            let text = trf(self.lang(), "plain.invalid_number", &[("max", &max)]);
            self.say(&text)?;
        }
    }

    /// "Press Enter to continue": anything but `b` goes on.
    pub(super) async fn confirm(&mut self, key: &str) -> Result<Pick, WalkEnd> {
        let parse = |answer: &str| {
            (answer.is_empty() || is_back(answer)).then_some(if is_back(answer) {
                Pick::Back
            } else {
                Pick::Number(0)
            })
        };
        Ok(self
            .io
            .ask(tr(self.lang(), key), parse)
            .await?
            .unwrap_or(Pick::Number(0)))
    }

    /// Next, or Back for `b`.
    pub(super) fn go_on(&mut self, pick: Pick) -> Result<(), WalkEnd> {
        let action = match pick {
            Pick::Back => Action::Back,
            Pick::Number(_) => Action::Next,
        };
        Ok(self.act(action)?)
    }
}

/// A question of two answers, the first the default.
pub(super) fn two_way(lang: Lang, first: &str, second: &str) -> Choice {
    Choice {
        question: String::new(),
        options: vec![
            (tr(lang, first).to_owned(), None),
            (tr(lang, second).to_owned(), None),
        ],
        selected: 0,
    }
}
