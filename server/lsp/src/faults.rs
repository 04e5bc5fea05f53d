//! Fault injection for the end-to-end tests: `SERVERLESS_LS_TEST_PANIC=<name>`, read once at
//! start, makes the guarded step of that name panic (`hover`, `completion`, `analysis`, … as
//! `handlers::guard` names them), so the tests can check over the real binary that a panic is
//! caught, logged and answered while the server goes on serving. Unset, it costs one load of a
//! `OnceLock` per guarded call.

use std::sync::OnceLock;

const VARIABLE: &str = "SERVERLESS_LS_TEST_PANIC";

static PANIC_IN: OnceLock<Option<String>> = OnceLock::new();

/// Reads the variable; called once at start.
pub fn init() {
    PANIC_IN.get_or_init(|| std::env::var(VARIABLE).ok());
}

/// Panics if the tests asked for a panic in the step `what`.
pub fn inject(what: &str) {
    if PANIC_IN.get().and_then(Option::as_deref) == Some(what) {
        panic!("{VARIABLE} asked for a panic in {what}");
    }
}
