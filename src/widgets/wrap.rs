//! Line wrapping that reads right in Japanese: ratatui's wrapper breaks only at spaces, which
//! cuts mixed Japanese/English text at the wrong places. Here a line may break at a space or
//! between wide (CJK) characters, never before closing punctuation, and continuation rows keep
//! the line's leading indent.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Characters a row must not start with (a light form of Japanese kinsoku).
fn is_closing(c: char) -> bool {
    matches!(
        c,
        '、' | '。'
            | '，'
            | '．'
            | '）'
            | ')'
            | ']'
            | '」'
            | '』'
            | '】'
            | '・'
            | 'ー'
            | '…'
            | '！'
            | '？'
            | '：'
            | ','
            | '.'
            | ':'
            | ';'
            | '!'
            | '?'
    )
}

/// Characters a row must not end with.
fn is_opening(c: char) -> bool {
    matches!(c, '(' | '[' | '（' | '「' | '『' | '【')
}

/// One grapheme cluster (what ratatui puts in one cell, or two) and its style.
type Unit = (String, Style);

fn first(u: &Unit) -> char {
    u.0.chars().next().unwrap_or(' ')
}

fn last(u: &Unit) -> char {
    u.0.chars().next_back().unwrap_or(' ')
}

fn is_space(u: &Unit) -> bool {
    u.0 == " "
}

/// A cluster's width as ratatui measures it.
fn unit_width(u: &Unit) -> usize {
    UnicodeWidthStr::width(u.0.as_str())
}

/// Marks a line may start with, each followed by a space: bullets and status marks, the focus
/// pointer, radio buttons and boxes, in both glyph sets.
const MARKS: [&str; 18] = [
    "•", "*", "✓", "✗", "!", "–", "-", "→", "->", "i", "›", ">", "(•)", "(*)", "( )", "[x]", "[ ]",
    "^",
];

/// The width a continuation row is indented by: the line's leading spaces, plus up to two marks
/// with their spaces (`• `, `✓ `, `› (•) `), so wrapped items line up under their text. (All
/// marks are one column per character, so this counts columns too.)
fn hanging_indent(units: &[Unit]) -> usize {
    let mut at = units.iter().take_while(|u| is_space(u)).count();
    for _ in 0..2 {
        let starts = |mark: &&str| {
            let length = mark.chars().count();
            let head: String = units[at..]
                .iter()
                .take(length)
                .map(|u| u.0.as_str())
                .collect();
            head == **mark && units.get(at + length).is_some_and(is_space)
        };
        // The longest mark that fits (`->` before `-`).
        let Some(mark) = MARKS
            .iter()
            .filter(|m| starts(m))
            .max_by_key(|m| m.chars().count())
        else {
            break;
        };
        at += mark.chars().count() + 1;
    }
    at
}

fn is_wide(c: char) -> bool {
    c.width().unwrap_or(0) > 1
}

/// A row may end between `previous` and `next`: after a space, or between wide characters,
/// but never right before closing punctuation. Rows are cut only between grapheme clusters,
/// so a letter keeps its combining marks and an emoji sequence stays whole.
fn breakable(previous: char, next: char) -> bool {
    (previous == ' ' || is_wide(previous) || is_wide(next))
        && !is_closing(next)
        && !is_opening(previous)
        && next != ' '
        && next.width() != Some(0)
        && previous != '\u{200d}'
}

fn breakable_units(previous: &Unit, next: &Unit) -> bool {
    breakable(last(previous), first(next))
}

/// `text` cut to `width` columns where a row could break, ending in `ellipsis`; whole when it
/// fits, empty when not even a first piece does (a title shortened, never cut mid-word).
pub fn shorten(text: &str, width: usize, ellipsis: &str) -> String {
    if text.width() <= width {
        return text.to_owned();
    }
    let units: Vec<&str> = text.graphemes(true).collect();
    let mut best = None;
    for i in 1..units.len() {
        let previous = units[i - 1].chars().next_back().unwrap_or(' ');
        let next = units[i].chars().next().unwrap_or(' ');
        if !breakable(previous, next) {
            continue;
        }
        let head = units[..i].concat();
        let head = head.trim_end();
        if head.width() + ellipsis.width() <= width {
            best = Some(format!("{head}{ellipsis}"));
        } else {
            break;
        }
    }
    best.unwrap_or_default()
}

