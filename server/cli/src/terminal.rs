//! What the process knows about where its output goes, and the colour decision it implies.

use crate::args::ColorChoice;

/// Facts about the process's surroundings, gathered once by `main` (tests build their own).
#[derive(Debug, Clone, Copy, Default)]
pub struct Terminal {
    /// stdout is a terminal.
    pub stdout_is_terminal: bool,
    /// stderr is a terminal.
    pub stderr_is_terminal: bool,
    /// `NO_COLOR` is set to a non-empty value: no colours unless asked for with `--color`.
    pub no_color: bool,
    /// `CLICOLOR_FORCE` is set to a non-empty value other than `0`: colours even off a terminal.
    pub clicolor_force: bool,
}

impl Terminal {
    /// Reads the real process's streams and environment.
    pub fn detect() -> Terminal {
        use std::io::IsTerminal;
        let set = |name: &str| std::env::var_os(name).is_some_and(|value| !value.is_empty());
        Terminal {
            stdout_is_terminal: std::io::stdout().is_terminal(),
            stderr_is_terminal: std::io::stderr().is_terminal(),
            no_color: set("NO_COLOR"),
            clicolor_force: std::env::var_os("CLICOLOR_FORCE")
                .is_some_and(|value| !value.is_empty() && value != "0"),
        }
    }

    /// Whether output to stdout is coloured: `--color always|never` decides; `auto` follows
    /// `NO_COLOR`, then `CLICOLOR_FORCE`, then whether stdout is a terminal.
    pub(crate) fn stdout_color(&self, choice: ColorChoice) -> bool {
        self.color(choice, self.stdout_is_terminal)
    }

    /// The same decision for stderr.
    pub(crate) fn stderr_color(&self, choice: ColorChoice) -> bool {
        self.color(choice, self.stderr_is_terminal)
    }

    fn color(&self, choice: ColorChoice, is_terminal: bool) -> bool {
        match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto if self.no_color => false,
            ColorChoice::Auto => self.clicolor_force || is_terminal,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explicit_choice_wins_then_no_color_then_force_then_terminal() {
        let tty = Terminal {
            stdout_is_terminal: true,
            ..Terminal::default()
        };
        assert!(tty.stdout_color(ColorChoice::Auto));
        assert!(!tty.stdout_color(ColorChoice::Never));
        let piped = Terminal::default();
        assert!(!piped.stdout_color(ColorChoice::Auto));
        assert!(piped.stdout_color(ColorChoice::Always));
        let forced = Terminal {
            clicolor_force: true,
            ..Terminal::default()
        };
        assert!(forced.stdout_color(ColorChoice::Auto));
        let both = Terminal {
            stdout_is_terminal: true,
            no_color: true,
            clicolor_force: true,
            ..Terminal::default()
        };
        assert!(!both.stdout_color(ColorChoice::Auto));
        assert!(both.stdout_color(ColorChoice::Always));
    }
}
