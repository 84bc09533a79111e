//! Ctrl+C while the rehearsal's meeting is being created: the real wizard, in a pseudo-terminal,
//! against an emulator slow enough to be interrupted, still deletes the meeting before it ends.

mod support;

use std::time::{Duration, Instant};

use support::pty::{CTRL_C, ENTER, Session, paste};
use zoom_emulator::{Emulator, EmulatorConfig, demo_credentials};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ctrl_c_during_the_rehearsal_still_deletes_the_meeting() {
    let emulator = Emulator::start_with(EmulatorConfig {
        latency: Duration::from_millis(400),
        ..EmulatorConfig::default()
    })
    .await
    .unwrap();
    let base = emulator.base_url();
    let mut s = Session::start(&["--lang", "en", "--oauth-base", &base], &[]);
    s.walk_to_values();
    let demo = demo_credentials();
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
    // Token and users are in; wait for the create to be on its way, then interrupt.
    let start = Instant::now();
    while emulator.requests() < 3 {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "no create was sent"
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    s.send(CTRL_C);
    let code = tokio::task::spawn_blocking(move || s.wait_exit())
        .await
        .unwrap();
    assert_eq!(code, 0);
    let (creates, updates, deletes) = emulator.meeting_requests();
    assert_eq!(
        (creates, updates),
        (1, 0),
        "the update is skipped once asked to stop"
    );
    assert!(deletes >= 1, "the delete still ran");
    assert_eq!(emulator.meetings_left(), 0, "nothing is left in Zoom");
}
