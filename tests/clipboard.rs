//! The clipboard: exact OSC 52 bytes per multiplexer, and what copy and read do in each
//! environment, driven by made-up environments and a fake backend (no display needed).

use std::cell::RefCell;
use std::collections::HashMap;
use std::io::{self, Write};
use std::rc::Rc;

use hacomono_zoom_setup::app::{Model, Msg, update};
use std::time::{Duration, Instant};

use hacomono_zoom_setup::app::text::notice as notice_text;
use hacomono_zoom_setup::clipboard::timer::{
    CLEAR_AFTER, CLEAR_AFTER_MS_FOR_TEST, Countdown, Decision, SecretNews, SecretTimer, Tick, Via,
    clear_after_for_this_build, decide,
};
use hacomono_zoom_setup::clipboard::{
    ClipboardBackend, ClipboardEnv, CopyOutcome, Multiplexer, Platform, ReadError, SystemClipboard,
    osc52_sequence,
};
use hacomono_zoom_setup::credentials::MAX_PASTE_BYTES;
use hacomono_zoom_setup::i18n::{Lang, tr};

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
    clear_fails: bool,
    held: Option<String>,
    /// The text held was marked as a password.
    sensitive: bool,
    /// What the next read returns; when unset, what is held.
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
        fake.sensitive = false;
        Ok(())
    }

    fn set_sensitive_text(&mut self, text: &str) -> Result<(), String> {
        self.set_text(text)?;
        self.0.borrow_mut().sensitive = true;
        Ok(())
    }

    fn get_text(&mut self) -> Result<String, ReadError> {
        let mut fake = self.0.borrow_mut();
        let held = fake.held.clone().ok_or(ReadError::Empty);
        fake.read.take().unwrap_or(held)
    }

    fn clear(&mut self) -> Result<(), String> {
        let mut fake = self.0.borrow_mut();
        if fake.clear_fails {
            return Err("clipboard busy".into());
        }
        fake.held = None;
        fake.sensitive = false;
        Ok(())
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

// --- the Client secret: marked, counted down, taken back only while still ours ---------------

const SECRET: &str = "SecretOnTheClipboard0123456789ab";

#[test]
fn the_secret_is_marked_sensitive_and_other_values_are_not() {
    let (mut clipboard, state) = make(&[("DISPLAY", ":0")], Platform::Unix, Fake::default());
    let mut terminal = Vec::new();
    assert_eq!(clipboard.copy(VALUE, &mut terminal), CopyOutcome::Copied);
    assert!(!state.borrow().sensitive);
    assert_eq!(
        clipboard.copy_secret(SECRET, &mut terminal),
        CopyOutcome::Copied
    );
    assert!(state.borrow().sensitive);
    assert_eq!(state.borrow().held.as_deref(), Some(SECRET));
    assert!(terminal.is_empty());
}

#[test]
fn the_decision_still_ours_clear_changed_leave() {
    let secret = SECRET.to_owned();
    assert_eq!(decide(SECRET, &Ok(secret)), Decision::Clear);
    assert_eq!(decide(SECRET, &Ok("copied since".into())), Decision::Leave);
    assert_eq!(decide(SECRET, &Ok(format!("{SECRET} "))), Decision::Leave);
    assert_eq!(decide(SECRET, &Ok(String::new())), Decision::Leave);
    // Nothing, or no text (an image): nothing of ours.
    assert_eq!(decide(SECRET, &Err(ReadError::Empty)), Decision::Leave);
    // Unreadable: it may still be there, so it is neither cleared nor said to be gone.
    for error in [ReadError::Other("busy".into()), ReadError::NoClipboard] {
        assert_eq!(decide(SECRET, &Err(error)), Decision::CannotTell);
    }
}

/// The secret copied at `t0` on a desktop, and handed back by the timer when due.
fn due_secret(clipboard: &mut SystemClipboard) -> hacomono_zoom_setup::clipboard::timer::SecretOut {
    let mut terminal = Vec::new();
    let outcome = clipboard.copy_secret(SECRET, &mut terminal);
    let t0 = Instant::now();
    let mut timer = SecretTimer::new(CLEAR_AFTER);
    timer.copied(SECRET, outcome, t0).expect("counting");
    match timer.tick(t0 + CLEAR_AFTER) {
        Tick::Due(out) => out,
        other => panic!("not due: {other:?}"),
    }
}

#[test]
fn taking_back_clears_the_clipboard_while_it_still_holds_the_secret() {
    let (mut clipboard, state) = make(&[("DISPLAY", ":0")], Platform::Unix, Fake::default());
    let out = due_secret(&mut clipboard);
    let mut terminal = Vec::new();
    assert_eq!(
        clipboard.take_back(&out, &mut terminal),
        SecretNews::Cleared
    );
    assert_eq!(state.borrow().held, None);
    assert!(
        terminal.is_empty(),
        "no OSC 52 where the system clipboard was used"
    );
}

#[test]
fn taking_back_leaves_what_the_user_copied_since() {
    let (mut clipboard, state) = make(&[("DISPLAY", ":0")], Platform::Unix, Fake::default());
    let out = due_secret(&mut clipboard);
    state.borrow_mut().held = Some("the user's own text".into());
    assert_eq!(
        clipboard.take_back(&out, &mut Vec::new()),
        SecretNews::LeftAlone
    );
    assert_eq!(state.borrow().held.as_deref(), Some("the user's own text"));

    // An unreadable clipboard (an image, say) is not ours either.
    let (mut clipboard, state) = make(&[("DISPLAY", ":0")], Platform::Unix, Fake::default());
    let out = due_secret(&mut clipboard);
    state.borrow_mut().read = Some(Err(ReadError::Empty));
    assert_eq!(
        clipboard.take_back(&out, &mut Vec::new()),
        SecretNews::LeftAlone
    );
    assert_eq!(state.borrow().held.as_deref(), Some(SECRET));
}

#[test]
fn a_failed_clear_or_an_unreadable_clipboard_is_told() {
    let fake = Fake {
        clear_fails: true,
        ..Fake::default()
    };
    let (mut clipboard, _) = make(&[("DISPLAY", ":0")], Platform::Unix, fake);
    let out = due_secret(&mut clipboard);
    assert_eq!(
        clipboard.take_back(&out, &mut Vec::new()),
        SecretNews::ClearFailed
    );

    let (mut clipboard, state) = make(&[("DISPLAY", ":0")], Platform::Unix, Fake::default());
    let out = due_secret(&mut clipboard);
    state.borrow_mut().read = Some(Err(ReadError::Other("clipboard busy".into())));
    assert_eq!(
        clipboard.take_back(&out, &mut Vec::new()),
        SecretNews::ClearFailed
    );
    assert_eq!(
        state.borrow().held.as_deref(),
        Some(SECRET),
        "not cleared blind"
    );
}

#[test]
fn over_osc52_the_terminal_is_asked_to_clear_with_an_empty_payload() {
    let vars = [
        ("SSH_TTY", "/dev/pts/1"),
        ("TMUX", "/tmp/tmux-1000/default,1,0"),
        ("TERM", "tmux-256color"),
    ];
    let (mut clipboard, state) = make(&vars, Platform::Unix, Fake::default());
    let mut terminal = Vec::new();
    let outcome = clipboard.copy_secret(SECRET, &mut terminal);
    assert_eq!(outcome, CopyOutcome::SentOsc52);
    let mut timer = SecretTimer::new(CLEAR_AFTER);
    let t0 = Instant::now();
    timer.copied(SECRET, outcome, t0);
    let Tick::Due(out) = timer.tick(t0 + CLEAR_AFTER) else {
        panic!("due")
    };
    assert_eq!(out.via(), Via::Terminal);
    let mut terminal = Vec::new();
    assert_eq!(
        clipboard.take_back(&out, &mut terminal),
        SecretNews::AskedTerminal
    );
    let mut expected = osc52_sequence("", Multiplexer::None).into_bytes();
    expected.extend(osc52_sequence("", Multiplexer::Tmux).into_bytes());
    assert_eq!(terminal, expected);
    assert_eq!(
        state.borrow().connects,
        0,
        "the remote clipboard is never touched"
    );
    assert_eq!(
        clipboard.take_back(&out, &mut BrokenTerminal),
        SecretNews::ClearFailed
    );
}

#[test]
fn the_count_starts_at_the_full_time_and_wakes_once_a_second() {
    let t0 = Instant::now();
    let mut timer = SecretTimer::new(CLEAR_AFTER);
    assert!(!timer.is_running());
    assert_eq!(timer.next_wake(t0), None, "idle: no wake-up at all");
    let countdown = timer.copied(SECRET, CopyOutcome::Copied, t0);
    assert_eq!(
        countdown,
        Some(Countdown {
            via: Via::System,
            seconds: 45
        })
    );
    assert_eq!(timer.next_wake(t0), Some(t0 + Duration::from_secs(1)));
    let at = |ms| t0 + Duration::from_millis(ms);
    assert!(matches!(timer.tick(at(1000)), Tick::Counting(c) if c.seconds == 44));
    assert!(matches!(timer.tick(at(1500)), Tick::Counting(c) if c.seconds == 44));
    assert_eq!(timer.next_wake(at(1500)), Some(at(2000)));
    assert!(matches!(timer.tick(at(44_999)), Tick::Counting(c) if c.seconds == 1));
    assert_eq!(timer.next_wake(at(44_999)), Some(at(45_000)));
    assert!(matches!(timer.tick(at(45_000)), Tick::Due(out) if out.via() == Via::System));
    assert!(!timer.is_running(), "taken back once");
    assert!(matches!(timer.tick(at(46_000)), Tick::Idle));
}

#[test]
fn copying_again_restarts_the_count() {
    let t0 = Instant::now();
    let mut timer = SecretTimer::new(Duration::from_secs(10));
    timer.copied(SECRET, CopyOutcome::Copied, t0);
    let later = t0 + Duration::from_secs(7);
    assert_eq!(
        timer
            .copied(SECRET, CopyOutcome::Copied, later)
            .map(|c| c.seconds),
        Some(10)
    );
    assert!(
        matches!(timer.tick(t0 + Duration::from_secs(10)), Tick::Counting(c) if c.seconds == 7)
    );
    assert!(matches!(
        timer.tick(later + Duration::from_secs(10)),
        Tick::Due(_)
    ));
}

#[test]
fn a_copy_that_went_nowhere_starts_nothing_and_keeps_an_earlier_count() {
    let t0 = Instant::now();
    let mut timer = SecretTimer::new(CLEAR_AFTER);
    assert_eq!(timer.copied(SECRET, CopyOutcome::Unavailable, t0), None);
    assert!(!timer.is_running());
    timer.copied(SECRET, CopyOutcome::Copied, t0);
    assert_eq!(timer.copied(SECRET, CopyOutcome::Unavailable, t0), None);
    assert!(timer.is_running());
}

#[test]
fn copying_something_else_the_same_way_replaces_the_secret() {
    let t0 = Instant::now();
    let mut timer = SecretTimer::new(CLEAR_AFTER);
    timer.copied(SECRET, CopyOutcome::Copied, t0);
    // Another way (the system clipboard failed, OSC 52 went out): the secret is still there.
    assert_eq!(timer.other_copied(CopyOutcome::SentOsc52), None);
    assert_eq!(timer.other_copied(CopyOutcome::Unavailable), None);
    assert!(timer.is_running());
    assert_eq!(
        timer.other_copied(CopyOutcome::Copied),
        Some(SecretNews::Replaced)
    );
    assert!(!timer.is_running());
    assert!(timer.take().is_none());
}

#[test]
fn exit_takes_the_secret_at_once() {
    let t0 = Instant::now();
    let mut timer = SecretTimer::new(CLEAR_AFTER);
    timer.copied(SECRET, CopyOutcome::SentOsc52, t0);
    let out = timer.take().expect("the secret, before its time");
    assert_eq!(out.via(), Via::Terminal);
    assert!(
        !format!("{out:?}{timer:?}").contains(SECRET),
        "Debug never shows it"
    );
}

#[test]
fn the_time_is_45_s_and_a_debug_build_may_only_shorten_it() {
    assert_eq!(CLEAR_AFTER, Duration::from_secs(45));
    let with = |value: &'static str| {
        clear_after_for_this_build(move |name| {
            (name == CLEAR_AFTER_MS_FOR_TEST).then(|| value.to_owned())
        })
    };
    assert_eq!(clear_after_for_this_build(|_| None), CLEAR_AFTER);
    if cfg!(debug_assertions) {
        assert_eq!(with("1500"), Duration::from_millis(1500));
        assert_eq!(with("3600000"), CLEAR_AFTER, "never longer");
        assert_eq!(with("soon"), CLEAR_AFTER);
    } else {
        assert_eq!(with("1500"), CLEAR_AFTER, "release builds ignore it");
    }
}

