//! Example tests of the credential clean-up, block paste, checks and previews, with the text
//! people really paste.

mod support;

use hacomono_zoom_setup::app::Screen;
use hacomono_zoom_setup::app::text::notice as notice_text;
use hacomono_zoom_setup::credentials::Severity;
use hacomono_zoom_setup::credentials::{
    Credentials, Field, FieldIssue, IssueKind, MAX_PASTE_BYTES, ParsedBlock, Paste, PasteError,
    Secret, check_all, check_field, check_paste_size, clean, mask_id, parse_block, read_paste,
    secret_preview_in,
};
use hacomono_zoom_setup::i18n::{Lang, tr};

use support::{Harness, walk_to};

const ACCOUNT: &str = "AbCdEfGhIjKlMnOpQrStUv";
const CLIENT: &str = "zYx_WvUtSrQp-OnMlKjIhG";
const SECRET: &str = "0123456789abcdefABCDEF0123456789";

/// What the status bar says after `text` is pasted on the credentials screen.
fn pasted_notice(lang: Lang, text: &str) -> String {
    let mut h = Harness::new(lang);
    walk_to(&mut h, Screen::Values);
    h.paste(text);
    notice_text(lang, h.model.notice.as_ref().expect("a paste is told"))
}

fn block(account: &str, client: &str, secret: &str) -> ParsedBlock {
    ParsedBlock {
        account_id: Some(account.to_owned()),
        client_id: Some(client.to_owned()),
        client_secret: Some(Secret::new(secret)),
    }
}

fn all_three() -> ParsedBlock {
    block(ACCOUNT, CLIENT, SECRET)
}

// --- clean ---------------------------------------------------------------------------------

#[test]
fn clean_strips_surrounding_white_space_and_line_breaks() {
    assert_eq!(clean("  abc123 \n"), "abc123");
    assert_eq!(clean("\tabc123\r\n"), "abc123");
    assert_eq!(clean("\u{3000}abc123\u{3000}"), "abc123");
}

#[test]
fn clean_strips_surrounding_quotes_of_every_kind() {
    for quoted in [
        "\"abc\"",
        "'abc'",
        "「abc」",
        "“abc”",
        "‘abc’",
        "『abc』",
        "`abc`",
        " \"'abc'\" ",
    ] {
        assert_eq!(clean(quoted), "abc", "{quoted:?}");
    }
}

#[test]
fn clean_folds_full_width_letters_and_digits() {
    assert_eq!(clean("ＡＢＣ１２３"), "ABC123");
    assert_eq!(clean("ａｂｃ－＿"), "abc-_");
    assert_eq!(clean("＂ＡＢＣ＂"), "ABC");
}

#[test]
fn clean_removes_invisible_characters() {
    let sneaky =
        "\u{FEFF}ab\u{200B}c\u{200C}d\u{200D}e\u{2060}f\u{00AD}g\u{202E}h\u{2066}i\u{200E}";
    assert_eq!(clean(sneaky), "abcdefghi");
}

#[test]
fn clean_removes_escape_sequences_whole() {
    assert_eq!(clean("\x1b[31mabc\x1b[0m"), "abc");
    assert_eq!(
        clean("\x1b[200~abc\x1b[201~"),
        "abc",
        "bracketed paste markers"
    );
    assert_eq!(clean("\x1b]0;title\x07abc"), "abc", "OSC terminated by BEL");
    assert_eq!(
        clean("\x1b]52;c;ZXZpbA==\x1b\\abc"),
        "abc",
        "OSC terminated by ST"
    );
    assert_eq!(clean("\u{9b}1;2Habc"), "abc", "8-bit CSI");
    assert_eq!(clean("ab\x1bc"), "ab", "ESC c is a two-character escape");
    assert_eq!(clean("abc\x1b"), "abc");
    assert_eq!(clean("a\x07b\x00c\x7fd"), "abcd");
}

