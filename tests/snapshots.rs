//! Every screen in both languages at 80x24, at the smallest size drawn (50x16) and at a wide
//! size, as text snapshots; every screen and window scanned for ambiguous-width characters
//! with `--glyphs ascii`; plus the styles that carry meaning (snapshots ignore colour).

mod support;

use crossterm::event::KeyCode;
use hacomono_zoom_setup::app::model::Overlay;
use hacomono_zoom_setup::app::{Msg, Screen};
use hacomono_zoom_setup::credentials::Severity;
use hacomono_zoom_setup::i18n::Lang;
use hacomono_zoom_setup::i18n::tr;
use hacomono_zoom_setup::tui::theme::Theme;
use hacomono_zoom_setup::zoom::report::{
    Diagnosis, DiagnosisCode, Report, Stage, StageStatus, User,
};
use ratatui::style::{Color, Modifier};
use support::{Harness, demo_at as at};

/// 80x24 (the usual window), 50x16 (the smallest the wizard draws in) and a wide one.
const SIZES: [(u16, u16); 3] = [(80, 24), (50, 16), (132, 40)];

fn users() -> Vec<User> {
    vec![
        User {
            id: "KDcuGIm1QgePTO8WbOqwIQ".into(),
            email: "owner@studio-example.jp".into(),
            display_name: "山田 花子".into(),
            user_type: 2,
            role_id: "0".into(),
            pmi: Some(8_123_456_789),
        },
        User {
            id: "z8yBXksmS2mYyGV4Y7cUaQ".into(),
            email: "coach@studio-example.jp".into(),
            display_name: "Coach Ken".into(),
            user_type: 2,
            role_id: "2".into(),
            ..User::default()
        },
    ]
}

fn healthy() -> Report {
    Report {
        stages: Stage::ALL
            .iter()
            .map(|s| (*s, StageStatus::Passed))
            .collect(),
        users: users(),
        users_total: Some(2),
        default_user: Some(0),
        api_url: Some("https://api.zoom.us".into()),
        scopes: hacomono_zoom_setup::zoom::scopes::evaluate(
            "meeting:write:meeting:admin meeting:update:meeting:admin meeting:delete:meeting:admin user:read:list_users:admin",
            false,
        ),
        ..Report::default()
    }
}

fn failed() -> Report {
    support::failed_report(
        DiagnosisCode::InvalidClient,
        Some(hacomono_zoom_setup::credentials::Field::ClientSecret),
        None,
    )
}

fn snap_all(name: &str, h: &Harness) {
    for (w, hgt) in SIZES {
        let lang = h.model.lang.code();
        insta::assert_snapshot!(format!("{name}_{lang}_{w}x{hgt}"), h.screen(w, hgt));
    }
}

/// Every screen and overlay of one language, by snapshot name.
fn every_screen(lang: Lang) -> Vec<(&'static str, Harness)> {
    let mut all = vec![("start", at(lang, Screen::Start, None))];
    let mut h = Harness::demo(lang);
    h.press(KeyCode::Down);
    h.press(KeyCode::Enter);
    all.push(("migration", h.clone()));
    h.press(KeyCode::Enter);
    all.push(("role", h.clone()));
    h.press(KeyCode::Down);
    h.press(KeyCode::Enter);
    all.push(("custom_role", h));
    all.push(("step1", at(lang, Screen::Step1, None)));
    all.push(("values", at(lang, Screen::Values, None)));
    let mut h = at(lang, Screen::Values, None);
    h.ctrl('d');
    all.push(("values_filled", h.clone()));
    h.send(Msg::ClipboardRead(Err(
        hacomono_zoom_setup::clipboard::ReadError::NoClipboard,
    )));
    all.push(("values_clipboard_unreadable", h));
    all.push(("check_ok", at(lang, Screen::Check, Some(healthy()))));
    all.push(("check_failed", at(lang, Screen::Check, Some(failed()))));
    all.push(("check_running", at(lang, Screen::Check, None)));
    all.push(("step2", at(lang, Screen::Step2, Some(healthy()))));
    all.push(("done", at(lang, Screen::Done, Some(healthy()))));
    let mut h = at(lang, Screen::Step1, None);
    h.press(KeyCode::Char('?'));
    all.push(("help_step1", h));
    let mut h = at(lang, Screen::Step1, None);
    h.press(KeyCode::Enter);
    assert!(matches!(h.model.overlay, Some(Overlay::Unfinished { .. })));
    all.push(("unfinished_step1", h));
    all
}

