//! The pure core through its public surface: keys in, state and effects out.

mod support;

use crossterm::event::KeyCode;
use hacomono_zoom_setup::app::Effect;
use hacomono_zoom_setup::app::model::{Missing, Overlay, Situation};
use hacomono_zoom_setup::app::{Msg, Screen};
use hacomono_zoom_setup::credentials::Field;
use hacomono_zoom_setup::i18n::Lang;
use hacomono_zoom_setup::zoom::report::{Report, Stage, StageStatus, User, UsersRead};
use support::{Harness, walk_to};

fn healthy_report() -> Report {
    let users = vec![
        User {
            id: "u1".into(),
            email: "member@example.com".into(),
            display_name: "Member".into(),
            ..User::default()
        },
        User {
            id: "u0".into(),
            email: "owner@example.com".into(),
            display_name: "Owner".into(),
            role_id: "0".into(),
            ..User::default()
        },
    ];
    Report {
        users_total: Some(2),
        ..support::passed_report(users, 1)
    }
}

#[test]
fn the_default_flow_skips_migration_and_custom_role() {
    let mut h = Harness::new(Lang::En);
    let mut seen = vec![h.model.screen];
    while h.model.screen != Screen::Check {
        h.force_next();
        if seen.last() != Some(&h.model.screen) {
            seen.push(h.model.screen);
        }
    }
    assert_eq!(
        seen,
        [
            Screen::Start,
            Screen::Role,
            Screen::Step1,
            Screen::Values,
            Screen::Check
        ]
    );
}

#[test]
fn answering_yes_to_jwt_shows_the_migration_screen_and_back_returns() {
    let mut h = Harness::new(Lang::Ja);
    h.press(KeyCode::Down);
    h.press(KeyCode::Enter);
    assert_eq!(h.model.screen, Screen::Migration);
    h.press(KeyCode::Esc);
    assert_eq!(h.model.screen, Screen::Start);
    assert_eq!(
        h.model.situation,
        Situation::JwtMigration,
        "going back keeps the answer"
    );
    h.press(KeyCode::Enter);
    h.press(KeyCode::Enter);
    assert_eq!(h.model.screen, Screen::Role);
}

#[test]
fn a_custom_role_adds_its_checklist_and_warns_when_left_open() {
    let mut h = Harness::new(Lang::En);
    h.press(KeyCode::Enter);
    h.press(KeyCode::Down);
    h.press(KeyCode::Enter);
    assert_eq!(h.model.screen, Screen::CustomRole);
    h.press(KeyCode::Enter);
    match &h.model.overlay {
        Some(Overlay::Unfinished { missing, then }) => {
            assert_eq!(*then, Screen::Step1);
            assert_eq!(
                missing.len(),
                Model::focusable_items(Screen::CustomRole)
                    .iter()
                    .filter(|i| i.required)
                    .count()
            );
        }
        other => panic!("expected the unfinished warning, got {other:?}"),
    }
    h.press(KeyCode::Esc);
    assert_eq!(h.model.screen, Screen::CustomRole, "Esc stays");
    for _ in 0..Model::focusable_items(Screen::CustomRole).len() {
        h.press(KeyCode::Char(' '));
        h.press(KeyCode::Down);
    }
    h.press(KeyCode::Enter);
    assert_eq!(h.model.overlay, None);
    assert_eq!(h.model.screen, Screen::Step1);
}

use hacomono_zoom_setup::app::Model;

#[test]
fn space_toggles_the_focused_item_and_a_release_does_nothing() {
    let mut h = Harness::new(Lang::En);
    walk_to(&mut h, Screen::Step1);
    let first = h.model.focused_item().unwrap().clone();
    h.press(KeyCode::Char(' '));
    assert!(h.model.is_ticked(&first));
    h.release(KeyCode::Char(' '));
    assert!(
        h.model.is_ticked(&first),
        "key releases (Windows) are ignored"
    );
    h.press(KeyCode::Char('x'));
    assert!(!h.model.is_ticked(&first));
}

