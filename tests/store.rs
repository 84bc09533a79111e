//! Resume: what is saved, what is never saved, and how bad files and bad directories end.

mod support;

use std::fs;
use std::path::Path;

use hacomono_zoom_setup::app::model::{RoleChoice, Situation};
use hacomono_zoom_setup::app::progress::{PROGRESS_VERSION, Progress};
use hacomono_zoom_setup::app::text::notice as notice_text;
use hacomono_zoom_setup::app::{Model, Msg, Screen, update};
use hacomono_zoom_setup::credentials::Field;
use hacomono_zoom_setup::i18n::Lang;
use hacomono_zoom_setup::resume::load_notice;
use hacomono_zoom_setup::store::{LoadOutcome, SetAsideReason, Store};

/// What the status bar says about a load outcome, as the wizard shows it.
fn load_message(lang: Lang, outcome: &LoadOutcome) -> Option<String> {
    let text = load_notice(outcome).map(|notice| notice_text(lang, &notice));
    if let Some(text) = &text {
        assert!(!text.contains('{'), "a placeholder left unfilled: {text}");
    }
    text
}

const CANARY_SECRET: &str = "CanarySecret_9f3b2c7d1e0a4b5c6d7e8f90";
const ACCOUNT_ID: &str = "AcctCanary_7Zq2Lm9Xv0";
const CLIENT_ID: &str = "ClientCanary_Pw3Rt8Yu1AbCd";

/// A model part-way through STEP 1 with every kind of thing to remember filled in.
fn model_in_step1() -> Model {
    let mut model = Model::new(Lang::En, None);
    model.situation = Situation::JwtMigration;
    model.role = RoleChoice::Custom;
    model.cursors[Screen::Step1.index()] = 3;
    model.cursors[Screen::Values.index()] = 2;
    model
        .ticks
        .extend(["sign_in", "build_app", "perm_s2s_oauth"].map(String::from));
    model.app_name.set("hacomono-link");
    model.field_mut(Field::AccountId).set(ACCOUNT_ID);
    model.field_mut(Field::ClientId).set(CLIENT_ID);
    model.field_mut(Field::ClientSecret).set(CANARY_SECRET);
    model.screen = Screen::Step1;
    model
}

/// What the wizard says after the runtime reports a failed save; it stops trying to save.
fn notice_after_failed_save(lang: Lang, store: &Store, error: &std::io::Error) -> String {
    let mut model = Model::new(lang, None);
    model.persist = true;
    update(
        &mut model,
        Msg::SaveFailed {
            path: store.path().display().to_string(),
            error: error.to_string(),
        },
    );
    assert!(!model.persist, "the wizard stops trying to save");
    notice_text(lang, model.notice.as_ref().unwrap())
}

fn store_in(dir: &Path) -> Store {
    Store::at(dir.join("state").join("progress.json"))
}

fn load_progress(store: &Store) -> Progress {
    match store.load() {
        LoadOutcome::Resumable(progress) => progress,
        other => panic!("expected saved progress, got {other:?}"),
    }
}

#[test]
fn save_load_apply_resumes_at_the_same_place() {
    let dir = tempfile::tempdir().unwrap();
    let store = store_in(dir.path());
    let model = model_in_step1();
    store.save(&Progress::from_model(&model, false)).unwrap();

    let mut resumed = Model::new(Lang::Ja, None);
    load_progress(&store).apply(&mut resumed);
    assert_eq!(resumed.screen, Screen::Step1);
    assert_eq!(resumed.ticks, model.ticks);
    assert_eq!(resumed.app_name.value(), "hacomono-link");
    assert_eq!(resumed.lang, Lang::En);
    assert_eq!(resumed.cursors, model.cursors);
    assert!(resumed.jwt_migration() && resumed.custom_role());
    assert!(resumed.field(Field::ClientSecret).is_empty());
}

#[test]
fn the_secret_is_never_written() {
    let dir = tempfile::tempdir().unwrap();
    let store = store_in(dir.path());
    // Even with consent to remember the IDs, and on the screens right after entering it.
    for screen in [Screen::Values, Screen::Check, Screen::Done] {
        let mut model = model_in_step1();
        model.screen = screen;
        store.save(&Progress::from_model(&model, true)).unwrap();
        let written = fs::read_to_string(store.path()).unwrap();
        assert!(
            !written.contains(CANARY_SECRET),
            "the secret reached the file:\n{written}"
        );
        assert!(
            !written.contains("CanarySecret"),
            "part of the secret reached the file:\n{written}"
        );
        assert!(
            !written.to_lowercase().contains("secret"),
            "a secret-ish field in:\n{written}"
        );
    }
}

