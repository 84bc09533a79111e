//! Plain mode: the same wizard as numbered plain text, answered line by line from standard
//! input, for screen readers, logs and piped answers.
//!
//! Nothing here decides the flow: every answer becomes an `Action` for the core (the same the
//! TUI's keys become), and what is printed is the core's view of the screen (`app::view`) or
//! its model, with the same text keys as the screens. The output holds no escape sequence at
//! all: no alternate screen, no colour, no cursor movement; every line goes through
//! `streams::printable`, so not even a Zoom user's display name can smuggle one in.
//!
//! Exit codes: 0 finished (the Done screen was left), 1 the input ended before that (a script
//! piping answers must be able to tell an interrupted walk from a finished one), 3 the answers
//! never fitted (see `patience`), 130 Ctrl+C at a value prompt (where the echo is off).

use std::collections::VecDeque;
use std::io::{self, BufRead, IsTerminal, Write};

use zeroize::Zeroizing;

use crate::app::model::{Level, Missing, Notice, Overlay, Step};
use crate::app::msg::Pasted;
use crate::app::progress::Progress;
use crate::app::summary::{self, Ending};
use crate::app::view::{
    Block, Choice, UserList, UserOption, blocks, check_choice, consent_text, host_list, user_list,
};

/// Users listed at most at once; the rest are found by typing part of a name or e-mail.
const PLAIN_USERS_LISTED: usize = 20;
use crate::app::check_text;
use crate::app::text;
use crate::app::{Action, Effect, Model, Msg, Screen, TextTarget, update};
use crate::config::WizardConfig;
use crate::credentials::{Credentials, Field, clean};
use crate::guide::ItemKind;
use crate::i18n::{Lang, tr, trf};
use crate::resume::offer_resume;
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

mod answers;
mod check;
mod hidden;
mod input;
mod mode;
mod overlays;
mod patience;
mod questions;
mod screens;
mod streams;
mod users;
mod values;
mod waiting;

pub use mode::{Mode, pick_mode};

use answers::{Pick, is_back, parse_numbers, parse_pick};
use hidden::RawMode;
use input::{Incoming, Input, NoAnswer, Piped, TerminalInput};
use patience::{GaveUp, OverlayKind, Patience, Place};
use questions::two_way;
use streams::Io;

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
            notice.level.symbol(),
            text::notice(self.lang(), notice)
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
}
