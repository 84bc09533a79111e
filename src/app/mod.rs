//! The pure core of the wizard: plain data in, plain data out; no terminal, network or clock.

mod clipboard_notice;
pub mod effect;
pub mod keys;
pub mod model;
pub mod msg;
pub mod text_input;
pub mod update;

pub use effect::Effect;
pub use model::{Model, Screen};
pub use msg::Msg;
pub use update::update;
