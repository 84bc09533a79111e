//! Plain mode's screens: a screen of text and a question, the checklists, the App Name, the
//! three values and what landed in each.

use super::*;
use crate::app::text::Detail;

impl<W: Write, E: Write> Plain<W, E> {
    /// A screen of text and at most one question, printed from the core's view: the answer
    /// is chosen, then Next; `b` is Back; a screen without a question asks to continue.
    pub(super) async fn view_screen(&mut self) -> Result<(), WalkEnd> {
        let mut question = None;
        for block in blocks(&self.model) {
            match block {
                Block::Choice(choice) => question = Some(choice),
                Block::Users(list) => {
                    return self.pick_user(list, Action::Next, Action::Back).await;
                }
                block => self.print_block(&block)?,
            }
        }
        match question {
            Some(choice) => {
                if !choice.question.is_empty() {
                    self.say(&choice.question)?;
                }
                match self.pick(&choice, &[]).await? {
                    Pick::Number(n) => {
                        self.act(Action::Choose(n))?;
                        self.act(Action::Next)?;
                    }
                    Pick::Back => self.act(Action::Back)?,
                }
                Ok(())
            }
            None => {
                let key = if self.model.screen == Screen::Done {
                    "plain.finish"
                } else {
                    "plain.continue"
                };
                let pick = self.confirm(key).await?;
                self.go_on(pick)
            }
        }
    }

    pub(super) fn print_block(&mut self, block: &Block) -> io::Result<()> {
        match block {
            Block::Text(text) => self.say(text)?,
            Block::Heading(text) => {
                self.say("")?;
                self.say(text)?;
            }
            Block::Bullets(points) => {
                for point in points {
                    self.say(&format!("  - {point}"))?;
                }
            }
            Block::Lines(lines) => {
                for line in lines {
                    self.say(line)?;
                }
            }
            Block::Link { label, url } => {
                self.say(label)?;
                self.say(&format!("  {url}"))?;
            }
            Block::Warning(text) => self.say(&format!("! {text}"))?,
            Block::Facts(facts) => {
                for (label, value) in facts {
                    self.say(&format!("  {label}: {value}"))?;
                }
            }
            Block::Marked(mark, text) => self.say(&format!("  {} {text}", mark.symbol()))?,
            Block::Choice(_) | Block::Users(_) => {}
        }
        Ok(())
    }

    pub(super) async fn checklist(&mut self) -> Result<(), WalkEnd> {
        let screen = self.model.screen;
        match screen {
            Screen::CustomRole => {
                self.say_key("plain.custom_role_body")?;
                let warning = format!("! {}", tr(self.lang(), "custom_role.warning"));
                self.say(&warning)?;
            }
            Screen::Step1 => self.say_key("plain.step1_body")?,
            _ => self.step2_values()?,
        }
        self.say("")?;
        self.print_items(screen)?;
        if screen == Screen::Step1 {
            self.app_name().await?;
        }
        self.ask_steps_done().await
    }

    /// The items with their numbers (the core's focus index + 1); headings unnumbered; notes,
    /// links and scopes in full.
    pub(super) fn print_items(&mut self, screen: Screen) -> io::Result<()> {
        let mut number = 0;
        for item in Model::checklist(screen) {
            let indent = "  ".repeat(usize::from(item.indent));
            let lead = if item.kind == ItemKind::Heading {
                format!("{indent}{}", self.model.item_text(item))
            } else {
                number += 1;
                let mark = if self.model.is_ticked(item) { "x" } else { " " };
                format!("{indent}{number}. [{mark}] {}", self.model.item_text(item))
            };
            self.say(&lead)?;
            // A heading's note is said once, under the heading (its own note), not under each
            // of its items as the full screen's detail pane does.
            let details = text::item_details(&self.model, item);
            for detail in details
                .iter()
                .filter(|d| !matches!(d, Detail::GroupNote(_)))
            {
                self.say(&format!("{indent}     {}", detail.plain()))?;
            }
        }
        Ok(())
    }

    /// STEP 1's App Name: a prompt; the core refuses what Zoom would (non-ASCII) and then
    /// changes nothing, so the question is asked again.
    pub(super) async fn app_name(&mut self) -> Result<(), WalkEnd> {
        let lang = self.lang();
        let mut refusals = self.patience.question();
        loop {
            let current = self.model.app_name.value().to_owned();
            let shown = if current.is_empty() {
                tr(lang, "plain.none")
            } else {
                current.as_str()
            };
            let prompt = format!("{} [{shown}]", tr(lang, "plain.app_name"));
            let answer = self
                .io
                .ask(&prompt, |a| Some(a.to_owned()))
                .await?
                .unwrap_or_default();
            if answer.is_empty() {
                return Ok(());
            }
            self.act(Action::SetText(TextTarget::AppName, answer.into()))?;
            if !self.refused() {
                return Ok(());
            }
            refusals.refused()?;
        }
    }