// --- the status line -------------------------------------------------------------------------

fn counting(via: Via, seconds: u64) -> Msg {
    Msg::SecretClipboard(SecretNews::Counting(Countdown { via, seconds }))
}

fn shown(model: &Model) -> String {
    model
        .notice
        .as_ref()
        .map(|n| notice_text(model.lang, n))
        .unwrap_or_default()
}

fn key(code: crossterm::event::KeyCode) -> Msg {
    Msg::Key(crossterm::event::KeyEvent::new(
        code,
        crossterm::event::KeyModifiers::NONE,
    ))
}

#[test]
fn the_status_line_counts_down_and_a_key_press_does_not_hide_the_count() {
    let mut model = Model::new(Lang::En, None);
    update(&mut model, counting(Via::System, 45));
    assert_eq!(
        shown(&model),
        "Client secret on the clipboard, cleared in 45 s."
    );
    update(&mut model, counting(Via::System, 32));
    assert_eq!(
        shown(&model),
        "Client secret on the clipboard, cleared in 32 s."
    );
    update(&mut model, key(crossterm::event::KeyCode::Down));
    assert_eq!(
        shown(&model),
        "Client secret on the clipboard, cleared in 32 s."
    );

    // Another notice has the line until the next key; the count does not overwrite it.
    update(
        &mut model,
        Msg::UrlOpened {
            url: "https://example.com".into(),
            opened: true,
        },
    );
    update(&mut model, counting(Via::System, 31));
    assert!(shown(&model).contains("Opened in your browser"));
    update(&mut model, key(crossterm::event::KeyCode::Down));
    assert_eq!(
        shown(&model),
        "Client secret on the clipboard, cleared in 31 s."
    );

    update(&mut model, Msg::SecretClipboard(SecretNews::Cleared));
    assert_eq!(shown(&model), "Client secret cleared from the clipboard.");
    update(&mut model, key(crossterm::event::KeyCode::Down));
    assert_eq!(shown(&model), "", "the count is over");
}

