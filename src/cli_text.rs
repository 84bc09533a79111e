//! The command line in the user's language: `--help` from `assets/cli.toml` (clap's derive
//! gives the shape, its help texts are static English), and clap's errors in our words.
//!
//! The language comes before parsing: `--lang` read from the raw arguments, else the locale.
//! Every argument's help is looked up by its id (`cli.arg.<id>`, `cli.check.arg.<id>`), so a
//! new flag without a sentence shows in the tests, not as English in a Japanese help.

use std::ffi::OsString;

use clap::builder::StyledStr;
use clap::error::{ContextKind, ContextValue, ErrorFormatter, ErrorKind};
use clap::{CommandFactory, FromArgMatches};

use crate::cli::Cli;
use crate::i18n::{Lang, tr, trf};

/// `--lang ja|en` (or `--lang=...`) among the raw arguments, before the end of options (`--`);
/// `None` without a valid one, so the locale decides, as it will after parsing.
pub fn lang_in_args(args: &[OsString]) -> Option<Lang> {
    let mut args = args.iter().skip(1).take_while(|a| *a != "--");
    let mut found = None;
    while let Some(arg) = args.next() {
        let value = match arg.to_str() {
            Some("--lang") => args.next().and_then(|v| v.to_str()),
            Some(other) => other.strip_prefix("--lang="),
            None => None,
        };
        match value {
            Some("ja") => found = Some(Lang::Ja),
            Some("en") => found = Some(Lang::En),
            _ => {}
        }
    }
    found
}

/// The command line, its every help text and heading in `lang`.
pub fn command(lang: Lang) -> clap::Command {
    let t = |key: &str| tr(lang, key);
    let template = format!(
        "{{about-with-newline}}\n{}: {{usage}}\n\n{{all-args}}{{after-help}}",
        t("cli.heading.usage")
    );
    let options = t("cli.heading.options");
    let localize = move |arg: clap::Arg, prefix: &str| {
        let key = format!("{prefix}{}", arg.get_id());
        let heading = if arg.is_positional() {
            t("cli.heading.arguments")
        } else {
            options
        };
        let takes_values = arg.get_action().takes_values();
        let arg = arg
            .help(wrapped(t(&key), HELP_WIDTH))
            .long_help(None::<&str>)
            .help_heading(heading);
        // Possible values and defaults are in the sentence itself, in its language.
        match takes_values {
            true => arg.hide_possible_values(true).hide_default_value(true),
            false => arg,
        }
    };
    Cli::command()
        .next_line_help(true)
        .about(wrapped(t("cli.about"), ABOUT_WIDTH))
        .long_about(None::<&str>)
        .help_template(template.clone())
        .override_usage(t("cli.usage.main"))
        .subcommand_help_heading(t("cli.heading.commands"))
        .subcommand_value_name(t("cli.value.command"))
        .mut_args(|arg| localize(arg, "cli.arg."))
        .mut_subcommand("check", |check| {
            check
                .about(wrapped(t("cli.check.about"), HELP_WIDTH))
                .long_about(wrapped(t("cli.check.long_about"), ABOUT_WIDTH))
                .help_template(template.clone())
                .override_usage(t("cli.usage.check"))
                .mut_args(|arg| localize(arg, "cli.check.arg."))
        })
        .mut_subcommand("help", |help| {
            help.about(wrapped(t("cli.help.about"), HELP_WIDTH))
                .long_about(None::<&str>)
                .help_template(template.clone())
                .override_usage(t("cli.usage.help"))
                .mut_args(|arg| localize(arg, "cli.help.arg."))
        })
}

/// The width a help text is wrapped to: with its indent, an 80-column terminal. clap breaks
/// lines only at spaces, which Japanese has few of; ours break where Japanese may.
const HELP_WIDTH: u16 = 68;

/// The width of a text that starts at the left edge (the program's description).
const ABOUT_WIDTH: u16 = 78;

/// `text` broken into rows of at most `width` columns, paragraph by paragraph.
fn wrapped(text: &str, width: u16) -> String {
    let lines: Vec<ratatui::text::Line> = text.lines().map(ratatui::text::Line::raw).collect();
    let rows = crate::tui::widgets::wrap::wrap_lines(&lines, width);
    let rows: Vec<String> = rows.iter().map(|row| row.to_string()).collect();
    rows.join("\n")
}

