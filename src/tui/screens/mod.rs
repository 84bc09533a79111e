//! Drawing: the frame around every screen (header, stepper, notice, footer, overlays) and
//! one file per screen for what is inside. Every body and every window is a `Document`: it
//! scrolls to the focus, says where it is cut, and tells the core what the user saw.

mod blocks;
mod check;
mod checklist;
mod custom_role;
mod step1;
mod step2;
mod values;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

use crate::app::model::{Level, Missing, Notice, Overlay};
use crate::app::seen::Seen;
use crate::app::{Model, Screen, text};
use crate::i18n::{Lang, tr, trf};
use crate::tui::theme::Theme;
use crate::tui::widgets::centered;
use crate::tui::widgets::document::Document;
use crate::tui::widgets::key_help::{Footer, help_lines};
use crate::tui::widgets::overlay::clear_overlay;
use crate::tui::widgets::stepper::Stepper;
use crate::tui::widgets::truncate;
use crate::tui::widgets::wrap::{shorten, wrap_lines};
use unicode_width::UnicodeWidthStr;

/// Below this the wizard asks for a larger window instead of drawing a broken screen.
pub const MIN_WIDTH: u16 = 50;
pub const MIN_HEIGHT: u16 = 16;

/// Draws the whole wizard for the model, and records what the user can see of it: header,
/// stepper, the screen's body, the notice, the footer, and a window on top if one is open.
pub fn render(model: &Model, theme: &Theme, frame: &mut Frame) {
    let area = frame.area();
    // Each region in front records what it shows; until then, nothing is hidden.
    model.seen.set(Seen {
        screen: Some(model.screen),
        overlay: model.overlay.is_some(),
        focus_shown: true,
        ..Seen::default()
    });
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(model.lang, theme, area, frame);
        model.seen.set(Seen {
            too_small: true,
            ..model.seen.get()
        });
        return;
    }
    let notice_lines = notice_rows(model, theme, area);
    let notice_height = (notice_lines.len() as u16).max(1);
    let [header, stepper, _, body, notice, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(notice_height),
        Constraint::Length(1),
    ])
    .areas(area);
    draw_header(model, theme, header, frame);
    frame.render_widget(Stepper { model, theme }, stepper);
    draw_body(model, theme, body, frame);
    frame.render_widget(Paragraph::new(notice_lines), notice);
    frame.render_widget(Footer { model, theme }, footer);
    // Windows leave the footer, which names their keys, in view.
    let room = Rect {
        height: area.height - 1,
        ..area
    };
    draw_overlay(model, theme, room, frame);
}

/// The notice's rows, if there is one. It may need more than one row in Japanese or on a
/// narrow window: up to a quarter of the window (three rows at least); beyond that its last
/// row ends in an ellipsis.
fn notice_rows(model: &Model, theme: &Theme, area: Rect) -> Vec<Line<'static>> {
    let g = &theme.glyphs;
    let most = (area.height / 4).max(3) as usize;
    let mut notice_lines = model.notice.as_ref().map_or(vec![], |n| {
        wrap_lines(&[g.line(&notice_line(model.lang, theme, n))], area.width)
    });
    if notice_lines.len() > most {
        notice_lines.truncate(most);
        if let Some(last) = notice_lines.last_mut() {
            let text: String = last.spans.iter().map(|s| s.content.as_ref()).collect();
            let style = last.spans.last().map(|s| s.style).unwrap_or_default();
            *last = Line::styled(
                truncate(
                    &format!("{text}{}", g.ellipsis),
                    area.width as usize,
                    g.ellipsis,
                ),
                style,
            );
        }
    }
    notice_lines
}

/// The screen's own document, a column in from each side. Its cursor shows only when no
/// window is in front of it.
fn draw_body(model: &Model, theme: &Theme, body: Rect, frame: &mut Frame) {
    let body = Rect {
        x: body.x + 1,
        width: body.width.saturating_sub(2),
        ..body
    };
    let document = match model.screen {
        Screen::Start | Screen::Migration | Screen::Role | Screen::Done => {
            blocks::document(model, theme, body)
        }
        Screen::CustomRole => custom_role::document(model, theme, body),
        Screen::Step1 => step1::document(model, theme, body),
        Screen::Values => values::document(model, theme, body),
        Screen::Check => check::document(model, theme, body),
        Screen::Step2 => step2::document(model, theme, body),
    };
    let front = model.overlay.is_none();
    let cursor = document.draw(model, theme, body, frame.buffer_mut(), front);
    set_cursor(frame, cursor.filter(|_| front));
}

