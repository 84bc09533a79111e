//! What the last frame showed: the full screen writes it as it draws (as ratatui's `ListState`
//! keeps a list's offset) and the core reads it when a key comes, so ↑/↓ scroll where more is
//! hidden and no key acts on what is not on screen. Plain mode never draws: there, nothing is
//! hidden.

use super::screen::Screen;

/// The region the keys act on (the overlay's, else the screen's) as it was last drawn.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Seen {
    /// The screen it was drawn for; `None` before the first frame.
    pub screen: Option<Screen>,
    /// Drawn with an overlay open (the region is the overlay's).
    pub overlay: bool,
    /// The window was too small: only a request to enlarge it was shown.
    pub too_small: bool,
    /// The first row shown, and the largest it can be (the end in view).
    pub offset: usize,
    pub max_offset: usize,
    /// Rows a page moves.
    pub page: usize,
    /// The focus (answer, item, user) was in view, or there is none.
    pub focus_shown: bool,
}

impl Seen {
    pub fn more_above(&self) -> bool {
        self.offset > 0
    }

    pub fn more_below(&self) -> bool {
        self.offset < self.max_offset
    }
}
