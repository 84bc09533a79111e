//! Which front end a run gets: the full-screen wizard, plain mode, or neither.

/// How the wizard talks to the user.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// The full-screen wizard.
    Tui,
    /// Numbered questions, line by line.
    Plain,
    /// Neither can work: say how to proceed and stop, never wait for input that cannot come.
    NotATerminal,
}

/// Picks the front end. `--plain` always wins. Without it, standard input that is not a
/// terminal stops with advice (exit 2): a script should not walk a wizard by accident. With
/// a terminal on standard input, plain mode is chosen where the TUI would serve badly:
/// `TERM=dumb`, `ACCESSIBLE` set (non-empty), or standard output going to a file or pipe.
pub fn pick_mode(
    plain: bool,
    stdin_is_terminal: bool,
    stdout_is_terminal: bool,
    env: impl Fn(&str) -> Option<String>,
) -> Mode {
    if plain {
        return Mode::Plain;
    }
    if !stdin_is_terminal {
        return Mode::NotATerminal;
    }
    let dumb = env("TERM").is_some_and(|t| t == "dumb");
    let accessible = env("ACCESSIBLE").is_some_and(|v| !v.is_empty());
    if dumb || accessible || !stdout_is_terminal {
        Mode::Plain
    } else {
        Mode::Tui
    }
}