#[test]
fn clean_keeps_inner_spaces_for_the_checks_to_see() {
    assert_eq!(clean(" abc def "), "abc def");
}

// --- bare values and paste decisions -------------------------------------------------------

#[test]
fn a_single_bare_value_is_not_a_block() {
    assert!(parse_block(SECRET).is_empty());
    assert!(parse_block(&format!("  {SECRET}\n")).is_empty());
    assert_eq!(
        read_paste(&format!("  {SECRET}\n")),
        Ok(Paste::Single(Secret::new(SECRET)))
    );
}

#[test]
fn a_bare_value_with_the_copy_button_text_is_still_one_value() {
    assert_eq!(
        read_paste(&format!("{CLIENT}\nCopy\n")),
        Ok(Paste::Single(Secret::new(CLIENT)))
    );
    assert_eq!(
        read_paste(&format!("{CLIENT} Copy")),
        Ok(Paste::Single(Secret::new(CLIENT)))
    );
    assert_eq!(
        read_paste(&format!("{CLIENT}\nコピー")),
        Ok(Paste::Single(Secret::new(CLIENT)))
    );
}

#[test]
fn several_unlabelled_lines_are_refused_not_glued() {
    let text = format!("{ACCOUNT}\n{CLIENT}\n{SECRET}\n");
    assert!(parse_block(&text).is_empty());
    assert_eq!(read_paste(&text), Err(PasteError::UnlabelledLines));
}

#[test]
fn an_empty_paste_is_empty() {
    assert_eq!(read_paste(""), Ok(Paste::Empty));
    assert_eq!(read_paste(" \n\u{200B}\t\n"), Ok(Paste::Empty));
    assert_eq!(read_paste("Copy"), Ok(Paste::Empty));
}

#[test]
fn oversize_pastes_are_refused_never_truncated() {
    let at_limit = "a".repeat(MAX_PASTE_BYTES);
    assert_eq!(check_paste_size(&at_limit), Ok(()));
    let over = "a".repeat(MAX_PASTE_BYTES + 1);
    assert_eq!(
        check_paste_size(&over),
        Err(PasteError::TooLarge {
            size: MAX_PASTE_BYTES + 1
        })
    );
    let labelled = format!("Account ID: {ACCOUNT}\n{}", " ".repeat(MAX_PASTE_BYTES));
    assert_eq!(
        read_paste(&labelled),
        Err(PasteError::TooLarge {
            size: labelled.len()
        })
    );
    let message = pasted_notice(Lang::En, &"x".repeat(5000));
    assert_eq!(
        message,
        "The pasted text is too long (5000 bytes); nothing was changed."
    );
}

// --- block shapes --------------------------------------------------------------------------

#[test]
fn zoom_app_credentials_page_copy() {
    let page = format!(
        "App credentials\nAccount ID\n{ACCOUNT}\nCopy\nClient ID\n{CLIENT}\nCopy\nClient secret\n{SECRET}\nCopy\nRegenerate\n"
    );
    assert_eq!(parse_block(&page), all_three());
    assert_eq!(read_paste(&page), Ok(Paste::Block(all_three())));
}

#[test]
fn zoom_page_copy_with_blank_lines_crlf_and_tabs() {
    let page = format!(
        "\r\nAccount ID\r\n\r\n\t{ACCOUNT}\t\r\n\r\nCopy\r\n\r\nClient ID\r\n\r\n{CLIENT}  Copy\r\n\r\nClient secret\r\n\r\n{SECRET}\r\n\r\nCopy\r\nRegenerate"
    );
    assert_eq!(parse_block(&page), all_three());
}

#[test]
fn zoom_page_in_japanese() {
    let page = format!(
        "アカウント ID\n{ACCOUNT}\nコピー\nクライアント ID\n{CLIENT}\nコピー\nクライアントシークレット\n{SECRET}\nコピー\n再生成\n"
    );
    assert_eq!(parse_block(&page), all_three());
}

