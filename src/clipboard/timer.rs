//! How long the Client secret stays on the clipboard: 45 seconds (as `pass -c`), then it is
//! taken back, but only if the clipboard still holds exactly what we put there.
//!
//! Pure: the clock is passed in, so the tests need neither a clipboard nor any waiting. The
//! runtime owns one [`SecretTimer`], wakes only when the shown count changes, and does the
//! clearing itself ([`super::SystemClipboard::take_back`]).

use std::fmt;
use std::time::{Duration, Instant};

use zeroize::Zeroizing;

use super::{CopyOutcome, ReadError};

/// How long the Client secret is left on the clipboard.
pub const CLEAR_AFTER: Duration = Duration::from_secs(45);

/// Read by debug builds only (the tests of the real binary run one): milliseconds to use
/// instead of [`CLEAR_AFTER`], never more than it. Release builds do not look at it, so it is
/// no user setting; 45 s is not a matter of taste.
pub const CLEAR_AFTER_MS_FOR_TEST: &str = "HACOMONO_ZOOM_SETUP_CLEAR_AFTER_MS_FOR_TEST";

/// The time the secret stays on the clipboard in this build: [`CLEAR_AFTER`], or in a debug
/// build what [`CLEAR_AFTER_MS_FOR_TEST`] asks for when that is shorter.
pub fn clear_after_for_this_build(env: impl Fn(&str) -> Option<String>) -> Duration {
    if cfg!(debug_assertions)
        && let Some(ms) = env(CLEAR_AFTER_MS_FOR_TEST).and_then(|v| v.trim().parse::<u64>().ok())
    {
        return Duration::from_millis(ms).min(CLEAR_AFTER);
    }
    CLEAR_AFTER
}

/// Which way the secret went out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Via {
    /// The system clipboard: we can read it back, and clear it only if it is still ours.
    System,
    /// An OSC 52 sequence to the terminal: nothing can be read back, so the terminal is only
    /// asked to clear its clipboard (an OSC 52 with an empty payload).
    Terminal,
}

impl Via {
    /// The way a copy went out, if it went out at all.
    pub fn of(outcome: CopyOutcome) -> Option<Via> {
        match outcome {
            CopyOutcome::Copied => Some(Via::System),
            CopyOutcome::SentOsc52 => Some(Via::Terminal),
            CopyOutcome::Unavailable => None,
        }
    }
}

/// The count the status line shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Countdown {
    pub via: Via,
    /// Whole seconds left, rounded up: 45 right after the copy, 1 in the last second.
    pub seconds: u64,
}

/// What the user is told about the secret on the clipboard.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SecretNews {
    /// It is out there; it will be taken back in `seconds`.
    Counting(Countdown),
    /// The clipboard still held it and is now empty.
    Cleared,
    /// The terminal was sent an empty OSC 52; whether it obeyed cannot be known.
    AskedTerminal,
    /// The clipboard holds something else now (copied since): left as it is.
    LeftAlone,
    /// It may still be there (the clipboard could not be read or cleared): the user has to
    /// copy something over it.
    ClearFailed,
    /// We copied something else the same way ourselves: the secret is no longer there.
    Replaced,
}

/// The secret as we put it out. The text is wiped when dropped and never shown by `Debug`.
pub struct SecretOut {
    text: Zeroizing<String>,
    via: Via,
}

impl SecretOut {
    pub fn via(&self) -> Via {
        self.via
    }

    pub(crate) fn text(&self) -> &str {
        &self.text
    }
}

impl fmt::Debug for SecretOut {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SecretOut({:?}, <{} bytes>)", self.via, self.text.len())
    }
}

/// What to do with the clipboard when the secret's time is up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    /// It still holds exactly what we put there: clear it.
    Clear,
    /// It holds something else (copied since), or nothing, or no text: not ours to touch.
    Leave,
    /// It could not be read (busy, gone): the secret may still be there, and it must not be
    /// said to be gone.
    CannotTell,
}

/// The rule: clear only what is still exactly ours; never what the user copied since.
pub fn decide(ours: &str, now_on_clipboard: &Result<String, ReadError>) -> Decision {
    match now_on_clipboard {
        Ok(text) if text == ours => Decision::Clear,
        Ok(_) | Err(ReadError::Empty) => Decision::Leave,
        Err(ReadError::NoClipboard | ReadError::TooLarge | ReadError::Other(_)) => {
            Decision::CannotTell
        }
    }
}

/// What a wake-up of the timer found.
#[derive(Debug)]
pub enum Tick {
    /// Nothing is on the clipboard of ours.
    Idle,
    /// Still counting: show this.
    Counting(Countdown),
    /// Time is up: take this back (the timer has forgotten it).
    Due(SecretOut),
}

/// The one secret we have out, and when it must go. Copying it again restarts the count.
#[derive(Debug)]
pub struct SecretTimer {
    clear_after: Duration,
    out: Option<(SecretOut, Instant)>,
}

impl SecretTimer {
    pub fn new(clear_after: Duration) -> SecretTimer {
        SecretTimer {
            clear_after,
            out: None,
        }
    }

    /// The secret was copied at `now` with `outcome`: the count (re)starts. `None` when it
    /// did not go out; a secret put out before is then still counted down.
    pub fn copied(&mut self, text: &str, outcome: CopyOutcome, now: Instant) -> Option<Countdown> {
        let via = Via::of(outcome)?;
        let out = SecretOut {
            text: Zeroizing::new(text.to_owned()),
            via,
        };
        self.out = Some((out, now + self.clear_after));
        self.countdown(now)
    }

    /// Something that is not the secret was copied with `outcome`. Where it went the same way
    /// as the secret, it replaced it there: nothing is left to take back.
    pub fn other_copied(&mut self, outcome: CopyOutcome) -> Option<SecretNews> {
        let same_way = matches!(&self.out, Some((out, _)) if Via::of(outcome) == Some(out.via));
        if same_way {
            self.out = None;
            Some(SecretNews::Replaced)
        } else {
            None
        }
    }

    pub fn is_running(&self) -> bool {
        self.out.is_some()
    }

    /// The count shown at `now`, while a secret is out.
    pub fn countdown(&self, now: Instant) -> Option<Countdown> {
        let (out, deadline) = self.out.as_ref()?;
        let left = deadline.saturating_duration_since(now);
        Some(Countdown {
            via: out.via,
            seconds: left.as_millis().div_ceil(1000) as u64,
        })
    }

    /// When to wake next: the moment the shown count drops by one, or the deadline itself.
    /// `None` while nothing is out, so an idle wizard sleeps.
    pub fn next_wake(&self, now: Instant) -> Option<Instant> {
        let (_, deadline) = self.out.as_ref()?;
        let seconds = self.countdown(now)?.seconds;
        let until_change = Duration::from_secs(seconds.saturating_sub(1));
        Some(deadline.checked_sub(until_change).unwrap_or(*deadline))
    }

    /// What is due at `now`.
    pub fn tick(&mut self, now: Instant) -> Tick {
        match self.countdown(now) {
            None => Tick::Idle,
            Some(countdown) if countdown.seconds > 0 => Tick::Counting(countdown),
            Some(_) => self.take().map_or(Tick::Idle, Tick::Due),
        }
    }

    /// Hands the secret over for taking back now (at exit), and forgets it.
    pub fn take(&mut self) -> Option<SecretOut> {
        self.out.take().map(|(out, _)| out)
    }
}