#[test]
fn the_app_name_field_takes_ascii_and_refuses_full_width() {
    let mut h = Harness::new(Lang::Ja);
    walk_to(&mut h, Screen::Step1);
    while !h.model.app_name_focused() {
        h.press(KeyCode::Down);
    }
    // Space on the App Name starts typing it; from then on Space is a letter.
    h.press(KeyCode::Char(' '));
    h.type_str("hacomono zoom?");
    assert_eq!(
        h.model.app_name.value(),
        "hacomono zoom?",
        "space and ? are typed, not bindings"
    );
    h.type_str("ア");
    assert_eq!(h.model.app_name.value(), "hacomono zoom?");
    assert_eq!(
        h.model.notice.as_ref().unwrap().key,
        "notice.app_name_ascii"
    );
    h.paste("ハコモノ");
    assert_eq!(h.model.app_name.value(), "hacomono zoom?");
    h.press(KeyCode::Backspace);
    assert_eq!(h.model.app_name.value(), "hacomono zoom");
}

#[test]
fn leaving_step1_untouched_names_what_is_missing() {
    let mut h = Harness::new(Lang::En);
    walk_to(&mut h, Screen::Step1);
    h.press(KeyCode::Enter);
    let Some(Overlay::Unfinished { missing, .. }) = &h.model.overlay else {
        panic!("no warning")
    };
    assert!(missing.contains(&Missing::AppName));
    assert!(missing.iter().any(|m| matches!(m, Missing::Item(_))));
}

#[test]
fn a_paste_fills_the_focused_field_cleaned_and_enter_moves_on() {
    let mut h = Harness::new(Lang::En);
    walk_to(&mut h, Screen::Values);
    h.paste("  abcDEF123_-xyz0123456\r\n");
    assert_eq!(
        h.model.field(Field::AccountId).value(),
        "abcDEF123_-xyz0123456"
    );
    h.press(KeyCode::Enter);
    assert_eq!(h.model.focused_field(), Field::ClientId);
    h.paste("client\u{1b}[31m1234567890123456");
    assert!(
        !h.model.field(Field::ClientId).value().contains('\u{1b}'),
        "escape sequences never survive"
    );
    h.press(KeyCode::Down);
    h.paste("s3cr3t-value-0123456789abcdefghij ");
    assert_eq!(
        h.model.field(Field::ClientSecret).value(),
        "s3cr3t-value-0123456789abcdefghij"
    );
}

#[test]
fn an_oversize_paste_is_refused_and_changes_nothing() {
    let mut h = Harness::new(Lang::En);
    walk_to(&mut h, Screen::Values);
    h.paste("keep-me");
    h.paste(&"x".repeat(5000));
    assert_eq!(h.model.field(Field::AccountId).value(), "keep-me");
    assert_eq!(h.model.notice.as_ref().unwrap().key, "paste.too_long");
}

#[test]
fn ctrl_v_asks_the_runtime_for_the_clipboard_and_a_failure_is_explained() {
    let mut h = Harness::new(Lang::En);
    walk_to(&mut h, Screen::Values);
    assert_eq!(h.ctrl('v'), vec![Effect::ReadClipboard]);
    h.send(Msg::ClipboardRead(Err(
        hacomono_zoom_setup::clipboard::ReadError::NoClipboard,
    )));
    assert_eq!(
        h.model.notice.as_ref().unwrap().key,
        "clipboard.read.no_clipboard"
    );
    h.send(Msg::ClipboardRead(Ok("from-clipboard-123".into())));
    assert_eq!(
        h.model.field(Field::AccountId).value(),
        "from-clipboard-123"
    );
}

