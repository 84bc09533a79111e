//! Issue 22's wording: what the screens, plain mode, `check` and the report say, checked as a
//! Japanese admin reads it (and in English): the verdict, the terms, the scope names, the
//! migration path, Done, an HTML answer, report file names, `--help`.

mod support;

use std::collections::HashMap;

use crossterm::event::KeyCode;
use hacomono_zoom_setup::app::Effect;
use hacomono_zoom_setup::app::Screen;
use hacomono_zoom_setup::app::check_text;
use hacomono_zoom_setup::check::{self, EXIT_PROBLEM, EXIT_UNREACHABLE, Streams};
use hacomono_zoom_setup::cli::{CheckArgs, ZoomArgs};
use hacomono_zoom_setup::credentials::Severity;
use hacomono_zoom_setup::i18n::{Lang, tr};
use hacomono_zoom_setup::signals::Stop;
use hacomono_zoom_setup::zoom::report::{
    Diagnosis, DiagnosisCode, Report, Stage, StageStatus, Verdict,
};
use ratatui::style::Color;
use support::Harness;
use support::demo_at as at;

const LANGS: [Lang; 2] = [Lang::Ja, Lang::En];

/// Which value to re-enter, as the text form's caller words it (not under test here).
fn reenter(field: hacomono_zoom_setup::credentials::Field) -> String {
    format!("{field:?}")
}

fn diagnosis(code: DiagnosisCode) -> Diagnosis {
    Diagnosis {
        code,
        severity: Severity::Error,
        field: None,
        detail: None,
    }
}

/// A check whose token stage failed with these errors.
fn failed_with(codes: &[DiagnosisCode]) -> Report {
    Report {
        stages: vec![
            (Stage::Token, StageStatus::Failed),
            (Stage::Scopes, StageStatus::Skipped),
            (Stage::Users, StageStatus::Skipped),
        ],
        diagnoses: codes.iter().copied().map(diagnosis).collect(),
        ..Report::default()
    }
}

/// The codes after which nothing is known to be wrong with the values.
const TRY_LATER: [DiagnosisCode; 6] = [
    DiagnosisCode::RateLimited,
    DiagnosisCode::Timeout,
    DiagnosisCode::HostDailyLimit,
    DiagnosisCode::ZoomUnavailable,
    DiagnosisCode::Network,
    DiagnosisCode::UnexpectedResponse,
];

// --- The verdict: "try again later" where nothing is wrong with the values ------------------

#[test]
fn the_verdict_says_try_later_only_where_every_error_says_nothing_about_the_values() {
    for code in DiagnosisCode::ALL {
        // Every cause on the way to Zoom too (issue 21's codes).
        let expected = if TRY_LATER.contains(&code) || code.is_network() {
            Verdict::TryLater
        } else {
            Verdict::Fix
        };
        assert_eq!(failed_with(&[code]).verdict(), expected, "{code:?}");
    }
    // One thing to fix among them: fix it.
    let mixed = failed_with(&[DiagnosisCode::Network, DiagnosisCode::CleanupFailed]);
    assert_eq!(mixed.verdict(), Verdict::Fix);
    // A warning alone is ready.
    let mut warned = failed_with(&[]);
    warned.diagnoses.push(Diagnosis {
        severity: Severity::Warning,
        ..diagnosis(DiagnosisCode::HostBasicLicense)
    });
    assert_eq!(warned.verdict(), Verdict::Ready);
    let interrupted = Report {
        interrupted: true,
        ..failed_with(&[DiagnosisCode::Timeout])
    };
    assert_eq!(interrupted.verdict(), Verdict::Interrupted);
}

