//! What a terminal really shows: the bytes our backend writes, frame after frame (ratatui's
//! diff, not one full redraw), fed to a terminal emulator (`vt100`), compared with the cells
//! ratatui believes it drew. `TestBackend` snapshots cannot see a wide character that the
//! terminal draws over a popup's border; these tests can.

mod support;

use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;

use crossterm::event::KeyCode;
use hacomono_zoom_setup::app::model::Overlay;
use hacomono_zoom_setup::app::progress::Progress;
use hacomono_zoom_setup::app::{Model, Screen};
use hacomono_zoom_setup::i18n::Lang;
use hacomono_zoom_setup::tui::screens;
use hacomono_zoom_setup::tui::theme::Theme;
use ratatui::backend::CrosstermBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use support::Harness;

const SIZES: [(u16, u16); 2] = [(80, 24), (132, 40)];

/// The bytes the backend writes, kept where the test can take them.
#[derive(Clone, Default)]
struct Wire(Rc<RefCell<Vec<u8>>>);

impl Write for Wire {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A terminal emulator fed with exactly what `CrosstermBackend` writes.
struct Emulated {
    terminal: Terminal<CrosstermBackend<Wire>>,
    wire: Wire,
    parser: vt100::Parser,
    width: u16,
    height: u16,
}

impl Emulated {
    fn new(width: u16, height: u16) -> Self {
        let wire = Wire::default();
        let terminal = Terminal::with_options(
            CrosstermBackend::new(wire.clone()),
            TerminalOptions {
                viewport: Viewport::Fixed(Rect::new(0, 0, width, height)),
            },
        )
        .unwrap();
        Emulated {
            terminal,
            wire,
            parser: vt100::Parser::new(height, width, 0),
            width,
            height,
        }
    }

    /// Draws one frame as the wizard does, lets the emulator read the bytes, and returns the
    /// cells the frame meant to show. (`TestBackend` keeps only the cells the diff sent, so it
    /// repeats the diff's mistakes; the frame's own buffer does not.)
    fn draw(&mut self, model: &Model) -> Buffer {
        let meant = self
            .terminal
            .draw(|f| screens::render(model, &Theme::COLOR, f))
            .unwrap()
            .buffer
            .clone();
        let bytes = std::mem::take(&mut *self.wire.0.borrow_mut());
        self.parser.process(&bytes);
        meant
    }

    /// Every row and column where `what` starts on the emulator's screen (cells compared one
    /// by one, so a blank cell inside it would not match).
    fn find(&self, what: &str) -> Vec<(u16, u16)> {
        let mut found = Vec::new();
        let screen = self.parser.screen();
        let wanted: Vec<String> = what.chars().map(String::from).collect();
        for y in 0..self.height {
            let cells: Vec<(u16, String)> = (0..self.width)
                .filter_map(|x| {
                    let cell = screen.cell(y, x)?;
                    (!cell.is_wide_continuation()).then(|| (x, cell.contents().to_owned()))
                })
                .collect();
            for start in 0..cells.len() {
                let here = cells[start..].iter().map(|(_, c)| c.clone());
                if here.take(wanted.len()).eq(wanted.iter().cloned()) {
                    found.push((y, cells[start].0));
                }
            }
        }
        found
    }

