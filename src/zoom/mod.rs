//! Everything about Zoom: the HTTP client, scope rules, diagnoses, the verification engine
//! and an emulator of the endpoints we call (used by tests and `--demo`).

pub mod client;
pub mod emulator;
pub mod report;
pub mod scopes;
pub mod verify;
