//! Plain mode through the real binary with piped standard input: the demo walked with empty
//! lines to the Done screen in both languages, no escape byte anywhere, end of input mid-way,
//! the secret never printed, and the advice (exit 2) when standard input is not a terminal.
//!
//! Every run has a deadline (`support::process`): the child is killed and the test fails
//! rather than hang.

mod support;

use support::process::{Input, Ran, command, run};
use zoom_emulator::DEMO_CLIENT_SECRET;

/// Empty lines enough for the whole demo walk (it needs about a dozen).
const EMPTY_LINES: usize = 100;

/// Runs the binary in a home of its own (no saved progress from elsewhere) with no terminal:
/// all three streams are pipes. With `close_input` false, standard input stays open (and
/// empty) until the child exits, to prove it never waits for it: waiting would run into the
/// deadline.
fn plain(args: &[&str], env: &[(&str, &str)], input: &str, close_input: bool) -> Ran {
    let home = tempfile::tempdir().expect("a temporary home");
    let mut cmd = command(home.path(), args);
    cmd.env("TERM", "xterm-256color").envs(env.iter().copied());
    let input = if close_input {
        Input::Close(input.as_bytes())
    } else {
        Input::KeepOpen(input.as_bytes())
    };
    run(&mut cmd, input)
}

fn empty_lines(n: usize) -> String {
    "\n".repeat(n)
}

#[test]
fn the_demo_walks_to_done_on_empty_lines_in_english() {
    let out = plain(
        &["--demo", "--plain", "--lang", "en"],
        &[],
        &empty_lines(EMPTY_LINES),
        true,
    );
    assert_eq!(
        out.code, 0,
        "stdout:\n{}\nstderr:\n{}",
        out.stdout, out.stderr
    );
    for expected in [
        "(1/7) Welcome",
        "(3/7) STEP 1: build the app in Zoom",
        "Link: https://marketplace.zoom.us/",
        "Not finished yet",
        "✓ Get an access token",
        "✓ Ready for hacomono",
        "(7/7) Done",
        "Default Zoom user",
        "E-mail: owner@demo-gym.example",
        "Setup finished. Default Zoom user for hacomono: 山田 太郎 <owner@demo-gym.example>",
    ] {
        assert!(
            out.stdout.contains(expected),
            "{expected:?} missing:\n{}",
            out.stdout
        );
    }
    assert!(
        out.stdout.contains("Number [1]: \n"),
        "empty answers are echoed as such"
    );
    out.assert_no_escape();
    out.assert_never_shows(DEMO_CLIENT_SECRET);
}

#[test]
fn done_takes_part_of_a_name_or_e_mail_and_lists_several_matches() {
    // Defaults up to the Values, the large account's Client ID, defaults up to Done (the
    // rehearsal's [y/N] included); there: no match, several (listed, numbered as in the whole
    // list), then one, which is chosen.
    let answers = "\n\n\n\n\n\ndemoLargeAccount\n\n\n\n\nzzzz\n佐藤 陽菜\nstaff00050@\n";
    let out = plain(&["--demo", "--plain", "--lang", "en"], &[], answers, true);
    assert_eq!(
        out.code, 0,
        "stdout:\n{}\nstderr:\n{}",
        out.stdout, out.stderr
    );
    let done = &out.stdout[out.stdout.find("(7/7) Done").expect("Done")..];
    for expected in [
        "8,000 active users",
        "  20) 加藤 さくら 00019  <staff00019@large-gym.example>",
        "  8000) 本部 オーナー  <owner@large-gym.example>  (proposed)",
        "… and 7,979 more: type part of a name or e-mail to find one.",
        "Number, or part of a name or e-mail [8000]: ",
        "No user matches “zzzz”.",
        "67 users match: type the number of one, or more of the name.",
        "  51) 佐藤 陽菜 00050  <staff00050@large-gym.example>",
        "… and 47 more",
        "Number, or part of a name or e-mail [51]: ",
        "Setup finished. Default Zoom user for hacomono: 佐藤 陽菜 00050 <staff00050@large-gym.example>",
    ] {
        assert!(
            out.stdout.contains(expected),
            "{expected:?} missing:\n{done}"
        );
    }
    assert!(
        !done.contains("  21) "),
        "at most 20 listed at once:\n{done}"
    );
    out.assert_no_escape();
}

