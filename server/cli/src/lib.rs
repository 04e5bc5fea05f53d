//! The `serverless-ls` command line: `check`, `compile`, `serve`, `rules`, `explain` and
//! `completions`.
//!
//! `run` parses the arguments (clap) and dispatches; every command only loads files, calls the
//! engine (`sls_analysis`) and renders. Exit status: 0 ok, 1 problems found, 2 usage or IO.

mod args;
mod check;
mod compile_cmd;
mod discover;
mod heap;
mod probe;
mod project;
mod render;
mod rules_cmd;
mod source;
mod terminal;

use std::ffi::OsString;
use std::io::Write;

use clap::{CommandFactory, Parser};

use args::{Cli, Command};
pub use heap::restart_with_heap_settings;
pub use terminal::Terminal;

/// The program name, as clap and the completion scripts spell it.
const BIN: &str = "serverless-ls";

/// Runs the command line (arguments without the program name) and returns the exit status.
pub fn run(
    args: &[OsString],
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
    terminal: Terminal,
) -> u8 {
    let words = std::iter::once(OsString::from(BIN)).chain(args.iter().cloned());
    let status = match Cli::try_parse_from(words) {
        Ok(cli) => dispatch(cli, stdout, stderr, terminal),
        Err(err) => clap_message(&err, stdout, stderr, terminal),
    };
    let _ = stdout.flush();
    status
}

fn dispatch(cli: Cli, stdout: &mut dyn Write, stderr: &mut dyn Write, terminal: Terminal) -> u8 {
    let color = terminal.stdout_color(cli.color);
    match cli.command {
        None | Some(Command::Serve(_)) => serve(stderr),
        Some(Command::Check(options)) => check::run(&options, stdout, stderr, terminal, cli.color),
        Some(Command::Compile(options)) => compile_cmd::run(&options, stdout, stderr),
        Some(Command::Rules) => rules_cmd::list(stdout, color),
        Some(Command::Explain(options)) => rules_cmd::explain(options.code, stdout, color),
        Some(Command::Completions(options)) => completions(options.shell, stdout),
    }
}

/// Help, version and usage errors, as clap words them: help and version on stdout (exit 0),
/// errors on stderr (exit 2).
fn clap_message(
    err: &clap::Error,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
    terminal: Terminal,
) -> u8 {
    let (out, color): (&mut dyn Write, bool) = if err.use_stderr() {
        (stderr, terminal.stderr_color(args::ColorChoice::Auto))
    } else {
        (stdout, terminal.stdout_color(args::ColorChoice::Auto))
    };
    let rendered = err.render();
    let text = if color {
        rendered.ansi().to_string()
    } else {
        rendered.to_string()
    };
    match out.write_all(text.as_bytes()) {
        Ok(()) => u8::try_from(err.exit_code()).unwrap_or(2),
        Err(_) => 2,
    }
}

fn completions(shell: args::Shell, stdout: &mut dyn Write) -> u8 {
    let generator = match shell {
        args::Shell::Bash => clap_complete::Shell::Bash,
        args::Shell::Zsh => clap_complete::Shell::Zsh,
        args::Shell::Fish => clap_complete::Shell::Fish,
    };
    clap_complete::generate(generator, &mut Cli::command(), BIN, stdout);
    0
}

fn serve(stderr: &mut dyn Write) -> u8 {
    match sls_lsp::serve_stdio() {
        Ok(()) => 0,
        Err(err) => {
            let _ = writeln!(stderr, "serverless-ls: {err:#}");
            1
        }
    }
}
