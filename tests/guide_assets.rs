//! The shipped checklists (`assets/guide.toml`) are complete, bilingual and consistent.

use std::collections::HashSet;

use hacomono_zoom_setup::credentials::Field;
use hacomono_zoom_setup::guide::{GUIDE, Guide, GuideItem, ItemKind, parse_guide};
use unicode_width::UnicodeWidthStr;

const GUIDE_TOML: &str = include_str!("../assets/guide.toml");

/// The longest item text, in display columns (a Japanese character counts 2). Notes may be longer.
const MAX_COLUMNS: usize = 64;

/// The scopes hacomono asks for (as STEP 1 ticks them), with the heading each sits under.
const SCOPES: [(&str, &str); 7] = [
    (
        "meeting:delete:meeting:admin",
        "View and manage all user meetings",
    ),
    (
        "meeting:update:meeting:admin",
        "View and manage all user meetings",
    ),
    (
        "meeting:write:meeting:admin",
        "View and manage all user meetings",
    ),
    (
        "meeting:delete:meeting:master",
        "View and manage sub account's user meetings",
    ),
    (
        "meeting:update:meeting:master",
        "View and manage sub account's user meetings",
    ),
    (
        "meeting:write:meeting:master",
        "View and manage sub account's user meetings",
    ),
    ("user:read:list_users:admin", "View all user information"),
];

