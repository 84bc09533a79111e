//! Plain mode: the same wizard as numbered plain text, answered line by line from standard
//! input, for screen readers, logs and piped answers.
//!
//! Nothing here decides the flow: every answer becomes an `Action` for the core (the same the
//! TUI's keys become), and what is printed is the core's view of the screen (`app::view`) or
//! its model, with the same text keys as the screens. The output holds no escape sequence at
//! all: no alternate screen, no colour, no cursor movement; every line goes through
//! [`printable`], so not even a Zoom user's display name can smuggle one in.
//!
//! Exit codes: 0 finished (the Done screen was left), 1 the input ended before that (a script
//! piping answers must be able to tell an interrupted walk from a finished one), 3 the answers
//! never fitted (see `patience`), 130 Ctrl+C at a value prompt (where the echo is off).

use std::collections::VecDeque;
use std::io::{self, BufRead, IsTerminal, Write};

use zeroize::Zeroizing;

use crate::app::model::{Level, Missing, Notice, Overlay, Step};
use crate::app::msg::Pasted;
use crate::app::progress::{Progress, screen_from_name};
use crate::app::summary::{self, Ending};
use crate::app::view::{
    Block, Choice, UserList, UserOption, blocks, check_choice, consent_text, host_list, user_list,
};

/// Users listed at most at once; the rest are found by typing part of a name or e-mail.
const PLAIN_USERS_LISTED: usize = 20;
use crate::app::{Action, Effect, Model, Msg, Screen, TextTarget, update};
use crate::check_text;
use crate::credentials::{Credentials, Field, clean};
use crate::guide::{GuideItem, ItemKind};
use crate::i18n::{Lang, tr, trf};
use crate::resume::offer_resume;
use crate::runtime::WizardConfig;
use crate::screens::{missing_text, notice_text};
use crate::signals::{self, Interrupt};
use crate::store::Store;
use crate::zoom::report::{Stage, StageStatus, User};
use crate::zoom::session::ZoomSession;

/// The walk reached the end (Done was left).
pub const EXIT_FINISHED: i32 = 0;
/// Standard input ended before the setup was finished.
pub const EXIT_INPUT_ENDED: i32 = 1;
/// Standard input is not a terminal and `--plain` was not asked for.
pub const EXIT_NOT_A_TERMINAL: i32 = 2;
/// The answers never fitted: one question refused them too often in a row, or piped answers
/// kept going back to screens already shown (see `patience`).
pub const EXIT_ANSWERS_NEVER_FIT: i32 = 3;
/// Ctrl+C (the shell's usual code for an interrupt; 129 for a closed terminal, 143 for
/// SIGTERM): a rehearsal under way deleted its meeting first.
pub const EXIT_INTERRUPTED: i32 = 130;

mod hidden;
mod input;
mod mode;
mod patience;
mod values;
mod waiting;

pub use mode::{Mode, pick_mode};

use hidden::RawMode;
use input::{Incoming, Input, NoAnswer, Piped, TerminalInput};
use patience::{GaveUp, OverlayKind, Patience, Place};

/// Runs plain mode on the process's standard streams; returns the exit code. Ctrl+C, a closed
/// terminal or SIGTERM end the walk (a rehearsal under way deletes its meeting first).
pub async fn run_plain(config: WizardConfig) -> io::Result<i32> {
    let terminal = io::stdin().is_terminal();
    let stop = signals::Stop::new();
    let watcher = signals::watch(stop.clone())?;
    let (out, err) = (io::stdout(), io::stderr());
    let code = if terminal {
        run_on(config, TerminalInput::new(), true, out, err, stop).await
    } else {
        let input = Piped(io::BufReader::new(io::stdin()));
        run_on(config, input, false, out, err, stop).await
    };
    watcher.abort();
    code
}

/// Runs plain mode on any streams (tests use buffers). `input_is_terminal` decides whether
/// answers are echoed (a pipe does not show them; a terminal already did), whether the values
/// are read with the terminal's echo off, and how patient questions are (`patience`). `stop` ends the walk where it is, as Ctrl+C.
///
/// The input is read on a thread of its own (see `input`), so a question gives way to `stop`.
/// Every line of `input` is an answer of its own, as from a pipe: only the process's terminal
/// (`run_plain`) joins the lines of a paste.
pub async fn run(
    config: WizardConfig,
    input: impl BufRead + Send + 'static,
    input_is_terminal: bool,
    out: impl Write,
    err: impl Write,
    stop: signals::Stop,
) -> io::Result<i32> {
    run_on(config, Piped(input), input_is_terminal, out, err, stop).await
}

