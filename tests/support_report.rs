//! The support report: what it shows, what it masks, and what it must never contain.

mod support;

use hacomono_zoom_setup::credentials::Severity;
use hacomono_zoom_setup::credentials::mask_id as mask;
use hacomono_zoom_setup::credentials::{Credentials, Field, Secret};
use hacomono_zoom_setup::i18n::Lang;
use hacomono_zoom_setup::support_report::{ReportMeta, render};
use hacomono_zoom_setup::zoom::report::{
    Diagnosis, DiagnosisCode, Report, ScopeCheck, Stage, StageStatus, User,
};

const CANARY_SECRET: &str = "CanarySecret_9f3b2c7d1e0a4b5c6d7e8f90";
const CLIENT_ID: &str = "xQ7mN2pL9vR4tY8wZ1AbCd";
const LANGS: [Lang; 2] = [Lang::En, Lang::Ja];

const DIAGNOSES_TOML: &str = include_str!("../assets/diagnoses.toml");
const SUPPORT_TOML: &str = include_str!("../assets/support.toml");
const TEXT_TOML: &str = include_str!("../assets/text.toml");

/// The sentence `key` in `lang` as written in an asset file, read here with the TOML parser
/// alone: not through the catalogue and `tr`/`trf` the renderer uses, where a missing key
/// comes back as itself and would match itself. A missing sentence fails the test.
fn written(source: &str, key: &str, lang: Lang) -> String {
    let mut value = toml::Value::Table(source.parse().expect("the asset parses"));
    for part in key.split('.') {
        value = value
            .get(part)
            .unwrap_or_else(|| panic!("{key} is missing from the assets"))
            .clone();
    }
    value
        .get(lang.code())
        .and_then(toml::Value::as_str)
        .unwrap_or_else(|| panic!("{key} has no {lang:?} sentence"))
        .to_owned()
}

/// A sentence of the report itself (assets/support.toml).
fn report_text(lang: Lang, key: &str) -> String {
    written(SUPPORT_TOML, key, lang)
}

fn meta() -> ReportMeta {
    ReportMeta {
        tool_version: "0.1.0".into(),
        date: "2025-06-02 18:41 JST".into(),
        os: "linux/x86_64".into(),
        lang: Lang::Ja,
        demo: false,
    }
}

fn credentials() -> Credentials {
    Credentials {
        account_id: "Acct7Zq2Lm9Xv0Kd3Rt5Wp".into(),
        client_id: CLIENT_ID.into(),
        client_secret: Secret::new(CANARY_SECRET),
    }
}

/// The one place a `ScopeCheck` is built, so a new field only needs adding here.
fn scope(
    requirement: &'static str,
    granular: &'static str,
    met_by: Option<&str>,
    sub_account: bool,
) -> ScopeCheck {
    ScopeCheck {
        requirement,
        granular,
        classic: &[],
        met_by: met_by.map(String::from),
        sub_account,
        required: !sub_account,
    }
}

fn healthy() -> Report {
    Report {
        stages: Stage::ALL
            .iter()
            .map(|s| (*s, StageStatus::Passed))
            .collect(),
        diagnoses: vec![],
        scopes: vec![
            scope(
                "meeting_create",
                "meeting:write:meeting:admin",
                Some("meeting:write:meeting:admin"),
                false,
            ),
            scope(
                "meeting_update",
                "meeting:update:meeting:admin",
                Some("meeting:update:meeting:admin"),
                false,
            ),
            scope(
                "meeting_delete",
                "meeting:delete:meeting:admin",
                Some("meeting:write:admin"),
                false,
            ),
            scope(
                "sub_meeting_create",
                "meeting:write:meeting:master",
                Some("meeting:write:meeting:master"),
                true,
            ),
            scope(
                "user_list",
                "user:read:list_users:admin",
                Some("user:read:list_users:admin"),
                false,
            ),
        ],
        users: vec![
            User {
                id: "KDcuGIm1QgePTO8WbOqwIQ".into(),
                email: "owner@example-gym.jp".into(),
                display_name: "山田 花子".into(),
                user_type: 2,
                role_id: "0".into(),
                pmi: None,
            },
            User {
                id: "z8yAAAAA8bbbbbbb".into(),
                email: "coach@example-gym.jp".into(),
                ..User::default()
            },
        ],
        users_total: Some(2),
        default_user: Some(0),
        api_url: Some("https://api.zoom.us/v2".into()),
        timings_ms: vec![("token".into(), 312), ("users".into(), 187)],
        rehearsal: None,
        interrupted: false,
        route: vec![],
    }
}

