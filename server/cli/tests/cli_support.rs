//! Runs the real `serverless-ls` binary for the CLI tests.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// The repository root (tests run with paths relative to it, as a user would).
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn run_in(dir: &Path, args: &[&str]) -> Run {
    run_with_env(dir, args, &[("NO_COLOR", "1")])
}

/// Runs the binary in `dir` with exactly these colour variables set (`NO_COLOR` and
/// `CLICOLOR_FORCE` are removed first, whatever the test runner's environment holds).
pub fn run_with_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_serverless-ls"))
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .envs(env.iter().copied())
        .output()
        .expect("the binary runs");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

pub fn run(args: &[&str]) -> Run {
    run_in(&repo(), args)
}
