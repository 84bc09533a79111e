//! The wizard's whole state as plain data: which screen, what is ticked, typed and checked.

use std::cell::Cell;
use std::collections::HashSet;

use crate::clipboard::timer::Countdown;
use crate::credentials::{Credentials, Field, Secret, Severity, check_all, clean};
use crate::guide::{GUIDE, GuideItem, ItemKind};
use crate::i18n::Lang;
use crate::zoom::report::{RehearsalStep, Report, Stage, StageStatus, User, UsersRead};

use super::progress::Progress;
pub use super::screen::{MIGRATION_POINTS, Screen, Step};
use super::seen::Seen;
use super::text_input::TextInput;
use super::user_filter::{UserIndex, UserPicker};

/// How the link stands, asked on the Start screen.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Situation {
    /// A new setup.
    #[default]
    NewSetup,
    /// First set up with the old JWT method: the migration screen explains what changes.
    JwtMigration,
    /// Already working with a Server-to-Server OAuth app: only the values and the check.
    CheckExisting,
}

impl Situation {
    /// In the order the Start screen offers them.
    pub const ALL: [Situation; 3] = [
        Situation::NewSetup,
        Situation::JwtMigration,
        Situation::CheckExisting,
    ];

    pub fn label_key(self) -> &'static str {
        match self {
            Situation::NewSetup => "start.jwt_no",
            Situation::JwtMigration => "start.jwt_yes",
            Situation::CheckExisting => "start.recheck",
        }
    }
}

/// The Zoom role of whoever builds the app, asked on the Role screen.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum RoleChoice {
    /// Owner or Admin (recommended).
    #[default]
    OwnerAdmin,
    /// A custom role, which adds its own checklist of permissions.
    Custom,
}

impl RoleChoice {
    pub const ALL: [RoleChoice; 2] = [RoleChoice::OwnerAdmin, RoleChoice::Custom];

    pub fn label_key(self) -> &'static str {
        match self {
            RoleChoice::OwnerAdmin => "role.owner_admin",
            RoleChoice::Custom => "role.custom",
        }
    }

    pub fn note_key(self) -> &'static str {
        match self {
            RoleChoice::OwnerAdmin => "role.owner_admin_note",
            RoleChoice::Custom => "role.custom_note",
        }
    }
}

/// The position of `value` in `all` (0 if absent, which cannot happen for an `ALL` list).
pub fn index_of<T: PartialEq>(all: &[T], value: &T) -> usize {
    all.iter().position(|v| v == value).unwrap_or(0)
}

/// Where a step of the stepper stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepState {
    Current,
    /// Passed with nothing required left open.
    Done,
    /// Passed with something left open (unticked items, empty values, a check not passed).
    Open,
    /// Not part of this flow (checking an app that is already linked skips STEP 1 and 2).
    Skipped,
    Ahead,
}

/// A window over the screen, closed with Esc.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Overlay {
    Help,
    /// Progress saved by an earlier run: continue it, or start fresh.
    Resume(Progress),
    /// Leaving a screen with required items open: the user may go on knowingly.
    Unfinished {
        missing: Vec<Missing>,
        then: Screen,
    },
    /// Before the rehearsal writes to Zoom: what it will do and cost, and for which host
    /// (an index into the check's users, found by typing into `filter`).
    Consent {
        host: usize,
        filter: TextInput,
    },
}

/// Something required that is still open, named so the warning can say what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Missing {
    Item(String),
    AppName,
    Field(Field),
    /// A value with an error-level problem (bad characters, the same as another field).
    Invalid(Field),
    CheckNotPassed,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Info,
    Success,
    Warning,
    Error,
}

impl Level {
    /// Its mark, the same in every front end: meaning never rests on colour alone.
    pub fn symbol(self) -> &'static str {
        match self {
            Level::Info => "i",
            Level::Success => "✓",
            Level::Warning => "!",
            Level::Error => "✗",
        }
    }
}

/// A one-line message in the status bar, localized when drawn (`app::text::notice`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub level: Level,
    pub key: &'static str,
    pub args: Vec<(&'static str, NoticeArg)>,
}

