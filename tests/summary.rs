//! The summary that stays after the wizard (`app::summary`): from the core's model and how the
//! run ended, in both languages, never a credential; then the real binary in a pseudo-terminal,
//! where it stays on the terminal after the full screen closes, from Done and after Ctrl+C.

mod support;

use std::path::Path;

use hacomono_zoom_setup::app::Screen;
use hacomono_zoom_setup::app::model::CheckPhase;
use hacomono_zoom_setup::app::summary::{Ending, lines};
use hacomono_zoom_setup::i18n::Lang;
use hacomono_zoom_setup::zoom::report::{
    DiagnosisCode, LeftMeeting, Rehearsal, RehearsalStep, Report, StageStatus, TestMeeting, User,
};
use support::{Harness, demo_at};

fn user(id: &str, name: &str, user_type: i64) -> User {
    User {
        id: id.into(),
        email: format!("{id}@gym.example"),
        display_name: name.into(),
        user_type,
        ..User::default()
    }
}

fn passing_report() -> Report {
    support::passed_report(
        vec![
            user("owner", "山田 太郎", 2),
            user("staff", "Emily Carter", 2),
            user("basic", "Basic Bob", 1),
        ],
        0,
    )
}

fn failing_report() -> Report {
    support::failed_report(DiagnosisCode::InvalidClient, None, None)
}

/// A demo wizard on Done after a check that answered `report`; the cursor on user `chosen`.
fn on_done(lang: Lang, report: Report, chosen: usize) -> Harness {
    let mut h = demo_at(lang, Screen::Done, Some(report));
    h.model.cursors[Screen::Done.index()] = chosen;
    h
}

/// Enter on Done: the wizard is over, finished.
fn finish(h: &mut Harness) {
    h.press(crossterm::event::KeyCode::Enter);
    assert!(h.model.quit && h.model.finished, "Enter on Done finishes");
}

fn rehearse(h: &mut Harness, host: User, passed: bool) {
    let CheckPhase::Done { report, .. } = &mut h.model.check.phase else {
        panic!("no check answered");
    };
    let last = if passed {
        StageStatus::Passed
    } else {
        StageStatus::Failed
    };
    report.add_rehearsal(Rehearsal {
        host,
        steps: vec![
            (RehearsalStep::Create, StageStatus::Passed),
            (RehearsalStep::Update, StageStatus::Passed),
            (RehearsalStep::Delete, last),
        ],
        meeting: if passed {
            TestMeeting::Deleted { id: 1 }
        } else {
            TestMeeting::Left(LeftMeeting {
                id: Some(1),
                topic: "test".into(),
                start_time: 0,
            })
        },
        interrupted: false,
        problems: vec![],
    });
}

fn summary(h: &Harness) -> Vec<String> {
    let store = Path::new("/data/progress.json");
    lines(&h.model, &Ending::of(&h.model, Some(store)))
}

#[test]
fn finished_with_a_passing_check_names_the_user_and_the_next_step_in_hacomono() {
    let mut h = on_done(Lang::En, passing_report(), 1);
    finish(&mut h);
    assert_eq!(
        summary(&h),
        [
            "Setup finished. Default Zoom user for hacomono: Emily Carter <staff@gym.example>, User ID staff",
            "  ✓ Zoom accepted the Account ID, Client ID and Client secret, and the scopes are complete",
            "  Next, in hacomono's admin site: [Zoom detailed settings] > [Default Zoom user ID] should show this user.",
        ]
    );
}

#[test]
fn finished_in_japanese_says_the_same_in_japanese() {
    let mut h = on_done(Lang::Ja, passing_report(), 0);
    finish(&mut h);
    assert_eq!(
        summary(&h),
        [
            "セットアップが完了しました。hacomono のデフォルト Zoom ユーザー: 山田 太郎 <owner@gym.example>、ユーザーID owner",
            "  ✓ Zoom が Account ID・Client ID・Client secret を受け付け、スコープもそろっています",
            "  次に hacomono 管理サイトで、[Zoom 詳細設定]の[デフォルト Zoom ユーザー ID]にこのユーザーが表示されていることを確認してください。",
        ]
    );
}

#[test]
fn the_rehearsal_is_said_for_the_chosen_host_another_one_or_as_a_problem() {
    let owner = passing_report().users[0].clone();
    let staff = passing_report().users[1].clone();
    for (host, passed, chosen, expected) in [
        (
            owner.clone(),
            true,
            0,
            "  ✓ Rehearsal: hacomono's calls work for 山田 太郎",
        ),
        (
            staff,
            true,
            0,
            "  ✓ Rehearsal passed for Emily Carter, not for the default user chosen",
        ),
        (
            owner,
            false,
            0,
            "  ✗ Rehearsal for 山田 太郎 found a problem (the wizard's check explains it)",
        ),
    ] {
        let mut h = on_done(Lang::En, passing_report(), chosen);
        rehearse(&mut h, host, passed);
        finish(&mut h);
        let said = summary(&h);
        assert_eq!(said[2], expected, "{said:#?}");
    }
}

#[test]
fn a_basic_user_chosen_as_default_is_warned_about() {
    let mut h = on_done(Lang::En, passing_report(), 2);
    finish(&mut h);
    let said = summary(&h);
    assert!(
        said[0].contains("Basic Bob <basic@gym.example>"),
        "{said:#?}"
    );
    assert!(
        said.iter()
            .any(|line| line.starts_with("  ! ") && line.contains("Basic")),
        "{said:#?}"
    );
}

