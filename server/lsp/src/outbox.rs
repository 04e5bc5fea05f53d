//! Notifications the server writes itself, straight to the transport's output, instead of
//! through tower-lsp-server's `Client`: the client turns parameters into a `serde_json::Value`
//! tree before writing them, which for the thousands of diagnostics of a large config costs
//! as much as converting them. Used for `textDocument/publishDiagnostics`, every one of them,
//! so publications keep their order.

use serde::Serialize;
use tokio::sync::mpsc::UnboundedSender;
use tower_lsp_server::ls_types::notification::{Notification, PublishDiagnostics};
use tower_lsp_server::ls_types::{Diagnostic, PublishDiagnosticsParams, Uri};

/// What goes to stdout: a message body to frame, or the end of the server's output.
pub(crate) enum Outgoing {
    Body(Vec<u8>),
    End,
}

/// The transport's output, for messages the server serialises itself.
#[derive(Clone)]
pub struct Outbox(UnboundedSender<Outgoing>);

/// A JSON-RPC notification, serialised from borrowed parameters.
#[derive(Serialize)]
struct Message<'a, P> {
    jsonrpc: &'static str,
    method: &'static str,
    params: &'a P,
}

impl Outbox {
    pub(crate) fn new(output: UnboundedSender<Outgoing>) -> Outbox {
        Outbox(output)
    }

    /// Sends `textDocument/publishDiagnostics` (at once, without waiting: publications leave
    /// in the order of the calls).
    pub fn publish_diagnostics(
        &self,
        uri: Uri,
        diagnostics: Vec<Diagnostic>,
        version: Option<i32>,
    ) {
        let params = PublishDiagnosticsParams {
            uri,
            diagnostics,
            version,
        };
        self.notify::<PublishDiagnostics>(&params);
    }

    fn notify<N: Notification>(&self, params: &N::Params) {
        let message = Message {
            jsonrpc: "2.0",
            method: N::METHOD,
            params,
        };
        match serde_json::to_vec(&message) {
            // The output is gone only once the server has stopped.
            Ok(body) => {
                let _ = self.0.send(Outgoing::Body(body));
            }
            Err(err) => tracing::error!("{} could not be written: {err}", N::METHOD),
        }
    }
}