#[test]
fn the_rehearsal_host_is_found_by_part_of_a_name_or_e_mail_too() {
    // Defaults up to the Values, the large account's Client ID, `y` to the rehearsal; then
    // the host: several matches, then one, for whom the rehearsal runs.
    let answers = "\n\n\n\n\n\ndemoLargeAccount\n\ny\n佐藤 陽菜\nstaff00050@\n";
    let out = plain(&["--demo", "--plain", "--lang", "en"], &[], answers, true);
    let start = out
        .stdout
        .find("The test meeting's host:")
        .expect("the host asked");
    let end = out
        .stdout
        .find("Rehearsing with")
        .expect("the rehearsal ran");
    let consent = &out.stdout[start..end];
    for expected in [
        "  20) 加藤 さくら 00019  <staff00019@large-gym.example>",
        "  8000) 本部 オーナー  <owner@large-gym.example>  (proposed)",
        "… and 7,979 more: type part of a name or e-mail to find one.",
        "Number, or part of a name or e-mail [8000]: 佐藤 陽菜",
        "67 users match",
        "Number, or part of a name or e-mail [51]: staff00050@",
    ] {
        assert!(
            consent.contains(expected),
            "{expected:?} missing:\n{consent}"
        );
    }
    assert!(
        !consent.contains("  21) "),
        "at most 20 listed at once:\n{consent}"
    );
    let rest = &out.stdout[end..];
    for expected in [
        "Rehearsal for 佐藤 陽菜 00050 <staff00050@large-gym.example>:",
        "✓ Delete it",
        "✓ hacomono can create, update and delete meetings for this host.",
    ] {
        assert!(rest.contains(expected), "{expected:?} missing:\n{rest}");
    }
    out.assert_no_escape();
}

#[test]
fn a_number_on_done_is_the_user_with_that_number() {
    let answers = "\n\n\n\n\n\ndemoLargeAccount\n\n\n\n\n4321\n";
    let out = plain(&["--demo", "--plain", "--lang", "en"], &[], answers, true);
    assert_eq!(out.code, 0, "{}", out.stdout);
    assert!(
        out.stdout
            .contains("<staff04320@large-gym.example>, User ID LgUsEr0000000000004320"),
        "{}",
        out.stdout
    );
}

#[test]
fn the_demo_walks_to_done_on_empty_lines_in_japanese() {
    let out = plain(
        &["--demo", "--plain"],
        &[("LANG", "ja_JP.UTF-8")],
        &empty_lines(EMPTY_LINES),
        true,
    );
    assert_eq!(
        out.code, 0,
        "stdout:\n{}\nstderr:\n{}",
        out.stdout, out.stderr
    );
    for expected in [
        "(1/7) はじめに",
        "まだ終わっていない項目があります",
        "hacomono に登録できます",
        "デフォルト Zoom ユーザー",
        "メール: owner@demo-gym.example",
        "セットアップが完了しました",
        "番号、または名前かメールアドレスの一部 [2]: ",
    ] {
        assert!(
            out.stdout.contains(expected),
            "{expected:?} missing:\n{}",
            out.stdout
        );
    }
    out.assert_no_escape();
    out.assert_never_shows(DEMO_CLIENT_SECRET);
}

/// PowerShell and cmd pipe lines with CRLF: the carriage return is not part of an answer.
#[test]
fn answers_with_crlf_line_ends_walk_to_done_as_windows_pipes_them() {
    // Welcome 1, role 1, App Name, then the defaults to the end.
    let input = format!("1\r\n1\r\nhacomono\r\n{}", "\r\n".repeat(EMPTY_LINES));
    let out = plain(&["--demo", "--plain", "--lang", "en"], &[], &input, true);
    assert_eq!(
        out.code, 0,
        "stdout:\n{}\nstderr:\n{}",
        out.stdout, out.stderr
    );
    assert!(
        out.stdout
            .contains("Setup finished. Default Zoom user for hacomono: 山田 太郎"),
        "{}",
        out.stdout
    );
    assert!(
        !out.stdout.contains("hacomono\r") && !out.stdout.contains('\r'),
        "no carriage return is echoed back"
    );
    out.assert_no_escape();
}

