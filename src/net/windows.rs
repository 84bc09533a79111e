//! Windows' proxy settings through WinHTTP, as the browser and the Zoom app use them: the
//! current user's Internet settings (`WinHttpGetIEProxyConfigForCurrentUser`: the fixed proxy
//! and its bypass list, the PAC script's URL, "automatically detect settings"), and a PAC
//! script's or auto-detection's answer for one URL (`WinHttpGetProxyForUrl`, which downloads
//! and runs the script). The parsing of what comes back is `proxy.rs`' pure functions.

use std::sync::{Mutex, OnceLock};

use reqwest::Url;
use windows_sys::Win32::Foundation::GlobalFree;
use windows_sys::Win32::Networking::WinHttp::{
    WINHTTP_ACCESS_TYPE_NAMED_PROXY, WINHTTP_ACCESS_TYPE_NO_PROXY, WINHTTP_AUTO_DETECT_TYPE_DHCP,
    WINHTTP_AUTO_DETECT_TYPE_DNS_A, WINHTTP_AUTOPROXY_AUTO_DETECT, WINHTTP_AUTOPROXY_CONFIG_URL,
    WINHTTP_AUTOPROXY_OPTIONS, WINHTTP_CURRENT_USER_IE_PROXY_CONFIG, WINHTTP_PROXY_INFO,
    WinHttpCloseHandle, WinHttpGetIEProxyConfigForCurrentUser, WinHttpGetProxyForUrl, WinHttpOpen,
};

use super::proxy::{Choice, Source, windows_bypass_matches, windows_fixed, winhttp_answer};
use super::route::SystemProxies;

/// The user's settings, read at the first request.
#[derive(Default)]
pub struct WinHttp {
    settings: OnceLock<Settings>,
    /// One PAC or auto-detection lookup at a time. The token request and the API server's
    /// warm-up ask at once, and each lookup downloads and runs the script; under wine one of
    /// two lookups at once was seen to fail (the token request then went direct).
    lookups: Mutex<()>,
}

#[derive(Clone, Debug, Default)]
struct Settings {
    auto_detect: bool,
    pac_url: Option<String>,
    proxy: Option<String>,
    bypass: Option<String>,
}

impl SystemProxies for WinHttp {
    fn choose(&self, url: &Url) -> Option<Choice> {
        let settings = self.settings.get_or_init(read_settings);
        if settings.pac_url.is_some() || settings.auto_detect {
            let source = match settings.pac_url {
                Some(_) => Source::WindowsPac,
                None => Source::WindowsAutoDetect,
            };
            // A script that cannot be had or run: Windows falls back to the fixed proxy.
            let answer = {
                let _one_at_a_time = self.lookups.lock().unwrap_or_else(|e| e.into_inner());
                proxy_for_url(url, settings)
            };
            if let Some(answer) = answer {
                let host = url.host_str().unwrap_or("");
                let bypassed = answer
                    .bypass
                    .as_deref()
                    .is_some_and(|b| windows_bypass_matches(b, host, url.port_or_known_default()));
                if bypassed {
                    return Some(Choice::direct(source));
                }
                return Some(winhttp_answer(answer.proxy.as_deref(), url, source));
            }
        }
        settings.proxy.as_deref().map(|proxy| {
            windows_fixed(
                proxy,
                settings.bypass.as_deref().unwrap_or(""),
                url,
                Source::WindowsSettings,
            )
        })
    }

    fn may_block(&self) -> bool {
        true
    }
}

/// A nul-terminated UTF-16 string.
fn wide(text: &str) -> Vec<u16> {
    text.encode_utf16().chain([0]).collect()
}

/// Takes a string WinHTTP allocated: its text, and the memory freed.
///
/// # Safety
/// `p` is null or a nul-terminated UTF-16 string from `GlobalAlloc`, not used afterwards.
unsafe fn take(p: *mut u16) -> Option<String> {
    if p.is_null() {
        return None;
    }
    // SAFETY: per the contract, `p` is a nul-terminated string; we read up to the nul.
    let text = unsafe {
        let mut len = 0;
        while *p.add(len) != 0 {
            len += 1;
        }
        String::from_utf16_lossy(std::slice::from_raw_parts(p, len))
    };
    // SAFETY: WinHTTP allocated it with GlobalAlloc and hands it to us.
    unsafe { GlobalFree(p.cast()) };
    let text = text.trim().to_owned();
    (!text.is_empty()).then_some(text)
}

fn read_settings() -> Settings {
    let mut config = WINHTTP_CURRENT_USER_IE_PROXY_CONFIG::default();
    // SAFETY: `config` is a valid out-pointer; on success its strings are ours to free.
    if unsafe { WinHttpGetIEProxyConfigForCurrentUser(&mut config) } == 0 {
        return Settings::default();
    }
    // SAFETY: the strings come from WinHTTP and are each taken once.
    unsafe {
        Settings {
            auto_detect: config.fAutoDetect != 0,
            pac_url: take(config.lpszAutoConfigUrl),
            proxy: take(config.lpszProxy),
            bypass: take(config.lpszProxyBypass),
        }
    }
}

/// WinHTTP's answer for one URL from the PAC script or auto-detection.
struct Answer {
    /// `None`: direct.
    proxy: Option<String>,
    bypass: Option<String>,
}

fn proxy_for_url(url: &Url, settings: &Settings) -> Option<Answer> {
    let agent = wide(concat!(
        env!("CARGO_PKG_NAME"),
        "/",
        env!("CARGO_PKG_VERSION")
    ));
    // SAFETY: a plain session handle, closed below.
    let session = unsafe {
        WinHttpOpen(
            agent.as_ptr(),
            WINHTTP_ACCESS_TYPE_NO_PROXY,
            std::ptr::null(),
            std::ptr::null(),
            0,
        )
    };
    if session.is_null() {
        return None;
    }
    let pac_url = settings.pac_url.as_deref().map(wide);
    let mut options = WINHTTP_AUTOPROXY_OPTIONS {
        fAutoLogonIfChallenged: 1,
        ..Default::default()
    };
    if let Some(pac) = &pac_url {
        options.dwFlags |= WINHTTP_AUTOPROXY_CONFIG_URL;
        options.lpszAutoConfigUrl = pac.as_ptr();
    }
    if settings.auto_detect {
        options.dwFlags |= WINHTTP_AUTOPROXY_AUTO_DETECT;
        options.dwAutoDetectFlags = WINHTTP_AUTO_DETECT_TYPE_DHCP | WINHTTP_AUTO_DETECT_TYPE_DNS_A;
    }
    let target = wide(url.as_str());
    let mut info = WINHTTP_PROXY_INFO::default();
    // SAFETY: every pointer is valid for the call; `info`'s strings are ours on success.
    let found =
        unsafe { WinHttpGetProxyForUrl(session, target.as_ptr(), &mut options, &mut info) } != 0;
    // SAFETY: the session opened above, closed once.
    unsafe { WinHttpCloseHandle(session) };
    if !found {
        return None;
    }
    // SAFETY: the strings come from WinHTTP and are each taken once.
    let (proxy, bypass) = unsafe { (take(info.lpszProxy), take(info.lpszProxyBypass)) };
    match info.dwAccessType {
        WINHTTP_ACCESS_TYPE_NAMED_PROXY => Some(Answer { proxy, bypass }),
        WINHTTP_ACCESS_TYPE_NO_PROXY => Some(Answer {
            proxy: None,
            bypass: None,
        }),
        _ => Some(Answer { proxy, bypass }),
    }
}
