//! Entry point of the `serverless-ls` binary: hands the arguments to the library.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    let code = serverless_ls::run(&args, &mut std::io::stdout(), &mut std::io::stderr());
    ExitCode::from(code)
}