fn invalid_client() -> Report {
    Report {
        timings_ms: vec![("token".into(), 245)],
        ..support::failed_report(
            DiagnosisCode::InvalidClient,
            Some(Field::ClientSecret),
            None,
        )
    }
}

/// A report that fails with `code` alone, with a detail to fill in.
fn failing_with(code: DiagnosisCode) -> Report {
    let mut report = healthy();
    report.stages[1].1 = StageStatus::Failed;
    report.scopes[2].met_by = None;
    report.diagnoses = vec![Diagnosis {
        code,
        severity: Severity::Error,
        field: None,
        detail: Some("meeting:delete:meeting:admin".into()),
    }];
    report
}

#[test]
fn a_healthy_report_has_everything_support_asks_for() {
    for lang in LANGS {
        let page = render(lang, &meta(), &credentials(), &healthy());
        for needle in [
            "0.1.0",
            "2025-06-02 18:41 JST",
            "linux/x86_64",
            "Acct7Zq2Lm9Xv0Kd3Rt5Wp",
            "KDcuGIm1QgePTO8WbOqwIQ",
            "山田 花子",
            "owner@example-gym.jp",
            "https://api.zoom.us/v2",
            "meeting:delete:meeting:admin",
            "meeting:write:admin",
            "| `token` | 312 |",
            "| `users` | 187 |",
            &written(TEXT_TOML, "check_screen.ready", lang),
        ] {
            assert!(
                page.contains(needle),
                "{lang:?}: {needle:?} missing from\n{page}"
            );
        }
        assert_eq!(
            page.lines()
                .filter(|l| l.starts_with("  ✓ ") || l.starts_with("    ✓ "))
                .count(),
            3 + 5,
            "three stages and five scopes met"
        );
    }
}

#[test]
fn every_diagnosis_shows_its_code_title_and_fix_in_both_languages() {
    for code in DiagnosisCode::ALL {
        let report = failing_with(code);
        for lang in LANGS {
            let page = render(lang, &meta(), &credentials(), &report);
            let c = code.as_str();
            let title = written(DIAGNOSES_TOML, &format!("diag.{c}.title"), lang);
            // Missing scopes are named as STEP 1 shows them.
            let detail = match code {
                DiagnosisCode::MissingScopes | DiagnosisCode::MissingSubAccountScopes => {
                    "[Meeting] > [View and manage all user meetings] > [Delete a meeting] (meeting:delete:meeting:admin)"
                }
                _ => "meeting:delete:meeting:admin",
            };
            let fix =
                written(DIAGNOSES_TOML, &format!("diag.{c}.fix"), lang).replace("{detail}", detail);
            assert!(
                page.contains(&format!("✗ {title}  [{c}]")),
                "{lang:?} {c}: title or code missing\n{page}"
            );
            assert!(page.contains(&fix), "{lang:?} {c}: fix missing\n{page}");
            assert!(
                page.lines().any(|l| l.starts_with("    ✗ ")),
                "{lang:?} {c}: the unmet scope is not marked"
            );
            assert!(!page.contains(&written(TEXT_TOML, "check_screen.ready", lang)));
            assert!(
                !page.contains("diag.") && !page.contains("{detail}"),
                "{lang:?} {c}: a raw key or placeholder in\n{page}"
            );
        }
    }
}

#[test]
fn a_warning_diagnosis_is_marked_as_one() {
    let mut report = failing_with(DiagnosisCode::MissingSubAccountScopes);
    report.diagnoses[0].severity = Severity::Warning;
    for lang in LANGS {
        let page = render(lang, &meta(), &credentials(), &report);
        let title = written(
            DIAGNOSES_TOML,
            "diag.missing_sub_account_scopes.title",
            lang,
        );
        assert!(page.contains(&format!("! {title}  [")), "{page}");
    }
}

#[test]
fn the_client_id_is_masked_but_its_last_four_characters() {
    for lang in LANGS {
        let page = render(lang, &meta(), &credentials(), &healthy());
        assert!(!page.contains(CLIENT_ID));
        assert!(page.contains("`******************AbCd`"), "{page}");
    }
    assert_eq!(mask("AbCd"), "****", "a short value is masked whole");
    assert_eq!(mask(""), "");
    assert_eq!(mask("12345"), "*2345");
}