async fn run_on(
    config: WizardConfig,
    input: impl Incoming + 'static,
    input_is_terminal: bool,
    out: impl Write,
    err: impl Write,
    stop: signals::Stop,
) -> io::Result<i32> {
    let mut model = Model::new(config.lang, config.demo.clone());
    if let Some(store) = &config.store {
        offer_resume(&mut model, store, config.lang_explicit);
    }
    let mut plain = Plain {
        model,
        io: Io {
            input: Input::spawn(input, input_is_terminal),
            out,
            err,
            stop,
        },
        session: ZoomSession::new(config.client, config.verify),
        store: config.store,
        pending_check: None,
        pending_rehearsal: None,
        shown_notice: None,
        glyphs: config.theme.glyphs,
        patience: Patience::new(input_is_terminal),
    };
    match plain.walk().await {
        Ok(()) => Ok(EXIT_FINISHED),
        Err(WalkEnd::InputEnded) => {
            let lang = plain.model.lang;
            plain.io.say("")?;
            writeln!(plain.io.err, "{}", tr(lang, "plain.input_ended"))?;
            plain.summary()?;
            Ok(EXIT_INPUT_ENDED)
        }
        Err(WalkEnd::Interrupted(why)) => {
            plain.io.say("")?;
            plain.summary()?;
            Ok(why.exit_code())
        }
        Err(WalkEnd::GaveUp(why)) => {
            let lang = plain.model.lang;
            let (key, count) = match why {
                GaveUp::Refused(n) => ("plain.refused_too_often", n),
                GaveUp::GoingRound(n) => ("plain.going_round", n),
            };
            plain.io.say("")?;
            writeln!(
                plain.io.err,
                "{}",
                trf(lang, key, &[("count", &count.to_string())])
            )?;
            plain.summary()?;
            Ok(EXIT_ANSWERS_NEVER_FIT)
        }
        Err(WalkEnd::Io(error)) => Err(error),
    }
}

/// Why the walk stopped before the end.
#[derive(Debug)]
enum WalkEnd {
    /// End of input at a prompt.
    InputEnded,
    /// Ctrl+C (at the hidden prompt, or a signal), a closed terminal, SIGTERM.
    Interrupted(Interrupt),
    /// The answers never fitted (see `patience`).
    GaveUp(GaveUp),
    Io(io::Error),
}

impl From<GaveUp> for WalkEnd {
    fn from(why: GaveUp) -> Self {
        WalkEnd::GaveUp(why)
    }
}

impl From<NoAnswer> for WalkEnd {
    fn from(no_answer: NoAnswer) -> Self {
        match no_answer {
            NoAnswer::Ended => WalkEnd::InputEnded,
            NoAnswer::Interrupted(why) => WalkEnd::Interrupted(why),
            NoAnswer::Io(error) => WalkEnd::Io(error),
        }
    }
}

impl From<io::Error> for WalkEnd {
    fn from(error: io::Error) -> Self {
        WalkEnd::Io(error)
    }
}

/// An answer to a numbered question.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Pick {
    /// Zero-based index of the option.
    Number(usize),
    Back,
}

/// The streams, and the rules for writing to them.
struct Io<W, E> {
    input: Input,
    out: W,
    err: E,
    /// Set by an interruption: every question gives way to it.
    stop: signals::Stop,
}

/// Drops every control character but the line break: no ESC, no CSI, no carriage return, so
/// the output can never move the cursor or colour anything, whatever the text came from.
fn printable(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_control() || *c == '\n')
        .collect()
}

impl<W: Write, E: Write> Io<W, E> {
    fn say(&mut self, text: &str) -> io::Result<()> {
        writeln!(self.out, "{}", printable(text))
    }

