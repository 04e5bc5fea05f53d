//! Fuzzing on stable Rust: the targets are plain functions over bytes (`targets`) checking the
//! invariants of `check`, fed by a structure-aware YAML mutator (`mutate`) from a deterministic
//! generator (`rng`). `harness::run` drives a target over seed texts for a fixed number of
//! cases and reports the first panic with the input that caused it. The test command runs it
//! (`server/fuzz/tests/fuzz.rs`); `fuzz/` at the repository root wraps the same targets for
//! cargo-fuzz.

pub mod check;
pub mod harness;
pub mod mutate;
pub mod rng;
pub mod targets;