#[test]
fn the_secret_never_appears_not_even_its_length() {
    let mut report = failing_with(DiagnosisCode::UnexpectedResponse);
    // Even if a detail echoed it back (it must not, but Zoom's bodies are excerpted there).
    report.diagnoses[0].detail = Some(format!("400 {{\"client_secret\":\"{CANARY_SECRET}\"}}"));
    for lang in LANGS {
        for page in [
            render(lang, &meta(), &credentials(), &healthy()),
            render(lang, &meta(), &credentials(), &invalid_client()),
            render(lang, &meta(), &credentials(), &report),
        ] {
            assert!(!page.contains(CANARY_SECRET), "{page}");
            assert!(!page.contains("CanarySecret"), "{page}");
            let length = CANARY_SECRET.chars().count().to_string();
            assert!(
                !page.contains(&length),
                "the secret's length ({length}) shows in\n{page}"
            );
        }
    }
}

/// The wizard warns when an ID field holds something as long as the secret: it is reported as
/// left out, never whole, and the same secret pasted into both IDs leaves not even a tail.
#[test]
fn an_id_that_may_be_the_secret_pasted_at_the_wrong_place_is_left_out() {
    let other_secret = "Zx9SecretLookingValue0123456789Q";
    for (account_id, client_id) in [(other_secret, CLIENT_ID), (CANARY_SECRET, CANARY_SECRET)] {
        let credentials = Credentials {
            account_id: account_id.into(),
            client_id: client_id.into(),
            client_secret: Secret::new(CANARY_SECRET),
        };
        for lang in LANGS {
            let page = render(lang, &meta(), &credentials, &healthy());
            assert!(!page.contains(account_id), "{page}");
            let tail: String = account_id.chars().skip(account_id.len() - 4).collect();
            assert!(!page.contains(&format!("{tail}`")), "{page}");
            let said = report_text(lang, "support.report.credentials.secret_like");
            assert!(page.contains(&said), "{page}");
        }
    }
}

#[test]
fn missing_values_and_unknowns_are_said_not_left_blank() {
    let empty = Credentials::default();
    for lang in LANGS {
        let page = render(lang, &meta(), &empty, &Report::default());
        assert_eq!(
            page.matches(&report_text(lang, "support.report.not_entered"))
                .count(),
            2,
            "{page}"
        );
        assert!(page.contains(&report_text(lang, "support.report.users.none")));
        assert!(page.contains(&report_text(lang, "support.report.connection.no_requests")));
        assert_eq!(
            page.lines().filter(|l| l.starts_with("  · ")).count(),
            3,
            "three stages not run"
        );
    }
}

#[test]
fn text_from_zoom_cannot_break_the_page() {
    let mut report = healthy();
    report.users[0].display_name = "Evil | Name\n# heading\u{1b}[2J".into();
    report.users[0].id = "a`b".into();
    let page = render(Lang::En, &meta(), &credentials(), &report);
    assert!(page.contains("| Evil \\| Name # heading [2J |"), "{page}");
    assert!(page.contains("``a`b``"), "{page}");
    assert!(!page.contains('\u{1b}'));
}

#[test]
fn the_date_is_local_minutes_with_the_zone() {
    let now = ReportMeta::now(Lang::En, false);
    let (minutes, zone) = now.date.split_at("YYYY-MM-DD HH:MM".len());
    assert!(
        minutes.chars().enumerate().all(|(i, c)| match i {
            4 | 7 => c == '-',
            10 => c == ' ',
            13 => c == ':',
            _ => c.is_ascii_digit(),
        }),
        "{}",
        now.date
    );
    assert!(zone.starts_with(' ') && zone.len() > 1, "{}", now.date);
    assert_eq!(now.tool_version, env!("CARGO_PKG_VERSION"));
}

#[test]
fn snapshots_of_a_healthy_and_a_failing_report() {
    for lang in LANGS {
        let code = lang.code();
        insta::assert_snapshot!(
            format!("healthy_{code}"),
            render(lang, &meta(), &credentials(), &healthy())
        );
        insta::assert_snapshot!(
            format!("invalid_client_{code}"),
            render(lang, &meta(), &credentials(), &invalid_client())
        );
    }
}

#[test]
fn a_rate_limit_without_a_reset_time_reads_as_a_sentence() {
    // A per-second limit that outlasted the retries has no reset time to name.
    let report = Report {
        diagnoses: vec![Diagnosis {
            code: DiagnosisCode::RateLimited,
            severity: Severity::Error,
            field: None,
            detail: None,
        }],
        ..Report::default()
    };
    for lang in LANGS {
        let page = render(lang, &meta(), &credentials(), &report);
        let fix = written(DIAGNOSES_TOML, "diag.rate_limited.fix_no_detail", lang);
        assert!(page.contains(&fix), "{page}");
        assert!(!page.contains(" ;") && !page.contains("{detail}"), "{page}");
    }
}