#[test]
fn finished_without_a_passing_check_says_hacomono_cannot_use_the_values_yet() {
    let mut h = on_done(Lang::En, failing_report(), 0);
    finish(&mut h);
    assert_eq!(
        summary(&h),
        [
            "The wizard is finished, but hacomono cannot use these values yet: the check with Zoom has not passed.",
            "  ✗ The check with Zoom has not passed",
            "  Next: correct the values as the check says, then start the wizard again and choose “only check its values”.",
        ]
    );
}

#[test]
fn stopped_early_says_where_and_where_the_progress_waits() {
    // Progress kept as the user goes (the store was found), left on STEP 1 with Ctrl+C.
    let mut h = Harness::demo(Lang::En);
    h.model.persist = true;
    support::walk_to(&mut h, Screen::Step1);
    h.ctrl('c');
    assert!(h.model.quit && !h.model.finished);
    assert_eq!(
        summary(&h),
        [
            "Setup not finished (stopped at: STEP 1: build the app in Zoom).",
            "  Progress saved in /data/progress.json (never the Client secret): the next start offers to continue.",
        ]
    );

    // Nothing kept: no store, saving turned off, or a save that failed.
    h.model.persist = false;
    assert_eq!(
        summary(&h)[1],
        "  Progress was not saved: the next start begins from the beginning."
    );
    let ending = Ending::of(&h.model, None);
    assert_eq!(ending, Ending::Stopped { saved_to: None });
}

#[test]
fn stopped_after_a_check_says_what_zoom_answered_and_who_was_chosen() {
    let mut h = on_done(Lang::Ja, passing_report(), 1);
    h.model.persist = true;
    h.ctrl('c');
    assert_eq!(
        summary(&h),
        [
            "セットアップは完了していません(中断した画面: 完了)。",
            "  ✓ Zoom が Account ID・Client ID・Client secret を受け付け、スコープもそろっています",
            "  ここまでに選んだデフォルト Zoom ユーザー: Emily Carter <staff@gym.example>",
            "  進行状況を /data/progress.json に保存しました(Client secret は保存していません)。次回の起動時に続きから再開できます。",
        ]
    );
}

#[test]
fn an_earlier_runs_progress_still_waiting_to_be_resumed_counts_as_kept() {
    let mut h = Harness::new(Lang::En);
    h.model.persist = true;
    h.model.overlay = Some(hacomono_zoom_setup::app::model::Overlay::Resume(
        hacomono_zoom_setup::app::progress::Progress::from_model(&h.model, false),
    ));
    let store = Path::new("/data/progress.json");
    assert_eq!(
        Ending::of(&h.model, Some(store)),
        Ending::Stopped {
            saved_to: Some(store)
        }
    );
}

#[test]
fn no_credential_and_no_control_character_reaches_the_summary() {
    let mut report = passing_report();
    report.users[0].display_name = "Evil\u{1b}[2J\u{1b}]52;c;AAAA\u{7} Name".into();
    for lang in [Lang::En, Lang::Ja] {
        let mut h = on_done(lang, report.clone(), 0);
        let values = h.model.credentials();
        finish(&mut h);
        let text = summary(&h).join("\n");
        assert!(text.contains("Evil[2J]52;c;AAAA Name"), "{text}");
        assert!(
            !text.chars().any(|c| c.is_control() && c != '\n'),
            "{text:?}"
        );
        for value in [
            values.account_id.as_str(),
            values.client_id.as_str(),
            values.client_secret.expose(),
        ] {
            assert!(!value.is_empty());
            assert!(!text.contains(value), "{value} in:\n{text}");
        }
    }
}

/// The real binary: what stays on the terminal once the full screen is gone.
#[cfg(unix)]
mod in_a_terminal {
    use super::support::pty::{CTRL_C, ENTER, Session};

    #[test]
    fn after_done_the_terminal_shows_the_chosen_default_user() {
        let mut s = Session::start(&["--demo", "--lang", "en"], &[]);
        s.walk_demo_to_done();
        s.send(ENTER);
        assert_eq!(s.wait_exit(), 0);
        s.assert_terminal_restored();
        let screen = s.contents();
        for expected in [
            "Setup finished. Default Zoom user for hacomono: 山田 太郎 <owner@demo-gym.example>",
            "✓ Zoom accepted the Account ID, Client ID and Client secret",
            "[Zoom detailed settings] > [Default Zoom user ID] should show this user.",
        ] {
            assert!(screen.contains(expected), "{expected:?} missing:\n{screen}");
        }
        // Printed on the normal screen, after the alternate screen was left.
        let out = String::from_utf8_lossy(&s.output()).into_owned();
        let left = out
            .rfind("\x1b[?1049l")
            .expect("the alternate screen was left");
        assert!(out[left..].contains("Setup finished."));
    }

    #[test]
    fn after_ctrl_c_the_terminal_says_where_the_progress_was_saved() {
        let mut s = Session::start(&["--demo", "--lang", "en"], &[]);
        s.wait_for("Welcome");
        s.press(ENTER, "Which role");
        s.press(ENTER, "STEP 1: build the app");
        s.send(CTRL_C);
        s.wait_exit();
        s.assert_terminal_restored();
        let file = s
            .home
            .path()
            .join("data/hacomono-zoom-setup/demo-progress.json");
        assert!(file.exists(), "the progress was saved");
        // The screen may wrap the long path: compare without the line breaks.
        let screen = s.contents().replace('\n', "");
        for expected in [
            "Setup not finished (stopped at: STEP 1: build the app in Zoom).".to_owned(),
            format!("Progress saved in {}", file.display()),
        ] {
            assert!(
                screen.contains(&expected),
                "{expected:?} missing:\n{screen}"
            );
        }
        assert!(!screen.contains("Setup finished"));
    }
}
