//! Interruptions, for every front end: Ctrl+C, Ctrl+Break, a closed window or terminal, SIGTERM.
//!
//! [`Signals`] listens to the process's interrupts (the one place with the `cfg` per platform);
//! [`Stop`] is the one flag that work watches. Plain mode and `check` let [`watch`] set it from
//! the signals; the full screen, where Ctrl+C is a key, sets it itself when the user leaves.
//! Zoom work that sees it skips what is left but the delete of a test meeting (see
//! `zoom::session`), so an interruption never leaves anything behind in Zoom.

use std::io;
use std::sync::Arc;

use tokio::sync::watch;
use tokio::task::JoinHandle;

/// What interrupted the run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Interrupt {
    /// Ctrl+C (SIGINT; on Windows also Ctrl+Break).
    CtrlC,
    /// SIGTERM: asked to stop by another program.
    Terminate,
    /// SIGHUP, or the console window closed: the terminal is gone.
    HangUp,
}

impl Interrupt {
    /// The shell's usual code: 128 + the signal's number.
    pub fn exit_code(self) -> i32 {
        match self {
            Interrupt::CtrlC => 130,
            Interrupt::Terminate => 143,
            Interrupt::HangUp => 129,
        }
    }
}

/// Set once, by the first interruption; every clone sees it. Work that holds one finishes what
/// must be finished (the delete of a test meeting) and returns.
#[derive(Clone, Debug)]
pub struct Stop(Arc<watch::Sender<Option<Interrupt>>>);

impl Default for Stop {
    fn default() -> Self {
        Stop::new()
    }
}

impl Stop {
    pub fn new() -> Stop {
        Stop(Arc::new(watch::channel(None).0))
    }

    /// Sets the stop; the first interruption is the one remembered.
    pub fn set(&self, why: Interrupt) {
        self.0.send_if_modified(|now| {
            if now.is_some() {
                return false;
            }
            *now = Some(why);
            true
        });
    }

    /// Why the run was interrupted, if it was.
    pub fn reason(&self) -> Option<Interrupt> {
        *self.0.borrow()
    }

    pub fn is_set(&self) -> bool {
        self.reason().is_some()
    }

    /// Waits until the stop is set; returns at once if it is.
    pub async fn wait(&self) -> Interrupt {
        let mut seen = self.0.subscribe();
        loop {
            if let Some(why) = *seen.borrow_and_update() {
                return why;
            }
            // The sender lives in `self`, so this cannot fail while we wait.
            if seen.changed().await.is_err() {
                return std::future::pending().await;
            }
        }
    }
}

/// Sets `stop` at the process's first interruption, for front ends that read lines (plain
/// mode, `check`). The task lives until then; abort it to stop listening.
pub fn watch(stop: Stop) -> io::Result<JoinHandle<()>> {
    let mut signals = Signals::new()?;
    Ok(tokio::spawn(async move {
        let why = signals.recv().await;
        stop.set(why);
    }))
}

/// The process's interrupts, listened to from creation on (they no longer end the process).
/// Unix: SIGINT, SIGTERM, SIGHUP. Windows: Ctrl+C and Ctrl+Break (signals only outside raw
/// mode; in the full screen Ctrl+C is a key) and the console window being closed, which
/// leaves about five seconds before Windows ends the process.
pub struct Signals {
    #[cfg(unix)]
    int: tokio::signal::unix::Signal,
    #[cfg(unix)]
    term: tokio::signal::unix::Signal,
    #[cfg(unix)]
    hup: tokio::signal::unix::Signal,
    #[cfg(windows)]
    ctrl_c: tokio::signal::windows::CtrlC,
    #[cfg(windows)]
    ctrl_break: tokio::signal::windows::CtrlBreak,
    #[cfg(windows)]
    close: tokio::signal::windows::CtrlClose,
}

impl Signals {
    pub fn new() -> io::Result<Signals> {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            Ok(Signals {
                int: signal(SignalKind::interrupt())?,
                term: signal(SignalKind::terminate())?,
                hup: signal(SignalKind::hangup())?,
            })
        }
        #[cfg(windows)]
        {
            use tokio::signal::windows::{ctrl_break, ctrl_c, ctrl_close};
            Ok(Signals {
                ctrl_c: ctrl_c()?,
                ctrl_break: ctrl_break()?,
                close: ctrl_close()?,
            })
        }
        #[cfg(not(any(unix, windows)))]
        Ok(Signals {})
    }

    /// The next interruption.
    pub async fn recv(&mut self) -> Interrupt {
        #[cfg(unix)]
        tokio::select! {
            _ = self.int.recv() => Interrupt::CtrlC,
            _ = self.term.recv() => Interrupt::Terminate,
            _ = self.hup.recv() => Interrupt::HangUp,
        }
        #[cfg(windows)]
        tokio::select! {
            _ = self.ctrl_c.recv() => Interrupt::CtrlC,
            _ = self.ctrl_break.recv() => Interrupt::CtrlC,
            _ = self.close.recv() => Interrupt::HangUp,
        }
        #[cfg(not(any(unix, windows)))]
        std::future::pending().await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_interruption_is_the_one_remembered() {
        let stop = Stop::new();
        assert_eq!(stop.reason(), None);
        stop.set(Interrupt::Terminate);
        stop.set(Interrupt::CtrlC);
        assert_eq!(stop.clone().reason(), Some(Interrupt::Terminate));
        assert_eq!(Interrupt::CtrlC.exit_code(), 130);
    }

    #[tokio::test]
    async fn waiting_ends_when_it_is_set_and_at_once_once_it_was() {
        let stop = Stop::new();
        let waiter = tokio::spawn({
            let stop = stop.clone();
            async move { stop.wait().await }
        });
        tokio::task::yield_now().await;
        stop.set(Interrupt::HangUp);
        assert_eq!(waiter.await.unwrap(), Interrupt::HangUp);
        assert_eq!(stop.wait().await, Interrupt::HangUp);
    }
}
