//! The marks and frames the wizard draws around its text, in two sets: Unicode, and ASCII for
//! terminals that draw East Asian *ambiguous-width* characters two cells wide (the legacy
//! Windows console with a Japanese code page; Tera Term, RLogin, PuTTY, iTerm2, Terminal.app or
//! GNOME Terminal set to "ambiguous = wide"). Almost every Unicode frame glyph is ambiguous:
//! `─ │ ┌ ┐ └ ┘ ▶ • – … ↑ ↓ → ↗ · ›`. `✓` and `✗` are neutral and stay in both sets.
//!
//! Layout code takes widths from these strings (`unicode-width`), never assumes one column.

use ratatui::symbols::border;

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

    /// A key's label (`↑`, `Shift+↓`) in this set.
    pub fn key(&self, label: &str) -> String {
        if !self.ascii {
            return label.to_owned();
        }
        label.replace('↑', self.up).replace('↓', self.down)
    }
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
    fn the_flag_wins_then_the_environment_then_auto() {
        use GlyphChoice::*;
        assert_eq!(GlyphChoice::resolve(Some(Unicode), Some("ascii")), Unicode);
        assert_eq!(GlyphChoice::resolve(None, Some("ASCII")), Ascii);
        assert_eq!(GlyphChoice::resolve(None, Some("nonsense")), Auto);
        assert_eq!(GlyphChoice::resolve(None, None), Auto);
    }
}
