//! The one place where the wizard decides: a message in, the new state and effects out.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::credentials::{Field, MAX_PASTE_BYTES, Paste, PasteError, Secret, clean, read_paste};
use crate::guide::ItemKind;
use crate::zoom::report::{RehearsalStep, Stage, StageStatus};

use super::action::{Action, TextTarget};
use super::clipboard_notice;
use super::effect::{Effect, ReportTarget};
use super::keys::action_for;
use super::model::{
    CheckPhase, Level, Model, Notice, Overlay, RehearsalRun, RoleChoice, Screen, Situation,
};
use super::msg::{Msg, ReportOutcome};
use super::progress::Progress;
use super::seen::Seen;
use super::text_input::TextInput;
use super::user_filter::UserIndex;
use crate::clipboard::{CopyOutcome, ReadError};

/// Zoom's sign-up page, for those without an account.
pub const SIGNUP_URL: &str = "https://zoom.us/signup";

/// Applies one message to the model and returns what the runtime should do; when progress is
/// kept, any change to it is saved as the user goes.
pub fn update(model: &mut Model, msg: Msg) -> Vec<Effect> {
    let mut effects = decide(model, msg);
    clipboard_notice::show_countdown(model);
    let offering_resume = matches!(model.overlay, Some(Overlay::Resume(_)));
    if model.persist && !offering_resume {
        let progress = Progress::from_model(model, model.remember_ids);
        if model.saved.as_ref() != Some(&progress) {
            model.saved = Some(progress.clone());
            effects.push(Effect::SaveProgress(progress));
        }
    }
    effects
}

fn decide(model: &mut Model, msg: Msg) -> Vec<Effect> {
    // What the user does brings the view back to the focus, unless it is itself a scroll.
    if matches!(msg, Msg::Key(_) | Msg::Action(_) | Msg::Paste(_)) {
        model.scroll = None;
    }
    match msg {
        Msg::Key(event) => on_key(model, event),
        Msg::Action(action) => {
            model.notice = None;
            on_action(model, action)
        }
        // Behind "the window is too small" nothing can be seen, so nothing lands.
        Msg::Paste(_) if model.too_small() => vec![],
        Msg::Paste(text) => on_paste(model, &text),
        Msg::ClipboardRead(Ok(text)) => on_paste(model, &text),
        Msg::ClipboardRead(Err(error)) => {
            let detail = match &error {
                ReadError::Other(detail) => detail.clone(),
                _ => String::new(),
            };
            model.notice = Some(
                Notice::new(Level::Warning, error.text_key())
                    .arg("max", MAX_PASTE_BYTES.to_string())
                    .arg("detail", detail),
            );
            vec![]
        }
        Msg::Copied(field, result) => {
            let (level, key) = match result {
                CopyOutcome::Copied => (Level::Success, "notice.copied"),
                CopyOutcome::SentOsc52 => (Level::Info, "notice.copy_osc52"),
                CopyOutcome::Unavailable => (Level::Warning, "notice.copy_unavailable"),
            };
            model.notice = Some(Notice::new(level, key).label("field", field.label_key()));
            vec![]
        }
        Msg::SecretClipboard(news) => {
            clipboard_notice::on_news(model, news);
            vec![]
        }
        Msg::UrlOpened { url, opened } => {
            model.notice = Some(if opened {
                Notice::new(Level::Success, "notice.url_opened").arg("url", url)
            } else {
                Notice::new(Level::Info, "notice.url_not_opened").arg("url", url)
            });
            vec![]
        }
        Msg::CheckProgress {
            generation,
            stage,
            status,
            users,
        } => {
            if generation == model.check.generation
                && let CheckPhase::Running {
                    stages,
                    users: read,
                } = &mut model.check.phase
            {
                if users.is_some() {
                    *read = users;
                }
                // A stage that ended is no longer being tried again.
                if status != StageStatus::Running {
                    model.check.retrying = None;
                }
                match stages.iter_mut().find(|(s, _)| *s == stage) {
                    Some(entry) => entry.1 = status,
                    None => stages.push((stage, status)),
                }
            }
            vec![]
        }
        Msg::CheckRetry {
            generation,
            retrying,
        } => {
            if generation == model.check.generation && model.check.is_running() {
                model.check.retrying = Some(retrying);
            }
            vec![]
        }
        Msg::CheckDone { generation, report } => {
            if generation == model.check.generation {
                model.check.retrying = None;
                model.cursors[Screen::Done.index()] = report.default_user.unwrap_or(0);
                model.user_filter = Default::default();
                let problems = !report.diagnoses.is_empty();
                let index = UserIndex::new(&report.users);
                model.check.phase = CheckPhase::Done { report, index };
                // The first problem in view, else the verdict.
                model.cursors[Screen::Check.index()] = match problems {
                    true => model.first_diagnosis_focus(),
                    false => 0,
                };
            }
            vec![]
        }
        Msg::RehearsalProgress {
            generation,
            step,
            status,
        } => {
            if let Some(run) = model
                .check
                .rehearsal
                .as_mut()
                .filter(|r| r.generation == generation)
                && let Some(entry) = run.steps.iter_mut().find(|(s, _)| *s == step)
            {
                entry.1 = status;
            }
            vec![]
        }
        Msg::RehearsalDone {
            generation,
            rehearsal,
        } => {
            let ours = model
                .check
                .rehearsal
                .as_ref()
                .is_some_and(|r| r.generation == generation);
            if ours {
                model.check.rehearsal = None;
                if let CheckPhase::Done { report, .. } = &mut model.check.phase {
                    report.add_rehearsal(*rehearsal);
                }
                model.cursors[Screen::Check.index()] = REHEARSAL_FOCUS;
            }
            vec![]
        }
        Msg::SaveFailed { path, error } => {
            // Said once: the wizard goes on, it only cannot resume next time.
            model.persist = false;
            model.notice = Some(
                Notice::new(Level::Warning, "support.store.save_failed")
                    .arg("path", path)
                    .arg("error", error),
            );
            vec![]
        }
        Msg::ReportDone(outcome) => {
            model.notice = Some(match outcome {
                Ok(ReportOutcome::Saved(path)) => {
                    Notice::new(Level::Success, "notice.report_saved").arg("path", path)
                }
                Ok(ReportOutcome::Copied(CopyOutcome::Copied)) => {
                    Notice::new(Level::Success, "notice.report_copied")
                }
                Ok(ReportOutcome::Copied(CopyOutcome::SentOsc52)) => {
                    Notice::new(Level::Info, "notice.report_osc52")
                }
                Ok(ReportOutcome::Copied(CopyOutcome::Unavailable)) => {
                    Notice::new(Level::Warning, "notice.report_no_clipboard")
                }
                Err(error) => Notice::new(Level::Error, "notice.report_failed").arg("error", error),
            });
            vec![]
        }
        Msg::Tick => {
            if model.check.busy() {
                model.spinner = model.spinner.wrapping_add(1);
            }
            vec![]
        }
        Msg::Terminate => {
            model.quit = true;
            vec![]
        }
    }
}