#[test]
fn plain_mode_check_and_the_report_say_try_later_not_fix() {
    for lang in LANGS {
        for code in TRY_LATER {
            let text = check_text::lines(
                lang,
                &failed_with(&[code]),
                |_| StageStatus::Failed,
                &reenter,
            )
            .join("\n");
            assert!(
                text.contains(&format!("! {}", tr(lang, "check_screen.try_later"))),
                "{code:?}:\n{text}"
            );
            assert!(
                !text.contains(tr(lang, "check_screen.not_ready_text")),
                "{code:?}:\n{text}"
            );
        }
        let text = check_text::lines(
            lang,
            &failed_with(&[DiagnosisCode::InvalidClient]),
            |_| StageStatus::Failed,
            &reenter,
        )
        .join("\n");
        assert!(
            text.contains(&format!("✗ {}", tr(lang, "check_screen.not_ready_text"))),
            "{text}"
        );
    }
}

#[test]
fn the_full_screen_says_try_later_in_the_warning_colour() {
    for lang in LANGS {
        for code in TRY_LATER {
            let h = at(lang, Screen::Check, Some(failed_with(&[code])));
            let screen = h.screen(132, 40);
            let start: String = tr(lang, "check_screen.try_later")
                .chars()
                .take(12)
                .collect();
            assert!(
                screen.contains(&format!("! {start}")),
                "{code:?}:\n{screen}"
            );
            let fix: String = tr(lang, "check_screen.not_ready")
                .chars()
                .take(12)
                .collect();
            assert!(!screen.contains(&fix), "{code:?}:\n{screen}");
            // Yellow, as a warning: not the red of a problem to fix.
            let buffer = h.buffer(132, 40);
            let row = screen.lines().position(|l| l.contains(&start)).unwrap();
            let col = screen.lines().nth(row).unwrap().find("! ").unwrap() as u16;
            assert_eq!(buffer[(col, row as u16)].fg, Color::Yellow, "{code:?}");
        }
        let h = at(
            lang,
            Screen::Check,
            Some(failed_with(&[DiagnosisCode::InvalidAccountId])),
        );
        let fix: String = tr(lang, "check_screen.not_ready")
            .chars()
            .take(12)
            .collect();
        assert!(h.screen(132, 40).contains(&format!("✗ {fix}")));
    }
}

fn zoom_args() -> ZoomArgs {
    ZoomArgs {
        oauth_base: None,
        api_base: None,
        timeout: 5,
        sub_accounts: false,
    }
}

/// `check --demo` for a scenario, in `lang`: the exit code and standard output.
async fn check_demo(lang: Lang, client_id: &str, rehearse: bool) -> (i32, String) {
    let args = CheckArgs {
        credentials: None,
        json: false,
        demo: true,
        rehearse,
        host: None,
        report: None,
    };
    let vars: HashMap<&str, &str> = [("ZOOM_CLIENT_ID", client_id)].into();
    let (mut stdout, mut stderr) = (Vec::new(), Vec::new());
    let code = check::run(
        &args,
        &zoom_args(),
        lang,
        |name| vars.get(name).map(|v| v.to_string()),
        Streams {
            stdin: &b""[..],
            stdout: &mut stdout,
            stderr: &mut stderr,
        },
        &Stop::new(),
    )
    .await;
    (code, String::from_utf8(stdout).unwrap())
}

#[tokio::test]
async fn check_says_try_later_twice_and_exits_3_for_limits_and_outages() {
    for lang in LANGS {
        for (scenario, rehearse) in [
            ("demoDailyLimit", false),
            ("demoUnavailable", false),
            ("demoHtml", false),
            ("demoHostDailyLimit", true),
        ] {
            let (code, out) = check_demo(lang, scenario, rehearse).await;
            assert_eq!(code, EXIT_UNREACHABLE, "{scenario}:\n{out}");
            assert!(
                out.contains(tr(lang, "check_screen.try_later")),
                "{scenario}:\n{out}"
            );
            assert!(
                out.contains(tr(lang, "check.unreachable")),
                "{scenario}:\n{out}"
            );
            assert!(
                !out.contains(tr(lang, "check_screen.not_ready_text")),
                "{out}"
            );
            assert!(!out.contains(tr(lang, "check.not_ready")), "{out}");
        }
        let (code, out) = check_demo(lang, "demoInvalidClient", false).await;
        assert_eq!(code, EXIT_PROBLEM);
        assert!(
            out.contains(tr(lang, "check_screen.not_ready_text")),
            "{out}"
        );
        assert!(out.contains(tr(lang, "check.not_ready")), "{out}");
    }
}

