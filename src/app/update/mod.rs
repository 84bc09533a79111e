//! The one place where the wizard decides: a message in, the new state and effects out. This
//! file only dispatches: every message and every action has its named handler, in a file by
//! job (`navigation`, `input`, `check`, `rehearsal`, `notices`).

use crossterm::event::{KeyEvent, KeyEventKind};

use super::action::{Action, TextTarget};
use super::clipboard_notice;
use super::effect::{Effect, ReportTarget};
use super::keys::action_for;
use super::model::{Model, Overlay};
use super::msg::Msg;
use super::progress::Progress;

mod check;
mod input;
mod navigation;
mod notices;
mod rehearsal;

pub use navigation::LIST_PAGE;
pub use notices::SIGNUP_URL;

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
        Msg::Paste(text) | Msg::ClipboardRead(Ok(text)) => input::paste(model, &text),
        Msg::ClipboardRead(Err(error)) => notices::clipboard_unreadable(model, &error),
        Msg::Copied(field, outcome) => notices::copied(model, field, outcome),
        Msg::SecretClipboard(news) => notices::secret_clipboard(model, news),
        Msg::UrlOpened { url, opened } => notices::url_opened(model, url, opened),
        Msg::CheckProgress {
            generation,
            stage,
            status,
            users,
        } => check::progress(model, generation, (stage, status), users),
        Msg::CheckRetry {
            generation,
            retrying,
        } => check::retrying(model, generation, retrying),
        Msg::CheckDone { generation, report } => check::done(model, generation, report),
        Msg::RehearsalProgress {
            generation,
            step,
            status,
        } => rehearsal::progress(model, generation, step, status),
        Msg::RehearsalDone {
            generation,
            rehearsal,
        } => rehearsal::done(model, generation, *rehearsal),
        Msg::SaveFailed { path, error } => notices::save_failed(model, path, error),
        Msg::ReportDone(outcome) => notices::report_done(model, outcome),
        Msg::Tick => check::tick(model),
        Msg::Terminate => navigation::quit(model),
    }
}

/// A key: the key table's action, or else typing into the text input with focus.
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
        None => input::edit_text(model, &event),
    }
}

/// What the user asked for, from any front end: the overlays' answers first, then moving,
/// choosing and typing, asking the world, and Zoom's work.
fn on_action(model: &mut Model, action: Action) -> Vec<Effect> {
    match action {
        Action::Quit => navigation::quit(model),
        Action::Help => navigation::open_help(model),
        Action::CloseOverlay | Action::StartFresh => navigation::close_overlay(model),
        Action::ContinueAnyway => navigation::continue_anyway(model),
        Action::Resume => navigation::resume(model),
        Action::ConfirmRehearsal => rehearsal::confirm(model),

        Action::Next => navigation::next(model),
        Action::Back => navigation::back(model),
        Action::Up => navigation::move_or_scroll(model, -1, false),
        Action::Down => navigation::move_or_scroll(model, 1, false),
        Action::PageUp => navigation::move_or_scroll(model, -1, true),
        Action::PageDown => navigation::move_or_scroll(model, 1, true),
        Action::SwitchLanguage => navigation::switch_language(model),

        Action::Filter(text) => input::filter(model, &text),
        Action::Choose(n) => input::choose(model, n),
        Action::Toggle => input::toggle(model),
        Action::SetTicked { item, ticked } => input::set_ticked(model, item, ticked),
        Action::TypeAppName => input::type_app_name(model, true),
        Action::StopTyping => input::type_app_name(model, false),
        Action::SetText(TextTarget::AppName, text) => input::set_app_name(model, &text),
        Action::SetText(TextTarget::Field(field), text) => input::paste_into(model, field, &text),
        Action::UseDefault(field) => input::use_default(model, field),
        Action::FillDemo => input::fill_demo(model),
        Action::RevealSecret => input::reveal_secret(model),
        Action::RememberIds => input::remember_ids(model),
        Action::PasteClipboard => vec![Effect::ReadClipboard],
        Action::Copy(field) => input::copy(model, field),

        Action::OpenUrl => notices::open_link(model),
        Action::OpenSignup => notices::open_signup(),
        Action::SaveReport => check::support_report(model, ReportTarget::File),
        Action::CopyReport => check::support_report(model, ReportTarget::Clipboard),

        Action::Recheck => check::recheck(model),
        Action::Rehearse => rehearsal::offer(model),
    }
}