    /// Prints `prompt` (the caller adds `[default]`), reads one line and cleans it like a
    /// paste (NFKC, so `１` is `1`; no control characters; trimmed), then `parse`s it. A pipe
    /// shows no answers, so an accepted one is echoed and a log reads as question and answer;
    /// one the prompt does not expect is not: a secret pasted out of step never lands there.
    async fn ask<T>(
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
    async fn ask_value(&mut self, prompt: &str) -> Result<Zeroizing<String>, WalkEnd> {
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

/// The wizard in plain mode: the core's model and what runs its effects.
struct Plain<W, E> {
    model: Model,
    io: Io<W, E>,
    /// The Zoom work: the check and the rehearsal.
    session: ZoomSession,
    store: Option<Store>,
    /// A check the core asked for; it runs when the Check screen is shown, so "Checking…"
    /// and the result come under that screen's heading.
    pending_check: Option<(u64, Credentials)>,
    /// A rehearsal the core asked for; it runs at once, under the Check screen.
    pending_rehearsal: Option<(u64, User, Credentials)>,
    /// The notice printed last, so each is said once.
    shown_notice: Option<Notice>,
    /// The marks of the check's stages, from the same `--glyphs` choice as the full screen.
    glyphs: crate::glyphs::Glyphs,
    /// When answers that never fit end the walk.
    patience: Patience,
}

impl<W: Write, E: Write> Plain<W, E> {
    fn lang(&self) -> Lang {
        self.model.lang
    }

    fn say(&mut self, text: &str) -> io::Result<()> {
        self.io.say(text)
    }

    fn say_key(&mut self, key: &str) -> io::Result<()> {
        let text = tr(self.lang(), key);
        self.io.say(text)
    }

    // --- driving the core ---------------------------------------------------------------

    /// One message through the core, its effects carried out, a new notice printed.
    fn send(&mut self, msg: Msg) -> io::Result<()> {
        let mut effects: VecDeque<Effect> = update(&mut self.model, msg).into();
        while let Some(effect) = effects.pop_front() {
            match effect {
                Effect::Check {
                    generation,
                    credentials,
                } => self.pending_check = Some((generation, credentials)),
                Effect::CancelCheck => self.pending_check = None,
                Effect::Rehearse {
                    generation,
                    host,
                    credentials,
                } => self.pending_rehearsal = Some((generation, host, credentials)),
                Effect::SaveProgress(progress) => {
                    if let Some(failed) = self.save(&progress) {
                        effects.extend(update(&mut self.model, failed));
                    }
                }
                Effect::ForgetProgress => {
                    if let Some(store) = &self.store {
                        let _ = store.reset();
                    }
                }
                // Plain mode asks for no clipboard, browser or report.
                // Nor warm connections: it asks for the values one line at a time.
                Effect::ReadClipboard
                | Effect::Copy { .. }
                | Effect::OpenUrl(_)
                | Effect::SupportReport { .. }
                | Effect::WarmUp => {}
            }
        }
        self.print_notice()
    }

    fn act(&mut self, action: Action) -> io::Result<()> {
        self.send(Msg::Action(action))
    }

    fn save(&self, progress: &Progress) -> Option<Msg> {
        let store = self.store.as_ref()?;
        let error = store.save(progress).err()?;
        Some(Msg::SaveFailed {
            path: store.path().display().to_string(),
            error: error.to_string(),
        })
    }

    fn print_notice(&mut self) -> io::Result<()> {
        if self.model.notice == self.shown_notice {
            return Ok(());
        }
        self.shown_notice = self.model.notice.clone();
        let Some(notice) = &self.model.notice else {
            return Ok(());
        };
        let text = format!(
            "{} {}",
            level_mark(notice.level),
            notice_text(self.lang(), notice)
        );
        self.say(&text)
    }

    // --- the walk -----------------------------------------------------------------------

    async fn walk(&mut self) -> Result<(), WalkEnd> {
        self.intro()?;
        while !self.model.quit {
            self.patience.visit(self.place())?;
            match self.model.overlay.clone() {
                Some(Overlay::Resume(progress)) => self.resume(&progress).await?,
                Some(Overlay::Unfinished { missing, .. }) => self.unfinished(&missing).await?,
                Some(Overlay::Help) => self.act(Action::CloseOverlay)?,
                Some(Overlay::Consent { .. }) => self.consent().await?,
                None => self.screen().await?,
            }
        }
        self.finished()?;
        Ok(())
    }

    /// The screen shown, or the question over it.
    fn place(&self) -> Place {
        let overlay = self.model.overlay.as_ref().map(|overlay| match overlay {
            Overlay::Resume(_) => OverlayKind::Resume,
            Overlay::Unfinished { .. } => OverlayKind::Unfinished,
            Overlay::Consent { .. } => OverlayKind::Consent,
            Overlay::Help => OverlayKind::Help,
        });
        Place {
            screen: self.model.screen,
            overlay,
        }
    }

    fn intro(&mut self) -> io::Result<()> {
        let lang = self.lang();
        let mut title = tr(lang, "app.title").to_owned();
        if self.model.demo.is_some() {
            title = format!("{title} ({})", tr(lang, "app.demo_badge"));
        }
        self.say(&title)?;
        self.say_key("plain.intro")?;
        if self.model.demo.is_some() {
            self.say_key("plain.demo")?;
        }
        // A notice from loading saved progress (a file set aside, say).
        self.print_notice()
    }

    async fn screen(&mut self) -> Result<(), WalkEnd> {
        self.heading()?;
        match self.model.screen {
            Screen::Start | Screen::Migration | Screen::Role | Screen::Done => {
                self.view_screen().await
            }
            Screen::CustomRole | Screen::Step1 | Screen::Step2 => self.checklist().await,
            Screen::Values => self.credentials().await,
            Screen::Check => self.verify().await,
        }
    }

    /// `(3/7) STEP 1: build the app in Zoom`, after a blank line.
    fn heading(&mut self) -> io::Result<()> {
        let lang = self.lang();
        let step = self.model.screen.step();
        let n = Step::ALL.iter().position(|s| *s == step).unwrap_or(0) + 1;
        let text = trf(
            lang,
            "plain.heading",
            &[
                ("n", &n.to_string()),
                ("total", &Step::ALL.len().to_string()),
                ("title", tr(lang, self.model.screen.title_key())),
            ],
        );
        self.say("")?;
        self.say(&text)
    }

    // --- questions ----------------------------------------------------------------------

    /// A numbered question: prints the options, asks with the default in brackets, and asks
    /// again until the answer is a number, `b`, or one of `aliases` (a letter the screen's
    /// text mentions, such as `r` on the check).
    async fn pick(&mut self, choice: &Choice, aliases: &[(&str, usize)]) -> Result<Pick, WalkEnd> {
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
    async fn confirm(&mut self, key: &str) -> Result<Pick, WalkEnd> {
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
    fn go_on(&mut self, pick: Pick) -> Result<(), WalkEnd> {
        let action = match pick {
            Pick::Back => Action::Back,
            Pick::Number(_) => Action::Next,
        };
        Ok(self.act(action)?)
    }

    // --- screens ------------------------------------------------------------------------

    /// A screen of text and at most one question, printed from the core's view: the answer
    /// is chosen, then Next; `b` is Back; a screen without a question asks to continue.
    async fn view_screen(&mut self) -> Result<(), WalkEnd> {
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

    fn print_block(&mut self, block: &Block) -> io::Result<()> {
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

    /// Users to choose one from (Done's, the consent step's): a number (as listed), or part
    /// of a name or e-mail; several matches are listed and asked again, one is chosen and
    /// `confirm` sent. An empty answer keeps the user shown; `b` sends `back`.
    async fn pick_user(
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
    fn users_shown(&self) -> UserList {
        host_list(&self.model).unwrap_or_else(|| user_list(&self.model))
    }

    /// The first users of a list, numbered as in the whole list, and how many more there are;
    /// the user the prompt's default picks is listed too, wherever it is.
    fn list_users(&mut self, list: &UserList) -> io::Result<()> {
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

    async fn checklist(&mut self) -> Result<(), WalkEnd> {
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
    fn print_items(&mut self, screen: Screen) -> io::Result<()> {
        let lang = self.lang();
        let mut number = 0;
        for item in Model::checklist(screen) {
            let indent = "  ".repeat(usize::from(item.indent));
            let lead = if item.kind == ItemKind::Heading {
                format!("{indent}{}", item.text(lang))
            } else {
                number += 1;
                let mark = if self.model.is_ticked(item) { "x" } else { " " };
                format!("{indent}{number}. [{mark}] {}", item.text(lang))
            };
            self.say(&lead)?;
            for detail in item_details(lang, item) {
                self.say(&format!("{indent}     {detail}"))?;
            }
        }
        Ok(())
    }

    /// STEP 1's App Name: a prompt; the core refuses what Zoom would (non-ASCII) and then
    /// changes nothing, so the question is asked again.
    async fn app_name(&mut self) -> Result<(), WalkEnd> {
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
    fn refused(&self) -> bool {
        self.model
            .notice
            .as_ref()
            .is_some_and(|n| n.level == Level::Error)
    }

    /// "Enter when done, or the numbers not done yet": the ticks go to the core, then Next;
    /// the core asks first if something required is still open.
    async fn ask_steps_done(&mut self) -> Result<(), WalkEnd> {
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
    fn step2_values(&mut self) -> io::Result<()> {
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

    async fn credentials(&mut self) -> Result<(), WalkEnd> {
        let lang = self.lang();
        self.say_key("plain.credentials_body")?;
        if let Some(demo) = &self.model.demo {
            let text = trf(
                lang,
                "credentials.demo_values",
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
    async fn ask_field(&mut self, field: Field) -> Result<(), WalkEnd> {
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
    fn field_hint(&mut self, field: Field) -> io::Result<()> {
        for line in values::hint(&self.model, field) {
            self.say(&line)?;
        }
        Ok(())
    }

    async fn verify(&mut self) -> Result<(), WalkEnd> {
        let lang = self.lang();
        self.say_key("verify.body")?;
        if self.model.recheck_existing() {
            self.say_key("verify.token_note")?;
        }
        self.say("")?;
        if let Some((generation, credentials)) = self.pending_check.take() {
            self.say_key("verify.running")?;
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
                        self.say(&format!("  {}", crate::check_text::retrying(lang, retrying)))?;
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
    async fn consent(&mut self) -> Result<(), WalkEnd> {
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
    fn print_check(&mut self) -> io::Result<()> {
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
    fn finished(&mut self) -> io::Result<()> {
        self.say("")?;
        self.summary()
    }

    /// How the run ended, as the full screen says it once it is gone: finished, or where the
    /// progress waits.
    fn summary(&mut self) -> io::Result<()> {
        let ending = Ending::of(&self.model, self.store.as_ref().map(Store::path));
        for line in summary::lines(&self.model, &ending) {
            self.say(&line)?;
        }
        Ok(())
    }

    // --- overlays -----------------------------------------------------------------------

    async fn resume(&mut self, progress: &Progress) -> Result<(), WalkEnd> {
        let lang = self.lang();
        let screen = screen_from_name(&progress.screen).unwrap_or(Screen::Start);
        let body = trf(
            lang,
            "resume.body",
            &[
                ("screen", tr(lang, screen.title_key())),
                ("ticks", &progress.ticks.len().to_string()),
            ],
        );
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
    async fn unfinished(&mut self, missing: &[Missing]) -> Result<(), WalkEnd> {
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
                m => self.say(&format!("  - {}", missing_text(lang, m)))?,
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

/// A question of two answers, the first the default.
fn two_way(lang: Lang, first: &str, second: &str) -> Choice {
    Choice {
        question: String::new(),
        options: vec![
            (tr(lang, first).to_owned(), None),
            (tr(lang, second).to_owned(), None),
        ],
        selected: 0,
    }
}

// --- pure helpers ---------------------------------------------------------------------------

fn is_back(answer: &str) -> bool {
    answer.eq_ignore_ascii_case("b")
}

/// Empty is the default; `b` is back; a number from 1 to `count`, or an alias.
fn parse_pick(
    answer: &str,
    count: usize,
    default: usize,
    aliases: &[(&str, usize)],
) -> Option<Pick> {
    if answer.is_empty() {
        return Some(Pick::Number(default));
    }
    if is_back(answer) {
        return Some(Pick::Back);
    }
    if let Some((_, index)) = aliases
        .iter()
        .find(|(alias, _)| answer.eq_ignore_ascii_case(alias))
    {
        return Some(Pick::Number(*index));
    }
    match answer.parse::<usize>() {
        Ok(n) if (1..=count).contains(&n) => Some(Pick::Number(n - 1)),
        _ => None,
    }
}

/// The zero-based items named in `answer` (`2 5`, `2,5`, `2、5`); empty for an empty answer
/// (all done); `None` when a part is not a number from 1 to `count`.
fn parse_numbers(answer: &str, count: usize) -> Option<Vec<usize>> {
    answer
        .split(|c: char| !c.is_ascii_digit())
        .filter(|part| !part.is_empty())
        .map(|part| match part.parse::<usize>() {
            Ok(n) if (1..=count).contains(&n) => Some(n - 1),
            _ => None,
        })
        .collect::<Option<Vec<usize>>>()
        .filter(|numbers| !numbers.is_empty() || answer.trim().is_empty())
}

/// An item's note, link and scope, as the TUI's detail pane shows them.
fn item_details(lang: Lang, item: &GuideItem) -> Vec<String> {
    let mut lines: Vec<String> = item.note(lang).map(str::to_owned).into_iter().collect();
    if let Some(url) = &item.url {
        lines.push(format!("{}{url}", tr(lang, "detail.link")));
    }
    if let Some(scope) = &item.scope {
        lines.push(format!("{}{scope}", tr(lang, "detail.scope")));
    }
    lines
}

fn level_mark(level: Level) -> &'static str {
    match level {
        Level::Info => "i",
        Level::Success => "✓",
        Level::Warning => "!",
        Level::Error => "✗",
    }
}

#[cfg(test)]
mod tests {
    use super::hidden::pop_char;
    use super::*;

    fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| {
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn the_mode_follows_the_flag_the_streams_and_the_environment() {
        let xterm = [("TERM", "xterm-256color")];
        assert_eq!(pick_mode(false, true, true, env(&xterm)), Mode::Tui);
        assert_eq!(pick_mode(true, true, true, env(&xterm)), Mode::Plain);
        assert_eq!(pick_mode(true, false, false, env(&xterm)), Mode::Plain);
        assert_eq!(
            pick_mode(false, false, true, env(&xterm)),
            Mode::NotATerminal
        );
        assert_eq!(pick_mode(false, true, false, env(&xterm)), Mode::Plain);
        assert_eq!(
            pick_mode(false, true, true, env(&[("TERM", "dumb")])),
            Mode::Plain
        );
        let accessible = [("TERM", "xterm"), ("ACCESSIBLE", "1")];
        assert_eq!(pick_mode(false, true, true, env(&accessible)), Mode::Plain);
        let empty = [("TERM", "xterm"), ("ACCESSIBLE", "")];
        assert_eq!(pick_mode(false, true, true, env(&empty)), Mode::Tui);
        // Auto-plain never overrides a missing terminal on standard input.
        assert_eq!(
            pick_mode(false, false, true, env(&[("TERM", "dumb")])),
            Mode::NotATerminal
        );
    }

    #[test]
    fn picks_take_the_default_back_numbers_and_aliases() {
        assert_eq!(parse_pick("", 2, 1, &[]), Some(Pick::Number(1)));
        assert_eq!(parse_pick("B", 2, 0, &[]), Some(Pick::Back));
        assert_eq!(parse_pick("2", 2, 0, &[]), Some(Pick::Number(1)));
        assert_eq!(parse_pick("3", 2, 0, &[]), None);
        assert_eq!(parse_pick("0", 2, 0, &[]), None);
        assert_eq!(parse_pick("yes", 2, 0, &[]), None);
        assert_eq!(parse_pick("r", 2, 0, &[("r", 1)]), Some(Pick::Number(1)));
    }

    #[test]
    fn numbers_not_done_are_read_in_any_separator() {
        assert_eq!(parse_numbers("", 5), Some(vec![]));
        assert_eq!(parse_numbers("2 5", 5), Some(vec![1, 4]));
        assert_eq!(parse_numbers("2,5", 5), Some(vec![1, 4]));
        assert_eq!(parse_numbers("2、5", 5), Some(vec![1, 4]));
        assert_eq!(parse_numbers("6", 5), None);
        assert_eq!(parse_numbers("done", 5), None);
    }

    #[test]
    fn printable_drops_every_control_character_but_the_line_break() {
        assert_eq!(printable("a\u{1b}[31mb\r\n\u{9b}c\u{7}"), "a[31mb\nc");
    }

    #[test]
    fn backspace_removes_a_whole_character() {
        let mut bytes = "aé".as_bytes().to_vec();
        pop_char(&mut bytes);
        assert_eq!(bytes, b"a");
    }
}