// --- Scopes named as STEP 1 names them -------------------------------------------------------

/// STEP 1's heading above the tick of `granular`, and the tick's own text.
fn step1_words(lang: Lang, granular: &str) -> (String, String) {
    let step1 = &hacomono_zoom_setup::guide::GUIDE.step1;
    let at = step1
        .iter()
        .position(|i| i.scope.as_deref() == Some(granular))
        .unwrap();
    let heading = step1[..at]
        .iter()
        .rev()
        .find(|i| i.kind == hacomono_zoom_setup::guide::ItemKind::Heading)
        .unwrap();
    (
        heading.text(lang).to_owned(),
        step1[at].text(lang).to_owned(),
    )
}

#[test]
fn every_scope_label_is_what_step1_shows() {
    let squeeze = |s: &str| s.replace(' ', "");
    for lang in LANGS {
        for r in hacomono_zoom_setup::zoom::scopes::REQUIREMENTS {
            let (heading, tick) = step1_words(lang, r.granular);
            assert!(tick.contains(r.label(lang)), "{}: {tick}", r.id);
            assert_eq!(squeeze(&heading), squeeze(r.group_label(lang)), "{}", r.id);
        }
    }
}

fn missing_scopes(detail: &str) -> Diagnosis {
    Diagnosis {
        detail: Some(detail.into()),
        ..diagnosis(DiagnosisCode::MissingScopes)
    }
}

#[test]
fn the_missing_scope_fix_names_the_ticks_as_step1_does_with_zoom_s_names() {
    let d = missing_scopes("meeting:delete:meeting:admin, user:read:list_users:admin");
    for lang in LANGS {
        let fix = d.fix(lang);
        for path in [
            "[Meeting] > [View and manage all user meetings] > [Delete a meeting] (meeting:delete:meeting:admin)",
            "[User] > [View all user information] > [View users] (user:read:list_users:admin)",
        ] {
            assert!(fix.contains(path), "{fix}");
        }
        assert!(!fix.contains("ミーティングの削除"), "{fix}");
    }
    // The detail itself keeps Zoom's names, for --json and support.
    assert_eq!(
        d.detail.as_deref(),
        Some("meeting:delete:meeting:admin, user:read:list_users:admin")
    );
    // A name hacomono does not ask for is passed on as it is.
    assert!(
        missing_scopes("meeting:read:meeting:admin")
            .fix(Lang::Ja)
            .contains("meeting:read:meeting:admin")
    );
}

fn no_delete_scope() -> Report {
    Report {
        stages: vec![
            (Stage::Token, StageStatus::Passed),
            (Stage::Scopes, StageStatus::Failed),
            (Stage::Users, StageStatus::Skipped),
        ],
        diagnoses: vec![missing_scopes("meeting:delete:meeting:admin")],
        scopes: hacomono_zoom_setup::zoom::scopes::evaluate(
            "meeting:write:meeting:admin meeting:update:meeting:admin user:read:list_users:admin",
            false,
        ),
        ..Report::default()
    }
}

#[test]
fn the_check_screen_lists_the_scopes_under_step1_s_headings() {
    for lang in LANGS {
        let h = at(lang, Screen::Check, Some(no_delete_scope()));
        let screen = h.screen(132, 40);
        let rows: Vec<&str> = screen.lines().collect();
        let heading = rows
            .iter()
            .position(|l| l.trim() == "[Meeting] > [View and manage all user meetings]")
            .unwrap_or_else(|| panic!("{screen}"));
        assert!(
            rows[heading + 1].contains("✓ [Create a meeting for a user]"),
            "{screen}"
        );
        assert!(
            rows[heading + 3].contains("✗ [Delete a meeting]")
                && rows[heading + 3].contains("meeting:delete:meeting:admin"),
            "{screen}"
        );
        assert!(
            screen.contains("[User] > [View all user information]"),
            "{screen}"
        );
        assert!(!screen.contains("ミーティングの削除"), "{screen}");
        // The text form (plain mode, check, the report) the same way.
        let text = check_text::lines(lang, &no_delete_scope(), |_| StageStatus::Passed, &reenter)
            .join("\n");
        assert!(
            text.contains(
                "  [Meeting] > [View and manage all user meetings]\n    ✓ [Create a meeting for a user] (meeting:write:meeting:admin)"
            ),
            "{text}"
        );
        assert!(
            text.contains("    ✗ [Delete a meeting] (meeting:delete:meeting:admin)"),
            "{text}"
        );
    }
}

