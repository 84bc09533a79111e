//! Moving through the wizard: screens (Enter, Esc), the focus and scrolling (↑↓, PgUp/PgDn),
//! the overlays (help, resume, "not finished yet"), the language, quitting.

use crate::credentials::Field;

use super::super::effect::Effect;
use super::super::model::{Level, Model, Notice, Overlay, RoleChoice, Screen, Situation};
use super::super::seen::Seen;
use super::check::start_check;

/// How far PgUp and PgDn move in a list.
pub const LIST_PAGE: isize = 10;

pub(super) fn quit(model: &mut Model) -> Vec<Effect> {
    model.quit = true;
    vec![]
}

pub(super) fn open_help(model: &mut Model) -> Vec<Effect> {
    model.overlay = Some(Overlay::Help);
    vec![]
}

pub(super) fn close_overlay(model: &mut Model) -> Vec<Effect> {
    model.overlay = None;
    vec![]
}

/// "Not finished yet": go on knowingly.
pub(super) fn continue_anyway(model: &mut Model) -> Vec<Effect> {
    match model.overlay.take() {
        Some(Overlay::Unfinished { then, .. }) => go_to(model, then),
        _ => vec![],
    }
}

/// Progress from an earlier run taken up where it was.
pub(super) fn resume(model: &mut Model) -> Vec<Effect> {
    if let Some(Overlay::Resume(progress)) = model.overlay.take() {
        progress.apply(model);
        model.remember_ids = progress.remember_ids;
        model.notice = Some(Notice::new(Level::Success, "notice.resumed"));
    }
    vec![]
}

pub(super) fn switch_language(model: &mut Model) -> Vec<Effect> {
    model.lang = match model.lang {
        crate::i18n::Lang::Ja => crate::i18n::Lang::En,
        crate::i18n::Lang::En => crate::i18n::Lang::Ja,
    };
    vec![]
}

/// Enter: the next field on the Values screen, else the next screen, asking first when
/// something required is still open. Never with an answer scrolled out of view (it is brought
/// back instead), nor past a check or rehearsal still under way: its verdict is not known yet.
pub(super) fn next(model: &mut Model) -> Vec<Effect> {
    if focus_hidden(model) {
        return vec![];
    }
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

/// Esc: the screen before. Back from a failed check lands on the field Zoom's answer blames.
pub(super) fn back(model: &mut Model) -> Vec<Effect> {
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

pub(super) fn go_to(model: &mut Model, screen: Screen) -> Vec<Effect> {
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

/// ↑/↓ (PgUp/PgDn with `page`): the focus moves while it is in view and can; otherwise the
/// view scrolls where more is hidden that way (the text above a question, a note below it, an
/// item's detail, a help too long for the window).
pub(super) fn move_or_scroll(model: &mut Model, direction: isize, page: bool) -> Vec<Effect> {
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
        scroll(model, seen, more, direction, page);
    }
    vec![]
}

/// Scrolls the view half a page (a page with `page`) where more is hidden; at the end the view
/// stays where it is.
fn scroll(model: &mut Model, seen: Seen, more: bool, direction: isize, page: bool) {
    let step = if page {
        seen.page
    } else {
        (seen.page / 2).max(1)
    };
    let offset = match (more, direction < 0) {
        (false, _) => seen.offset,
        (true, true) => seen.offset.saturating_sub(step),
        (true, false) => (seen.offset + step).min(seen.max_offset),
    };
    model.scroll = Some(offset);
    // What the next frame shows, so that keys arriving before it add up.
    model.seen.set(Seen { offset, ..seen });
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
pub(super) fn focus_hidden(model: &Model) -> bool {
    let asks = matches!(model.screen, Screen::Start | Screen::Role | Screen::Done)
        || matches!(model.overlay, Some(Overlay::Consent { .. }));
    asks && model.seen_here().is_some_and(|s| !s.focus_shown)
}

pub(super) fn move_focus(model: &mut Model, delta: isize) -> Vec<Effect> {
    let count = model.focus_count();
    if count > 0 {
        let next = model.focus().saturating_add_signed(delta).min(count - 1);
        set_focus(model, next);
    }
    vec![]
}

/// Focus `n` on the current screen; on Start and Role that is the answer itself. Typing into
/// the App Name ends with any move.
pub(super) fn set_focus(model: &mut Model, n: usize) {
    model.typing_app_name = false;
    match model.screen {
        Screen::Start => model.situation = Situation::ALL[n],
        Screen::Role => model.role = RoleChoice::ALL[n],
        _ => model.set_cursor(n),
    }
}