fn lists(guide: &Guide) -> [(&'static str, &[GuideItem]); 3] {
    [
        ("custom_role", &guide.custom_role),
        ("step1", &guide.step1),
        ("step2", &guide.step2),
    ]
}

fn all_items(guide: &Guide) -> impl Iterator<Item = (&'static str, &GuideItem)> {
    lists(guide)
        .into_iter()
        .flat_map(|(name, items)| items.iter().map(move |item| (name, item)))
}

#[test]
fn the_shipped_guide_parses_and_every_list_has_content() {
    let guide = parse_guide(GUIDE_TOML).expect("assets/guide.toml parses");
    for (name, items) in lists(&guide) {
        assert!(
            items.iter().any(GuideItem::is_tickable),
            "{name} has nothing to tick"
        );
    }
}

/// The static the wizard uses holds what the asset says, field by field, compared with a
/// reading of the TOML as plain tables (not with another run of the same parser).
#[test]
fn the_wizard_shows_what_the_asset_says() {
    let raw: toml::Table = GUIDE_TOML.parse().expect("assets/guide.toml is TOML");
    let names: Vec<&String> = raw.keys().collect();
    assert_eq!(names.len(), 3, "three lists: {names:?}");
    for (name, items) in lists(&GUIDE) {
        let written = raw[name]
            .as_array()
            .unwrap_or_else(|| panic!("{name} is a list"));
        assert_eq!(items.len(), written.len(), "{name}: item count");
        for (item, entry) in items.iter().zip(written) {
            let text = |key: &str| entry.get(key).and_then(toml::Value::as_str);
            let id = text("id").expect("every item has an id");
            let at = format!("{name}/{id}");
            assert_eq!(item.id, id, "{at}: order");
            assert_eq!(Some(item.en.as_str()), text("en"), "{at}: en");
            assert_eq!(Some(item.ja.as_str()), text("ja"), "{at}: ja");
            assert_eq!(item.note_en.as_deref(), text("note_en"), "{at}: note_en");
            assert_eq!(item.note_ja.as_deref(), text("note_ja"), "{at}: note_ja");
            assert_eq!(item.url.as_deref(), text("url"), "{at}: url");
            assert_eq!(item.scope.as_deref(), text("scope"), "{at}: scope");
            let required = entry.get("required").map(|v| v.as_bool().unwrap());
            assert_eq!(item.required, required.unwrap_or(true), "{at}: required");
            let kind = match text("kind") {
                None | Some("check") => ItemKind::Check,
                Some("heading") => ItemKind::Heading,
                Some("app_name") => ItemKind::AppName,
                Some(other) => panic!("{at}: unknown kind {other}"),
            };
            assert_eq!(item.kind, kind, "{at}: kind");
            let indent = entry.get("indent").map_or(0, |v| v.as_integer().unwrap());
            assert_eq!(i64::from(item.indent), indent, "{at}: indent");
            let copy = match text("copy") {
                None => None,
                Some("account_id") => Some(Field::AccountId),
                Some("client_id") => Some(Field::ClientId),
                Some("client_secret") => Some(Field::ClientSecret),
                Some(other) => panic!("{at}: unknown copy field {other}"),
            };
            assert_eq!(item.copy, copy, "{at}: copy");
        }
    }
}

#[test]
fn a_misspelt_key_is_rejected_rather_than_ignored() {
    let valid = "custom_role = []\nstep2 = []\n[[step1]]\nid = \"a\"\nen = \"A\"\nja = \"A\"\n";
    let guide = parse_guide(valid).expect("a minimal guide parses");
    assert!(guide.step1[0].required, "items are required by default");
    assert_eq!(guide.step1[0].kind, ItemKind::Check);
    assert!(parse_guide(&format!("{valid}note_jp = \"x\"\n")).is_err());
}

#[test]
fn ids_are_unique_snake_case_within_each_list() {
    for (name, items) in lists(&GUIDE) {
        let mut seen = HashSet::new();
        for item in items {
            assert!(
                seen.insert(item.id.as_str()),
                "{name}: duplicate id {}",
                item.id
            );
            let snake = !item.id.is_empty()
                && item.id.starts_with(|c: char| c.is_ascii_lowercase())
                && item
                    .id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
            assert!(snake, "{name}: id {:?} is not snake_case", item.id);
        }
    }
}

#[test]
fn every_item_is_bilingual_and_notes_come_in_pairs() {
    for (name, item) in all_items(&GUIDE) {
        let id = &item.id;
        assert!(!item.en.trim().is_empty(), "{name}/{id}: empty en");
        assert!(!item.ja.trim().is_empty(), "{name}/{id}: empty ja");
        assert_eq!(
            item.note_en.is_some(),
            item.note_ja.is_some(),
            "{name}/{id}: a note in one language only"
        );
        for note in [&item.note_en, &item.note_ja].into_iter().flatten() {
            assert!(!note.trim().is_empty(), "{name}/{id}: empty note");
        }
    }
}

#[test]
fn japanese_text_is_japanese_and_item_texts_are_short() {
    for (name, item) in all_items(&GUIDE) {
        let id = &item.id;
        for text in [&item.en, &item.ja] {
            assert!(
                text.width() <= MAX_COLUMNS,
                "{name}/{id}: {text:?} is {} columns (max {MAX_COLUMNS})",
                text.width()
            );
        }
        // Headings may be bare Zoom menu paths, which stay in English in both languages.
        if item.kind != ItemKind::Heading {
            assert!(
                !item.ja.is_ascii(),
                "{name}/{id}: ja {:?} is not translated",
                item.ja
            );
        }
        if let Some(note) = &item.note_ja {
            assert!(!note.is_ascii(), "{name}/{id}: note_ja is not translated");
        }
    }
}

#[test]
fn headings_are_never_required_and_kinds_fit_their_lists() {
    for (name, item) in all_items(&GUIDE) {
        let id = &item.id;
        if item.kind == ItemKind::Heading {
            assert!(!item.required, "{name}/{id}: a heading cannot be required");
            assert!(item.scope.is_none() && item.copy.is_none() && item.url.is_none());
            assert_eq!(item.indent, 0, "{name}/{id}: headings are not indented");
        }
        assert!(item.indent <= 1, "{name}/{id}: indent is 0 or 1");
        if item.scope.is_some() {
            assert!(item.is_tickable(), "{name}/{id}: a scope goes on a tick");
        }
        if item.copy.is_some() {
            assert_eq!(name, "step2", "{id}: copy keys belong to STEP 2");
            assert!(item.is_tickable());
        }
    }
}

#[test]
fn every_url_is_https() {
    let urls: Vec<_> = all_items(&GUIDE)
        .filter_map(|(name, item)| item.url.as_deref().map(|url| (name, &item.id, url)))
        .collect();
    assert!(!urls.is_empty());
    for (name, id, url) in urls {
        assert!(
            url.starts_with("https://"),
            "{name}/{id}: {url} is not https"
        );
        assert!(!url.contains(char::is_whitespace), "{name}/{id}: {url:?}");
    }
}

#[test]
fn step1_starts_at_the_marketplace_and_has_one_app_name() {
    let first = &GUIDE.step1[0];
    assert_eq!(first.url.as_deref(), Some("https://marketplace.zoom.us/"));
    let names: Vec<_> = GUIDE
        .step1
        .iter()
        .filter(|item| item.kind == ItemKind::AppName)
        .collect();
    assert_eq!(names.len(), 1, "exactly one app_name item in step1");
    assert!(names[0].required);
    for list in [&GUIDE.custom_role, &GUIDE.step2] {
        assert!(list.iter().all(|item| item.kind != ItemKind::AppName));
    }
}

#[test]
fn step1_ticks_the_seven_scopes_under_their_headings() {
    let step1 = &GUIDE.step1;
    let scoped: Vec<_> = step1.iter().filter_map(|i| i.scope.as_deref()).collect();
    let expected: Vec<_> = SCOPES.iter().map(|(scope, _)| *scope).collect();
    let mut sorted_scoped = scoped.clone();
    let mut sorted_expected = expected.clone();
    sorted_scoped.sort_unstable();
    sorted_expected.sort_unstable();
    assert_eq!(
        sorted_scoped, sorted_expected,
        "step1 lists exactly the 7 scopes, once each"
    );

    for (scope, group) in SCOPES {
        let at = step1
            .iter()
            .position(|i| i.scope.as_deref() == Some(scope))
            .unwrap();
        let item = &step1[at];
        assert!(
            item.is_tickable() && item.required,
            "{scope}: a required tick"
        );
        assert_eq!(item.indent, 1, "{scope}: indented under its heading");
        let heading = step1[..at]
            .iter()
            .rev()
            .find(|i| i.indent == 0)
            .unwrap_or_else(|| panic!("{scope}: nothing above it"));
        assert_eq!(
            heading.kind,
            ItemKind::Heading,
            "{scope}: not under a heading"
        );
        assert!(
            heading.en.contains(&format!("[{group}]"))
                && heading.ja.contains(&format!("[{group}]")),
            "{scope} sits under {:?}, expected [{group}]",
            heading.en
        );
    }
}

#[test]
fn step1_scope_ticks_name_zoom_s_checkboxes_in_both_languages() {
    for item in GUIDE.step1.iter().filter(|i| i.scope.is_some()) {
        let label = match item.scope.as_deref().unwrap().split(':').nth(1).unwrap() {
            "delete" => "[Delete a meeting]",
            "update" => "[Update a meeting]",
            "write" => "[Create a meeting for a user]",
            "read" => "[View users]",
            other => panic!("unexpected action {other}"),
        };
        assert!(item.en.contains(label), "{}: {:?}", item.id, item.en);
        assert!(item.ja.contains(label), "{}: {:?}", item.id, item.ja);
    }
}

#[test]
fn step1_ends_with_activation_then_the_credentials() {
    let step1 = &GUIDE.step1;
    let pos = |needle: &str| {
        step1
            .iter()
            .position(|i| i.en.contains(needle))
            .unwrap_or_else(|| panic!("no step mentions {needle}"))
    };
    let last_scope = step1.iter().rposition(|i| i.scope.is_some()).unwrap();
    assert!(last_scope < pos("[Done]"));
    assert!(pos("[Done]") < pos("[Activate your app]"));
    assert!(pos("[Activate your app]") < pos("Your app is activated on the account"));
    assert!(pos("Your app is activated on the account") < pos("[App Credentials]"));
    assert_eq!(
        pos("[App Credentials]"),
        step1.len() - 1,
        "copying the credentials closes STEP 1"
    );
}

#[test]
fn step2_pastes_each_value_once_and_has_no_url() {
    let step2 = &GUIDE.step2;
    for field in Field::ALL {
        let n = step2.iter().filter(|i| i.copy == Some(field)).count();
        assert_eq!(n, 1, "{field:?} is pasted exactly once");
    }
    assert!(
        step2.iter().all(|i| i.url.is_none()),
        "hacomono's admin site differs per studio"
    );
    // The values go in before saving, and activation comes after saving.
    let save = step2.iter().position(|i| i.ja.contains("[保存]")).unwrap();
    let activate = step2
        .iter()
        .position(|i| i.ja.contains("[アクティベート]"))
        .unwrap();
    let last_paste = step2.iter().rposition(|i| i.copy.is_some()).unwrap();
    assert!(last_paste < save && save < activate);
}

#[test]
fn the_custom_role_lists_the_three_permissions() {
    let role = &GUIDE.custom_role;
    // Zoom's web portal follows the user's language: the Japanese text names its Japanese
    // labels, and the note the English ones.
    for (needle, ja) in [
        ("[Server-to-Server OAuth app]", "[サーバー間 OAuth アプリ]"),
        ("[Users]", "[ユーザー]"),
        ("[Meetings]", "[ミーティング]"),
    ] {
        let item = role
            .iter()
            .find(|i| i.en.contains(needle))
            .unwrap_or_else(|| panic!("custom role misses {needle}"));
        assert!(item.is_tickable() && item.required, "{needle}");
        assert!(
            item.ja.contains(ja),
            "{needle}: ja names Zoom's Japanese label {ja}"
        );
        let note = item.note_ja.as_deref().unwrap_or_default();
        assert!(
            note.contains(needle),
            "{needle}: the ja note gives the English label"
        );
    }
}