// --- One term per thing, as Zoom's own Japanese screens word it ------------------------------

/// Words that name a thing differently from Zoom's Japanese screens (or from the rest of the
/// wizard), with the word used instead.
const NOT_OUR_WORDS: [(&str, &str); 6] = [
    ("基本(無料)", "ベーシック(無料)"),
    ("基本ユーザー", "ベーシックユーザー"),
    ("詳細機能", "[高度な機能]"),
    ("役割", "ロール"),
    ("作成したアプリ", "[Created Apps] > (アプリ名)"),
    ("有効なユーザー", "アクティブなユーザー"),
];

/// The English names of Zoom's web portal: the Japanese text names the Japanese ones (its
/// notes may give the English ones, for a portal shown in English).
const ENGLISH_PORTAL_NAMES: [&str; 5] = [
    "[User Management]",
    "[Roles]",
    "[Role Settings]",
    "[Advanced features]",
    "[Users]",
];

/// Every Japanese sentence of the assets and the guide (with whether it is a guide note), and
/// every line of the README with Japanese in it.
fn japanese_texts() -> Vec<(String, String, bool)> {
    let mut all: Vec<(String, String, bool)> = hacomono_zoom_setup::i18n::TEXT
        .iter()
        .map(|(k, t)| (k.clone(), t.ja.clone(), false))
        .collect();
    let guide = &hacomono_zoom_setup::guide::GUIDE;
    for item in guide
        .custom_role
        .iter()
        .chain(&guide.step1)
        .chain(&guide.step2)
    {
        all.push((item.id.clone(), item.ja.clone(), false));
        if let Some(note) = &item.note_ja {
            all.push((format!("{} (note)", item.id), note.clone(), true));
        }
    }
    let readme = include_str!("../README.md");
    for (n, line) in readme.lines().enumerate() {
        if line.chars().any(|c| ('\u{3040}'..='\u{30ff}').contains(&c)) {
            all.push((format!("README.md:{}", n + 1), line.to_owned(), false));
        }
    }
    all
}

#[test]
fn the_japanese_text_uses_one_term_per_thing() {
    for (at, text, note) in japanese_texts() {
        for (wrong, right) in NOT_OUR_WORDS {
            assert!(
                !text.contains(wrong),
                "{at}: {wrong:?} (say {right:?}): {text}"
            );
        }
        if !note {
            for name in ENGLISH_PORTAL_NAMES {
                assert!(
                    !text.contains(name),
                    "{at}: {name} in Japanese text: {text}"
                );
            }
        }
    }
    // The first screen has one name, in the step bar and as its title.
    for lang in LANGS {
        assert_eq!(tr(lang, "stepper.start"), tr(lang, "start.title"));
    }
}

#[test]
fn the_english_text_names_the_marketplace_s_menus_too() {
    for (key, text) in hacomono_zoom_setup::i18n::TEXT.iter() {
        assert!(!text.en.contains("your app >"), "{key}: {}", text.en);
    }
}

// --- Several tokens at once: what token_rejected and the already-linked path say agree -------

