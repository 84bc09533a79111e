//! The key table: each screen declares its bindings once, and the same list handles keys,
//! draws the footer and fills the `?` help, so the help can never lie.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::credentials::Field;

use super::action::Action;
use super::model::{Model, Overlay, Screen};

/// A key as written in a binding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    Char(char),
    Ctrl(char),
    Enter,
    Esc,
    Tab,
    BackTab,
    Up,
    Down,
    PageUp,
    PageDown,
    F(u8),
}

impl Key {
    pub fn matches(self, event: &KeyEvent) -> bool {
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        let alt = event.modifiers.contains(KeyModifiers::ALT);
        match (self, event.code) {
            (Key::Char(want), KeyCode::Char(got)) => !ctrl && !alt && want == got,
            (Key::Ctrl(want), KeyCode::Char(got)) => ctrl && want.eq_ignore_ascii_case(&got),
            (Key::Enter, KeyCode::Enter) => true,
            (Key::Esc, KeyCode::Esc) => true,
            (Key::Tab, KeyCode::Tab) => !event.modifiers.contains(KeyModifiers::SHIFT),
            (Key::BackTab, KeyCode::BackTab) => true,
            (Key::BackTab, KeyCode::Tab) => event.modifiers.contains(KeyModifiers::SHIFT),
            (Key::Up, KeyCode::Up) => true,
            (Key::Down, KeyCode::Down) => true,
            (Key::PageUp, KeyCode::PageUp) => true,
            (Key::PageDown, KeyCode::PageDown) => true,
            (Key::F(want), KeyCode::F(got)) => want == got,
            _ => false,
        }
    }

    /// Typing into a text field takes plain characters, so such keys are shadowed there.
    pub fn is_typing(self) -> bool {
        matches!(self, Key::Char(_))
    }

    pub fn label(self) -> String {
        match self {
            Key::Char(' ') => "Space".into(),
            Key::Char(c) => c.to_string(),
            Key::Ctrl(c) => format!("Ctrl+{}", c.to_ascii_uppercase()),
            Key::Enter => "Enter".into(),
            Key::Esc => "Esc".into(),
            Key::Tab => "Tab".into(),
            Key::BackTab => "Shift+Tab".into(),
            Key::Up => "↑".into(),
            Key::Down => "↓".into(),
            Key::PageUp => "PgUp".into(),
            Key::PageDown => "PgDn".into(),
            Key::F(n) => format!("F{n}"),
        }
    }
}

/// One line of the key table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Binding {
    pub keys: &'static [Key],
    pub action: Action,
    /// Text key of what it does (`keys.next`).
    pub label: &'static str,
    pub shown: Shown,
}

/// Where a binding is listed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shown {
    /// In the footer and in the help.
    Everywhere,
    /// Only in the help (the footer has room for the main keys only).
    HelpOnly,
    /// A footer line that sums up several help-only bindings (`↑/↓ move`, `1/2/3 copy`); it
    /// never handles a key itself.
    FooterSummary,
}

const fn bind(keys: &'static [Key], action: Action, label: &'static str) -> Binding {
    Binding {
        keys,
        action,
        label,
        shown: Shown::Everywhere,
    }
}

const fn help_only(keys: &'static [Key], action: Action, label: &'static str) -> Binding {
    Binding {
        keys,
        action,
        label,
        shown: Shown::HelpOnly,
    }
}

const fn summary(keys: &'static [Key], label: &'static str) -> Binding {
    // The action is never taken: summaries are skipped when keys are matched.
    Binding {
        keys,
        action: Action::Help,
        label,
        shown: Shown::FooterSummary,
    }
}

const QUIT: Binding = bind(&[Key::Ctrl('c')], Action::Quit, "keys.quit");
const HELP: Binding = bind(&[Key::Char('?'), Key::F(1)], Action::Help, "keys.help");
const LANGUAGE: Binding = help_only(&[Key::F(2)], Action::SwitchLanguage, "keys.language");
const BACK: Binding = bind(&[Key::Esc], Action::Back, "keys.back");
const NEXT: Binding = bind(&[Key::Enter], Action::Next, "keys.next");
const UP: Binding = help_only(&[Key::Up, Key::BackTab], Action::Up, "keys.up");
const DOWN: Binding = help_only(&[Key::Down, Key::Tab], Action::Down, "keys.down");
const TOGGLE: Binding = bind(
    &[Key::Char(' '), Key::Char('x')],
    Action::Toggle,
    "keys.toggle",
);
const SAVE_REPORT: Binding = bind(&[Key::Char('s')], Action::SaveReport, "keys.save_report");
const COPY_REPORT: Binding = help_only(&[Key::Char('c')], Action::CopyReport, "keys.copy_report");
const PASTE: Binding = bind(&[Key::Ctrl('v')], Action::PasteClipboard, "keys.paste");
const SCROLL_UP: Binding = help_only(&[Key::PageUp], Action::PageUp, "keys.scroll_up");
const SCROLL_DOWN: Binding = help_only(&[Key::PageDown], Action::PageDown, "keys.scroll_down");
const OPEN: Binding = bind(&[Key::Char('o')], Action::OpenUrl, "keys.open");

