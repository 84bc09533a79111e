//! The support report: one Markdown page with everything hacomono support needs, and no secret.
//!
//! `render` is pure (the date comes in through `ReportMeta`), so the page can be snapshot-tested
//! and shown, copied or saved by the shell as it likes.

use std::fmt::Write as _;

use crate::app::check_text;
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
    /// Made in `--demo`, against the built-in emulator: said in the title and at the top, so
    /// nobody takes it for a real account's.
    pub demo: bool,
}

impl ReportMeta {
    /// This build, this machine, now.
    pub fn now(lang: Lang, demo: bool) -> ReportMeta {
        ReportMeta {
            tool_version: env!("CARGO_PKG_VERSION").to_owned(),
            date: crate::time::for_people(crate::time::now_unix()),
            os: format!("{}/{}", std::env::consts::OS, std::env::consts::ARCH),
            lang,
            demo,
        }
    }
}

/// The file a report is saved in: `hacomono-zoom-report-2026-12-05-090012.md`, in local time,
/// with `-demo` after `report` for a demo's; `attempt` 2, 3, … adds `-2`, `-3`, … (a report
/// saved twice within a second keeps both).
pub fn file_name(local_time: &str, demo: bool, attempt: u32) -> String {
    let demo = if demo { "-demo" } else { "" };
    let again = if attempt > 1 {
        format!("-{attempt}")
    } else {
        String::new()
    };
    format!("hacomono-zoom-report{demo}-{local_time}{again}.md")
}

/// The report in `lang`, as Markdown. The Client secret is never part of it, not even its
/// length; the Client ID is masked except its last four characters. Each section below is one
/// function, in the order of the page.
pub fn render(lang: Lang, meta: &ReportMeta, credentials: &Credentials, report: &Report) -> String {
    let mut page = Page {
        lang,
        out: String::new(),
    };
    page.about_the_run(meta);
    page.credentials(credentials);
    page.checks(report);
    page.details(report);
    page.users(report);
    page.connection(report);
    redact(page.out, credentials.client_secret.expose())
}

/// The page being written, in its language. Writing into a `String` cannot fail, hence the
/// ignored `fmt::Result`s.
struct Page {
    lang: Lang,
    out: String,
}

