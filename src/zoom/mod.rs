//! Everything about Zoom: the HTTP client, scope rules, diagnoses and the verification engine
//! (the emulator of Zoom is the `zoom-emulator` crate).

pub mod answers;
pub mod client;
pub mod html_page;
pub mod redact;
pub mod rehearse;
pub mod report;
pub mod scopes;
pub mod session;
pub mod verify;