#[test]
fn ids_are_written_only_with_consent() {
    let dir = tempfile::tempdir().unwrap();
    let store = store_in(dir.path());
    let model = model_in_step1();

    store.save(&Progress::from_model(&model, false)).unwrap();
    let written = fs::read_to_string(store.path()).unwrap();
    assert!(
        !written.contains(ACCOUNT_ID) && !written.contains(CLIENT_ID),
        "IDs without consent:\n{written}"
    );

    store.save(&Progress::from_model(&model, true)).unwrap();
    let written = fs::read_to_string(store.path()).unwrap();
    assert!(written.contains(ACCOUNT_ID) && written.contains(CLIENT_ID));
    let mut resumed = Model::new(Lang::Ja, None);
    load_progress(&store).apply(&mut resumed);
    assert_eq!(resumed.field(Field::AccountId).value(), ACCOUNT_ID);
    assert_eq!(resumed.field(Field::ClientId).value(), CLIENT_ID);
}

#[test]
fn a_saved_screen_that_needs_the_secret_resumes_at_values() {
    // STEP 2 copies the secret and Done lists the check's users: neither works without it.
    for screen in [Screen::Check, Screen::Step2, Screen::Done] {
        let mut model = model_in_step1();
        model.screen = screen;
        let mut resumed = Model::new(Lang::Ja, None);
        Progress::from_model(&model, false).apply(&mut resumed);
        assert_eq!(resumed.screen, Screen::Values, "from {screen:?}");
    }
}

#[test]
fn apply_distrusts_the_file() {
    let mut progress = Progress::from_model(&model_in_step1(), true);
    progress.cursors.insert("step1".into(), 9_999);
    progress.cursors.insert("welcome".into(), 7);
    progress.cursors.insert("no_such_screen".into(), 1);
    progress.ticks.insert("no_such_item".into());
    progress.ticks.insert("role_settings".into()); // a heading: not tickable
    progress.app_name = "app\u{1b}[2Jname\r\n".into();
    progress.account_id = Some("acct\u{7}".into());
    let mut model = Model::new(Lang::Ja, None);
    progress.apply(&mut model);

    let step1_items = Model::focusable_items(Screen::Step1).len();
    assert_eq!(model.cursor_of(Screen::Step1), step1_items - 1);
    assert_eq!(model.situation, *Situation::ALL.last().unwrap());
    assert!(!model.ticks.contains("no_such_item"));
    assert!(!model.ticks.contains("role_settings"));
    assert!(model.ticks.contains("sign_in"));
    // The whole escape sequence goes, not only its ESC.
    assert_eq!(model.app_name.value(), "appname");
    assert_eq!(model.field(Field::AccountId).value(), "acct");
}

#[test]
fn a_screen_outside_the_flow_falls_back_to_the_one_before() {
    let mut model = Model::new(Lang::Ja, None);
    model.screen = Screen::Migration;
    let mut progress = Progress::from_model(&model, false);
    // Start's answer says "new setup", so there is no Migration screen to resume at.
    progress.cursors.insert("welcome".into(), 0);
    progress.apply(&mut model);
    assert_eq!(model.screen, Screen::Start);

    progress.screen = "custom_role".into();
    progress.apply(&mut model);
    assert_eq!(model.screen, Screen::Role);

    progress.screen = "renamed_in_a_later_version".into();
    progress.apply(&mut model);
    assert_eq!(model.screen, Screen::Start);
}

#[test]
fn no_file_is_a_fresh_start_and_reset_forgets() {
    let dir = tempfile::tempdir().unwrap();
    let store = store_in(dir.path());
    assert_eq!(store.load(), LoadOutcome::Fresh);
    assert_eq!(load_message(Lang::En, &store.load()), None);
    store.reset().unwrap();
    store
        .save(&Progress::from_model(&model_in_step1(), false))
        .unwrap();
    let outcome = store.load();
    assert!(matches!(outcome, LoadOutcome::Resumable(_)));
    assert_eq!(
        load_message(Lang::En, &outcome),
        None,
        "resuming is offered, not told"
    );
    store.reset().unwrap();
    assert_eq!(store.load(), LoadOutcome::Fresh);
}

#[test]
fn a_corrupt_file_is_set_aside_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::at(dir.path().join("progress.json"));
    fs::write(store.path(), b"{\"version\": 1, \"screen\": ").unwrap();
    let outcome = store.load();
    let LoadOutcome::SetAside {
        moved_to,
        reason: SetAsideReason::Corrupt(_),
    } = &outcome
    else {
        panic!("expected the file set aside as corrupt, got {outcome:?}");
    };
    let name = moved_to.file_name().unwrap().to_string_lossy();
    assert!(name.starts_with("progress.json.corrupt-"), "{name}");
    assert_eq!(
        fs::read(moved_to).unwrap(),
        b"{\"version\": 1, \"screen\": "
    );
    assert!(!store.path().exists());
    for lang in [Lang::En, Lang::Ja] {
        let message = load_message(lang, &outcome).unwrap();
        assert!(
            message.contains(&moved_to.display().to_string()),
            "{message}"
        );
    }
    assert_eq!(store.load(), LoadOutcome::Fresh);

    // A second bad file in the same second does not overwrite the first one set aside.
    fs::write(store.path(), b"not json").unwrap();
    let LoadOutcome::SetAside {
        moved_to: second, ..
    } = store.load()
    else {
        panic!()
    };
    assert_ne!(&second, moved_to);
    assert!(moved_to.exists() && second.exists());
}

