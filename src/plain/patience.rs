//! When answers never fit: the walk ends (exit 3) instead of asking for ever.
//!
//! Two rules, pure counting over what the walk reports:
//! - **Refused in a row**: a question that asks again (a number out of range, a non-ASCII App
//!   Name, a refused paste, a user filter that finds no one or several) gives up after
//!   [`REFUSED_PIPED`] refused answers in a row when the answers come from a pipe or a file, and
//!   after [`REFUSED_AT_TERMINAL`] at a terminal, where a person may try a few more times.
//! - **Going round** (piped answers only): answers that accepted but lead only back to screens
//!   already shown (`b` on the first screen, "stay here" on the same list again and again) give
//!   up after [`ROUND_PIPED`] such screens in a row. At a terminal every round waits for a
//!   person's answer, and coming back to a screen is how people fix things.

use std::collections::HashSet;

use crate::app::Screen;

/// Refused answers in a row that end a piped walk: a script whose answers fit tries once.
pub const REFUSED_PIPED: u32 = 3;
/// Refused answers in a row that end a walk at a terminal.
pub const REFUSED_AT_TERMINAL: u32 = 10;
/// Screens already shown, one after another, that end a piped walk. A script that corrects
/// its values goes Values, Check and back a few times at most.
pub const ROUND_PIPED: u32 = 6;

/// Why the walk gave up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GaveUp {
    /// This many answers in a row did not fit one question.
    Refused(u32),
    /// This many screens in a row had been shown before.
    GoingRound(u32),
}

/// Where the walk is: a screen, or a question over it (the overlay's kind).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Place {
    pub screen: Screen,
    pub overlay: Option<OverlayKind>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OverlayKind {
    Resume,
    Unfinished,
    Consent,
    Help,
}

/// The walk's patience: the places shown so far, and how many in a row were shown before.
#[derive(Debug)]
pub struct Patience {
    terminal: bool,
    seen: HashSet<Place>,
    again_in_a_row: u32,
}

impl Patience {
    /// `terminal`: the answers come from a person at a terminal, not a pipe or a file.
    pub fn new(terminal: bool) -> Patience {
        Patience {
            terminal,
            seen: HashSet::new(),
            again_in_a_row: 0,
        }
    }

    /// A new question's count of refused answers.
    pub fn question(&self) -> Refusals {
        Refusals {
            in_a_row: 0,
            limit: if self.terminal {
                REFUSED_AT_TERMINAL
            } else {
                REFUSED_PIPED
            },
        }
    }

    /// The walk shows `place`; a place not shown before starts the count again.
    pub fn visit(&mut self, place: Place) -> Result<(), GaveUp> {
        if self.seen.insert(place) {
            self.again_in_a_row = 0;
            return Ok(());
        }
        self.again_in_a_row += 1;
        if !self.terminal && self.again_in_a_row >= ROUND_PIPED {
            return Err(GaveUp::GoingRound(self.again_in_a_row));
        }
        Ok(())
    }
}

/// Refused answers to one question.
#[derive(Debug)]
pub struct Refusals {
    in_a_row: u32,
    limit: u32,
}

impl Refusals {
    /// One more refused answer: `Err` when it is one too many, and the question must not be
    /// asked again.
    pub fn refused(&mut self) -> Result<(), GaveUp> {
        self.in_a_row += 1;
        if self.in_a_row >= self.limit {
            Err(GaveUp::Refused(self.in_a_row))
        } else {
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(screen: Screen) -> Place {
        Place {
            screen,
            overlay: None,
        }
    }

    #[test]
    fn a_piped_question_gives_up_on_the_third_refused_answer() {
        let mut refusals = Patience::new(false).question();
        assert_eq!(refusals.refused(), Ok(()));
        assert_eq!(refusals.refused(), Ok(()));
        assert_eq!(refusals.refused(), Err(GaveUp::Refused(3)));
    }

    #[test]
    fn at_a_terminal_a_person_may_try_more_often_but_not_for_ever() {
        let mut refusals = Patience::new(true).question();
        for _ in 1..REFUSED_AT_TERMINAL {
            assert_eq!(refusals.refused(), Ok(()));
        }
        assert_eq!(
            refusals.refused(),
            Err(GaveUp::Refused(REFUSED_AT_TERMINAL))
        );
    }

    #[test]
    fn each_question_counts_its_own_refusals() {
        let patience = Patience::new(false);
        let mut first = patience.question();
        first.refused().unwrap();
        first.refused().unwrap();
        let mut second = patience.question();
        assert_eq!(second.refused(), Ok(()));
    }

    #[test]
    fn piped_answers_going_round_the_same_screens_give_up() {
        let mut patience = Patience::new(false);
        patience.visit(place(Screen::Start)).unwrap();
        patience.visit(place(Screen::Role)).unwrap();
        // `1`, `b`, `1`, `b`, …: Start and Role again and again.
        let mut result = Ok(());
        let mut visits = 0;
        for screen in [Screen::Start, Screen::Role].into_iter().cycle() {
            visits += 1;
            result = patience.visit(place(screen));
            if result.is_err() || visits > 100 {
                break;
            }
        }
        assert_eq!(result, Err(GaveUp::GoingRound(ROUND_PIPED)));
        assert_eq!(visits, ROUND_PIPED);
    }

    #[test]
    fn a_new_place_starts_the_count_again_and_an_overlay_is_a_place_of_its_own() {
        let mut patience = Patience::new(false);
        patience.visit(place(Screen::Values)).unwrap();
        patience.visit(place(Screen::Check)).unwrap();
        for _ in 1..ROUND_PIPED {
            patience.visit(place(Screen::Check)).unwrap();
        }
        let unfinished = Place {
            screen: Screen::Check,
            overlay: Some(OverlayKind::Unfinished),
        };
        assert_eq!(patience.visit(unfinished), Ok(()), "not shown before");
        for _ in 1..ROUND_PIPED {
            patience.visit(place(Screen::Check)).unwrap();
        }
    }

    #[test]
    fn at_a_terminal_coming_back_never_ends_the_walk() {
        let mut patience = Patience::new(true);
        for _ in 0..1000 {
            assert_eq!(patience.visit(place(Screen::Check)), Ok(()));
        }
    }
}