#[test]
fn entering_the_check_starts_it_and_a_stale_answer_is_dropped() {
    let mut h = Harness::demo(Lang::En);
    walk_to(&mut h, Screen::Values);
    h.ctrl('d');
    h.press(KeyCode::Enter);
    h.press(KeyCode::Enter);
    let effects = h.press(KeyCode::Enter);
    assert_eq!(h.model.screen, Screen::Check);
    let Some(Effect::Check {
        generation,
        credentials,
    }) = effects.first().cloned()
    else {
        panic!("{effects:?}")
    };
    assert_eq!(credentials, support::demo_credentials());
    assert!(h.model.check.is_running());

    // The user goes back and edits the secret while the check runs: its answer is stale.
    h.press(KeyCode::Esc);
    assert_eq!(
        h.press(KeyCode::Char('Z')),
        vec![Effect::CancelCheck],
        "the edit stops the running check"
    );
    h.send(Msg::CheckDone {
        generation,
        report: healthy_report(),
    });
    assert_eq!(h.model.check.report(), None);

    // Coming back starts a new check, whose answer counts.
    h.press(KeyCode::Enter);
    let Some(Effect::Check { generation, .. }) = h.effects.last().cloned() else {
        panic!()
    };
    h.send(Msg::CheckProgress {
        generation,
        stage: Stage::Token,
        status: StageStatus::Passed,
        users: None,
    });
    assert_eq!(h.model.check.status(Stage::Token), StageStatus::Passed);
    assert_eq!(h.model.check.users_read(), None);
    // A page of users in: the count is kept for the Check screen.
    let read = UsersRead {
        read: 300,
        total: Some(8_000),
    };
    h.send(Msg::CheckProgress {
        generation,
        stage: Stage::Users,
        status: StageStatus::Running,
        users: Some(read),
    });
    assert_eq!(h.model.check.users_read(), Some(read));
    assert_eq!(h.model.check.status(Stage::Users), StageStatus::Running);
    assert_eq!(h.model.screen, Screen::Check);
    let screen = h.screen(80, 24);
    assert!(
        screen.lines().any(|l| l.contains("users: 300 of 8,000")),
        "the Check screen tells how far the listing is:\n{screen}"
    );
    h.send(Msg::Action(
        hacomono_zoom_setup::app::Action::SwitchLanguage,
    ));
    let screen = h.screen(80, 24);
    assert!(screen.contains("ユーザー: 8,000 人中 300 人"), "{screen}");
    h.send(Msg::Action(
        hacomono_zoom_setup::app::Action::SwitchLanguage,
    ));
    h.send(Msg::CheckDone {
        generation,
        report: healthy_report(),
    });
    assert!(!h.model.check.is_running());
    assert_eq!(
        h.model.default_user().unwrap().email,
        "owner@example.com",
        "the owner is proposed"
    );
}

#[test]
fn r_rechecks_and_a_failed_check_warns_before_step2() {
    let mut h = Harness::demo(Lang::En);
    walk_to(&mut h, Screen::Check);
    let Some(Effect::Check { generation, .. }) = h.effects.last().cloned() else {
        panic!()
    };
    let failed = Report {
        stages: vec![(Stage::Token, StageStatus::Failed)],
        diagnoses: vec![hacomono_zoom_setup::zoom::report::Diagnosis {
            code: hacomono_zoom_setup::zoom::report::DiagnosisCode::InvalidClient,
            severity: hacomono_zoom_setup::credentials::Severity::Error,
            field: Some(Field::ClientSecret),
            detail: None,
        }],
        ..Report::default()
    };
    h.send(Msg::CheckDone {
        generation,
        report: failed,
    });
    h.press(KeyCode::Enter);
    assert!(
        matches!(&h.model.overlay, Some(Overlay::Unfinished { missing, .. }) if missing == &[Missing::CheckNotPassed])
    );
    h.press(KeyCode::Esc);
    let effects = h.press(KeyCode::Char('r'));
    let Some(Effect::Check {
        generation: latest, ..
    }) = effects.first().cloned()
    else {
        panic!()
    };
    let blamed = Report {
        diagnoses: vec![hacomono_zoom_setup::zoom::report::Diagnosis {
            code: hacomono_zoom_setup::zoom::report::DiagnosisCode::InvalidClient,
            severity: hacomono_zoom_setup::credentials::Severity::Error,
            field: Some(Field::ClientSecret),
            detail: None,
        }],
        ..Report::default()
    };
    h.send(Msg::CheckDone {
        generation: latest,
        report: blamed,
    });
    h.press(KeyCode::Esc);
    assert_eq!(h.model.screen, Screen::Values);
    assert_eq!(
        h.model.focused_field(),
        Field::ClientSecret,
        "back lands on the blamed field"
    );
    assert!(matches!(effects.as_slice(), [Effect::Check { generation: g, .. }] if *g > generation));
}

