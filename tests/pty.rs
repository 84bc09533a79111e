//! The real binary in a pseudo-terminal: start, walk the demo, paste, quit, crash; and the
//! terminal is always given back (no raw mode, no alternate screen, no bracketed paste).
#![cfg(unix)]

mod support;

use support::pty::{CTRL_C, CTRL_D, CTRL_V, DOWN, ENTER, Session, Start, paste};

#[test]
fn demo_walks_to_done_in_english_and_quits_cleanly() {
    let mut s = Session::start(&["--demo", "--lang", "en"], &[]);
    s.walk_demo_to_done();
    s.send(ENTER);
    assert_eq!(s.wait_exit(), 0);
    s.assert_terminal_restored();
}

#[test]
fn demo_in_japanese_reaches_the_check() {
    let mut s = Session::start(&["--demo"], &[("LANG", "ja_JP.UTF-8")]);
    s.wait_for("はじめに");
    s.press(ENTER, "Zoom アカウントとロール");
    s.press(ENTER, "STEP 1: Zoom でアプリを作成");
    s.press(ENTER, "まだ終わっていない項目");
    s.press(ENTER, "Account ID・Client ID・Client secret");
    s.press(CTRL_D, "dEm0AcCoUnT-hAcoMono01");
    s.next_field("Client ID");
    s.next_field("Client secret");
    s.press(ENTER, "hacomono に登録できます");
    s.send(CTRL_C);
    assert_eq!(s.wait_exit(), 0);
    s.assert_terminal_restored();
}

#[test]
fn a_bracketed_paste_lands_masked_and_the_secret_never_reaches_the_terminal() {
    let secret = "CanarySecretXYZ0123456789abcdefQ";
    let mut s = Session::with(Start {
        args: &["--demo", "--lang", "en"],
        watch: Some(secret),
        ..Start::default()
    });
    s.walk_to_values();
    s.press(&paste("AccountIdFromPaste0001"), "AccountIdFromPaste0001");
    s.next_field("Client ID");
    s.press(&paste("ClientIdFromPaste00002"), "ClientIdFromPaste00002");
    s.next_field("Client secret");
    s.press(&paste(&format!("{secret}\n")), "Cana…defQ (32 characters)");
    s.wait_for("••••••••");
    s.send(CTRL_C);
    assert_eq!(s.wait_exit(), 0);
    s.assert_terminal_restored();
    let out = String::from_utf8_lossy(&s.output()).into_owned();
    assert!(
        !out.contains(secret),
        "the full secret was written to the terminal"
    );
    assert_eq!(
        s.frames_showing(0..usize::MAX),
        0,
        "a frame showed the secret"
    );
}

#[test]
fn a_crash_restores_the_terminal_and_says_what_happened() {
    let mut s = Session::start(
        &["--demo", "--lang", "en"],
        &[("HACOMONO_ZOOM_SETUP_PANIC_FOR_TEST", "1")],
    );
    let code = s.wait_exit();
    assert_ne!(code, 0);
    s.assert_terminal_restored();
    assert!(
        s.contents().contains("panic requested"),
        "the panic message is readable:\n{}",
        s.contents()
    );
}

#[test]
fn sigterm_and_sighup_restore_the_terminal() {
    use nix::sys::signal::{Signal, kill};
    for signal in [Signal::SIGTERM, Signal::SIGHUP] {
        let mut s = Session::start(&["--demo", "--lang", "en"], &[]);
        s.wait_for("Welcome");
        let pid = s.child.process_id().expect("pid") as i32;
        kill(nix::unistd::Pid::from_raw(pid), signal).unwrap();
        assert_eq!(s.wait_exit(), 0, "{signal}");
        s.assert_terminal_restored();
    }
}

