//! What is different on Windows, tested on any platform through the pure functions the Windows
//! paths use: a paste that arrives as key presses, the browser decision without `DISPLAY`, the
//! display language, and the data directory under a Japanese user name. The Windows executable
//! itself is run under wine by `.ci/windows`; key releases are covered in `core_flow.rs`
//! (`space_toggles_the_focused_item_and_a_release_does_nothing`).

mod support;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use hacomono_zoom_setup::app::progress::Progress;
use hacomono_zoom_setup::app::{Msg, Screen};
use hacomono_zoom_setup::clipboard::{ClipboardEnv, Platform};
use hacomono_zoom_setup::credentials::Field;
use hacomono_zoom_setup::i18n::Lang;
use hacomono_zoom_setup::resume::load_notice;
use hacomono_zoom_setup::store::{LoadOutcome, Store};
use hacomono_zoom_setup::tui::terminal::{TYPED_PASTE_MIN_CHARS, typed_paste};
use support::{Harness, walk_to};

// --- a paste typed in as keys ------------------------------------------------------------

fn key(code: KeyCode, modifiers: KeyModifiers, kind: KeyEventKind) -> Event {
    let mut event = KeyEvent::new(code, modifiers);
    event.kind = kind;
    Event::Key(event)
}

/// `text` as Windows' console hands a paste to a program: a press and a release per
/// character, Shift for capitals, Enter for each line break (CRLF gives one Enter: the console
/// turns the pair into one key).
fn console_paste(text: &str) -> Vec<Event> {
    let mut events = vec![];
    for c in text.replace("\r\n", "\n").chars() {
        let (code, mods) = match c {
            '\n' => (KeyCode::Enter, KeyModifiers::NONE),
            '\t' => (KeyCode::Tab, KeyModifiers::NONE),
            c if c.is_ascii_uppercase() => (KeyCode::Char(c), KeyModifiers::SHIFT),
            c => (KeyCode::Char(c), KeyModifiers::NONE),
        };
        events.push(key(code, mods, KeyEventKind::Press));
        events.push(key(code, mods, KeyEventKind::Release));
    }
    events
}

const BLOCK: &str = "Account ID\r\nacctAAAAAAAAAAAAAAAAAA\r\nCopy\r\nClient ID\r\nclntBBBBBBBBBBBBBBBBBB\r\nCopy\r\nClient secret\r\nsecrCCCCCCCCCCCCCCCCCCCCCCCCCCCC\r\nCopy";

#[test]
fn keys_waiting_together_are_one_paste_with_its_line_breaks() {
    let text = typed_paste(&console_paste(BLOCK)).expect("a paste");
    assert_eq!(text, BLOCK.replace("\r\n", "\n"));
    let single = "abcDEF123_-xyz0123456";
    assert_eq!(typed_paste(&console_paste(single)).as_deref(), Some(single));
}

#[test]
fn a_few_keys_or_a_chord_among_them_were_typed_not_pasted() {
    let short = "a".repeat(TYPED_PASTE_MIN_CHARS - 1);
    assert_eq!(
        typed_paste(&console_paste(&short)),
        None,
        "too few to be a paste"
    );
    let at_least = "a".repeat(TYPED_PASTE_MIN_CHARS);
    assert!(typed_paste(&console_paste(&at_least)).is_some());

    for (name, odd) in [
        (
            "Ctrl+V",
            key(
                KeyCode::Char('v'),
                KeyModifiers::CONTROL,
                KeyEventKind::Press,
            ),
        ),
        (
            "Alt+x",
            key(KeyCode::Char('x'), KeyModifiers::ALT, KeyEventKind::Press),
        ),
        (
            "an arrow",
            key(KeyCode::Down, KeyModifiers::NONE, KeyEventKind::Press),
        ),
        (
            "Esc",
            key(KeyCode::Esc, KeyModifiers::NONE, KeyEventKind::Press),
        ),
        (
            "Shift+Tab",
            key(KeyCode::BackTab, KeyModifiers::SHIFT, KeyEventKind::Press),
        ),
        ("a resize", Event::Resize(80, 24)),
    ] {
        let mut burst = console_paste("abcdefghijkl");
        burst.insert(4, odd);
        assert_eq!(typed_paste(&burst), None, "{name}");
    }
    // Releases alone carry no text.
    let releases: Vec<Event> = console_paste("abcdefghijkl")
        .into_iter()
        .filter(|e| matches!(e, Event::Key(k) if k.kind == KeyEventKind::Release))
        .collect();
    assert_eq!(typed_paste(&releases), None);
}

#[test]
fn characters_typed_with_altgr_count_as_text() {
    // Windows reports AltGr as Ctrl+Alt: `@` on a German keyboard, say.
    let mut burst = console_paste("user");
    burst.push(key(
        KeyCode::Char('@'),
        KeyModifiers::CONTROL | KeyModifiers::ALT,
        KeyEventKind::Press,
    ));
    burst.extend(console_paste("example"));
    assert_eq!(typed_paste(&burst).as_deref(), Some("user@example"));
}

#[test]
fn a_block_pasted_as_keys_fills_all_three_fields_like_a_bracketed_paste() {
    let mut h = Harness::new(Lang::En);
    walk_to(&mut h, Screen::Values);
    let text = typed_paste(&console_paste(BLOCK)).expect("a paste");
    h.send(Msg::Paste(text.into()));
    assert_eq!(h.model.screen, Screen::Values, "no Enter acted on its own");
    assert_eq!(
        h.model.field(Field::AccountId).value(),
        "acctAAAAAAAAAAAAAAAAAA"
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
    let shown = notice.text_arg("path").unwrap().to_owned();
    assert!(shown.contains("山田"), "{shown}");
    assert!(!path.exists(), "moved aside");

    store.reset().unwrap();
    assert_eq!(store.load(), LoadOutcome::Fresh);
}

// --- a checkout with CRLF line ends --------------------------------------------------------

/// Git on Windows may check the assets out with CRLF (core.autocrlf), and a build from source
/// there embeds them so: every sentence and checklist must read the same, with no carriage
/// return in any text.
#[test]
fn assets_checked_out_with_crlf_read_the_same() {
    use hacomono_zoom_setup::i18n::{TEXT_ASSETS, parse_catalogue};
    for (name, source) in TEXT_ASSETS {
        let lf = parse_catalogue(source).unwrap();
        let crlf = parse_catalogue(&source.replace('\n', "\r\n")).unwrap();
        assert_eq!(crlf, lf, "{name}");
        assert!(
            crlf.values()
                .all(|t| !t.en.contains('\r') && !t.ja.contains('\r')),
            "{name}"
        );
    }
    let guide = include_str!("../assets/guide.toml");
    let lf = hacomono_zoom_setup::guide::parse_guide(guide).unwrap();
    let crlf = hacomono_zoom_setup::guide::parse_guide(&guide.replace('\n', "\r\n")).unwrap();
    assert_eq!(format!("{crlf:?}"), format!("{lf:?}"));
    assert!(!format!("{crlf:?}").contains("\\r"));
}