impl Page {
    fn t(&self, key: &str) -> &'static str {
        tr(self.lang, key)
    }

    fn line(&mut self, text: &str) {
        let _ = writeln!(self.out, "{text}");
    }

    /// `## text` (`level` 2) or `### text` (3), with a blank line either side.
    fn heading(&mut self, level: usize, key: &str) {
        let text = self.t(key);
        let _ = writeln!(self.out, "\n{} {text}\n", "#".repeat(level));
    }

    /// `- label: value`.
    fn item(&mut self, label_key: &str, value: &str) {
        let label = self.t(label_key);
        let _ = writeln!(self.out, "- {label}: {value}");
    }

    fn table_head(&mut self, headers: &[&str]) {
        self.row(headers);
        let _ = writeln!(self.out, "|{}", "---|".repeat(headers.len()));
    }

    /// The head of a two-column table of items and their values.
    fn items_head(&mut self) {
        self.table_head(&[
            self.t("support.report.item"),
            self.t("support.report.value"),
        ]);
    }

    fn row(&mut self, cells: &[&str]) {
        let _ = writeln!(self.out, "| {} |", cells.join(" | "));
    }

    /// The title (a demo's says so twice), the introduction and the facts about the run.
    fn about_the_run(&mut self, meta: &ReportMeta) {
        if meta.demo {
            let _ = writeln!(self.out, "# {}\n", self.t("support.report.title_demo"));
            let _ = writeln!(self.out, "**{}**\n", self.t("support.report.demo"));
        } else {
            let _ = writeln!(self.out, "# {}\n", self.t("support.report.title"));
        }
        let _ = writeln!(self.out, "{}\n", self.t("support.report.intro"));
        self.items_head();
        self.row(&[
            self.t("support.report.tool_version"),
            &code(&meta.tool_version),
        ]);
        self.row(&[self.t("support.report.date"), &cell(&meta.date)]);
        self.row(&[self.t("support.report.os"), &code(&meta.os)]);
        self.row(&[self.t("support.report.language"), meta.lang.code()]);
    }

    /// The three values: the Account ID whole, the Client ID masked, the secret left out (and
    /// an ID that may be the secret pasted at the wrong place).
    fn credentials(&mut self, credentials: &Credentials) {
        self.heading(2, "support.report.credentials.heading");
        self.items_head();
        let not_entered = self.t("support.report.not_entered");
        let secret_like = |field| crate::credentials::may_hold_the_secret(credentials, field);
        let secret_like_text = self.t("support.report.credentials.secret_like");
        let account = if credentials.account_id.is_empty() {
            not_entered.to_owned()
        } else if secret_like(Field::AccountId) {
            secret_like_text.to_owned()
        } else {
            code(&credentials.account_id)
        };
        let client = if credentials.client_id.is_empty() {
            not_entered.to_owned()
        } else if secret_like(Field::ClientId) {
            secret_like_text.to_owned()
        } else {
            format!(
                "{} ({})",
                code(&crate::credentials::mask_id(&credentials.client_id)),
                self.t("support.report.credentials.client_id_masked")
            )
        };
        let secret = self.t("support.report.credentials.secret_omitted");
        self.row(&[self.t(Field::AccountId.label_key()), &account]);
        self.row(&[self.t(Field::ClientId.label_key()), &client]);
        self.row(&[self.t(Field::ClientSecret.label_key()), secret]);
    }

    /// The result as the user read it, quoted whole.
    fn checks(&mut self, report: &Report) {
        let lang = self.lang;
        self.heading(2, "support.report.checks.heading");
        self.line("~~~text");
        let reenter = |field| check_text::reenter_in_report(lang, field);
        for text in check_text::lines(lang, report, |stage| report.status(stage), &reenter) {
            // A fence inside the text (from Zoom's answer) would end the block early.
            let text: String = text
                .chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect();
            self.line(&text.trim_end().replace("~~~", "~ ~ ~"));
        }
        self.line("~~~");
    }

    /// The facts support needs beside the result: what Zoom answered, then what the network (a
    /// proxy, a certificate, the OS) said, each under its heading when there is any.
    fn details(&mut self, report: &Report) {
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
                self.heading(3, heading);
                for (code_str, detail) in details {
                    self.line(&format!("- {}: {}", code(code_str), code(detail)));
                }
            }
        }
    }

    /// How many users Zoom listed, and the default user if one was chosen.
    fn users(&mut self, report: &Report) {
        self.heading(2, "support.report.users.heading");
        let total = report.users_total.map_or_else(
            || self.t("support.report.unknown").to_owned(),
            |n| n.to_string(),
        );
        self.item("support.report.users.total", &total);
        self.heading(3, "support.report.users.default_user");
        match report.default_user() {
            Some(user) => {
                self.items_head();
                self.row(&[self.t("support.report.users.id"), &code(&user.id)]);
                self.row(&[self.t("support.report.users.name"), &cell(&user.name())]);
                self.row(&[self.t("support.report.users.email"), &cell(&user.email)]);
            }
            None => self.line(self.t("support.report.users.none")),
        }
    }

    /// Where the requests went (the API, the route to it) and how long each took.
    fn connection(&mut self, report: &Report) {
        self.heading(2, "support.report.connection.heading");
        let api_url = report
            .api_url
            .as_deref()
            .map_or_else(|| self.t("support.report.unknown").to_owned(), code);
        self.item("support.report.connection.api_url", &api_url);
        for route in &report.route {
            let route = cell(&crate::net::report::route_line(self.lang, route));
            self.item("support.report.connection.route", &route);
        }
        self.line("");
        if report.timings_ms.is_empty() {
            self.line(self.t("support.report.connection.no_requests"));
            return;
        }
        self.table_head(&[
            self.t("support.report.connection.request"),
            self.t("support.report.connection.duration"),
        ]);
        for (name, ms) in &report.timings_ms {
            self.row(&[&code(name), &ms.to_string()]);
        }
    }
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