fn on_key(model: &mut Model, event: KeyEvent) -> Vec<Effect> {
    // Windows also reports releases; acting on them would double every key.
    if event.kind != KeyEventKind::Press {
        return vec![];
    }
    let action = action_for(model, &event);
    // Behind "the window is too small" the user sees nothing to act on: only quitting works.
    if model.too_small() && action != Some(Action::Quit) {
        return vec![];
    }
    model.notice = None;
    match action {
        Some(action) => on_action(model, action),
        None => edit_text(model, &event),
    }
}

fn on_action(model: &mut Model, action: Action) -> Vec<Effect> {
    match action {
        Action::Quit => {
            model.quit = true;
            vec![]
        }
        Action::Help => {
            model.overlay = Some(Overlay::Help);
            vec![]
        }
        Action::CloseOverlay => {
            model.overlay = None;
            vec![]
        }
        Action::ContinueAnyway => match model.overlay.take() {
            Some(Overlay::Unfinished { then, .. }) => go_to(model, then),
            _ => vec![],
        },
        // Enter answers with the focused answer or user: never one scrolled out of view.
        Action::Next if focus_hidden(model) => vec![],
        Action::Next => next(model),
        Action::Back => {
            // Back from a failed check lands on the field Zoom's answer blames.
            let blamed = model
                .check
                .report()
                .and_then(|r| r.diagnoses.iter().find_map(|d| d.field));
            if let (Screen::Check, Some(field)) = (model.screen, blamed) {
                model.cursors[Screen::Values.index()] =
                    Field::ALL.iter().position(|f| *f == field).unwrap_or(0);
            }
            match model.previous_screen() {
                Some(previous) => go_to(model, previous),
                None => vec![],
            }
        }
        Action::Up => move_or_scroll(model, -1, false),
        Action::Down => move_or_scroll(model, 1, false),
        Action::PageUp => move_or_scroll(model, -1, true),
        Action::PageDown => move_or_scroll(model, 1, true),
        Action::Filter(text) => {
            if let Some(mut picker) = model.user_picker() {
                picker.set_filter(&text);
            }
            vec![]
        }
        Action::Choose(n) => {
            if let Some(mut picker) = model.user_picker() {
                picker.choose(n);
            } else if n < model.focus_count() {
                set_focus(model, n);
            }
            vec![]
        }
        Action::Toggle => {
            if let Some(item) = model.focused_item().filter(|i| i.kind == ItemKind::Check)
                && !model.ticks.remove(&item.id)
            {
                model.ticks.insert(item.id.clone());
            }
            vec![]
        }
        Action::TypeAppName => {
            model.typing_app_name = model.app_name_focused();
            vec![]
        }
        Action::StopTyping => {
            model.typing_app_name = false;
            vec![]
        }
        Action::SetTicked { item, ticked } => {
            let tickable = Model::focusable_items(model.screen)
                .iter()
                .any(|i| i.id == item && i.kind == ItemKind::Check);
            if tickable && ticked {
                model.ticks.insert(item);
            } else if tickable {
                model.ticks.remove(&item);
            }
            vec![]
        }
        Action::SetText(TextTarget::AppName, text) => {
            set_app_name(model, &text);
            vec![]
        }
        Action::SetText(TextTarget::Field(field), text) => paste_credentials(model, field, &text),
        Action::UseDefault(field) => {
            if model.field(field).is_empty()
                && let Some(value) = model.default_value(field)
            {
                model.field_mut(field).set(&value);
                return credentials_edited(model);
            }
            vec![]
        }
        Action::OpenUrl => match model.focused_item().and_then(|i| i.url.clone()) {
            Some(url) => vec![Effect::OpenUrl(url)],
            None => {
                model.notice = Some(Notice::new(Level::Info, "notice.no_link"));
                vec![]
            }
        },
        Action::OpenSignup => vec![Effect::OpenUrl(SIGNUP_URL.to_owned())],
        Action::Copy(field) => {
            let value = clean(model.field(field).value());
            if value.is_empty() {
                model.notice = Some(
                    Notice::new(Level::Warning, "notice.nothing_to_copy")
                        .label("field", field.label_key()),
                );
                vec![]
            } else {
                vec![Effect::Copy {
                    field,
                    text: Secret::new(value),
                }]
            }
        }
        Action::PasteClipboard => vec![Effect::ReadClipboard],
        Action::RevealSecret => {
            model.reveal_secret = !model.reveal_secret;
            vec![]
        }
        Action::FillDemo => {
            let Some(demo) = model.demo.clone() else {
                return vec![];
            };
            for field in Field::ALL {
                model.field_mut(field).set(demo.value(field));
            }
            model.notice = Some(Notice::new(Level::Success, "notice.demo_filled"));
            credentials_edited(model)
        }
        Action::Recheck if model.check.rehearsal.is_some() => {
            model.notice = Some(Notice::new(Level::Info, "notice.rehearsal_running"));
            vec![]
        }
        Action::Recheck => start_check(model),
        Action::RememberIds => {
            model.remember_ids = !model.remember_ids;
            let key = if model.remember_ids {
                "notice.remember_ids_on"
            } else {
                "notice.remember_ids_off"
            };
            model.notice = Some(Notice::new(Level::Info, key));
            vec![]
        }
        Action::SaveReport => support_report(model, ReportTarget::File),
        Action::CopyReport => support_report(model, ReportTarget::Clipboard),
        Action::Resume => {
            if let Some(Overlay::Resume(progress)) = model.overlay.take() {
                progress.apply(model);
                model.remember_ids = progress.remember_ids;
                model.notice = Some(Notice::new(Level::Success, "notice.resumed"));
            }
            vec![]
        }
        Action::StartFresh => {
            model.overlay = None;
            vec![]
        }
        Action::Rehearse => {
            if model.screen != Screen::Check {
                return vec![];
            }
            if let Some(why) = model.rehearsal_refused() {
                model.notice = Some(Notice::new(Level::Info, why));
                return vec![];
            }
            if !model.users().is_empty() {
                // The proposed (or chosen) default user first: that is who hacomono uses.
                let host = model.cursor_of(Screen::Done).min(model.users().len() - 1);
                model.overlay = Some(Overlay::Consent {
                    host,
                    filter: TextInput::default(),
                });
            }
            vec![]
        }
        Action::ConfirmRehearsal if focus_hidden(model) => vec![],
        Action::ConfirmRehearsal => {
            // Never for a host the filter hides: the user must see for whom Zoom is written to.
            if model.user_picker().is_some_and(|p| !p.focus_shown()) {
                model.notice = Some(Notice::new(Level::Warning, "notice.no_host_shown"));
                return vec![];
            }
            let Some(Overlay::Consent { host, .. }) = model.overlay.take() else {
                return vec![];
            };
            let Some(host) = model.users().get(host).cloned() else {
                return vec![];
            };
            let generation = model.check.generation;
            model.cursors[Screen::Check.index()] = REHEARSAL_FOCUS;
            model.check.rehearsal = Some(RehearsalRun {
                generation,
                host: host.clone(),
                steps: RehearsalStep::ALL
                    .iter()
                    .map(|s| (*s, StageStatus::Pending))
                    .collect(),
            });
            vec![Effect::Rehearse {
                generation,
                host,
                credentials: model.credentials(),
            }]
        }
        Action::SwitchLanguage => {
            model.lang = match model.lang {
                crate::i18n::Lang::Ja => crate::i18n::Lang::En,
                crate::i18n::Lang::En => crate::i18n::Lang::Ja,
            };
            vec![]
        }
    }
}

