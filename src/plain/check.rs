//! Plain mode's Check screen: the check, the offer to rehearse and its consent, the result,
//! and the summary the walk ends with.

use super::*;

impl<W: Write, E: Write> Plain<W, E> {
    pub(super) async fn verify(&mut self) -> Result<(), WalkEnd> {
        let lang = self.lang();
        self.say_key("check_screen.body")?;
        if self.model.recheck_existing() {
            self.say_key("check_screen.token_note")?;
        }
        self.say("")?;
        if let Some((generation, credentials)) = self.pending_check.take() {
            self.say_key("check_screen.running")?;
            let stop = self.io.stop.clone();
            // Each retry is told as it happens ("trying again, 2 of 3").
            let (retries, mut heard) = tokio::sync::mpsc::unbounded_channel();
            let session = self.session.observed(std::sync::Arc::new(move |r| {
                let _ = retries.send(r);
            }));
            let mut quiet = |_, _, _| {};
            let check = session.check(&credentials, &stop, &mut quiet);
            tokio::pin!(check);
            let report = loop {
                tokio::select! {
                    done = &mut check => break done,
                    Some(retrying) = heard.recv() => {
                        self.say(&format!("  {}", crate::app::check_text::retrying(lang, retrying)))?;
                    }
                }
            };
            let interrupted = report.interrupted;
            self.send(Msg::CheckDone { generation, report })?;
            if let (true, Some(why)) = (interrupted, stop.reason()) {
                self.print_check()?;
                return Err(WalkEnd::Interrupted(why));
            }
        }
        self.print_check()?;
        self.say("")?;
        // Writing to Zoom only when asked: the default is No, so piped empty answers never do.
        let can_rehearse = self.model.check_passed()
            && self
                .model
                .check
                .report()
                .is_some_and(|r| r.rehearsal.is_none());
        if can_rehearse {
            let prompt = tr(lang, "plain.rehearse_question");
            let yes = self
                .io
                .ask(prompt, |a| {
                    Some(a.eq_ignore_ascii_case("y") || a.eq_ignore_ascii_case("yes"))
                })
                .await?
                .unwrap_or(false);
            if yes {
                // The core opens its consent step; the walk answers it next.
                return Ok(self.act(Action::Rehearse)?);
            }
        }
        // plain.outdated and plain.not_run say "answer r", so r works here too.
        let action = match self
            .pick(&check_choice(&self.model, lang), &[("r", 1)])
            .await?
        {
            Pick::Number(0) => Action::Next,
            Pick::Number(_) => Action::Recheck,
            Pick::Back => Action::Back,
        };
        Ok(self.act(action)?)
    }

    /// The consent step: what will happen, then the host; the rehearsal runs at once.
    pub(super) async fn consent(&mut self) -> Result<(), WalkEnd> {
        let lang = self.lang();
        self.say("")?;
        self.say_key("consent.title")?;
        for line in consent_text(lang) {
            self.say(&line)?;
        }
        self.say("")?;
        let list = self.users_shown();
        self.pick_user(list, Action::ConfirmRehearsal, Action::CloseOverlay)
            .await?;
        let Some((generation, host, credentials)) = self.pending_rehearsal.take() else {
            return Ok(());
        };
        self.say_key("check.rehearsing")?;
        let stop = self.io.stop.clone();
        let rehearsal = self
            .session
            .rehearse(&credentials, &host, &stop, &mut |_, _| {})
            .await;
        let interrupted = rehearsal.interrupted;
        if interrupted {
            // The walk ends here: say now what became of the test meeting.
            for line in check_text::interrupted_rehearsal_lines(lang, &rehearsal) {
                self.say(&line)?;
            }
        }
        self.send(Msg::RehearsalDone {
            generation,
            rehearsal: Box::new(rehearsal),
        })?;
        match (interrupted, stop.reason()) {
            (true, Some(why)) => Err(WalkEnd::Interrupted(why)),
            _ => Ok(()),
        }
    }

    /// The check's text, as `check` prints it; or that it has not run.
    pub(super) fn print_check(&mut self) -> io::Result<()> {
        let Some(report) = self.model.check.report().cloned() else {
            for stage in Stage::ALL {
                let mark = match self.model.check.status(stage) {
                    StageStatus::Pending => self.glyphs.pending,
                    StageStatus::Running => self.glyphs.running,
                    StageStatus::Skipped => self.glyphs.skipped,
                    status => status.symbol(),
                };
                self.say(&format!("  {mark} {}", tr(self.lang(), stage.label_key())))?;
            }
            self.say("")?;
            return self.say_key("plain.not_run");
        };
        if self.model.check_outdated() {
            self.say(&format!("! {}", tr(self.lang(), "plain.outdated")))?;
        }
        let lang = self.lang();
        let reenter = |field| check_text::reenter_in_plain(lang, field);
        for line in check_text::lines(lang, &report, |stage| report.status(stage), &reenter) {
            self.say(&line)?;
        }
        Ok(())
    }

    /// After Done: the summary the full screen leaves behind too; its first line is one a log
    /// or a script can find.
    pub(super) fn finished(&mut self) -> io::Result<()> {
        self.say("")?;
        self.summary()
    }

    /// How the run ended, as the full screen says it once it is gone: finished, or where the
    /// progress waits.
    pub(super) fn summary(&mut self) -> io::Result<()> {
        let ending = Ending::of(&self.model, self.store.as_ref().map(Store::path));
        for line in summary::lines(&self.model, &ending) {
            self.say(&line)?;
        }
        Ok(())
    }
}