#[test]
fn answers_drive_the_same_core_and_escapes_in_them_never_reach_the_output() {
    // Welcome 1, role 1, an App Name carrying a colour escape, all done, then three values
    // typed by hand (the secret wrong, so the check fails with a diagnosis), back to the
    // values with b, the two IDs kept, and the input ends at the secret.
    let secret = "CanarySecretXYZ0123456789abcdefQ";
    let input = format!("1\n1\n\u{1b}[31mMyGym\u{1b}[0m\n\n\n\n{secret}\nb\n\n\n");
    let out = plain(&["--demo", "--plain", "--lang", "en"], &[], &input, true);
    assert_eq!(
        out.code, 1,
        "stdout:\n{}\nstderr:\n{}",
        out.stdout, out.stderr
    );
    assert!(
        out.stdout
            .contains("App Name (ASCII letters, digits and symbols) [none]: MyGym\n")
    );
    assert!(
        out.stdout.contains("Cana…defQ (32 characters)"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("✗ Get an access token"));
    assert!(
        out.stdout.contains("[invalid_client]"),
        "the diagnosis is named"
    );
    assert!(
        out.stdout
            .contains("Client secret [Cana…defQ (32 characters)]: "),
        "back to the values"
    );
    out.assert_no_escape();
    out.assert_never_shows(secret);
}

#[test]
fn end_of_input_mid_way_says_so_and_exits_1() {
    let out = plain(
        &["--demo", "--plain", "--lang", "en"],
        &[],
        &empty_lines(3),
        true,
    );
    assert_eq!(out.code, 1);
    assert_eq!(
        out.stderr.trim_end(),
        "Input ended before the setup was finished."
    );
    // The last prompt line is ended, then the summary says where the walk stopped.
    assert!(
        out.stdout
            .contains(": \nSetup not finished (stopped at: STEP 1: build the app in Zoom)."),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .trim_end()
            .ends_with("the next start offers to continue.")
    );
    assert!(!out.stdout.contains("Setup finished"));
    out.assert_no_escape();

    let ja = plain(&["--demo", "--plain", "--lang", "ja"], &[], "", true);
    assert_eq!(ja.code, 1);
    assert_eq!(
        ja.stderr.trim_end(),
        "セットアップが終わる前に入力が終わりました。"
    );
}

#[test]
fn without_plain_a_non_terminal_stdin_gets_advice_and_exit_2_without_waiting_for_it() {
    // Standard input stays open and nothing ever comes: a binary that waited for it would run
    // into the deadline. How quickly the advice comes is a benchmark's business
    // (`cargo bench --bench startup`), not a wall-clock assertion on a busy machine.
    let out = plain(&["--demo", "--lang", "en"], &[], "", false);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("--plain"), "{}", out.stderr);
    assert!(
        out.stderr.contains("hacomono-zoom-setup check"),
        "{}",
        out.stderr
    );
    assert!(out.stdout.is_empty(), "{}", out.stdout);
    out.assert_no_escape();
}

#[test]
fn reset_forgets_the_saved_progress_even_where_the_wizard_cannot_start() {
    let home = tempfile::tempdir().expect("a temporary home");
    let saved = home
        .path()
        .join("data/hacomono-zoom-setup/demo-progress.json");
    std::fs::create_dir_all(saved.parent().unwrap()).unwrap();
    std::fs::write(&saved, r#"{"version":1,"screen":"step1"}"#).unwrap();
    let mut cmd = command(home.path(), &["--demo", "--lang", "en", "--reset"]);
    let out = run(&mut cmd, Input::Null);
    assert_eq!(out.code, 2, "the advice: standard input is not a terminal");
    assert!(out.stderr.contains("--plain"), "{}", out.stderr);
    assert!(!saved.exists(), "--reset was done all the same");
}

#[test]
fn auto_plain_needs_a_terminal_on_stdin_so_term_dumb_alone_still_gets_the_advice() {
    let out = plain(
        &["--demo", "--lang", "en"],
        &[("TERM", "dumb"), ("ACCESSIBLE", "1")],
        "",
        false,
    );
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("--plain"));
}

