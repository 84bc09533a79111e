//! The row across the top that shows where the user is among the seven steps, and how each
//! stands: ✓ done, ! passed with something left open, a dash where the flow skips it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::app::Model;
use crate::app::model::{Step, StepState};
use crate::i18n::tr;
use crate::tui::theme::Theme;

pub struct Stepper<'a> {
    pub model: &'a Model,
    pub theme: &'a Theme,
}

impl Stepper<'_> {
    /// Every step named; when that does not fit, only the current one is.
    fn line(&self, compact: bool) -> Line<'static> {
        let g = &self.theme.glyphs;
        let mut spans = Vec::new();
        for (i, step) in Step::ALL.into_iter().enumerate() {
            if i > 0 {
                let separator = match compact {
                    true => " ".to_owned(),
                    false => format!(" {} ", g.step_sep),
                };
                spans.push(Span::styled(separator, self.theme.dim));
            }
            let label = g.shown(tr(self.model.lang, step.label_key()));
            let n = i + 1;
            let (mark, style) = match self.model.step_state(step) {
                StepState::Current => {
                    spans.push(Span::styled(
                        format!("{}{n} {label}", g.current),
                        self.theme.focus,
                    ));
                    continue;
                }
                StepState::Done => ("✓".to_owned(), self.theme.ok),
                StepState::Open => ("!".to_owned(), self.theme.warn),
                StepState::Skipped => (g.skipped.to_owned(), self.theme.dim),
                StepState::Ahead => (n.to_string(), self.theme.dim),
            };
            let text = match (compact, self.model.step_state(step)) {
                (true, _) => mark,
                (false, StepState::Ahead) => format!("{mark} {label}"),
                (false, _) => format!("{mark}{label}"),
            };
            spans.push(Span::styled(text, style));
        }
        Line::from(spans)
    }
}

impl Widget for Stepper<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let full = self.line(false);
        let line = if full.width() <= area.width as usize {
            full
        } else {
            self.line(true)
        };
        line.render(area, buf);
    }
}
