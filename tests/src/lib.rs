//! Repository-wide invariants checked by `cargo test` (see `layering.rs`); the editor
//! end-to-end suites live in `tests/e2e`.
