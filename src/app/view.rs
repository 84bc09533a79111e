//! What a screen shows, as plain data: the TUI draws these blocks as a document
//! (`screens::blocks`), plain mode prints them as numbered text. A screen's content is
//! written here once. (Checklists, the three fields and the check result have richer forms
//! of their own in each front end, over the same model.)

use crate::app::check_text;
use crate::credentials::{Field, Secret, mask, secret_preview_in};
use crate::i18n::{Lang, tr, trf};
use crate::zoom::report::User;

use super::model::{MIGRATION_POINTS, Model, Overlay, RoleChoice, Screen, Situation, index_of};
use super::text_input::TextInput;
use super::update::SIGNUP_URL;

/// Whether a line states a success or a problem (shown with ✓ / ✗, never by colour alone).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    Ok,
    Problem,
}

impl Mark {
    pub fn symbol(self) -> &'static str {
        match self {
            Mark::Ok => "✓",
            Mark::Problem => "✗",
        }
    }
}

/// A question with numbered answers. `selected` is the answer the core holds now: the
/// highlighted one in the TUI, the default in plain mode.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice {
    pub question: String,
    /// Each answer, with a note that explains it (the TUI shows the selected one's).
    pub options: Vec<(String, Option<String>)>,
    pub selected: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    Text(String),
    /// A title over what follows.
    Heading(String),
    Bullets(Vec<String>),
    /// Lines that belong together (no space between them).
    Lines(Vec<String>),
    /// A web address under what it is for, shown whole so it can be selected where no
    /// browser opens.
    Link {
        label: String,
        url: String,
    },
    Warning(String),
    /// `label: value` lines.
    Facts(Vec<(String, String)>),
    Marked(Mark, String),
    Choice(Choice),
    /// Done's users, filtered by what is typed.
    Users(UserList),
}

/// Users to choose one from (hacomono's default user, the rehearsal's host), as the filter
/// lets them through.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UserList {
    pub question: String,
    /// What is typed, as typed.
    pub filter: String,
    /// Where in `filter` the next typed character goes (a byte offset, between characters).
    pub filter_cursor: usize,
    /// The focused user's index in the check's users, shown or not.
    pub chosen: usize,
    /// "3 of 8,000 users", or that nobody matches.
    pub summary: String,
    /// The matches, in list order.
    pub options: Vec<UserOption>,
    /// The focused match's position in `options`, if it is among them.
    pub selected: Option<usize>,
}

/// One user in the list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UserOption {
    /// Its index in the check's users: what `Action::Choose` takes.
    pub index: usize,
    /// `name  <e-mail>`, with a note when it is the check's proposal.
    pub label: String,
    pub proposed: bool,
}

/// The blocks of the current screen, for the screens that are text and choices.
pub fn blocks(model: &Model) -> Vec<Block> {
    let lang = model.lang;
    let t = |key| tr(lang, key).to_owned();
    match model.screen {
        Screen::Start => vec![
            Block::Text(t("start.body")),
            Block::Heading(t("start.needs")),
            Block::Bullets(
                ["start.need_zoom", "start.need_hacomono", "start.need_time"]
                    .map(t)
                    .to_vec(),
            ),
            Block::Choice(Choice {
                question: t("start.jwt_question"),
                options: Situation::ALL
                    .iter()
                    .map(|s| (t(s.label_key()), None))
                    .collect(),
                selected: index_of(&Situation::ALL, &model.situation),
            }),
        ],
        Screen::Migration => vec![
            Block::Text(t("migration.body")),
            Block::Bullets(MIGRATION_POINTS.map(t).to_vec()),
        ],
        Screen::Role => vec![
            Block::Text(t("role.body")),
            // A migration keeps the Zoom account already linked: no sign-up there.
            if model.jwt_migration() {
                Block::Text(t("role.existing_account"))
            } else {
                Block::Link {
                    label: t("role.no_account"),
                    url: SIGNUP_URL.to_owned(),
                }
            },
            Block::Choice(Choice {
                question: t("role.question"),
                options: RoleChoice::ALL
                    .iter()
                    .map(|r| (t(r.label_key()), Some(t(r.note_key()))))
                    .collect(),
                selected: index_of(&RoleChoice::ALL, &model.role),
            }),
        ],
        Screen::Done => done(model),
        _ => vec![],
    }
}

fn done(model: &Model) -> Vec<Block> {
    let lang = model.lang;
    let t = |key| tr(lang, key).to_owned();
    let mut blocks = match model.default_user() {
        Some(user) => vec![
            Block::Heading(t("done.default_user")),
            Block::Facts(vec![
                (t("done.name"), user.name()),
                (t("done.email"), user.email.clone()),
                (t("done.user_id"), user.id.clone()),
            ]),
            Block::Text(t("done.compare")),
        ],
        None => vec![Block::Warning(t("done.no_user"))],
    };
    blocks.push(Block::Heading(t("done.summary")));
    let (mark, key) = if model.check_passed() {
        (Mark::Ok, "done.check_ok")
    } else {
        (Mark::Problem, "done.check_not_ok")
    };
    blocks.push(Block::Marked(mark, t(key)));
    let ticked = |screen| {
        let items = Model::focusable_items(screen);
        let done = items.iter().filter(|i| model.is_ticked(i)).count();
        format!("{done}/{}", items.len())
    };
    // Checking an app hacomono already uses skips both checklists: said so, not counted.
    let flow = model.flow();
    let mut summary = match flow.contains(&Screen::Step1) {
        true => vec![
            trf(lang, "done.step1_ticked", &[("n", &ticked(Screen::Step1))]),
            trf(lang, "done.step2_ticked", &[("n", &ticked(Screen::Step2))]),
        ],
        false => vec![tr(lang, "done.steps_skipped").to_owned()],
    };
    if !model.app_name.is_empty() {
        summary.push(trf(
            lang,
            "done.app_name",
            &[("name", model.app_name.value())],
        ));
    }
    if let Some(done) = model.check.report().and_then(|r| r.rehearsal.as_deref()) {
        let chosen = model.default_user().map(|u| u.id.as_str());
        let host = &done.host;
        summary.push(match (done.passed(), chosen == Some(host.id.as_str())) {
            (true, true) => trf(lang, "done.rehearsal_passed", &[("name", &host.name())]),
            (true, false) => trf(lang, "done.rehearsal_other_host", &[("name", &host.name())]),
            (false, _) => trf(lang, "done.rehearsal_failed", &[("name", &host.name())]),
        });
    }
    blocks.push(Block::Lines(summary));
    // The chosen user's fitness as a host, said again for whoever is chosen.
    if let Some(user) = model.default_user()
        && let Some(warning) = crate::zoom::report::host_fitness(user)
    {
        // The title only: the list to choose from must stay on an 80x24 screen; the fix is
        // in the check's text and the support report.
        blocks.push(Block::Warning(format!("! {}", warning.title(lang))));
    }
    // A choice only where there is one to make.
    if model.users().len() >= 2 {
        blocks.push(Block::Users(user_list(model)));
    }
    blocks
}

