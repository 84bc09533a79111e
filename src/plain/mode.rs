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

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| {
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn the_mode_follows_the_flag_the_streams_and_the_environment() {
        let xterm = [("TERM", "xterm-256color")];
        assert_eq!(pick_mode(false, true, true, env(&xterm)), Mode::Tui);
        assert_eq!(pick_mode(true, true, true, env(&xterm)), Mode::Plain);
        assert_eq!(pick_mode(true, false, false, env(&xterm)), Mode::Plain);
        assert_eq!(
            pick_mode(false, false, true, env(&xterm)),
            Mode::NotATerminal
        );
        assert_eq!(pick_mode(false, true, false, env(&xterm)), Mode::Plain);
        assert_eq!(
            pick_mode(false, true, true, env(&[("TERM", "dumb")])),
            Mode::Plain
        );
        let accessible = [("TERM", "xterm"), ("ACCESSIBLE", "1")];
        assert_eq!(pick_mode(false, true, true, env(&accessible)), Mode::Plain);
        let empty = [("TERM", "xterm"), ("ACCESSIBLE", "")];
        assert_eq!(pick_mode(false, true, true, env(&empty)), Mode::Tui);
        // Auto-plain never overrides a missing terminal on standard input.
        assert_eq!(
            pick_mode(false, false, true, env(&[("TERM", "dumb")])),
            Mode::NotATerminal
        );
    }
}
