//! The edges of input, size and wording on the full screen (issue 22): what a Japanese admin
//! types, what a small window shows, and what the screens say on the paths off the main road.
//! Through the pure core and its screens, drawn at the size each defect was seen at.

mod support;

use crossterm::event::KeyCode;
use hacomono_zoom_setup::app::model::{Overlay, StepState};
use hacomono_zoom_setup::app::progress::Progress;
use hacomono_zoom_setup::app::screen::Step;
use hacomono_zoom_setup::app::view::shown_value;
use hacomono_zoom_setup::app::{Msg, Screen};
use hacomono_zoom_setup::credentials::Field;
use hacomono_zoom_setup::guide::ItemKind;
use hacomono_zoom_setup::i18n::{Lang, tr};
use hacomono_zoom_setup::zoom::report::{Report, Stage, StageStatus, User};
use support::{Harness, demo_at, walk_to};

fn user(name: &str, email: &str, id: &str) -> User {
    User {
        id: id.into(),
        email: email.into(),
        display_name: name.into(),
        user_type: 2,
        role_id: "2".into(),
        ..User::default()
    }
}

fn healthy(users: Vec<User>) -> Report {
    Report {
        stages: Stage::ALL
            .iter()
            .map(|s| (*s, StageStatus::Passed))
            .collect(),
        users_total: Some(users.len() as u64),
        users,
        default_user: Some(0),
        scopes: hacomono_zoom_setup::zoom::scopes::evaluate(
            "meeting:write:meeting:admin meeting:update:meeting:admin meeting:delete:meeting:admin user:read:list_users:admin",
            false,
        ),
        ..Report::default()
    }
}

fn demo_users() -> Vec<User> {
    vec![
        user("山田 太郎", "owner@studio.example", "u0"),
        user("Kenji Suzuki", "kenji@studio.example", "u1"),
        user("ﾔﾏﾀﾞ ﾊﾅｺ", "hanako@studio.example", "u2"),
        user("Emily Carter", "emily@studio.example", "u3"),
    ]
}

/// STEP 1 with the App Name item in focus.
fn at_app_name(lang: Lang) -> Harness {
    let mut h = Harness::new(lang);
    walk_to(&mut h, Screen::Step1);
    while !h.model.app_name_focused() {
        h.press(KeyCode::Char('x'));
        h.press(KeyCode::Down);
    }
    h
}

#[test]
fn ticking_down_with_x_never_types_into_the_app_name() {
    let mut h = at_app_name(Lang::Ja);
    h.press(KeyCode::Char('x'));
    assert_eq!(
        h.model.app_name.value(),
        "",
        "x is the tick key, not a letter"
    );
    assert!(
        h.model.typing_target().is_some(),
        "on the App Name, x starts typing it"
    );
    h.type_str("hacomono x");
    assert_eq!(
        h.model.app_name.value(),
        "hacomono x",
        "once typing, x is a letter"
    );
    h.press(KeyCode::Enter);
    assert!(h.model.typing_target().is_none(), "Enter ends the typing");
    assert_eq!(h.model.screen, Screen::Step1, "and stays on STEP 1");
    h.press(KeyCode::Char(' '));
    h.press(KeyCode::Esc);
    assert_eq!(h.model.app_name.value(), "hacomono x");
    assert_eq!(h.model.screen, Screen::Step1, "Esc ends the typing too");
    // Ticking goes on below it.
    h.press(KeyCode::Down);
    let next = h.model.focused_item().unwrap().clone();
    h.press(KeyCode::Char('x'));
    assert!(h.model.is_ticked(&next));
}

#[test]
fn the_app_name_takes_full_width_ascii_and_refuses_the_rest_aloud() {
    let mut h = at_app_name(Lang::Ja);
    h.press(KeyCode::Char(' '));
    h.type_str("ＡＢＣ");
    assert_eq!(h.model.app_name.value(), "ABC", "NFKC, as a paste is");
    h.type_str("ジム");
    assert_eq!(h.model.app_name.value(), "ABC");
    let notice = h.model.notice.as_ref().expect("a refusal is said");
    assert_eq!(notice.key, "notice.app_name_ascii");
    let said = tr(Lang::Ja, "notice.app_name_ascii");
    assert!(h.screen(80, 24).contains(said), "{}", h.screen(80, 24));
    // A letter typed without Space first starts typing too.
    let mut h = at_app_name(Lang::En);
    h.type_str("gym");
    assert_eq!(h.model.app_name.value(), "gym");
    // A paste lands in the name, full-width made ASCII.
    let mut h = at_app_name(Lang::En);
    h.paste("ＧＹＭ－Ｌｉｎｋ");
    assert_eq!(h.model.app_name.value(), "GYM-Link");
}

