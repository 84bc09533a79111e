//! The three values of a Server-to-Server OAuth app: their types, clean-up, checks and the
//! rule for showing them. Everything here is pure (no terminal, no clipboard, no network), so
//! the wizard's core, `check` and the tests share one behaviour for what a paste becomes.

mod checks;
mod paste;
mod preview;
mod values;

pub use checks::*;
pub use paste::*;
pub use preview::*;
pub use values::*;
