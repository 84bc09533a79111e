//! The rehearsal in the real wizard, in a pseudo-terminal: a host typed into the consent step is
//! the one rehearsed for, and a panic in the rehearsal ends it with a diagnosis, not a spinner.
//! (Interruptions, in every front end: `interruptions.rs`.)

mod support;

use support::pty::{CTRL_C, ENTER, Session, paste};
use zoom_emulator::{Emulator, EmulatorConfig, Scenario, demo_credentials};

/// The real wizard against an emulator of `config`: the three values pasted on the Values
/// screen and the check run, until `passed` shows.
async fn checked(
    config: EmulatorConfig,
    [account, client, secret]: [&str; 3],
    passed: &str,
) -> (Emulator, Session) {
    let emulator = Emulator::start_with(config).await.unwrap();
    let base = emulator.base_url();
    let mut s = Session::start(&["--lang", "en", "--oauth-base", &base], &[]);
    s.walk_to_values();
    s.send(&paste(&format!(
        "Account ID: {account}\nClient ID: {client}\nClient secret: {secret}"
    )));
    s.wait_for(account);
    s.next_field("Client ID");
    s.next_field("Client secret");
    s.press(ENTER, passed);
    (emulator, s)
}

/// A large account: the host is found by typing part of an e-mail into the consent step, and
/// the rehearsal runs for that user and leaves nothing behind.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_host_typed_into_the_consent_step_is_the_one_rehearsed_for() {
    let config = EmulatorConfig {
        large_users: 900,
        ..EmulatorConfig::default()
    };
    let values = [
        "LargeAccount-0123456789",
        Scenario::LargeAccount.client_id(),
        "any-secret-for-the-large-account",
    ];
    let (emulator, mut s) = checked(config, values, "900 active users").await;
    s.press("t", "Rehearse with a test meeting?");
    s.wait_for("900 of 900 users");
    // "filter: " or "Filter: ", as the width allows.
    s.type_text("staff00123@", |typed| format!("ilter: {typed}"));
    s.wait_for("1 of 900 users");
    s.press(
        ENTER,
        "hacomono can create, update and delete meetings for this host.",
    );
    s.wait_for("<staff00123@large-gym.example>:");
    assert_eq!(emulator.meeting_requests(), (1, 1, 1));
    assert_eq!(emulator.meetings_left(), 0, "nothing is left in Zoom");
    s.send(CTRL_C);
    let code = tokio::task::spawn_blocking(move || s.wait_exit())
        .await
        .unwrap();
    assert_eq!(code, 0);
}

/// A bug in the rehearsal (a panic, asked for by a debug-only variable) ends it with a
/// diagnosis on screen: the spinner stops, nothing is left in Zoom, and `t` offers it again.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_panic_in_the_rehearsal_ends_it_with_a_diagnosis() {
    let emulator = Emulator::start().await.unwrap();
    let base = emulator.base_url();
    let demo = demo_credentials();
    let mut s = Session::start(
        &["--lang", "en", "--oauth-base", &base],
        &[("HACOMONO_ZOOM_SETUP_PANIC_IN_REHEARSAL_FOR_TEST", "1")],
    );
    s.walk_to_values();
    s.send(&paste(&format!(
        "Account ID: {}\nClient ID: {}\nClient secret: {}",
        demo.account_id, demo.client_id, demo.client_secret
    )));
    s.wait_for(demo.account_id);
    s.next_field("Client ID");
    s.next_field("Client secret");
    s.press(ENTER, "Ready for hacomono");
    s.press("t", "Rehearse with a test meeting?");
    s.send(ENTER);
    s.wait_all(&[
        "internal error: rehearsal panic requested",
        "No test meeting was created",
    ]);
    assert_eq!(emulator.meeting_requests(), (0, 0, 0));
    s.press("t", "Rehearse with a test meeting?");
    s.send(CTRL_C);
    let code = tokio::task::spawn_blocking(move || s.wait_exit())
        .await
        .unwrap();
    assert_eq!(code, 0, "nothing was running: a normal exit");
}
