//! Plain mode's user lists (Done's default user, the rehearsal's host): a number, or part of a
//! name or e-mail to narrow them.

use super::*;

impl<W: Write, E: Write> Plain<W, E> {
    /// Users to choose one from (Done's, the consent step's): a number (as listed), or part
    /// of a name or e-mail; several matches are listed and asked again, one is chosen and
    /// `confirm` sent. An empty answer keeps the user shown; `b` sends `back`.
    pub(super) async fn pick_user(
        &mut self,
        list: UserList,
        confirm: Action,
        back: Action,
    ) -> Result<(), WalkEnd> {
        self.say(&list.question)?;
        self.list_users(&list)?;
        let count = self.model.users().len();
        let mut refusals = self.patience.question();
        loop {
            let default = self.users_shown().chosen + 1;
            let prompt = format!("{} [{default}]", tr(self.lang(), "plain.user_prompt"));
            let answer = self
                .io
                .ask(&prompt, |answer| Some(answer.to_owned()))
                .await?
                .unwrap_or_default();
            if answer.is_empty() {
                // The user shown, wherever a filter left the list.
                self.act(Action::Choose(default - 1))?;
                return Ok(self.act(confirm)?);
            }
            if is_back(&answer) {
                return Ok(self.act(back)?);
            }
            if let Ok(n) = answer.parse::<usize>()
                && (1..=count).contains(&n)
            {
                self.act(Action::Choose(n - 1))?;
                return Ok(self.act(confirm)?);
            }
            self.act(Action::Filter(answer))?;
            let list = self.users_shown();
            if list.options.len() != 1 {
                // None or several: asked again, which a narrowing filter may well need once
                // or twice.
                refusals.refused()?;
            }
            match list.options.as_slice() {
                [] => {
                    let text = trf(self.lang(), "plain.no_users", &[("filter", &list.filter)]);
                    self.say(&text)?;
                }
                [one] => {
                    self.act(Action::Choose(one.index))?;
                    return Ok(self.act(confirm)?);
                }
                several => {
                    let n = crate::text::thousands(several.len() as u64);
                    let text = trf(self.lang(), "plain.several_users", &[("count", &n)]);
                    self.say(&text)?;
                    self.list_users(&list)?;
                }
            }
        }
    }

    /// The list being chosen from: the consent step's hosts while it is open, else Done's.
    pub(super) fn users_shown(&self) -> UserList {
        host_list(&self.model).unwrap_or_else(|| user_list(&self.model))
    }

    /// The first users of a list, numbered as in the whole list, and how many more there are;
    /// the user the prompt's default picks is listed too, wherever it is.
    pub(super) fn list_users(&mut self, list: &UserList) -> io::Result<()> {
        let shown =
            |i: usize, option: &UserOption| i < PLAIN_USERS_LISTED || option.index == list.chosen;
        let listed: Vec<&UserOption> = list
            .options
            .iter()
            .enumerate()
            .filter(|(i, option)| shown(*i, option))
            .map(|(_, option)| option)
            .collect();
        for option in &listed {
            self.say(&format!("  {}) {}", option.index + 1, option.label))?;
        }
        let more = list.options.len() - listed.len();
        if more > 0 {
            let n = crate::text::thousands(more as u64);
            self.say(&trf(self.lang(), "plain.more_users", &[("count", &n)]))?;
        }
        Ok(())
    }
}