#[test]
fn values_typed_with_an_ime_are_shown_and_copied_as_ascii() {
    let mut h = Harness::new(Lang::Ja);
    walk_to(&mut h, Screen::Values);
    h.type_str("ｄＥｍ０ＡｃｃｏｕｎｔＩｄ１２３４５６７８９０１");
    assert_eq!(
        h.model.field(Field::AccountId).value(),
        "dEm0AccountId12345678901"
    );
    h.model.screen = Screen::Step2;
    let screen = h.screen(80, 24);
    assert!(screen.contains("dEm0AccountId12345678901"), "{screen}");
    assert!(!screen.contains('ｄ'), "{screen}");
}

/// The secret pasted into an ID field (after it was entered where it belongs) is hidden there
/// like the secret itself, on every screen and in plain mode's lines; revealing shows it.
#[test]
fn an_id_holding_the_secret_is_hidden_like_the_secret() {
    const SECRET: &str = "abcdefghijKLMNOPqrst";
    let mut h = Harness::new(Lang::En);
    walk_to(&mut h, Screen::Values);
    h.model.field_mut(Field::ClientSecret).set(SECRET);
    h.model.field_mut(Field::AccountId).set(SECRET);
    assert!(h.model.is_hidden(Field::AccountId));
    assert!(!h.model.is_hidden(Field::ClientId));
    let line = shown_value(&h.model, Field::AccountId, true).unwrap();
    assert!(!line.contains(SECRET), "{line}");
    for screen in [Screen::Values, Screen::Step2] {
        h.model.screen = screen;
        let shown = h.screen(80, 24);
        assert!(!shown.contains(SECRET), "{screen:?}:\n{shown}");
    }
    let saved = Progress::from_model(&h.model, true);
    assert_eq!(saved.account_id, None, "never kept for resuming");
    h.model.reveal_secret = true;
    assert!(!h.model.is_hidden(Field::AccountId), "revealed on request");
}

#[test]
fn a_voiced_half_width_kana_is_one_character_to_the_filter() {
    let mut h = demo_at(Lang::Ja, Screen::Done, Some(healthy(demo_users())));
    h.type_str("ﾔﾏﾀ");
    h.type_str("ﾞ");
    assert_eq!(
        h.model.user_filter.value(),
        "ヤマダ",
        "typed as a paste is: NFKC"
    );
    assert_eq!(h.model.default_user().unwrap().id, "u2", "it finds ﾔﾏﾀﾞ ﾊﾅｺ");
    h.press(KeyCode::Backspace);
    assert_eq!(
        h.model.user_filter.value(),
        "ヤマ",
        "Backspace takes the whole ダ"
    );
}

#[test]
fn behind_the_too_small_message_no_key_acts() {
    let mut h = Harness::demo(Lang::Ja);
    assert!(h.screen(40, 10).contains("広げてください"));
    h.press(KeyCode::Enter);
    assert_eq!(h.model.screen, Screen::Start, "Enter did nothing unseen");
    h.press(KeyCode::Down);
    assert_eq!(h.model.focus(), 0, "nor did ↓");
    h.paste("x");
    assert!(h.model.notice.is_none());
    h.ctrl('c');
    assert!(h.model.quit, "Ctrl+C still quits");
    // Back at a size that fits, the keys work again.
    let mut h = Harness::demo(Lang::Ja);
    h.screen(40, 10);
    h.screen(80, 24);
    h.press(KeyCode::Enter);
    assert_eq!(h.model.screen, Screen::Role);
}

#[test]
fn at_50x16_the_start_screen_scrolls_up_to_its_text_and_back() {
    let mut h = Harness::demo(Lang::Ja);
    let body_start: String = tr(Lang::Ja, "start.body").chars().take(10).collect();
    let screen = h.screen(50, 16);
    assert!(screen.contains("上に続きがあります"), "{screen}");
    assert!(!screen.contains(&body_start), "{screen}");
    for _ in 0..4 {
        h.press(KeyCode::Up);
        h.screen(50, 16);
    }
    let screen = h.screen(50, 16);
    assert!(screen.contains(&body_start), "↑ reaches the top:\n{screen}");
    assert_eq!(h.model.focus(), 0, "without changing the answer");
    // Enter does not answer unseen: it brings the answers back first.
    h.press(KeyCode::Enter);
    assert_eq!(h.model.screen, Screen::Start);
    assert!(h.screen(50, 16).contains("(•)"));
    h.press(KeyCode::Enter);
    assert_eq!(h.model.screen, Screen::Role);
}

#[test]
fn at_50x16_the_roles_note_is_on_screen() {
    let mut h = Harness::demo(Lang::Ja);
    h.press(KeyCode::Enter);
    assert_eq!(h.model.screen, Screen::Role);
    let note: String = tr(Lang::Ja, "role.owner_admin_note")
        .chars()
        .take(12)
        .collect();
    let screen = h.screen(50, 16);
    assert!(screen.contains(&note), "{screen}");
}

