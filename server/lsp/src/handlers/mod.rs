//! Request and notification handlers: each converts its params, calls one `Analysis` method on
//! the current snapshot and converts the result back. `guard` is the panic boundary.

pub mod code_action;
pub mod completion;
pub mod definition;
pub mod execute_command;
pub mod hover;
pub mod inlay_hints;
pub mod rename;
pub mod symbols;
pub mod text_document;
pub mod workspace;

use std::panic::{catch_unwind, AssertUnwindSafe};

use tower_lsp_server::jsonrpc;

use crate::session::internal_error;

/// Runs `f`, turning a panic into an internal error (and a log line) so the server keeps running.
pub fn guard<T>(what: &str, f: impl FnOnce() -> T) -> jsonrpc::Result<T> {
    catch_unwind(AssertUnwindSafe(|| {
        crate::faults::inject(what);
        f()
    }))
    .map_err(|payload| {
        let detail = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_owned());
        tracing::error!("{what} panicked: {detail}");
        internal_error(format!("{what} failed: internal error ({detail})"))
    })
}

/// Like `guard` for handlers that already return a JSON-RPC result.
pub fn guard_request<T>(what: &str, f: impl FnOnce() -> jsonrpc::Result<T>) -> jsonrpc::Result<T> {
    guard(what, f).and_then(|result| result)
}