#[test]
fn a_file_of_the_wrong_shape_or_without_version_is_corrupt() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::at(dir.path().join("progress.json"));
    for body in [
        r#"{"screen": "step1", "lang": "ja"}"#,
        r#"{"version": 1, "screen": 5}"#,
        "[]",
        "",
    ] {
        fs::write(store.path(), body).unwrap();
        assert!(
            matches!(
                store.load(),
                LoadOutcome::SetAside {
                    reason: SetAsideReason::Corrupt(_),
                    ..
                }
            ),
            "{body}"
        );
    }
}

#[test]
fn a_file_from_a_newer_version_is_set_aside() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::at(dir.path().join("progress.json"));
    let newer = PROGRESS_VERSION + 1;
    fs::write(
        store.path(),
        format!(r#"{{"version": {newer}, "everything": "changed"}}"#),
    )
    .unwrap();
    let outcome = store.load();
    assert!(
        matches!(&outcome, LoadOutcome::SetAside { reason: SetAsideReason::NewerVersion { found }, .. } if *found == newer),
        "{outcome:?}"
    );
    let message = load_message(Lang::Ja, &outcome).unwrap();
    assert!(message.contains(&newer.to_string()), "{message}");
}

#[test]
fn a_directory_that_cannot_exist_is_an_error_not_a_panic() {
    // A regular file where the directory should be: fails for every user, root included.
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("state"), b"").unwrap();
    let store = store_in(dir.path());
    let error = store
        .save(&Progress::from_model(&model_in_step1(), false))
        .unwrap_err();
    let message = notice_after_failed_save(Lang::Ja, &store, &error);
    assert!(
        message.contains(&store.path().display().to_string()),
        "{message}"
    );
    assert!(message.contains(&error.to_string()), "{message}");
    assert_eq!(store.load(), LoadOutcome::Fresh);
}

#[test]
fn a_save_that_fails_after_the_temporary_file_leaves_nothing_behind() {
    // A directory where the file should be: the temporary file is written, then the rename
    // over it fails. Permissions play no part, so this fails for root too.
    let dir = tempfile::tempdir().unwrap();
    let store = Store::at(dir.path().join("progress.json"));
    fs::create_dir(store.path()).unwrap();
    fs::write(store.path().join("kept"), b"someone's").unwrap();
    let error = store
        .save(&Progress::from_model(&model_in_step1(), false))
        .unwrap_err();
    assert_ne!(error.kind(), std::io::ErrorKind::NotFound, "{error}");
    let left: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left, ["progress.json"], "no temporary file left behind");
    assert_eq!(fs::read(store.path().join("kept")).unwrap(), b"someone's");
    let message = notice_after_failed_save(Lang::En, &store, &error);
    assert!(
        message.contains(&store.path().display().to_string())
            && message.contains(&error.to_string()),
        "{message}"
    );
}

#[cfg(unix)]
#[test]
fn the_file_is_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let store = store_in(dir.path());
    store
        .save(&Progress::from_model(&model_in_step1(), true))
        .unwrap();
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(store.path()), 0o600);
    assert_eq!(mode(store.path().parent().unwrap()), 0o700);
    // Saving again replaces the file, still owner-only, and leaves nothing else behind.
    store
        .save(&Progress::from_model(&model_in_step1(), false))
        .unwrap();
    assert_eq!(mode(store.path()), 0o600);
    assert_eq!(
        fs::read_dir(store.path().parent().unwrap())
            .unwrap()
            .count(),
        1
    );
}

/// The binary in plain mode (`args` added), in a home of its own, answering `answers` and then
/// ending its input. `env` adds to the isolated environment.
fn run_the_binary(
    home: &Path,
    args: &[&str],
    env: &[(&str, &str)],
    answers: &'static [u8],
) -> support::process::Ran {
    let mut all = vec!["--plain", "--lang", "en"];
    all.extend_from_slice(args);
    let mut cmd = support::process::command(home, &all);
    cmd.envs(env.iter().copied());
    let ran = support::process::run(&mut cmd, support::process::Input::Close(answers));
    assert_eq!(ran.code, 1, "input ended mid-way:\n{}", ran.both());
    ran
}

