//! How the program was started, and what follows from it. Double-clicked in Explorer, it gets a
//! console window of its own that closes the instant it exits, taking an error or the summary
//! with it: then every exit waits for Enter. Started from cmd, PowerShell or a script, nothing
//! waits. When Windows says a screen reader runs, the wizard asks line by line (plain mode).
//!
//! The decisions are pure functions of [`Facts`], tested on every platform; reading the facts
//! is Windows' thin shell (`windows` below). Elsewhere there are none, so Linux and macOS never
//! wait and never guess a screen reader.

use std::io::{self, BufRead, Write};

use crate::i18n::{Lang, tr};
use crate::plain::Mode;

/// Set (to anything but `0`), nothing waits for Enter at exit, as with [`NO_PAUSE_FLAG`].
pub const NO_PAUSE_ENV: &str = "HACOMONO_ZOOM_SETUP_NO_PAUSE";
/// The flag that turns the wait at exit off (read from the raw arguments, so it holds even
/// when the rest of the command line is wrong).
pub const NO_PAUSE_FLAG: &str = "--no-pause";

/// What Windows says about how this process was started.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Facts {
    /// Processes attached to this process's console (`GetConsoleProcessList`); 0: no console.
    pub console_processes: u32,
    /// Standard input is that console, not a file or a pipe.
    pub stdin_is_console: bool,
    /// Standard output is that console.
    pub stdout_is_console: bool,
    /// A screen reader is running (`SystemParametersInfo(SPI_GETSCREENREADER)`).
    pub screen_reader: bool,
}

impl Facts {
    /// The facts of this process: read from Windows, none elsewhere. Read at start: a process
    /// started later (a browser) may join the console for a while.
    pub fn read() -> Facts {
        #[cfg(windows)]
        {
            windows::facts()
        }
        #[cfg(not(windows))]
        {
            Facts::default()
        }
    }
}

/// The console window was made for this process alone, as after a double-click: there is a
/// console, standard input and output are that console, and no other process is attached to
/// it (a shell that started us would be). scrcpy decides the same way.
pub fn owns_window(facts: &Facts) -> bool {
    facts.console_processes == 1 && facts.stdin_is_console && facts.stdout_is_console
}

/// Whether every exit waits for Enter: only in a window of our own, unless `--no-pause` is
/// among the arguments or [`NO_PAUSE_ENV`] is set (non-empty, not `0`).
pub fn pause_at_exit(
    facts: &Facts,
    no_pause_flag: bool,
    env: impl Fn(&str) -> Option<String>,
) -> bool {
    let env_off = env(NO_PAUSE_ENV).is_some_and(|v| !v.is_empty() && v != "0");
    owns_window(facts) && !no_pause_flag && !env_off
}

/// Whether a screen reader turns the full screen into plain mode: it would read the full
/// screen badly. Only where the full screen was going to start (plain mode already, or no
/// terminal, stays as it is) and not with `--full-screen`. When true, [`screen_reader_notice`]
/// says so.
pub fn screen_reader_chooses_plain(mode: Mode, facts: &Facts, full_screen: bool) -> bool {
    mode == Mode::Tui && facts.screen_reader && !full_screen
}

/// The one line said at the start when a screen reader chose plain mode, with how to get the
/// full screen anyway.
pub fn screen_reader_notice(lang: Lang) -> &'static str {
    tr(lang, "console.screen_reader")
}

/// `--no-pause` among the arguments (before a lone `--`).
pub fn no_pause_flag(args: impl IntoIterator<Item = std::ffi::OsString>) -> bool {
    args.into_iter()
        .skip(1)
        .take_while(|arg| arg != "--")
        .any(|arg| arg == NO_PAUSE_FLAG)
}

/// Says the window closes on Enter and waits for it. Keys typed before the question (an Enter
/// the console repeated as the wizard ended) are dropped first, so only a new press closes it.
pub fn wait_for_enter(lang: Lang) {
    #[cfg(windows)]
    windows::drop_typed_ahead();
    let mut out = io::stdout().lock();
    let _ = write!(out, "\n{} ", tr(lang, "console.press_enter"));
    let _ = out.flush();
    drop(out);
    let mut line = String::new();
    let _ = io::stdin().lock().read_line(&mut line);
}

/// Makes a panic of the main thread wait for Enter too, after its message (and after the
/// full screen's own hook has restored the terminal: that hook wraps this one). A panic in a
/// background task does not end the program, so it does not wait.
pub fn wait_after_panic(lang: Lang) {
    let main = std::thread::current().id();
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        previous(info);
        if std::thread::current().id() == main {
            wait_for_enter(lang);
        }
    }));
}

/// Windows' side: a few calls, each answered with a plain fact.
#[cfg(windows)]
mod windows {
    use windows_sys::Win32::System::Console::{
        FlushConsoleInputBuffer, GetConsoleMode, GetConsoleProcessList, GetStdHandle, STD_HANDLE,
        STD_INPUT_HANDLE, STD_OUTPUT_HANDLE,
    };
    use windows_sys::Win32::UI::WindowsAndMessaging::{SPI_GETSCREENREADER, SystemParametersInfoW};

    use super::Facts;

    pub fn facts() -> Facts {
        Facts {
            console_processes: console_processes(),
            stdin_is_console: is_console(STD_INPUT_HANDLE),
            stdout_is_console: is_console(STD_OUTPUT_HANDLE),
            screen_reader: screen_reader(),
        }
    }

    /// How many processes share our console: the count, even when it exceeds the list we
    /// pass; 0 without a console.
    fn console_processes() -> u32 {
        let mut ids = [0u32; 4];
        // SAFETY: the buffer holds `ids.len()` process ids and outlives the call.
        unsafe { GetConsoleProcessList(ids.as_mut_ptr(), ids.len() as u32) }
    }

    /// The standard handle is a console (the mode of a file or pipe cannot be read).
    fn is_console(which: STD_HANDLE) -> bool {
        let mut mode = 0;
        // SAFETY: GetStdHandle takes no pointer; GetConsoleMode writes one u32 to `mode`,
        // and fails cleanly for a null, invalid or non-console handle.
        unsafe {
            let handle = GetStdHandle(which);
            GetConsoleMode(handle, &mut mode) != 0
        }
    }

    fn screen_reader() -> bool {
        let mut running: i32 = 0;
        // SAFETY: SPI_GETSCREENREADER writes one BOOL to the pointer given, which lives
        // through the call.
        let ok =
            unsafe { SystemParametersInfoW(SPI_GETSCREENREADER, 0, (&raw mut running).cast(), 0) };
        ok != 0 && running != 0
    }

    /// Drops the key presses waiting in the console's input.
    pub fn drop_typed_ahead() {
        // SAFETY: as in `is_console`; flushing a non-console handle fails and changes nothing.
        unsafe {
            FlushConsoleInputBuffer(GetStdHandle(STD_INPUT_HANDLE));
        }
    }
}
