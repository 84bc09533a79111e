//! Drawing: the frame around every screen (header, stepper, notice, footer, overlays) and
//! one file per screen for what is inside.

mod blocks;
mod check;
mod custom_role;
mod step1;
mod step2;
mod values;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

use crate::app::model::{Level, Missing, Notice, Overlay};
use crate::app::{Model, Screen};
use crate::i18n::{Lang, tr, trf};
use crate::theme::Theme;
use crate::widgets::centered;
use crate::widgets::key_help::{Footer, HelpOverlay};
use crate::widgets::overlay::clear_overlay;
use crate::widgets::stepper::Stepper;
use crate::widgets::wrap::wrap_lines;
use unicode_width::UnicodeWidthStr;

/// Below this the wizard asks for a larger window instead of drawing a broken screen.
pub const MIN_WIDTH: u16 = 50;
pub const MIN_HEIGHT: u16 = 16;

/// Draws the whole wizard for the model.
pub fn render(model: &Model, theme: &Theme, frame: &mut Frame) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(model.lang, area, frame);
        return;
    }
    // A notice may need more than one row in Japanese or on a narrow window: up to three.
    let notice_lines = model.notice.as_ref().map_or(vec![], |n| {
        wrap_lines(&[notice_line(model.lang, theme, n)], area.width)
    });
    let notice_height = (notice_lines.len() as u16).clamp(1, 3);
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
    frame.render_widget(
        Stepper {
            current: model.screen,
            lang: model.lang,
            theme,
        },
        stepper,
    );
    let body = Rect {
        x: body.x + 1,
        width: body.width.saturating_sub(2),
        ..body
    };
    match model.screen {
        Screen::Start | Screen::Migration | Screen::Role | Screen::Done => {
            blocks::render(model, theme, body, frame)
        }
        Screen::CustomRole => custom_role::render(model, theme, body, frame),
        Screen::Step1 => step1::render(model, theme, body, frame),
        Screen::Values => values::render(model, theme, body, frame),
        Screen::Check => check::render(model, theme, body, frame),
        Screen::Step2 => step2::render(model, theme, body, frame),
    }
    frame.render_widget(Paragraph::new(notice_lines), notice);
    frame.render_widget(Footer { model, theme }, footer);
    match &model.overlay {
        Some(Overlay::Help) => frame.render_widget(HelpOverlay { model, theme }, area),
        Some(Overlay::Unfinished { missing, .. }) => {
            draw_unfinished(model, theme, missing, area, frame)
        }
        Some(Overlay::Resume(progress)) => draw_resume(model, theme, progress, area, frame),
        Some(Overlay::Consent { .. }) => draw_consent(model, theme, area, frame),
        None => {}
    }
}

