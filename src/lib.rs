//! hacomono-zoom-setup: a terminal wizard that links hacomono to Zoom through a
//! Server-to-Server OAuth app, checking the credentials live before they go into hacomono.
//!
//! The layers, from the inside out: a pure core (`app`) decides everything and returns its
//! effects as data; `zoom` talks to Zoom (through `net`'s route) and runs the check and the
//! rehearsal in one engine for every front end; three front ends lay the core out: the full
//! screen (`tui`), plain mode (`plain`) and the `check` subcommand.

// The pure core: state, decisions, what each screen shows, every sentence's text.
pub mod app;
pub mod guide;
pub mod i18n;
pub mod text;
pub mod time;

// Zoom and the way to it.
pub mod net;
pub mod zoom;

// What the core works with: the three values, the clipboard, saved progress.
pub mod clipboard;
pub mod credentials;
pub mod resume;
pub mod store;

// The front ends, and what they share to start and stop.
pub mod check;
pub mod cli;
pub mod cli_text;
pub mod config;
pub mod glyphs;
pub mod launch;
pub mod plain;
pub mod signals;
pub mod support_report;
pub mod tui;