#[test]
fn a_label_without_a_value_takes_nothing_from_the_next_label() {
    // The secret was hidden, so nothing was copied under its label.
    let page = format!("Client secret\nCopy\nClient ID\n{CLIENT}\n");
    let parsed = parse_block(&page);
    assert_eq!(parsed.found(), vec![Field::ClientId]);
    assert_eq!(parsed.client_id.as_deref(), Some(CLIENT));
}

#[test]
fn a_label_followed_by_a_sentence_takes_nothing() {
    let parsed = parse_block("Account ID\nYou can find it on the App Credentials page\n");
    assert!(parsed.is_empty());
}

#[test]
fn labelled_lines_in_any_case_spacing_and_separator() {
    let text = format!("account id: {ACCOUNT}\nCLIENTID={CLIENT}\nClient Secret ： {SECRET}\n");
    assert_eq!(parse_block(&text), all_three());
    let text = format!("Client secret:{SECRET}\nAccount ID = {ACCOUNT}\nClient ID\t{CLIENT}");
    assert_eq!(parse_block(&text), all_three());
}

#[test]
fn labelled_lines_from_a_note_or_chat() {
    let text = format!(
        "Zoomの設定です。\n・Account ID：「{ACCOUNT}」\n・Client ID：「{CLIENT}」\n・Client secret：「{SECRET}」\nよろしくお願いします。"
    );
    assert_eq!(parse_block(&text), all_three());
    let markdown = format!(
        "- **Account ID**: `{ACCOUNT}`\n- **Client ID**: `{CLIENT}`\n- **Client secret**: `{SECRET}`"
    );
    assert_eq!(parse_block(&markdown), all_three());
}

#[test]
fn a_label_with_its_value_on_the_next_line_after_a_colon() {
    let text =
        format!("Account ID:\n{ACCOUNT}\nClient ID:\n{CLIENT}\nClient secret:\n\n{SECRET}\n");
    assert_eq!(parse_block(&text), all_three());
}

#[test]
fn japanese_labels_with_and_without_space_and_full_width_colon() {
    let text = format!(
        "アカウントID：{ACCOUNT}\nクライアント ID: {CLIENT}\nクライアントシークレット＝{SECRET}\n"
    );
    assert_eq!(parse_block(&text), all_three());
    let text = format!(
        "アカウント　ＩＤ：{ACCOUNT}\nクライアントＩＤ：{CLIENT}\nクライアント シークレット：{SECRET}"
    );
    assert_eq!(parse_block(&text), all_three());
}

#[test]
fn dot_env_lines_quoted_or_not_with_export_and_comments() {
    let env = format!(
        "# Zoom S2S app\nZOOM_ACCOUNT_ID={ACCOUNT}\nexport ZOOM_CLIENT_ID=\"{CLIENT}\"\nZOOM_CLIENT_SECRET='{SECRET}' # keep this private\n"
    );
    assert_eq!(parse_block(&env), all_three());
    let env = format!(
        "export ZOOM_CLIENT_SECRET={SECRET}\r\nexport ZOOM_ACCOUNT_ID=\"{ACCOUNT}\"\r\nZOOM_CLIENT_ID = {CLIENT} # id\r\n"
    );
    assert_eq!(parse_block(&env), all_three());
}

#[test]
fn commented_out_env_lines_are_ignored() {
    let env = format!("# ZOOM_CLIENT_ID=old\nZOOM_CLIENT_ID={CLIENT}\n#ZOOM_ACCOUNT_ID=old\n");
    let parsed = parse_block(&env);
    assert_eq!(parsed.found(), vec![Field::ClientId]);
    assert_eq!(parsed.client_id.as_deref(), Some(CLIENT));
}