#[test]
fn every_screen_in_both_languages() {
    for lang in [Lang::Ja, Lang::En] {
        for (name, h) in every_screen(lang) {
            snap_all(name, &h);
        }
    }
}

/// Beyond `every_screen`: the other windows and states a user meets (the consent step, the
/// resume question, Done after a rehearsal with a notice, help over the busiest screens,
/// typing the App Name, a user whose name holds ambiguous characters), for the scans below.
fn every_other_state(lang: Lang) -> Vec<(&'static str, Harness)> {
    let mut odd = healthy();
    odd.users.push(User {
        id: "odd".into(),
        email: "zoe@studio-example.jp".into(),
        display_name: "Zoë ★ Müller ｶﾞｲﾄﾞ".into(),
        user_type: 1,
        role_id: "2".into(),
        ..User::default()
    });
    let mut all = vec![];
    let mut h = at(lang, Screen::Check, Some(odd.clone()));
    h.press(KeyCode::Char('t'));
    assert!(matches!(h.model.overlay, Some(Overlay::Consent { .. })));
    all.push(("consent", h.clone()));
    h.press(KeyCode::Enter);
    all.push(("rehearsal_running", h.clone()));
    let mut h = at(lang, Screen::Done, Some(odd));
    h.press(KeyCode::Up);
    h.send(Msg::Copied(
        hacomono_zoom_setup::credentials::Field::ClientSecret,
        hacomono_zoom_setup::clipboard::CopyOutcome::SentOsc52,
    ));
    all.push(("done_odd_user_notice", h.clone()));
    h.press(KeyCode::F(1));
    all.push(("help_done", h));
    let saved = at(lang, Screen::Step1, None);
    let mut h = Harness::demo(lang);
    h.model.overlay = Some(Overlay::Resume(
        hacomono_zoom_setup::app::progress::Progress::from_model(&saved.model, false),
    ));
    all.push(("resume", h));
    for screen in [Screen::Values, Screen::Check, Screen::Step2] {
        let mut h = at(lang, screen, Some(healthy()));
        h.press(KeyCode::F(1));
        all.push(("help", h));
    }
    let mut h = at(lang, Screen::Step1, None);
    while !h.model.app_name_focused() {
        h.press(KeyCode::Down);
    }
    h.press(KeyCode::Char(' '));
    h.type_str("gym");
    all.push(("typing_app_name", h));
    let mut h = at(lang, Screen::Values, None);
    h.ctrl('d');
    h.ctrl('r');
    all.push(("secret_shown", h));
    all
}

/// Characters an ambiguous-wide terminal draws two cells wide where ratatui counts one.
fn ambiguous_in(screen: &str) -> Vec<(usize, char)> {
    use unicode_width::UnicodeWidthChar;
    screen
        .lines()
        .enumerate()
        .flat_map(|(y, row)| row.chars().map(move |c| (y, c)))
        .filter(|(_, c)| c.width() != c.width_cjk())
        .collect()
}

/// `--glyphs ascii`: every screen in both languages at 80x24 is snapshotted; and on no screen
/// or window, in either language, at 80x24 or 50x16, is there a character that an
/// ambiguous-wide terminal draws wider than it was laid out, sentences and Zoom's data included
/// (unicode-width's CJK widths decide).
#[test]
fn every_screen_in_ascii_has_no_ambiguous_character() {
    let theme = Theme::COLOR.with_glyphs(hacomono_zoom_setup::glyphs::ASCII);
    let mut scanned = 0;
    for lang in [Lang::Ja, Lang::En] {
        for (name, h) in every_screen(lang) {
            let screen = h.screen_with(&theme, 80, 24);
            insta::assert_snapshot!(format!("ascii_{name}_{}_80x24", lang.code()), screen);
        }
        let all = every_screen(lang)
            .into_iter()
            .chain(every_other_state(lang));
        for (name, h) in all {
            for (w, hgt) in [(80, 24), (50, 16), (40, 10)] {
                let screen = h.screen_with(&theme, w, hgt);
                let found = ambiguous_in(&screen);
                assert!(
                    found.is_empty(),
                    "{name} ({lang:?}) at {w}x{hgt}: {found:?}\n{screen}"
                );
                scanned += 1;
            }
        }
    }
    assert!(scanned >= 150, "only {scanned} screens scanned");
}

