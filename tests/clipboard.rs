//! The clipboard: exact OSC 52 bytes per multiplexer, and what copy and read do in each
//! environment, driven by made-up environments and a fake backend (no display needed).

use std::cell::RefCell;
use std::collections::HashMap;
use std::io::{self, Write};
use std::rc::Rc;

use hacomono_zoom_setup::app::{Model, Msg, update};
use hacomono_zoom_setup::clipboard::{
    ClipboardBackend, ClipboardEnv, CopyOutcome, Multiplexer, Platform, ReadError, SystemClipboard,
    osc52_sequence,
};
use hacomono_zoom_setup::credentials::MAX_PASTE_BYTES;
use hacomono_zoom_setup::i18n::{Lang, tr};
use hacomono_zoom_setup::screens::notice_text;

// --- OSC 52 bytes --------------------------------------------------------------------------

#[test]
fn plain_osc52() {
    assert_eq!(
        osc52_sequence("hello", Multiplexer::None),
        "\x1b]52;c;aGVsbG8=\x07"
    );
    assert_eq!(
        osc52_sequence("アカウント", Multiplexer::None),
        "\x1b]52;c;44Ki44Kr44Km44Oz44OI\x07"
    );
    assert_eq!(osc52_sequence("", Multiplexer::None), "\x1b]52;c;\x07");
}

#[test]
fn tmux_osc52_is_wrapped_with_the_inner_escape_doubled() {
    assert_eq!(
        osc52_sequence("hello", Multiplexer::Tmux),
        "\x1bPtmux;\x1b\x1b]52;c;aGVsbG8=\x07\x1b\\"
    );
}

#[test]
fn screen_osc52_short() {
    assert_eq!(
        osc52_sequence("hello", Multiplexer::Screen),
        "\x1bP\x1b]52;c;aGVsbG8=\x07\x1b\\"
    );
}

#[test]
fn screen_osc52_is_chunked_at_76_base64_characters() {
    let first = "eHh4".repeat(19);
    let rest = format!("{}eA==", "eHh4".repeat(14));
    assert_eq!(first.len(), 76);
    let expected = format!("\x1bP\x1b]52;c;{first}\x1b\\\x1bP{rest}\x07\x1b\\");
    assert_eq!(
        osc52_sequence(&"x".repeat(100), Multiplexer::Screen),
        expected
    );

    // Exactly one chunk: no empty DCS after it.
    let one = osc52_sequence(&"x".repeat(57), Multiplexer::Screen);
    assert_eq!(
        one,
        format!("\x1bP\x1b]52;c;{}\x07\x1b\\", "eHh4".repeat(19))
    );

    // Every DCS screen sees stays short.
    let long = osc52_sequence(&"y".repeat(3000), Multiplexer::Screen);
    for part in long.split("\x1bP").skip(1) {
        assert!(part.len() <= 76 + 12, "chunk of {} bytes", part.len());
    }
}

// --- detection -----------------------------------------------------------------------------

fn env_of(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
    let map: HashMap<String, String> = vars
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    move |name| map.get(name).cloned()
}

#[test]
fn multiplexer_detection() {
    let cases: &[(&[(&str, &str)], Multiplexer)] = &[
        (&[], Multiplexer::None),
        (&[("TERM", "xterm-256color")], Multiplexer::None),
        (
            &[
                ("TMUX", "/tmp/tmux-1000/default,123,0"),
                ("TERM", "screen-256color"),
            ],
            Multiplexer::Tmux,
        ),
        (
            &[("STY", "1234.pts-0.host"), ("TERM", "screen")],
            Multiplexer::Screen,
        ),
        (&[("TERM", "tmux-256color")], Multiplexer::Tmux),
        (&[("TERM", "screen.xterm-256color")], Multiplexer::Screen),
        (&[("TMUX", ""), ("TERM", "xterm")], Multiplexer::None),
    ];
    for (vars, expected) in cases {
        assert_eq!(Multiplexer::detect(env_of(vars)), *expected, "{vars:?}");
    }
}

