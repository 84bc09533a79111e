//! 禁則 in every sentence the wizard has: each text of the assets and of the checklists, wrapped
//! at every width a screen or window gives it, never starts a row with a small kana, ー, 々, a
//! closing bracket or punctuation, never ends one with an opening bracket, and keeps a short
//! bracketed term (`[ユーザー管理]`, `(アプリ名)`, `[Sign In]`) on one row.

use hacomono_zoom_setup::guide::GUIDE;
use hacomono_zoom_setup::i18n::{Lang, TEXT};
use hacomono_zoom_setup::tui::widgets::wrap::wrap_lines;
use ratatui::text::Line;
use unicode_width::UnicodeWidthStr;

/// 行頭禁則 as JIS X 4051 lists it: small kana, the long-vowel and iteration marks, closing
/// brackets and punctuation.
const NEVER_FIRST: &str = "ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶー々ゝゞヽヾ\
    〉》」』】〕］｝）、。，．・：；！？…";
/// 行末禁則: opening brackets.
const NEVER_LAST: &str = "〈《「『【〔［｛（([";

/// The narrowest body a screen draws text in (a 50-column window less its margins) to a wide one.
const WIDTHS: std::ops::RangeInclusive<u16> = 40..=140;

fn texts() -> Vec<(String, String)> {
    let mut all: Vec<(String, String)> = Vec::new();
    for lang in [Lang::Ja, Lang::En] {
        for (key, text) in TEXT.iter() {
            all.push((key.clone(), text.get(lang).to_owned()));
        }
        let items = GUIDE
            .custom_role
            .iter()
            .chain(&GUIDE.step1)
            .chain(&GUIDE.step2);
        for item in items {
            for jwt in [false, true] {
                all.push((item.id.clone(), item.text_on(lang, jwt).to_owned()));
                if let Some(note) = item.note_on(lang, jwt) {
                    all.push((format!("{}.note", item.id), note.to_owned()));
                }
            }
        }
    }
    all.sort();
    all.dedup();
    all
}

fn rows(text: &str, width: u16) -> Vec<String> {
    let lines: Vec<Line> = text.lines().map(Line::raw).collect();
    wrap_lines(&lines, width)
        .iter()
        .map(|row| row.to_string())
        .collect()
}

#[test]
fn no_row_of_any_text_breaks_a_kinsoku_rule() {
    let mut checked = 0;
    for (key, text) in texts() {
        for line in text.lines() {
            for width in WIDTHS {
                let rows = rows(line, width);
                for (i, row) in rows.iter().enumerate() {
                    // A row the text starts with, or ends with, is not a break.
                    let first = row.trim_start().chars().next().filter(|_| i > 0);
                    let last = row.chars().next_back().filter(|_| i + 1 < rows.len());
                    assert!(
                        !first.is_some_and(|c| NEVER_FIRST.contains(c))
                            && !last.is_some_and(|c| NEVER_LAST.contains(c)),
                        "{key} at {width}: {row:?}\n{rows:#?}"
                    );
                    assert!(row.width() <= width as usize, "{key} at {width}: {row:?}");
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 50_000, "only {checked} wrappings");
}

/// The bracketed terms of `text` (`[...]`, `(...)`, `「...」` and the like), nested ones too.
fn terms(text: &str) -> Vec<String> {
    const PAIRS: [(char, char); 7] = [
        ('[', ']'),
        ('(', ')'),
        ('（', '）'),
        ('「', '」'),
        ('『', '』'),
        ('【', '】'),
        ('［', '］'),
    ];
    let mut open: Vec<(usize, char)> = Vec::new();
    let mut found = Vec::new();
    for (at, c) in text.char_indices() {
        if let Some(&(_, close)) = PAIRS.iter().find(|(o, _)| *o == c) {
            open.push((at, close));
        } else if let Some(k) = open.iter().rposition(|&(_, close)| close == c) {
            found.push(text[open[k].0..at + c.len_utf8()].to_owned());
            open.truncate(k);
        }
    }
    found
}

#[test]
fn a_short_bracketed_term_is_never_cut_where_it_fits() {
    let mut checked = 0;
    for (key, text) in texts() {
        for term in terms(&text).into_iter().filter(|t| !t.contains('\n')) {
            for width in WIDTHS {
                // Kept whole up to 24 columns, and half a row.
                if term.width() > 24 || term.width() > (width as usize - 4) / 2 {
                    continue;
                }
                let rows = rows(&text, width);
                assert!(
                    rows.iter().any(|row| row.contains(&term)),
                    "{key}: {term:?} is cut at {width}:\n{rows:#?}"
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 10_000, "only {checked} terms checked");
}
