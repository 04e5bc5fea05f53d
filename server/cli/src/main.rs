//! Entry point of the `serverless-ls` binary: hands the arguments to the library.

use std::io::IsTerminal;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    let output = serverless_ls::Output {
        color: std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let code = serverless_ls::run(
        &args,
        &mut std::io::stdout(),
        &mut std::io::stderr(),
        output,
    );
    ExitCode::from(code)
}