#[test]
fn no_sentence_says_another_system_s_token_replaces_hacomono_s() {
    let rejected = diagnosis(DiagnosisCode::TokenRejected);
    for lang in LANGS {
        // The already-linked path says several tokens work at once...
        let note = tr(lang, "check_screen.token_note");
        assert!(note.contains("several") || note.contains("複数"), "{note}");
        // ...so no fix blames another system's token, or asks for one app per system for it.
        for (key, text) in hacomono_zoom_setup::i18n::TEXT.iter() {
            let text = text.get(lang).to_lowercase();
            for claim in [
                "another system",
                "別のシステム",
                "each system its own app",
                "システムごとに別のアプリ",
            ] {
                assert!(!text.contains(claim), "{key}: {text}");
            }
        }
        // What it does say: the app changed or was deactivated, or its creator lost the role.
        let fix = rejected.fix(lang);
        assert!(fix.contains("[Activation]"), "{fix}");
        assert!(
            fix.contains("Owner or Admin") || fix.contains("オーナーまたは管理者"),
            "{fix}"
        );
    }
}

// --- The JWT migration path says what applies to it ------------------------------------------

/// The demo wizard on the migration path ("set up before 2023-05-31 with JWT"), at `screen`.
fn migration_at(lang: Lang, screen: Screen) -> Harness {
    let mut h = Harness::demo(lang);
    h.press(KeyCode::Down);
    assert!(h.model.jwt_migration());
    support::demo_walk(h, screen, None)
}

/// STEP 2's item about the Zoom add-on, as each path reads it.
const ADD: [(Lang, &str); 2] = [
    (Lang::Ja, "「Zoom」の[追加]をクリックします"),
    (Lang::En, "Click [Add] (追加) for \"Zoom\""),
];
const OPEN: [(Lang, &str); 2] = [
    (Lang::Ja, "設定済みの「Zoom」アドオンの設定を開きます"),
    (
        Lang::En,
        "Open the settings of the \"Zoom\" add-on already there",
    ),
];

#[test]
fn step2_on_the_migration_path_opens_the_zoom_add_on_instead_of_adding_it() {
    for ((lang, add), (_, open)) in ADD.into_iter().zip(OPEN) {
        let mut h = migration_at(lang, Screen::Step2);
        h.press(KeyCode::Down);
        let screen = h.screen(132, 40);
        assert!(screen.contains(open), "{screen}");
        assert!(!screen.contains(add), "{screen}");
        // The focused item's note says why.
        let note = if lang == Lang::Ja {
            "[追加]はクリックしません"
        } else {
            "do not click [Add]"
        };
        assert!(screen.contains(note), "{screen}");
        // A new setup still adds it.
        let h = at(lang, Screen::Step2, None);
        let screen = h.screen(132, 40);
        assert!(screen.contains(add) && !screen.contains(open), "{screen}");
    }
}

#[test]
fn role_on_the_migration_path_offers_no_sign_up() {
    for lang in LANGS {
        let mut h = migration_at(lang, Screen::Role);
        let screen = h.screen(132, 40);
        assert!(!screen.contains("zoom.us/signup"), "{screen}");
        assert!(
            !screen.contains(tr(lang, "keys.open_signup")),
            "the footer: {screen}"
        );
        let existing: String = tr(lang, "role.existing_account").chars().take(20).collect();
        assert!(screen.contains(&existing), "{screen}");
        assert!(h.press(KeyCode::Char('o')).is_empty(), "o opens nothing");
        assert!(!h.effects.iter().any(|e| matches!(e, Effect::OpenUrl(_))));
        // A new setup keeps the link and its key.
        let mut h = at(lang, Screen::Role, None);
        assert!(h.screen(132, 40).contains("https://zoom.us/signup"));
        assert!(
            h.press(KeyCode::Char('o'))
                .iter()
                .any(|e| matches!(e, Effect::OpenUrl(_)))
        );
    }
}

#[test]
fn plain_mode_on_the_migration_path_says_the_same() {
    let home = tempfile::tempdir().unwrap();
    // "2": set up before 2023-05-31 with JWT; then every default.
    let input = format!("2\n{}", "\n".repeat(100));
    let mut cmd = support::process::command(home.path(), &["--demo", "--plain", "--lang", "ja"]);
    let out = support::process::run(&mut cmd, support::process::Input::Close(input.as_bytes()));
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    assert!(out.stdout.contains(OPEN[0].1), "{}", out.stdout);
    assert!(!out.stdout.contains(ADD[0].1), "{}", out.stdout);
    assert!(!out.stdout.contains("zoom.us/signup"), "{}", out.stdout);
    assert!(
        out.stdout.contains(tr(Lang::Ja, "role.existing_account")),
        "{}",
        out.stdout
    );
}

