//! `zoom-emulator`: the emulator as a program, for trying a Zoom integration by hand.

use std::time::Duration;

use clap::Parser;
use zoom_emulator::{DEMO_ACCOUNT_ID, DEMO_CLIENT_SECRET, Emulator, EmulatorConfig, Scenario};

/// Serves Zoom's token and users endpoints on 127.0.0.1 until Ctrl+C. Each scenario is picked
/// by the Client ID of the token request; the demo Account ID and secret are printed below.
#[derive(Parser)]
#[command(version, after_help = scenario_list())]
struct Args {
    /// Port on 127.0.0.1 (0: any free port).
    #[arg(long, default_value_t = 0)]
    port: u16,
    /// Milliseconds added before every answer.
    #[arg(long, default_value_t = 0)]
    latency_ms: u64,
}

fn scenario_list() -> String {
    let mut text = format!(
        "Demo Account ID: {DEMO_ACCOUNT_ID}\nDemo Client secret: {DEMO_CLIENT_SECRET}\n\nScenarios (Client ID: what happens):\n"
    );
    for scenario in Scenario::ALL {
        text.push_str(&format!(
            "  {}: {}\n",
            scenario.client_id(),
            scenario.about()
        ));
    }
    text
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let args = Args::parse();
    let config = EmulatorConfig {
        latency: Duration::from_millis(args.latency_ms),
        ..EmulatorConfig::default()
    };
    let emulator = Emulator::start_on(args.port, config).await?;
    println!("{}", emulator.base_url());
    tokio::signal::ctrl_c().await?;
    Ok(())
}
