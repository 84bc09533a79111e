//! Plain mode: the same wizard as numbered plain text, answered line by line from standard
//! input, for screen readers, logs and piped answers.
//!
//! Nothing here decides the flow: every answer becomes the keys and pastes the TUI would send
//! (`update(&mut model, Msg::Key(..))`, `Msg::Paste(..)`), and what is printed is read from
//! the `Model` with the same text keys as the screens. The output holds no escape sequence at
//! all: no alternate screen, no colour, no cursor movement; every line goes through
//! [`printable`], so not even a Zoom user's display name can smuggle one in.
//!
//! Exit codes: 0 finished (the Done screen was left), 1 the input ended before that (a script
//! piping answers must be able to tell an interrupted walk from a finished one), 130 Ctrl+C at
//! the hidden secret prompt.

use std::collections::VecDeque;
use std::io::{self, BufRead, IsTerminal, Read, Write};
use std::sync::Once;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use zeroize::{Zeroize, Zeroizing};

use crate::app::model::{Level, Missing, Notice, Overlay, Step};
use crate::app::update::SIGNUP_URL;
use crate::app::{Effect, Model, Msg, Screen, update};
use crate::credentials::{Credentials, Field, Secret, check_all, clean, secret_preview_in};
use crate::guide::{GuideItem, ItemKind};
use crate::i18n::{Lang, tr, trf};
use crate::runtime::{WizardConfig, offer_resume};
use crate::screens::{missing_text, notice_text};
use crate::store::{Progress, Store, screen_from_name};
use crate::zoom::client::ZoomClient;
use crate::zoom::report::{Report, Severity, Stage, StageStatus, User};
use crate::zoom::verify::{VerifyOptions, verify};

/// The walk reached the end (Done was left).
pub const EXIT_FINISHED: i32 = 0;
/// Standard input ended before the setup was finished.
pub const EXIT_INPUT_ENDED: i32 = 1;
/// Standard input is not a terminal and `--plain` was not asked for.
pub const EXIT_NOT_A_TERMINAL: i32 = 2;
/// Ctrl+C at the hidden secret prompt (the shell's usual code for an interrupt).
pub const EXIT_INTERRUPTED: i32 = 130;

/// How the wizard talks to the user.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// The full-screen wizard.
    Tui,
    /// Numbered questions, line by line.
    Plain,
    /// Neither can work: say how to proceed and stop, never wait for input that cannot come.
    NotATerminal,
}

/// Picks the front end. `--plain` always wins. Without it, standard input that is not a
/// terminal stops with advice (exit 2): a script should not walk a wizard by accident. With
/// a terminal on standard input, plain mode is chosen where the TUI would serve badly:
/// `TERM=dumb`, `ACCESSIBLE` set (non-empty), or standard output going to a file or pipe.
pub fn pick_mode(
    plain: bool,
    stdin_is_terminal: bool,
    stdout_is_terminal: bool,
    env: impl Fn(&str) -> Option<String>,
) -> Mode {
    if plain {
        return Mode::Plain;
    }
    if !stdin_is_terminal {
        return Mode::NotATerminal;
    }
    let dumb = env("TERM").is_some_and(|t| t == "dumb");
    let accessible = env("ACCESSIBLE").is_some_and(|v| !v.is_empty());
    if dumb || accessible || !stdout_is_terminal {
        Mode::Plain
    } else {
        Mode::Tui
    }
}

/// Runs plain mode on the process's standard streams; returns the exit code.
pub async fn run_plain(config: WizardConfig) -> io::Result<i32> {
    let terminal = io::stdin().is_terminal();
    run(
        config,
        io::stdin().lock(),
        terminal,
        io::stdout(),
        io::stderr(),
    )
    .await
}