/// The bindings in force right now, first match wins. The ↑↓ line of the footer is a
/// summary of `UP`/`DOWN`, which do the work.
pub fn bindings(model: &Model) -> Vec<Binding> {
    match &model.overlay {
        Some(overlay) => overlay_bindings(overlay),
        None => screen_bindings(model),
    }
}

fn overlay_bindings(overlay: &Overlay) -> Vec<Binding> {
    match overlay {
        // ↑/↓ and PgUp/PgDn scroll a window too long for the screen.
        Overlay::Help => vec![
            bind(
                &[Key::Esc, Key::Char('?'), Key::F(1), Key::Enter],
                Action::CloseOverlay,
                "keys.close",
            ),
            QUIT,
            UP,
            DOWN,
            SCROLL_UP,
            SCROLL_DOWN,
        ],
        // Only `n` starts over: Esc keeps what was saved (it never throws progress away).
        Overlay::Resume(_) => vec![
            bind(&[Key::Enter, Key::Esc], Action::Resume, "keys.resume"),
            bind(&[Key::Char('n')], Action::StartFresh, "keys.start_fresh"),
            QUIT,
            UP,
            DOWN,
        ],
        Overlay::Unfinished { .. } => vec![
            bind(
                &[Key::Enter],
                Action::ContinueAnyway,
                "keys.continue_anyway",
            ),
            bind(&[Key::Esc], Action::CloseOverlay, "keys.stay"),
            QUIT,
            UP,
            DOWN,
            SCROLL_UP,
            SCROLL_DOWN,
        ],
        Overlay::Consent { .. } => vec![
            bind(&[Key::Enter], Action::ConfirmRehearsal, "keys.rehearse_now"),
            bind(&[Key::Esc], Action::CloseOverlay, "keys.cancel"),
            summary(&[Key::Up, Key::Down], "keys.choose_host"),
            UP,
            DOWN,
            help_only(&[Key::PageUp], Action::PageUp, "keys.page_up"),
            help_only(&[Key::PageDown], Action::PageDown, "keys.page_down"),
            QUIT,
        ],
    }
}

/// The bindings of the screen itself, overlays aside (what the help describes): the screen's
/// own, listed below screen by screen, then paging, help, language and quit.
pub fn screen_bindings(model: &Model) -> Vec<Binding> {
    let mut list = match model.screen {
        Screen::Start => START.to_vec(),
        Screen::Migration => MIGRATION.to_vec(),
        Screen::Role => role(model),
        Screen::Step1 if model.screen_typing_target().is_some() => TYPING_APP_NAME.to_vec(),
        Screen::CustomRole | Screen::Step1 | Screen::Step2 => checklist(model),
        Screen::Values => values(model),
        Screen::Check => check(model),
        Screen::Done => DONE.to_vec(),
    };
    // A page at a time, where a list or text is longer than the window (Done pages its users).
    if model.screen != Screen::Done {
        list.extend([SCROLL_UP, SCROLL_DOWN]);
    }
    list.extend([HELP, LANGUAGE, QUIT]);
    list
}

/// The ↑↓ summary in the footer; it never matches a key itself (UP and DOWN do).
const MOVE: Binding = summary(&[Key::Up, Key::Down], "keys.move");

const START: &[Binding] = &[NEXT, MOVE, UP, DOWN];

/// ↑/↓ scroll where the window is too small (the last row says so).
const MIGRATION: &[Binding] = &[NEXT, BACK, UP, DOWN];

/// With `o` for Zoom's sign-up page, except on a migration: it keeps the Zoom account already
/// linked.
fn role(model: &Model) -> Vec<Binding> {
    let mut list = vec![NEXT, BACK, MOVE, UP, DOWN];
    if !model.jwt_migration() {
        list.push(bind(
            &[Key::Char('o')],
            Action::OpenSignup,
            "keys.open_signup",
        ));
    }
    list
}

/// Typing STEP 1's App Name: Enter and Esc end it, ↑/↓ end it and move; letters are typed.
const TYPING_APP_NAME: &[Binding] = &[
    bind(
        &[Key::Enter, Key::Esc],
        Action::StopTyping,
        "keys.stop_typing",
    ),
    MOVE,
    UP,
    DOWN,
    PASTE,
];

