//! The pure core of the wizard: plain data in, plain data out. No IO, no network, no clock:
//! the runtime carries out the effects it returns and feeds the results back as messages.

pub mod action;
pub mod check_text;
mod clipboard_notice;
pub mod effect;
pub mod keys;
pub mod model;
pub mod msg;
pub mod progress;
pub mod screen;
pub mod seen;
mod snapshot;
pub mod summary;
pub mod text;
pub mod text_input;
pub mod update;
pub mod user_filter;
pub mod view;

pub use action::{Action, TextTarget};
pub use effect::Effect;
pub use model::{Model, Screen};
pub use msg::Msg;
pub use update::update;
