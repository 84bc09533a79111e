//! The words both front ends print, built once next to the view: a notice, what is still
//! missing, the offer to resume, a checklist item's details. The full screen and plain mode
//! only lay them out (styles, indents, numbering).

use crate::guide::GuideItem;
use crate::i18n::{Lang, tr, trf};

use super::model::{Missing, Model, Notice, NoticeArg};
use super::progress::{Progress, screen_from_name};
use super::screen::Screen;

/// A notice's sentence in `lang`, its arguments filled in (labels said in `lang`, several
/// joined as `lang` joins a list).
pub fn notice(lang: Lang, notice: &Notice) -> String {
    let separator = if lang == Lang::Ja { "、" } else { ", " };
    let args: Vec<(&str, String)> = notice
        .args
        .iter()
        .map(|(name, value)| {
            let value = match value {
                NoticeArg::Text(text) => text.clone(),
                NoticeArg::Labels(keys) => keys
                    .iter()
                    .map(|key| tr(lang, key))
                    .collect::<Vec<_>>()
                    .join(separator),
            };
            (*name, value)
        })
        .collect();
    let borrowed: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
    trf(lang, notice.key, &borrowed)
}

/// What is still open, in one line: the item's text, or which value is missing or wrong.
pub fn missing(model: &Model, missing: &Missing) -> String {
    let lang = model.lang;
    let field = |key, field: &crate::credentials::Field| {
        trf(lang, key, &[("field", tr(lang, field.label_key()))])
    };
    match missing {
        Missing::Item(id) => crate::guide::GUIDE
            .custom_role
            .iter()
            .chain(&crate::guide::GUIDE.step1)
            .chain(&crate::guide::GUIDE.step2)
            .find(|i| &i.id == id)
            .map_or_else(|| id.clone(), |i| model.item_text(i).to_owned()),
        Missing::AppName => tr(lang, "missing.app_name").to_owned(),
        Missing::Field(f) => field("missing.field", f),
        Missing::Invalid(f) => field("missing.invalid", f),
        Missing::CheckNotPassed => tr(lang, "missing.check_not_passed").to_owned(),
    }
}

/// The offer to continue saved progress: where it stopped and how much was ticked.
pub fn resume_body(lang: Lang, progress: &Progress) -> String {
    let screen = screen_from_name(&progress.screen).unwrap_or(Screen::Start);
    trf(
        lang,
        "resume.body",
        &[
            ("screen", tr(lang, screen.title_key())),
            ("ticks", &progress.ticks.len().to_string()),
        ],
    )
}

/// One line of a checklist item's details.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Detail {
    /// What the item's group heading says applies to each item under it.
    GroupNote(String),
    /// The item's own note.
    Note(String),
    /// Its link, after its label (`リンク: `).
    Link { label: &'static str, url: String },
    /// Its scope, after its label.
    Scope { label: &'static str, scope: String },
}

/// A checklist item's details as this run reads them (the migration path words some items
/// its own way): its group's note, its note, its link (whole, so it can be selected where no
/// browser opens) and its scope.
pub fn item_details(model: &Model, item: &GuideItem) -> Vec<Detail> {
    let lang = model.lang;
    let group_note = Model::group_of(model.screen, item).and_then(|h| h.note(lang));
    let mut details: Vec<Detail> = group_note
        .map(|n| Detail::GroupNote(n.to_owned()))
        .into_iter()
        .collect();
    details.extend(model.item_note(item).map(|n| Detail::Note(n.to_owned())));
    details.extend(item.url.as_ref().map(|url| Detail::Link {
        label: tr(lang, "detail.link"),
        url: url.clone(),
    }));
    details.extend(item.scope.as_ref().map(|scope| Detail::Scope {
        label: tr(lang, "detail.scope"),
        scope: scope.clone(),
    }));
    details
}

impl Detail {
    /// The line as plain text.
    pub fn plain(&self) -> String {
        match self {
            Detail::GroupNote(note) | Detail::Note(note) => note.clone(),
            Detail::Link { label, url } => format!("{label}{url}"),
            Detail::Scope { label, scope } => format!("{label}{scope}"),
        }
    }
}