#[test]
fn a_labelled_block_pasted_once_fills_all_three_fields() {
    let secret = "BlockSecretABCDEFGHIJ012345678zz";
    let block = format!(
        "Account ID\nBlockAccount0000000001\nCopy\nClient ID\nBlockClient00000000002\nCopy\nClient secret\n{secret}\nRegenerate\n"
    );
    let mut s = Session::start(&["--demo", "--lang", "en"], &[]);
    s.walk_to_values();
    s.press(
        &paste(&block),
        "Filled in from the paste: Account ID, Client ID, Client secret",
    );
    s.wait_all(&[
        "BlockAccount0000000001",
        "BlockClient00000000002",
        "Bloc…78zz (32 characters)",
    ]);
    s.send(CTRL_C);
    assert_eq!(s.wait_exit(), 0);
    s.assert_terminal_restored();
    assert!(!String::from_utf8_lossy(&s.output()).contains(secret));
}

#[test]
fn progress_is_resumed_on_the_same_screen_with_the_same_ticks() {
    let mut s = Session::start(&["--demo", "--lang", "en"], &[]);
    s.wait_for("Welcome");
    s.press(ENTER, "Which role");
    s.press(ENTER, "STEP 1: build the app");
    s.press(" ", "[x] Open the Zoom App Marketplace");
    s.press(DOWN, "›[ ] Click [Develop]");
    s.press(" ", "[x] Click [Develop]");
    s.send(CTRL_C);
    assert_eq!(s.wait_exit(), 0);
    let home = std::mem::replace(&mut s.home, tempfile::tempdir().unwrap());

    let mut s = Session::start_in(home, &["--demo", "--lang", "en"], &[]);
    s.wait_all(&["Continue?", "with 2 items ticked"]);
    s.send(ENTER);
    s.wait_all(&[
        "STEP 1: build the app",
        "[x] Open the Zoom App Marketplace",
        "[x] Click [Develop]",
    ]);
    s.send(CTRL_C);
    assert_eq!(s.wait_exit(), 0);
    s.assert_terminal_restored();
}

/// The colour parameters of every SGR sequence (`ESC [ … m`) in `out`: 30–37, 38 (extended
/// foreground), 40–47, 48 (extended background), 90–97 and 100–107. Resets (0, 39, 49) and
/// emphasis (bold, reverse, …) are not colours.
fn colour_sgr_params(out: &[u8]) -> Vec<String> {
    let mut found = Vec::new();
    let mut i = 0;
    while i + 1 < out.len() {
        if out[i] != 0x1b || out[i + 1] != b'[' {
            i += 1;
            continue;
        }
        let start = i + 2;
        let mut end = start;
        while end < out.len() && (out[end].is_ascii_digit() || matches!(out[end], b';' | b':')) {
            end += 1;
        }
        if out.get(end) == Some(&b'm') {
            let params = String::from_utf8_lossy(&out[start..end]).into_owned();
            let colour = params.split([';', ':']).any(|p| {
                matches!(
                    p.parse::<u16>(),
                    Ok(30..=38 | 40..=48 | 90..=97 | 100..=107)
                )
            });
            if colour {
                found.push(params);
            }
        }
        i = end.max(i + 1);
    }
    found
}

#[test]
fn the_sgr_scan_finds_colours_and_ignores_emphasis() {
    assert!(colour_sgr_params(b"\x1b[1m\x1b[7mx\x1b[0m\x1b[39m\x1b[49m\x1b[22m").is_empty());
    assert_eq!(colour_sgr_params(b"\x1b[1;31mx"), ["1;31"]);
    assert_eq!(colour_sgr_params(b"\x1b[38;5;208m"), ["38;5;208"]);
    assert_eq!(colour_sgr_params(b"\x1b[48:2::1:2:3m"), ["48:2::1:2:3"]);
    assert_eq!(colour_sgr_params(b"\x1b[93m\x1b[104m"), ["93", "104"]);
}