/// Enter: the next field on the Values screen, else the next screen, asking first when
/// something required is still open. Never past a check or rehearsal still under way: its
/// verdict is not known yet.
fn next(model: &mut Model) -> Vec<Effect> {
    if model.screen == Screen::Values && model.cursor() + 1 < Field::ALL.len() {
        return move_focus(model, 1);
    }
    if model.screen == Screen::Check && model.check.busy() {
        let key = match model.check.rehearsal {
            Some(_) => "notice.rehearsal_running",
            None => "notice.check_running",
        };
        model.notice = Some(Notice::new(Level::Info, key));
        return vec![];
    }
    let Some(then) = model.next_screen() else {
        // Finished: nothing to resume next time.
        let forget = model.persist.then_some(Effect::ForgetProgress);
        model.persist = false;
        model.finished = true;
        model.quit = true;
        model.finished = true;
        return forget.into_iter().collect();
    };
    let missing = model.missing_on_screen();
    if missing.is_empty() {
        go_to(model, then)
    } else {
        model.overlay = Some(Overlay::Unfinished { missing, then });
        vec![]
    }
}

fn go_to(model: &mut Model, screen: Screen) -> Vec<Effect> {
    model.screen = screen;
    model.overlay = None;
    model.typing_app_name = false;
    let needs_check = model.check.report().is_none() || model.check_outdated();
    // Zoom allows several tokens at once, so even values hacomono already uses are checked on
    // arrival; a one-line note on the screen says what that does.
    if screen == Screen::Check && !model.check.is_running() && needs_check {
        return start_check(model);
    }
    if screen == Screen::Values {
        return vec![Effect::WarmUp];
    }
    vec![]
}

