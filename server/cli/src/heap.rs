//! Heap settings a process takes only at start: glibc reads `GLIBC_TUNABLES` once, so the
//! commands that gain from other settings start again (`exec`, same process id) with them.
//!
//! - A large `compile`: a template of hundreds of megabytes allocated in small pieces. With
//!   the default heap, a page fault per 4 KiB page and a heap grown a little at a time take a
//!   fifth of the command; transparent huge pages and a heap grown 64 MiB at a time remove
//!   them.
//! - The language server: every edit builds a new tree, plan and diagnostics while the
//!   previous ones are still held, on several threads. glibc raises its threshold for mapping
//!   blocks on their own as large blocks are freed, after which the large arrays of one edit
//!   stay in a thread's heap when freed and the next edit's grow elsewhere; with a fixed
//!   threshold (256 KiB) blocks that large are returned to the system when freed (`n5000`:
//!   peak RSS ~87 → ~70 MiB, see BENCHMARKS.md).
//!
//! Small configs and the other commands keep the default heap. Nothing is done when
//! `GLIBC_TUNABLES` is already set (the restarted process, or a user's own settings), off
//! glibc, or when the process cannot start again (it then runs as it is).

use std::ffi::OsString;
use std::path::Path;

use clap::Parser;

use crate::args::{Cli, Command};
use crate::compile_cmd;

/// The variable glibc reads its heap settings from.
const TUNABLES: &str = "GLIBC_TUNABLES";
/// Transparent huge pages for the heap, grown 64 MiB at a time.
const LARGE_HEAP: &str = "glibc.malloc.hugetlb=1:glibc.malloc.top_pad=67108864";
/// Blocks of 256 KiB and more mapped on their own, whatever was freed before.
const SERVER_HEAP: &str = "glibc.malloc.mmap_threshold=262144";
/// Configs from this size (a few hundred functions) are compiled with the large heap.
const LARGE_CONFIG: u64 = 128 * 1024;

/// Starts the process again with the heap settings its command gains from, if any: returns
/// only when it does not (no settings for the command, or the restart failed).
pub fn restart_with_heap_settings(args: &[OsString]) {
    if !cfg!(all(target_os = "linux", target_env = "gnu")) || std::env::var_os(TUNABLES).is_some() {
        return;
    }
    let Some(settings) = heap_settings(args) else {
        return;
    };
    let Ok(exe) = std::env::current_exe() else {
        return;
    };
    restart(&exe, args, settings);
}

#[cfg(unix)]
fn restart(exe: &Path, args: &[OsString], settings: &str) {
    use std::os::unix::process::CommandExt;
    // Returns only on failure; the process then carries on with the default heap.
    let _ = std::process::Command::new(exe)
        .args(args)
        .env(TUNABLES, settings)
        .exec();
}

#[cfg(not(unix))]
fn restart(_: &Path, _: &[OsString], _: &str) {}

/// The heap settings for a command line: the language server's, a large compile's, or none.
fn heap_settings(args: &[OsString]) -> Option<&'static str> {
    // The cheap test first: most runs are `check`, and they need no parsing here.
    if args.iter().any(|arg| arg == "check") {
        return None;
    }
    let words = std::iter::once(OsString::from(crate::BIN)).chain(args.iter().cloned());
    let cli = Cli::try_parse_from(words).ok()?;
    match cli.command {
        None | Some(Command::Serve(_)) => Some(SERVER_HEAP),
        Some(Command::Compile(options)) => compile_cmd::config_path(&options.path)
            .is_ok_and(|path| is_large(&path))
            .then_some(LARGE_HEAP),
        Some(_) => None,
    }
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
    fn a_large_compile_gets_the_large_heap() {
        let large = Some(LARGE_HEAP);
        assert_eq!(heap_settings(&args(&["compile", &bench("n1000")])), large);
        let with_options = args(&[
            "compile",
            &format!("{}/serverless.yml", bench("n1000")),
            "--stage",
            "prod",
        ]);
        assert_eq!(heap_settings(&with_options), large);
        assert_eq!(heap_settings(&args(&["compile", &bench("n100")])), None);
        assert_eq!(
            heap_settings(&args(&["compile", "/no/such/file.yml"])),
            None
        );
        assert_eq!(heap_settings(&args(&["compile", "--no-such-flag"])), None);
    }

    #[test]
    fn the_language_server_gets_its_heap_and_other_commands_the_default() {
        let server = Some(SERVER_HEAP);
        assert_eq!(heap_settings(&args(&[])), server);
        assert_eq!(heap_settings(&args(&["serve"])), server);
        assert_eq!(heap_settings(&args(&["serve", "--stdio"])), server);
        assert_eq!(heap_settings(&args(&["--stdio"])), server);
        assert_eq!(heap_settings(&args(&["--color", "never"])), server);
        assert_eq!(heap_settings(&args(&["check", &bench("n1000")])), None);
        assert_eq!(heap_settings(&args(&["rules"])), None);
        assert_eq!(heap_settings(&args(&["--version"])), None);
        assert_eq!(heap_settings(&args(&["serve", "--no-such-flag"])), None);
    }
}