#[test]
fn step2_copy_keys_hand_each_value_over_and_report_honestly() {
    let mut h = Harness::demo(Lang::En);
    walk_to(&mut h, Screen::Values);
    h.ctrl('d');
    walk_to(&mut h, Screen::Step2);
    let effects = h.press(KeyCode::Char('3'));
    let [Effect::Copy { field, text }] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(*field, Field::ClientSecret);
    assert_eq!(
        text.expose(),
        support::demo_credentials().client_secret.expose()
    );
    assert!(
        !format!("{effects:?}").contains(text.expose()),
        "the secret never shows in Debug"
    );
    h.send(Msg::Copied(
        Field::ClientSecret,
        hacomono_zoom_setup::clipboard::CopyOutcome::SentOsc52,
    ));
    assert_eq!(h.model.notice.as_ref().unwrap().key, "notice.copy_osc52");
}

#[test]
fn done_lets_the_admin_choose_another_user_and_enter_finishes() {
    let mut h = Harness::demo(Lang::En);
    walk_to(&mut h, Screen::Check);
    let Some(Effect::Check { generation, .. }) = h.effects.last().cloned() else {
        panic!()
    };
    h.send(Msg::CheckDone {
        generation,
        report: healthy_report(),
    });
    walk_to(&mut h, Screen::Done);
    assert_eq!(h.model.default_user().unwrap().id, "u0");
    h.press(KeyCode::Up);
    assert_eq!(h.model.default_user().unwrap().id, "u1");
    assert_eq!(h.press(KeyCode::Enter), vec![]);
    assert!(h.model.quit);
}

#[test]
fn ctrl_c_quits_from_anywhere_even_with_an_overlay_open() {
    for screen in [Screen::Start, Screen::Step1, Screen::Values] {
        let mut h = Harness::new(Lang::Ja);
        walk_to(&mut h, screen);
        h.press(KeyCode::Char('?'));
        assert_eq!(h.ctrl('c'), vec![], "on {screen:?}");
        assert!(h.model.quit, "on {screen:?}");
    }
}

#[test]
fn question_mark_opens_help_except_while_typing_where_f1_does() {
    let mut h = Harness::new(Lang::En);
    h.press(KeyCode::Char('?'));
    assert_eq!(h.model.overlay, Some(Overlay::Help));
    h.press(KeyCode::Esc);
    walk_to(&mut h, Screen::Values);
    h.press(KeyCode::Char('?'));
    assert_eq!(h.model.overlay, None);
    assert_eq!(h.model.field(Field::AccountId).value(), "?");
    h.press(KeyCode::F(1));
    assert_eq!(h.model.overlay, Some(Overlay::Help));
}

#[test]
fn links_are_opened_by_effect_and_explained_when_no_browser_opens() {
    let mut h = Harness::new(Lang::En);
    walk_to(&mut h, Screen::Step1);
    let effects = h.press(KeyCode::Char('o'));
    assert_eq!(
        effects,
        vec![Effect::OpenUrl("https://marketplace.zoom.us/".into())]
    );
    h.send(Msg::UrlOpened {
        url: "https://marketplace.zoom.us/".into(),
        opened: false,
    });
    let notice = h.model.notice.clone().unwrap();
    assert_eq!(notice.key, "notice.url_not_opened");
    assert!(
        h.screen(80, 24).contains("https://marketplace.zoom.us/"),
        "the address is shown in full"
    );
}