/// With Unicode glyphs, what reaches the screen is still measured as terminals draw it: a
/// half-width kana with its voiced mark never reaches ratatui, which counts the mark twice.
#[test]
fn no_screen_holds_a_half_width_voiced_mark() {
    for lang in [Lang::Ja, Lang::En] {
        for (name, h) in every_other_state(lang) {
            let screen = h.screen(80, 24);
            assert!(
                !screen.contains(['\u{FF9E}', '\u{FF9F}']),
                "{name} ({lang:?}):\n{screen}"
            );
        }
    }
}

#[test]
fn tiny_terminals_get_a_message_and_nothing_panics() {
    let mut every = vec![
        at(Lang::Ja, Screen::Start, None),
        at(Lang::Ja, Screen::Step1, None),
        at(Lang::Ja, Screen::Values, None),
        at(Lang::Ja, Screen::Check, Some(failed())),
        at(Lang::Ja, Screen::Step2, Some(healthy())),
        at(Lang::Ja, Screen::Done, Some(healthy())),
    ];
    let mut help = at(Lang::Ja, Screen::Step1, None);
    help.press(KeyCode::Char('?'));
    every.push(help);
    for h in &every {
        for w in 1..=90 {
            for hgt in [1, 2, 5, 15, 16, 17, 24] {
                let _ = h.screen(w, hgt);
            }
        }
    }
    let h = at(Lang::Ja, Screen::Step1, None);
    assert!(h.screen(40, 10).contains("広げてください"));
    insta::assert_snapshot!("too_small_en", Harness::new(Lang::En).screen(40, 8));
}

#[test]
fn errors_are_red_and_focus_is_reversed() {
    let h = at(Lang::En, Screen::Check, Some(failed()));
    let buffer = h.buffer(80, 24);
    let text = support::buffer_text(&buffer);
    let (row, line) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("✗ "))
        .expect("an error line");
    let col = line.chars().position(|c| c == '✗').unwrap() as u16;
    assert_eq!(buffer[(col, row as u16)].fg, Color::Red);

    let h = at(Lang::En, Screen::Start, None);
    let buffer = h.buffer(80, 24);
    let text = support::buffer_text(&buffer);
    let (row, line) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("(•)"))
        .unwrap();
    let col = line[..line.find("A new setup").unwrap()].chars().count() as u16;
    assert!(
        buffer[(col, row as u16)]
            .modifier
            .contains(Modifier::REVERSED)
    );
}

#[test]
fn the_check_screen_explains_every_diagnosis() {
    for lang in [Lang::Ja, Lang::En] {
        for code in DiagnosisCode::ALL {
            let report = Report {
                stages: vec![(Stage::Token, StageStatus::Failed)],
                diagnoses: vec![Diagnosis {
                    code,
                    severity: Severity::Error,
                    field: None,
                    detail: Some("DETAIL".into()),
                }],
                ..Report::default()
            };
            let h = at(lang, Screen::Check, Some(report));
            insta::assert_snapshot!(
                format!("diagnosis_{}_{}", code.as_str(), lang.code()),
                h.screen(80, 24)
            );
        }
    }
}

#[test]
fn a_long_check_result_scrolls_to_the_diagnosis_in_focus() {
    let many = Report {
        stages: vec![
            (Stage::Token, StageStatus::Passed),
            (Stage::Scopes, StageStatus::Failed),
            (Stage::Users, StageStatus::Skipped),
        ],
        diagnoses: [
            DiagnosisCode::MissingScopes,
            DiagnosisCode::MissingSubAccountScopes,
            DiagnosisCode::TokenRejected,
        ]
        .into_iter()
        .map(|code| Diagnosis {
            code,
            severity: Severity::Error,
            field: None,
            detail: Some("meeting:delete:meeting:admin".into()),
        })
        .collect(),
        scopes: hacomono_zoom_setup::zoom::scopes::evaluate("meeting:write:meeting:admin", false),
        ..Report::default()
    };
    let mut h = at(Lang::Ja, Screen::Check, Some(many));
    let first = h.screen(80, 24);
    assert!(
        first.contains("続きがあります"),
        "a hint says there is more:\n{first}"
    );
    for _ in 0..3 {
        h.press(KeyCode::Down);
    }
    let last = h.screen(80, 24);
    assert!(
        last.contains("トークンのスコープ"),
        "the scope list comes into view:\n{last}"
    );
    insta::assert_snapshot!("check_scrolled_ja_80x24", last);
}