#[test]
fn environment_reading() {
    let desktop = ClipboardEnv::from_lookup(
        Platform::Unix,
        env_of(&[("DISPLAY", ":0"), ("TERM", "xterm")]),
    );
    assert!(desktop.display && !desktop.ssh && desktop.osc52 && desktop.system_clipboard());

    let wayland =
        ClipboardEnv::from_lookup(Platform::Unix, env_of(&[("WAYLAND_DISPLAY", "wayland-0")]));
    assert!(wayland.system_clipboard());

    let headless = ClipboardEnv::from_lookup(Platform::Unix, env_of(&[("TERM", "xterm")]));
    assert!(!headless.system_clipboard() && headless.osc52);

    let forwarded = ClipboardEnv::from_lookup(
        Platform::Unix,
        env_of(&[
            ("DISPLAY", "localhost:10.0"),
            ("SSH_CONNECTION", "10.0.0.2 5555 10.0.0.1 22"),
        ]),
    );
    assert!(
        forwarded.ssh && !forwarded.system_clipboard(),
        "X forwarding is not the user's clipboard"
    );

    let ssh_tty = ClipboardEnv::from_lookup(Platform::MacOs, env_of(&[("SSH_TTY", "/dev/pts/3")]));
    assert!(!ssh_tty.system_clipboard());

    let mac = ClipboardEnv::from_lookup(Platform::MacOs, env_of(&[("TERM", "xterm-256color")]));
    assert!(mac.system_clipboard());
    let windows = ClipboardEnv::from_lookup(Platform::Windows, env_of(&[]));
    assert!(windows.system_clipboard() && windows.osc52);

    for term in ["dumb", "linux"] {
        let env = ClipboardEnv::from_lookup(Platform::Unix, env_of(&[("TERM", term)]));
        assert!(!env.osc52, "{term}");
    }
}

// --- copy and read with a fake backend -----------------------------------------------------

#[derive(Default)]
struct Fake {
    connects: usize,
    connect_fails: bool,
    set_fails: bool,
    held: Option<String>,
    read: Option<Result<String, ReadError>>,
}

struct FakeBackend(Rc<RefCell<Fake>>);

impl ClipboardBackend for FakeBackend {
    fn set_text(&mut self, text: &str) -> Result<(), String> {
        let mut fake = self.0.borrow_mut();
        if fake.set_fails {
            return Err("no selection owner".into());
        }
        fake.held = Some(text.to_owned());
        Ok(())
    }

    fn get_text(&mut self) -> Result<String, ReadError> {
        self.0
            .borrow_mut()
            .read
            .take()
            .unwrap_or(Err(ReadError::Empty))
    }
}

fn make(
    vars: &[(&str, &str)],
    platform: Platform,
    fake: Fake,
) -> (SystemClipboard, Rc<RefCell<Fake>>) {
    let state = Rc::new(RefCell::new(fake));
    let shared = state.clone();
    let env = ClipboardEnv::from_lookup(platform, env_of(vars));
    let clipboard = SystemClipboard::with_backend(env, move || {
        let mut fake = shared.borrow_mut();
        fake.connects += 1;
        if fake.connect_fails {
            Err("cannot open display".to_owned())
        } else {
            Ok(Box::new(FakeBackend(shared.clone())) as Box<dyn ClipboardBackend>)
        }
    });
    (clipboard, state)
}

const VALUE: &str = "0123456789abcdefABCDEF0123456789";

fn plain(text: &str) -> Vec<u8> {
    osc52_sequence(text, Multiplexer::None).into_bytes()
}

#[test]
fn desktop_copies_to_the_system_clipboard_and_writes_nothing_to_the_terminal() {
    let (mut clipboard, state) = make(
        &[("DISPLAY", ":0"), ("TERM", "xterm")],
        Platform::Unix,
        Fake::default(),
    );
    let mut terminal = Vec::new();
    assert_eq!(clipboard.copy(VALUE, &mut terminal), CopyOutcome::Copied);
    assert!(terminal.is_empty());
    assert_eq!(state.borrow().held.as_deref(), Some(VALUE));
    // The backend is opened once and kept for the next copy.
    assert_eq!(clipboard.copy("second", &mut terminal), CopyOutcome::Copied);
    assert_eq!(state.borrow().connects, 1);
    assert!(clipboard.loses_text_on_exit());
}

#[test]
fn a_failing_system_clipboard_falls_back_to_osc52_and_says_so() {
    let fake = Fake {
        set_fails: true,
        ..Fake::default()
    };
    let (mut clipboard, _) = make(
        &[("WAYLAND_DISPLAY", "wayland-0"), ("TERM", "foot")],
        Platform::Unix,
        fake,
    );
    let mut terminal = Vec::new();
    assert_eq!(clipboard.copy(VALUE, &mut terminal), CopyOutcome::SentOsc52);
    assert_eq!(terminal, plain(VALUE));
}

