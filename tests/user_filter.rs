//! Finding one user among thousands, on Done and in the rehearsal's consent step: the core's
//! filter (Japanese names, NFKC, ASCII case), the keys that move among the matches, the
//! proposal kept marked, no rehearsal for a host the filter hides, the screens with a filter
//! typed in both languages, and a property: the focus is always a user the list shows.

mod support;

use crossterm::event::KeyCode;
use hacomono_zoom_setup::app::user_filter::UserIndex;
use hacomono_zoom_setup::app::view::{Block, UserList, blocks, host_list};
use hacomono_zoom_setup::app::{Action, Effect, Msg, Screen};
use hacomono_zoom_setup::i18n::Lang;
use hacomono_zoom_setup::zoom::report::{Report, Stage, StageStatus, User};
use support::Harness;

fn user(id: &str, name: &str, email: &str, role_id: &str) -> User {
    User {
        id: id.into(),
        email: email.into(),
        display_name: name.into(),
        user_type: 2,
        role_id: role_id.into(),
        pmi: None,
    }
}

fn japanese_staff() -> Vec<User> {
    vec![
        user("u0", "山田 太郎", "owner@studio.example", "0"),
        user("u1", "ヤマダ ハナコ", "hanako@studio.example", "2"),
        user("u2", "Emily Carter", "EMILY.Carter@studio.example", "2"),
        user("u3", "佐藤 花子 (ヨガ)", "yoga@studio.example", "2"),
        user("u4", "ｽﾀｼﾞｵ 渋谷", "shibuya@studio.example", "2"),
    ]
}

#[test]
fn the_filter_matches_japanese_names_nfkc_normalised_and_ascii_case_insensitive() {
    let index = UserIndex::new(&japanese_staff());
    let matching = |query: &str| index.matching(query);
    assert_eq!(matching(""), [0, 1, 2, 3, 4], "empty: everyone");
    assert_eq!(matching("山田"), [0]);
    assert_eq!(matching("ﾔﾏﾀﾞ"), [1], "half-width katakana");
    assert_eq!(matching("スタジオ"), [4], "a half-width name");
    assert_eq!(matching("emily"), [2], "ASCII case");
    assert_eq!(matching("ＥＭＩＬＹ"), [2], "full-width letters");
    assert_eq!(matching("emily.carter@"), [2], "the e-mail");
    assert_eq!(
        matching("佐藤　ヨガ"),
        [3],
        "every word, an ideographic space"
    );
    assert_eq!(matching("studio.example"), [0, 1, 2, 3, 4]);
    assert!(matching("鈴木").is_empty());
}

/// `n` users, the owner last: a list far longer than a screen.
fn large_report(n: usize) -> Report {
    let family = ["佐藤", "鈴木", "高橋", "田中", "伊藤"];
    let mut users: Vec<User> = (0..n - 1)
        .map(|i| {
            let name = if i % 2 == 0 {
                format!("{} 花子 {i:03}", family[i % family.len()])
            } else {
                format!("Coach{i:03} Smith")
            };
            user(
                &format!("u{i}"),
                &name,
                &format!("staff{i:03}@gym.example"),
                "2",
            )
        })
        .collect();
    users.push(user("owner", "本部 オーナー", "owner@gym.example", "0"));
    Report {
        stages: Stage::ALL
            .iter()
            .map(|s| (*s, StageStatus::Passed))
            .collect(),
        users_total: Some(n as u64),
        default_user: Some(n - 1),
        users,
        ..Report::default()
    }
}

/// A demo wizard on Done after a check that found `report`.
fn done_with(lang: Lang, report: Report) -> Harness {
    on_with(lang, report, Screen::Done)
}

/// A demo wizard on `screen` (the Check or later) after a check that found `report`.
fn on_with(lang: Lang, report: Report, screen: Screen) -> Harness {
    support::demo_at(lang, screen, Some(report))
}

fn list(h: &Harness) -> UserList {
    blocks(&h.model)
        .into_iter()
        .find_map(|b| match b {
            Block::Users(list) => Some(list),
            _ => None,
        })
        .expect("a list of users on Done")
}

