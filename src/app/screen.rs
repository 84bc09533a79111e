//! The screens of the wizard in the order of the flow, and the seven steps the stepper shows.

use strum::{EnumString, IntoStaticStr};

/// Every screen, in the order of the flow. Migration and CustomRole appear only when asked for.
///
/// Its name (`step1`, through `IntoStaticStr` and `EnumString`) is the stable name a progress
/// file keeps it by (`progress::screen_name`). Three predate the screens' names and stay, so
/// files saved before still resume: `welcome` is Start, `credentials` Values, `verify` Check.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, IntoStaticStr, EnumString)]
#[strum(serialize_all = "snake_case")]
pub enum Screen {
    #[strum(serialize = "welcome")]
    Start,
    Migration,
    Role,
    CustomRole,
    Step1,
    #[strum(serialize = "credentials")]
    Values,
    #[strum(serialize = "verify")]
    Check,
    Step2,
    Done,
}

impl Screen {
    pub const ALL: [Screen; 9] = [
        Screen::Start,
        Screen::Migration,
        Screen::Role,
        Screen::CustomRole,
        Screen::Step1,
        Screen::Values,
        Screen::Check,
        Screen::Step2,
        Screen::Done,
    ];

    pub fn index(self) -> usize {
        Screen::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }

    /// The step of the stepper this screen belongs to.
    pub fn step(self) -> Step {
        match self {
            Screen::Start | Screen::Migration => Step::Start,
            Screen::Role | Screen::CustomRole => Step::Role,
            Screen::Step1 => Step::Step1,
            Screen::Values => Step::Values,
            Screen::Check => Step::Check,
            Screen::Step2 => Step::Step2,
            Screen::Done => Step::Done,
        }
    }

    /// The text key of the screen's title.
    pub fn title_key(self) -> &'static str {
        match self {
            Screen::Start => "start.title",
            Screen::Migration => "migration.title",
            Screen::Role => "role.title",
            Screen::CustomRole => "custom_role.title",
            Screen::Step1 => "step1.title",
            Screen::Values => "values.title",
            Screen::Check => "check_screen.title",
            Screen::Step2 => "step2.title",
            Screen::Done => "done.title",
        }
    }
}

/// The seven steps the stepper shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Step {
    Start,
    Role,
    Step1,
    Values,
    Check,
    Step2,
    Done,
}

impl Step {
    pub const ALL: [Step; 7] = [
        Step::Start,
        Step::Role,
        Step::Step1,
        Step::Values,
        Step::Check,
        Step::Step2,
        Step::Done,
    ];

    pub fn label_key(self) -> &'static str {
        match self {
            Step::Start => "stepper.start",
            Step::Role => "stepper.role",
            Step::Step1 => "stepper.step1",
            Step::Values => "stepper.values",
            Step::Check => "stepper.check",
            Step::Step2 => "stepper.step2",
            Step::Done => "stepper.done",
        }
    }
}

/// The points the Migration screen makes, in order (text keys), after its opening paragraph.
pub const MIGRATION_POINTS: [&str; 5] = [
    "migration.jwt_ended",
    "migration.new_app",
    "migration.same_account",
    "migration.keep_jwt",
    "migration.overwrite",
];
