//! The one place a window is cleared over the screen (help, unfinished items, resume, the
//! rehearsal's consent step, the demo badge).
//!
//! ratatui's `Clear` empties the popup's cells but leaves a double-width character just left of
//! it whose second column the popup now covers. The terminal then draws that whole character
//! over the popup's border, because ratatui's diff skips the column a wide character covers
//! (ratatui/ratatui#2526, fix pending in ratatui/ratatui#2628). Until that fix ships, a wide
//! character straddling either edge is reset to a space first. Delete `straddlers` when ratatui
//! does it in `Clear`.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Clear, Widget};
use unicode_width::UnicodeWidthStr;

/// Clears `popup` for an overlay, and the halves of wide characters cut by its edges.
pub fn clear_overlay(popup: Rect, buf: &mut Buffer) {
    let popup = popup.intersection(buf.area);
    if popup.is_empty() {
        return;
    }
    for (x, y) in straddlers(popup, buf) {
        buf[(x, y)].reset();
    }
    Clear.render(popup, buf);
}

/// Cells outside `popup` that hold (part of) a character drawn across its left or right edge.
fn straddlers(popup: Rect, buf: &Buffer) -> Vec<(u16, u16)> {
    let area = buf.area;
    let width = |x: u16, y: u16| buf[(x, y)].symbol().width() as u16;
    let mut out = Vec::new();
    for y in popup.top()..popup.bottom() {
        // Left: a character starting up to three columns before the edge and reaching into it.
        for d in 1..=3u16 {
            let Some(x) = popup.x.checked_sub(d).filter(|x| *x >= area.x) else {
                break;
            };
            if width(x, y) > d {
                out.push((x, y));
            }
        }
        // Right: a character starting inside, near the edge, reaching past it; the columns it
        // covered outside are reset so the diff writes them again.
        for d in 1..=3u16 {
            let Some(x) = popup.right().checked_sub(d).filter(|x| *x >= popup.x) else {
                break;
            };
            let w = width(x, y);
            if w > d {
                for outside in popup.right()..(x + w).min(area.right()) {
                    out.push((outside, y));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wide_character_cut_by_the_left_edge_is_reset() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 10, 1));
        buf.set_string(1, 0, "もも", ratatui::style::Style::new());
        clear_overlay(Rect::new(2, 0, 4, 1), &mut buf);
        assert_eq!(buf[(1, 0)].symbol(), " ", "the straddling も is gone");
        assert_eq!(buf[(6, 0)].symbol(), " ");
    }

    #[test]
    fn a_character_wholly_outside_stays() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 10, 1));
        buf.set_string(0, 0, "も", ratatui::style::Style::new());
        buf.set_string(7, 0, "も", ratatui::style::Style::new());
        clear_overlay(Rect::new(2, 0, 5, 1), &mut buf);
        assert_eq!(buf[(0, 0)].symbol(), "も");
        assert_eq!(buf[(7, 0)].symbol(), "も");
    }
}
