//! The full-screen front end: the event loop (`runtime`), what carries out the core's effects
//! (`effects`), the terminal taken over and given back (`terminal`), the colours (`theme`), one
//! file per screen (`screens`) and the widgets they are drawn with (`widgets`).

pub mod effects;
pub mod runtime;
pub mod screens;
pub mod terminal;
pub mod theme;
pub mod widgets;