/// What fills a notice's `{name}`: text as it is, or text keys said in the reader's language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NoticeArg {
    Text(String),
    /// Labels (a field's), joined as the language joins a list.
    Labels(Vec<&'static str>),
}

impl Notice {
    pub fn new(level: Level, key: &'static str) -> Self {
        Notice {
            level,
            key,
            args: Vec::new(),
        }
    }

    /// `{name}` is `value`, as it is (a path, a count, what an error said).
    pub fn arg(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.args.push((name, NoticeArg::Text(value.into())));
        self
    }

    /// `{name}` is the text of `key` (a field's label), in the reader's language.
    pub fn label(self, name: &'static str, key: &'static str) -> Self {
        self.labels(name, vec![key])
    }

    /// `{name}` is the texts of `keys`, joined.
    pub fn labels(mut self, name: &'static str, keys: Vec<&'static str>) -> Self {
        self.args.push((name, NoticeArg::Labels(keys)));
        self
    }

    /// The text given as `{name}`, if it was given as text.
    pub fn text_arg(&self, name: &str) -> Option<&str> {
        self.args.iter().find_map(|(n, value)| match value {
            NoticeArg::Text(text) if *n == name => Some(text.as_str()),
            _ => None,
        })
    }
}

/// Where the live check against Zoom stands.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum CheckPhase {
    /// Not run yet, or cancelled by an edit of the values.
    #[default]
    Idle,
    /// Under way; each stage as far as it got.
    Running {
        stages: Vec<(Stage, StageStatus)>,
        /// How many users have been read so far, once the first page is in.
        users: Option<UsersRead>,
    },
    Done {
        report: Report,
        /// Its users folded for the filters, made once.
        index: UserIndex,
    },
}

/// A rehearsal under way: for whom, and each step as far as it got.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RehearsalRun {
    pub generation: u64,
    pub host: User,
    pub steps: Vec<(RehearsalStep, StageStatus)>,
}

/// The live check against Zoom.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CheckState {
    /// Bumped by every new check and every edit of a credential, so late answers are dropped.
    pub generation: u64,
    pub phase: CheckPhase,
    /// The credentials the last check was started for, to know when its report no longer
    /// applies.
    pub checked: Option<Credentials>,
    /// A rehearsal under way (its result goes into the report).
    pub rehearsal: Option<RehearsalRun>,
    /// While a check runs: the request being tried again, if one is ("2 of 3").
    pub retrying: Option<crate::zoom::client::Retrying>,
}

impl CheckState {
    pub fn is_running(&self) -> bool {
        matches!(self.phase, CheckPhase::Running { .. })
    }

    /// Something is under way with Zoom: the spinner turns.
    pub fn busy(&self) -> bool {
        self.is_running() || self.rehearsal.is_some()
    }

    pub fn report(&self) -> Option<&Report> {
        match &self.phase {
            CheckPhase::Done { report, .. } => Some(report),
            _ => None,
        }
    }

    pub fn report_mut(&mut self) -> Option<&mut Report> {
        match &mut self.phase {
            CheckPhase::Done { report, .. } => Some(report),
            _ => None,
        }
    }

    /// While a check runs: how many users have been read so far.
    pub fn users_read(&self) -> Option<UsersRead> {
        match &self.phase {
            CheckPhase::Running { users, .. } => *users,
            _ => None,
        }
    }

    pub fn status(&self, stage: Stage) -> StageStatus {
        match &self.phase {
            CheckPhase::Idle => StageStatus::Pending,
            CheckPhase::Running { stages, .. } => stages
                .iter()
                .find(|(s, _)| *s == stage)
                .map_or(StageStatus::Pending, |(_, st)| *st),
            CheckPhase::Done { report, .. } => report.status(stage),
        }
    }
}