/// The open window, if any, within `room`.
fn draw_overlay(model: &Model, theme: &Theme, room: Rect, frame: &mut Frame) {
    match &model.overlay {
        Some(Overlay::Help) => draw_help(model, theme, room, frame),
        Some(Overlay::Unfinished { missing, .. }) => {
            draw_unfinished(model, theme, missing, room, frame)
        }
        Some(Overlay::Resume(progress)) => draw_resume(model, theme, progress, room, frame),
        Some(Overlay::Consent { .. }) => draw_consent(model, theme, room, frame),
        None => {}
    }
}

fn set_cursor(frame: &mut Frame, cursor: Option<Position>) {
    if let Some(cursor) = cursor {
        frame.set_cursor_position(cursor);
    }
}

fn draw_header(model: &Model, theme: &Theme, area: Rect, frame: &mut Frame) {
    let lang = model.lang;
    let g = &theme.glyphs;
    let badge = format!(" {} ", g.shown(tr(lang, "app.demo_badge")));
    let badge_width = match model.demo {
        Some(_) => badge.width() + 1,
        None => 0,
    };
    let room = (area.width as usize).saturating_sub(badge_width);
    let app = g.shown(tr(lang, "app.title"));
    let screen = g.shown(tr(lang, model.screen.title_key()));
    // Shortened, never cut mid-word: both titles, else the screen's alone, else the screen's
    // cut where a line may break, with an ellipsis.
    let spans = if app.width() + 2 + screen.width() <= room {
        vec![
            Span::styled(app.into_owned(), theme.title),
            Span::styled(format!("  {screen}"), theme.dim),
        ]
    } else {
        vec![Span::styled(
            shorten(&screen, room, g.ellipsis),
            theme.title,
        )]
    };
    frame.render_widget(Line::from(spans), area);
    if model.demo.is_some() {
        let w = badge.width() as u16;
        if w < area.width {
            let at = Rect {
                x: area.right() - w,
                width: w,
                ..area
            };
            clear_overlay(at, frame.buffer_mut());
            frame.render_widget(Span::styled(badge, theme.badge), at);
        }
    }
}

fn notice_line(lang: Lang, theme: &Theme, notice: &Notice) -> Line<'static> {
    let (symbol, style) = level_mark(theme, notice.level);
    Line::from(vec![
        Span::styled(format!(" {symbol} "), style),
        Span::styled(text::notice(lang, notice), style),
    ])
}

/// The symbol (the same in every front end) and style of a level.
pub fn level_mark(theme: &Theme, level: Level) -> (&'static str, Style) {
    let style = match level {
        Level::Info => theme.accent,
        Level::Success => theme.ok,
        Level::Warning => theme.warn,
        Level::Error => theme.error,
    };
    (level.symbol(), style)
}

fn too_small(lang: Lang, theme: &Theme, area: Rect, frame: &mut Frame) {
    let text = trf(
        lang,
        "app.too_small",
        &[
            ("w", &MIN_WIDTH.to_string()),
            ("h", &MIN_HEIGHT.to_string()),
        ],
    );
    let lines = wrap_lines(&[theme.glyphs.line(&Line::raw(text))], area.width);
    frame.render_widget(Paragraph::new(lines), area);
}