#[test]
fn checking_an_existing_app_skips_the_setup_steps_and_notes_the_token() {
    let mut h = Harness::demo(Lang::En);
    h.press(KeyCode::Down);
    h.press(KeyCode::Down);
    h.press(KeyCode::Enter);
    assert_eq!(h.model.screen, Screen::Values);
    h.ctrl('d');
    walk_to(&mut h, Screen::Check);
    assert!(
        h.screen(80, 24).contains("one new access token"),
        "a one-line note says what the check does to tokens"
    );
    // Zoom allows several tokens at once now: the check starts without an extra key.
    let Some(Effect::Check { generation, .. }) = h.effects.last().cloned() else {
        panic!("{:?}", h.effects)
    };
    h.send(Msg::CheckDone {
        generation,
        report: healthy_report(),
    });
    h.press(KeyCode::Enter);
    assert_eq!(h.model.screen, Screen::Done);
    h.press(KeyCode::Esc);
    h.press(KeyCode::Esc);
    h.press(KeyCode::Esc);
    assert_eq!(h.model.screen, Screen::Start);
}

#[test]
fn progress_is_saved_as_the_user_goes_and_forgotten_on_finish() {
    let mut h = Harness::demo(Lang::En);
    h.model.persist = true;
    let effects = h.press(KeyCode::Enter);
    let Some(Effect::SaveProgress(progress)) = effects.last() else {
        panic!("{effects:?}")
    };
    assert_eq!(progress.screen, "role");
    assert!(
        h.press(KeyCode::F(12)).is_empty(),
        "nothing changed, nothing written"
    );
    walk_to(&mut h, Screen::Values);
    h.ctrl('d');
    let saved: Vec<_> = h
        .effects
        .iter()
        .filter_map(|e| match e {
            Effect::SaveProgress(p) => Some(p.clone()),
            _ => None,
        })
        .collect();
    assert!(
        saved.iter().all(|p| p.account_id.is_none()),
        "no IDs without consent"
    );
    h.ctrl('k');
    let Some(Effect::SaveProgress(progress)) = h.effects.last() else {
        panic!()
    };
    assert_eq!(
        progress.account_id.as_deref(),
        Some(support::demo_credentials().account_id.as_str())
    );
    let Some(Effect::Check { .. }) = ({
        walk_to(&mut h, Screen::Check);
        h.effects
            .iter()
            .rev()
            .find(|e| matches!(e, Effect::Check { .. }))
            .cloned()
    }) else {
        panic!()
    };
    walk_to(&mut h, Screen::Done);
    let effects = h.press(KeyCode::Enter);
    assert_eq!(effects, vec![Effect::ForgetProgress]);
    assert!(h.model.quit);
}

#[test]
fn a_pasted_block_fills_the_fields_it_names_whatever_has_focus() {
    let shapes = [
        "ZOOM_ACCOUNT_ID=\"acctAAAAAAAAAAAAAAAAAA\"\nZOOM_CLIENT_ID=clntBBBBBBBBBBBBBBBBBB\nZOOM_CLIENT_SECRET='secrCCCCCCCCCCCCCCCCCCCCCCCCCCCC'\n",
        "Client secret: secrCCCCCCCCCCCCCCCCCCCCCCCCCCCC\r\nAccount ID: acctAAAAAAAAAAAAAAAAAA\r\nClient ID: clntBBBBBBBBBBBBBBBBBB\r\n",
        "アカウントID：acctAAAAAAAAAAAAAAAAAA\nクライアントID：clntBBBBBBBBBBBBBBBBBB\nクライアントシークレット：secrCCCCCCCCCCCCCCCCCCCCCCCCCCCC",
    ];
    for shape in shapes {
        let mut h = Harness::new(Lang::Ja);
        walk_to(&mut h, Screen::Values);
        h.press(KeyCode::Down);
        h.paste(shape);
        assert_eq!(
            h.model.field(Field::AccountId).value(),
            "acctAAAAAAAAAAAAAAAAAA",
            "{shape}"
        );
        assert_eq!(
            h.model.field(Field::ClientId).value(),
            "clntBBBBBBBBBBBBBBBBBB"
        );
        assert_eq!(
            h.model.field(Field::ClientSecret).value(),
            "secrCCCCCCCCCCCCCCCCCCCCCCCCCCCC"
        );
        assert_eq!(h.model.notice.as_ref().unwrap().key, "paste.filled");
    }
}