/// Every progress file (`*progress.json`) under `home`.
fn progress_files(home: &Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    let mut dirs = vec![home.to_owned()];
    while let Some(dir) = dirs.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.to_string_lossy().ends_with("progress.json") {
                found.push(path);
            }
        }
    }
    found
}

/// The real setup (no `--demo`) answering the first questions: it has saved its progress by
/// then (nothing here reaches Zoom).
fn saved_by_the_binary(home: &Path, env: &[(&str, &str)]) -> Vec<std::path::PathBuf> {
    run_the_binary(home, &[], env, b"\n\n");
    progress_files(home)
}

/// Linux: `$XDG_DATA_HOME/hacomono-zoom-setup/progress.json`, else the same under
/// `$HOME/.local/share`. Through the binary, with a HOME and XDG directories of the test's
/// own: the developer's real ones are never read or written.
#[cfg(target_os = "linux")]
#[test]
fn the_default_location_is_progress_json_in_the_xdg_data_directory() {
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("elsewhere");
    let found = saved_by_the_binary(home.path(), &[("XDG_DATA_HOME", data.to_str().unwrap())]);
    assert_eq!(found, [data.join("hacomono-zoom-setup/progress.json")]);

    let home = tempfile::tempdir().unwrap();
    // An empty XDG_DATA_HOME counts as unset (the XDG rule: only absolute paths count).
    let found = saved_by_the_binary(home.path(), &[("XDG_DATA_HOME", "")]);
    assert_eq!(
        found,
        [home
            .path()
            .join(".local/share/hacomono-zoom-setup/progress.json")]
    );
}

/// Every platform: the file is `progress.json` in a `hacomono-zoom-setup` directory under the
/// (isolated) home.
#[test]
fn the_binary_saves_progress_json_under_its_home() {
    let home = tempfile::tempdir().unwrap();
    let found = saved_by_the_binary(home.path(), &[]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].starts_with(home.path())
            && found[0].to_string_lossy().contains("hacomono-zoom-setup"),
        "{}",
        found[0].display()
    );
    let saved = fs::read_to_string(&found[0]).unwrap();
    assert!(saved.contains("\"version\""), "{saved}");
}

#[test]
fn a_progress_file_that_cannot_be_read_is_left_in_place_and_reported() {
    // A directory at the file's path cannot be read as a file, whoever asks (root included).
    let dir = tempfile::tempdir().unwrap();
    let store = Store::at(dir.path().join("progress.json"));
    fs::create_dir(store.path()).unwrap();
    let outcome = store.load();
    assert!(
        matches!(&outcome, LoadOutcome::Unusable { path, .. } if path == store.path()),
        "{outcome:?}"
    );
    let message = load_message(Lang::En, &outcome).unwrap();
    assert!(
        message.contains(&store.path().display().to_string()),
        "{message}"
    );
    assert!(store.path().is_dir(), "an unreadable file is not moved");
    assert_eq!(
        fs::read_dir(dir.path()).unwrap().count(),
        1,
        "nothing set aside"
    );
}

/// Practising with `--demo` (as the README suggests before the real setup) keeps its own file:
/// what was ticked against the emulator is never offered to the real setup as done, and the
/// real setup's progress is neither offered to the demo nor overwritten by it.
#[test]
fn practising_with_demo_keeps_its_own_progress_apart_from_the_real_setup() {
    let home = tempfile::tempdir().unwrap();
    let real = saved_by_the_binary(home.path(), &[]);
    assert_eq!(real.len(), 1, "{real:?}");
    let real = real[0].clone();
    assert!(
        real.ends_with("hacomono-zoom-setup/progress.json"),
        "{}",
        real.display()
    );
    let before = fs::read(&real).unwrap();

    let demo = run_the_binary(home.path(), &["--demo"], &[], b"\n\n\n");
    assert!(
        !demo
            .stdout
            .contains("Progress from an earlier run was found"),
        "the demo offered the real setup's progress:\n{}",
        demo.both()
    );
    let demo_file = real.with_file_name("demo-progress.json");
    assert!(demo_file.is_file(), "{:?}", progress_files(home.path()));
    assert!(
        fs::read_to_string(&demo_file)
            .unwrap()
            .contains("\"screen\": \"step1\"")
    );
    assert_eq!(
        fs::read(&real).unwrap(),
        before,
        "the real progress is untouched"
    );

    let again = run_the_binary(home.path(), &[], &[], b"");
    assert!(
        again
            .stdout
            .contains("Progress from an earlier run was found"),
        "{}",
        again.both()
    );
    let demo_again = run_the_binary(home.path(), &["--demo"], &[], b"");
    assert!(
        demo_again
            .stdout
            .contains("Progress from an earlier run was found"),
        "the demo resumes its own practice:\n{}",
        demo_again.both()
    );
}