/// A command line that could not be read, or `--help` / `--version`, in the language of the
/// run: `print` says it, `exit_code` is clap's (0 for help and version, 2 for a mistake).
#[derive(Debug)]
pub enum ParseError {
    Ja(clap::error::Error<Japanese>),
    En(clap::error::Error<English>),
}

impl ParseError {
    fn new(error: clap::Error, lang: Lang) -> ParseError {
        match lang {
            Lang::Ja => ParseError::Ja(error.apply()),
            Lang::En => ParseError::En(error.apply()),
        }
    }

    pub fn print(&self) -> std::io::Result<()> {
        match self {
            ParseError::Ja(error) => error.print(),
            ParseError::En(error) => error.print(),
        }
    }

    pub fn exit_code(&self) -> i32 {
        match self {
            ParseError::Ja(error) => error.exit_code(),
            ParseError::En(error) => error.exit_code(),
        }
    }

    pub fn kind(&self) -> ErrorKind {
        match self {
            ParseError::Ja(error) => error.kind(),
            ParseError::En(error) => error.kind(),
        }
    }

    /// What `print` says, without colours.
    pub fn text(&self) -> String {
        match self {
            ParseError::Ja(error) => error.render().to_string(),
            ParseError::En(error) => error.render().to_string(),
        }
    }
}

/// Reads `args` (the program's name first) with the command line in `lang`.
pub fn parse_from(args: &[OsString], lang: Lang) -> Result<Cli, ParseError> {
    // Most starts read fine, and the words are only needed for help or a mistake: the command
    // with every help text (a few hundred microseconds to build) is made only then. Both
    // commands take the same arguments; only their words differ.
    if let Ok(cli) = <Cli as clap::Parser>::try_parse_from(args) {
        return Ok(cli);
    }
    let mut command = command(lang);
    command
        .try_get_matches_from_mut(args)
        .and_then(|mut matches| Cli::from_arg_matches_mut(&mut matches))
        .map_err(|error| ParseError::new(error.with_cmd(&command), lang))
}

/// The help of the program, or of one of its commands, in `lang`: `help [COMMAND]`.
pub fn help(lang: Lang, name: Option<&str>) -> Result<String, ParseError> {
    let mut command = command(lang);
    command.build();
    let target = match name {
        None => &mut command,
        Some(name) => match command.find_subcommand_mut(name) {
            Some(sub) => sub,
            None => {
                // No message of its own, so the formatter words it.
                let mut error = clap::Error::new(ErrorKind::InvalidSubcommand).with_cmd(&command);
                error.insert(
                    ContextKind::InvalidSubcommand,
                    ContextValue::String(name.to_owned()),
                );
                return Err(ParseError::new(error, lang));
            }
        },
    };
    Ok(target.render_long_help().to_string())
}

/// clap's errors in Japanese (`assets/cli.toml`).
#[derive(Debug)]
pub struct Japanese;

/// clap's errors in English, from the same sentences as the Japanese.
#[derive(Debug)]
pub struct English;

impl ErrorFormatter for Japanese {
    fn format_error(error: &clap::error::Error<Self>) -> StyledStr {
        format_error(
            Lang::Ja,
            error.kind(),
            &|kind| error.get(kind),
            source(error),
        )
    }
}

impl ErrorFormatter for English {
    fn format_error(error: &clap::error::Error<Self>) -> StyledStr {
        format_error(
            Lang::En,
            error.kind(),
            &|kind| error.get(kind),
            source(error),
        )
    }
}

/// Why a value did not parse (`--timeout x`): an integer that is not one, or clap's words.
fn source<F: ErrorFormatter>(error: &clap::error::Error<F>) -> Option<Reason> {
    let source = std::error::Error::source(error)?;
    Some(if source.is::<std::num::ParseIntError>() {
        Reason::NotANumber
    } else {
        Reason::Other(source.to_string())
    })
}

enum Reason {
    NotANumber,
    Other(String),
}