/// A window over the screen: a border with its title, and a document inside that scrolls like
/// any other (↑/↓ and PgUp/PgDn act on it while it is open). `fill` writes the document for the
/// inner width; the window is as tall as it needs, at most `area`.
fn popup(
    model: &Model,
    theme: &Theme,
    area: Rect,
    (width, title, style): (u16, &str, Style),
    frame: &mut Frame,
    fill: impl FnOnce(&mut Document, u16),
) {
    let g = &theme.glyphs;
    let width = width.min(area.width);
    let mut document = Document::new(width.saturating_sub(2));
    fill(&mut document, area.height.saturating_sub(2));
    let height = (document.len() as u16 + 2).min(area.height);
    let popup = centered(area, width, height);
    clear_overlay(popup, frame.buffer_mut());
    let title = shorten(
        &g.shown(title),
        width.saturating_sub(4) as usize,
        g.ellipsis,
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .border_set(g.border)
        .border_style(style)
        .title(format!(" {title} "));
    let inner = block.inner(popup);
    block.render(popup, frame.buffer_mut());
    let cursor = document.draw(model, theme, inner, frame.buffer_mut(), true);
    set_cursor(frame, cursor);
}

/// A window that only shows text (wrapped to its width).
fn text_popup(
    model: &Model,
    theme: &Theme,
    area: Rect,
    window: (u16, &str, Style),
    lines: &[Line],
    frame: &mut Frame,
) {
    popup(model, theme, area, window, frame, |doc, _| {
        doc.text(lines, &theme.glyphs);
    });
}

/// The `?` window: every binding of the screen, footer or not.
fn draw_help(model: &Model, theme: &Theme, area: Rect, frame: &mut Frame) {
    let lang = model.lang;
    let title = tr(lang, "help.title");
    popup(
        model,
        theme,
        area,
        (64, title, theme.text),
        frame,
        |doc, _| {
            let width = doc.width();
            doc.rows(help_lines(model, theme, width));
            doc.text(
                &[
                    Line::raw(""),
                    Line::styled(tr(lang, "help.close"), theme.dim),
                ],
                &theme.glyphs,
            );
        },
    );
}

fn draw_unfinished(
    model: &Model,
    theme: &Theme,
    missing: &[Missing],
    area: Rect,
    frame: &mut Frame,
) {
    let lang = model.lang;
    // A short list reads better than a wall; the rest is counted.
    let shown = missing.len().min(8);
    let mut lines = vec![Line::raw(tr(lang, "unfinished.body")), Line::raw("")];
    for m in &missing[..shown] {
        lines.push(Line::from(vec![
            Span::styled(format!(" {} ", theme.glyphs.bullet), theme.warn),
            Span::raw(text::missing(model, m)),
        ]));
    }
    if shown < missing.len() {
        lines.push(Line::raw(trf(
            lang,
            "unfinished.more",
            &[("n", &(missing.len() - shown).to_string())],
        )));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(tr(lang, "unfinished.choice"), theme.dim));
    let title = tr(lang, "unfinished.title");
    text_popup(model, theme, area, (70, title, theme.warn), &lines, frame);
}

/// The consent step's width, borders included.
const POPUP_WIDTH: u16 = 72;

/// Hosts listed at once in the consent step: enough to choose among, typing finds the rest.
const MAX_HOST_ROWS: usize = 10;

/// The consent step before the rehearsal writes to Zoom: what happens, what it costs, and the
/// host, found by typing or ↑/↓ and starting on the proposed default user. The host list is
/// always in view; on a small window the text above it scrolls.
fn draw_consent(model: &Model, theme: &Theme, area: Rect, frame: &mut Frame) {
    let lang = model.lang;
    let Some(list) = crate::app::view::host_list(model) else {
        return;
    };
    let mut lines: Vec<Line> = crate::app::view::consent_text(lang)
        .into_iter()
        .map(Line::raw)
        .collect();
    lines.push(Line::raw(""));
    let title = tr(lang, "consent.title");
    popup(
        model,
        theme,
        area,
        (POPUP_WIDTH, title, theme.warn),
        frame,
        |doc, height| {
            let text = doc.text(&lines, &theme.glyphs);
            if model.users().len() >= 2 {
                blocks::user_picker(model, theme, &list, doc, (height as usize, MAX_HOST_ROWS));
            } else if let Some(only) = list.options.first() {
                let g = &theme.glyphs;
                let question = Line::styled(list.question.clone(), theme.title);
                let host = choice_line(theme, &g.shown(&only.label), true);
                let rows = doc.text(&[question, host], g);
                doc.focus(rows.clone(), text.start..rows.end);
            }
        },
    );
}

fn draw_resume(
    model: &Model,
    theme: &Theme,
    progress: &crate::app::progress::Progress,
    area: Rect,
    frame: &mut Frame,
) {
    let lang = model.lang;
    let lines = vec![
        Line::raw(text::resume_body(lang, progress)),
        Line::raw(""),
        Line::styled(tr(lang, "resume.choice"), theme.dim),
    ];
    let title = tr(lang, "resume.title");
    text_popup(model, theme, area, (64, title, theme.text), &lines, frame);
}

/// A radio choice line: `(•) label` with the focus style on the chosen one; wrapped, its
/// continuation rows hang under the label.
pub fn choice_line(theme: &Theme, label: &str, chosen: bool) -> Line<'static> {
    let g = &theme.glyphs;
    let (mark, style) = if chosen {
        (format!("{} ({}) ", g.focus, g.radio), theme.focus)
    } else {
        (format!("{} ( ) ", " ".repeat(g.focus.width())), theme.text)
    };
    Line::from(vec![
        Span::styled(mark, theme.accent),
        Span::styled(label.to_owned(), style),
    ])
}
