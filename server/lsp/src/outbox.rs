//! Notifications the server writes itself, straight to the transport's output, instead of
//! through tower-lsp-server's `Client`: the client turns parameters into a `serde_json::Value`
//! tree before writing them, which for the thousands of diagnostics of a large config costs
//! as much as converting them. Used for `textDocument/publishDiagnostics`, every one of them,
//! so publications keep their order.

use serde::Serialize;
use tokio::sync::mpsc::UnboundedSender;
use tower_lsp_server::ls_types::notification::{Notification, PublishDiagnostics};
use tower_lsp_server::ls_types::{Diagnostic, Uri};

/// What goes to stdout: a message body to frame, or the end of the server's output.
pub(crate) enum Outgoing {
    Body(Vec<u8>),
    End,
}

/// The transport's output, for messages the server serialises itself.
#[derive(Clone)]
pub struct Outbox(UnboundedSender<Outgoing>);

/// The JSON text of an array of diagnostics, as `publishDiagnostics` carries it.
pub struct DiagnosticsJson(Vec<u8>);

impl DiagnosticsJson {
    pub fn of(diagnostics: &[Diagnostic]) -> DiagnosticsJson {
        DiagnosticsJson::joined([elements(diagnostics.iter())])
    }

    /// The array of the elements of each piece (as `elements` writes them), in order.
    pub fn joined(pieces: impl IntoIterator<Item = Vec<u8>>) -> DiagnosticsJson {
        let mut array = vec![b'['];
        for piece in pieces.into_iter().filter(|p| !p.is_empty()) {
            if array.len() > 1 {
                array.push(b',');
            }
            array.extend_from_slice(&piece);
        }
        array.push(b']');
        DiagnosticsJson(array)
    }
}

/// Diagnostics as comma-separated JSON values (a piece of `DiagnosticsJson::joined`).
pub fn elements<D: Serialize>(diagnostics: impl Iterator<Item = D>) -> Vec<u8> {
    let mut text = Vec::new();
    for diagnostic in diagnostics {
        // A diagnostic always serialises (string keys, finite numbers).
        if let Ok(element) = serde_json::to_vec(&diagnostic) {
            if !text.is_empty() {
                text.push(b',');
            }
            text.extend_from_slice(&element);
        }
    }
    text
}

impl Outbox {
    pub(crate) fn new(output: UnboundedSender<Outgoing>) -> Outbox {
        Outbox(output)
    }

    /// Sends `textDocument/publishDiagnostics` (at once, without waiting: publications leave
    /// in the order of the calls).
    pub fn publish_diagnostics(&self, uri: &Uri, diagnostics: &[Diagnostic], version: Option<i32>) {
        self.publish_json(uri, DiagnosticsJson::of(diagnostics), version);
    }

    /// `publish_diagnostics` of diagnostics already written as JSON.
    pub fn publish_json(&self, uri: &Uri, diagnostics: DiagnosticsJson, version: Option<i32>) {
        let Ok(uri) = serde_json::to_vec(uri) else {
            return;
        };
        let mut body = Vec::with_capacity(diagnostics.0.len() + uri.len() + 128);
        body.extend_from_slice(b"{\"jsonrpc\":\"2.0\",\"method\":\"");
        body.extend_from_slice(PublishDiagnostics::METHOD.as_bytes());
        body.extend_from_slice(b"\",\"params\":{\"uri\":");
        body.extend_from_slice(&uri);
        body.extend_from_slice(b",\"diagnostics\":");
        body.extend_from_slice(&diagnostics.0);
        if let Some(version) = version {
            body.extend_from_slice(format!(",\"version\":{version}").as_bytes());
        }
        body.extend_from_slice(b"}}");
        // The output is gone only once the server has stopped.
        let _ = self.0.send(Outgoing::Body(body));
    }
}