/// Done with a rehearsal behind it and a notice of three rows: the question, the filter and
/// the users stay on screen, at 80x24 and 50x16; ↓ only ever moves a user that is in view.
#[test]
fn dones_user_list_stays_in_view_whatever_is_above_it() {
    let mut h = demo_at(Lang::Ja, Screen::Check, Some(healthy(demo_users())));
    h.press(KeyCode::Char('t'));
    h.press(KeyCode::Enter);
    let generation = h.model.check.generation;
    let host = h.model.users()[0].clone();
    let rehearsal = hacomono_zoom_setup::zoom::report::Rehearsal {
        host,
        steps: hacomono_zoom_setup::zoom::report::RehearsalStep::ALL
            .iter()
            .map(|s| (*s, StageStatus::Passed))
            .collect(),
        meeting: hacomono_zoom_setup::zoom::report::TestMeeting::Deleted { id: 81234567890 },
        interrupted: false,
        problems: vec![],
    };
    h.send(Msg::RehearsalDone {
        generation,
        rehearsal: Box::new(rehearsal),
    });
    support::walk_to(&mut h, Screen::Done);
    h.send(Msg::ReportDone(Ok(
        hacomono_zoom_setup::app::msg::ReportOutcome::Saved(
            "/a/rather/long/path/to/the/support/report/hacomono-zoom-report-2026-12-04.md".into(),
        ),
    )));
    let question: String = tr(Lang::Ja, "done.choose").chars().take(10).collect();
    for (w, hgt) in [(80, 24), (50, 16)] {
        let screen = h.screen(w, hgt);
        assert!(screen.contains(&question), "{w}x{hgt}:\n{screen}");
        assert!(screen.contains("絞り込み"), "{w}x{hgt}:\n{screen}");
        assert!(screen.contains("› (•)"), "{w}x{hgt}:\n{screen}");
        assert!(
            screen.contains("上に続きがあります"),
            "{w}x{hgt}:\n{screen}"
        );
    }
    let before = h.model.default_user().unwrap().id.clone();
    h.press(KeyCode::Down);
    let after = h.model.default_user().unwrap().id.clone();
    assert_ne!(before, after);
    let screen = h.screen(50, 16);
    let name = &h.model.default_user().unwrap().display_name;
    assert!(
        screen
            .lines()
            .any(|l| l.contains("› (•)") && l.contains(name.as_str())),
        "the newly chosen user is the one in view:\n{screen}"
    );
}

/// Every list and text cut at 80x24 says so: STEP 1's list below, STEP 2's above.
#[test]
fn a_cut_checklist_says_how_much_more_there_is() {
    let h = demo_at(Lang::Ja, Screen::Step1, None);
    let screen = h.screen(80, 24);
    assert!(screen.contains("下にあと"), "{screen}");
    let mut h = demo_at(Lang::Ja, Screen::Step2, Some(healthy(demo_users())));
    for _ in 0..20 {
        h.press(KeyCode::Down);
    }
    let screen = h.screen(80, 24);
    assert!(screen.contains("上にあと"), "{screen}");
}

#[test]
fn a_field_message_is_shown_whole_at_80_columns() {
    let mut h = Harness::new(Lang::Ja);
    walk_to(&mut h, Screen::Values);
    h.paste("AbCdEfGhIjKlMnOpQrStUv");
    h.press(KeyCode::Enter);
    h.type_str("AbCdEfGhIj KlMnOpQrStUv");
    let screen = h.screen(80, 24);
    // The sentence may wrap: read row after row, it is all there.
    let joined: String = screen.lines().map(str::trim).collect();
    assert!(
        joined.contains("✗ 空白が含まれています。ほかの文字を含めず、値だけをコピーしてください。"),
        "the message is cut:\n{screen}"
    );
}

#[test]
fn a_focused_answer_that_wraps_hangs_under_its_label() {
    let mut h = Harness::demo(Lang::Ja);
    h.press(KeyCode::Down);
    let screen = h.screen(80, 24);
    let lines: Vec<&str> = screen.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.contains("› (•) 2023年"))
        .expect("the focused answer");
    let label = lines[at].find("2023").unwrap();
    let next = lines[at + 1];
    let indent = next.len() - next.trim_start().len();
    assert_eq!(
        indent,
        lines[at][..label].chars().count(),
        "the second row starts under the label:\n{screen}"
    );
}

