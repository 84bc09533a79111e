//! Speed and memory of the hot paths: one key through the core, one frame drawn, one paste
//! cleaned. Run with `cargo bench`; divan's allocation profiler counts heap use per call.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use hacomono_zoom_setup::app::{Model, Msg, Screen, update};
use hacomono_zoom_setup::credentials::clean;
use hacomono_zoom_setup::i18n::Lang;
use hacomono_zoom_setup::tui::screens;
use hacomono_zoom_setup::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

#[global_allocator]
static ALLOC: divan::AllocProfiler = divan::AllocProfiler::system();

fn main() {
    divan::main();
}

fn model_on_step1(lang: Lang) -> Model {
    let mut model = Model::new(lang, None);
    model.screen = Screen::Step1;
    model
}

/// One ↓ on the longest checklist: what every keystroke costs before drawing.
#[divan::bench]
fn key_down_on_step1(bencher: divan::Bencher) {
    let mut model = model_on_step1(Lang::Ja);
    let down = Msg::Key(KeyEvent::new(KeyCode::Down, KeyModifiers::NONE));
    let up = Msg::Key(KeyEvent::new(KeyCode::Up, KeyModifiers::NONE));
    bencher.bench_local(|| {
        update(&mut model, down.clone());
        update(&mut model, up.clone())
    });
}

/// One full frame of STEP 1, the busiest screen, at the standard and a wide size.
#[divan::bench(args = [(80, 24), (200, 60)])]
fn draw_step1(bencher: divan::Bencher, (width, height): (u16, u16)) {
    let model = model_on_step1(Lang::Ja);
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    bencher.bench_local(|| {
        terminal
            .draw(|f| screens::render(&model, &Theme::COLOR, f))
            .unwrap();
    });
}

/// Cleaning a pasted value with the clutter a web page drags along.
#[divan::bench]
fn clean_a_paste() -> String {
    clean(divan::black_box(" \u{feff}abcDEF123_-xyz0123456\r\n"))
}

/// One whole healthy check against the in-process emulator over real HTTP on 127.0.0.1:
/// token, scopes, users (two round trips), as the Check screen runs it.
#[divan::bench]
fn verify_against_the_emulator(bencher: divan::Bencher) {
    use hacomono_zoom_setup::credentials::Credentials;
    use hacomono_zoom_setup::zoom::client::{Endpoints, ZoomClient};
    use hacomono_zoom_setup::zoom::verify::{VerifyOptions, verify};
    use zoom_emulator::Emulator;

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let emulator = runtime.block_on(Emulator::start()).unwrap();
    let client = ZoomClient::new(
        Endpoints::single(&emulator.base_url()),
        std::time::Duration::from_secs(10),
    )
    .unwrap();
    let credentials = Credentials::demo();
    let options = VerifyOptions::default();
    bencher.bench_local(|| {
        runtime.block_on(async {
            let report = verify(&client, &credentials, &options, &mut |_, _, _| {}).await;
            assert!(report.ok());
            report
        })
    });
}

/// A large account's users on Done, with Japanese names.
fn model_on_done_with_users(count: usize) -> Model {
    use hacomono_zoom_setup::zoom::report::{Report, User};
    let users = (0..count)
        .map(|i| User {
            id: format!("user-{i:05}"),
            email: format!("staff{i:05}@example.jp"),
            display_name: format!("山田 太郎 {i:05}"),
            user_type: 2,
            role_id: "2".into(),
            pmi: None,
        })
        .collect();
    let report = Report {
        users,
        default_user: Some(count - 1),
        ..Report::default()
    };
    let mut model = Model::new(Lang::Ja, None);
    let generation = model.check.generation;
    update(&mut model, Msg::CheckDone { generation, report });
    model.screen = Screen::Done;
    model
}

/// One letter typed into Done's filter and taken back, each with its frame at 80x24: what a
/// keystroke costs in a large account (10,000 users) and at the listing's safety limit.
#[divan::bench(args = [10_000, 100_000], sample_count = 20)]
fn filter_key_on_done(bencher: divan::Bencher, users: usize) {
    let mut model = model_on_done_with_users(users);
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let typed = Msg::Key(KeyEvent::new(KeyCode::Char('9'), KeyModifiers::NONE));
    let erased = Msg::Key(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE));
    update(
        &mut model,
        Msg::Key(KeyEvent::new(KeyCode::Char('山'), KeyModifiers::NONE)),
    );
    bencher.bench_local(|| {
        for key in [&typed, &erased] {
            update(&mut model, key.clone());
            terminal
                .draw(|f| screens::render(&model, &Theme::COLOR, f))
                .unwrap();
        }
    });
}
