//! The marks and frames the wizard draws around its text, in two sets: Unicode, and ASCII for
//! terminals that draw East Asian *ambiguous-width* characters two cells wide (the legacy
//! Windows console with a Japanese code page; Tera Term, RLogin, PuTTY, iTerm2, Terminal.app or
//! GNOME Terminal set to "ambiguous = wide"). Almost every Unicode frame glyph is ambiguous:
//! `─ │ ┌ ┐ └ ┘ ▶ • – … ↑ ↓ → ↗ · ›`. `✓` and `✗` are neutral and stay in both sets.
//!
//! Layout code takes widths from these strings (`unicode-width`), never assumes one column, and
//! every text is passed through `Glyphs::shown` before it is laid out.

use std::borrow::Cow;

use ratatui::symbols::border;
use ratatui::text::{Line, Span};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthChar;

/// How the glyph set is chosen: `--glyphs`, else `HACOMONO_ZOOM_SETUP_GLYPHS`, else `auto`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum GlyphChoice {
    /// Measure the terminal at start (see `probe`).
    #[default]
    Auto,
    Unicode,
    Ascii,
}

/// The environment variable that sets the choice once per machine.
pub const GLYPHS_ENV: &str = "HACOMONO_ZOOM_SETUP_GLYPHS";

impl GlyphChoice {
    /// The flag wins; then the environment variable (an unknown value is ignored); then `auto`.
    pub fn resolve(flag: Option<GlyphChoice>, env: Option<&str>) -> GlyphChoice {
        flag.or_else(|| {
            env.and_then(|v| <GlyphChoice as clap::ValueEnum>::from_str(v.trim(), true).ok())
        })
        .unwrap_or_default()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Glyphs {
    pub ascii: bool,
    /// Popup frames and the rule above the item detail.
    pub border: border::Set<'static>,
    /// The focused row of a list or choice.
    pub focus: &'static str,
    /// The current step in the stepper.
    pub current: &'static str,
    /// Between steps in the stepper.
    pub step_sep: &'static str,
    pub bullet: &'static str,
    /// The masked secret: one per character.
    pub mask: &'static str,
    pub ellipsis: &'static str,
    pub up: &'static str,
    pub down: &'static str,
    /// Before what to do about a problem.
    pub arrow: &'static str,
    /// After a checklist item that opens a link.
    pub external: &'static str,
    /// Between footer entries.
    pub separator: &'static str,
    /// A chosen radio button's dot.
    pub radio: &'static str,
    /// Check stages: not yet run, running, skipped.
    pub pending: &'static str,
    pub running: &'static str,
    pub skipped: &'static str,
}

pub const UNICODE: Glyphs = Glyphs {
    ascii: false,
    border: border::PLAIN,
    focus: "›",
    current: "▶",
    step_sep: "›",
    bullet: "•",
    mask: "•",
    ellipsis: "…",
    up: "↑",
    down: "↓",
    arrow: "→",
    external: "↗",
    separator: "·",
    radio: "•",
    pending: "·",
    running: "…",
    skipped: "–",
};

pub const ASCII: Glyphs = Glyphs {
    ascii: true,
    border: border::Set {
        top_left: "+",
        top_right: "+",
        bottom_left: "+",
        bottom_right: "+",
        vertical_left: "|",
        vertical_right: "|",
        horizontal_top: "-",
        horizontal_bottom: "-",
    },
    focus: ">",
    // Not `>`: beside the `>` between the steps it would read as one more separator.
    current: "*",
    step_sep: ">",
    bullet: "*",
    mask: "*",
    ellipsis: "...",
    up: "^",
    down: "v",
    arrow: "->",
    external: "->",
    separator: "|",
    radio: "*",
    pending: ".",
    running: "...",
    skipped: "-",
};

impl Glyphs {
    pub fn of(ascii: bool) -> Glyphs {
        if ascii { ASCII } else { UNICODE }
    }

    /// `text` as this terminal draws it in the cells ratatui lays it out in; every text on the
    /// full screen passes here before it is measured.
    ///
    /// - A half-width kana with its voiced mark (`ｶﾞ`) is one grapheme cluster that terminals
    ///   draw two cells wide, but ratatui 0.30 counts the mark twice (three cells) and leaves a
    ///   blank: such a cluster is drawn as its composed form (`ガ`, two cells everywhere).
    /// - In the ASCII set, no East Asian ambiguous-width character is left, sentences and data
    ///   from Zoom included: each becomes an ASCII look-alike (`…` is `...`, `×` is `x`, `é` is
    ///   `e`), else its compatibility form, else `?`.
    pub fn shown<'a>(&self, text: &'a str) -> Cow<'a, str> {
        let marks = text.contains(['\u{FF9E}', '\u{FF9F}']);
        let ambiguous = self.ascii && text.chars().any(is_ambiguous);
        if !marks && !ambiguous {
            return Cow::Borrowed(text);
        }
        let mut out = String::with_capacity(text.len() + 8);
        for cluster in text.graphemes(true) {
            let composed;
            let cluster = if cluster.contains(['\u{FF9E}', '\u{FF9F}']) {
                composed = composed_marks(cluster);
                composed.as_str()
            } else {
                cluster
            };
            if !self.ascii {
                out.push_str(cluster);
                continue;
            }
            for c in cluster.chars() {
                match is_ambiguous(c) {
                    true => out.push_str(&ascii_for(c)),
                    false => out.push(c),
                }
            }
        }
        Cow::Owned(out)
    }