fn start_check(model: &mut Model) -> Vec<Effect> {
    let credentials = model.credentials();
    let check = &mut model.check;
    // A check still under way is about to be superseded: stop it rather than let it run on.
    let cancel = check.is_running().then_some(Effect::CancelCheck);
    check.generation += 1;
    check.retrying = None;
    check.phase = CheckPhase::Running {
        stages: Stage::ALL
            .iter()
            .map(|s| (*s, StageStatus::Pending))
            .collect(),
        users: None,
    };
    check.checked = Some(credentials.clone());
    cancel
        .into_iter()
        .chain([Effect::Check {
            generation: check.generation,
            credentials,
        }])
        .collect()
}

/// The report of the last check (or an empty one), with the user chosen on Done.
fn support_report(model: &mut Model, target: ReportTarget) -> Vec<Effect> {
    let mut report = model.check.report().cloned().unwrap_or_default();
    if !report.users.is_empty() {
        report.choose_default_user(model.cursor_of(Screen::Done).min(report.users.len() - 1));
    }
    vec![Effect::SupportReport {
        target,
        lang: model.lang,
        credentials: model.credentials(),
        report,
    }]
}

/// The rehearsal's place among the Check screen's parts, after the verdict.
const REHEARSAL_FOCUS: usize = 1;

/// How far PgUp and PgDn move in a list.
pub const LIST_PAGE: isize = 10;

