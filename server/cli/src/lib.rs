//! The `serverless-ls` command line: `check`, `compile` and `serve`.
//!
//! `run` parses the arguments and dispatches; every command only loads files, calls the
//! engine (`sls_analysis`) and renders. Exit status: 0 ok, 1 problems found, 2 usage or IO.

mod args;
mod check;
mod compile_cmd;
mod discover;
mod probe;
mod render;
mod source;

use std::ffi::OsString;
use std::io::Write;

use args::Command;

/// How output is written.
#[derive(Debug, Clone, Copy, Default)]
pub struct Output {
    /// Use ANSI colours in human output.
    pub color: bool,
}

/// Runs the command line and returns the exit status.
pub fn run(
    args: &[OsString],
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
    output: Output,
) -> u8 {
    let status = match args::parse(args) {
        Ok(Command::Help) => write_all(stdout, args::HELP),
        Ok(Command::Version) => write_all(
            stdout,
            &format!("serverless-ls {}\n", env!("CARGO_PKG_VERSION")),
        ),
        Ok(Command::Serve) => serve(stderr),
        Ok(Command::Check(options)) => check::run(&options, stdout, stderr, output),
        Ok(Command::Compile(options)) => compile_cmd::run(&options, stdout, stderr),
        Err(message) => {
            let _ = writeln!(stderr, "serverless-ls: {message}\n\n{}", args::USAGE);
            2
        }
    };
    let _ = stdout.flush();
    status
}

fn write_all(out: &mut dyn Write, text: &str) -> u8 {
    match out.write_all(text.as_bytes()) {
        Ok(()) => 0,
        Err(_) => 2,
    }
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