/// The whole state of the wizard.
#[derive(Clone, Debug)]
pub struct Model {
    pub lang: Lang,
    /// In `--demo`: the demo account's values, offered on the Values screen.
    pub demo: Option<Credentials>,
    pub screen: Screen,
    pub situation: Situation,
    pub role: RoleChoice,
    /// Focus per list screen (checklists, fields, the check's problems, Done's users), so
    /// going back finds things where they were.
    pub cursors: [usize; Screen::ALL.len()],
    pub ticks: HashSet<String>,
    pub app_name: TextInput,
    /// The App Name takes the typing: entered with Space/x on its item, left with Enter, Esc
    /// or a move, so a key meant for the list is never typed into the name.
    pub typing_app_name: bool,
    pub fields: [TextInput; 3],
    /// What is typed on Done to find a user by name or e-mail.
    pub user_filter: TextInput,
    pub reveal_secret: bool,
    /// The user agreed to keep Account ID and Client ID on this computer for resuming.
    pub remember_ids: bool,
    /// Progress is saved as the user goes (off in tests and when there is nowhere to save).
    pub persist: bool,
    /// Copied text vanishes when the wizard exits (X11/Wayland): STEP 2 says to paste first.
    pub clipboard_volatile: bool,
    /// The Client secret is on the clipboard: the status line counts down to its clearing.
    pub secret_countdown: Option<Countdown>,
    /// What was saved last, so only changes are written.
    pub saved: Option<Progress>,
    pub check: CheckState,
    pub overlay: Option<Overlay>,
    pub notice: Option<Notice>,
    /// Frame of the spinner; only advances while a check runs.
    pub spinner: usize,
    pub quit: bool,
    /// The row the user scrolled the region in front to (the overlay's, else the screen's);
    /// `None` follows the focus. Any move of the focus, screen or overlay resets it.
    pub scroll: Option<usize>,
    /// What the last frame showed (written by the full screen as it draws).
    pub seen: Cell<Seen>,
    /// Done was left with Enter: the setup is finished (`quit` alone may be Ctrl+C).
    pub finished: bool,
}

impl Model {
    pub fn new(lang: Lang, demo: Option<Credentials>) -> Self {
        Model {
            lang,
            demo,
            screen: Screen::Start,
            situation: Situation::default(),
            role: RoleChoice::default(),
            cursors: [0; Screen::ALL.len()],
            ticks: HashSet::new(),
            app_name: TextInput::default(),
            typing_app_name: false,
            user_filter: TextInput::default(),
            fields: [
                TextInput::default(),
                TextInput::default(),
                TextInput::secret(),
            ],
            reveal_secret: false,
            remember_ids: false,
            persist: false,
            saved: None,
            clipboard_volatile: false,
            secret_countdown: None,
            check: CheckState::default(),
            overlay: None,
            notice: None,
            spinner: 0,
            quit: false,
            scroll: None,
            seen: Cell::new(Seen::default()),
            finished: false,
        }
    }

    /// What the last frame showed of the region in front now (the overlay, else the screen),
    /// if it was drawn for it.
    pub fn seen_here(&self) -> Option<Seen> {
        let seen = self.seen.get();
        (seen.screen == Some(self.screen) && seen.overlay == self.overlay.is_some()).then_some(seen)
    }

    /// The last frame asked for a larger window instead of showing the wizard.
    pub fn too_small(&self) -> bool {
        self.seen.get().too_small
    }

    pub fn cursor(&self) -> usize {
        self.cursors[self.screen.index()]
    }

    pub fn cursor_of(&self, screen: Screen) -> usize {
        self.cursors[screen.index()]
    }

    pub fn set_cursor(&mut self, value: usize) {
        self.cursors[self.screen.index()] = value;
    }

    pub fn jwt_migration(&self) -> bool {
        self.situation == Situation::JwtMigration
    }

    /// Checking an app hacomono already uses: no Marketplace or admin-site steps, and a note on
    /// the Check screen that its new token leaves hacomono's own working.
    pub fn recheck_existing(&self) -> bool {
        self.situation == Situation::CheckExisting
    }

    pub fn custom_role(&self) -> bool {
        self.role == RoleChoice::Custom
    }

    /// Where the focus is on the current screen: the answer on Start and Role, else the
    /// list position.
    pub fn focus(&self) -> usize {
        match self.screen {
            Screen::Start => index_of(&Situation::ALL, &self.situation),
            Screen::Role => index_of(&RoleChoice::ALL, &self.role),
            _ => self.cursor(),
        }
    }