#[test]
fn a_clipboard_that_cannot_be_opened_is_not_retried_on_every_copy() {
    let fake = Fake {
        connect_fails: true,
        ..Fake::default()
    };
    let (mut clipboard, state) = make(
        &[("DISPLAY", ":0"), ("TERM", "xterm")],
        Platform::Unix,
        fake,
    );
    let mut terminal = Vec::new();
    assert_eq!(clipboard.copy(VALUE, &mut terminal), CopyOutcome::SentOsc52);
    assert_eq!(clipboard.copy(VALUE, &mut terminal), CopyOutcome::SentOsc52);
    assert_eq!(state.borrow().connects, 1);
    assert_eq!(clipboard.read(), Err(ReadError::NoClipboard));
}

#[test]
fn over_ssh_only_osc52_is_sent_and_the_remote_clipboard_is_never_touched() {
    let vars = [
        ("SSH_CONNECTION", "10.0.0.2 5555 10.0.0.1 22"),
        ("DISPLAY", "localhost:10.0"),
        ("TERM", "xterm-256color"),
    ];
    let (mut clipboard, state) = make(&vars, Platform::Unix, Fake::default());
    let mut terminal = Vec::new();
    assert_eq!(clipboard.copy(VALUE, &mut terminal), CopyOutcome::SentOsc52);
    assert_eq!(terminal, plain(VALUE));
    assert_eq!(clipboard.read(), Err(ReadError::NoClipboard));
    assert_eq!(state.borrow().connects, 0);
    assert!(!clipboard.loses_text_on_exit());
}

#[test]
fn in_tmux_both_the_plain_and_the_wrapped_sequence_are_sent() {
    let vars = [
        ("SSH_TTY", "/dev/pts/1"),
        ("TMUX", "/tmp/tmux-1000/default,1,0"),
        ("TERM", "tmux-256color"),
    ];
    let (mut clipboard, _) = make(&vars, Platform::Unix, Fake::default());
    let mut terminal = Vec::new();
    assert_eq!(clipboard.copy(VALUE, &mut terminal), CopyOutcome::SentOsc52);
    let mut expected = plain(VALUE);
    expected.extend(osc52_sequence(VALUE, Multiplexer::Tmux).into_bytes());
    assert_eq!(terminal, expected);
}

#[test]
fn in_screen_only_the_screen_sequence_is_sent() {
    let vars = [
        ("SSH_TTY", "/dev/pts/1"),
        ("STY", "99.pts-1.host"),
        ("TERM", "screen"),
    ];
    let (mut clipboard, _) = make(&vars, Platform::Unix, Fake::default());
    let mut terminal = Vec::new();
    assert_eq!(clipboard.copy(VALUE, &mut terminal), CopyOutcome::SentOsc52);
    assert_eq!(
        terminal,
        osc52_sequence(VALUE, Multiplexer::Screen).into_bytes()
    );
}

#[test]
fn headless_linux_sends_osc52_without_trying_a_clipboard() {
    let (mut clipboard, state) = make(
        &[("TERM", "xterm-256color")],
        Platform::Unix,
        Fake::default(),
    );
    let mut terminal = Vec::new();
    assert_eq!(clipboard.copy(VALUE, &mut terminal), CopyOutcome::SentOsc52);
    assert_eq!(state.borrow().connects, 0);
    assert!(!clipboard.loses_text_on_exit());
}

#[test]
fn a_dumb_terminal_over_ssh_has_no_clipboard_at_all() {
    for term in ["dumb", "linux"] {
        let (mut clipboard, _) = make(
            &[("SSH_TTY", "/dev/pts/1"), ("TERM", term)],
            Platform::Unix,
            Fake::default(),
        );
        let mut terminal = Vec::new();
        assert_eq!(
            clipboard.copy(VALUE, &mut terminal),
            CopyOutcome::Unavailable,
            "{term}"
        );
        assert!(terminal.is_empty(), "nothing may be written for {term}");
    }
}

struct BrokenTerminal;

