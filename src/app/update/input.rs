//! What is typed, pasted, ticked and chosen: the three values (and their copy, reveal and demo
//! keys), the App Name, the checklists' ticks, the user lists' filter and choice.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::credentials::{Field, MAX_PASTE_BYTES, Paste, PasteError, Secret, clean, read_paste};
use crate::guide::ItemKind;

use super::super::effect::Effect;
use super::super::model::{CheckPhase, Level, Model, Notice, Screen};
use super::super::text_input::{TextInput, normalize_typed};
use super::navigation::set_focus;

/// A paste: a labelled block fills every field it names; a single value goes into the field
/// with focus; anywhere else it is explained away. Nothing changes when the paste is refused.
pub(super) fn paste(model: &mut Model, text: &str) -> Vec<Effect> {
    if model.typing_target().is_some()
        && let Some(mut picker) = model.user_picker()
    {
        picker.paste(text);
        return vec![];
    }
    match model.screen {
        Screen::Values if model.overlay.is_none() => {
            let field = model.focused_field();
            return paste_into(model, field, text);
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

/// A paste into `field`: a labelled block fills every field it names, one value goes into
/// `field`. Nothing changes when the paste is refused.
pub(super) fn paste_into(model: &mut Model, field: Field, text: &str) -> Vec<Effect> {
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

/// An empty answer (plain mode) keeps the value, or in `--demo` takes the demo account's.
pub(super) fn use_default(model: &mut Model, field: Field) -> Vec<Effect> {
    if model.field(field).is_empty()
        && let Some(value) = model.default_value(field)
    {
        model.field_mut(field).set(&value);
        return credentials_edited(model);
    }
    vec![]
}

/// Ctrl+D in `--demo`: the demo account's three values.
pub(super) fn fill_demo(model: &mut Model) -> Vec<Effect> {
    let Some(demo) = model.demo.clone() else {
        return vec![];
    };
    for field in Field::ALL {
        model.field_mut(field).set(demo.value(field));
    }
    model.notice = Some(Notice::new(Level::Success, "notice.demo_filled"));
    credentials_edited(model)
}

pub(super) fn reveal_secret(model: &mut Model) -> Vec<Effect> {
    model.reveal_secret = !model.reveal_secret;
    vec![]
}

/// Ctrl+K: whether Account ID and Client ID are kept for resuming (never the secret).
pub(super) fn remember_ids(model: &mut Model) -> Vec<Effect> {
    model.remember_ids = !model.remember_ids;
    let key = if model.remember_ids {
        "notice.remember_ids_on"
    } else {
        "notice.remember_ids_off"
    };
    model.notice = Some(Notice::new(Level::Info, key));
    vec![]
}

/// 1/2/3 on STEP 2: a value to the clipboard, or that there is none to copy.
pub(super) fn copy(model: &mut Model, field: Field) -> Vec<Effect> {
    let value = clean(model.field(field).value());
    if value.is_empty() {
        model.notice = Some(
            Notice::new(Level::Warning, "notice.nothing_to_copy").label("field", field.label_key()),
        );
        return vec![];
    }
    vec![Effect::Copy {
        field,
        text: Secret::new(value),
    }]
}

/// Typing finds a user (plain mode's filter answer).
pub(super) fn filter(model: &mut Model, text: &str) -> Vec<Effect> {
    if let Some(mut picker) = model.user_picker() {
        picker.set_filter(text);
    }
    vec![]
}

/// An answer chosen by its number: a user of the list in front, else the focus.
pub(super) fn choose(model: &mut Model, n: usize) -> Vec<Effect> {
    if let Some(mut picker) = model.user_picker() {
        picker.choose(n);
    } else if n < model.focus_count() {
        set_focus(model, n);
    }
    vec![]
}

/// Space/x: the focused step ticked or not.
pub(super) fn toggle(model: &mut Model) -> Vec<Effect> {
    if let Some(item) = model.focused_item().filter(|i| i.kind == ItemKind::Check)
        && !model.ticks.remove(&item.id)
    {
        model.ticks.insert(item.id.clone());
    }
    vec![]
}

/// A step ticked or not by its id (plain mode's answer).
pub(super) fn set_ticked(model: &mut Model, item: String, ticked: bool) -> Vec<Effect> {
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

/// Typing into the App Name starts (on its item) or ends.
pub(super) fn type_app_name(model: &mut Model, typing: bool) -> Vec<Effect> {
    model.typing_app_name = typing && model.app_name_focused();
    vec![]
}

/// Replaces the App Name; a refused text leaves the old one.
pub(super) fn set_app_name(model: &mut Model, text: &str) -> Vec<Effect> {
    if let Some(value) = app_name_text(model, text) {
        model.app_name.set(&value);
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

/// Keys that no binding took: editing of the text input with focus (a user filter, a value,
/// the App Name).
pub(super) fn edit_text(model: &mut Model, event: &KeyEvent) -> Vec<Effect> {
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
    let plain = !event
        .modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
    // A letter no key takes, on the App Name item: the admin is typing the name.
    if let KeyCode::Char(_) = event.code
        && plain
        && model.overlay.is_none()
        && model.app_name_focused()
    {
        model.typing_app_name = true;
    }
    let app_name = model.screen == Screen::Step1;
    // Typed as a paste would be: full-width ＡＢＣ is ABC; what cannot become ASCII is
    // refused, and said so.
    if let KeyCode::Char(c) = event.code
        && app_name
        && model.typing_target().is_some()
        && !normalize_typed(c.encode_utf8(&mut [0; 4])).is_ascii()
    {
        model.notice = Some(Notice::new(Level::Error, "notice.app_name_ascii"));
        return vec![];
    }
    let input = match model.screen {
        Screen::Values if model.typing_target().is_some() => {
            let field = model.focused_field();
            model.field_mut(field)
        }
        Screen::Step1 if model.typing_target().is_some() => &mut model.app_name,
        _ => return vec![],
    };
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

/// Typing, deleting and moving the cursor in a text input; whether the key was one of those.
fn edit_input(input: &mut TextInput, event: &KeyEvent) -> bool {
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