#[test]
fn a_labelled_secret_answered_at_an_id_prompt_is_used_but_never_echoed() {
    // Welcome, role, App Name, all done, continue without an App Name; then at the Account
    // ID prompt a labelled line that fills the Client secret (the paste logic of the
    // full-screen wizard), Client ID from the demo, and the input ends at the secret.
    let secret = "LabelledSecretXYZ0123456789abcdQ";
    let input = format!("\n\n\n\n\nClient secret: {secret}\n\n");
    let out = plain(&["--demo", "--plain", "--lang", "en"], &[], &input, true);
    assert_eq!(out.code, 1, "stdout:\n{}", out.stdout);
    assert!(
        out.stdout
            .contains("Filled in from the paste: Client secret."),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("Client secret [Labe…bcdQ (32 characters)]: "),
        "the secret's prompt offers what the paste filled:\n{}",
        out.stdout
    );
    out.assert_never_shows(secret);
    out.assert_no_escape();
}

#[test]
fn an_answer_a_prompt_does_not_expect_is_not_echoed() {
    // Answers out of step: the secret arrives at the "not finished" question. It is refused
    // there, and a log of the run must not hold it.
    let secret = "OutOfStepSecretXYZ0123456789abQ";
    let input = format!("\n\n\n\n{secret}\n");
    let out = plain(&["--demo", "--plain", "--lang", "en"], &[], &input, true);
    assert_eq!(out.code, 1);
    assert!(
        out.stdout
            .contains("Number [1]: \nPlease type a number from 1 to 2"),
        "{}",
        out.stdout
    );
    out.assert_never_shows(secret);
}

#[test]
fn checking_an_existing_app_goes_straight_to_the_values_and_warns_about_tokens() {
    let out = plain(
        &["--demo", "--plain", "--lang", "en"],
        &[],
        &format!("3\n{}", empty_lines(EMPTY_LINES)),
        true,
    );
    assert_eq!(
        out.code, 0,
        "stdout:\n{}\nstderr:\n{}",
        out.stdout, out.stderr
    );
    assert!(
        !out.stdout.contains("STEP 1: build the app"),
        "the Marketplace steps are skipped"
    );
    assert!(out.stdout.contains("The check takes one new access token"));
    assert!(out.stdout.contains("E-mail: owner@demo-gym.example"));
    out.assert_never_shows(DEMO_CLIENT_SECRET);
}

/// `yes | hacomono-zoom-setup --plain`: answers that never fit end the run (exit 3) with a
/// message, instead of asking for ever.
fn endless(answer: &str, lang: &str) -> Ran {
    let home = tempfile::tempdir().expect("a temporary home");
    let mut cmd = command(home.path(), &["--demo", "--plain", "--lang", lang]);
    cmd.env("TERM", "xterm-256color");
    run(&mut cmd, Input::Repeat(answer.as_bytes()))
}

#[test]
fn yes_ends_the_run_after_three_refused_answers_with_exit_3() {
    let out = endless("y\n", "en");
    assert_eq!(out.code, 3, "{}", out.both());
    assert_eq!(
        out.stdout.matches("Number [1]: \n").count(),
        3,
        "asked three times:\n{}",
        out.stdout
    );
    assert_eq!(
        out.stdout
            .matches("Please type a number from 1 to 3")
            .count(),
        2,
        "the third refusal is not invited to try again:\n{}",
        out.stdout
    );
    assert!(
        out.stderr
            .starts_with("Stopped: 3 answers in a row did not fit the question above"),
        "{}",
        out.stderr
    );
    assert!(
        out.stdout
            .contains("Setup not finished (stopped at: Welcome)."),
        "the summary says where:\n{}",
        out.stdout
    );
    out.assert_no_escape();

    let ja = endless("y\n", "ja");
    assert_eq!(ja.code, 3, "{}", ja.both());
    assert!(
        ja.stderr
            .starts_with("上の質問に合わない答えが 3 回続いたため、ここで止めます。"),
        "{}",
        ja.stderr
    );
}

