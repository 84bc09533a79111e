//! Whether the terminal has sent more input, waiting a moment at most: the thin platform shell
//! under `input`'s paste joining. Unix: poll(2) on standard input (rustix, already in the
//! tree). Windows: the console's pending key presses (a paste reaches a console program as one
//! key press per character), looked at without taking them.

use std::time::Duration;

/// Whether standard input has something to read now or within `gap`.
#[cfg(unix)]
pub(super) fn stdin_within(gap: Duration) -> bool {
    use rustix::event::{PollFd, PollFlags, Timespec, poll};

    let stdin = std::io::stdin();
    let timeout = Timespec {
        tv_sec: gap.as_secs().try_into().unwrap_or(0),
        tv_nsec: gap.subsec_nanos().into(),
    };
    loop {
        let mut fds = [PollFd::new(&stdin, PollFlags::IN)];
        match poll(&mut fds, Some(&timeout)) {
            Ok(0) => return false,
            Ok(_) => return fds[0].revents().contains(PollFlags::IN),
            // A signal meanwhile (a resize): look again.
            Err(rustix::io::Errno::INTR) => continue,
            Err(_) => return false,
        }
    }
}

/// Whether the console has a key press waiting now or within `gap`. Key releases (the Enter
/// just read leaves its release behind), focus and mouse events do not count.
#[cfg(windows)]
pub(super) fn stdin_within(gap: Duration) -> bool {
    use std::time::Instant;

    let until = Instant::now() + gap;
    loop {
        if key_press_waiting() {
            return true;
        }
        if Instant::now() >= until {
            return false;
        }
        // The console offers no wait for key presses only; a short nap keeps this cheap.
        std::thread::sleep(Duration::from_millis(2));
    }
}

#[cfg(windows)]
fn key_press_waiting() -> bool {
    use windows_sys::Win32::System::Console::{
        GetStdHandle, INPUT_RECORD, KEY_EVENT, PeekConsoleInputW, STD_INPUT_HANDLE,
    };

    const LOOK_AT: usize = 64;
    // SAFETY: INPUT_RECORD is plain data, for which all zeroes is a valid value.
    let mut records: [INPUT_RECORD; LOOK_AT] = unsafe { std::mem::zeroed() };
    let mut read = 0u32;
    // SAFETY: the handle is the process's standard input; the buffer holds `LOOK_AT` records
    // and `read` says how many were filled. Peeking takes nothing out of the console's queue.
    let ok = unsafe {
        let handle = GetStdHandle(STD_INPUT_HANDLE);
        PeekConsoleInputW(handle, records.as_mut_ptr(), LOOK_AT as u32, &mut read)
    };
    if ok == 0 {
        return false;
    }
    records[..(read as usize).min(LOOK_AT)]
        .iter()
        .any(|record| {
            // SAFETY: `KeyEvent` is the union's member for records of type KEY_EVENT.
            record.EventType == KEY_EVENT as u16
                && unsafe {
                    let key = record.Event.KeyEvent;
                    key.bKeyDown != 0 && key.uChar.UnicodeChar != 0
                }
        })
}

/// Elsewhere nothing is known to be waiting: every line is an answer of its own.
#[cfg(not(any(unix, windows)))]
pub(super) fn stdin_within(_gap: Duration) -> bool {
    false
}