/// The start of `text` (wrapping may split the rest over rows): what must be on screen.
fn head(text: &str) -> String {
    text.chars()
        .take(6)
        .collect::<String>()
        .trim_end()
        .to_owned()
}

/// What the user is answering on this screen: the question and the chosen answer, the focused
/// checklist item, or the focused field's label.
fn focus_of(h: &Harness) -> Vec<String> {
    let model = &h.model;
    let lang = model.lang;
    if model.screen == Screen::Values {
        return vec![tr(lang, model.focused_field().label_key()).to_owned()];
    }
    if let Some(item) = model.focused_item() {
        return vec![head(item.text(lang))];
    }
    hacomono_zoom_setup::app::view::blocks(model)
        .into_iter()
        .filter_map(|b| match b {
            hacomono_zoom_setup::app::view::Block::Choice(c) => {
                Some(vec![head(&c.question), head(&c.options[c.selected].0)])
            }
            _ => None,
        })
        .flatten()
        .collect()
}

/// At every allowed size down to the smallest (50x16), in Japanese, the focused item and the
/// question it answers are on screen; and the header is never cut mid-word.
#[test]
fn the_focus_is_on_screen_at_every_allowed_size_in_japanese() {
    let mut checked = 0;
    for (name, h) in every_screen(Lang::Ja) {
        if h.model.overlay.is_some() {
            continue;
        }
        let wanted = focus_of(&h);
        for w in [50, 57, 64, 80] {
            for hgt in [16, 18, 20, 24] {
                let screen = h.screen(w, hgt);
                let lang = Lang::Ja;
                let title = tr(lang, h.model.screen.title_key());
                let header = screen.lines().next().unwrap_or_default();
                let header = header
                    .trim_end_matches(tr(lang, "app.demo_badge"))
                    .trim_end();
                assert!(
                    header == format!("{}  {title}", tr(lang, "app.title"))
                        || header == title
                        || (header.ends_with('…')
                            && title.starts_with(header.trim_end_matches('…'))),
                    "{name} at {w}x{hgt}: the header {header:?} is cut"
                );
                for text in &wanted {
                    assert!(
                        screen.contains(text.as_str()),
                        "{name} at {w}x{hgt}: {text:?} is not on screen:\n{screen}"
                    );
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 100, "only {checked} checks");
}

/// Migration has nothing to choose; on a small window ↑/↓ scroll it, point by point, to its
/// last point and back.
#[test]
fn migration_scrolls_by_key_on_the_smallest_window() {
    let lang = Lang::Ja;
    let mut h = Harness::demo(lang);
    h.press(KeyCode::Down);
    h.press(KeyCode::Enter);
    assert_eq!(h.model.screen, Screen::Migration);
    // Long enough to be found only where each begins.
    let start_of = |key: &str| tr(lang, key).chars().take(12).collect::<String>();
    let (first, last) = (start_of("migration.body"), start_of("migration.overwrite"));
    let screen = h.screen(50, 16);
    assert!(
        screen.contains(&first) && !screen.contains(&last),
        "{screen}"
    );
    for _ in 0..10 {
        h.press(KeyCode::Down);
    }
    let screen = h.screen(50, 16);
    assert!(
        screen.contains(&last),
        "the last point comes into view:\n{screen}"
    );
    assert!(!screen.contains(&first), "{screen}");
    insta::assert_snapshot!("migration_scrolled_ja_50x16", screen);
    for _ in 0..10 {
        h.press(KeyCode::Up);
    }
    assert!(h.screen(50, 16).contains(&first), "and back to the top");
}