    /// The core refused the last text (it said so with an error notice).
    pub(super) fn refused(&self) -> bool {
        self.model
            .notice
            .as_ref()
            .is_some_and(|n| n.level == Level::Error)
    }

    /// "Enter when done, or the numbers not done yet": the ticks go to the core, then Next;
    /// the core asks first if something required is still open.
    pub(super) async fn ask_steps_done(&mut self) -> Result<(), WalkEnd> {
        let lang = self.lang();
        let items = Model::focusable_items(self.model.screen);
        let prompt = format!(
            "{} [{}]",
            tr(lang, "plain.checklist_prompt"),
            tr(lang, "plain.checklist_default")
        );
        let parse = |answer: &str| {
            if is_back(answer) {
                Some(None)
            } else {
                parse_numbers(answer, items.len()).map(Some)
            }
        };
        let mut refusals = self.patience.question();
        loop {
            match self.io.ask(&prompt, parse).await? {
                Some(None) => return Ok(self.act(Action::Back)?),
                Some(Some(open)) => {
                    for (index, item) in items.iter().enumerate() {
                        let ticked = !open.contains(&index);
                        if item.is_tickable() && self.model.is_ticked(item) != ticked {
                            let item = item.id.clone();
                            self.act(Action::SetTicked { item, ticked })?;
                        }
                    }
                    return Ok(self.act(Action::Next)?);
                }
                None => refusals.refused()?,
            }
            let max = items.len().to_string();
            let text = trf(lang, "plain.checklist_invalid", &[("max", &max)]);
            self.say(&text)?;
        }
    }

    /// STEP 2's values: the IDs in full (they are what the user types into hacomono); the
    /// secret only as its preview, since a log must never hold it.
    pub(super) fn step2_values(&mut self) -> io::Result<()> {
        let lang = self.lang();
        self.say_key("plain.step2_body")?;
        for field in Field::ALL {
            let shown = match values::shown(&self.model, field) {
                None => tr(lang, "step2.no_value").to_owned(),
                Some(preview) if self.model.is_hidden(field) => {
                    trf(lang, "plain.secret_not_shown", &[("preview", &preview)])
                }
                Some(value) => value,
            };
            self.say(&format!("  {}: {shown}", tr(lang, field.label_key())))?;
        }
        Ok(())
    }

    pub(super) async fn credentials(&mut self) -> Result<(), WalkEnd> {
        let lang = self.lang();
        self.say_key("plain.credentials_body")?;
        if let Some(demo) = &self.model.demo {
            let text = trf(
                lang,
                "values.demo_values",
                &[("account", &demo.account_id), ("client", &demo.client_id)],
            );
            self.say(&text)?;
        }
        self.say("")?;
        for field in Field::ALL {
            self.ask_field(field).await?;
        }
        // Next from the last field: on to the check, or the core's "not finished" question.
        self.act(Action::Choose(Field::ALL.len() - 1))?;
        self.act(Action::Next)?;
        Ok(())
    }

    /// One value, through the same paste rules as the TUI. An empty answer keeps what is
    /// there (in `--demo`, the demo account's value). A refused paste asks again.
    pub(super) async fn ask_field(&mut self, field: Field) -> Result<(), WalkEnd> {
        let mut refusals = self.patience.question();
        loop {
            let default = values::default(&self.model, field);
            let prompt = format!("{} [{default}]", tr(self.lang(), field.label_key()));
            let answer = self.io.ask_value(&prompt).await?;
            if answer.trim().is_empty() {
                self.act(Action::UseDefault(field))?;
                self.field_hint(field)?;
                return Ok(());
            }
            let text = Pasted(answer.to_string());
            self.act(Action::SetText(TextTarget::Field(field), text))?;
            if !self.refused() {
                self.field_hint(field)?;
                return Ok(());
            }
            refusals.refused()?;
        }
    }

    /// What landed in `field`, and its problems: the lines the TUI shows in and under it.
    pub(super) fn field_hint(&mut self, field: Field) -> io::Result<()> {
        for line in values::hint(&self.model, field) {
            self.say(&line)?;
        }
        Ok(())
    }
}
