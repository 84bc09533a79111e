//! The screens of the wizard in the order of the flow, and the seven steps the stepper shows.

/// Every screen, in the order of the flow. Migration and CustomRole appear only when asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Screen {
    Welcome,
    Migration,
    Role,
    CustomRole,
    Step1,
    Credentials,
    Verify,
    Step2,
    Done,
}

impl Screen {
    pub const ALL: [Screen; 9] = [
        Screen::Welcome,
        Screen::Migration,
        Screen::Role,
        Screen::CustomRole,
        Screen::Step1,
        Screen::Credentials,
        Screen::Verify,
        Screen::Step2,
        Screen::Done,
    ];

    pub fn index(self) -> usize {
        Screen::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }

    /// The step of the stepper this screen belongs to.
    pub fn step(self) -> Step {
        match self {
            Screen::Welcome | Screen::Migration => Step::Welcome,
            Screen::Role | Screen::CustomRole => Step::Role,
            Screen::Step1 => Step::Step1,
            Screen::Credentials => Step::Credentials,
            Screen::Verify => Step::Verify,
            Screen::Step2 => Step::Step2,
            Screen::Done => Step::Done,
        }
    }

    /// The text key of the screen's title.
    pub fn title_key(self) -> &'static str {
        match self {
            Screen::Welcome => "welcome.title",
            Screen::Migration => "migration.title",
            Screen::Role => "role.title",
            Screen::CustomRole => "custom_role.title",
            Screen::Step1 => "step1.title",
            Screen::Credentials => "credentials.title",
            Screen::Verify => "verify.title",
            Screen::Step2 => "step2.title",
            Screen::Done => "done.title",
        }
    }
}

/// The seven steps the stepper shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Step {
    Welcome,
    Role,
    Step1,
    Credentials,
    Verify,
    Step2,
    Done,
}

impl Step {
    pub const ALL: [Step; 7] = [
        Step::Welcome,
        Step::Role,
        Step::Step1,
        Step::Credentials,
        Step::Verify,
        Step::Step2,
        Step::Done,
    ];

    pub fn label_key(self) -> &'static str {
        match self {
            Step::Welcome => "stepper.welcome",
            Step::Role => "stepper.role",
            Step::Step1 => "stepper.step1",
            Step::Credentials => "stepper.credentials",
            Step::Verify => "stepper.verify",
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
