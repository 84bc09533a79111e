//! Plain mode's answers to the core's overlays: resume the saved progress, and "not finished
//! yet".

use super::*;

impl<W: Write, E: Write> Plain<W, E> {
    pub(super) async fn resume(&mut self, progress: &Progress) -> Result<(), WalkEnd> {
        let lang = self.lang();
        let body = text::resume_body(lang, progress);
        self.say("")?;
        self.say_key("resume.title")?;
        self.say(&body)?;
        let choice = two_way(lang, "keys.resume", "keys.start_fresh");
        let action = match self.pick(&choice, &[]).await? {
            Pick::Number(0) => Action::Resume,
            Pick::Number(_) | Pick::Back => Action::StartFresh,
        };
        Ok(self.act(action)?)
    }

    /// The core's "not finished yet" warning as a question; continuing is the default, as
    /// Enter is in the TUI.
    pub(super) async fn unfinished(&mut self, missing: &[Missing]) -> Result<(), WalkEnd> {
        let lang = self.lang();
        self.say("")?;
        self.say(&format!("! {}", tr(lang, "unfinished.title")))?;
        self.say_key("unfinished.body")?;
        for m in missing {
            match m {
                // Plain mode has no field to look under: the problem itself is said here.
                Missing::Invalid(field) => {
                    let lines = values::invalid_lines(&self.model, *field);
                    let (first, rest) = lines.split_first().expect("a first line");
                    self.say(&format!("  - {first}"))?;
                    for line in rest {
                        self.say(line)?;
                    }
                }
                m => self.say(&format!("  - {}", text::missing(&self.model, m)))?,
            }
        }
        let choice = two_way(lang, "keys.continue_anyway", "keys.stay");
        let action = match self.pick(&choice, &[]).await? {
            Pick::Number(0) => Action::ContinueAnyway,
            Pick::Number(_) | Pick::Back => Action::CloseOverlay,
        };
        Ok(self.act(action)?)
    }
}