#[test]
fn a_groups_note_is_read_with_each_item_under_it() {
    let mut h = Harness::new(Lang::Ja);
    walk_to(&mut h, Screen::Step1);
    while h.model.focused_item().map(|i| i.id.as_str()) != Some("scope_master_delete") {
        h.press(KeyCode::Down);
    }
    let heading = hacomono_zoom_setup::guide::GUIDE
        .step1
        .iter()
        .find(|i| i.id == "scopes_sub_account_meetings" && i.kind == ItemKind::Heading)
        .unwrap();
    let note: String = heading.note(Lang::Ja).unwrap().chars().take(14).collect();
    for (w, hgt) in [(80, 24), (132, 40)] {
        let screen = h.screen(w, hgt);
        assert!(screen.contains(&note), "{w}x{hgt}:\n{screen}");
    }
}

#[test]
fn esc_on_the_resume_question_keeps_the_progress() {
    let mut saved = Harness::new(Lang::Ja);
    walk_to(&mut saved, Screen::Step1);
    saved.press(KeyCode::Char('x'));
    let progress = Progress::from_model(&saved.model, false);
    let mut h = Harness::new(Lang::Ja);
    h.model.overlay = Some(Overlay::Resume(progress.clone()));
    h.press(KeyCode::Esc);
    assert_eq!(
        h.model.screen,
        Screen::Step1,
        "Esc resumed, it threw nothing away"
    );
    assert_eq!(h.model.ticks.len(), 1);
    let mut h = Harness::new(Lang::Ja);
    h.model.overlay = Some(Overlay::Resume(progress));
    h.press(KeyCode::Char('n'));
    assert_eq!(h.model.screen, Screen::Start, "n starts over");
    assert!(h.model.ticks.is_empty());
}

/// Saved on STEP 2, resumed without the secret: the wizard resumes where the secret is
/// pasted, and the stepper does not claim a check that has not passed.
#[test]
fn resuming_without_the_secret_lands_where_it_is_pasted_and_claims_no_check() {
    let saved = demo_at(Lang::Ja, Screen::Step2, Some(healthy(demo_users())));
    let progress = Progress::from_model(&saved.model, true);
    let mut h = Harness::new(Lang::Ja);
    h.model.overlay = Some(Overlay::Resume(progress));
    h.press(KeyCode::Enter);
    assert_eq!(h.model.screen, Screen::Values);
    assert!(h.model.field(Field::ClientSecret).is_empty());
    // Walked on without a passing check, the stepper says the check is open, not done.
    h.model.screen = Screen::Step2;
    assert_eq!(h.model.step_state(Step::Check), StepState::Open);
    let stepper = h.screen(80, 24).lines().nth(1).unwrap().to_owned();
    assert!(stepper.contains("!確認"), "{stepper}");
    assert!(!stepper.contains("✓確認"), "{stepper}");
}

/// Checking an app that is already linked: Done does not count STEP 1 and STEP 2 as zero
/// ticks, and the stepper marks them skipped, not done.
#[test]
fn the_check_only_path_says_its_steps_were_skipped() {
    let mut h = Harness::demo(Lang::Ja);
    h.press(KeyCode::Down);
    h.press(KeyCode::Down);
    h.press(KeyCode::Enter);
    assert_eq!(h.model.screen, Screen::Values);
    h.ctrl('d');
    support::walk_to(&mut h, Screen::Check);
    let generation = h.model.check.generation;
    h.send(Msg::CheckDone {
        generation,
        report: healthy(demo_users()),
    });
    h.press(KeyCode::Enter);
    assert_eq!(h.model.screen, Screen::Done);
    for step in [Step::Role, Step::Step1, Step::Step2] {
        assert_eq!(h.model.step_state(step), StepState::Skipped, "{step:?}");
    }
    let screen = h.screen(132, 40);
    assert!(!screen.contains("0/18"), "{screen}");
    assert!(!screen.contains("✓STEP 2"), "{screen}");
    assert!(screen.contains("連携済みのため省略"), "{screen}");
}

/// The notice after a copy that could not reach a clipboard names the key that saves the report
/// where it is shown: `s` on Check, Ctrl+S on Done, where typing filters the users.
#[test]
fn the_report_notice_names_the_save_key_that_works_on_its_screen() {
    use hacomono_zoom_setup::app::msg::ReportOutcome;
    use hacomono_zoom_setup::app::text::notice;
    use hacomono_zoom_setup::clipboard::CopyOutcome;
    for (screen, key, not) in [
        (Screen::Check, "press s ", "Ctrl+S"),
        (Screen::Done, "press Ctrl+S ", "press s "),
    ] {
        let mut h = demo_at(Lang::En, screen, Some(healthy(demo_users())));
        h.send(Msg::ReportDone(Ok(ReportOutcome::Copied(
            CopyOutcome::Unavailable,
        ))));
        let said = notice(Lang::En, h.model.notice.as_ref().unwrap());
        assert!(
            said.contains(key) && !said.contains(not),
            "{screen:?}: {said}"
        );
    }
}