#[test]
fn piped_answers_going_back_and_forth_for_ever_end_the_run_with_exit_3() {
    // `b` on the first screen stays there; `2` ends up choosing "stay here" on the custom
    // role's list again and again; `1`/`b` goes Welcome, Role, Welcome, Role, …
    for answers in ["b\n", "2\n", "1\nb\n"] {
        let out = endless(answers, "en");
        assert_eq!(out.code, 3, "{answers:?}: {}", out.both());
        assert!(
            out.stderr.starts_with(
                "Stopped: the answers went back to screens already shown 6 times in a row"
            ),
            "{answers:?}: {}",
            out.stderr
        );
    }
}

#[test]
fn every_question_that_asks_again_gives_up_on_piped_answers_that_never_fit() {
    // Empty answers up to the question named, then the same unfitting answer, 20 times: the
    // question is asked three times in a row, then the run ends (today's input would simply
    // run out, exit 1). The prompt before the three tells where the walk was.
    let long_value = format!("{}\n", "x".repeat(5000));
    let cases: [(usize, &str, &str, &str); 5] = [
        // The App Name (Japanese is refused), after Welcome and Role.
        (2, "ジム\n", "Number [1]: ", "App Name (ASCII"),
        // STEP 1's checklist numbers.
        (
            3,
            "99\n",
            "App Name (ASCII",
            "Press Enter when these steps are done",
        ),
        // A value: a paste too long to be one.
        (5, &long_value, "Number [1]: ", "Account ID ["),
        // The user filter on Done: nobody matches.
        (
            11,
            "zzzz\n",
            "Press Enter when",
            "Number, or part of a name or e-mail",
        ),
        // The check's numbers, after the rehearsal's [y/N] (anything but y is No).
        (9, "7\n", "Rehearse with a test meeting", "Number [1]: "),
    ];
    for (lead, answer, before, prompt) in cases {
        let home = tempfile::tempdir().expect("a temporary home");
        let mut cmd = command(home.path(), &["--demo", "--plain", "--lang", "en"]);
        let script = format!("{}{}", "\n".repeat(lead), answer.repeat(20));
        let out = run(&mut cmd, Input::Close(script.as_bytes()));
        assert_eq!(out.code, 3, "{prompt:?}: {}", out.both());
        let prompts: Vec<&str> = out.stdout.lines().filter(|l| l.contains("]: ")).collect();
        let last = &prompts[prompts.len() - 4..];
        assert!(last[0].starts_with(before), "{prompt:?}: {last:#?}");
        assert!(
            last[1..].iter().all(|l| l.starts_with(prompt)),
            "{prompt:?} asked three times: {last:#?}"
        );
        assert!(
            out.stderr.starts_with("Stopped: 3 answers"),
            "{}",
            out.stderr
        );
        out.assert_no_escape();
    }
}

/// Plain mode's words for what it has: `b` to go back to the values, and a value's problem
/// said where it is listed (there is no field to look under).
#[test]
fn a_refused_value_is_re_entered_with_b_and_its_problem_is_said_where_it_is_listed() {
    // Defaults to the Values, a Client ID with a character Zoom's values never have, the
    // secret's default; "not finished" (continue), then the check refuses it.
    for (lang, invalid, reenter) in [
        (
            "en",
            "  - Client ID has a problem:\n    ✗ Contains characters that Zoom's values never have: \"@\".",
            "  → b goes back to the values to re-enter the Client ID.",
        ),
        (
            "ja",
            "  - Client ID に問題があります:\n    ✗ Zoom の値には使われない文字が含まれています: \"@\"。",
            "  → b で値の入力に戻り、Client ID を入力し直してください。",
        ),
    ] {
        let answers = "\n\n\n\n\n\nabc@def\n\n\n";
        let out = plain(&["--demo", "--plain", "--lang", lang], &[], answers, true);
        assert_eq!(out.code, 1, "{}", out.both());
        assert!(out.stdout.contains(invalid), "{invalid:?}:\n{}", out.stdout);
        assert!(out.stdout.contains(reenter), "{reenter:?}:\n{}", out.stdout);
        for word in ["Esc", "キー", "欄", "under it"] {
            assert!(!out.stdout.contains(word), "{word:?}:\n{}", out.stdout);
        }
    }
}
