//! Line wrapping that reads right in Japanese. ratatui's wrapper breaks only at spaces, which
//! Japanese has few of. Where a row may end comes from the Unicode line breaking algorithm
//! (UAX #14, `unicode-linebreak`), which keeps 禁則 the strict way: small kana (ゃ ッ ァ), ー,
//! 々, closing brackets and punctuation (」 〉 ） 。 、 ！ …) never start a row, opening brackets
//! never end one, and Japanese may break between any other two characters. Two tailorings:
//! - between two narrow (one-column) clusters a row ends only after a space, so English words,
//!   numbers, paths and URLs stay whole (UAX #14 alone would break after `-`, `/` or `?`); one
//!   longer than a row is cut (below);
//! - a short bracketed term (`[ユーザー管理]`, `「アプリ」`) stays on one row where it fits.
//!
//! On top of those places, our row filling: styles kept, continuation rows hanging under the
//! line's indent and marks. A row with nowhere allowed to end (`[ユーザー管理]>[ロール]>...`
//! without spaces, a long URL) is cut at the last place that still keeps 禁則 by UAX #14's
//! classes, else where it is full: fitting beats 禁則.

use icu_properties::CodePointMapData;
use icu_properties::props::{BidiMirroringGlyph, BidiPairedBracketType};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_linebreak::{BreakClass, break_property, linebreaks};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// One grapheme cluster (what ratatui puts in one cell, or two) and how it is laid out.
#[derive(Clone)]
struct Unit {
    text: String,
    style: Style,
    /// Columns, as ratatui measures the cluster (`unicode-width`).
    width: usize,
    /// A row may start with this cluster.
    opens_row: bool,
    /// A row that has to be cut may start with this cluster: it keeps 禁則.
    may_start: bool,
}

impl Unit {
    fn space() -> Unit {
        Unit {
            text: " ".to_owned(),
            style: Style::default(),
            width: 1,
            opens_row: false,
            may_start: false,
        }
    }

    fn is_space(&self) -> bool {
        self.text == " "
    }
}

