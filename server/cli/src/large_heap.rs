//! A large `compile` runs again in a child process whose C heap grows in large steps backed by
//! transparent huge pages (glibc's `GLIBC_TUNABLES`, which only a starting process reads).
//!
//! Compiling a service of thousands of functions allocates a template of hundreds of
//! megabytes in small pieces: with the default heap, a page fault per 4 KiB page and a heap
//! grown a little at a time take a fifth of the command; with huge pages the faults vanish.
//! Small configs, the other commands and the server keep the default heap (huge pages cost
//! more than they save on small work). Not done when `GLIBC_TUNABLES` is already set (the
//! child, or a user's own settings) or the process cannot be started again.

use std::ffi::OsString;
use std::path::Path;
use std::process::Command as Process;

use clap::Parser;

use crate::args::{Cli, Command};
use crate::compile_cmd;

/// The variable glibc reads its heap settings from.
const TUNABLES: &str = "GLIBC_TUNABLES";
/// Transparent huge pages for the heap, grown 64 MiB at a time.
const LARGE_HEAP: &str = "glibc.malloc.hugetlb=1:glibc.malloc.top_pad=67108864";
/// Configs from this size (a few hundred functions) are compiled with the large heap.
const LARGE_CONFIG: u64 = 128 * 1024;

/// Runs the command again with the large heap when it is a `compile` of a large config: the
/// child's exit code, or `None` to run here.
pub fn run_again_if_large(args: &[OsString]) -> Option<u8> {
    // The cheap tests first: every command passes here, and most are not `compile`.
    if !cfg!(all(target_os = "linux", target_env = "gnu"))
        || std::env::var_os(TUNABLES).is_some()
        || !args.iter().any(|arg| arg == "compile")
        || !is_large_compile(args)
    {
        return None;
    }
    let exe = std::env::current_exe().ok()?;
    let status = Process::new(exe)
        .args(args)
        .env(TUNABLES, LARGE_HEAP)
        .status()
        .ok()?;
    Some(
        status
            .code()
            .and_then(|c| u8::try_from(c).ok())
            .unwrap_or(2),
    )
}

/// Whether `args` compile a config of at least [`LARGE_CONFIG`] bytes.
fn is_large_compile(args: &[OsString]) -> bool {
    let words = std::iter::once(OsString::from(crate::BIN)).chain(args.iter().cloned());
    let Ok(Cli {
        command: Some(Command::Compile(options)),
        ..
    }) = Cli::try_parse_from(words)
    else {
        return false;
    };
    compile_cmd::config_path(&options.path).is_ok_and(|path| is_large(&path))
}

fn is_large(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.len() >= LARGE_CONFIG)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(words: &[&str]) -> Vec<OsString> {
        words.iter().map(OsString::from).collect()
    }

    fn bench(n: &str) -> String {
        format!("{}/../../fixtures/bench/{n}", env!("CARGO_MANIFEST_DIR"))
    }

    #[test]
    fn only_a_compile_of_a_large_config_is_large() {
        assert!(is_large_compile(&args(&["compile", &bench("n1000")])));
        assert!(is_large_compile(&args(&[
            "compile",
            &format!("{}/serverless.yml", bench("n1000")),
            "--stage",
            "prod"
        ])));
        assert!(!is_large_compile(&args(&["compile", &bench("n100")])));
        assert!(!is_large_compile(&args(&["check", &bench("n1000")])));
        assert!(!is_large_compile(&args(&["compile", "/no/such/file.yml"])));
        assert!(!is_large_compile(&args(&["compile", "--no-such-flag"])));
        assert!(!is_large_compile(&args(&[])));
    }
}