#[test]
fn shell_json_and_powershell_shapes() {
    let json = format!(
        "{{\n  \"account_id\": \"{ACCOUNT}\",\n  \"client_id\": \"{CLIENT}\",\n  \"client_secret\": \"{SECRET}\"\n}}"
    );
    assert_eq!(parse_block(&json), all_three());
    let ps = format!(
        "$env:ZOOM_ACCOUNT_ID=\"{ACCOUNT}\"\n$env:ZOOM_CLIENT_ID=\"{CLIENT}\"\n$env:ZOOM_CLIENT_SECRET=\"{SECRET}\""
    );
    assert_eq!(parse_block(&ps), all_three());
}

#[test]
fn a_partial_block_fills_only_what_it_names() {
    let parsed = parse_block(&format!("Client secret\n{SECRET}\nRegenerate"));
    assert_eq!(parsed.found(), vec![Field::ClientSecret]);
    let mut credentials = Credentials {
        account_id: ACCOUNT.into(),
        client_id: CLIENT.into(),
        ..Default::default()
    };
    credentials.apply(parsed);
    assert_eq!(credentials.client_secret.expose(), SECRET);
    assert_eq!(credentials.account_id, ACCOUNT);
}

#[test]
fn the_last_of_two_values_for_a_field_wins() {
    let parsed = parse_block(&format!("ZOOM_CLIENT_ID=first\nZOOM_CLIENT_ID={CLIENT}"));
    assert_eq!(parsed.client_id.as_deref(), Some(CLIENT));
}

#[test]
fn values_in_a_block_are_cleaned() {
    let text = "Account ID: ＡＢＣ１２３\u{200B} \nClient ID: \x1b[1mxyz\x1b[0m\nClient secret: \"s3cr\u{00AD}et\"";
    assert_eq!(parse_block(text), block("ABC123", "xyz", "s3cret"));
}

#[test]
fn a_value_with_inner_words_is_kept_so_the_checks_can_see_it() {
    let parsed = parse_block("Account ID: abc def ghi");
    assert_eq!(parsed.account_id.as_deref(), Some("abc def ghi"));
    let issues = check_field(Field::AccountId, "abc def ghi");
    assert!(issues.iter().any(|i| i.kind == IssueKind::Whitespace));
}

#[test]
fn a_block_paste_names_the_fields_it_filled() {
    let text = format!("Account ID: {ACCOUNT}\nClient secret: {SECRET}");
    assert_eq!(
        pasted_notice(Lang::En, &text),
        "Filled in from the paste: Account ID, Client secret."
    );
    assert_eq!(
        pasted_notice(Lang::Ja, &text),
        "貼り付けた内容から入力しました: Account ID、Client secret"
    );
}

// --- checks --------------------------------------------------------------------------------

fn kinds(issues: &[FieldIssue]) -> Vec<IssueKind> {
    issues.iter().map(|i| i.kind.clone()).collect()
}

#[test]
fn good_values_have_no_issues() {
    assert_eq!(check_field(Field::AccountId, ACCOUNT), vec![]);
    assert_eq!(check_field(Field::ClientId, CLIENT), vec![]);
    assert_eq!(check_field(Field::ClientSecret, SECRET), vec![]);
    let credentials = Credentials {
        account_id: ACCOUNT.into(),
        client_id: CLIENT.into(),
        client_secret: Secret::new(SECRET),
    };
    assert_eq!(check_all(&credentials), vec![]);
}

#[test]
fn empty_is_required_and_nothing_else() {
    let issues = check_field(Field::ClientSecret, "");
    assert_eq!(kinds(&issues), vec![IssueKind::Required]);
    assert_eq!(issues[0].severity, Severity::Error);
}

