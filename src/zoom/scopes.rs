//! hacomono's scope requirements (STEP 1 of assets/guide.toml ticks them) and how a token's
//! scopes meet them.
//!
//! A requirement is met by its granular scope or by its classic umbrella: the Marketplace shows
//! the granular scopes under the classic scope's description, and older apps hold classic ones.

use crate::i18n::{Lang, tr};
use crate::zoom::report::ScopeCheck;

/// One scope hacomono asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Requirement {
    /// Stable id; its label is `scope.<id>` in `assets/diagnoses.toml`.
    pub id: &'static str,
    pub granular: &'static str,
    pub classic: &'static [&'static str],
    /// Only matters for master accounts with sub accounts.
    pub sub_account: bool,
    /// The group STEP 1 ticks it under.
    pub group: ScopeGroup,
}

/// The groups STEP 1 (and the Marketplace) ticks the scopes under, in its order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScopeGroup {
    /// [Meeting] > [View and manage all user meetings]
    AllUserMeetings,
    /// [Meeting] > [View and manage sub account's user meetings]
    SubAccountMeetings,
    /// [User] > [View all user information]
    UserInformation,
}

impl ScopeGroup {
    /// The text key of its label, as STEP 1 shows it.
    pub fn label_key(self) -> &'static str {
        match self {
            ScopeGroup::AllUserMeetings => "scope_group.all_user_meetings",
            ScopeGroup::SubAccountMeetings => "scope_group.sub_account_meetings",
            ScopeGroup::UserInformation => "scope_group.user_information",
        }
    }
}

const fn req(
    id: &'static str,
    granular: &'static str,
    classic: &'static [&'static str],
    group: ScopeGroup,
) -> Requirement {
    Requirement {
        id,
        granular,
        classic,
        sub_account: matches!(group, ScopeGroup::SubAccountMeetings),
        group,
    }
}

impl Requirement {
    /// What the admin ticks, as STEP 1 names it: `[View users]`.
    pub fn label(&self, lang: Lang) -> &'static str {
        tr(lang, &format!("scope.{}", self.id))
    }

    /// The group it is ticked under: `[User] > [View all user information]`.
    pub fn group_label(&self, lang: Lang) -> &'static str {
        tr(lang, self.group.label_key())
    }

    /// The whole way to its checkbox and its granular name, for a sentence:
    /// `[User] > [View all user information] > [View users] (user:read:list_users:admin)`.
    pub fn path(&self, lang: Lang) -> String {
        format!(
            "{} > {} ({})",
            self.group_label(lang),
            self.label(lang),
            self.granular
        )
    }
}

/// Scope names (`a, b`, as a diagnosis detail holds them) as the admin finds them in STEP 1,
/// each with its granular name for support; a name hacomono does not ask for stays as it is.
pub fn paths_of(names: &str, lang: Lang) -> String {
    let separator = match lang {
        Lang::Ja => "、",
        Lang::En => "; ",
    };
    names
        .split(',')
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(|name| {
            requirements_of(name)
                .next()
                .map_or_else(|| name.to_owned(), |r| r.path(lang))
        })
        .collect::<Vec<_>>()
        .join(separator)
}

/// The ticks of hacomono's help article, in the order the Marketplace shows them.
pub const REQUIREMENTS: &[Requirement] = &[
    req(
        "meeting_create",
        "meeting:write:meeting:admin",
        &["meeting:write:admin"],
        ScopeGroup::AllUserMeetings,
    ),
    req(
        "meeting_update",
        "meeting:update:meeting:admin",
        &["meeting:write:admin"],
        ScopeGroup::AllUserMeetings,
    ),
    req(
        "meeting_delete",
        "meeting:delete:meeting:admin",
        &["meeting:write:admin"],
        ScopeGroup::AllUserMeetings,
    ),
    req(
        "sub_meeting_create",
        "meeting:write:meeting:master",
        &["meeting:master"],
        ScopeGroup::SubAccountMeetings,
    ),
    req(
        "sub_meeting_update",
        "meeting:update:meeting:master",
        &["meeting:master"],
        ScopeGroup::SubAccountMeetings,
    ),
    req(
        "sub_meeting_delete",
        "meeting:delete:meeting:master",
        &["meeting:master"],
        ScopeGroup::SubAccountMeetings,
    ),
    req(
        "user_list",
        "user:read:list_users:admin",
        &["user:read:admin", "user:write:admin"],
        ScopeGroup::UserInformation,
    ),
];

/// The requirement with this id.
pub fn requirement(id: &str) -> Option<&'static Requirement> {
    REQUIREMENTS.iter().find(|r| r.id == id)
}

/// The scopes of a token's `scope` string (space separated; commas tolerated).
pub fn split_scopes(scope_string: &str) -> Vec<&str> {
    scope_string
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|s| !s.is_empty())
        .collect()
}

/// Checks every requirement against the token's scope string. With `sub_accounts` the
/// sub-account requirements become required (a missing one is an error, not a warning).
pub fn evaluate(scope_string: &str, sub_accounts: bool) -> Vec<ScopeCheck> {
    let held = split_scopes(scope_string);
    REQUIREMENTS
        .iter()
        .map(|r| {
            // Granular first: it is what new apps hold and what the Marketplace asks for.
            let met_by = std::iter::once(r.granular)
                .chain(r.classic.iter().copied())
                .find(|wanted| held.contains(wanted))
                .map(str::to_owned);
            ScopeCheck {
                requirement: r.id,
                granular: r.granular,
                classic: r.classic,
                met_by,
                sub_account: r.sub_account,
                required: !r.sub_account || sub_accounts,
            }
        })
        .collect()
}

/// The requirements a scope name (granular or classic) belongs to.
pub fn requirements_of(scope: &str) -> impl Iterator<Item = &'static Requirement> + '_ {
    REQUIREMENTS
        .iter()
        .filter(move |r| r.granular == scope || r.classic.contains(&scope))
}

/// The text Zoom puts in every missing-scope message, whatever its code or HTTP status.
const MISSING_SCOPES_MARK: &str = "does not contain scopes";

/// Reads the scope names out of a missing-scope message:
/// `Invalid access token, does not contain scopes:[a].`, `...scopes:[a, b].`,
/// `...scopes: [a, b]`. `None` when the message is about something else; `Some(vec![])` when
/// it is a missing-scope message whose list could not be read.
pub fn parse_missing_scopes(message: &str) -> Option<Vec<String>> {
    let lower = message.to_ascii_lowercase();
    let mark = lower.find(MISSING_SCOPES_MARK)?;
    let after_mark = &message[mark + MISSING_SCOPES_MARK.len()..];
    let list = after_mark
        .trim_start()
        .strip_prefix(':')
        .unwrap_or(after_mark)
        .trim_start();
    let list = match list.strip_prefix('[') {
        Some(inner) => inner.split(']').next().unwrap_or(""),
        // No brackets: the rest of the sentence, without its full stop.
        None => list.trim_end().trim_end_matches('.'),
    };
    let names = list
        .split(|c: char| c == ',' || c.is_whitespace())
        // Quotes and full stops around a name (the double quote escaped for tests/assets.rs).
        .map(|s| s.trim_matches(['\u{22}', '\'', '.']))
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect();
    Some(names)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_requirement_has_a_unique_id_and_scopes() {
        for (i, r) in REQUIREMENTS.iter().enumerate() {
            assert!(!r.classic.is_empty(), "{}", r.id);
            assert!(REQUIREMENTS[..i].iter().all(|o| o.id != r.id), "{}", r.id);
        }
    }
}
