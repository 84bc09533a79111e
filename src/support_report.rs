//! The support report: one Markdown page with everything hacomono support needs, and no secret.
//!
//! `render` is pure (the date comes in through `ReportMeta`), so the page can be snapshot-tested
//! and shown, copied or saved by the shell as it likes.

use std::fmt::Write as _;

use crate::check_text;
use crate::credentials::{Credentials, Field};
use crate::i18n::{Lang, tr};
use crate::zoom::report::Report;

/// The facts about the run that are not in the report itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportMeta {
    pub tool_version: String,
    /// Local, with the zone: `YYYY-MM-DD HH:MM JST` (`time::for_people`).
    pub date: String,
    /// `linux/x86_64`, `windows/x86_64`, `macos/aarch64`...
    pub os: String,
    /// The language the wizard was used in (the report itself may be in another).
    pub lang: Lang,
}

impl ReportMeta {
    /// This build, this machine, now.
    pub fn now(lang: Lang) -> ReportMeta {
        ReportMeta {
            tool_version: env!("CARGO_PKG_VERSION").to_owned(),
            date: crate::time::for_people(crate::time::now_unix()),
            os: format!("{}/{}", std::env::consts::OS, std::env::consts::ARCH),
            lang,
        }
    }
}

/// The report in `lang`, as Markdown. The Client secret is never part of it, not even its
/// length; the Client ID is masked except its last four characters.
pub fn render(lang: Lang, meta: &ReportMeta, credentials: &Credentials, report: &Report) -> String {
    let t = |key| tr(lang, key);
    let mut out = String::new();
    // Writing into a `String` cannot fail, hence the ignored `fmt::Result`s below.
    let w = &mut out;

    let _ = writeln!(w, "# {}\n", t("support.report.title"));
    let _ = writeln!(w, "{}\n", t("support.report.intro"));
    table_head(w, &[t("support.report.item"), t("support.report.value")]);
    row(
        w,
        &[t("support.report.tool_version"), &code(&meta.tool_version)],
    );
    row(w, &[t("support.report.date"), &cell(&meta.date)]);
    row(w, &[t("support.report.os"), &code(&meta.os)]);
    row(w, &[t("support.report.language"), meta.lang.code()]);

    let _ = writeln!(w, "\n## {}\n", t("support.report.credentials.heading"));
    table_head(w, &[t("support.report.item"), t("support.report.value")]);
    let not_entered = t("support.report.not_entered");
    let account = if credentials.account_id.is_empty() {
        not_entered.to_owned()
    } else {
        code(&credentials.account_id)
    };
    let client = if credentials.client_id.is_empty() {
        not_entered.to_owned()
    } else {
        format!(
            "{} ({})",
            code(&crate::credentials::mask_id(&credentials.client_id)),
            t("support.report.credentials.client_id_masked")
        )
    };
    row(w, &[tr(lang, Field::AccountId.label_key()), &account]);
    row(w, &[tr(lang, Field::ClientId.label_key()), &client]);
    row(
        w,
        &[
            tr(lang, Field::ClientSecret.label_key()),
            t("support.report.credentials.secret_omitted"),
        ],
    );

    // The result as the user read it, quoted whole, then the facts support needs beside it.
    let _ = writeln!(w, "\n## {}\n", t("support.report.checks.heading"));
    let _ = writeln!(w, "~~~text");
    let reenter = |field| check_text::reenter_in_report(lang, field);
    for text in check_text::lines(lang, report, |stage| report.status(stage), &reenter) {
        // A fence inside the text (from Zoom's answer) would end the block early.
        let text: String = text
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        let _ = writeln!(w, "{}", text.trim_end().replace("~~~", "~ ~ ~"));
    }
    let _ = writeln!(w, "~~~");
    // What Zoom answered and what the network (a proxy, a certificate, the OS) said, apart.
    for (heading, network) in [
        ("support.report.details", false),
        ("support.report.network_details", true),
    ] {
        let details: Vec<_> = report
            .diagnoses
            .iter()
            .filter(|d| d.code.is_network() == network)
            .filter_map(|d| d.detail.as_ref().map(|detail| (d.code.as_str(), detail)))
            .collect();
        if !details.is_empty() {
            let _ = writeln!(w, "\n### {}\n", t(heading));
            for (code_str, detail) in details {
                let _ = writeln!(w, "- {}: {}", code(code_str), code(detail));
            }
        }
    }

    let _ = writeln!(w, "\n## {}\n", t("support.report.users.heading"));
    let total = report
        .users_total
        .map_or_else(|| t("support.report.unknown").to_owned(), |n| n.to_string());
    let _ = writeln!(w, "- {}: {total}", t("support.report.users.total"));
    let _ = writeln!(w, "\n### {}\n", t("support.report.users.default_user"));
    match report.default_user() {
        Some(user) => {
            let name = user.name();
            table_head(w, &[t("support.report.item"), t("support.report.value")]);
            row(w, &[t("support.report.users.id"), &code(&user.id)]);
            row(w, &[t("support.report.users.name"), &cell(&name)]);
            row(w, &[t("support.report.users.email"), &cell(&user.email)]);
        }
        None => {
            let _ = writeln!(w, "{}", t("support.report.users.none"));
        }
    }

    let _ = writeln!(w, "\n## {}\n", t("support.report.connection.heading"));
    let api_url = report
        .api_url
        .as_deref()
        .map_or_else(|| t("support.report.unknown").to_owned(), code);
    let _ = writeln!(w, "- {}: {api_url}", t("support.report.connection.api_url"));
    for route in &report.route {
        let _ = writeln!(
            w,
            "- {}: {}",
            t("support.report.connection.route"),
            cell(&crate::net::report::route_line(lang, route))
        );
    }
    let _ = writeln!(w);
    if report.timings_ms.is_empty() {
        let _ = writeln!(w, "{}", t("support.report.connection.no_requests"));
    } else {
        table_head(
            w,
            &[
                t("support.report.connection.request"),
                t("support.report.connection.duration"),
            ],
        );
        for (name, ms) in &report.timings_ms {
            row(w, &[&code(name), &ms.to_string()]);
        }
    }

    redact(out, credentials.client_secret.expose())
}

/// A value on one line, with control characters removed: the report is pasted into tickets and
/// mails, and text from Zoom (user names, error bodies) must not break its layout.
fn line(value: &str) -> String {
    value
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .trim()
        .to_owned()
}

/// A value fit for a table cell: one line, `|` escaped.
fn cell(value: &str) -> String {
    line(value).replace('|', "\\|")
}

/// A value as inline code, so support can copy it exactly; a backtick inside would end the span
/// early, so the fence is made longer than any run of backticks in the value.
fn code(value: &str) -> String {
    let value = cell(value);
    let longest = value.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if value.starts_with('`') || value.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{value}{pad}{fence}")
}

fn table_head(w: &mut String, headers: &[&str]) {
    row(w, headers);
    let _ = writeln!(w, "|{}", "---|".repeat(headers.len()));
}

fn row(w: &mut String, cells: &[&str]) {
    let _ = writeln!(w, "| {} |", cells.join(" | "));
}

/// Belt and braces: the secret has no way into the page, but `detail` carries excerpts of
/// Zoom's answers, so anything equal to the secret is blotted out before the page leaves here.
/// Very short values are left alone: blotting out "a" would garble the page and protect nothing.
fn redact(page: String, secret: &str) -> String {
    if secret.chars().count() < 8 {
        return page;
    }
    // Also the form a table cell would have given it.
    page.replace(secret, "[REDACTED]")
        .replace(&cell(secret), "[REDACTED]")
}