/// ↑/↓ (PgUp/PgDn with `page`): the focus moves while it is in view and can; otherwise the
/// view scrolls where more is hidden that way (the text above a question, a note below it, an
/// item's detail, a help too long for the window).
fn move_or_scroll(model: &mut Model, direction: isize, page: bool) -> Vec<Effect> {
    let seen = model.seen_here();
    let shown = seen.is_none_or(|s| s.focus_shown);
    let more = seen.is_some_and(|s| match direction < 0 {
        true => s.more_above(),
        false => s.more_below(),
    });
    let can_move = focus_can_move(model, direction);
    if can_move && (shown || !more) {
        // A page moves through a list of users (there may be thousands); elsewhere it scrolls.
        match (model.user_picker(), page) {
            (Some(mut picker), true) => {
                picker.step(direction * LIST_PAGE);
                return vec![];
            }
            (Some(mut picker), false) => {
                picker.step(direction);
                return vec![];
            }
            (None, false) => return move_focus(model, direction),
            (None, true) => {}
        }
    }
    if let Some(seen) = seen {
        let step = if page {
            seen.page
        } else {
            (seen.page / 2).max(1)
        };
        // At the end there is nothing to do: the view stays where it is.
        let offset = match (more, direction < 0) {
            (false, _) => seen.offset,
            (true, true) => seen.offset.saturating_sub(step),
            (true, false) => (seen.offset + step).min(seen.max_offset),
        };
        model.scroll = Some(offset);
        // What the next frame shows, so that keys arriving before it add up.
        model.seen.set(Seen { offset, ..seen });
    }
    vec![]
}

/// Whether ↑ (`direction` < 0) or ↓ can move the focus of the region in front.
fn focus_can_move(model: &mut Model, direction: isize) -> bool {
    match &model.overlay {
        Some(Overlay::Consent { .. }) | None => {}
        Some(_) => return false,
    }
    if let Some(picker) = model.user_picker() {
        return picker.can_step(direction);
    }
    if model.overlay.is_some() {
        return false;
    }
    let (focus, count) = (model.focus(), model.focus_count());
    match direction < 0 {
        true => focus > 0,
        false => focus + 1 < count,
    }
}

/// The focused answer or user is out of view (scrolled away, or the list is hidden): Enter
/// brings it back rather than act on what is not on screen.
fn focus_hidden(model: &Model) -> bool {
    let asks = matches!(model.screen, Screen::Start | Screen::Role | Screen::Done)
        || matches!(model.overlay, Some(Overlay::Consent { .. }));
    asks && model.seen_here().is_some_and(|s| !s.focus_shown)
}

fn move_focus(model: &mut Model, delta: isize) -> Vec<Effect> {
    let count = model.focus_count();
    if count > 0 {
        let next = model.focus().saturating_add_signed(delta).min(count - 1);
        set_focus(model, next);
    }
    vec![]
}

/// Focus `n` on the current screen; on Start and Role that is the answer itself. Typing into
/// the App Name ends with any move.
fn set_focus(model: &mut Model, n: usize) {
    model.typing_app_name = false;
    match model.screen {
        Screen::Start => model.situation = Situation::ALL[n],
        Screen::Role => model.role = RoleChoice::ALL[n],
        _ => model.set_cursor(n),
    }
}

/// A paste: a labelled block fills every field it names; a single value goes into the field
/// with focus; anywhere else it is explained away. Nothing changes when the paste is refused.
fn on_paste(model: &mut Model, text: &str) -> Vec<Effect> {
    if model.typing_target().is_some()
        && let Some(mut picker) = model.user_picker()
    {
        picker.paste(text);
        return vec![];
    }
    match model.screen {
        Screen::Values if model.overlay.is_none() => {
            let field = model.focused_field();
            return paste_credentials(model, field, text);
        }
        // A paste is meant for the name whether or not typing was started.
        Screen::Step1 if model.overlay.is_none() && model.app_name_focused() => {
            if let Some(value) = app_name_text(model, text) {
                model.app_name.type_text(&value);
            }
        }
        _ => model.notice = Some(Notice::new(Level::Info, "notice.paste_nowhere")),
    }
    vec![]
}

/// Text for the App Name, cleaned; `None` (and an error notice) when Zoom would refuse it.
fn app_name_text(model: &mut Model, text: &str) -> Option<String> {
    let value = clean(text);
    if text.len() > MAX_PASTE_BYTES || !value.is_ascii() {
        model.notice = Some(Notice::new(Level::Error, "notice.app_name_ascii"));
        return None;
    }
    Some(value)
}

