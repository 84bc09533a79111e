//! Properties of the paste path: it never panics, clean is idempotent and lets no control
//! character through, and every supported block shape gives back the values it was made from.

use hacomono_zoom_setup::credentials::Credentials;
use hacomono_zoom_setup::credentials::{
    Field, ParsedBlock, Paste, Secret, check_all, check_field, clean, mask_id, parse_block,
    read_paste, secret_preview_in,
};
use hacomono_zoom_setup::i18n::Lang;
use proptest::prelude::*;

/// Characters that stress the parser: controls, escapes, separators, quotes, invisible and
/// full-width characters, label fragments.
fn nasty_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => any::<char>(),
        2 => prop::sample::select(vec![
            '\x1b', '\u{9b}', '\u{9d}', '\u{90}', '\u{9c}', '\x07', '\x00', '\x7f', '\r', '\n', '\t',
            '\u{0b}', '\u{85}', '\u{2028}', '[', ']', 'P', '\\', ';', ':', '=', '#', '"', '\'', '`',
            '「', '」', '“', '”', '：', '＝', '\u{200B}', '\u{FEFF}', '\u{00AD}', '\u{202E}',
            '\u{3000}', 'Ａ', '１', ' ', '-', '_', '•', 'e', '\u{301}', '\u{308}', '¨',
        ]),
        1 => prop::sample::select(vec!['a', 'c', 'i', 'd', 'o', 'u', 'n', 't', 's', 'l']),
    ]
}

fn nasty_string(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(nasty_char(), 0..max).prop_map(|cs| cs.into_iter().collect())
}

/// Lines that look almost like the real thing, glued with arbitrary junk.
fn almost_block() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Account ID".to_owned()),
        Just("Client ID".to_owned()),
        Just("Client secret".to_owned()),
        Just("アカウントID".to_owned()),
        Just("クライアントシークレット".to_owned()),
        Just("export ZOOM_CLIENT_SECRET=".to_owned()),
        Just("Copy".to_owned()),
        Just(":".to_owned()),
        Just("=".to_owned()),
        Just("\"".to_owned()),
        Just("\n".to_owned()),
        Just("\r\n".to_owned()),
        Just("\x1b]52;c;".to_owned()),
        Just("\x1b[".to_owned()),
        "[A-Za-z0-9_-]{0,40}",
        nasty_string(8),
    ];
    prop::collection::vec(piece, 0..60).prop_map(|parts| parts.concat())
}

fn invisible_or_control(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{FEFF}' | '\u{00AD}')
}

fn exercise(text: &str) {
    let parsed = parse_block(text);
    for value in [
        parsed.account_id.as_deref(),
        parsed.client_id.as_deref(),
        parsed.client_secret.as_ref().map(Secret::expose),
    ]
    .into_iter()
    .flatten()
    {
        assert!(!value.chars().any(invisible_or_control), "{value:?}");
        assert_eq!(clean(value), value);
    }
    let _ = read_paste(text);
    for field in Field::ALL {
        for issue in check_field(field, text) {
            assert!(
                !issue
                    .text(hacomono_zoom_setup::i18n::Lang::En)
                    .chars()
                    .any(char::is_control)
            );
        }
    }
    for lang in [Lang::En, Lang::Ja] {
        let preview = secret_preview_in(lang, &Secret::new(text));
        assert!(!preview.chars().any(char::is_control));
    }
    assert!(!mask_id(text).chars().any(char::is_control));
}

proptest! {
    #[test]
    fn nothing_panics_on_arbitrary_text(text in any::<String>()) {
        exercise(&text);
    }

    #[test]
    fn nothing_panics_on_control_heavy_text(text in nasty_string(400)) {
        exercise(&text);
    }

    #[test]
    fn nothing_panics_on_near_misses(text in almost_block()) {
        exercise(&text);
    }

    #[test]
    fn clean_is_idempotent(text in nasty_string(200)) {
        let once = clean(&text);
        prop_assert_eq!(clean(&once), once);
    }

    #[test]
    fn clean_is_idempotent_on_any_text(text in any::<String>()) {
        let once = clean(&text);
        prop_assert_eq!(clean(&once), once);
    }

    #[test]
    fn no_control_or_invisible_character_survives_clean(text in nasty_string(200)) {
        let out = clean(&text);
        prop_assert!(!out.contains('\x1b'));
        prop_assert!(!out.chars().any(invisible_or_control), "{:?}", out);
        prop_assert_eq!(out.trim(), out.as_str());
    }

    #[test]
    fn a_clean_value_passes_through_clean_unchanged(value in "[A-Za-z0-9_-]{1,64}") {
        prop_assert_eq!(clean(&value), value);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 8, ..ProptestConfig::default() })]

    #[test]
    fn nothing_panics_on_huge_text(text in nasty_string(200_000)) {
        exercise(&text);
    }
}

// --- round trips ---------------------------------------------------------------------------

