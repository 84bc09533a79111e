//! Every screen in both languages at 80x24 and at a wide size, as text snapshots; plus the
//! styles that carry meaning (snapshots ignore colour).

mod support;

use crossterm::event::KeyCode;
use hacomono_zoom_setup::app::model::Overlay;
use hacomono_zoom_setup::app::{Effect, Msg, Screen};
use hacomono_zoom_setup::credentials::Severity;
use hacomono_zoom_setup::i18n::Lang;
use hacomono_zoom_setup::zoom::report::{
    Diagnosis, DiagnosisCode, Report, Stage, StageStatus, User,
};
use ratatui::style::{Color, Modifier};
use support::Harness;

const SIZES: [(u16, u16); 2] = [(80, 24), (132, 40)];

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
    Report {
        stages: vec![
            (Stage::Token, StageStatus::Failed),
            (Stage::Scopes, StageStatus::Skipped),
            (Stage::Users, StageStatus::Skipped),
        ],
        diagnoses: vec![Diagnosis {
            code: DiagnosisCode::InvalidClient,
            severity: Severity::Error,
            field: Some(hacomono_zoom_setup::credentials::Field::ClientSecret),
            detail: None,
        }],
        ..Report::default()
    }
}

/// A demo wizard walked to `screen`, with the demo values filled in.
fn at(lang: Lang, screen: Screen, report: Option<Report>) -> Harness {
    let mut h = Harness::demo(lang);
    for _ in 0..12 {
        if h.model.screen == screen {
            break;
        }
        if h.model.screen == Screen::Credentials {
            h.ctrl('d');
        }
        h.force_next();
        if let (Some(Effect::Verify { generation, .. }), Some(report)) =
            (h.effects.last().cloned(), report.clone())
            && h.model.check.is_running()
        {
            h.send(Msg::VerifyDone { generation, report });
        }
    }
    assert_eq!(h.model.screen, screen);
    h
}

fn snap_all(name: &str, h: &Harness) {
    for (w, hgt) in SIZES {
        let lang = h.model.lang.code();
        insta::assert_snapshot!(format!("{name}_{lang}_{w}x{hgt}"), h.screen(w, hgt));
    }
}

#[test]
fn every_screen_in_both_languages() {
    for lang in [Lang::Ja, Lang::En] {
        snap_all("welcome", &at(lang, Screen::Welcome, None));
        let mut h = Harness::demo(lang);
        h.press(KeyCode::Down);
        h.press(KeyCode::Enter);
        snap_all("migration", &h);
        h.press(KeyCode::Enter);
        snap_all("role", &h);
        h.press(KeyCode::Down);
        h.press(KeyCode::Enter);
        snap_all("custom_role", &h);
        snap_all("step1", &at(lang, Screen::Step1, None));
        snap_all("credentials", &at(lang, Screen::Credentials, None));
        let mut h = at(lang, Screen::Credentials, None);
        h.ctrl('d');
        snap_all("credentials_filled", &h);
        h.send(Msg::ClipboardRead(Err(
            hacomono_zoom_setup::clipboard::ReadError::NoClipboard,
        )));
        snap_all("credentials_clipboard_unreadable", &h);
        snap_all("verify_ok", &at(lang, Screen::Verify, Some(healthy())));
        snap_all("verify_failed", &at(lang, Screen::Verify, Some(failed())));
        snap_all("verify_running", &at(lang, Screen::Verify, None));
        snap_all("step2", &at(lang, Screen::Step2, Some(healthy())));
        snap_all("done", &at(lang, Screen::Done, Some(healthy())));
        let mut h = at(lang, Screen::Step1, None);
        h.press(KeyCode::Char('?'));
        snap_all("help_step1", &h);
        let mut h = at(lang, Screen::Step1, None);
        h.press(KeyCode::Enter);
        assert!(matches!(h.model.overlay, Some(Overlay::Unfinished { .. })));
        snap_all("unfinished_step1", &h);
    }
}

#[test]
fn tiny_terminals_get_a_message_and_nothing_panics() {
    let mut every = vec![
        at(Lang::Ja, Screen::Welcome, None),
        at(Lang::Ja, Screen::Step1, None),
        at(Lang::Ja, Screen::Credentials, None),
        at(Lang::Ja, Screen::Verify, Some(failed())),
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
    let h = at(Lang::En, Screen::Verify, Some(failed()));
    let buffer = h.buffer(80, 24);
    let text = support::buffer_text(&buffer);
    let (row, line) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("✗ "))
        .expect("an error line");
    let col = line.chars().position(|c| c == '✗').unwrap() as u16;
    assert_eq!(buffer[(col, row as u16)].fg, Color::Red);

    let h = at(Lang::En, Screen::Welcome, None);
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
            let h = at(lang, Screen::Verify, Some(report));
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
    let mut h = at(Lang::Ja, Screen::Verify, Some(many));
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
    insta::assert_snapshot!("verify_scrolled_ja_80x24", last);
}