    /// `shown` for every span of a line, styles kept.
    pub fn line(&self, line: &Line<'_>) -> Line<'static> {
        let spans: Vec<Span<'static>> = line
            .spans
            .iter()
            .map(|span| Span::styled(self.shown(&span.content).into_owned(), span.style))
            .collect();
        Line::from(spans).style(line.style)
    }

    pub fn lines(&self, lines: &[Line<'_>]) -> Vec<Line<'static>> {
        lines.iter().map(|line| self.line(line)).collect()
    }

    /// A key's label (`↑`, `Shift+↓`) in this set.
    pub fn key(&self, label: &str) -> String {
        if !self.ascii {
            return label.to_owned();
        }
        label.replace('↑', self.up).replace('↓', self.down)
    }
}

/// Drawn one cell wide by most terminals and two by those set to "ambiguous = wide".
pub fn is_ambiguous(c: char) -> bool {
    c.width() != c.width_cjk()
}

/// A half-width kana cluster with a voiced or semi-voiced mark, composed (`ｶﾞ` → `ガ`); where
/// no composed letter exists (`ｱﾞ`, a mark after a Latin letter), the marks become their
/// full-width spacing forms `゛` `゜`, which every terminal and ratatui measure alike.
fn composed_marks(cluster: &str) -> String {
    let composed: String = cluster.nfkc().collect();
    if !composed.contains(['\u{3099}', '\u{309A}']) {
        return composed;
    }
    cluster
        .chars()
        .map(|c| match c {
            '\u{FF9E}' => '\u{309B}',
            '\u{FF9F}' => '\u{309C}',
            c => c,
        })
        .collect()
}

/// An ASCII stand-in for an ambiguous-width character.
fn ascii_for(c: char) -> String {
    let known = match c {
        '…' => "...",
        '×' => "x",
        '·' | '│' | '┃' => "|",
        '“' | '”' | '„' | '″' => "\"",
        '‘' | '’' | '′' => "'",
        '↑' => "^",
        '↓' => "v",
        '→' | '↗' | '⇒' => "->",
        '←' | '⇐' => "<-",
        '•' | '●' | '★' | '☆' | '※' | '◆' | '◇' | '■' | '□' => "*",
        '○' | '◯' | '°' => "o",
        '–' | '—' | '―' | '─' | '━' | '‐' => "-",
        '›' | '▶' | '►' | '▸' => ">",
        '‹' | '◀' | '◄' => "<",
        '┌' | '┐' | '└' | '┘' | '├' | '┤' | '┬' | '┴' | '┼' => "+",
        '±' => "+-",
        '÷' => "/",
        '§' => "S",
        _ => "",
    };
    if !known.is_empty() {
        return known.to_owned();
    }
    // An accented Latin letter loses its accent (`é` → `e`); a compatibility character
    // becomes its plain form (`①` → `1`) where that is unambiguous.
    let bare: String = c
        .to_string()
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .collect();
    if !bare.is_empty() && !bare.chars().any(is_ambiguous) {
        return bare;
    }
    let plain: String = c.to_string().nfkc().collect();
    if !plain.is_empty() && !plain.chars().any(is_ambiguous) {
        return plain;
    }
    "?".to_owned()
}

/// `auto` on Windows: the legacy console draws ambiguous characters wide under a Japanese code
/// page, Windows Terminal (`WT_SESSION` set) never does. Without asking the console, the
/// Japanese language stands for the Japanese code page.
pub fn windows_ambiguous_wide(windows_terminal: bool, japanese: bool) -> bool {
    !windows_terminal && japanese
}

impl Default for Glyphs {
    fn default() -> Self {
        UNICODE
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthStr;

    fn all(g: &Glyphs) -> Vec<&'static str> {
        let b = g.border;
        vec![
            b.top_left,
            b.top_right,
            b.bottom_left,
            b.bottom_right,
            b.vertical_left,
            b.horizontal_top,
            g.focus,
            g.current,
            g.step_sep,
            g.bullet,
            g.mask,
            g.ellipsis,
            g.up,
            g.down,
            g.arrow,
            g.external,
            g.separator,
            g.radio,
            g.pending,
            g.running,
            g.skipped,
        ]
    }

    #[test]
    fn ascii_glyphs_are_as_wide_on_every_terminal() {
        for s in all(&ASCII) {
            assert_eq!(s.width(), s.width_cjk(), "{s:?} is ambiguous");
        }
        // The Unicode set is the one that needs the choice.
        assert!(all(&UNICODE).iter().any(|s| s.width() != s.width_cjk()));
    }

    #[test]
    fn a_voiced_half_width_kana_is_drawn_composed_in_both_sets() {
        for g in [UNICODE, ASCII] {
            assert_eq!(g.shown("ﾔﾏﾀﾞ ﾊﾟﾝ"), "ﾔﾏダ パﾝ");
            // No composed letter: the spacing mark, as wide as ratatui counts it.
            assert_eq!(g.shown("ｱﾞ"), "ｱ゛");
        }
        assert!(matches!(UNICODE.shown("山田 太郎"), Cow::Borrowed(_)));
    }

    #[test]
    fn ascii_leaves_no_ambiguous_character() {
        // (unicode-width counts Latin, Greek and Cyrillic letters narrow even for CJK: `é`
        // and `Иван` stay.)
        let shown = ASCII.shown("hacomono × Zoom … “x” ↑↓ → · ① ★ ° ¶ é Иван");
        assert_eq!(shown, "hacomono x Zoom ... \"x\" ^v -> | 1 * o ? é Иван");
        assert!(!shown.chars().any(is_ambiguous));
        // The Unicode set keeps them.
        assert_eq!(UNICODE.shown("× …"), "× …");
    }

    #[test]
    fn the_flag_wins_then_the_environment_then_auto() {
        use GlyphChoice::*;
        assert_eq!(GlyphChoice::resolve(Some(Unicode), Some("ascii")), Unicode);
        assert_eq!(GlyphChoice::resolve(None, Some("ASCII")), Ascii);
        assert_eq!(GlyphChoice::resolve(None, Some("nonsense")), Auto);
        assert_eq!(GlyphChoice::resolve(None, None), Auto);
    }
}