/// The clusters of `spans` over `base`, control characters dropped; no place to break yet.
fn units(spans: &[Span<'_>], base: Style) -> Vec<Unit> {
    spans
        .iter()
        .flat_map(|span| {
            let style = base.patch(span.style);
            span.content
                .graphemes(true)
                .map(|g| g.chars().filter(|c| !c.is_control()).collect::<String>())
                .filter(|g| !g.is_empty())
                .map(move |text| Unit {
                    width: text.width(),
                    text,
                    style,
                    opens_row: false,
                    may_start: false,
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Marks where a row `room` columns wide may start: UAX #14's opportunities, less those
/// between two narrow clusters (not after a space), before a zero-width one, and inside a
/// short bracketed term.
fn mark_breaks(units: &mut [Unit], room: usize) {
    let text: String = units.iter().map(|u| u.text.as_str()).collect();
    let mut breaks = linebreaks(&text).map(|(at, _)| at).peekable();
    let mut at = 0;
    for i in 0..units.len() {
        while breaks.next_if(|&b| b < at).is_some() {}
        if i > 0 {
            let (previous, unit) = (&units[i - 1], &units[i]);
            let in_word = previous.width < 2 && unit.width < 2 && !previous.is_space();
            let may_start = keeps_kinsoku(previous, unit);
            let opens_row = breaks.peek() == Some(&at) && !in_word && unit.width > 0;
            (units[i].may_start, units[i].opens_row) = (may_start, opens_row);
        }
        at += units[i].text.len();
    }
    keep_terms(units, room);
}

/// Whether a row cut between `previous` and `next` keeps 禁則, by UAX #14's classes: it does not
/// end with an opening bracket nor start with what never starts a line (closing brackets and
/// punctuation, small kana, ー, 々, `…`, `!`, `:`), nor with a zero-width cluster.
fn keeps_kinsoku(previous: &Unit, next: &Unit) -> bool {
    use BreakClass::*;
    let class = |c: Option<char>| c.map(|c| break_property(c as u32));
    let ends_open = matches!(
        class(previous.text.chars().next_back()),
        Some(OpenPunctuation)
    );
    let never_first = matches!(
        class(next.text.chars().next()),
        Some(
            ClosePunctuation
                | CloseParenthesis
                | Exclamation
                | InfixSeparator
                | NonStarter
                | ConditionalJapaneseStarter
                | Inseparable
        )
    );
    !ends_open && !never_first && next.width > 0
}

/// A bracketed term up to this many columns stays on one row where it fits (`[ユーザー管理]` is
/// 14, `[App Credentials]` 17); a longer one (a parenthesised sentence) breaks inside like any
/// text, and so does one wider than half a row, which would leave too much of a row blank.
const TERM_WIDTH: usize = 24;

/// No row starts inside a short bracketed term: from its opening bracket to the one that
/// pairs with it (Unicode's Bidi_Paired_Bracket: `[`/`]`, `「`/`」`, `（`/`）`...).
fn keep_terms(units: &mut [Unit], room: usize) {
    let most = TERM_WIDTH.min(room / 2);
    let brackets = CodePointMapData::<BidiMirroringGlyph>::new();
    // Brackets not closed yet: where each is, and the bracket that closes it.
    let mut open: Vec<(usize, Option<char>)> = Vec::new();
    for i in 0..units.len() {
        let Some(c) = units[i].text.chars().next() else {
            continue;
        };
        let bracket = brackets.get(c);
        match bracket.paired_bracket_type {
            BidiPairedBracketType::Open => open.push((i, bracket.mirroring_glyph)),
            BidiPairedBracketType::Close => {
                let Some(k) = open.iter().rposition(|&(_, closer)| closer == Some(c)) else {
                    continue;
                };
                let start = open[k].0;
                open.truncate(k);
                let width: usize = units[start..=i].iter().map(|u| u.width).sum();
                if width <= most {
                    for unit in &mut units[start + 1..=i] {
                        (unit.opens_row, unit.may_start) = (false, false);
                    }
                }
            }
            _ => {}
        }
    }
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
    let mut at = units.iter().take_while(|u| u.is_space()).count();
    for _ in 0..2 {
        let starts = |mark: &&str| {
            let length = mark.chars().count();
            let head: String = units[at..]
                .iter()
                .take(length)
                .map(|u| u.text.as_str())
                .collect();
            head == **mark && units.get(at + length).is_some_and(Unit::is_space)
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

/// `text` cut to `width` columns where a row could end, ending in `ellipsis`; whole when it
/// fits, empty when not even a first piece does (a title shortened, never cut mid-word).
pub fn shorten(text: &str, width: usize, ellipsis: &str) -> String {
    if text.width() <= width {
        return text.to_owned();
    }
    let mut units = units(&[Span::raw(text)], Style::default());
    mark_breaks(&mut units, width);
    let mut best = String::new();
    let mut head = String::new();
    for unit in units {
        if unit.opens_row {
            let kept = head.trim_end();
            if kept.width() + ellipsis.width() > width {
                break;
            }
            best = format!("{kept}{ellipsis}");
        }
        head.push_str(&unit.text);
    }
    best
}

/// Wraps `lines` to `width` columns.
pub fn wrap_lines(lines: &[Line<'_>], width: u16) -> Vec<Line<'static>> {
    lines
        .iter()
        .flat_map(|line| wrap_with(line, width.max(1) as usize, None))
        .collect()
}

/// Wraps one line to `width` columns, its continuation rows indented by `indent` columns (a key
/// table's second column), whatever the line starts with.
pub fn wrap_indented(line: &Line<'_>, width: u16, indent: usize) -> Vec<Line<'static>> {
    wrap_with(line, width.max(1) as usize, Some(indent))
}

fn wrap_with(line: &Line<'_>, width: usize, indent: Option<usize>) -> Vec<Line<'static>> {
    let mut units = units(&line.spans, line.style);
    let indent = indent.unwrap_or_else(|| hanging_indent(&units));
    // A hanging indent only when it leaves room for text.
    let indent = if indent * 2 < width { indent } else { 0 };
    mark_breaks(&mut units, width - indent);
    fill(units, width, indent)
        .into_iter()
        .map(to_line)
        .collect()
}

/// Rows of at most `width` columns, filled greedily: a row takes what fits and ends at the last
/// place a row may start (what follows moves down); with no such place, at the last place that
/// keeps 禁則, else where it is full. Spaces at the end of a row hang past it and are dropped;
/// none starts a continuation row.
fn fill(units: Vec<Unit>, width: usize, indent: usize) -> Vec<Vec<Unit>> {
    let pad = vec![Unit::space(); indent];
    let mut rows: Vec<Vec<Unit>> = Vec::new();
    let mut row: Vec<Unit> = Vec::new();
    let mut row_width = 0;
    // Where the row may be cut: everything from this index moves to the next row.
    let mut cut: Option<usize> = None;
    for unit in units {
        // The first row's indent and marks: never a place to break.
        let head = rows.is_empty() && row.len() < indent;
        if unit.is_space() {
            if !rows.is_empty() && row.len() == indent {
                continue;
            }
        } else if !head && row.len() > indent && row_width + unit.width > width {
            let at = match unit.opens_row {
                true => None,
                false => cut
                    .filter(|&i| i > indent)
                    .or_else(|| forced_cut(&row, &unit, indent)),
            };
            // Right here, or a hard break when the row offers no better place.
            let carry = at.map_or_else(Vec::new, |i| row.split_off(i));
            rows.push(trim_end(std::mem::take(&mut row)));
            row.extend(pad.iter().cloned());
            row.extend(carry);
            row_width = row.iter().map(|u| u.width).sum();
            cut = None;
            if row_width + unit.width > width && row.len() > indent {
                // What was carried and this one still do not fit: fitting beats 禁則.
                rows.push(trim_end(std::mem::take(&mut row)));
                row.extend(pad.iter().cloned());
                row_width = indent;
            }
        }
        if !head && unit.opens_row {
            cut = Some(row.len());
        }
        row_width += unit.width;
        row.push(unit);
    }
    rows.push(trim_end(row));
    rows
}

/// Where a full row with no allowed break is cut: the last place in it (before `next` at the
/// latest) that keeps 禁則.
fn forced_cut(row: &[Unit], next: &Unit, indent: usize) -> Option<usize> {
    if next.may_start {
        return Some(row.len());
    }
    (indent + 1..row.len()).rev().find(|&i| row[i].may_start)
}

fn trim_end(mut row: Vec<Unit>) -> Vec<Unit> {
    while row.last().is_some_and(Unit::is_space) {
        row.pop();
    }
    row
}

fn to_line(row: Vec<Unit>) -> Line<'static> {
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut text = String::new();
    let mut current: Option<Style> = None;
    for unit in row {
        if current.is_some_and(|s| s != unit.style) {
            spans.push(Span::styled(
                std::mem::take(&mut text),
                current.unwrap_or_default(),
            ));
        }
        current = Some(unit.style);
        text.push_str(&unit.text);
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

    /// Every row of `text` at every width from `widths`, with the width.
    fn all_rows(text: &str, widths: std::ops::RangeInclusive<u16>) -> Vec<(u16, String)> {
        widths
            .flat_map(|w| rows(text, w).into_iter().map(move |r| (w, r)))
            .collect()
    }

    /// 行頭禁則 as JIS X 4051 lists it: small kana, the long-vowel and iteration marks,
    /// closing brackets and punctuation.
    const NEVER_FIRST: &str = "ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇵㇸㇹㇺㇻㇼㇽㇾㇿー々ゝゞヽヾ\
        〉》」』】〕〗〙］｝）),]}、。，．・：；！？‼⁇…‥";
    /// 行末禁則: opening brackets.
    const NEVER_LAST: &str = "〈《「『【〔〖〘［｛（([{";

    /// No row of `text` breaks a 禁則 rule at `widths` (from the width of its longest piece that
    /// cannot be broken: below it, fitting beats 禁則).
    fn assert_kinsoku(text: &str, widths: std::ops::RangeInclusive<u16>) {
        for (w, row) in all_rows(text, widths) {
            let body = row.trim_start();
            let first = body.chars().next();
            assert!(
                !first.is_some_and(|c| NEVER_FIRST.contains(c)),
                "row starts with {first:?} at {w}: {row:?}\nin {:?}",
                rows(text, w)
            );
            let last = row.chars().next_back();
            assert!(
                !last.is_some_and(|c| NEVER_LAST.contains(c)),
                "row ends with {last:?} at {w}: {row:?}\nin {:?}",
                rows(text, w)
            );
        }
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
    fn small_kana_never_start_a_row() {
        // At 50 columns the old tables let a row start with `ェックを入れます`.
        let note = "[表示]と[編集]の両方にチェックを入れます。英語表示の Zoom では\
            [Advanced features]の[Server-to-Server OAuth app]です。";
        assert_kinsoku(note, 18..=60);
        assert_eq!(
            rows(note, 50)[0],
            "[表示]と[編集]の両方にチェックを入れます。英語表示"
        );
        assert_kinsoku(
            "シャットダウンしてジョッキーのチュートリアルをキャンセル",
            6..=30,
        );
        assert_eq!(rows("チェックを", 6), ["チェッ", "クを"]);
        // Narrower than `チェッ`: the row is cut where it is full.
        assert_eq!(rows("チェック", 4), ["チェ", "ック"]);
    }

    #[test]
    fn long_vowel_and_iteration_marks_never_start_a_row() {
        assert_kinsoku("ユーザーとサーバー間のアプリ、人々と時々", 4..=30);
        assert_eq!(rows("あユーザー", 5), ["あ", "ユー", "ザー"]);
        assert_eq!(rows("あい人々", 6), ["あい", "人々"]);
    }

    #[test]
    fn closing_brackets_and_punctuation_never_start_a_row() {
        let text = "〈設定〉《表示》〔任意〕［高度］｛値｝「アプリ」『公開』（任意）です。\
            はい、いいえ。本当？はい！待つ…中・点：終";
        assert_kinsoku(text, 6..=40);
        assert_eq!(rows("あいうえお。", 10), ["あいうえ", "お。"]);
        assert_eq!(rows("あいう」", 6), ["あい", "う」"]);
    }

    #[test]
    fn opening_brackets_never_end_a_row() {
        assert_kinsoku(
            "あいう「アプリ」を（任意で）開き〈設定〉と《表示》を【確認】",
            4..=40,
        );
        assert_eq!(rows("あいう「え", 8), ["あいう", "「え"]);
    }

    #[test]
    fn a_short_bracketed_term_stays_on_one_row_where_it_fits() {
        // The old wrapping cut `[ユー` / `ザー管理]` at 50 columns.
        let fix = "Zoom がこのホストのミーティング作成を拒否しました(3161)。Zoom ウェブポータ\
            ルでユーザーのロールと設定([ユーザー管理] > [ユーザー]、[設定] > [ミーティング])\
            を確認するか、別のユーザーを hacomono のデフォルトユーザーにしてください。";
        for (w, row) in all_rows(fix, 30..=80) {
            let opened = row.matches('[').count();
            let closed = row.matches(']').count();
            let first_close = row.find(']');
            let first_open = row.find('[');
            assert!(
                opened == closed && first_close.is_none_or(|c| first_open.is_some_and(|o| o < c)),
                "a term is cut at {w}: {row:?}"
            );
        }
        assert_eq!(
            rows("あいうえおかきくけこ[ユーザー管理]", 28),
            ["あいうえおかきくけこ", "[ユーザー管理]"]
        );
    }

    #[test]
    fn a_long_bracketed_sentence_breaks_inside_as_text_does() {
        let text = "あ(誰にもメールを送らず、すぐに削除します。ホストの 1 日 100 回の作成・\
            更新のうち 2 回を使います)";
        let out = rows(text, 40);
        assert_eq!(out[0], "あ(誰にもメールを送らず、すぐに削除しま");
        // A term wider than half the row breaks inside too, never right after its bracket.
        assert_eq!(
            rows("あいう[ユーザー管理]", 16),
            ["あいう[ユーザー", "管理]"]
        );
    }

    #[test]
    fn english_words_are_not_split() {
        let text = "Make sure the role has the [Server-to-Server OAuth app] permission \
            (User Management > Roles > the role > Role Settings).";
        let words: Vec<&str> = text.split(' ').collect();
        for (w, row) in all_rows(text, 17..=60) {
            for word in row.split(' ') {
                assert!(words.contains(&word), "{word:?} is split at {w}: {row:?}");
            }
        }
        assert_eq!(
            rows("  one two three four", 12),
            ["  one two", "  three four"]
        );
    }

    #[test]
    fn a_url_longer_than_the_row_is_cut_not_overflowing() {
        let url = "https://marketplace.zoom.us/develop/create?type=s2s-oauth";
        assert_eq!(
            rows(&format!("開く {url}"), 20),
            [
                "開く",
                "https://marketplace.",
                "zoom.us/develop/crea",
                "te?type=s2s-oauth"
            ]
        );
        // A URL that fits moves down whole, unbroken at its `/` and `-`.
        assert_eq!(
            rows("see https://zoom.us/a-b/c", 24),
            ["see", "https://zoom.us/a-b/c"]
        );
    }

    #[test]
    fn a_row_with_nowhere_to_break_is_cut_where_kinsoku_still_holds() {
        // No space, and UAX #14 breaks neither before `[` nor after `>`: the cut goes between
        // two terms, not after the `[`.
        let path = "[ユーザー管理]>[ロール]>(対象のロール)>[ロール設定]";
        assert_eq!(
            rows(path, 44),
            ["[ユーザー管理]>[ロール]>(対象のロール)>", "[ロール設定]"]
        );
        // Where the row is full a `.` would start the next: one letter goes with it.
        assert_eq!(
            rows(&format!("{}.b", "a".repeat(20)), 20),
            ["a".repeat(19), "a.b".to_owned()]
        );
    }

    #[test]
    fn widths_are_counted_by_grapheme_cluster() {
        // `ｶﾞ` is one cluster two columns wide: the mark stays with its kana.
        for (w, row) in all_rows("ﾕｰｻﾞｰ ｶﾞｲﾄﾞ ﾊﾟｽﾜｰﾄﾞ", 2..=20) {
            assert!(row.width() <= w as usize, "{row:?} over {w}");
            assert!(
                !row.starts_with(['\u{FF9E}', '\u{FF9F}']),
                "a mark is cut from its kana at {w}: {row:?}"
            );
        }
        assert_eq!(rows("ｶﾞｶﾞｶﾞ", 4), ["ｶﾞｶﾞ", "ｶﾞ"]);
        // A letter keeps its combining mark, an emoji sequence stays whole.
        assert_eq!(
            rows("か\u{3099}き\u{3099}く\u{3099}", 4),
            ["か\u{3099}き\u{3099}", "く\u{3099}"]
        );
        assert_eq!(
            rows("👨\u{200d}👩\u{200d}👧👍🏽", 3),
            ["👨\u{200d}👩\u{200d}👧", "👍🏽"]
        );
    }

    /// What the screens draw passes through `Glyphs::shown`, which composes `ｶﾞ` to `ガ`: the
    /// rows then take in ratatui's buffer exactly the columns they were measured at (ratatui
    /// counts a half-width voiced mark as a cell of its own).
    #[test]
    fn rows_of_shown_text_fill_the_buffer_as_measured() {
        use ratatui::buffer::Buffer;
        use ratatui::layout::Rect;
        let text = crate::glyphs::UNICODE.shown("ﾕｰｻﾞｰ ｶﾞｲﾄﾞ の［ﾊﾟｽﾜｰﾄﾞ］を設定します");
        for width in 4..=30u16 {
            for row in wrap_lines(&[Line::raw(text.to_string())], width) {
                let mut buffer = Buffer::empty(Rect::new(0, 0, width, 1));
                let (end, _) = buffer.set_line(0, 0, &row, width);
                assert_eq!(end as usize, row.width(), "{row} at {width}");
            }
        }
    }

    #[test]
    fn a_title_is_shortened_where_a_line_may_break() {
        assert_eq!(shorten("STEP 1: build the app", 12, "…"), "STEP 1:…");
        assert_eq!(shorten("Zoom で確認", 8, "..."), "Zoom...");
        assert_eq!(shorten("Zoom で確認", 10, "…"), "Zoom で確…");
        assert_eq!(shorten("short", 12, "…"), "short");
        assert_eq!(shorten("unbreakable", 5, "…"), "");
        assert_eq!(shorten("チェックを入れます", 7, "…"), "チェッ…");
        assert_eq!(shorten("チェックを入れます", 6, "…"), "");
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
        assert_eq!(
            rows("  • チェックを入れます", 10),
            ["  • チェッ", "    クを入", "    れます"]
        );
    }

    #[test]
    fn styles_survive_the_wrap() {
        use ratatui::style::Stylize;
        let line = Line::from(vec![Span::raw("あいう"), "えお".bold()]);
        let out = wrap_lines(&[line], 6);
        assert_eq!(out[0].spans, [Span::raw("あいう")]);
        assert_eq!(out[1].spans, ["えお".bold()]);
    }

    #[test]
    fn every_row_fits_and_nothing_is_lost() {
        let text =
            "Zoom App Marketplace で [Manage] > 作成したアプリ > [App Credentials] を開きます。";
        for width in 1..40u16 {
            let out = rows(text, width);
            for row in &out {
                assert!(row.width() <= (width as usize).max(2), "{row:?} at {width}");
            }
            let joined: String = out.concat().chars().filter(|c| *c != ' ').collect();
            let original: String = text.chars().filter(|c| *c != ' ').collect();
            assert_eq!(joined, original, "at width {width}");
        }
    }
}