/// Wraps `lines` to `width` columns.
pub fn wrap_lines(lines: &[Line<'_>], width: u16) -> Vec<Line<'static>> {
    let width = width.max(1) as usize;
    lines
        .iter()
        .flat_map(|line| wrap_line(line, width))
        .collect()
}

/// Wraps one line to `width` columns, its continuation rows indented by `indent` columns (a key
/// table's second column), whatever the line starts with.
pub fn wrap_indented(line: &Line<'_>, width: u16, indent: usize) -> Vec<Line<'static>> {
    wrap_with(line, width.max(1) as usize, Some(indent))
}

fn wrap_line(line: &Line<'_>, width: usize) -> Vec<Line<'static>> {
    wrap_with(line, width, None)
}

fn wrap_with(line: &Line<'_>, width: usize, indent: Option<usize>) -> Vec<Line<'static>> {
    let units: Vec<Unit> = line
        .spans
        .iter()
        .flat_map(|span| {
            let style = line.style.patch(span.style);
            span.content
                .graphemes(true)
                .map(|g| g.chars().filter(|c| !c.is_control()).collect::<String>())
                .filter(|g| !g.is_empty())
                .map(move |g| (g, style))
                .collect::<Vec<_>>()
        })
        .collect();
    let indent = indent.unwrap_or_else(|| hanging_indent(&units));
    // A hanging indent only when it leaves room for text.
    let indent = if indent * 2 < width { indent } else { 0 };
    let pad: Vec<Unit> = vec![(" ".to_owned(), Style::default()); indent];

    let mut rows: Vec<Vec<Unit>> = Vec::new();
    let mut row: Vec<Unit> = Vec::new();
    let mut row_width = 0;
    // Where the row may be cut: everything from this index moves to the next row.
    let mut cut: Option<usize> = None;
    for unit in units {
        let w = unit_width(&unit);
        let space = is_space(&unit);
        let continuation = !rows.is_empty();
        if continuation && row.len() == indent && space {
            continue; // no leading spaces after a break
        }
        if row_width + w > width && row.len() > indent {
            let break_here = space
                || row
                    .last()
                    .is_some_and(|previous| breakable_units(previous, &unit));
            let carry = match cut.filter(|&i| i > indent && !break_here) {
                Some(i) => row.split_off(i),
                // Right here, or a hard break when the row offers no better place.
                None => Vec::new(),
            };
            rows.push(trim_end(std::mem::take(&mut row)));
            row.extend(pad.iter().cloned());
            row.extend(carry.into_iter().skip_while(is_space));
            row_width = row.iter().map(unit_width).sum();
            cut = None;
            if space {
                continue;
            }
            if row_width + w > width && row.len() > indent {
                // What was carried and this one still do not fit: fitting beats kinsoku.
                rows.push(trim_end(std::mem::take(&mut row)));
                row.extend(pad.iter().cloned());
                row_width = indent;
            }
        }
        if rows.is_empty() && row.len() < indent {
            // Still inside the first row's indent and mark: never a place to break.
            row_width += w;
            row.push(unit);
            continue;
        }
        if row
            .last()
            .is_some_and(|previous| breakable_units(previous, &unit))
        {
            cut = Some(row.len());
        }
        row_width += w;
        row.push(unit);
    }
    rows.push(trim_end(row));
    rows.into_iter().map(to_line).collect()
}

fn trim_end(mut row: Vec<Unit>) -> Vec<Unit> {
    while row.last().is_some_and(is_space) {
        row.pop();
    }
    row
}

fn to_line(row: Vec<Unit>) -> Line<'static> {
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut text = String::new();
    let mut current: Option<Style> = None;
    for (g, style) in row {
        if current.is_some_and(|s| s != style) {
            spans.push(Span::styled(
                std::mem::take(&mut text),
                current.unwrap_or_default(),
            ));
        }
        current = Some(style);
        text.push_str(&g);
    }
    if !text.is_empty() {
        spans.push(Span::styled(text, current.unwrap_or_default()));
    }
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str, width: u16) -> Vec<String> {
        wrap_lines(&[Line::raw(text.to_owned())], width)
            .iter()
            .map(|l| l.to_string())
            .collect()
    }

    #[test]
    fn japanese_breaks_between_characters_not_at_the_last_space() {
        let out = rows("入力した値で Zoom にアクセストークンを要求します。", 24);
        assert_eq!(
            out,
            ["入力した値で Zoom にアク", "セストークンを要求しま", "す。"]
        );
    }

    #[test]
    fn english_breaks_at_spaces_and_keeps_the_indent() {
        assert_eq!(
            rows("  one two three four", 12),
            ["  one two", "  three four"]
        );
    }

    #[test]
    fn a_title_is_shortened_where_a_line_may_break() {
        assert_eq!(shorten("STEP 1: build the app", 12, "…"), "STEP 1:…");
        assert_eq!(shorten("Zoom で確認", 8, "..."), "Zoom...");
        assert_eq!(shorten("Zoom で確認", 10, "…"), "Zoom で確…");
        assert_eq!(shorten("short", 12, "…"), "short");
        assert_eq!(shorten("unbreakable", 5, "…"), "");
    }

    #[test]
    fn a_focused_choice_hangs_under_its_label() {
        assert_eq!(
            rows("› (•) one two three four", 16),
            ["› (•) one two", "      three four"]
        );
        assert_eq!(
            rows("> (*) one two three four", 16),
            ["> (*) one two", "      three four"]
        );
        assert_eq!(
            rows("  ( ) one two three four", 16),
            ["  ( ) one two", "      three four"]
        );
    }

    #[test]
    fn bullets_hang_under_their_text() {
        assert_eq!(
            rows("• one two three four", 12),
            ["• one two", "  three four"]
        );
    }

    #[test]
    fn brackets_stay_with_what_they_enclose() {
        let out = rows("あいう[アクティベート]を押します", 14);
        assert!(
            out.iter().all(|r| !r.starts_with(']') && !r.ends_with('[')),
            "{out:?}"
        );
    }

    #[test]
    fn closing_punctuation_never_starts_a_row() {
        let out = rows("あいうえお。", 10);
        assert!(out.iter().all(|r| !r.starts_with('。')), "{out:?}");
    }

    #[test]
    fn every_row_fits_and_nothing_is_lost() {
        let text =
            "Zoom App Marketplace で [Manage] > 作成したアプリ > [App Credentials] を開きます。";
        for width in 1..40u16 {
            let out = rows(text, width);
            for row in &out {
                assert!(
                    unicode_width::UnicodeWidthStr::width(row.as_str()) <= (width as usize).max(2),
                    "{row:?} at {width}"
                );
            }
            let joined: String = out.concat().chars().filter(|c| *c != ' ').collect();
            let original: String = text.chars().filter(|c| *c != ' ').collect();
            assert_eq!(joined, original, "at width {width}");
        }
    }
}