impl Write for BrokenTerminal {
    fn write(&mut self, _: &[u8]) -> io::Result<usize> {
        Err(io::Error::new(io::ErrorKind::BrokenPipe, "gone"))
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[test]
fn an_unwritable_terminal_is_unavailable_not_sent() {
    let (mut clipboard, _) = make(
        &[("SSH_TTY", "/dev/pts/1"), ("TERM", "xterm")],
        Platform::Unix,
        Fake::default(),
    );
    assert_eq!(
        clipboard.copy(VALUE, &mut BrokenTerminal),
        CopyOutcome::Unavailable
    );
}

#[test]
fn macos_and_windows_use_the_system_clipboard_without_a_display_variable() {
    for platform in [Platform::MacOs, Platform::Windows] {
        let (mut clipboard, state) = make(&[], platform, Fake::default());
        let mut terminal = Vec::new();
        assert_eq!(
            clipboard.copy(VALUE, &mut terminal),
            CopyOutcome::Copied,
            "{platform:?}"
        );
        assert_eq!(state.borrow().held.as_deref(), Some(VALUE));
        assert!(!clipboard.loses_text_on_exit(), "{platform:?}");
    }
}

#[test]
fn reading_the_clipboard() {
    let desktop = [("DISPLAY", ":0")];
    let fake = Fake {
        read: Some(Ok(VALUE.to_owned())),
        ..Fake::default()
    };
    let (mut clipboard, _) = make(&desktop, Platform::Unix, fake);
    assert_eq!(clipboard.read(), Ok(VALUE.to_owned()));

    let fake = Fake {
        read: Some(Ok(String::new())),
        ..Fake::default()
    };
    let (mut clipboard, _) = make(&desktop, Platform::Unix, fake);
    assert_eq!(clipboard.read(), Err(ReadError::Empty));

    let fake = Fake {
        read: Some(Ok("a".repeat(MAX_PASTE_BYTES + 1))),
        ..Fake::default()
    };
    let (mut clipboard, _) = make(&desktop, Platform::Unix, fake);
    assert_eq!(clipboard.read(), Err(ReadError::TooLarge));

    let fake = Fake {
        read: Some(Err(ReadError::Other("occupied".into()))),
        ..Fake::default()
    };
    let (mut clipboard, _) = make(&desktop, Platform::Unix, fake);
    assert_eq!(clipboard.read(), Err(ReadError::Other("occupied".into())));

    let (mut clipboard, state) = make(&[("TERM", "xterm")], Platform::Unix, Fake::default());
    assert_eq!(clipboard.read(), Err(ReadError::NoClipboard));
    assert_eq!(state.borrow().connects, 0);
}

#[test]
fn the_copied_text_appears_nowhere_but_in_the_osc52_sequence() {
    let (mut clipboard, _) = make(
        &[("SSH_TTY", "/dev/pts/1"), ("TERM", "xterm")],
        Platform::Unix,
        Fake::default(),
    );
    let mut terminal = Vec::new();
    clipboard.copy(VALUE, &mut terminal);
    let written = String::from_utf8(terminal).unwrap();
    assert!(!written.contains(VALUE), "the text goes out only in base64");
    assert!(!format!("{clipboard:?}").contains(VALUE));
}

// --- honest words ---------------------------------------------------------------------------

/// What the status bar says after Ctrl+V met `error`.
fn read_error_shown(lang: Lang, error: ReadError) -> String {
    let mut model = Model::new(lang, None);
    update(&mut model, Msg::ClipboardRead(Err(error)));
    notice_text(lang, model.notice.as_ref().expect("a failed read is told"))
}

#[test]
fn every_read_error_has_its_sentence_in_both_languages() {
    for lang in [Lang::En, Lang::Ja] {
        for error in [
            ReadError::NoClipboard,
            ReadError::Empty,
            ReadError::TooLarge,
            ReadError::Other("x".into()),
        ] {
            let key = error.text_key();
            let text = read_error_shown(lang, error);
            assert_ne!(text, key);
            assert!(!text.contains('{'), "{text}");
        }
        assert_ne!(
            tr(lang, "clipboard.paste_before_quit"),
            "clipboard.paste_before_quit"
        );
    }
    assert!(read_error_shown(Lang::En, ReadError::NoClipboard).contains("Ctrl+Shift+V"));
    assert!(read_error_shown(Lang::En, ReadError::TooLarge).contains("4096"));
    assert!(read_error_shown(Lang::Ja, ReadError::Other("no owner".into())).contains("(no owner)"));
}