#[test]
fn no_color_draws_the_welcome_screen_without_colour_sequences() {
    let mut s = Session::start(&["--demo", "--lang", "en"], &[("NO_COLOR", "1")]);
    s.wait_for("Welcome");
    s.wait_for("Which describes your Zoom link?");
    s.send(CTRL_C);
    assert_eq!(s.wait_exit(), 0);
    s.assert_terminal_restored();
    let colours = colour_sgr_params(&s.output());
    assert!(
        colours.is_empty(),
        "NO_COLOR=1 still sent colour sequences: {colours:?}"
    );
}

#[test]
fn without_no_color_the_same_scan_sees_colours() {
    // Proves the test above can fail: the default theme does colour the welcome screen.
    let mut s = Session::start(&["--demo", "--lang", "en"], &[]);
    s.wait_for("Which describes your Zoom link?");
    s.send(CTRL_C);
    assert_eq!(s.wait_exit(), 0);
    assert!(!colour_sgr_params(&s.output()).is_empty());
}

#[test]
fn term_dumb_on_a_terminal_starts_plain_mode_with_no_escape_at_all() {
    let mut s = Session::start(&["--demo", "--lang", "en"], &[("TERM", "dumb")]);
    s.wait_for("(1/7) Welcome");
    s.wait_for("Number [1]:");
    s.answer(ENTER, "(2/7) Zoom account and role");
    // Ctrl+D at a prompt: end of input.
    s.send(CTRL_D);
    assert_eq!(s.wait_exit(), 1);
    s.wait_for("Input ended before the setup was finished.");
    s.assert_no_escape();
    s.assert_line_mode();
}

/// Plain mode from the start to the Client secret prompt on default answers: Welcome, role,
/// App Name, the STEP 1 list, "not finished", Account ID, Client ID; each answer waits for the
/// next question.
fn answer_up_to_the_secret(s: &mut Session) {
    s.wait_for("(1/7) Welcome");
    s.wait_for("Number [1]:");
    s.answer(ENTER, "(2/7) Zoom account and role");
    s.answer(ENTER, "App Name (ASCII");
    s.answer(ENTER, "Press Enter when these steps are done");
    s.answer(ENTER, "Not finished yet");
    s.answer(ENTER, "Account ID [");
    s.answer(ENTER, "Client ID [");
    s.answer(ENTER, "Client secret [hAco");
}

#[test]
fn accessible_on_a_terminal_hides_the_typed_secret_and_gives_the_terminal_back() {
    let secret = "TypedSecretXYZ0123456789abcdefQQ";
    let mut s = Session::start(&["--demo", "--lang", "en"], &[("ACCESSIBLE", "1")]);
    answer_up_to_the_secret(&mut s);
    s.answer(&format!("{secret}\r"), "Type…efQQ (32 characters)");
    s.wait_for("Not ready yet");
    s.send(CTRL_D);
    assert_eq!(s.wait_exit(), 1);
    let out = s.output();
    assert!(
        !String::from_utf8_lossy(&out).contains(secret),
        "the typed secret was echoed"
    );
    s.assert_no_escape();
    s.assert_line_mode();
}

#[test]
fn ctrl_c_at_the_hidden_secret_prompt_restores_the_echo() {
    let mut s = Session::start(&["--demo", "--lang", "en"], &[("TERM", "dumb")]);
    answer_up_to_the_secret(&mut s);
    s.send("half-typed");
    s.send(CTRL_C);
    assert_eq!(s.wait_exit(), 130);
    assert!(!String::from_utf8_lossy(&s.output()).contains("half-typed"));
    s.assert_line_mode();
}

/// Linux only: without a display there is no system clipboard to read. Elsewhere (macOS has
/// one without any display variable) Ctrl+V would read the developer's real clipboard.
#[cfg(target_os = "linux")]
#[test]
fn typing_works_and_ctrl_v_without_a_clipboard_says_to_use_the_terminal_paste() {
    let mut s = Session::start(&["--demo", "--lang", "en"], &[]);
    s.walk_to_values();
    s.press(CTRL_V, "cannot be read here");
    s.type_text("TypedAccount", |typed| format!("[{typed}"));
    s.press("\x7f", "[TypedAccoun "); // Backspace
    s.send(CTRL_C);
    assert_eq!(s.wait_exit(), 0);
    s.assert_terminal_restored();
}