#[test]
fn the_same_value_in_two_fields_is_flagged_before_leaving() {
    let mut h = Harness::new(Lang::En);
    walk_to(&mut h, Screen::Values);
    h.paste("sameValue0123456789abc");
    h.press(KeyCode::Down);
    h.paste("sameValue0123456789abc");
    h.press(KeyCode::Down);
    h.paste("secrCCCCCCCCCCCCCCCCCCCCCCCCCCCC");
    h.press(KeyCode::Enter);
    let Some(Overlay::Unfinished { missing, .. }) = &h.model.overlay else {
        panic!("no warning")
    };
    assert_eq!(missing, &[Missing::Invalid(Field::ClientId)]);
    assert!(h.screen(80, 24).contains("Client ID has a problem"));
}

#[test]
fn every_copy_outcome_is_reported_honestly() {
    use hacomono_zoom_setup::clipboard::CopyOutcome;
    let mut h = Harness::new(Lang::En);
    for (result, says) in [
        (CopyOutcome::Copied, "Client ID copied to the clipboard."),
        (
            CopyOutcome::SentOsc52,
            "Client ID sent to your terminal (OSC 52): if pasting does not work, select",
        ),
        (
            CopyOutcome::Unavailable,
            "No clipboard here: select the value of Client ID",
        ),
    ] {
        h.send(Msg::Copied(Field::ClientId, result));
        let text =
            hacomono_zoom_setup::app::text::notice(Lang::En, h.model.notice.as_ref().unwrap());
        assert!(text.starts_with(says), "{text}");
    }
}

#[test]
fn moving_the_cursor_in_a_field_does_not_cancel_a_running_check() {
    let mut h = Harness::demo(Lang::En);
    walk_to(&mut h, Screen::Values);
    h.ctrl('d');
    walk_to(&mut h, Screen::Check);
    assert!(h.model.check.is_running());
    h.press(KeyCode::Esc);
    for key in [KeyCode::Left, KeyCode::Home, KeyCode::End, KeyCode::Right] {
        h.press(key);
    }
    assert!(
        h.model.check.is_running(),
        "the check goes on: nothing changed"
    );
    let before = h
        .effects
        .iter()
        .filter(|e| matches!(e, Effect::Check { .. }))
        .count();
    h.press(KeyCode::Enter);
    let after = h
        .effects
        .iter()
        .filter(|e| matches!(e, Effect::Check { .. }))
        .count();
    assert_eq!(
        before, after,
        "coming back starts no second check (no second token)"
    );
    h.press(KeyCode::Esc);
    h.press(KeyCode::Backspace);
    assert!(
        !h.model.check.is_running(),
        "a real edit makes the running check moot"
    );
}

#[test]
fn a_pasted_message_never_shows_its_text_in_debug() {
    let secret = "PastedSecret0123456789abcdefghij";
    let msg = Msg::Paste(secret.into());
    assert!(!format!("{msg:?}").contains(secret));
    let msg = Msg::ClipboardRead(Ok(secret.into()));
    assert!(!format!("{msg:?}").contains(secret));
}