/// What the rehearsal will do and cost, said before anything is written to Zoom.
pub fn consent_text(lang: Lang) -> Vec<String> {
    [
        "consent.what",
        "consent.cost",
        "consent.nobody",
        "consent.deleted",
    ]
    .into_iter()
    .map(|key| tr(lang, key).to_owned())
    .collect()
}

/// The rehearsal as the check shows it: under way (each step so far), or its result.
pub fn rehearsal_lines(model: &Model) -> Vec<String> {
    let lang = model.lang;
    if let Some(run) = &model.check.rehearsal {
        return check_text::rehearsal_progress_lines(lang, &run.host, |step| {
            run.steps
                .iter()
                .find(|(s, _)| *s == step)
                .map_or(crate::zoom::report::StageStatus::Pending, |(_, st)| *st)
        });
    }
    match model.check.report().and_then(|r| r.rehearsal.as_deref()) {
        Some(done) => check_text::rehearsal_lines(lang, done),
        None => vec![],
    }
}

/// Done's users as the filter lets them through, the proposal marked.
pub fn user_list(model: &Model) -> UserList {
    let cursor = model.cursor_of(Screen::Done);
    users_as_filtered(model, "done.choose", cursor, &model.user_filter)
}

/// The consent step's hosts, the same way; `None` when that step is not open.
pub fn host_list(model: &Model) -> Option<UserList> {
    match &model.overlay {
        Some(Overlay::Consent { host, filter }) => {
            Some(users_as_filtered(model, "consent.host", *host, filter))
        }
        _ => None,
    }
}

fn users_as_filtered(
    model: &Model,
    question_key: &str,
    cursor: usize,
    filter: &TextInput,
) -> UserList {
    let lang = model.lang;
    let users = model.users();
    let proposed = model.proposed_user();
    let matches = model.users_matching(filter.value());
    let typed = filter.value().to_owned();
    let total = crate::text::thousands(users.len() as u64);
    let summary = if matches.is_empty() {
        trf(lang, "done.no_match", &[("filter", &typed)])
    } else {
        let count = crate::text::thousands(matches.len() as u64);
        trf(
            lang,
            "done.matches",
            &[("count", &count), ("total", &total)],
        )
    };
    let options: Vec<UserOption> = matches
        .iter()
        .map(|&index| {
            let is_proposed = Some(index) == proposed;
            let mut label = user_line(&users[index]);
            if is_proposed {
                label = format!("{label}  {}", tr(lang, "done.proposed"));
            }
            UserOption {
                index,
                label,
                proposed: is_proposed,
            }
        })
        .collect();
    UserList {
        question: tr(lang, question_key).to_owned(),
        selected: options.iter().position(|o| o.index == cursor),
        filter: typed,
        filter_cursor: filter.before_cursor().len(),
        chosen: cursor,
        summary,
        options,
    }
}

/// `name  <e-mail>`: a user in a list.
pub fn user_line(user: &User) -> String {
    format!("{}  <{}>", user.name(), user.email)
}

/// A field's value as it may be shown now: a hidden secret as bullets (`preview`: as its
/// ends and length instead), else the value; `None` when empty. The value is the one checked
/// and copied (cleaned as a paste is), so what is read off the screen is what works.
pub fn shown_value(model: &Model, field: Field, preview: bool) -> Option<String> {
    let value = crate::credentials::clean(model.field(field).value());
    let value = value.as_str();
    if value.is_empty() {
        return None;
    }
    Some(match (model.is_hidden(field), preview) {
        (false, _) => value.to_owned(),
        (true, false) => mask(value),
        (true, true) => secret_preview_in(model.lang, &Secret::new(value)),
    })
}

/// The language-neutral part of a prompt's default: what an empty answer keeps for `field`,
/// shown as `shown_value` would show it.
pub fn default_shown(model: &Model, field: Field) -> Option<String> {
    let value = model.default_value(field)?;
    Some(if model.is_hidden(field) {
        secret_preview_in(model.lang, &Secret::new(value))
    } else {
        value
    })
}

/// The verdict question under the check: go on, or check again. Checking is the default
/// while there is no result (a check cancelled by an edit of the values, say).
pub fn check_choice(model: &Model, lang: Lang) -> Choice {
    Choice {
        question: String::new(),
        options: vec![
            (tr(lang, "keys.next").to_owned(), None),
            (tr(lang, "keys.recheck").to_owned(), None),
        ],
        selected: usize::from(model.check.report().is_none()),
    }
}
