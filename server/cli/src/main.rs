//! Entry point of the `serverless-ls` binary: hands the arguments to the library.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    serverless_ls::restart_with_heap_settings(&args);
    // Buffered: `check` of a monorepo writes many small pieces; `run` flushes before returning.
    let mut stdout = std::io::BufWriter::new(std::io::stdout());
    let code = serverless_ls::run(
        &args,
        &mut stdout,
        &mut std::io::stderr(),
        serverless_ls::Terminal::detect(),
    );
    ExitCode::from(code)
}
