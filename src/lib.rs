//! hacomono-zoom-setup: a terminal wizard that links hacomono to Zoom through a
//! Server-to-Server OAuth app, checking the credentials live before they go into hacomono.

pub mod app;
pub mod check;
pub mod check_text;
pub mod cli;
pub mod clipboard;
pub mod config;
pub mod credentials;
pub mod effects;
pub mod glyphs;
pub mod guide;
pub mod i18n;
pub mod launch;
pub mod net;
pub mod plain;
pub mod resume;
pub mod runtime;
pub mod screens;
pub mod signals;
pub mod store;
pub mod support_report;
pub mod terminal;
pub mod text;
pub mod theme;
pub mod time;
pub mod widgets;
pub mod zoom;
