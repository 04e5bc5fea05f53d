//! The fuzz targets in the normal test command: fixed seed, fixed case count, the repository's
//! YAML fixtures as seeds, about a minute in all on two cores in a debug build. Every input that
//! once crashed a target is kept in `fixtures/fuzz/crashes/` and replayed here through every
//! target.
//!
//! Longer runs on stable Rust: `SLS_FUZZ_CASES=200000 SLS_FUZZ_SEED=$RANDOM cargo test --release
//! -p sls-fuzz --test fuzz -- --nocapture`. A crash is written to `target/fuzz-crashes/`; copy
//! it into `fixtures/fuzz/crashes/` once fixed.

use std::path::{Path, PathBuf};
use std::time::Duration;

use sls_fuzz::harness::{self, Config, Crash, Stats};
use sls_fuzz::targets::{Target, TARGETS};

/// Mutated cases per target in the normal test command, unless `SLS_FUZZ_CASES` says otherwise:
/// about 30 s of processor time in all in a debug build (15 s of wall time on two idle cores).
const CASES: &[(&str, usize)] = &[
    ("syntax", 16_000),
    ("analysis", 6_000),
    ("ide", 5_000),
    ("compile", 6_000),
    ("variables", 5_000),
];
const SEED: u64 = 0x5EED_F0F0_2026;
/// The slowest single input allowed (a debug build on a loaded two-core machine): more means a
/// case that blows up, the way a hang would.
const SLOWEST: Duration = Duration::from_secs(10);

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every YAML file under these folders of the repository, in a stable order.
fn yaml_files(folders: &[&str]) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut pending: Vec<PathBuf> = folders.iter().map(|f| repo().join(f)).collect();
    while let Some(dir) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "yml" || e == "yaml") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// The seeds: oracle inputs, rule fixtures, syntax fixtures, the corpus, the small bench files
/// and the examples (bench files of 1,000 functions and more would only slow the run down).
fn seeds() -> Vec<String> {
    let files = yaml_files(&[
        "fixtures/oracle",
        "fixtures/rules",
        "fixtures/syntax",
        "fixtures/corpus",
        "fixtures/bench/n10",
        "fixtures/bench/n10-faults",
        "fixtures/fuzz/seeds",
        "examples",
    ]);
    let seeds: Vec<String> = files
        .iter()
        .filter_map(|path| std::fs::read_to_string(path).ok())
        .filter(|text| !text.contains(sls_fuzz::targets::SEPARATOR))
        .collect();
    assert!(seeds.len() > 250, "only {} seed files", seeds.len());
    seeds
}

fn env_number(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|v| v.trim().parse().ok())
}

fn config(target: &str) -> Config {
    let default_cases = CASES
        .iter()
        .find(|(name, _)| *name == target)
        .map_or(500, |(_, cases)| *cases);
    Config {
        seed: env_number("SLS_FUZZ_SEED").unwrap_or(SEED),
        cases: env_number("SLS_FUZZ_CASES").map_or(default_cases, |n| n as usize),
        max_mutations: 6,
    }
}

fn target(name: &str) -> &'static Target {
    TARGETS
        .iter()
        .find(|t| t.name == name)
        .unwrap_or_else(|| panic!("no target {name}"))
}

/// Writes the crashing input where it can be picked up, and fails with a readable report.
fn report(crash: Crash) -> ! {
    let folder = repo().join("target/fuzz-crashes");
    let name = format!(
        "{}-{}.yml",
        crash.target,
        crash.case.map_or("seed".to_owned(), |c| c.to_string())
    );
    let path = folder.join(name);
    let saved = std::fs::create_dir_all(&folder)
        .and_then(|()| std::fs::write(&path, &crash.input))
        .map_or_else(
            |e| format!("not saved: {e}"),
            |()| path.display().to_string(),
        );
    let shown = String::from_utf8_lossy(&crash.input);
    let shown: String = shown.chars().take(3_000).collect();
    panic!(
        "target {} crashed on case {:?}: {}\ninput ({saved}):\n{shown:?}",
        crash.target, crash.case, crash.message
    );
}

fn fuzz(name: &str) {
    let target = target(name);
    let seeds = seeds();
    let config = config(name);
    let stats: Stats = harness::run(target, &seeds, &config).unwrap_or_else(|c| report(c));
    eprintln!(
        "{name}: {} inputs, {} KB, slowest {:?}",
        stats.inputs,
        stats.bytes / 1024,
        stats.slowest
    );
    assert!(
        stats.slowest < SLOWEST,
        "an input took {:?}: {:?}",
        stats.slowest,
        String::from_utf8_lossy(&stats.slowest_input)
    );
}

#[test]
fn syntax() {
    fuzz("syntax");
}

#[test]
fn analysis() {
    fuzz("analysis");
}

#[test]
fn ide() {
    fuzz("ide");
}

#[test]
fn compile() {
    fuzz("compile");
}

#[test]
fn variables() {
    fuzz("variables");
}

#[test]
fn every_target_is_run_here() {
    let mut names: Vec<&str> = TARGETS.iter().map(|t| t.name).collect();
    names.sort_unstable();
    let mut run: Vec<&str> = CASES.iter().map(|(name, _)| *name).collect();
    run.sort_unstable();
    assert_eq!(names, run);
}

/// Inputs that once crashed a target, replayed through all of them.
#[test]
fn past_crashes() {
    let folder = repo().join("fixtures/fuzz/crashes");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&folder)
        .unwrap_or_else(|e| panic!("{}: {e}", folder.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|path| path.extension().is_some_and(|e| e == "yml"))
        .collect();
    files.sort();
    for path in &files {
        let data = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for target in TARGETS {
            let mut stats = Stats::default();
            if let Err(crash) = harness::run_one(target, &data, None, &mut stats) {
                panic!(
                    "{} crashes {} again: {}",
                    path.display(),
                    crash.target,
                    crash.message
                );
            }
        }
    }
}
