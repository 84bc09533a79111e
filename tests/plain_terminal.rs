//! Plain mode at a terminal, through the real binary in a pseudo-terminal read by vt100 as a
//! person sees it: a multi-line paste is one answer (as on the full screen), no value is ever
//! echoed while it is typed or pasted, and the secret never reaches the screen.
//!
//! A terminal sends a paste as the text with `\r` for each line break, in one go; plain mode
//! asks for no bracketed paste (it writes no escape sequence at all).

mod support;

use support::pty::{CTRL_C, CTRL_D, ENTER, Session, Start};

const SECRET: &str = "BlockSecretABCDEFGHIJ012345678zz";
const ACCOUNT: &str = "BlockAccount0000000001";
const CLIENT: &str = "BlockClient00000000002";

/// Zoom's App Credentials page as a browser copies it: labels, values and the buttons' words
/// on lines of their own, the last line without a line break.
fn credentials_page() -> String {
    format!(
        "App credentials\rAccount ID\r{ACCOUNT}\rCopy\rClient ID\r{CLIENT}\rCopy\rClient secret\r{SECRET}\rCopy\rRegenerate"
    )
}

/// The demo in plain mode at an 80×24 terminal, the secret watched for on every frame.
fn start(lang: &str) -> Session {
    Session::with(Start {
        args: &["--demo", "--plain", "--lang", lang],
        watch: Some(SECRET),
        ..Start::default()
    })
}

/// Welcome, role, App Name, the STEP 1 list and "not finished" on their defaults.
fn walk_to_the_account_id(s: &mut Session) {
    s.wait_for("Number [1]:");
    s.answer(ENTER, "(2/7) Zoom account and role");
    s.answer(ENTER, "App Name (ASCII");
    s.answer(ENTER, "Press Enter when these steps are done");
    s.answer(ENTER, "Not finished yet");
    s.answer(ENTER, "Account ID [");
}

/// Nothing the child wrote, and no frame the terminal showed, held the secret.
fn assert_secret_never_shown(s: &Session) {
    let out = s.output();
    assert!(
        !String::from_utf8_lossy(&out).contains(SECRET),
        "the secret was written to the terminal"
    );
    assert_eq!(
        s.frames_showing(0..out.len() + 1),
        0,
        "a frame showed the secret"
    );
}

#[test]
fn the_app_credentials_page_pasted_at_the_account_id_prompt_fills_all_three_unseen() {
    let mut s = start("en");
    walk_to_the_account_id(&mut s);
    // The paste, then Enter a moment later for its last line.
    s.send(&credentials_page());
    s.answer(
        ENTER,
        "Filled in from the paste: Account ID, Client ID, Client secret.",
    );
    s.wait_all(&[
        &format!("  ✓ {ACCOUNT}"),
        &format!("Client ID [{CLIENT}]: "),
    ]);
    s.answer(ENTER, "Client secret [Bloc…78zz (32 characters)]: ");
    // The demo's Zoom does not know these values: the check says so.
    s.answer(ENTER, "✗ Get an access token");
    s.wait_for("Number [1]:");
    s.send(CTRL_D);
    assert_eq!(s.wait_exit(), 1);
    assert_secret_never_shown(&s);
    s.assert_no_escape();
    s.assert_line_mode();
}

#[test]
fn a_pasted_page_that_ends_with_a_line_break_is_one_answer_too() {
    let mut s = start("ja");
    s.wait_for("番号 [1]:");
    s.answer(ENTER, "(2/7)");
    s.answer(ENTER, "App Name");
    s.answer(ENTER, "すべて終わったら Enter");
    s.answer(ENTER, "まだ終わっていない項目があります");
    s.answer(ENTER, "Account ID [");
    s.answer(
        &format!("{}\r", credentials_page()),
        "貼り付けた内容から入力しました: Account ID、Client ID、Client secret",
    );
    s.wait_for(&format!("Client ID [{CLIENT}]: "));
    s.send(CTRL_C);
    assert_eq!(s.wait_exit(), 130);
    assert_secret_never_shown(&s);
    s.assert_line_mode();
}

#[test]
fn the_secret_alone_pasted_at_an_id_prompt_is_never_shown() {
    let mut s = start("en");
    walk_to_the_account_id(&mut s);
    s.answer(&format!("{SECRET}\r"), "like a Client secret");
    s.wait_all(&["  Bloc…78zz (32 characters)", "Client ID ["]);
    s.send(CTRL_C);
    assert_eq!(s.wait_exit(), 130);
    assert_secret_never_shown(&s);
    s.assert_line_mode();
}

#[test]
fn a_typed_id_is_not_echoed_as_it_is_typed_but_said_after_it() {
    let mut s = start("en");
    walk_to_the_account_id(&mut s);
    let offset = s.output_len();
    s.send("Typed");
    s.send("Account000000000001\r");
    s.wait_for_output_since(offset, "  ✓ TypedAccount000000000001");
    let since = s.output_since(offset);
    assert_eq!(
        since.matches("TypedAccount").count(),
        1,
        "only the line after the answer shows it:\n{since}"
    );
    s.wait_for("Client ID [");
    // Ctrl+C while a value is being typed: the echo comes back.
    s.send("half");
    s.send(CTRL_C);
    assert_eq!(s.wait_exit(), 130);
    assert!(!String::from_utf8_lossy(&s.output()).contains("half"));
    s.assert_line_mode();
}

#[test]
fn several_lines_pasted_at_a_number_prompt_are_one_answer_refused_once() {
    let mut s = start("en");
    s.wait_for("Number [1]:");
    let offset = s.output_len();
    // Today each line would answer a question of its own: Welcome 1, role 2, then on.
    s.send("1\r2\r3\r");
    s.wait_for_output_since(offset, "Please type a number from 1 to 3, or b to go back.");
    s.wait_for_output_since(offset, "Number [1]:");
    let since = s.output_since(offset);
    assert!(!since.contains("(2/7)"), "{since}");
    s.answer(ENTER, "(2/7) Zoom account and role");
    s.send(CTRL_D);
    assert_eq!(s.wait_exit(), 1);
}
