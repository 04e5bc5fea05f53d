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
        DiagnosticsJson::written(diagnostics.iter())
    }

    /// The array of these diagnostics, each written as it comes (a caller converting them
    /// never holds them all at once).
    pub fn written<D: Serialize>(diagnostics: impl Iterator<Item = D>) -> DiagnosticsJson {
        let mut array = vec![b'['];
        for diagnostic in diagnostics {
            let before = array.len();
            if before > 1 {
                array.push(b',');
            }
            // A diagnostic always serialises (string keys, finite numbers); were one not to,
            // it is left out whole.
            if serde_json::to_writer(&mut array, &diagnostic).is_err() {
                array.truncate(before);
            }
        }
        array.push(b']');
        DiagnosticsJson(array)
    }

    /// The array of `first`'s diagnostics followed by `second`'s.
    pub fn joined(first: DiagnosticsJson, second: DiagnosticsJson) -> DiagnosticsJson {
        let (DiagnosticsJson(mut array), DiagnosticsJson(tail)) = (first, second);
        // Both are `[...]`: the first's `]` goes, and the second's `[` becomes a comma unless
        // one of them is empty.
        let tail = tail.get(1..).unwrap_or_default();
        array.pop();
        if array.len() > 1 && tail.len() > 1 {
            array.push(b',');
        }
        array.extend_from_slice(tail);
        if array.last() != Some(&b']') {
            array.push(b']');
        }
        DiagnosticsJson(array)
    }
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

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use super::*;
    use tower_lsp_server::ls_types::{DiagnosticSeverity, Position, Range};

    fn diagnostic(message: &str) -> Diagnostic {
        Diagnostic {
            severity: Some(DiagnosticSeverity::WARNING),
            ..Diagnostic::new_simple(
                Range::new(Position::new(1, 2), Position::new(1, 5)),
                message.into(),
            )
        }
    }

    fn sent(publish: impl FnOnce(&Outbox)) -> serde_json::Value {
        let (sender, mut receiver) = tokio::sync::mpsc::unbounded_channel();
        publish(&Outbox::new(sender));
        match receiver.try_recv() {
            Ok(Outgoing::Body(body)) => serde_json::from_slice(&body).expect("valid JSON"),
            _ => panic!("nothing sent"),
        }
    }

    #[test]
    fn a_publication_is_the_notification_tower_lsp_would_write() {
        let uri = Uri::from_str("file:///p/serverless.yml").expect("uri");
        let diagnostics = vec![diagnostic("a \"quoted\"\nline"), diagnostic("b")];
        let expected = serde_json::json!({
            "jsonrpc": "2.0",
            "method": "textDocument/publishDiagnostics",
            "params": tower_lsp_server::ls_types::PublishDiagnosticsParams {
                uri: uri.clone(),
                diagnostics: diagnostics.clone(),
                version: Some(7),
            },
        });
        assert_eq!(
            sent(|o| o.publish_diagnostics(&uri, &diagnostics, Some(7))),
            expected
        );
        let cleared = sent(|o| o.publish_diagnostics(&uri, &[], None));
        assert_eq!(cleared["params"]["diagnostics"], serde_json::json!([]));
        assert!(cleared["params"].get("version").is_none(), "{cleared}");
    }

    #[test]
    fn diagnostics_are_written_into_one_array() {
        let array = DiagnosticsJson::written([diagnostic("a"), diagnostic("b")].iter());
        let parsed: Vec<Diagnostic> = serde_json::from_slice(&array.0).expect("an array");
        let messages: Vec<&str> = parsed.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(messages, ["a", "b"]);
        assert_eq!(DiagnosticsJson::of(&[]).0, b"[]");
    }

    #[test]
    fn two_arrays_join_into_the_array_of_both() {
        let all: Vec<Diagnostic> = ["a", "b", "c"].into_iter().map(diagnostic).collect();
        for cut in 0..=all.len() {
            let (first, second) = all.split_at(cut);
            let joined =
                DiagnosticsJson::joined(DiagnosticsJson::of(first), DiagnosticsJson::of(second));
            assert_eq!(joined.0, DiagnosticsJson::of(&all).0, "cut at {cut}");
        }
        let none = DiagnosticsJson::joined(DiagnosticsJson::of(&[]), DiagnosticsJson::of(&[]));
        assert_eq!(none.0, b"[]");
    }
}
