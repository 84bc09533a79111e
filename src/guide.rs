//! The checklists of the wizard (custom role, STEP 1, STEP 2), loaded from `assets/guide.toml`.
//!
//! Content is data: when Zoom renames a menu item, one line of the asset changes, not code.

use std::sync::LazyLock;

use serde::Deserialize;

use crate::credentials::Field;
use crate::i18n::Lang;

/// What an item of a checklist is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    /// Something to do, ticked when done.
    #[default]
    Check,
    /// A group title (e.g. "Meeting > View and manage all user meetings"): not tickable.
    Heading,
    /// STEP 1's App Name: a text field, ASCII only.
    AppName,
}

/// One line of a checklist.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct GuideItem {
    /// Stable id, used to remember ticks.
    pub id: String,
    pub en: String,
    pub ja: String,
    #[serde(default)]
    pub note_en: Option<String>,
    #[serde(default)]
    pub note_ja: Option<String>,
    /// A page to open (shown in full where no browser can be opened).
    #[serde(default)]
    pub url: Option<String>,
    /// A required item left open makes leaving the screen ask first.
    #[serde(default = "required_by_default")]
    pub required: bool,
    #[serde(default)]
    pub kind: ItemKind,
    /// Nesting level under a heading (0 or 1).
    #[serde(default)]
    pub indent: u8,
    /// The granular Zoom scope this tick adds, shown beside it.
    #[serde(default)]
    pub scope: Option<String>,
    /// In STEP 2: the value this item pastes into hacomono (a copy key puts it on the clipboard).
    #[serde(default)]
    pub copy: Option<Field>,
    /// Its words on the JWT migration path, where they differ (hacomono already has the Zoom
    /// add-on there): they replace the text and the note.
    #[serde(default)]
    pub jwt: Option<Wording>,
}

/// An item's words in both languages, for a path where they differ.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Wording {
    pub en: String,
    pub ja: String,
    #[serde(default)]
    pub note_en: Option<String>,
    #[serde(default)]
    pub note_ja: Option<String>,
}

fn required_by_default() -> bool {
    true
}

impl GuideItem {
    pub fn text(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ja => &self.ja,
            Lang::En => &self.en,
        }
    }

    pub fn note(&self, lang: Lang) -> Option<&str> {
        match lang {
            Lang::Ja => self.note_ja.as_deref(),
            Lang::En => self.note_en.as_deref(),
        }
    }

    /// The text on the path taken: the JWT migration's words where it has its own.
    pub fn text_on(&self, lang: Lang, jwt_migration: bool) -> &str {
        match (&self.jwt, jwt_migration, lang) {
            (Some(w), true, Lang::Ja) => &w.ja,
            (Some(w), true, Lang::En) => &w.en,
            _ => self.text(lang),
        }
    }

    /// The note on the path taken, like [`GuideItem::text_on`].
    pub fn note_on(&self, lang: Lang, jwt_migration: bool) -> Option<&str> {
        match (&self.jwt, jwt_migration, lang) {
            (Some(w), true, Lang::Ja) => w.note_ja.as_deref(),
            (Some(w), true, Lang::En) => w.note_en.as_deref(),
            _ => self.note(lang),
        }
    }

    /// Headings are read, not ticked.
    pub fn is_tickable(&self) -> bool {
        self.kind == ItemKind::Check
    }
}

/// All checklists of the wizard.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Guide {
    pub custom_role: Vec<GuideItem>,
    pub step1: Vec<GuideItem>,
    pub step2: Vec<GuideItem>,
}

const GUIDE_TOML: &str = include_str!("../assets/guide.toml");

pub static GUIDE: LazyLock<Guide> =
    LazyLock::new(|| parse_guide(GUIDE_TOML).expect("assets/guide.toml is checked by tests"));

pub fn parse_guide(source: &str) -> Result<Guide, String> {
    toml::from_str(source).map_err(|e| e.to_string())
}
