//! An emulator of the Zoom endpoints hacomono-zoom-setup calls, on 127.0.0.1, for its tests
//! and `--demo`. It answers with the bodies Zoom has been seen to send (README § "The Zoom
//! emulator" lists them); the Client ID picks a scenario (see [`Scenario`]).
//!
//! Where Zoom's behaviour is unknown the emulator is stricter than Zoom, so our client is
//! kept honest: it refuses a client id, secret or `scope` in the token request's parameters,
//! and a regional token is only accepted under its cluster's path.
//!
//! - `scenario`: the demo account and the one table of scenarios;
//! - `faults`: what each scenario does wrong at each endpoint, in one table;
//! - `server`: the emulator a test holds, its routes; `state`: what it remembers;
//! - one module per endpoint: `oauth` (the token), `users`, `meetings`;
//! - `answers`: the bodies Zoom answers with.

mod answers;
mod faults;
mod meetings;
mod oauth;
mod scenario;
mod server;
mod state;
mod users;

pub use scenario::{
    DEMO_ACCOUNT_ID, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DemoCredentials, Scenario,
    demo_credentials,
};
pub use server::{Emulator, EmulatorConfig};
pub use users::LARGE_USERS;
