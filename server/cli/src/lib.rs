//! The `serverless-ls` command line: `check`, `compile` and `serve`.

use std::ffi::OsString;
use std::io::Write;

/// Runs the command line and returns the exit status (0 ok, 1 problems found, 2 usage or IO).
pub fn run(args: &[OsString], stdout: &mut dyn Write, stderr: &mut dyn Write) -> u8 {
    let first = args.first().and_then(|a| a.to_str());
    match first {
        None | Some("serve") | Some("--stdio") => serve(stderr),
        Some(other) => {
            let _ = writeln!(stderr, "serverless-ls: unknown command '{other}'");
            let _ = stdout.flush();
            2
        }
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