#[test]
fn osc52_is_worded_as_a_request_to_the_terminal() {
    let mut model = Model::new(Lang::En, None);
    update(&mut model, counting(Via::Terminal, 45));
    let text = shown(&model);
    assert!(
        text.contains("sent to your terminal (OSC 52)") && text.contains("45 s"),
        "{text}"
    );
    update(&mut model, Msg::SecretClipboard(SecretNews::AskedTerminal));
    assert!(shown(&model).starts_with("Asked the terminal to clear"));
}

#[test]
fn replacing_the_secret_ends_the_count_without_a_word() {
    let mut model = Model::new(Lang::En, None);
    update(&mut model, counting(Via::System, 20));
    update(&mut model, Msg::SecretClipboard(SecretNews::Replaced));
    update(
        &mut model,
        Msg::Copied(
            hacomono_zoom_setup::credentials::Field::ClientId,
            CopyOutcome::Copied,
        ),
    );
    assert_eq!(shown(&model), "Client ID copied to the clipboard.");
    update(&mut model, key(crossterm::event::KeyCode::Down));
    assert_eq!(shown(&model), "");
}

#[test]
fn every_secret_clipboard_sentence_reads_in_both_languages() {
    let news = [
        counting(Via::System, 9),
        counting(Via::Terminal, 9),
        Msg::SecretClipboard(SecretNews::Cleared),
        Msg::SecretClipboard(SecretNews::AskedTerminal),
        Msg::SecretClipboard(SecretNews::LeftAlone),
        Msg::SecretClipboard(SecretNews::ClearFailed),
    ];
    for lang in [Lang::En, Lang::Ja] {
        for msg in news.clone() {
            let mut model = Model::new(lang, None);
            update(&mut model, msg.clone());
            let text = shown(&model);
            assert!(
                !text.is_empty() && !text.contains('{') && !text.starts_with("clipboard."),
                "{lang:?} {msg:?}: {text}"
            );
        }
    }
    let mut model = Model::new(Lang::Ja, None);
    update(&mut model, counting(Via::System, 32));
    assert!(shown(&model).contains("32 秒"), "{}", shown(&model));
}
