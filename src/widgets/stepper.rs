//! The row across the top that shows where the user is among the seven steps.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::app::model::{Screen, Step};
use crate::i18n::{Lang, tr};
use crate::theme::Theme;

use super::line_width;

pub struct Stepper<'a> {
    pub current: Screen,
    pub lang: Lang,
    pub theme: &'a Theme,
}

impl Stepper<'_> {
    /// Every step named; when that does not fit, only the current one is.
    fn line(&self, compact: bool) -> Line<'static> {
        let current = self.current.step();
        let mut spans = Vec::new();
        for (i, step) in Step::ALL.into_iter().enumerate() {
            if i > 0 {
                spans.push(Span::styled(
                    if compact {
                        " ".to_owned()
                    } else {
                        format!(" {} ", self.theme.glyphs.step_sep)
                    },
                    self.theme.dim,
                ));
            }
            let label = tr(self.lang, step.label_key());
            let (text, style) = if step == current {
                (
                    format!("{}{} {label}", self.theme.glyphs.current, i + 1),
                    self.theme.focus,
                )
            } else if step < current {
                let text = if compact {
                    "✓".to_string()
                } else {
                    format!("✓{label}")
                };
                (text, self.theme.ok)
            } else {
                let text = if compact {
                    format!("{}", i + 1)
                } else {
                    format!("{} {label}", i + 1)
                };
                (text, self.theme.dim)
            };
            spans.push(Span::styled(text, style));
        }
        Line::from(spans)
    }
}

impl Widget for Stepper<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let full = self.line(false);
        let line = if line_width(&full) <= area.width as usize {
            full
        } else {
            self.line(true)
        };
        line.render(area, buf);
    }
}
