//! What is different on Windows, tested on any platform through the pure functions the Windows
//! paths use: a paste that arrives as key presses, the browser decision without `DISPLAY`, the
//! display language, and the data directory under a Japanese user name. The Windows executable
//! itself is run under wine by `.ci/windows`; key releases are covered in `core_flow.rs`
//! (`space_toggles_the_focused_item_and_a_release_does_nothing`).

mod support;

use hacomono_zoom_setup::app::Screen;
use hacomono_zoom_setup::clipboard::{ClipboardEnv, Platform};
use hacomono_zoom_setup::i18n::Lang;
use hacomono_zoom_setup::runtime::load_notice;
use hacomono_zoom_setup::store::{LoadOutcome, Progress, Store};
use support::{Harness, walk_to};

// --- the browser ---------------------------------------------------------------------------

fn env_of<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
    move |name| {
        vars.iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.to_string())
    }
}

#[test]
fn windows_opens_the_browser_without_a_display_variable_but_not_over_ssh() {
    // Windows has no DISPLAY; its absence must not mean "no desktop" there.
    let desktop = ClipboardEnv::from_lookup(Platform::Windows, env_of(&[]));
    assert!(desktop.opens_browser());
    // Windows' own OpenSSH server sets SSH_CONNECTION: the browser would open on the server.
    let ssh = ClipboardEnv::from_lookup(
        Platform::Windows,
        env_of(&[("SSH_CONNECTION", "192.0.2.1 50000 192.0.2.2 22")]),
    );
    assert!(!ssh.opens_browser());
    // On Linux the display does decide.
    let headless = ClipboardEnv::from_lookup(Platform::Unix, env_of(&[]));
    assert!(!headless.opens_browser());
    let x11 = ClipboardEnv::from_lookup(Platform::Unix, env_of(&[("DISPLAY", ":0")]));
    assert!(x11.opens_browser());
}

// --- the display language ------------------------------------------------------------------

#[test]
fn windows_display_language_picks_japanese_or_english() {
    for (langid, lang) in [
        (0x0411, Lang::Ja), // ja-JP
        (0x0011, Lang::Ja), // Japanese, no region
        (0x0409, Lang::En), // en-US
        (0x0809, Lang::En), // en-GB
        (0x0412, Lang::En), // ko-KR: not Japanese, so English
        (0x0404, Lang::En), // zh-TW
        (0x0000, Lang::En), // neutral
    ] {
        assert_eq!(Lang::from_windows_langid(langid), lang, "{langid:#06x}");
    }
}

// --- the data directory under a Japanese user name -----------------------------------------

#[test]
fn progress_is_kept_under_a_japanese_user_name() {
    let root = tempfile::tempdir().unwrap();
    // What ProjectDirs gives on Windows for C:\Users\山田 (the folders are made on save).
    let path = root
        .path()
        .join("Users")
        .join("山田")
        .join("AppData")
        .join("Roaming")
        .join("hacomono")
        .join("hacomono-zoom-setup")
        .join("data")
        .join("progress.json");
    let store = Store::at(&path);
    assert_eq!(store.load(), LoadOutcome::Fresh);

    let mut h = Harness::new(Lang::Ja);
    walk_to(&mut h, Screen::Step1);
    let progress = Progress::from_model(&h.model, false);
    store.save(&progress).expect("saved under 山田");
    assert!(path.is_file());
    assert_eq!(store.load(), LoadOutcome::Resumable(progress));

    // A broken file there is set aside, and the message names the real path, 山田 included.
    std::fs::write(&path, "{ not json").unwrap();
    let outcome = store.load();
    let notice = load_notice(&outcome).expect("a notice");
    let shown = notice
        .args
        .iter()
        .find(|(name, _)| *name == "path")
        .map(|(_, value)| value.clone())
        .unwrap();
    assert!(shown.contains("山田"), "{shown}");
    assert!(!path.exists(), "moved aside");

    store.reset().unwrap();
    assert_eq!(store.load(), LoadOutcome::Fresh);
}
