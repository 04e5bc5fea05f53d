//! The language server: the only crate that knows the protocol.
//!
//! Built on `tower-lsp-server`, the community fork of `tower-lsp`: the original is unmaintained
//! since 2023, while the fork keeps up with LSP 3.17 (through the `ls-types` fork of `lsp-types`),
//! uses `async fn` in traits instead of `#[async_trait]`, and is what biome and typos-lsp use.
//! Its weak spots (a decode error ends the stream, no panic guard, no ordering guarantees) are
//! handled here: `transport` frames the byte stream itself, `handlers::guard` catches panics,
//! and document edits are applied before any `.await`. Diagnostics are published by one task
//! per document that first lets the server catch up with its input (`traffic`), so a burst of
//! changes is analysed once, at its last version; requests analyse on demand. Publications are
//! written by `outbox` straight to the transport (the fork's client would first turn them into
//! a JSON value tree).
//!
//! Nothing but the transport writes to stdout; logs go to stderr through `tracing`.

#![deny(clippy::print_stdout, clippy::print_stderr)]

mod capabilities;
mod completion_docs;
mod convert;
mod diagnostics;
mod documents;
mod dropper;
mod edits;
mod faults;
mod files;
mod handlers;
mod incoming;
mod input;
mod lifecycle;
mod logging;
mod outbox;
mod preview;
mod project;
mod server;
mod session;
mod settings;
mod stdout;
mod traffic;
mod transport;

use std::time::Duration;

/// Serves LSP over stdin/stdout until the client sends `exit` or closes the stream.
///
/// Returns an error when the client exits without a `shutdown` request first, so that the
/// process exits with 1 as LSP asks. When the client is gone while work is still pending (its
/// input closed, or its process ended), the process is ended from a watchdog thread instead
/// (`lifecycle`). Either way, the temporary files the server wrote are removed first.
pub fn serve_stdio() -> anyhow::Result<()> {
    logging::init();
    faults::init();
    let lifecycle = lifecycle::Lifecycle::default();
    let traffic = traffic::Traffic::default();
    let input = {
        let lifecycle = lifecycle.clone();
        input::spawn_reader(std::io::stdin(), traffic.clone(), move || {
            lifecycle.input_closed()
        })
    };
    // One thread: handlers run one at a time in tower-lsp-server's single task anyway, and a
    // single allocator arena keeps peak memory down on large files.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let outcome = runtime.block_on(transport::serve(
        input,
        stdout::Stdout::new(),
        lifecycle.clone(),
        traffic,
    ));
    runtime.shutdown_timeout(Duration::from_millis(100));
    lifecycle.remove_temporaries();
    outcome
}