/// One error as our sentences say it: what is wrong, a suggestion, the usage, where to read
/// more. A kind we do not word ourselves keeps clap's short description.
fn format_error<'a>(
    lang: Lang,
    kind: ErrorKind,
    get: &dyn Fn(ContextKind) -> Option<&'a ContextValue>,
    reason: Option<Reason>,
) -> StyledStr {
    let text = |kind| context_text(get(kind));
    let mut out = format!(
        "{}{}",
        tr(lang, "cli.error.prefix"),
        what_is_wrong(lang, kind, &text, reason)
    );
    let suggestion = [
        ContextKind::SuggestedArg,
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedValue,
    ]
    .into_iter()
    .find_map(text);
    if let Some(suggestion) = suggestion {
        out.push_str("\n\n  ");
        out.push_str(&trf(
            lang,
            "cli.error.did_you_mean",
            &[("suggestion", &suggestion)],
        ));
    }
    if let Some(usage) = text(ContextKind::Usage) {
        // clap titles it in English: the usage itself follows its title.
        let usage = usage.split_once(": ").map_or(usage.as_str(), |(_, u)| u);
        out.push_str(&format!("\n\n{}: {usage}", tr(lang, "cli.heading.usage")));
    }
    out.push_str("\n\n");
    out.push_str(tr(lang, "cli.error.more"));
    out.push('\n');
    StyledStr::from(out)
}

/// A piece of clap's context as text, a list joined with commas.
fn context_text(value: Option<&ContextValue>) -> Option<String> {
    match value {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(v)) => Some(v.join(", ")),
        Some(ContextValue::StyledStr(s)) => Some(s.to_string()),
        _ => None,
    }
}

/// The first sentence of an error: what is wrong, with the argument and value it is about.
fn what_is_wrong(
    lang: Lang,
    kind: ErrorKind,
    text: &dyn Fn(ContextKind) -> Option<String>,
    reason: Option<Reason>,
) -> String {
    let arg = text(ContextKind::InvalidArg).unwrap_or_default();
    let value = text(ContextKind::InvalidValue).unwrap_or_default();
    let f = |key: &str, args: &[(&str, &str)]| trf(lang, key, args);
    match kind {
        ErrorKind::InvalidValue => invalid_value(lang, &arg, &value, text(ContextKind::ValidValue)),
        ErrorKind::ValueValidation => not_valid(lang, &arg, &value, reason),
        ErrorKind::UnknownArgument => f("cli.error.unknown_argument", &[("arg", &arg)]),
        ErrorKind::InvalidSubcommand => {
            let command = text(ContextKind::InvalidSubcommand).unwrap_or_default();
            f("cli.error.unknown_command", &[("command", &command)])
        }
        ErrorKind::ArgumentConflict => match text(ContextKind::PriorArg) {
            Some(prior) if prior == arg => f("cli.error.repeated", &[("arg", &arg)]),
            Some(prior) => f("cli.error.conflict", &[("arg", &arg), ("other", &prior)]),
            None => f("cli.error.conflict_any", &[("arg", &arg)]),
        },
        ErrorKind::MissingRequiredArgument => f("cli.error.missing", &[("args", &arg)]),
        ErrorKind::NoEquals => f("cli.error.no_equals", &[("arg", &arg)]),
        ErrorKind::TooManyValues => f("cli.error.too_many", &[("arg", &arg), ("value", &value)]),
        ErrorKind::InvalidUtf8 => tr(lang, "cli.error.not_utf8").to_owned(),
        other => f(
            "cli.error.other",
            &[("reason", other.as_str().unwrap_or("?"))],
        ),
    }
}

/// A value clap does not accept (`--lang xx`), or none given, with the values it would.
fn invalid_value(lang: Lang, arg: &str, value: &str, valid: Option<String>) -> String {
    if value.is_empty() {
        return trf(lang, "cli.error.value_required", &[("arg", arg)]);
    }
    let mut said = trf(
        lang,
        "cli.error.invalid_value",
        &[("arg", arg), ("value", value)],
    );
    if let Some(values) = valid {
        said.push('\n');
        said.push_str(&trf(lang, "cli.error.valid_values", &[("values", &values)]));
    }
    said
}

/// A value its parser refused (`--timeout x`), with the parser's reason.
fn not_valid(lang: Lang, arg: &str, value: &str, reason: Option<Reason>) -> String {
    if let Some(Reason::NotANumber) = reason {
        return trf(
            lang,
            "cli.error.not_a_number",
            &[("arg", arg), ("value", value)],
        );
    }
    let reason = match reason {
        Some(Reason::Other(reason)) => reason,
        _ => String::new(),
    };
    trf(
        lang,
        "cli.error.invalid",
        &[("arg", arg), ("value", value), ("reason", &reason)],
    )
}