    /// The emulator's screen as text, like `support::buffer_text`: the second half of a wide
    /// character is skipped, trailing spaces cut.
    fn text(&self) -> String {
        let screen = self.parser.screen();
        let mut out = String::new();
        for y in 0..self.height {
            let mut line = String::new();
            for x in 0..self.width {
                let cell = screen.cell(y, x).expect("a cell inside the screen");
                if cell.is_wide_continuation() {
                    continue;
                }
                let c = cell.contents();
                line.push_str(if c.is_empty() { " " } else { c });
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }
}

/// What the cells ratatui drew mean, read strictly: a wide character whose second column holds
/// something else (a popup's border drawn over it) has lost, and shows as a space before that
/// something. (`support::buffer_text` skips the second column and so hides exactly this.)
fn meant_text(buffer: &Buffer) -> String {
    let area = buffer.area;
    let mut out = String::new();
    for y in 0..area.height {
        let mut line = String::new();
        let mut x = 0;
        while x < area.width {
            let symbol = buffer[(x, y)].symbol();
            let width = unicode_width::UnicodeWidthStr::width(symbol).max(1) as u16;
            let covered_free = (1..width)
                .all(|d| x + d >= area.width || matches!(buffer[(x + d, y)].symbol(), " " | ""));
            if width > 1 && !covered_free {
                line.push(' ');
                x += 1;
                continue;
            }
            line.push_str(symbol);
            x += width;
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Draws `model` into `term` and asserts the terminal shows what ratatui meant to draw.
#[track_caller]
fn assert_shows(term: &mut Emulated, h: &Harness, what: &str) {
    let meant = meant_text(&term.draw(&h.model));
    let shown = term.text();
    if meant != shown {
        let diff: Vec<String> = meant
            .lines()
            .zip(shown.lines())
            .enumerate()
            .filter(|(_, (m, s))| m != s)
            .map(|(y, (m, s))| format!("row {y}\n  meant: {m}\n  shown: {s}"))
            .collect();
        panic!(
            "{what} at {}x{}: the terminal does not show what was drawn\n{}\n\nshown:\n{shown}",
            term.width,
            term.height,
            diff.join("\n")
        );
    }
}

fn ja_at(screen: Screen) -> Harness {
    support::demo_at(Lang::Ja, screen, None)
}

const JA_SCREENS: [Screen; 6] = [
    Screen::Start,
    Screen::Step1,
    Screen::Values,
    Screen::Check,
    Screen::Step2,
    Screen::Done,
];

/// The screens off the main path: Migration (the second situation), then its Role, then the
/// custom role (the second role).
fn ja_side_screens() -> Vec<Harness> {
    let mut h = Harness::demo(Lang::Ja);
    h.press(KeyCode::Down);
    h.press(KeyCode::Enter);
    assert_eq!(h.model.screen, Screen::Migration);
    let migration = Harness {
        model: h.model.clone(),
        effects: vec![],
    };
    h.press(KeyCode::Enter);
    assert_eq!(h.model.screen, Screen::Role);
    let role = Harness {
        model: h.model.clone(),
        effects: vec![],
    };
    h.press(KeyCode::Down);
    h.press(KeyCode::Enter);
    assert_eq!(h.model.screen, Screen::CustomRole);
    vec![migration, role, h]
}

fn every_ja_screen() -> Vec<Harness> {
    let mut all: Vec<Harness> = JA_SCREENS.iter().map(|s| ja_at(*s)).collect();
    all.extend(ja_side_screens());
    all
}

/// The issue's own case: `?` on the Start screen in Japanese lost its left border on three
/// rows in a real terminal.
#[test]
fn help_over_start_in_japanese_keeps_its_border() {
    let mut h = ja_at(Screen::Start);
    let mut term = Emulated::new(80, 24);
    assert_shows(&mut term, &h, "start");
    h.press(KeyCode::Char('?'));
    assert!(matches!(h.model.overlay, Some(Overlay::Help)));
    assert_shows(&mut term, &h, "help over start");
}

#[test]
fn help_over_every_japanese_screen_and_back() {
    for (w, hgt) in SIZES {
        for mut h in every_ja_screen() {
            let screen = h.model.screen;
            let mut term = Emulated::new(w, hgt);
            assert_shows(&mut term, &h, &format!("{screen:?}"));
            // F1, since `?` is typed into a field on the Values screen.
            h.press(KeyCode::F(1));
            assert!(matches!(h.model.overlay, Some(Overlay::Help)));
            assert_shows(&mut term, &h, &format!("help over {screen:?}"));
            h.press(KeyCode::Esc);
            assert!(h.model.overlay.is_none());
            assert_shows(&mut term, &h, &format!("{screen:?} after the help"));
        }
    }
}

/// The unfinished-items warning, on every screen that can raise it when left with items open.
#[test]
fn unfinished_over_japanese_screens_and_back() {
    let mut raised = 0;
    for (w, hgt) in SIZES {
        for mut h in every_ja_screen() {
            let screen = h.model.screen;
            // A fresh (not demo) model has nothing ticked, so leaving the screen warns.
            let mut fresh = Harness::new(Lang::Ja);
            fresh.model.screen = screen;
            fresh.model.cursors = h.model.cursors;
            h = fresh;
            let mut term = Emulated::new(w, hgt);
            assert_shows(&mut term, &h, &format!("{screen:?}"));
            h.press(KeyCode::Enter);
            if !matches!(h.model.overlay, Some(Overlay::Unfinished { .. })) {
                continue;
            }
            raised += 1;
            assert_shows(&mut term, &h, &format!("unfinished over {screen:?}"));
            h.press(KeyCode::Esc);
            assert!(h.model.overlay.is_none(), "Esc closes the warning");
            assert_shows(&mut term, &h, &format!("{screen:?} after the warning"));
        }
    }
    assert!(raised >= 4, "the warning came up on only {raised} screens");
}

/// The resume question comes up over the Start screen on the next run.
#[test]
fn resume_over_start_in_japanese_and_back() {
    for (w, hgt) in SIZES {
        let saved = ja_at(Screen::Step1);
        let mut h = Harness::demo(Lang::Ja);
        let mut term = Emulated::new(w, hgt);
        assert_shows(&mut term, &h, "start");
        h.model.overlay = Some(Overlay::Resume(Progress::from_model(&saved.model, false)));
        assert_shows(&mut term, &h, "resume over start");
        h.press(KeyCode::Esc);
        assert!(h.model.overlay.is_none());
        assert_shows(&mut term, &h, "start after the resume question");
    }
}

/// A half-width kana with its voiced mark (`ﾀﾞ`) is one character that terminals draw two
/// cells wide; ratatui counts the mark twice. Names from Zoom written so, and such a filter,
/// show in the terminal exactly as drawn, without blanks.
#[test]
fn half_width_kana_with_voiced_marks_show_as_drawn() {
    use hacomono_zoom_setup::zoom::report::{Report, Stage, StageStatus, User};
    let users = ["ﾔﾏﾀﾞ ﾊﾅｺ", "ｻﾄｳ ｹﾞﾝ", "Coach Ken"]
        .iter()
        .enumerate()
        .map(|(i, name)| User {
            id: format!("u{i}"),
            email: format!("user{i}@studio.example"),
            display_name: (*name).into(),
            user_type: 2,
            role_id: "2".into(),
            ..User::default()
        })
        .collect();
    let report = Report {
        stages: Stage::ALL
            .iter()
            .map(|s| (*s, StageStatus::Passed))
            .collect(),
        users,
        default_user: Some(0),
        ..Report::default()
    };
    let mut h = support::demo_at(Lang::Ja, Screen::Done, Some(report));
    for (w, hgt) in SIZES {
        let mut term = Emulated::new(w, hgt);
        assert_shows(&mut term, &h, "Done with half-width names");
        // As wide as terminals draw `ﾔﾏﾀﾞ ﾊﾅｺ` (eight cells), then the two spaces before the
        // e-mail: no blank cell in between.
        let (row, to) = term.find("<user0@")[0];
        let (_, from) = *term
            .find("ﾔ")
            .iter()
            .find(|(y, _)| *y == row)
            .expect("the name before its e-mail");
        let name = unicode_width::UnicodeWidthStr::width("ﾔﾏﾀﾞ ﾊﾅｺ");
        assert_eq!(to - from, name as u16 + 2, "row {row}:\n{}", term.text());
        h.type_str("ｹﾞ");
        assert_shows(&mut term, &h, "Done filtered by a voiced half-width kana");
        h.press(KeyCode::Backspace);
        assert_shows(&mut term, &h, "Done after Backspace");
    }
}