/// Runs plain mode on any streams (tests use buffers). `input_is_terminal` decides whether
/// answers are echoed (a pipe does not show them; a terminal already did) and whether the
/// secret is read with the terminal's echo off.
///
/// Reading blocks the thread: this runs inside `block_on` on the main thread, while the
/// runtime's workers keep serving the demo emulator.
pub async fn run(
    config: WizardConfig,
    input: impl BufRead,
    input_is_terminal: bool,
    out: impl Write,
    err: impl Write,
) -> io::Result<i32> {
    let mut model = Model::new(config.lang, config.demo.clone());
    if let Some(store) = &config.store {
        offer_resume(&mut model, store, config.lang_explicit);
    }
    let mut plain = Plain {
        model,
        io: Io {
            input,
            out,
            err,
            terminal: input_is_terminal,
        },
        client: config.client,
        options: config.verify,
        store: config.store,
        pending_check: None,
        shown_notice: None,
    };
    match plain.walk().await {
        Ok(()) => Ok(EXIT_FINISHED),
        Err(Stop::Ended) => {
            let lang = plain.model.lang;
            plain.io.say("")?;
            writeln!(plain.io.err, "{}", tr(lang, "plain.input_ended"))?;
            Ok(EXIT_INPUT_ENDED)
        }
        Err(Stop::Interrupted) => {
            plain.io.say("")?;
            Ok(EXIT_INTERRUPTED)
        }
        Err(Stop::Io(error)) => Err(error),
    }
}

/// Why the walk stopped before the end.
#[derive(Debug)]
enum Stop {
    /// End of input at a prompt.
    Ended,
    /// Ctrl+C while the terminal's echo was off.
    Interrupted,
    Io(io::Error),
}

impl From<io::Error> for Stop {
    fn from(error: io::Error) -> Self {
        Stop::Io(error)
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
struct Io<R, W, E> {
    input: R,
    out: W,
    err: E,
    terminal: bool,
}

/// Drops every control character but the line break: no ESC, no CSI, no carriage return, so
/// the output can never move the cursor or colour anything, whatever the text came from.
fn printable(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_control() || *c == '\n')
        .collect()
}

impl<R: BufRead, W: Write, E: Write> Io<R, W, E> {
    fn say(&mut self, text: &str) -> io::Result<()> {
        writeln!(self.out, "{}", printable(text))
    }

    /// Prints `prompt` (the caller adds `[default]`), reads one line and cleans it like a
    /// paste (NFKC, so `１` is `1`; no control characters; trimmed), then `parse`s it. A pipe
    /// shows no answers, so an accepted one is echoed and a log reads as question and answer;
    /// one the prompt does not expect is not: a secret pasted out of step never lands there.
    fn ask<T>(
        &mut self,
        prompt: &str,
        parse: impl Fn(&str) -> Option<T>,
    ) -> Result<Option<T>, Stop> {
        self.show_prompt(prompt)?;
        let line = self.read_line()?;
        let answer = clean(&line);
        let parsed = parse(&answer);
        if !self.terminal {
            self.say(if parsed.is_some() { &answer } else { "" })?;
        }
        Ok(parsed)
    }

    /// For the three values: the answer is never echoed, since any of them may carry the
    /// secret (a labelled `Client secret: …` line pasted at an ID's prompt fills the secret).
    /// The core's notice and the field's hint say what landed. Returned as read: the core's
    /// paste logic cleans it.
    fn ask_value(&mut self, prompt: &str) -> Result<Zeroizing<String>, Stop> {
        self.show_prompt(prompt)?;
        let line = self.read_line()?;
        if !self.terminal {
            self.say("")?;
        }
        Ok(line)
    }

    /// Like [`Io::ask_value`] for the Client secret; with a terminal on standard input, the
    /// terminal's own echo is off while it is typed.
    fn ask_secret(&mut self, prompt: &str) -> Result<Zeroizing<String>, Stop> {
        if !self.terminal {
            return self.ask_value(prompt);
        }
        // Echo off before the prompt shows, so nothing typed at once can be echoed.
        let raw = RawMode::enter()?;
        self.show_prompt(prompt)?;
        let line = read_hidden(&mut self.input);
        drop(raw);
        self.say("")?;
        line
    }

    fn show_prompt(&mut self, prompt: &str) -> io::Result<()> {
        write!(self.out, "{}: ", printable(prompt))?;
        self.out.flush()
    }