// --- Done says what the choice changes and what to check in hacomono --------------------------

fn four_users() -> Report {
    use hacomono_zoom_setup::zoom::report::User;
    let user = |id: &str, name: &str, role: &str| User {
        id: id.into(),
        email: format!("{id}@studio.example"),
        display_name: name.into(),
        user_type: 2,
        role_id: role.into(),
        pmi: None,
    };
    let users = vec![
        user("kenji", "Kenji Suzuki", "2"),
        user("owner", "山田 太郎", "0"),
        user("emily", "Emily Carter", "2"),
        user("hanako", "佐藤 花子", "2"),
    ];
    Report {
        users_total: Some(4),
        ..support::passed_report(users, 1)
    }
}

#[test]
fn done_says_what_choosing_changes_and_what_to_check_in_hacomono_with_the_list_in_view() {
    for (lang, settings, nothing) in [
        (
            Lang::Ja,
            "[Zoom 詳細設定] > [デフォルト Zoom ユーザー ID]",
            "どのユーザーにしますか?(何も変更しません)",
        ),
        (
            Lang::En,
            "[Zoom detailed settings] > [Default Zoom user ID]",
            "Choosing one changes nothing",
        ),
    ] {
        // The question is one row, never wrapped: whole on a 50-column window too (44 columns
        // are left there for it).
        let question = tr(lang, "done.choose");
        assert!(
            unicode_width::UnicodeWidthStr::width(question) <= 44,
            "{question}"
        );
        let h = at(lang, Screen::Done, Some(four_users()));
        let screen = h.screen(80, 24);
        let squeezed: String = screen.split_whitespace().collect();
        let squeeze = |s: &str| s.split_whitespace().collect::<String>();
        assert!(squeezed.contains(&squeeze(settings)), "{screen}");
        assert!(screen.contains(nothing), "{screen}");
        // The list is still there at 80x24: the question, the filter, the focused user.
        assert!(screen.contains("<owner@studio.example>"), "{screen}");
        assert!(screen.contains(tr(lang, "done.proposed")), "{screen}");
    }
}

// --- An HTML answer is named by its title ----------------------------------------------------

#[tokio::test]
async fn a_web_page_answering_instead_of_zoom_is_named_by_its_title() {
    // demoHtml: an "Access denied" page from a filter, as HTTP 200.
    for (lang, said) in [
        (
            Lang::Ja,
            "Zoom の代わりに Web ページ「Access denied」が応答しました(HTTP 200)",
        ),
        (
            Lang::En,
            "A web page answered instead of Zoom (HTTP 200), titled \"Access denied\"",
        ),
    ] {
        let (code, out) = check_demo(lang, "demoHtml", false).await;
        assert_eq!(code, EXIT_UNREACHABLE);
        assert!(out.contains(said), "{out}");
        assert!(!out.contains("<!DOCTYPE"), "no markup: {out}");
        assert!(!out.contains("<html>"), "no markup: {out}");
    }
    // The Check screen says the same.
    let report = Report {
        diagnoses: vec![Diagnosis {
            detail: Some(
                "HTTP 403: <!DOCTYPE html> <html><head><title>Guest Wi-Fi &amp; ログイン</title></head><body>"
                    .into(),
            ),
            ..diagnosis(DiagnosisCode::UnexpectedResponse)
        }],
        ..failed_with(&[])
    };
    let screen = at(Lang::Ja, Screen::Check, Some(report)).screen(132, 40);
    assert!(
        screen.contains("Web ページ「Guest Wi-Fi & ログイン」が応答しました(HTTP 403)"),
        "{screen}"
    );
    assert!(!screen.contains("DOCTYPE"), "{screen}");
}