#[test]
fn typing_on_done_filters_and_the_keys_move_among_the_matches() {
    let mut h = done_with(Lang::En, large_report(60));
    assert_eq!(
        h.model.default_user().unwrap().id,
        "owner",
        "the proposal first"
    );
    let all = list(&h);
    assert_eq!(all.options.len(), 60);
    assert_eq!(all.summary, "60 of 60 users");
    assert!(all.options[59].proposed && all.options[59].label.ends_with("(proposed)"));

    h.type_str("zzz"); // nobody
    assert!(list(&h).options.is_empty());
    assert!(list(&h).summary.contains("No user matches"));
    assert_eq!(h.model.default_user().unwrap().id, "owner", "focus stays");
    for _ in 0..3 {
        h.press(KeyCode::Backspace);
    }
    h.type_str("鈴木");
    let suzuki = list(&h);
    assert_eq!(suzuki.options.len(), 6, "{:?}", suzuki.options);
    assert_eq!(suzuki.summary, "6 of 60 users");
    assert_eq!(
        h.model.default_user().unwrap().display_name,
        "鈴木 花子 006",
        "the owner does not match: the first match takes the focus"
    );
    h.press(KeyCode::Down);
    assert_eq!(list(&h).selected, Some(1));
    h.press(KeyCode::PageDown);
    assert_eq!(
        list(&h).selected,
        Some(5),
        "a page down stops at the last match"
    );
    h.press(KeyCode::PageUp);
    assert_eq!(list(&h).selected, Some(0));
    // Letters are typed, not taken as keys: `s` does not save a report here.
    h.effects.clear();
    h.type_str("s");
    assert!(h.effects.is_empty(), "{:?}", h.effects);
    assert_eq!(h.model.user_filter.value(), "鈴木s");
    h.press(KeyCode::Backspace);

    // The filter given as an action (plain mode's way) moves the focus to the first match.
    h.send(Msg::Action(Action::Filter("ＯＷＮＥＲ@".into())));
    assert_eq!(h.model.default_user().unwrap().id, "owner");
    let owner = list(&h);
    assert_eq!(owner.options.len(), 1);
    assert!(owner.options[0].proposed, "the proposal stays marked");
    h.send(Msg::Action(Action::Filter(String::new())));
    h.press(KeyCode::PageUp);
    assert_eq!(list(&h).selected, Some(49), "ten up from the owner");
    h.press(KeyCode::Enter);
    assert!(h.model.quit, "Enter finishes with the chosen user");
    assert_eq!(h.model.default_user().unwrap().id, "u49");
}

#[test]
fn done_with_a_filter_typed_in_both_languages() {
    for (lang, typed) in [(Lang::Ja, "佐藤"), (Lang::En, "coach01")] {
        let mut h = done_with(lang, large_report(60));
        h.type_str(typed);
        h.press(KeyCode::Down);
        insta::assert_snapshot!(
            format!("done_filtered_{}_80x24", lang.code()),
            h.screen(80, 24)
        );
    }
}

/// The consent step's hosts, while it is open.
fn hosts(h: &Harness) -> UserList {
    host_list(&h.model).expect("the consent step is open")
}

#[test]
fn typing_in_the_consent_step_finds_the_host_and_enter_rehearses_for_it() {
    let mut h = on_with(Lang::En, large_report(60), Screen::Check);
    h.press(KeyCode::Char('t'));
    let all = hosts(&h);
    assert_eq!(all.options.len(), 60);
    assert_eq!(all.chosen, 59, "the proposed default user is focused first");
    assert!(all.options[59].proposed, "and marked");

    // Letters go to the filter: `r` does not re-check, `t` does not reopen anything.
    h.effects.clear();
    h.type_str("zzz rt");
    assert!(h.effects.is_empty(), "{:?}", h.effects);
    assert!(hosts(&h).options.is_empty());
    assert!(hosts(&h).summary.contains("No user matches"));
    assert_eq!(
        h.press(KeyCode::Enter),
        vec![],
        "no rehearsal for a host the filter hides"
    );
    let notice = h.model.notice.as_ref().expect("a notice says why");
    assert_eq!(notice.key, "notice.no_host_shown");
    assert!(h.model.overlay.is_some(), "the step stays open");

    h.send(Msg::Action(Action::Filter(String::new())));
    h.paste("鈴木\n");
    let suzuki = hosts(&h);
    assert_eq!(suzuki.filter, "鈴木 ", "a pasted line break is a space");
    assert_eq!(suzuki.options.len(), 6);
    assert_eq!(suzuki.selected, Some(0), "the first match takes the focus");
    h.press(KeyCode::PageDown);
    assert_eq!(hosts(&h).selected, Some(5), "PgDn stops at the last match");
    h.press(KeyCode::Up);
    let effects = h.press(KeyCode::Enter);
    let [Effect::Rehearse { host, .. }] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(host.display_name, "鈴木 花子 046");
    assert_eq!(h.model.user_filter.value(), "", "Done's filter is its own");
}