    /// One line without its line break; invalid UTF-8 is replaced, not refused.
    fn read_line(&mut self) -> Result<Zeroizing<String>, Stop> {
        let mut bytes = Zeroizing::new(Vec::new());
        if self.input.read_until(b'\n', &mut bytes)? == 0 {
            return Err(Stop::Ended);
        }
        while bytes.last().is_some_and(|b| matches!(b, b'\n' | b'\r')) {
            bytes.pop();
        }
        Ok(Zeroizing::new(String::from_utf8_lossy(&bytes).into_owned()))
    }
}

/// The wizard in plain mode: the core's model and what runs its effects.
struct Plain<R, W, E> {
    model: Model,
    io: Io<R, W, E>,
    client: ZoomClient,
    options: VerifyOptions,
    store: Option<Store>,
    /// A check the core asked for; it runs when the Check screen is shown, so "Checking…"
    /// and the result come under that screen's heading.
    pending_check: Option<(u64, Credentials)>,
    /// The notice printed last, so each is said once.
    shown_notice: Option<Notice>,
}

impl<R: BufRead, W: Write, E: Write> Plain<R, W, E> {
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
                Effect::Verify {
                    generation,
                    credentials,
                } => self.pending_check = Some((generation, credentials)),
                Effect::SaveProgress(progress) => {
                    if let Some(failed) = self.save(&progress) {
                        effects.extend(update(&mut self.model, failed));
                    }
                }
                // Plain mode sends no key that asks for the clipboard, a browser or a report;
                // Quit has already set `model.quit`.
                Effect::ForgetProgress => {
                    if let Some(store) = &self.store {
                        let _ = store.reset();
                    }
                }
                Effect::ReadClipboard
                | Effect::Copy { .. }
                | Effect::OpenUrl(_)
                | Effect::SupportReport { .. }
                | Effect::Quit => {}
            }
        }
        self.print_notice()
    }

    fn key(&mut self, code: KeyCode) -> io::Result<()> {
        self.send(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)))
    }

    /// Moves the focus of the current screen to `target` with ↑/↓, as a user would.
    fn focus(&mut self, target: usize) -> io::Result<()> {
        for _ in 0..self.model.focus_count() {
            let code = match self.model.cursor().cmp(&target) {
                std::cmp::Ordering::Less => KeyCode::Down,
                std::cmp::Ordering::Greater => KeyCode::Up,
                std::cmp::Ordering::Equal => break,
            };
            self.key(code)?;
        }
        Ok(())
    }

    fn save(&self, progress: &Progress) -> Option<Msg> {
        let store = self.store.as_ref()?;
        let error = store.save(progress).err()?;
        Some(Msg::save_failed(store, &error))
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

    async fn walk(&mut self) -> Result<(), Stop> {
        self.intro()?;
        while !self.model.quit {
            match self.model.overlay.clone() {
                Some(Overlay::Resume(progress)) => self.resume(&progress)?,
                Some(Overlay::Unfinished { missing, .. }) => self.unfinished(&missing)?,
                Some(Overlay::Help) => self.key(KeyCode::Esc)?,
                None => self.screen().await?,
            }
        }
        self.finished()?;
        Ok(())
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

    async fn screen(&mut self) -> Result<(), Stop> {
        self.heading()?;
        match self.model.screen {
            Screen::Welcome => self.welcome(),
            Screen::Migration => self.migration(),
            Screen::Role => self.role(),
            Screen::CustomRole | Screen::Step1 | Screen::Step2 => self.checklist(),
            Screen::Credentials => self.credentials(),
            Screen::Verify => self.verify().await,
            Screen::Done => self.done(),
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
    fn pick(
        &mut self,
        options: &[String],
        default: usize,
        aliases: &[(&str, usize)],
    ) -> Result<Pick, Stop> {
        for (n, option) in options.iter().enumerate() {
            self.say(&format!("  {}) {option}", n + 1))?;
        }
        let prompt = format!("{} [{}]", tr(self.lang(), "plain.number"), default + 1);
        loop {
            let parse = |answer: &str| parse_pick(answer, options.len(), default, aliases);
            if let Some(pick) = self.io.ask(&prompt, parse)? {
                return Ok(pick);
            }
            let max = options.len().to_string();
            let text = trf(self.lang(), "plain.invalid_number", &[("max", &max)]);
            self.say(&text)?;
        }
    }

    /// "Press Enter to continue": anything but `b` goes on.
    fn confirm(&mut self, key: &str) -> Result<Pick, Stop> {
        let parse = |answer: &str| {
            (answer.is_empty() || is_back(answer)).then_some(if is_back(answer) {
                Pick::Back
            } else {
                Pick::Number(0)
            })
        };
        Ok(self
            .io
            .ask(tr(self.lang(), key), parse)?
            .unwrap_or(Pick::Number(0)))
    }

    /// A choice screen: the pick moves the focus, then Enter; `b` is Esc.
    fn choose_and_go(&mut self, options: &[String]) -> Result<(), Stop> {
        match self.pick(options, self.model.cursor(), &[])? {
            Pick::Number(n) => {
                self.focus(n)?;
                self.key(KeyCode::Enter)?;
            }
            Pick::Back => self.key(KeyCode::Esc)?,
        }
        Ok(())
    }

    // --- screens ------------------------------------------------------------------------

    fn welcome(&mut self) -> Result<(), Stop> {
        let lang = self.lang();
        self.say_key("welcome.body")?;
        self.say("")?;
        self.say_key("welcome.needs")?;
        for key in [
            "welcome.need_zoom",
            "welcome.need_hacomono",
            "welcome.need_time",
        ] {
            self.say(&format!("  - {}", tr(lang, key)))?;
        }
        self.say("")?;
        self.say_key("welcome.jwt_question")?;
        let options = [
            tr(lang, "welcome.jwt_no"),
            tr(lang, "welcome.jwt_yes"),
            tr(lang, "welcome.recheck"),
        ]
        .map(String::from);
        self.choose_and_go(&options)
    }

    fn migration(&mut self) -> Result<(), Stop> {
        let lang = self.lang();
        self.say_key("migration.body")?;
        for key in [
            "migration.jwt_ended",
            "migration.new_app",
            "migration.overwrite",
        ] {
            self.say(&format!("  - {}", tr(lang, key)))?;
        }
        self.say("")?;
        let pick = self.confirm("plain.continue")?;
        self.go_on(pick)
    }

    fn role(&mut self) -> Result<(), Stop> {
        let lang = self.lang();
        self.say_key("role.body")?;
        self.say("")?;
        self.say_key("plain.no_account")?;
        self.say(&format!("  {SIGNUP_URL}"))?;
        self.say("")?;
        self.say_key("role.question")?;
        // The TUI shows the note of the highlighted choice; here each choice carries its own.
        let option = |label, note| format!("{}\n     {}", tr(lang, label), tr(lang, note));
        let options = [
            option("role.owner_admin", "role.owner_admin_note"),
            option("role.custom", "role.custom_note"),
        ];
        self.choose_and_go(&options)
    }

    /// Enter for "continue", Esc for `b`.
    fn go_on(&mut self, pick: Pick) -> Result<(), Stop> {
        let code = match pick {
            Pick::Back => KeyCode::Esc,
            Pick::Number(_) => KeyCode::Enter,
        };
        self.key(code)?;
        Ok(())
    }

    fn checklist(&mut self) -> Result<(), Stop> {
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
            self.app_name()?;
        }
        self.ask_steps_done()
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

    /// STEP 1's App Name: a prompt; the value goes in through the core's paste, which enforces
    /// ASCII. A refused answer leaves the old value and asks again.
    fn app_name(&mut self) -> Result<(), Stop> {
        let lang = self.lang();
        let Some(index) = Model::focusable_items(Screen::Step1)
            .iter()
            .position(|i| i.kind == ItemKind::AppName)
        else {
            return Ok(());
        };
        loop {
            let current = self.model.app_name.value().to_owned();
            let shown = if current.is_empty() {
                tr(lang, "plain.none")
            } else {
                current.as_str()
            };
            let prompt = format!("{} [{shown}]", tr(lang, "plain.app_name"));
            // Any text is an App Name; the core refuses what Zoom would (non-ASCII).
            let answer = self
                .io
                .ask(&prompt, |a| Some(a.to_owned()))?
                .unwrap_or_default();
            if answer.is_empty() {
                return Ok(());
            }
            self.focus(index)?;
            self.replace_app_name(&answer)?;
            if !self.refused() {
                return Ok(());
            }
            self.replace_app_name(&current)?;
        }
    }

    /// Empties the App Name field with End and Backspace, then pastes `value`.
    fn replace_app_name(&mut self, value: &str) -> io::Result<()> {
        self.key(KeyCode::End)?;
        for _ in 0..self.model.app_name.char_count() {
            self.key(KeyCode::Backspace)?;
        }
        if value.is_empty() {
            return Ok(());
        }
        self.send(Msg::Paste(value.into()))
    }

    /// The core refused the last paste (it said so with an error notice).
    fn refused(&self) -> bool {
        self.model
            .notice
            .as_ref()
            .is_some_and(|n| n.level == Level::Error)
    }

    /// "Enter when done, or the numbers not done yet": ticks (and unticks) through the core
    /// with Space, then Enter; the core asks first if something required is still open.
    fn ask_steps_done(&mut self) -> Result<(), Stop> {
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
        loop {
            match self.io.ask(&prompt, parse)? {
                Some(None) => {
                    self.key(KeyCode::Esc)?;
                    return Ok(());
                }
                Some(Some(open)) => {
                    self.set_ticks(&items, &open)?;
                    self.key(KeyCode::Enter)?;
                    return Ok(());
                }
                None => {}
            }
            let max = items.len().to_string();
            let text = trf(lang, "plain.checklist_invalid", &[("max", &max)]);
            self.say(&text)?;
        }
    }

    fn set_ticks(&mut self, items: &[&GuideItem], open: &[usize]) -> io::Result<()> {
        for (index, item) in items.iter().enumerate() {
            let done = !open.contains(&index);
            if item.is_tickable() && self.model.is_ticked(item) != done {
                self.focus(index)?;
                self.key(KeyCode::Char(' '))?;
            }
        }
        Ok(())
    }

    /// STEP 2's values: the IDs in full (they are what the user types into hacomono); the
    /// secret only as its preview, since a log must never hold it.
    fn step2_values(&mut self) -> io::Result<()> {
        let lang = self.lang();
        self.say_key("plain.step2_body")?;
        for field in Field::ALL {
            let value = self.model.field(field).value();
            let shown = if value.is_empty() {
                tr(lang, "step2.no_value").to_owned()
            } else if field == Field::ClientSecret {
                let preview = secret_preview_in(lang, &Secret::new(value));
                trf(lang, "plain.secret_not_shown", &[("preview", &preview)])
            } else {
                value.to_owned()
            };
            self.say(&format!("  {}: {shown}", tr(lang, field.label_key())))?;
        }
        Ok(())
    }

    fn credentials(&mut self) -> Result<(), Stop> {
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
        for (index, field) in Field::ALL.into_iter().enumerate() {
            self.focus(index)?;
            self.ask_field(field)?;
        }
        // Enter on the last field: on to the check, or the core's "not finished" question.
        self.key(KeyCode::Enter)?;
        Ok(())
    }

    /// One value, through the same paste logic as the TUI. Empty keeps what is there, or in
    /// `--demo` takes the demo account's value. A refused paste asks again.
    fn ask_field(&mut self, field: Field) -> Result<(), Stop> {
        loop {
            let prompt = format!(
                "{} [{}]",
                tr(self.lang(), field.label_key()),
                self.field_default(field)
            );
            let answer = if field == Field::ClientSecret {
                self.io.ask_secret(&prompt)?
            } else {
                self.io.ask_value(&prompt)?
            };
            let value = match (answer.trim().is_empty(), self.demo_value(field)) {
                (false, _) => answer,
                (true, Some(demo)) => demo,
                (true, None) => {
                    self.field_hint(field)?;
                    return Ok(());
                }
            };
            self.send(Msg::Paste(value.to_string().into()))?;
            if !self.refused() {
                self.field_hint(field)?;
                return Ok(());
            }
        }
    }

    /// What an empty answer keeps: the value (the secret as its preview), else the demo's.
    fn field_default(&self, field: Field) -> String {
        let lang = self.lang();
        let shown = |value: &str| {
            if field == Field::ClientSecret {
                secret_preview_in(lang, &Secret::new(value))
            } else {
                value.to_owned()
            }
        };
        let current = self.model.field(field).value();
        if !current.is_empty() {
            return shown(current);
        }
        match self.model.demo.as_ref() {
            Some(demo) => shown(demo.value(field)),
            None => tr(lang, "plain.none").to_owned(),
        }
    }

    /// The demo value an empty answer takes, when the field is empty in `--demo`.
    fn demo_value(&self, field: Field) -> Option<Zeroizing<String>> {
        if !self.model.field(field).is_empty() {
            return None;
        }
        let demo = self.model.demo.as_ref()?;
        Some(Zeroizing::new(demo.value(field).to_owned()))
    }

    /// The line the TUI shows under a field: its problems, or the secret's preview.
    fn field_hint(&mut self, field: Field) -> io::Result<()> {
        let lang = self.lang();
        let value = self.model.field(field).value();
        if value.is_empty() {
            let text = format!("  ! {}", tr(lang, "credentials.empty_hint"));
            return self.say(&text);
        }
        let issues: Vec<String> = check_all(&self.model.credentials())
            .into_iter()
            .filter(|(f, _)| *f == field)
            .map(|(_, issue)| {
                let mark = severity_mark(issue.severity);
                format!("  {mark} {}", issue.text(lang))
            })
            .collect();
        if !issues.is_empty() {
            return issues.iter().try_for_each(|line| self.say(line));
        }
        if field == Field::ClientSecret {
            let text = format!("  ✓ {}", secret_preview_in(lang, &Secret::new(value)));
            return self.say(&text);
        }
        Ok(())
    }

    async fn verify(&mut self) -> Result<(), Stop> {
        let lang = self.lang();
        self.say_key("verify.body")?;
        if self.model.recheck_existing() {
            self.say(&format!("! {}", tr(self.lang(), "verify.token_trap")))?;
        }
        self.say("")?;
        if let Some((generation, credentials)) = self.pending_check.take() {
            self.say_key("verify.running")?;
            let report = verify(&self.client, &credentials, &self.options, &mut |_, _| {}).await;
            self.send(Msg::VerifyDone { generation, report })?;
        }
        self.print_check()?;
        self.say("")?;
        // verify.not_ready and verify.outdated say "press r", so r works here too.
        let options = [tr(lang, "keys.next"), tr(lang, "keys.recheck")].map(String::from);
        // Checking an app hacomono uses waits to be asked (a token may disturb hacomono's):
        // then checking is what an empty answer means.
        let default = usize::from(self.model.check.report.is_none());
        let code = match self.pick(&options, default, &[("r", 1)])? {
            Pick::Number(0) => KeyCode::Enter,
            Pick::Number(_) => KeyCode::Char('r'),
            Pick::Back => KeyCode::Esc,
        };
        self.key(code)?;
        Ok(())
    }

    /// Each stage with ✓/✗, the verdict, each diagnosis with its title and fix, the scopes.
    fn print_check(&mut self) -> io::Result<()> {
        let lang = self.lang();
        for stage in Stage::ALL {
            let mark = StageStatus::symbol(self.model.check.status(stage));
            self.say(&format!("  {mark} {}", tr(lang, stage.label_key())))?;
        }
        self.say("")?;
        let Some(report) = self.model.check.report.clone() else {
            return self.say_key("verify.not_run");
        };
        if self.model.check_outdated() {
            self.say(&format!("! {}", tr(lang, "verify.outdated")))?;
        }
        for line in report_lines(lang, &report) {
            self.say(&line)?;
        }
        Ok(())
    }

    fn done(&mut self) -> Result<(), Stop> {
        let lang = self.lang();
        match self.model.default_user().cloned() {
            Some(user) => self.print_user(&user)?,
            None => self.say(&format!("! {}", tr(lang, "done.no_user")))?,
        }
        self.say("")?;
        for line in summary_lines(&self.model) {
            self.say(&line)?;
        }
        let users = self.model.users().to_vec();
        if users.len() < 2 {
            let pick = self.confirm("plain.finish")?;
            return self.go_on(pick);
        }
        self.say("")?;
        self.say_key("plain.choose_user")?;
        let options: Vec<String> = users
            .iter()
            .map(|u| format!("{}  <{}>", user_name(u), u.email))
            .collect();
        // The pick moves the Done cursor (the default user), then Enter finishes.
        self.choose_and_go(&options)
    }

    fn print_user(&mut self, user: &User) -> io::Result<()> {
        let lang = self.lang();
        self.say_key("done.default_user")?;
        for (key, value) in [
            ("done.name", user_name(user)),
            ("done.email", user.email.clone()),
            ("done.user_id", user.id.clone()),
        ] {
            self.say(&format!("  {}: {value}", tr(lang, key)))?;
        }
        self.say("")?;
        self.say_key("done.compare")
    }

    /// After Done: one line that a log or a script can find.
    fn finished(&mut self) -> io::Result<()> {
        let Some(user) = self.model.default_user().cloned() else {
            return Ok(());
        };
        let name = user_name(&user);
        let text = trf(
            self.lang(),
            "plain.finished",
            &[("name", &name), ("email", &user.email), ("id", &user.id)],
        );
        self.say("")?;
        self.say(&text)
    }

    // --- overlays -----------------------------------------------------------------------

    fn resume(&mut self, progress: &Progress) -> Result<(), Stop> {
        let lang = self.lang();
        let screen = screen_from_name(&progress.screen).unwrap_or(Screen::Welcome);
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
        let options = [tr(lang, "keys.resume"), tr(lang, "keys.start_fresh")].map(String::from);
        let code = match self.pick(&options, 0, &[])? {
            Pick::Number(0) => KeyCode::Enter,
            Pick::Number(_) => KeyCode::Char('n'),
            Pick::Back => KeyCode::Esc,
        };
        self.key(code)?;
        Ok(())
    }

    /// The core's "not finished yet" warning as a question; continuing is the default, as
    /// Enter is in the TUI.
    fn unfinished(&mut self, missing: &[Missing]) -> Result<(), Stop> {
        let lang = self.lang();
        self.say("")?;
        self.say(&format!("! {}", tr(lang, "unfinished.title")))?;
        self.say_key("unfinished.body")?;
        for m in missing {
            self.say(&format!("  - {}", missing_text(lang, m)))?;
        }
        let options = [tr(lang, "keys.continue_anyway"), tr(lang, "keys.stay")].map(String::from);
        let code = match self.pick(&options, 0, &[])? {
            Pick::Number(0) => KeyCode::Enter,
            Pick::Number(_) | Pick::Back => KeyCode::Esc,
        };
        self.key(code)?;
        Ok(())
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

/// The verdict, the proposed user, each diagnosis (title, code, fix), then the scopes.
fn report_lines(lang: Lang, report: &Report) -> Vec<String> {
    let mut lines = Vec::new();
    if report.ok() {
        lines.push(format!("✓ {}", tr(lang, "verify.ready")));
        if let Some(user) = report.default_user() {
            let total = report.users_total.unwrap_or(report.users.len() as u64);
            lines.push(trf(
                lang,
                "verify.users_found",
                &[
                    ("count", &total.to_string()),
                    ("name", &user.display_name),
                    ("email", &user.email),
                ],
            ));
        }
    } else {
        lines.push(format!("✗ {}", tr(lang, "verify.not_ready")));
    }
    for diagnosis in &report.diagnoses {
        let mark = severity_mark(diagnosis.severity);
        lines.push(String::new());
        lines.push(format!(
            "{mark} {}  [{}]",
            diagnosis.title(lang),
            diagnosis.code.as_str()
        ));
        lines.push(format!("  {}", diagnosis.fix(lang)));
    }
    if !report.scopes.is_empty() {
        lines.push(String::new());
        lines.push(tr(lang, "verify.scopes").to_owned());
    }
    for scope in &report.scopes {
        let mark = match (scope.met(), scope.required) {
            (true, _) => "✓",
            (false, true) => "✗",
            (false, false) => "!",
        };
        let by = scope.met_by.as_deref().unwrap_or(scope.granular);
        lines.push(format!("  {mark} {} ({by})", tr(lang, &scope.label_key())));
    }
    lines
}

/// Done's summary: the check, the ticks of both checklists, the app's name.
fn summary_lines(model: &Model) -> Vec<String> {
    let lang = model.lang;
    let ok = model.check.report.as_ref().is_some_and(Report::ok) && !model.check_outdated();
    let (mark, key) = if ok {
        ("✓", "done.check_ok")
    } else {
        ("✗", "done.check_not_ok")
    };
    let ticked = |screen| {
        let items = Model::focusable_items(screen);
        let done = items.iter().filter(|i| model.is_ticked(i)).count();
        format!("{done}/{}", items.len())
    };
    let mut lines = vec![
        tr(lang, "done.summary").to_owned(),
        format!("  {mark} {}", tr(lang, key)),
        trf(lang, "done.step1_ticked", &[("n", &ticked(Screen::Step1))]),
        trf(lang, "done.step2_ticked", &[("n", &ticked(Screen::Step2))]),
    ];
    if !model.app_name.is_empty() {
        lines.push(trf(
            lang,
            "done.app_name",
            &[("name", model.app_name.value())],
        ));
    }
    lines
}

fn user_name(user: &User) -> String {
    if user.display_name.is_empty() {
        format!("{} {}", user.first_name, user.last_name)
    } else {
        user.display_name.clone()
    }
}

fn level_mark(level: Level) -> &'static str {
    match level {
        Level::Info => "i",
        Level::Success => "✓",
        Level::Warning => "!",
        Level::Error => "✗",
    }
}

fn severity_mark(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "✗",
        Severity::Warning => "!",
    }
}

// --- the hidden secret prompt ---------------------------------------------------------------

/// The terminal's echo off (raw mode) for as long as this lives, however the prompt ends.
struct RawMode;

impl RawMode {
    fn enter() -> io::Result<RawMode> {
        restore_on_signals();
        crossterm::terminal::enable_raw_mode()?;
        Ok(RawMode)
    }
}

impl Drop for RawMode {
    fn drop(&mut self) {
        let _ = crossterm::terminal::disable_raw_mode();
    }
}

/// Reads one line from a terminal in raw mode (see [`RawMode`]), so nothing is echoed. Raw
/// mode is the only echo switch crossterm offers (no new crate for termios), so line editing
/// is done here: Backspace, Ctrl+U, Enter; Ctrl+D on an empty line is end of input, Ctrl+C
/// interrupts. Raw mode writes nothing to the terminal: the output stays free of escapes.
fn read_hidden(input: &mut impl Read) -> Result<Zeroizing<String>, Stop> {
    // Room for the largest paste the core accepts, so the buffer is not moved (and the old
    // copy left behind) while a secret is typed.
    let mut bytes = Zeroizing::new(Vec::with_capacity(8 * 1024));
    let mut byte = [0u8; 1];
    loop {
        if input.read(&mut byte)? == 0 {
            if bytes.is_empty() {
                return Err(Stop::Ended);
            }
            break;
        }
        match byte[0] {
            b'\r' | b'\n' => break,
            0x03 => return Err(Stop::Interrupted),
            0x04 if bytes.is_empty() => return Err(Stop::Ended),
            0x7f | 0x08 => pop_char(&mut bytes),
            0x15 => bytes.zeroize(),
            b => bytes.push(b),
        }
    }
    byte.zeroize();
    Ok(Zeroizing::new(String::from_utf8_lossy(&bytes).into_owned()))
}

/// Removes the last UTF-8 character (its continuation bytes, then its first byte).
fn pop_char(bytes: &mut Vec<u8>) {
    while let Some(b) = bytes.pop() {
        if b & 0xC0 != 0x80 {
            break;
        }
    }
}

/// A signal while the echo is off would leave the terminal raw: from the first hidden prompt
/// on, SIGINT, SIGTERM and SIGHUP (on Windows Ctrl+C, Ctrl+Break and closing the window)
/// restore it and end the process with the usual 128 + signal.
fn restore_on_signals() {
    static ONCE: Once = Once::new();
    let Ok(handle) = tokio::runtime::Handle::try_current() else {
        return;
    };
    ONCE.call_once(|| {
        handle.spawn(async {
            #[cfg(unix)]
            let code = {
                use tokio::signal::unix::{SignalKind, signal};
                let (Ok(mut int), Ok(mut term), Ok(mut hup)) = (
                    signal(SignalKind::interrupt()),
                    signal(SignalKind::terminate()),
                    signal(SignalKind::hangup()),
                ) else {
                    return;
                };
                tokio::select! {
                    _ = int.recv() => 130,
                    _ = term.recv() => 143,
                    _ = hup.recv() => 129,
                }
            };
            // Windows: Ctrl+C is a key in raw mode (read_hidden ends on it), but Ctrl+Break is
            // always a signal, and closing the window leaves a few seconds to clean up.
            #[cfg(windows)]
            let code = {
                use tokio::signal::windows::{ctrl_break, ctrl_c, ctrl_close};
                let (Ok(mut int), Ok(mut brk), Ok(mut close)) =
                    (ctrl_c(), ctrl_break(), ctrl_close())
                else {
                    return;
                };
                tokio::select! {
                    _ = int.recv() => 130,
                    _ = brk.recv() => 130,
                    _ = close.recv() => 129,
                }
            };
            #[cfg(not(any(unix, windows)))]
            let code = {
                if tokio::signal::ctrl_c().await.is_err() {
                    return;
                }
                130
            };
            let _ = crossterm::terminal::disable_raw_mode();
            std::process::exit(code);
        });
    });
}

#[cfg(test)]
mod tests {
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