// --- Report files: a local date and time in the name, a demo's marked --------------------------

#[test]
fn report_files_are_named_by_local_date_and_time_and_a_demo_s_say_so() {
    use hacomono_zoom_setup::support_report::file_name;
    assert_eq!(
        file_name("2026-12-05-090012", false, 1),
        "hacomono-zoom-report-2026-12-05-090012.md"
    );
    assert_eq!(
        file_name("2026-12-05-090012", true, 1),
        "hacomono-zoom-report-demo-2026-12-05-090012.md"
    );
    assert_eq!(
        file_name("2026-12-05-090012", true, 2),
        "hacomono-zoom-report-demo-2026-12-05-090012-2.md"
    );
}

#[test]
fn a_demo_s_report_says_it_is_one_at_the_top() {
    use hacomono_zoom_setup::credentials::Credentials;
    use hacomono_zoom_setup::support_report::{ReportMeta, render};
    for lang in LANGS {
        let meta = |demo| ReportMeta {
            tool_version: "0.1.0".into(),
            date: "2026-12-05 09:00 JST".into(),
            os: "linux/x86_64".into(),
            lang,
            demo,
        };
        let report = failed_with(&[DiagnosisCode::InvalidClient]);
        let demo = render(lang, &meta(true), &Credentials::default(), &report);
        let first: Vec<&str> = demo.lines().take(3).collect();
        assert_eq!(
            first[0],
            format!("# {}", tr(lang, "support.report.title_demo"))
        );
        assert_eq!(first[2], format!("**{}**", tr(lang, "support.report.demo")));
        let real = render(lang, &meta(false), &Credentials::default(), &report);
        assert!(!real.contains(tr(lang, "support.report.demo")), "{real}");
        assert!(real.starts_with(&format!("# {}\n", tr(lang, "support.report.title"))));
    }
}

#[tokio::test]
async fn check_demo_with_a_report_marks_it_as_the_demo_s() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.md");
    let args = CheckArgs {
        credentials: None,
        json: false,
        demo: true,
        rehearse: false,
        host: None,
        report: Some(path.clone()),
    };
    let (mut stdout, mut stderr) = (Vec::new(), Vec::new());
    check::run(
        &args,
        &zoom_args(),
        Lang::Ja,
        |_| None,
        Streams {
            stdin: &b""[..],
            stdout: &mut stdout,
            stderr: &mut stderr,
        },
        &Stop::new(),
    )
    .await;
    let page = std::fs::read_to_string(path).unwrap();
    assert!(
        page.starts_with(&format!("# {}", tr(Lang::Ja, "support.report.title_demo"))),
        "{page}"
    );
}

// --- --help and the command line's errors in the user's language -----------------------------

/// Every argument of the command line and of its commands, with the help it shows.
fn every_help(lang: Lang) -> Vec<(String, String)> {
    let mut command = hacomono_zoom_setup::cli_text::command(lang);
    command.build();
    let mut all = Vec::new();
    let mut commands = vec![&command];
    commands.extend(command.get_subcommands());
    for cmd in commands {
        all.push((
            format!("{} (about)", cmd.get_name()),
            cmd.get_about().map(|a| a.to_string()).unwrap_or_default(),
        ));
        for arg in cmd.get_arguments() {
            let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
            all.push((format!("{} {}", cmd.get_name(), arg.get_id()), help));
        }
    }
    all
}

#[test]
fn every_flag_and_command_has_its_help_in_both_languages() {
    for lang in LANGS {
        hacomono_zoom_setup::cli_text::command(lang).debug_assert();
        for (what, help) in every_help(lang) {
            assert!(!help.trim().is_empty(), "{lang:?} {what}: no help");
            assert!(
                !help.starts_with("cli."),
                "{lang:?} {what}: a key, not a sentence: {help}"
            );
            if lang == Lang::Ja {
                assert!(
                    !help.is_ascii(),
                    "{what}: English in the Japanese help: {help}"
                );
            }
        }
    }
}

