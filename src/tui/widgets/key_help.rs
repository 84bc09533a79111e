//! The footer and the `?` help, both drawn from the key table that handles the keys.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_truncate::{Alignment, UnicodeTruncateStr};
use unicode_width::UnicodeWidthStr;

use crate::app::Model;
use crate::app::keys::{Binding, Shown, bindings, screen_bindings, visible_keys};
use crate::glyphs::Glyphs;
use crate::i18n::tr;
use crate::tui::theme::Theme;

use super::wrap::wrap_indented;

fn keys_text(glyphs: &Glyphs, binding: &Binding, typing: bool) -> String {
    visible_keys(binding, typing)
        .iter()
        .map(|k| glyphs.key(&k.label()))
        .collect::<Vec<_>>()
        .join("/")
}

/// The bindings as they are offered: each with at least one working key (typing takes plain
/// characters), once.
fn offered(
    glyphs: &Glyphs,
    list: Vec<Binding>,
    typing: bool,
) -> Vec<(String, &'static str, Shown)> {
    let mut seen = Vec::new();
    let mut out = Vec::new();
    for b in list {
        let keys = keys_text(glyphs, &b, typing);
        if keys.is_empty() || seen.contains(&b.label) {
            continue;
        }
        seen.push(b.label);
        out.push((keys, b.label, b.shown));
    }
    out
}

/// One line of `key label` pairs in the table's order, as many as fit; the help key always
/// gets a place, since the help lists the rest.
pub struct Footer<'a> {
    pub model: &'a Model,
    pub theme: &'a Theme,
}

impl Widget for Footer<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let lang = self.model.lang;
        let pair = |keys: &str, label: &str| {
            vec![
                Span::styled(keys.to_owned(), self.theme.key),
                Span::raw(" "),
                Span::styled(
                    self.theme.glyphs.shown(tr(lang, label)).into_owned(),
                    self.theme.dim,
                ),
            ]
        };
        let typing = self.model.typing_target().is_some();
        let offered: Vec<_> = offered(&self.theme.glyphs, bindings(self.model), typing)
            .into_iter()
            .filter(|(_, _, s)| *s != Shown::HelpOnly)
            .collect();
        let help = offered.iter().find(|(_, label, _)| *label == "keys.help");
        let reserve = help.map_or(0, |(k, l, _)| {
            Line::from(pair(k, l)).width()
                + unicode_width::UnicodeWidthStr::width(self.theme.glyphs.separator)
                + 2
        });
        let separator = format!(" {} ", self.theme.glyphs.separator);
        let sep_width = unicode_width::UnicodeWidthStr::width(separator.as_str());
        let mut spans: Vec<Span> = Vec::new();
        let mut help_shown = false;
        for (keys, label, _) in &offered {
            let next = pair(keys, label);
            let room = if *label == "keys.help" { 0 } else { reserve };
            let sep = if spans.is_empty() { 0 } else { sep_width };
            if Line::from(spans.clone()).width() + sep + Line::from(next.clone()).width() + room
                > area.width as usize
            {
                if let Some((k, l, _)) = help.filter(|_| !help_shown) {
                    spans.push(Span::styled(separator.clone(), self.theme.dim));
                    spans.extend(pair(k, l));
                }
                break;
            }
            if sep > 0 {
                spans.push(Span::styled(separator.clone(), self.theme.dim));
            }
            spans.extend(next);
            help_shown |= *label == "keys.help";
        }
        Line::from(spans).render(area, buf);
    }
}

/// The rows of the `?` window for `width` columns: every binding of the screen, footer or
/// not, its keys in a column and what they do beside them (wrapped under that column).
pub fn help_lines(model: &Model, theme: &Theme, width: u16) -> Vec<Line<'static>> {
    let lang = model.lang;
    let g = &theme.glyphs;
    // The help describes the screen under it, not its own Esc; footer summaries are spelled
    // out by the rows they sum up.
    let typing = model.screen_typing_target().is_some();
    let rows: Vec<_> = offered(g, screen_bindings(model), typing)
        .into_iter()
        .filter(|(_, _, shown)| *shown != Shown::FooterSummary)
        .collect();
    let key_width = rows.iter().map(|(k, _, _)| k.width()).max().unwrap_or(0);
    rows.iter()
        .flat_map(|(keys, label, _)| {
            let line = Line::from(vec![
                Span::styled(
                    keys.unicode_pad(key_width, Alignment::Left, false),
                    theme.key,
                ),
                Span::raw("  "),
                Span::raw(g.shown(tr(lang, label)).into_owned()),
            ]);
            wrap_indented(&line, width, key_width + 2)
        })
        .collect()
}