/// `--glyphs auto` asks the terminal where the cursor went after one ambiguous character.
/// The test is the terminal: it answers the cursor query (or does not). The deadline is long
/// here, so a busy machine cannot turn an answer into silence; the silent case uses the real one.
fn answering_the_glyph_probe(answer: Option<&str>, deadline_ms: Option<&str>) -> Session {
    let mut env = vec![("LANG", "en_US.UTF-8")];
    if let Some(ms) = deadline_ms {
        env.push(("HACOMONO_ZOOM_SETUP_PROBE_MS", ms));
    }
    let mut s = Session::start(&["--demo"], &env);
    s.wait_for_output_since(0, "\x1b[6n");
    if let Some(answer) = answer {
        s.send(answer);
    }
    s
}

fn quit(mut s: Session) {
    s.send(CTRL_C);
    assert_eq!(s.wait_exit(), 0);
    s.assert_terminal_restored();
}

#[test]
fn a_terminal_that_draws_ambiguous_characters_narrow_gets_unicode() {
    // ▶ printed at column 1 leaves the cursor at column 2.
    let s = answering_the_glyph_probe(Some("\x1b[1;2R"), Some("20000"));
    s.wait_for("▶1 Welcome");
    // The frame may still be arriving: its focused choice is drawn after the step bar.
    s.wait_for("› (•)");
    quit(s);
}

#[test]
fn a_terminal_that_draws_ambiguous_characters_wide_gets_ascii() {
    // ... and at column 3 where the terminal draws it two cells wide.
    let s = answering_the_glyph_probe(Some("\x1b[1;3R"), Some("20000"));
    s.wait_for("*1 Welcome");
    // The frame may still be arriving: its focused choice is drawn after the step bar.
    s.wait_for("> (*)");
    let screen = s.contents();
    assert!(
        !screen.contains(['▶', '›', '•', '─', '│']),
        "no ambiguous frame glyph in ascii: {screen}"
    );
    quit(s);
}

#[test]
fn a_terminal_that_never_answers_gets_unicode_after_the_deadline() {
    let s = answering_the_glyph_probe(None, None);
    s.wait_for("▶1 Welcome");
    // The probe's ▶ was erased: the first row is the header, nothing before it.
    let first = s.contents().lines().next().unwrap_or_default().to_owned();
    assert!(first.starts_with("hacomono"), "{first:?}");
    quit(s);
}

#[test]
fn an_explicit_glyph_choice_asks_the_terminal_nothing() {
    let s = Session::start(
        &["--demo"],
        &[
            ("LANG", "en_US.UTF-8"),
            ("HACOMONO_ZOOM_SETUP_GLYPHS", "ascii"),
        ],
    );
    s.wait_for("*1 Welcome");
    assert!(
        !String::from_utf8_lossy(&s.output()).contains("\x1b[6n"),
        "no cursor query"
    );
    quit(s);
}

/// Behind "the window is too small" no key acts (issue 22): Enter pressed there does not move
/// on unseen; once the window is large enough, the wizard is where it was. (One byte, sent
/// before the window grows; the core's tests cover the other keys.)
#[test]
fn enter_behind_the_too_small_message_changes_nothing() {
    let mut s = Session::with(Start {
        args: &["--demo", "--lang", "en"],
        size: (10, 40),
        ..Start::default()
    });
    s.wait_for("too small");
    s.send(ENTER);
    s.resize(24, 80);
    s.wait_all(&["Welcome", "(•) A new setup"]);
    assert!(!s.contents().contains("Which role"), "{}", s.contents());
    s.send(CTRL_C);
    assert_eq!(s.wait_exit(), 0);
    s.assert_terminal_restored();
}