#[test]
fn the_language_is_read_from_the_raw_arguments_before_parsing() {
    use hacomono_zoom_setup::cli_text::lang_in_args;
    let args = |list: &[&str]| -> Vec<std::ffi::OsString> {
        std::iter::once("app")
            .chain(list.iter().copied())
            .map(Into::into)
            .collect()
    };
    assert_eq!(
        lang_in_args(&args(&["--lang", "ja", "--bogus"])),
        Some(Lang::Ja)
    );
    assert_eq!(lang_in_args(&args(&["check", "--lang=en"])), Some(Lang::En));
    assert_eq!(
        lang_in_args(&args(&["--lang", "fr"])),
        None,
        "the locale decides"
    );
    assert_eq!(lang_in_args(&args(&["--lang"])), None);
    assert_eq!(
        lang_in_args(&args(&["--", "--lang", "ja"])),
        None,
        "after --"
    );
}

/// The binary with `args` under a Japanese locale (or `locale`).
fn binary(args: &[&str], locale: &str) -> support::process::Ran {
    let home = tempfile::tempdir().unwrap();
    let mut cmd = support::process::command(home.path(), args);
    cmd.env("LANG", locale);
    support::process::run(&mut cmd, support::process::Input::Null)
}

const JA: &str = "ja_JP.UTF-8";

#[test]
fn help_is_japanese_under_a_japanese_locale() {
    for args in [
        &["--help"][..],
        &["-h"],
        &["check", "--help"],
        &["help"],
        &["help", "check"],
    ] {
        let out = binary(args, JA);
        assert_eq!(out.code, 0, "{args:?}: {}", out.both());
        for japanese in [
            "使い方: hacomono-zoom-setup",
            "オプション:",
            "ヘルプを表示します。",
        ] {
            assert!(out.stdout.contains(japanese), "{args:?}: {}", out.stdout);
        }
        for english in [
            "Usage:",
            "Options:",
            "Print help",
            "possible values",
            "[default:",
        ] {
            assert!(
                !out.stdout.contains(english),
                "{args:?}: {english:?} in {}",
                out.stdout
            );
        }
    }
    let out = binary(&["check", "--help"], JA);
    assert!(
        out.stdout
            .contains("使い方: hacomono-zoom-setup check [オプション]"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("リハーサル"), "{}", out.stdout);
    // --lang wins over the locale, for help too.
    let out = binary(&["--help", "--lang", "en"], JA);
    assert!(
        out.stdout
            .contains("Usage: hacomono-zoom-setup [OPTIONS] [COMMAND]"),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains("使い方"), "{}", out.stdout);
}

#[test]
fn command_line_mistakes_are_said_in_japanese_with_clap_s_exit_code() {
    for (args, said) in [
        (
            &["--bogus"][..],
            "エラー: '--bogus' というオプションはありません。",
        ),
        (&["--demoo"], "'--demo' のことですか?"),
        (
            &["--lang", "fr"],
            "エラー: --lang <LANG> に 'fr' は指定できません。",
        ),
        (
            &["--timeout", "x"],
            "--timeout <SECS> には整数を指定してください",
        ),
        (
            &["--plain", "--full-screen"],
            "--plain と --full-screen は同時に指定できません。",
        ),
        (&["check", "--host", "a"], "次の指定も必要です: --rehearse"),
        (&["chek"], "'chek' というコマンドはありません。"),
        (&["help", "chek"], "'chek' というコマンドはありません。"),
    ] {
        let out = binary(args, JA);
        assert_eq!(out.code, 2, "{args:?}: {}", out.both());
        assert!(out.stderr.contains(said), "{args:?}: {}", out.stderr);
        assert!(
            out.stderr
                .contains("詳しくは '--help' を付けて実行してください。"),
            "{}",
            out.stderr
        );
        assert!(
            !out.stderr.contains("error:"),
            "{args:?}: English: {}",
            out.stderr
        );
    }
    // English stays English.
    let out = binary(&["--bogus"], "en_US.UTF-8");
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("error: there is no option '--bogus'."),
        "{}",
        out.stderr
    );
}