/// Replaces the App Name; a refused text leaves the old one.
fn set_app_name(model: &mut Model, text: &str) {
    if let Some(value) = app_name_text(model, text) {
        model.app_name.set(&value);
    }
}

/// A paste into `field`: a labelled block fills every field it names, one value goes into
/// `field`. Nothing changes when the paste is refused.
fn paste_credentials(model: &mut Model, field: Field, text: &str) -> Vec<Effect> {
    let notice = match read_paste(text) {
        Err(error @ PasteError::TooLarge { size }) => {
            Notice::new(Level::Error, error.text_key()).arg("size", size.to_string())
        }
        Err(error) => Notice::new(Level::Error, error.text_key()),
        Ok(Paste::Empty) => Notice::new(Level::Warning, "notice.paste_empty"),
        Ok(Paste::Single(value)) => {
            model.field_mut(field).set(value.expose());
            Notice::new(Level::Success, "notice.pasted")
                .label("field", field.label_key())
                .arg("count", value.char_count().to_string())
        }
        Ok(Paste::Block(block)) => {
            let found = block.found();
            let mut values = model.credentials();
            values.apply(block);
            for field in &found {
                let value = values.value(*field).to_owned();
                model.field_mut(*field).set(&value);
            }
            let fields: Vec<&str> = found.iter().map(|f| f.label_key()).collect();
            Notice::new(Level::Success, "paste.filled").labels("fields", fields)
        }
    };
    let success = notice.level == Level::Success;
    model.notice = Some(notice);
    if success {
        credentials_edited(model)
    } else {
        vec![]
    }
}

/// Typing, deleting and moving the cursor in a text input; whether the key was one of those.
fn edit_input(input: &mut crate::app::text_input::TextInput, event: &KeyEvent) -> bool {
    let plain = !event
        .modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
    match event.code {
        KeyCode::Char(c) if plain => input.type_text(c.encode_utf8(&mut [0; 4])),
        KeyCode::Backspace => input.backspace(),
        KeyCode::Delete => input.delete(),
        KeyCode::Left => input.left(),
        KeyCode::Right => input.right(),
        KeyCode::Home => input.home(),
        KeyCode::End => input.end(),
        _ => return false,
    }
    true
}

/// Keys that no binding took: editing of the text input with focus (a user filter, a value,
/// the App Name).
fn edit_text(model: &mut Model, event: &KeyEvent) -> Vec<Effect> {
    if model.typing_target().is_some()
        && let Some(mut picker) = model.user_picker()
    {
        let before = picker.filter.value().to_owned();
        edit_input(picker.filter, event);
        if picker.filter.value() != before {
            picker.refocus();
        }
        return vec![];
    }
    // A letter no key takes, on the App Name item: the admin is typing the name.
    if let KeyCode::Char(_) = event.code
        && model.overlay.is_none()
        && model.app_name_focused()
        && !event
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
    {
        model.typing_app_name = true;
    }
    let app_name = model.screen == Screen::Step1;
    let input = match model.screen {
        Screen::Values if model.typing_target().is_some() => {
            let field = model.focused_field();
            model.field_mut(field)
        }
        Screen::Step1 if model.typing_target().is_some() => &mut model.app_name,
        _ => return vec![],
    };
    // Typed as a paste would be: full-width ＡＢＣ is ABC; what cannot become ASCII is
    // refused, and said so.
    if let KeyCode::Char(c) = event.code
        && app_name
        && !super::text_input::normalize_typed(c.encode_utf8(&mut [0; 4])).is_ascii()
    {
        model.notice = Some(Notice::new(Level::Error, "notice.app_name_ascii"));
        return vec![];
    }
    let before = zeroize::Zeroizing::new(input.value().to_owned());
    if !edit_input(input, event) {
        return vec![];
    }
    // Moving the cursor must not cancel a check (nor cost a second token later).
    let changed = input.value() != before.as_str();
    if changed && !app_name {
        credentials_edited(model)
    } else {
        vec![]
    }
}

/// A credential changed: any check under way or done is about other values now. A running
/// one is stopped; a finished one stays, shown as outdated.
fn credentials_edited(model: &mut Model) -> Vec<Effect> {
    model.check.generation += 1;
    if model.check.is_running() {
        model.check.phase = CheckPhase::Idle;
        return vec![Effect::CancelCheck];
    }
    vec![]
}
