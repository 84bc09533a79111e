//! Colours and emphasis. Meaning never rests on colour alone: every state also has a symbol.

use ratatui::style::{Color, Modifier, Style};

use crate::glyphs::{Glyphs, UNICODE};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Theme {
    pub title: Style,
    pub text: Style,
    pub dim: Style,
    pub focus: Style,
    pub ok: Style,
    pub warn: Style,
    pub error: Style,
    pub accent: Style,
    pub key: Style,
    pub badge: Style,
    /// The frames and marks (Unicode, or ASCII for ambiguous-wide terminals).
    pub glyphs: Glyphs,
}

impl Theme {
    /// Named ANSI colours only, so the terminal's own palette (dark or light) decides the shade.
    pub const COLOR: Theme = Theme {
        title: Style::new().add_modifier(Modifier::BOLD),
        text: Style::new(),
        dim: Style::new().add_modifier(Modifier::DIM),
        focus: Style::new().add_modifier(Modifier::REVERSED),
        ok: Style::new().fg(Color::Green).add_modifier(Modifier::BOLD),
        warn: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
        error: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
        accent: Style::new().fg(Color::Cyan),
        key: Style::new().add_modifier(Modifier::BOLD),
        badge: Style::new()
            .fg(Color::Black)
            .bg(Color::Yellow)
            .add_modifier(Modifier::BOLD),
        glyphs: UNICODE,
    };

    /// NO_COLOR: emphasis only.
    pub const PLAIN: Theme = Theme {
        title: Style::new().add_modifier(Modifier::BOLD),
        text: Style::new(),
        dim: Style::new(),
        focus: Style::new().add_modifier(Modifier::REVERSED),
        ok: Style::new().add_modifier(Modifier::BOLD),
        warn: Style::new().add_modifier(Modifier::BOLD),
        error: Style::new().add_modifier(Modifier::BOLD),
        accent: Style::new(),
        key: Style::new().add_modifier(Modifier::BOLD),
        badge: Style::new()
            .add_modifier(Modifier::REVERSED)
            .add_modifier(Modifier::BOLD),
        glyphs: UNICODE,
    };

    /// The same colours with another glyph set.
    pub fn with_glyphs(self, glyphs: Glyphs) -> Theme {
        Theme { glyphs, ..self }
    }

    /// NO_COLOR set to anything non-empty turns colour off (https://no-color.org).
    pub fn from_env(no_color: Option<&str>) -> Theme {
        match no_color {
            Some(v) if !v.is_empty() => Theme::PLAIN,
            _ => Theme::COLOR,
        }
    }
}
