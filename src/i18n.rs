//! Languages, locale detection and the embedded text catalogue (`assets/text.toml`).

use std::collections::HashMap;
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

/// The two languages every user-facing sentence exists in.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Ja,
    En,
}

impl Lang {
    /// `--lang` wins; otherwise the first non-empty of LC_ALL, LC_MESSAGES, LANG decides
    /// (the POSIX precedence): Japanese for `ja*`, English for anything else. With none of
    /// them set, Windows' display language decides (Windows sets no LANG); elsewhere English.
    pub fn detect(explicit: Option<Lang>) -> Lang {
        explicit.unwrap_or_else(|| {
            let var = |name| std::env::var(name).ok().filter(|v: &String| !v.is_empty());
            let locale = var("LC_ALL")
                .or_else(|| var("LC_MESSAGES"))
                .or_else(|| var("LANG"));
            match locale {
                Some(locale) => Lang::from_locale(&locale),
                None => system_lang(),
            }
        })
    }

    /// The language of a Windows LANGID (what `GetUserDefaultUILanguage` returns): Japanese
    /// when its primary language (the low 10 bits) is `LANG_JAPANESE`, 0x11; else English.
    pub fn from_windows_langid(langid: u16) -> Lang {
        const LANG_JAPANESE: u16 = 0x11;
        if langid & 0x3ff == LANG_JAPANESE {
            Lang::Ja
        } else {
            Lang::En
        }
    }

    /// `ja_JP.UTF-8`, `ja`, `JA` are Japanese; everything else, `C` and `POSIX` included, English.
    pub fn from_locale(locale: &str) -> Lang {
        if locale
            .get(..2)
            .is_some_and(|p| p.eq_ignore_ascii_case("ja"))
        {
            Lang::Ja
        } else {
            Lang::En
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Ja => "ja",
            Lang::En => "en",
        }
    }
}

/// The user's display language, from Windows itself.
#[cfg(windows)]
fn system_lang() -> Lang {
    #[link(name = "kernel32")]
    unsafe extern "system" {
        // No arguments, no failure: it always returns a LANGID.
        safe fn GetUserDefaultUILanguage() -> u16;
    }
    Lang::from_windows_langid(GetUserDefaultUILanguage())
}

#[cfg(not(windows))]
fn system_lang() -> Lang {
    Lang::En
}

/// One sentence in both languages, as written in the assets.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct L10n {
    pub en: String,
    pub ja: String,
}

impl L10n {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ja => &self.ja,
            Lang::En => &self.en,
        }
    }
}

/// The text assets, one per area so each stays readable; keys must not repeat across them.
pub const TEXT_ASSETS: [(&str, &str); 7] = [
    ("text.toml", include_str!("../assets/text.toml")),
    ("diagnoses.toml", include_str!("../assets/diagnoses.toml")),
    (
        "credentials.toml",
        include_str!("../assets/credentials.toml"),
    ),
    ("support.toml", include_str!("../assets/support.toml")),
    ("plain.toml", include_str!("../assets/plain.toml")),
    ("console.toml", include_str!("../assets/console.toml")),
    ("cli.toml", include_str!("../assets/cli.toml")),
];

/// Every UI sentence, keyed by its dotted path in the assets (`start.title`).
pub static TEXT: LazyLock<HashMap<String, L10n>> = LazyLock::new(|| {
    let mut all = HashMap::new();
    for (name, source) in TEXT_ASSETS {
        let part = parse_catalogue(source).unwrap_or_else(|e| panic!("assets/{name}: {e}"));
        all.extend(part);
    }
    all
});

/// Flattens nested TOML tables into dotted keys; a table holding `en` and `ja` is one sentence.
pub fn parse_catalogue(source: &str) -> Result<HashMap<String, L10n>, String> {
    fn walk(
        prefix: &str,
        table: &toml::Table,
        out: &mut HashMap<String, L10n>,
    ) -> Result<(), String> {
        for (name, value) in table {
            let key = if prefix.is_empty() {
                name.clone()
            } else {
                format!("{prefix}.{name}")
            };
            let toml::Value::Table(inner) = value else {
                return Err(format!("{key}: expected a table with `en` and `ja`"));
            };
            if inner.contains_key("en") || inner.contains_key("ja") {
                let text: L10n = inner
                    .clone()
                    .try_into()
                    .map_err(|e| format!("{key}: {e}"))?;
                if text.en.trim().is_empty() || text.ja.trim().is_empty() {
                    return Err(format!("{key}: a language is empty"));
                }
                out.insert(key, text);
            } else {
                walk(&key, inner, out)?;
            }
        }
        Ok(())
    }
    let table: toml::Table = source.parse().map_err(|e| format!("{e}"))?;
    let mut out = HashMap::new();
    walk("", &table, &mut out)?;
    Ok(out)
}

/// The sentence for `key`. A missing key shows itself (tests make sure none is missing); it is
/// leaked on every such call so the answer can stay `'static`: a cost only a bug can reach.
pub fn tr(lang: Lang, key: &str) -> &'static str {
    match TEXT.get(key) {
        Some(text) => text.get(lang),
        None => Box::leak(key.to_owned().into_boxed_str()),
    }
}

/// The sentence for `key` with each `{name}` replaced by its value.
pub fn trf(lang: Lang, key: &str, args: &[(&str, &str)]) -> String {
    let mut text = tr(lang, key).to_owned();
    for (name, value) in args {
        text = text.replace(&format!("{{{name}}}"), value);
    }
    text
}
