//! Plain mode and `check` speak of what they have: no full-screen key (Esc, r, Space, Ctrl+…)
//! and no field to look under. Every sentence their code names is scanned, and `check` says
//! where to correct a value Zoom refused: the file, standard input, the environment variable or
//! the demo account it came from.

use std::collections::HashMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use hacomono_zoom_setup::check::{self, EXIT_PROBLEM, Streams};
use hacomono_zoom_setup::cli::{CheckArgs, ZoomArgs};
use hacomono_zoom_setup::i18n::{Lang, TEXT};
use hacomono_zoom_setup::signals::Stop;

/// Words that belong to the full screen: its keys, and its fields with messages under them.
const FULL_SCREEN_WORDS: [&str; 10] = [
    "Esc",
    "Space",
    "Ctrl+",
    "Backspace",
    "press r",
    "Press r",
    "(r)",
    "under it",
    "キー",
    "欄",
];
/// The source files of plain mode and `check` (their folders), and the check's text.
fn front_end_sources() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let in_folder = |folder: &str| -> Vec<PathBuf> {
        std::fs::read_dir(root.join(folder))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "rs"))
            .collect()
    };
    let mut files = in_folder("plain");
    files.extend(in_folder("check"));
    files.push(root.join("app").join("check_text.rs"));
    files
        .into_iter()
        .map(|p| {
            (
                p.display().to_string(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect()
}

/// The text keys named in `source`: every double-quoted literal that is a key of the assets.
fn keys_named(source: &str) -> Vec<String> {
    source
        .split('"')
        .skip(1)
        .step_by(2)
        .filter(|literal| TEXT.contains_key(*literal))
        .map(str::to_owned)
        .collect()
}

#[test]
fn no_sentence_plain_mode_or_check_names_speaks_of_full_screen_keys_or_fields() {
    let mut scanned = 0;
    let mut wrong = Vec::new();
    for (path, source) in front_end_sources() {
        for key in keys_named(&source) {
            scanned += 1;
            for lang in [Lang::En, Lang::Ja] {
                let text = TEXT[&key].get(lang);
                for word in FULL_SCREEN_WORDS {
                    if text.contains(word) {
                        wrong.push(format!("{path}: {key} ({lang:?}) says {word:?}: {text}"));
                    }
                }
            }
        }
    }
    assert!(scanned > 40, "the scan found only {scanned} keys");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

fn args(credentials: Option<PathBuf>) -> CheckArgs {
    CheckArgs {
        credentials,
        json: false,
        demo: true,
        rehearse: false,
        host: None,
        report: None,
    }
}

/// `check --demo` in `lang`, the Client ID picking the scenario Zoom refuses the secret in.
async fn check_refused(
    lang: Lang,
    credentials: Option<PathBuf>,
    vars: &[(&str, &str)],
    stdin: &str,
) -> String {
    let mut vars: HashMap<String, String> = vars
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    vars.insert("ZOOM_CLIENT_ID".into(), "demoInvalidClient".into());
    let zoom = ZoomArgs {
        oauth_base: None,
        api_base: None,
        timeout: 5,
        sub_accounts: false,
    };
    let (mut stdout, mut stderr) = (Vec::new(), Vec::new());
    let code = check::run(
        &args(credentials),
        &zoom,
        lang,
        |name| vars.get(name).cloned(),
        Streams {
            stdin: stdin.as_bytes(),
            stdout: &mut stdout,
            stderr: &mut stderr,
        },
        &Stop::new(),
    )
    .await;
    let stdout = String::from_utf8(stdout).unwrap();
    assert_eq!(code, EXIT_PROBLEM, "{stdout}");
    assert!(stdout.contains("[invalid_client]"), "{stdout}");
    for word in FULL_SCREEN_WORDS {
        assert!(!stdout.contains(word), "{word:?} in:\n{stdout}");
    }
    stdout
}

const SECRET: &str = "CaNaRy5ecretXyZ0123456789abcdef";

#[tokio::test]
async fn check_says_where_to_correct_the_refused_value() {
    let out = check_refused(Lang::En, None, &[], "").await;
    assert!(
        out.contains(
            "  → The Client secret is the demo account's: set ZOOM_CLIENT_SECRET to try another."
        ),
        "{out}"
    );

    let out = check_refused(Lang::En, None, &[("ZOOM_CLIENT_SECRET", SECRET)], "").await;
    assert!(
        out.contains(
            "  → Correct the Client secret in the environment variable ZOOM_CLIENT_SECRET."
        ),
        "{out}"
    );

    let mut file = tempfile::NamedTempFile::new().unwrap();
    writeln!(file, "ZOOM_CLIENT_SECRET={SECRET}").unwrap();
    let path = file.path().to_owned();
    let out = check_refused(Lang::En, Some(path.clone()), &[], "").await;
    let expected = format!("  → Correct the Client secret in {}.", path.display());
    assert!(out.contains(&expected), "{out}");

    let stdin = format!("Client secret: {SECRET}\n");
    let out = check_refused(Lang::En, Some(PathBuf::from("-")), &[], &stdin).await;
    assert!(
        out.contains("  → Correct the Client secret given on standard input (--credentials -)."),
        "{out}"
    );
}

#[tokio::test]
async fn check_says_where_to_correct_the_refused_value_in_japanese() {
    let out = check_refused(Lang::Ja, None, &[("ZOOM_CLIENT_SECRET", SECRET)], "").await;
    assert!(
        out.contains("  → 環境変数 ZOOM_CLIENT_SECRET の Client secret を直してください。"),
        "{out}"
    );
    let out = check_refused(Lang::Ja, None, &[], "").await;
    assert!(
        out.contains(
            "  → Client secret はデモアカウントの値です。別の値を試すには ZOOM_CLIENT_SECRET を設定してください。"
        ),
        "{out}"
    );
}