#[test]
fn esc_leaves_the_consent_step_and_its_filter_behind() {
    let mut h = on_with(Lang::En, large_report(60), Screen::Check);
    h.press(KeyCode::Char('t'));
    h.type_str("coach");
    assert_eq!(h.press(KeyCode::Esc), vec![]);
    assert_eq!(h.model.overlay, None);
    h.press(KeyCode::Char('t'));
    assert_eq!(hosts(&h).filter, "", "a new consent step starts unfiltered");
    assert_eq!(hosts(&h).chosen, 59);
}

#[test]
fn the_consent_step_with_a_filter_typed_in_both_languages() {
    for (lang, typed) in [(Lang::Ja, "佐藤"), (Lang::En, "coach01")] {
        let mut h = on_with(lang, large_report(60), Screen::Check);
        h.press(KeyCode::Char('t'));
        h.type_str(typed);
        h.press(KeyCode::Down);
        for (width, height) in [(80, 24), (132, 40)] {
            insta::assert_snapshot!(
                format!("consent_filtered_{}_{width}x{height}", lang.code()),
                h.screen(width, height)
            );
        }
    }
}

#[test]
fn the_filter_row_never_wraps_it_shortens_its_prompt_instead() {
    for lang in [Lang::Ja, Lang::En] {
        let mut h = on_with(lang, large_report(8_000), Screen::Check);
        h.press(KeyCode::Char('t'));
        h.type_str("佐藤 花子");
        let screen = h.screen(80, 24);
        let rows: Vec<&str> = screen.lines().collect();
        let at = rows
            .iter()
            .position(|r| r.contains("8,000"))
            .unwrap_or_else(|| panic!("the count is shown:\n{screen}"));
        assert!(
            rows[at].contains("佐藤 花子"),
            "the count is on the filter's row:\n{screen}"
        );
        assert!(
            !rows[at].contains("名前かメールアドレス") && !rows[at].contains("Type part"),
            "the long prompt does not fit beside the count:\n{screen}"
        );
        assert!(
            rows[at + 1].contains("(•)") || rows[at + 1].contains("( )"),
            "the list follows on the next row:\n{screen}"
        );
    }
}

/// One thing a user can do to a list of users: a key, a paste, or plain mode's answers.
#[derive(Clone, Debug)]
enum Step {
    Key(KeyCode),
    Paste(String),
    Filter(String),
    Choose(usize),
}

fn a_step() -> impl proptest::strategy::Strategy<Value = Step> {
    use proptest::prelude::*;
    prop_oneof![
        prop::sample::select(vec![
            KeyCode::Char('佐'),
            KeyCode::Char('木'),
            KeyCode::Char('c'),
            KeyCode::Char('0'),
            KeyCode::Char('1'),
            KeyCode::Char(' '),
            KeyCode::Char('z'),
            KeyCode::Backspace,
            KeyCode::Delete,
            KeyCode::Left,
            KeyCode::Home,
            KeyCode::Up,
            KeyCode::Down,
            KeyCode::PageUp,
            KeyCode::PageDown,
        ])
        .prop_map(Step::Key),
        "[佐藤鈴木a-z0-9 \\n]{0,6}".prop_map(Step::Paste),
        "[佐藤a-z0-9 ]{0,6}".prop_map(Step::Filter),
        (0usize..70).prop_map(Step::Choose),
    ]
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

    /// Whatever is typed, pasted or chosen, on Done and in the consent step: the focus is a
    /// real user, and whenever anyone matches, the focused user is one of the matches (so
    /// Enter acts on a user the list shows).
    #[test]
    fn the_focus_is_always_a_user_the_list_shows(
        steps in proptest::collection::vec(a_step(), 1..40),
        in_consent in proptest::prelude::any::<bool>(),
    ) {
        let screen = if in_consent { Screen::Check } else { Screen::Done };
        let mut h = on_with(Lang::En, large_report(60), screen);
        if in_consent {
            h.press(KeyCode::Char('t'));
        }
        for step in steps {
            match step {
                Step::Key(code) => { h.press(code); }
                Step::Paste(text) => { h.paste(&text); }
                Step::Filter(text) => { h.send(Msg::Action(Action::Filter(text))); }
                Step::Choose(n) => { h.send(Msg::Action(Action::Choose(n))); }
            }
            let list = if in_consent { hosts(&h) } else { list(&h) };
            proptest::prop_assert!(list.chosen < 60);
            if !list.options.is_empty() {
                proptest::prop_assert!(
                    list.selected.is_some(),
                    "{} matches, the focus {} not among them", list.options.len(), list.chosen
                );
            }
        }
    }
}
