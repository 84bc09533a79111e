//! macOS' proxy settings (System Settings > Network > Proxies), as hyper-util reads them: the
//! fixed HTTP and HTTPS proxies. A PAC script set there is not read (see the README).

use reqwest::Url;

use super::proxy::{Choice, Source};
use super::route::SystemProxies;

pub struct MacSettings(hyper_util::client::proxy::matcher::Matcher);

impl MacSettings {
    pub fn read() -> MacSettings {
        MacSettings(hyper_util::client::proxy::matcher::Matcher::from_system())
    }
}

impl SystemProxies for MacSettings {
    fn choose(&self, url: &Url) -> Option<Choice> {
        let uri: http::Uri = url.as_str().parse().ok()?;
        let intercept = self.0.intercept(&uri)?;
        Some(Choice::parsed(
            "macOS",
            &intercept.uri().to_string(),
            Source::MacosSettings,
        ))
    }

    fn may_block(&self) -> bool {
        false
    }
}
