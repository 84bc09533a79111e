//! A test harness over the pure core: press keys, paste, feed results, read the screen.
#![allow(dead_code)]

pub mod net;
pub mod netlab;
pub mod process;
#[cfg(unix)]
pub mod pty;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use hacomono_zoom_setup::app::{Effect, Model, Msg, Screen, update};
use hacomono_zoom_setup::credentials::{Credentials, Secret};
use hacomono_zoom_setup::i18n::Lang;
use hacomono_zoom_setup::tui::screens;
use hacomono_zoom_setup::tui::theme::Theme;
use hacomono_zoom_setup::zoom::report::Report;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

#[derive(Clone)]
pub struct Harness {
    pub model: Model,
    /// Every effect the core asked for, in order.
    pub effects: Vec<Effect>,
}

pub fn demo_credentials() -> Credentials {
    Credentials {
        account_id: "DemoAccount1234567890a".into(),
        client_id: "DemoClient01234567890b".into(),
        client_secret: Secret::new("DemoSecret0123456789abcdefghijKL"),
    }
}

impl Harness {
    pub fn new(lang: Lang) -> Self {
        Harness {
            model: Model::new(lang, None),
            effects: Vec::new(),
        }
    }

    pub fn demo(lang: Lang) -> Self {
        Harness {
            model: Model::new(lang, Some(demo_credentials())),
            effects: Vec::new(),
        }
    }

    pub fn send(&mut self, msg: Msg) -> Vec<Effect> {
        let effects = update(&mut self.model, msg);
        self.effects.extend(effects.clone());
        effects
    }

    pub fn key_with(&mut self, code: KeyCode, modifiers: KeyModifiers) -> Vec<Effect> {
        self.send(Msg::Key(KeyEvent::new(code, modifiers)))
    }

    pub fn press(&mut self, code: KeyCode) -> Vec<Effect> {
        self.key_with(code, KeyModifiers::NONE)
    }

    pub fn ctrl(&mut self, c: char) -> Vec<Effect> {
        self.key_with(KeyCode::Char(c), KeyModifiers::CONTROL)
    }

    pub fn release(&mut self, code: KeyCode) -> Vec<Effect> {
        let mut event = KeyEvent::new(code, KeyModifiers::NONE);
        event.kind = KeyEventKind::Release;
        self.send(Msg::Key(event))
    }

    pub fn type_str(&mut self, text: &str) {
        for c in text.chars() {
            self.press(KeyCode::Char(c));
        }
    }

    pub fn paste(&mut self, text: &str) -> Vec<Effect> {
        self.send(Msg::Paste(text.into()))
    }

    /// Enter, and Enter again to continue past an "unfinished" warning if one comes up. A
    /// check still under way holds Enter back, so it is answered first, as one that could not
    /// reach Zoom (the core's tests have no network).
    pub fn force_next(&mut self) {
        if self.model.check.is_running() {
            let generation = self.model.check.generation;
            self.send(Msg::CheckDone {
                generation,
                report: unreachable_report(),
            });
        }
        self.press(KeyCode::Enter);
        if self.model.overlay.is_some() {
            self.press(KeyCode::Enter);
        }
    }

    pub fn buffer(&self, width: u16, height: u16) -> Buffer {
        self.buffer_with(&Theme::COLOR, width, height)
    }

    pub fn buffer_with(&self, theme: &Theme, width: u16, height: u16) -> Buffer {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal
            .draw(|f| screens::render(&self.model, theme, f))
            .unwrap();
        terminal.backend().buffer().clone()
    }

    /// The screen drawn with another theme (another glyph set).
    pub fn screen_with(&self, theme: &Theme, width: u16, height: u16) -> String {
        buffer_text(&self.buffer_with(theme, width, height))
    }

    /// The screen as text, one line per row, trailing spaces cut. Wide characters take two
    /// cells; the second (an empty cell) is skipped so Japanese reads naturally.
    pub fn screen(&self, width: u16, height: u16) -> String {
        buffer_text(&self.buffer(width, height))
    }
}

/// The report of a check that passed every stage, with these users and default user.
pub fn passed_report(
    users: Vec<hacomono_zoom_setup::zoom::report::User>,
    default_user: usize,
) -> Report {
    use hacomono_zoom_setup::zoom::report::{Stage, StageStatus};
    Report {
        stages: Stage::ALL
            .iter()
            .map(|s| (*s, StageStatus::Passed))
            .collect(),
        users,
        default_user: Some(default_user),
        ..Report::default()
    }
}

/// The report of a check whose token request failed with `code` (blaming `field`, if any).
pub fn failed_report(
    code: hacomono_zoom_setup::zoom::report::DiagnosisCode,
    field: Option<hacomono_zoom_setup::credentials::Field>,
    detail: Option<&str>,
) -> Report {
    use hacomono_zoom_setup::credentials::Severity;
    use hacomono_zoom_setup::zoom::report::{Diagnosis, Stage, StageStatus};
    Report {
        stages: vec![
            (Stage::Token, StageStatus::Failed),
            (Stage::Scopes, StageStatus::Skipped),
            (Stage::Users, StageStatus::Skipped),
        ],
        diagnoses: vec![Diagnosis {
            code,
            severity: Severity::Error,
            field,
            detail: detail.map(str::to_owned),
        }],
        ..Report::default()
    }
}

/// The report of a check that could not reach Zoom.
pub fn unreachable_report() -> Report {
    use hacomono_zoom_setup::zoom::report::DiagnosisCode;
    failed_report(DiagnosisCode::Network, None, Some("Connection refused"))
}

/// Presses on (past "unfinished" warnings) until `screen` shows.
pub fn walk_to(h: &mut Harness, screen: Screen) {
    for _ in 0..12 {
        if h.model.screen == screen {
            return;
        }
        h.force_next();
    }
    panic!("never reached {screen:?}, stuck on {:?}", h.model.screen);
}

/// A demo wizard walked to `screen`, the demo values filled in on the way; the check gets
/// `report` as its answer, if one is given.
pub fn demo_at(lang: Lang, screen: Screen, report: Option<Report>) -> Harness {
    demo_walk(Harness::demo(lang), screen, report)
}

/// `h` (a demo wizard) walked on to `screen`, as `demo_at` does.
pub fn demo_walk(mut h: Harness, screen: Screen, report: Option<Report>) -> Harness {
    for _ in 0..12 {
        if h.model.screen == screen {
            break;
        }
        if h.model.screen == Screen::Values {
            h.ctrl('d');
        }
        h.force_next();
        if let (Some(Effect::Check { generation, .. }), Some(report)) =
            (h.effects.last().cloned(), report.clone())
            && h.model.check.is_running()
        {
            h.send(Msg::CheckDone { generation, report });
        }
    }
    assert_eq!(h.model.screen, screen);
    h
}

pub fn buffer_text(buffer: &Buffer) -> String {
    let area = buffer.area;
    let mut out = String::new();
    for y in 0..area.height {
        let mut line = String::new();
        let mut skip = 0;
        for x in 0..area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = buffer[(x, y)].symbol();
            skip = unicode_width::UnicodeWidthStr::width(symbol).saturating_sub(1);
            line.push_str(symbol);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