#[test]
fn characters_zoom_never_uses_are_errors_named_safely() {
    let issues = check_field(Field::ClientId, "abc@def.ghi/jkl@");
    assert_eq!(
        kinds(&issues),
        vec![IssueKind::InvalidChars(vec![
            "\"@\"".into(),
            "\".\"".into(),
            "\"/\"".into()
        ])]
    );
    assert_eq!(issues[0].severity, Severity::Error);
    // An unclean value never puts a control character into the message.
    let issues = check_field(Field::ClientId, "abc\x1b[31m\u{200B}");
    let text = issues[0].text(Lang::En);
    assert!(text.contains("U+001B") && text.contains("U+200B"), "{text}");
    assert!(!text.chars().any(char::is_control));
}

#[test]
fn a_masked_copy_is_recognised() {
    for masked in ["••••••••••••••••••••••••", "********", "●●●●●●●●"]
    {
        let issues = check_field(Field::ClientSecret, masked);
        assert_eq!(kinds(&issues), vec![IssueKind::Masked], "{masked}");
    }
}

#[test]
fn an_unusual_length_is_only_a_warning() {
    let issues = check_field(Field::AccountId, "abc123");
    assert_eq!(
        kinds(&issues),
        vec![IssueKind::UnusualLength { len: 6, usual: 22 }]
    );
    assert_eq!(issues[0].severity, Severity::Warning);
    assert_eq!(
        issues[0].text(Lang::En),
        "Has 6 characters; usually about 22. Check that the whole value was copied."
    );
    let issues = check_field(Field::ClientSecret, &"a".repeat(50));
    assert_eq!(
        kinds(&issues),
        vec![IssueKind::UnusualLength { len: 50, usual: 32 }]
    );
    assert_eq!(check_field(Field::ClientId, &"a".repeat(26)), vec![]);
}

#[test]
fn a_secret_in_an_id_field_looks_swapped() {
    let issues = check_field(Field::ClientId, SECRET);
    assert_eq!(kinds(&issues), vec![IssueKind::LooksLikeSecret { len: 32 }]);
    assert_eq!(issues[0].severity, Severity::Warning);
    let text = issues[0].text(Lang::Ja);
    assert!(
        text.contains("Client secret") && text.contains("32"),
        "{text}"
    );

    let swapped = Credentials {
        account_id: ACCOUNT.into(),
        client_id: SECRET.into(),
        client_secret: Secret::new(CLIENT),
    };
    let issues = check_all(&swapped);
    assert!(
        issues
            .iter()
            .any(|(f, i)| *f == Field::ClientId
                && matches!(i.kind, IssueKind::LooksLikeSecret { .. }))
    );
}

#[test]
fn the_same_value_in_two_fields_is_reported_on_the_later_one() {
    let twice = Credentials {
        account_id: ACCOUNT.into(),
        client_id: ACCOUNT.into(),
        client_secret: Secret::new(SECRET),
    };
    let issues = check_all(&twice);
    assert_eq!(issues.len(), 1, "{issues:?}");
    assert_eq!(issues[0].0, Field::ClientId);
    assert_eq!(issues[0].1.kind, IssueKind::SameAs(Field::AccountId));
    assert_eq!(issues[0].1.severity, Severity::Error);
    assert_eq!(
        issues[0].1.text(Lang::En),
        "Same value as Account ID. One of them was probably pasted into the wrong field."
    );

    let empty = Credentials::default();
    let issues = check_all(&empty);
    assert_eq!(issues.len(), 3);
    assert!(issues.iter().all(|(_, i)| i.kind == IssueKind::Required));
}

#[test]
fn every_issue_text_exists_in_both_languages_and_fills_its_placeholders() {
    let samples = [
        check_field(Field::AccountId, ""),
        check_field(Field::AccountId, "••••"),
        check_field(Field::AccountId, "a b@"),
        check_field(Field::AccountId, "abc"),
        check_field(Field::AccountId, SECRET),
        check_all(&Credentials {
            account_id: ACCOUNT.into(),
            client_id: ACCOUNT.into(),
            client_secret: Secret::new(ACCOUNT),
        })
        .into_iter()
        .map(|(_, i)| i)
        .collect(),
    ];
    for issue in samples.iter().flatten() {
        for lang in [Lang::En, Lang::Ja] {
            assert_ne!(
                tr(lang, issue.text_key()),
                issue.text_key(),
                "missing {}",
                issue.text_key()
            );
            let text = issue.text(lang);
            assert!(!text.contains('{'), "unfilled placeholder in {text}");
        }
    }
}

