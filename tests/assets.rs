//! Asset completeness: every text key the code uses exists in both languages, and every
//! sentence in the assets is used.

use std::collections::BTreeSet;
use std::path::Path;

use hacomono_zoom_setup::i18n::{TEXT, TEXT_ASSETS, parse_catalogue};

/// Sections whose keys are built at run time (`diag.<code>.title`), checked separately.
/// (The command line's help, `cli.arg.<id>`, is checked by tests/wording.rs against clap's
/// own list of arguments.)
const DYNAMIC: [&str; 7] = [
    "diag.",
    "stage.",
    "scope.",
    "scope_group.",
    "cli.arg.",
    "cli.check.arg.",
    "cli.help.arg.",
];

fn rust_sources(dir: &Path, out: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(std::fs::read_to_string(path).unwrap());
        }
    }
}

/// The string literals of a Rust source: skips comments and char literals (`'"'`), honours
/// escapes. Raw strings are not used for keys, so they need no care.
fn string_literals(source: &str) -> Vec<String> {
    let chars: Vec<char> = source.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '/' if chars.get(i + 1) == Some(&'/') => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
            }
            '\'' if chars.get(i + 2) == Some(&'\'') => i += 3,
            '\'' if chars.get(i + 1) == Some(&'\\') => {
                i += 2;
                while i < chars.len() && chars[i] != '\'' {
                    i += 1;
                }
                i += 1;
            }
            '"' => {
                let mut literal = String::new();
                i += 1;
                while i < chars.len() && chars[i] != '"' {
                    if chars[i] == '\\' {
                        i += 1;
                    }
                    if let Some(c) = chars.get(i) {
                        literal.push(*c);
                    }
                    i += 1;
                }
                out.push(literal);
                i += 1;
            }
            _ => i += 1,
        }
    }
    out
}

/// String literals in the code that look like text keys of a known section.
fn keys_in_code() -> BTreeSet<String> {
    let sections: BTreeSet<&str> = TEXT.keys().filter_map(|k| k.split('.').next()).collect();
    let mut sources = Vec::new();
    rust_sources(
        Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src")),
        &mut sources,
    );
    let mut keys = BTreeSet::new();
    for source in sources {
        for literal in string_literals(&source) {
            let literal = literal.as_str();
            let is_key = literal.contains('.')
                && literal
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '.')
                && sections.contains(literal.split('.').next().unwrap());
            if is_key && !literal.ends_with('.') && !literal.ends_with(".toml") {
                keys.insert(literal.to_owned());
            }
        }
    }
    keys
}

#[test]
fn every_asset_parses_and_keys_do_not_repeat_across_files() {
    let mut seen = BTreeSet::new();
    for (name, source) in TEXT_ASSETS {
        let part = parse_catalogue(source).unwrap_or_else(|e| panic!("{name}: {e}"));
        for key in part.keys() {
            assert!(seen.insert(key.clone()), "{key} is defined twice ({name})");
        }
    }
}

#[test]
fn a_sentence_missing_a_language_is_rejected() {
    assert!(parse_catalogue("[a]\nen = \"only English\"").is_err());
    assert!(parse_catalogue("[a]\nen = \"x\"\nja = \"\"").is_err());
    assert!(parse_catalogue("[a]\nen = \"x\"\nja = \"y\"").is_ok());
}

#[test]
fn every_key_the_code_uses_exists() {
    let keys = keys_in_code();
    assert!(
        keys.len() > 100,
        "the scan found too few keys ({}); is it still working?",
        keys.len()
    );
    let missing: Vec<_> = keys
        .iter()
        .filter(|k| !TEXT.contains_key(k.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "keys used in src/ but missing in assets/: {missing:?}"
    );
}

#[test]
fn every_sentence_in_the_assets_is_used() {
    let used = keys_in_code();
    let unused: Vec<_> = TEXT
        .keys()
        .filter(|k| !DYNAMIC.iter().any(|d| k.starts_with(d)) && !used.contains(k.as_str()))
        .collect();
    assert!(unused.is_empty(), "sentences no code uses: {unused:?}");
}

#[test]
fn every_scope_requirement_has_both_labels() {
    for requirement in hacomono_zoom_setup::zoom::scopes::REQUIREMENTS {
        let key = format!("scope.{}", requirement.id);
        assert!(TEXT.contains_key(&key), "missing {key}");
        let key = requirement.group.label_key();
        assert!(TEXT.contains_key(key), "missing {key}");
    }
}

#[test]
fn japanese_and_english_differ_where_they_should() {
    // English left in the Japanese column (copied, or never translated) reads wrong to half the
    // users: Japanese prose has Japanese characters. Labels of a word or two (Account ID) are
    // the same in both on purpose, and so are Zoom's own English names of its screens, in
    // brackets (`[Meeting] > [View and manage all user meetings]`).
    let only_names = |text: &str| {
        text.split(['[', ']'])
            .enumerate()
            .all(|(i, part)| i % 2 == 1 || part.trim().is_empty() || part.trim() == ">")
    };
    let untranslated: Vec<_> = TEXT
        .iter()
        .filter(|(_, t)| t.ja.is_ascii() && t.ja.split_whitespace().count() > 3)
        .filter(|(_, t)| !only_names(&t.ja))
        .map(|(k, _)| k)
        .collect();
    assert!(
        untranslated.is_empty(),
        "Japanese text that is plain ASCII prose: {untranslated:?}"
    );
}

#[test]
fn every_module_of_the_library_is_in_the_readme_layout_table() {
    let root = env!("CARGO_MANIFEST_DIR");
    let lib = std::fs::read_to_string(format!("{root}/src/lib.rs")).unwrap();
    let readme = std::fs::read_to_string(format!("{root}/README.md")).unwrap();
    let modules: Vec<&str> = lib
        .lines()
        .filter_map(|l| l.strip_prefix("pub mod ")?.strip_suffix(';'))
        .collect();
    assert!(modules.len() > 10, "{modules:?}");
    for module in modules {
        let as_file = format!("`src/{module}.rs`");
        let as_folder = format!("`src/{module}/`");
        assert!(
            readme.contains(&as_file) || readme.contains(&as_folder),
            "README.md's layout table does not name src/{module}"
        );
    }
}