/// How one field is written in the generated paste.
#[derive(Clone, Debug)]
enum Shape {
    /// `Label<sep>value` on one line.
    SameLine { label: usize, sep: &'static str },
    /// A label line, then blank lines, the value, maybe a button text.
    NextLine {
        label: usize,
        blanks: usize,
        colon: bool,
        button: Option<&'static str>,
    },
    /// `ZOOM_…=value`.
    Env { export: bool, quote: &'static str },
}

fn labels(field: Field) -> &'static [&'static str] {
    match field {
        Field::AccountId => &[
            "Account ID",
            "account id",
            "ACCOUNT ID",
            "AccountID",
            "Account Id",
            "account_id",
            "Zoom Account ID",
            "アカウントID",
            "アカウント ID",
            "アカウント　ＩＤ",
            "**Account ID**",
            "- Account ID",
        ],
        Field::ClientId => &[
            "Client ID",
            "client id",
            "CLIENT ID",
            "ClientID",
            "Client Id",
            "client_id",
            "Zoom Client ID",
            "クライアントID",
            "クライアント ID",
            "クライアントＩＤ",
            "**Client ID**",
            "・Client ID",
        ],
        Field::ClientSecret => &[
            "Client secret",
            "client secret",
            "CLIENT SECRET",
            "ClientSecret",
            "Client Secret",
            "client_secret",
            "Zoom Client Secret",
            "クライアントシークレット",
            "クライアント シークレット",
            "**Client secret**",
            "• Client secret",
            "Ｃｌｉｅｎｔ ｓｅｃｒｅｔ",
        ],
    }
}

fn env_name(field: Field) -> &'static str {
    match field {
        Field::AccountId => "ZOOM_ACCOUNT_ID",
        Field::ClientId => "ZOOM_CLIENT_ID",
        Field::ClientSecret => "ZOOM_CLIENT_SECRET",
    }
}

fn shape() -> impl Strategy<Value = Shape> {
    prop_oneof![
        (
            0..12usize,
            prop::sample::select(vec![
                ":", ": ", " : ", "：", "： ", "=", " = ", "＝", "\t", "  ", " "
            ])
        )
            .prop_map(|(label, sep)| Shape::SameLine { label, sep }),
        (
            0..12usize,
            0..3usize,
            any::<bool>(),
            prop::option::of(prop::sample::select(vec!["Copy", "コピー", "Copied!"]))
        )
            .prop_map(|(label, blanks, colon, button)| Shape::NextLine {
                label,
                blanks,
                colon,
                button
            }),
        (any::<bool>(), prop::sample::select(vec!["", "\"", "'"]))
            .prop_map(|(export, quote)| Shape::Env { export, quote }),
    ]
}

fn render(field: Field, value: &str, shape: &Shape, eol: &str) -> String {
    match shape {
        Shape::SameLine { label, sep } => format!("{}{sep}{value}{eol}", labels(field)[*label]),
        Shape::NextLine {
            label,
            blanks,
            colon,
            button,
        } => {
            let mut out = format!(
                "{}{}{eol}",
                labels(field)[*label],
                if *colon { ":" } else { "" }
            );
            out.push_str(&eol.repeat(*blanks));
            out.push_str(&format!("{value}{eol}"));
            if let Some(button) = button {
                out.push_str(&format!("{button}{eol}"));
            }
            out
        }
        Shape::Env { export, quote } => {
            format!(
                "{}{}={quote}{value}{quote}{eol}",
                if *export { "export " } else { "" },
                env_name(field)
            )
        }
    }
}

fn id() -> impl Strategy<Value = String> {
    "[A-Za-z0-9_-]{18,26}"
}

fn secret() -> impl Strategy<Value = String> {
    "[A-Za-z0-9_-]{28,40}"
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn every_shape_in_any_order_gives_the_same_three_values(
        account in id(),
        client in id(),
        secret in secret(),
        shapes in [shape(), shape(), shape()],
        order in Just(Field::ALL.to_vec()).prop_shuffle(),
        eol in prop::sample::select(vec!["\n", "\r\n", "\r"]),
        heading in prop::option::of(prop::sample::select(vec!["App credentials", "App Credentials", "アプリの認証情報", ""])),
        trailer in prop::option::of(prop::sample::select(vec!["Regenerate", "再生成", ""])),
        pad in prop::sample::select(vec!["", " ", "\u{3000}", "\u{200B}"]),
    ) {
        let value = |f: Field| match f {
            Field::AccountId => account.as_str(),
            Field::ClientId => client.as_str(),
            Field::ClientSecret => secret.as_str(),
        };
        let mut text = String::new();
        if let Some(heading) = heading {
            text.push_str(&format!("{heading}{eol}"));
        }
        for field in &order {
            let shape = &shapes[Field::ALL.iter().position(|f| f == field).unwrap()];
            text.push_str(pad);
            text.push_str(&render(*field, value(*field), shape, eol));
        }
        if let Some(trailer) = trailer {
            text.push_str(trailer);
        }
        let expected = ParsedBlock {
            account_id: Some(account.clone()),
            client_id: Some(client.clone()),
            client_secret: Some(Secret::new(secret.clone())),
        };
        prop_assert_eq!(parse_block(&text), expected.clone(), "text: {:?}", text);
        prop_assert_eq!(read_paste(&text), Ok(Paste::Block(expected)));
    }

    #[test]
    fn a_lone_value_is_never_a_block(
        value in "[A-Za-z0-9_-]{1,64}",
        before in prop::sample::select(vec!["", " ", "\n", "\"", "「", "\u{FEFF}"]),
        after in prop::sample::select(vec!["", " ", "\n", "\r\n", "\"", "」", "\nCopy", " Copy", "\nコピー\n"]),
    ) {
        let text = format!("{before}{value}{after}");
        prop_assert!(parse_block(&text).is_empty());
        let expected = clean(&value);
        prop_assert_eq!(read_paste(&text), Ok(Paste::Single(Secret::new(expected))));
    }

    #[test]
    fn valid_values_raise_nothing_but_length_warnings(account in id(), client in id(), secret in secret()) {
        prop_assume!(account != client);
        let credentials = Credentials { account_id: account, client_id: client, client_secret: Secret::new(secret) };
        for (_, issue) in check_all(&credentials) {
            prop_assert_eq!(issue.severity, hacomono_zoom_setup::credentials::Severity::Warning, "{:?}", issue);
        }
    }
}