fn draw_header(model: &Model, theme: &Theme, area: Rect, frame: &mut Frame) {
    let lang = model.lang;
    let badge = format!(" {} ", tr(lang, "app.demo_badge"));
    let badge_width = match model.demo {
        Some(_) => badge.width() + 1,
        None => 0,
    };
    let room = (area.width as usize).saturating_sub(badge_width);
    let app = tr(lang, "app.title");
    let screen = tr(lang, model.screen.title_key());
    // Shortened, never cut mid-word: both titles, else the screen's alone, else the screen's
    // cut where a line may break, with an ellipsis.
    let spans = if app.width() + 2 + screen.width() <= room {
        vec![
            Span::styled(app, theme.title),
            Span::styled(format!("  {screen}"), theme.dim),
        ]
    } else {
        vec![Span::styled(
            crate::widgets::wrap::shorten(screen, room, theme.glyphs.ellipsis),
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

/// A notice, localized now: its `field` and `fields` arguments hold text keys (comma-separated
/// for `fields`), the others plain values.
pub fn notice_text(lang: Lang, notice: &Notice) -> String {
    let separator = if lang == Lang::Ja { "、" } else { ", " };
    let args: Vec<(&str, String)> = notice
        .args
        .iter()
        .map(|(k, v)| {
            let value = match *k {
                "field" | "fields" => v
                    .split(',')
                    .map(|key| tr(lang, key))
                    .collect::<Vec<_>>()
                    .join(separator),
                _ => v.clone(),
            };
            (*k, value)
        })
        .collect();
    let borrowed: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
    trf(lang, notice.key, &borrowed)
}

fn notice_line(lang: Lang, theme: &Theme, notice: &Notice) -> Line<'static> {
    let (symbol, style) = level_mark(theme, notice.level);
    Line::from(vec![
        Span::styled(format!(" {symbol} "), style),
        Span::styled(notice_text(lang, notice), style),
    ])
}

/// The symbol and style of a level: meaning never rests on colour alone.
pub fn level_mark(theme: &Theme, level: Level) -> (&'static str, ratatui::style::Style) {
    match level {
        Level::Info => ("i", theme.accent),
        Level::Success => ("✓", theme.ok),
        Level::Warning => ("!", theme.warn),
        Level::Error => ("✗", theme.error),
    }
}

fn too_small(lang: Lang, area: Rect, frame: &mut Frame) {
    let text = trf(
        lang,
        "app.too_small",
        &[
            ("w", &MIN_WIDTH.to_string()),
            ("h", &MIN_HEIGHT.to_string()),
        ],
    );
    frame.render_widget(paragraph(vec![Line::raw(text)], area.width), area);
}

/// What a missing thing is called, in the user's language and on the path taken.
pub fn missing_text(model: &Model, missing: &Missing) -> String {
    let lang = model.lang;
    match missing {
        Missing::Item(id) => crate::guide::GUIDE
            .custom_role
            .iter()
            .chain(&crate::guide::GUIDE.step1)
            .chain(&crate::guide::GUIDE.step2)
            .find(|i| &i.id == id)
            .map_or_else(|| id.clone(), |i| model.item_text(i).to_owned()),
        Missing::AppName => tr(lang, "missing.app_name").to_owned(),
        Missing::Field(field) => trf(
            lang,
            "missing.field",
            &[("field", tr(lang, field.label_key()))],
        ),
        Missing::Invalid(field) => trf(
            lang,
            "missing.invalid",
            &[("field", tr(lang, field.label_key()))],
        ),
        Missing::CheckNotPassed => tr(lang, "missing.check_not_passed").to_owned(),
    }
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
    let shown = missing
        .len()
        .min(8)
        .min(area.height.saturating_sub(8) as usize);
    let mut lines = vec![Line::raw(tr(lang, "unfinished.body")), Line::raw("")];
    for m in &missing[..shown] {
        lines.push(Line::from(vec![
            Span::styled(format!(" {} ", theme.glyphs.bullet), theme.warn),
            Span::raw(missing_text(model, m)),
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
    let popup = centered(area, 70, wrapped_height(&lines, 68) + 2);
    clear_overlay(popup, frame.buffer_mut());
    let block = Block::default()
        .borders(Borders::ALL)
        .border_set(theme.glyphs.border)
        .border_style(theme.warn)
        .title(format!(" {} ", tr(lang, "unfinished.title")));
    paragraph(lines, popup.width.saturating_sub(2))
        .block(block)
        .render(popup, frame.buffer_mut());
}

/// Draws `blocks` of lines top to bottom, each wrapped, until the area is full; returns the
/// area left below them.
pub fn stack(blocks: Vec<Vec<Line>>, area: Rect, frame: &mut Frame) -> Rect {
    let mut rest = area;
    for lines in blocks {
        let height = wrapped_height(&lines, rest.width).min(rest.height);
        frame.render_widget(paragraph(lines, rest.width), Rect { height, ..rest });
        rest = Rect {
            y: rest.y + height,
            height: rest.height - height,
            ..rest
        };
    }
    rest
}

/// The focused checklist item, in full: text, note and link (shown whole so it can be selected
/// where no browser opens). Drawn at the bottom of `area`; returns the area above it.
pub fn item_detail(model: &Model, theme: &Theme, area: Rect, frame: &mut Frame) -> Rect {
    let Some(item) = model.focused_item() else {
        return area;
    };
    let lang = model.lang;
    let mut lines = vec![Line::styled(model.item_text(item).to_owned(), theme.title)];
    if let Some(note) = model.item_note(item) {
        lines.push(Line::raw(note.to_owned()));
    }
    if let Some(url) = &item.url {
        lines.push(Line::from(vec![
            Span::styled(tr(lang, "detail.link"), theme.dim),
            Span::styled(url.clone(), theme.accent),
        ]));
    }
    if let Some(scope) = &item.scope {
        lines.push(Line::from(vec![
            Span::styled(tr(lang, "detail.scope"), theme.dim),
            Span::raw(scope.clone()),
        ]));
    }
    let height = (wrapped_height(&lines, area.width) + 1).min(area.height / 2);
    let detail = Rect {
        y: area.bottom() - height,
        height,
        ..area
    };
    let block = Block::default()
        .borders(Borders::TOP)
        .border_set(theme.glyphs.border)
        .border_style(theme.dim);
    frame.render_widget(paragraph(lines, area.width).block(block), detail);
    Rect {
        height: area.height - height,
        ..area
    }
}

/// The consent step's width, borders included.
const POPUP_WIDTH: u16 = 72;

/// Hosts listed at once in the consent step: enough to choose among, typing finds the rest.
const MAX_HOST_ROWS: u16 = 10;

/// The consent step before the rehearsal writes to Zoom: what happens, what it costs, and the
/// host, found by typing or ↑/↓ and starting on the proposed default user.
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
    let text_height = wrapped_height(&lines, POPUP_WIDTH.min(area.width).saturating_sub(2));
    // The popup keeps its height while the filter narrows the list, and leaves the footer.
    let list_room = area.height.saturating_sub(text_height + 4);
    let users = model.users().len() as u16;
    let list_height = if users >= 2 {
        (users.min(MAX_HOST_ROWS) + 2).min(list_room).max(3)
    } else {
        2
    };
    let popup = centered(area, POPUP_WIDTH, text_height + list_height + 2);
    clear_overlay(popup, frame.buffer_mut());
    let block = Block::default()
        .borders(Borders::ALL)
        .border_set(theme.glyphs.border)
        .border_style(theme.warn)
        .title(format!(" {} ", tr(lang, "consent.title")));
    let inner = block.inner(popup);
    block.render(popup, frame.buffer_mut());
    let [text, hosts] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(list_height)]).areas(inner);
    paragraph(lines, text.width).render(text, frame.buffer_mut());
    if users >= 2 {
        blocks::user_list(lang, theme, &list, hosts, frame);
    } else if let Some(only) = list.options.first() {
        let question = Line::styled(list.question.clone(), theme.title);
        let host = choice_line(theme, &only.label, true);
        Paragraph::new(vec![question, host]).render(hosts, frame.buffer_mut());
    }
}

fn draw_resume(
    model: &Model,
    theme: &Theme,
    progress: &crate::app::progress::Progress,
    area: Rect,
    frame: &mut Frame,
) {
    let lang = model.lang;
    let screen = crate::app::progress::screen_from_name(&progress.screen).unwrap_or(Screen::Start);
    let lines = vec![
        Line::raw(trf(
            lang,
            "resume.body",
            &[
                ("screen", tr(lang, screen.title_key())),
                ("ticks", &progress.ticks.len().to_string()),
            ],
        )),
        Line::raw(""),
        Line::styled(tr(lang, "resume.choice"), theme.dim),
    ];
    let popup = centered(area, 64, wrapped_height(&lines, 62) + 2);
    clear_overlay(popup, frame.buffer_mut());
    let block = Block::default()
        .borders(Borders::ALL)
        .border_set(theme.glyphs.border)
        .title(format!(" {} ", tr(lang, "resume.title")));
    frame.render_widget(
        paragraph(lines, popup.width.saturating_sub(2)).block(block),
        popup,
    );
}

/// Body text wrapped to `width` columns (see `widgets::wrap` for why not ratatui's wrap).
pub fn paragraph(lines: Vec<Line>, width: u16) -> Paragraph<'static> {
    Paragraph::new(wrap_lines(&lines, width))
}

/// A radio choice line: `(•) label` with the focus style on the chosen one.
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

/// How many rows `lines` take when wrapped to `width` (for stacking blocks of text).
pub fn wrapped_height(lines: &[Line], width: u16) -> u16 {
    wrap_lines(lines, width).len() as u16
}