// --- previews and masks --------------------------------------------------------------------

#[test]
fn secret_preview_shows_the_ends_and_the_length() {
    let secret = Secret::new("abcdefghijklmnopqrstuvwxyz012345");
    assert_eq!(
        secret_preview_in(Lang::En, &secret),
        "abcd…2345 (32 characters)"
    );
    assert_eq!(secret_preview_in(Lang::Ja, &secret), "abcd…2345(32 文字)");
    assert_eq!(
        secret_preview_in(Lang::En, &Secret::new("abcdefghijkl")),
        "abcd…ijkl (12 characters)"
    );
}

#[test]
fn a_short_secret_shows_only_its_length() {
    assert_eq!(
        secret_preview_in(Lang::En, &Secret::new("abcdefghijk")),
        "•••• (11 characters)"
    );
    assert_eq!(
        secret_preview_in(Lang::En, &Secret::new("ab")),
        "•••• (2 characters)"
    );
    assert_eq!(secret_preview_in(Lang::En, &Secret::default()), "");
}

#[test]
fn a_preview_never_carries_a_control_character() {
    let preview = secret_preview_in(Lang::En, &Secret::new("\x1b[31mabcdefghijkl\x07"));
    assert!(!preview.chars().any(char::is_control), "{preview:?}");
}

#[test]
fn mask_id_keeps_only_the_last_four() {
    assert_eq!(mask_id(ACCOUNT), "******************StUv");
    assert_eq!(mask_id("abcde"), "*bcde");
    assert_eq!(mask_id("abcd"), "****");
    assert_eq!(mask_id(""), "");
}

// --- secrecy -------------------------------------------------------------------------------

#[test]
fn the_secret_never_appears_in_debug_or_display() {
    let secret = Secret::new(SECRET);
    assert!(!format!("{secret:?}").contains(SECRET));
    assert!(!format!("{secret:#?}").contains(SECRET));
    assert!(!format!("{secret}").contains(SECRET));
    assert_eq!(format!("{secret:?}"), "Secret(<redacted>)");

    let credentials = Credentials {
        account_id: ACCOUNT.into(),
        client_id: CLIENT.into(),
        client_secret: secret.clone(),
    };
    assert!(!format!("{credentials:?}").contains(SECRET));
    assert!(!format!("{credentials:#?}").contains(SECRET));

    let parsed = parse_block(&format!("Client secret: {SECRET}"));
    assert_eq!(
        parsed.client_secret.as_ref().map(Secret::expose),
        Some(SECRET)
    );
    assert!(!format!("{parsed:?}").contains(SECRET));
    assert!(!format!("{:?}", read_paste(SECRET)).contains(SECRET));
    // Not even a recognisable part of it.
    assert!(!format!("{credentials:?}{parsed:?}").contains(&SECRET[..8]));
}

#[test]
fn bad_characters_in_the_secret_are_counted_never_shown() {
    let issues = check_field(Field::ClientSecret, "abc+def/ghi=0123456789abcdefghij");
    let text = issues
        .iter()
        .map(|i| i.text(Lang::En))
        .collect::<Vec<_>>()
        .join(" ");
    assert!(text.contains("3 kind(s)"), "{text}");
    assert!(
        !text.contains('+') && !text.contains('/') && !text.contains('='),
        "{text}"
    );
    let issues = check_field(Field::ClientId, "abc+def");
    assert!(
        issues.iter().any(|i| i.text(Lang::En).contains('+')),
        "IDs name them"
    );
}
