//! How plain mode prints the three values: the IDs in full (they are what the user types into
//! hacomono), the Client secret only as its preview, and an ID that may be the secret pasted at
//! the wrong prompt as a preview too. Since no value is echoed while it is typed or pasted, the
//! line after each answer says what landed, and the problems found in it.

use crate::app::Model;
use crate::app::check_text::severity_mark;
use crate::app::view::{default_shown, shown_value};
use crate::credentials::{Field, Severity, check_all};
use crate::i18n::{Lang, tr, trf};

/// The value of `field` as plain mode may print it; `None` when empty. Hidden values (the
/// secret, an ID that may hold it) only as their preview.
pub(super) fn shown(model: &Model, field: Field) -> Option<String> {
    shown_value(model, field, true)
}

/// What an empty answer keeps for `field`, as the prompt's `[default]`.
pub(super) fn default(model: &Model, field: Field) -> String {
    let shown = if model.field(field).value().is_empty() {
        default_shown(model, field)
    } else {
        shown(model, field)
    };
    shown.unwrap_or_else(|| tr(model.lang, "plain.none").to_owned())
}

/// The lines after an answer for `field`: what it now holds (`✓` when nothing is wrong), then
/// each problem with its mark; or that it is empty.
pub(super) fn hint(model: &Model, field: Field) -> Vec<String> {
    let lang = model.lang;
    let Some(value) = shown(model, field) else {
        return vec![format!("  ! {}", tr(lang, "values.empty_hint"))];
    };
    let problems = problems(model, field, lang, |_| true);
    if problems.is_empty() {
        return vec![format!("  ✓ {value}")];
    }
    let mut lines = vec![format!("  {value}")];
    lines.extend(problems);
    lines
}

/// `field`'s problems whose severity `keep` takes, each as `  ✗ text` or `  ! text`.
pub(super) fn problems(
    model: &Model,
    field: Field,
    lang: Lang,
    keep: impl Fn(Severity) -> bool,
) -> Vec<String> {
    check_all(&model.credentials())
        .into_iter()
        .filter(|(f, issue)| *f == field && keep(issue.severity))
        .map(|(_, issue)| format!("  {} {}", severity_mark(issue.severity), issue.text(lang)))
        .collect()
}

/// The "not finished" question's line for a value with a problem: the problem itself, since
/// plain mode has no field to look under.
pub(super) fn invalid_lines(model: &Model, field: Field) -> Vec<String> {
    let lang = model.lang;
    let label = tr(lang, field.label_key());
    let mut lines = vec![trf(lang, "plain.missing_invalid", &[("field", label)])];
    lines.extend(
        problems(model, field, lang, |s| s == Severity::Error)
            .into_iter()
            .map(|line| format!("    {}", line.trim_start())),
    );
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{Action, TextTarget, update};

    const SECRET: &str = "PastedSecretXYZ0123456789abcdefQ";

    fn model_with(field: Field, value: &str) -> Model {
        let mut model = Model::new(Lang::En, None);
        update(
            &mut model,
            crate::app::Msg::Action(Action::SetText(TextTarget::Field(field), value.into())),
        );
        model
    }

    #[test]
    fn an_id_is_shown_in_full_and_marked_when_nothing_is_wrong() {
        let model = model_with(Field::AccountId, "dEm0AcCoUnT-hAcoMono01");
        assert_eq!(
            hint(&model, Field::AccountId),
            ["  ✓ dEm0AcCoUnT-hAcoMono01"]
        );
        assert_eq!(default(&model, Field::AccountId), "dEm0AcCoUnT-hAcoMono01");
    }

    #[test]
    fn the_secret_pasted_at_an_id_prompt_is_shown_only_as_its_preview() {
        let model = model_with(Field::AccountId, SECRET);
        let lines = hint(&model, Field::AccountId).join("\n");
        assert!(lines.contains("Past…defQ (32 characters)"), "{lines}");
        assert!(lines.contains("like a Client secret"), "{lines}");
        assert!(!lines.contains(SECRET), "{lines}");
        assert!(!default(&model, Field::AccountId).contains(SECRET));
    }

    #[test]
    fn the_secret_is_always_its_preview() {
        let model = model_with(Field::ClientSecret, SECRET);
        assert_eq!(
            hint(&model, Field::ClientSecret),
            ["  ✓ Past…defQ (32 characters)"]
        );
    }

    #[test]
    fn an_empty_value_says_so_and_the_default_is_none() {
        let model = Model::new(Lang::En, None);
        assert_eq!(hint(&model, Field::ClientId), ["  ! not entered yet"]);
        assert_eq!(default(&model, Field::ClientId), "none");
    }

    #[test]
    fn a_value_with_a_problem_names_the_problem_where_plain_mode_lists_it() {
        let model = model_with(Field::ClientId, "abc@def");
        let lines = invalid_lines(&model, Field::ClientId);
        assert_eq!(lines[0], "Client ID has a problem:");
        assert!(
            lines[1].starts_with("    ✗ Contains characters"),
            "{lines:?}"
        );
    }
}