/// The checklists (CustomRole, STEP 1, STEP 2); STEP 2 adds its copy keys.
fn checklist(model: &Model) -> Vec<Binding> {
    // On the App Name, the ticking keys start typing it (it is ticked once filled).
    let toggle = match model.app_name_focused() {
        true => bind(
            &[Key::Char(' '), Key::Char('x')],
            Action::TypeAppName,
            "keys.type_app_name",
        ),
        false => TOGGLE,
    };
    let mut list = vec![NEXT, BACK, toggle];
    if model.screen == Screen::Step2 {
        list.extend_from_slice(STEP2_COPY);
    }
    list.extend([MOVE, UP, DOWN, OPEN]);
    list
}

/// STEP 2's keys for copying the three values into hacomono.
const STEP2_COPY: &[Binding] = &[
    summary(
        &[Key::Char('1'), Key::Char('2'), Key::Char('3')],
        "keys.copy_values",
    ),
    help_only(
        &[Key::Char('1')],
        Action::Copy(Field::AccountId),
        "keys.copy_account_id",
    ),
    help_only(
        &[Key::Char('2')],
        Action::Copy(Field::ClientId),
        "keys.copy_client_id",
    ),
    help_only(&[Key::Ctrl('r')], Action::RevealSecret, "keys.reveal"),
    help_only(
        &[Key::Char('3')],
        Action::Copy(Field::ClientSecret),
        "keys.copy_client_secret",
    ),
];

/// With Ctrl+D to fill in the demo account's values in `--demo`.
fn values(model: &Model) -> Vec<Binding> {
    let mut list = vec![
        bind(&[Key::Enter], Action::Next, "keys.next_field"),
        BACK,
        MOVE,
        UP,
        DOWN,
        PASTE,
        bind(&[Key::Ctrl('r')], Action::RevealSecret, "keys.reveal"),
        help_only(&[Key::Ctrl('k')], Action::RememberIds, "keys.remember_ids"),
    ];
    if model.demo.is_some() {
        list.push(bind(&[Key::Ctrl('d')], Action::FillDemo, "keys.fill_demo"));
    }
    list
}

fn check(model: &Model) -> Vec<Binding> {
    // Only a passing check may lead to writing to Zoom; until then `t` is listed in the help
    // only, and pressed it says what to do first.
    const T: &[Key] = &[Key::Char('t')];
    let rehearse = match model.rehearsal_refused() {
        None => bind(T, Action::Rehearse, "keys.rehearse"),
        Some(_) => help_only(T, Action::Rehearse, "keys.rehearse"),
    };
    vec![
        NEXT,
        BACK,
        bind(&[Key::Char('r')], Action::Recheck, "keys.recheck"),
        rehearse,
        SAVE_REPORT,
        COPY_REPORT,
        UP,
        DOWN,
    ]
}

const DONE: &[Binding] = &[
    bind(&[Key::Enter, Key::Char('q')], Action::Next, "keys.finish"),
    BACK,
    summary(&[Key::Up, Key::Down], "keys.choose_user"),
    UP,
    DOWN,
    help_only(&[Key::PageUp], Action::PageUp, "keys.page_up"),
    help_only(&[Key::PageDown], Action::PageDown, "keys.page_down"),
    // Typing filters the users where there is a list, and takes the letters: the report keys
    // have Ctrl forms there (F1 still opens the help, Ctrl+C quits).
    bind(
        &[Key::Char('s'), Key::Ctrl('s')],
        Action::SaveReport,
        "keys.save_report",
    ),
    help_only(
        &[Key::Char('c'), Key::Ctrl('y')],
        Action::CopyReport,
        "keys.copy_report",
    ),
];

/// The action for a key: the first binding whose key matches, skipping keys that typing takes
/// and footer summaries.
pub fn action_for(model: &Model, event: &KeyEvent) -> Option<Action> {
    let typing = model.typing_target().is_some();
    bindings(model)
        .into_iter()
        .filter(|b| b.shown != Shown::FooterSummary)
        .find(|b| {
            b.keys
                .iter()
                .any(|k| !(typing && k.is_typing()) && k.matches(event))
        })
        .map(|b| b.action)
}

/// The keys of a binding that work right now, as the footer and help show them.
pub fn visible_keys(binding: &Binding, typing: bool) -> Vec<Key> {
    binding
        .keys
        .iter()
        .copied()
        .filter(|k| !(typing && k.is_typing()))
        .collect()
}