    /// The screens of this user's flow, in order.
    pub fn flow(&self) -> Vec<Screen> {
        Screen::ALL
            .into_iter()
            .filter(|s| match s {
                Screen::Migration => self.jwt_migration(),
                Screen::CustomRole => self.custom_role() && !self.recheck_existing(),
                Screen::Role | Screen::Step1 | Screen::Step2 => !self.recheck_existing(),
                _ => true,
            })
            .collect()
    }

    pub fn next_screen(&self) -> Option<Screen> {
        let flow = self.flow();
        let at = flow.iter().position(|s| *s == self.screen)?;
        flow.get(at + 1).copied()
    }

    pub fn previous_screen(&self) -> Option<Screen> {
        let flow = self.flow();
        let at = flow.iter().position(|s| *s == self.screen)?;
        at.checked_sub(1).and_then(|i| flow.get(i).copied())
    }

    /// The checklist of a checklist screen.
    pub fn checklist(screen: Screen) -> &'static [GuideItem] {
        match screen {
            Screen::CustomRole => &GUIDE.custom_role,
            Screen::Step1 => &GUIDE.step1,
            Screen::Step2 => &GUIDE.step2,
            _ => &[],
        }
    }

    /// The heading `item` sits under, whose note (what to do when Zoom does not offer the
    /// group, where it is found) applies to it: the nearest heading above, as far as the items
    /// after it are indented at least as much as its first.
    pub fn group_of(screen: Screen, item: &GuideItem) -> Option<&'static GuideItem> {
        let list = Model::checklist(screen);
        let at = list.iter().position(|i| i.id == item.id)?;
        let heading = list[..at]
            .iter()
            .rposition(|i| i.kind == ItemKind::Heading)?;
        let members = &list[heading + 1..=at];
        let depth = members.first()?.indent;
        members
            .iter()
            .all(|i| i.kind != ItemKind::Heading && i.indent >= depth)
            .then_some(&list[heading])
    }

    /// The items of a checklist that take focus (all but headings), in order.
    pub fn focusable_items(screen: Screen) -> Vec<&'static GuideItem> {
        Model::checklist(screen)
            .iter()
            .filter(|i| i.kind != ItemKind::Heading)
            .collect()
    }

    /// How many things the focus can move between on the current screen.
    pub fn focus_count(&self) -> usize {
        match self.screen {
            Screen::Start => Situation::ALL.len(),
            Screen::Role => RoleChoice::ALL.len(),
            Screen::Values => Field::ALL.len(),
            // (The consent step's host list moves with the overlay, not the screen.)
            Screen::Done => self.users().len(),
            Screen::CustomRole | Screen::Step1 | Screen::Step2 => {
                Model::focusable_items(self.screen).len()
            }
            // ↑/↓ walk the verdict, the rehearsal, each diagnosis and the scope list, which
            // the screen scrolls to.
            Screen::Check => self
                .check
                .report()
                .map_or(0, |r| self.first_diagnosis_focus() + r.diagnoses.len() + 1),
            // Migration has nothing to choose: ↑/↓ scroll it where it is longer than the window.
            Screen::Migration => 0,
        }
    }

    /// Where the Check screen's first diagnosis is among its parts: after the verdict and,
    /// once there is one, the rehearsal.
    pub fn first_diagnosis_focus(&self) -> usize {
        let rehearsal = self.check.rehearsal.is_some()
            || self.check.report().is_some_and(|r| r.rehearsal.is_some());
        1 + usize::from(rehearsal)
    }

    /// A checklist item's text as this run reads it (the JWT migration has words of its own).
    pub fn item_text<'a>(&self, item: &'a GuideItem) -> &'a str {
        item.text_on(self.lang, self.jwt_migration())
    }

    /// A checklist item's note, like [`Model::item_text`].
    pub fn item_note<'a>(&self, item: &'a GuideItem) -> Option<&'a str> {
        item.note_on(self.lang, self.jwt_migration())
    }

    /// STEP 1's App Name item has focus (its field shows; Space/x start typing into it).
    pub fn app_name_focused(&self) -> bool {
        self.screen == Screen::Step1
            && self
                .focused_item()
                .is_some_and(|i| i.kind == ItemKind::AppName)
    }

    pub fn focused_item(&self) -> Option<&'static GuideItem> {
        Model::focusable_items(self.screen)
            .get(self.cursor())
            .copied()
    }

    /// The credential field with focus on the Values screen.
    pub fn focused_field(&self) -> Field {
        Field::ALL[self.cursor_of(Screen::Values).min(Field::ALL.len() - 1)]
    }

    pub fn field(&self, field: Field) -> &TextInput {
        &self.fields[field_index(field)]
    }

    pub fn field_mut(&mut self, field: Field) -> &mut TextInput {
        &mut self.fields[field_index(field)]
    }

    /// The text input that typing goes to right now, if any.
    pub fn typing_target(&self) -> Option<&TextInput> {
        match &self.overlay {
            // Typing finds the host, where there are several to choose from.
            Some(Overlay::Consent { filter, .. }) if self.users().len() >= 2 => Some(filter),
            Some(_) => None,
            None => self.screen_typing_target(),
        }
    }

    /// The text input that has focus on the screen, overlays aside.
    pub fn screen_typing_target(&self) -> Option<&TextInput> {
        match self.screen {
            Screen::Values => Some(self.field(self.focused_field())),
            Screen::Step1 if self.typing_app_name && self.app_name_focused() => {
                Some(&self.app_name)
            }
            // Typing filters the users, where there are several to choose from.
            Screen::Done if self.users().len() >= 2 => Some(&self.user_filter),
            _ => None,
        }
    }

    pub fn credentials(&self) -> Credentials {
        Credentials {
            account_id: clean(self.field(Field::AccountId).value()),
            client_id: clean(self.field(Field::ClientId).value()),
            client_secret: Secret::new(clean(self.field(Field::ClientSecret).value())),
        }
    }

    pub fn is_ticked(&self, item: &GuideItem) -> bool {
        match item.kind {
            ItemKind::AppName => !self.app_name.is_empty(),
            ItemKind::Check => self.ticks.contains(&item.id),
            ItemKind::Heading => false,
        }
    }

    /// What is still open on the current screen, for the warning on leaving it.
    pub fn missing_on_screen(&self) -> Vec<Missing> {
        self.missing_on(self.screen)
    }

    /// Where a step of the stepper stands: a step is done only when nothing required is open
    /// on its screens (the check only once it passed for the values now entered).
    pub fn step_state(&self, step: Step) -> StepState {
        let current = self.screen.step();
        let screens: Vec<Screen> = self
            .flow()
            .into_iter()
            .filter(|s| s.step() == step)
            .collect();
        if step == current {
            StepState::Current
        } else if screens.is_empty() {
            StepState::Skipped
        } else if step > current {
            StepState::Ahead
        } else if screens.iter().all(|s| self.missing_on(*s).is_empty()) {
            StepState::Done
        } else {
            StepState::Open
        }
    }

    /// What is still open on `screen`.
    pub fn missing_on(&self, screen: Screen) -> Vec<Missing> {
        match screen {
            Screen::CustomRole | Screen::Step1 | Screen::Step2 => Model::checklist(screen)
                .iter()
                .filter(|i| i.required && i.kind != ItemKind::Heading && !self.is_ticked(i))
                .map(|i| match i.kind {
                    ItemKind::AppName => Missing::AppName,
                    _ => Missing::Item(i.id.clone()),
                })
                .collect(),
            Screen::Values => {
                let values = self.credentials();
                let mut missing: Vec<Missing> = Field::ALL
                    .into_iter()
                    .filter(|f| values.value(*f).is_empty())
                    .map(Missing::Field)
                    .collect();
                for (field, issue) in check_all(&values) {
                    let known = missing.iter().any(
                        |m| matches!(m, Missing::Field(f) | Missing::Invalid(f) if *f == field),
                    );
                    if issue.severity == Severity::Error && !known {
                        missing.push(Missing::Invalid(field));
                    }
                }
                missing
            }
            Screen::Check if self.check_passed() => vec![],
            Screen::Check => vec![Missing::CheckNotPassed],
            _ => vec![],
        }
    }

    /// The report no longer matches what is in the fields.
    pub fn check_outdated(&self) -> bool {
        self.check.checked.as_ref() != Some(&self.credentials())
    }

    /// A check of the values now in the fields found nothing wrong.
    pub fn check_passed(&self) -> bool {
        self.check.report().is_some_and(Report::ok) && !self.check_outdated()
    }

    /// Why `t` cannot rehearse now, as a notice's text key; `None` when it can.
    pub fn rehearsal_refused(&self) -> Option<&'static str> {
        use crate::zoom::report::DiagnosisCode as Code;
        if self.check.rehearsal.is_some() {
            return Some("notice.rehearsal_running");
        }
        if self.check.is_running() {
            return Some("notice.check_running");
        }
        let report = match self.check.report() {
            Some(report) if !self.check_outdated() => report,
            _ => return Some("notice.rehearse_check_first"),
        };
        if !report.check_ok() {
            return Some("notice.rehearse_fix_first");
        }
        // A host's own problem (another host may do) or a passing failure may be rehearsed again
        // at once; a problem with the app's rights or token needs a new check, with a new token.
        let app_problem = report.rehearsal.as_ref().is_some_and(|r| {
            r.problems.iter().any(|p| {
                matches!(
                    p.code,
                    Code::MeetingScopesRejected
                        | Code::TokenRejected
                        | Code::AppDisabled
                        | Code::InvalidClient
                        | Code::InvalidAccountId
                        | Code::WrongAppType
                )
            })
        });
        app_problem.then_some("notice.rehearse_recheck_first")
    }

    /// Whether a field's value is hidden on screen: the secret, and an ID that may hold it
    /// (pasted at the wrong place), unless the user revealed the secret. The one rule every
    /// front end follows.
    pub fn is_hidden(&self, field: Field) -> bool {
        !self.reveal_secret
            && (field == Field::ClientSecret
                || crate::credentials::may_hold_the_secret(&self.credentials(), field))
    }

    /// What an empty answer for `field` keeps: its value, else in `--demo` the demo account's.
    pub fn default_value(&self, field: Field) -> Option<String> {
        let current = self.field(field).value();
        if !current.is_empty() {
            return Some(current.to_owned());
        }
        self.demo.as_ref().map(|demo| demo.value(field).to_owned())
    }

    pub fn users(&self) -> &[User] {
        self.check.report().map_or(&[], |r| r.users.as_slice())
    }

    /// The indices into `users()` of the users that match `query`, in list order.
    pub fn users_matching(&self, query: &str) -> Vec<usize> {
        match &self.check.phase {
            CheckPhase::Done { index, .. } => index.matching(query),
            _ => vec![],
        }
    }

    /// The list of users that has the keys: the rehearsal's host in its consent step, else
    /// Done's default user. `None` elsewhere, or before the check has a list.
    pub fn user_picker(&mut self) -> Option<UserPicker<'_>> {
        let CheckPhase::Done { index, .. } = &self.check.phase else {
            return None;
        };
        match &mut self.overlay {
            Some(Overlay::Consent { host, filter }) => Some(UserPicker::new(index, host, filter)),
            None if self.screen == Screen::Done => Some(UserPicker::new(
                index,
                &mut self.cursors[Screen::Done.index()],
                &mut self.user_filter,
            )),
            _ => None,
        }
    }

    /// The index of the check's proposal (owner, else first licensed) in `users()`.
    pub fn proposed_user(&self) -> Option<usize> {
        self.check.report().and_then(|r| r.default_user)
    }

    /// The user to show as hacomono's default Zoom user: the one under the cursor on Done,
    /// which starts on the proposal of the check (the owner, else the first licensed user).
    pub fn default_user(&self) -> Option<&User> {
        self.users().get(self.cursor_of(Screen::Done))
    }
}

fn field_index(field: Field) -> usize {
    Field::ALL.iter().position(|f| *f == field).unwrap_or(0)
}
