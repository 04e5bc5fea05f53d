//! What a client's message is: a request or notification, a response, or something answered
//! here with a JSON-RPC error because tower-lsp-server would stop on it or stay silent.
//!
//! The decision follows tower-lsp-server's own decoding (a response first, then a request:
//! `jsonrpc` must be `"2.0"`, `method` a string if present, `id` an integer, a string or null if
//! present, `params` anything) but reads the message through a probe that skips `params`
//! instead of building it: the transport classifies every message, and the server decodes it
//! again anyway.

use std::borrow::Cow;

use serde::de::IgnoredAny;
use serde::{Deserialize, Deserializer};
use serde_json::Value;
use tower_lsp_server::jsonrpc::{Error, Id, Response};

/// What a client message is, for the transport.
pub enum Incoming {
    /// A request or notification for tower-lsp-server.
    Request,
    /// A response to one of the server's requests, for tower-lsp-server.
    Response,
    /// Not for tower-lsp-server: this error response is the answer.
    Rejected(Response),
}

/// The members of a message that decide what it is; the others (`params`) are skipped unread.
#[derive(Deserialize)]
struct Envelope<'a> {
    #[serde(borrow)]
    jsonrpc: Cow<'a, str>,
    #[serde(default, borrow)]
    method: Option<Cow<'a, str>>,
    #[serde(default, deserialize_with = "present")]
    id: Option<Id>,
    #[serde(default, deserialize_with = "present")]
    result: Option<IgnoredAny>,
    #[serde(default, deserialize_with = "present")]
    error: Option<IgnoredAny>,
}

/// `Some` whenever the member is there, even as `null`.
fn present<'de, T: Deserialize<'de>, D: Deserializer<'de>>(d: D) -> Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}

/// Tells what tower-lsp-server can decode from what is answered here with an error.
pub fn classify(body: &[u8]) -> Incoming {
    let Ok(envelope) = serde_json::from_slice::<Envelope<'_>>(body) else {
        return Incoming::Rejected(rejection(body));
    };
    let maybe_response = envelope.result.is_some() || envelope.error.is_some();
    if maybe_response && serde_json::from_slice::<Response>(body).is_ok() {
        return Incoming::Response;
    }
    if envelope.jsonrpc != "2.0" {
        return Incoming::Rejected(rejection(body));
    }
    let method = envelope.method.unwrap_or_default();
    match (method.starts_with("$/"), envelope.id) {
        (true, Some(id)) => Incoming::Rejected(unanswered_dollar_request(&method, id)),
        _ => Incoming::Request,
    }
}

/// The error response to a body that is neither a request nor a response.
fn rejection(body: &[u8]) -> Response {
    match serde_json::from_slice::<Value>(body) {
        Err(err) => {
            tracing::warn!("unparsable JSON message: {err}");
            Response::from_error(Id::Null, Error::parse_error())
        }
        Ok(value) => {
            tracing::warn!("not a JSON-RPC message: {}", abbreviate(&value));
            let id = match value.get("id") {
                Some(Value::Number(n)) => n.as_i64().map_or(Id::Null, Id::Number),
                Some(Value::String(s)) => Id::String(s.clone()),
                _ => Id::Null,
            };
            Response::from_error(id, Error::invalid_request())
        }
    }
}

/// tower-lsp-server drops `$/` requests without an answer; LSP says a request (unlike a
/// notification) starting with `$/` must get MethodNotFound. The server defines none.
fn unanswered_dollar_request(method: &str, id: Id) -> Response {
    let mut error = Error::method_not_found();
    error.data = Some(Value::String(method.to_owned()));
    Response::from_error(id, error)
}

fn abbreviate(value: &Value) -> String {
    let text = value.to_string();
    match text.char_indices().nth(200) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use tower_lsp_server::jsonrpc::Request;

    use super::*;

    fn rejected(body: &[u8]) -> Response {
        match classify(body) {
            Incoming::Rejected(response) => response,
            _ => panic!("{} was not rejected", String::from_utf8_lossy(body)),
        }
    }

    fn is_request(body: &[u8]) -> bool {
        matches!(classify(body), Incoming::Request)
    }

    fn is_response(body: &[u8]) -> bool {
        matches!(classify(body), Incoming::Response)
    }

    #[test]
    fn classifies_bodies() {
        assert!(is_request(br#"{"jsonrpc":"2.0","method":"x"}"#));
        assert!(is_request(br#"{"jsonrpc":"2.0","method":"$/x"}"#));
        assert!(is_request(
            br#"{"jsonrpc":"2.0","id":"a","method":"x","params":{"deep":[1,{"b":null}]}}"#
        ));
        assert!(is_response(br#"{"jsonrpc":"2.0","id":1,"result":null}"#));
        assert!(is_response(
            br#"{"jsonrpc":"2.0","id":1,"error":{"code":1,"message":"m"}}"#
        ));
        let parse = rejected(b"{nope");
        assert_eq!(parse.error().map(|e| e.code.code()), Some(-32700));
        let dollar = rejected(br#"{"jsonrpc":"2.0","id":3,"method":"$/x"}"#);
        assert_eq!(dollar.error().map(|e| e.code.code()), Some(-32601));
        assert_eq!(dollar.id(), &Id::Number(3));
        let invalid = rejected(br#"{"id":7,"foo":1}"#);
        assert_eq!(invalid.error().map(|e| e.code.code()), Some(-32600));
        assert_eq!(invalid.id(), &Id::Number(7));
    }

    /// Whatever the probe lets through, tower-lsp-server decodes the same way.
    #[test]
    fn agrees_with_tower_lsp_server() {
        let bodies: &[&[u8]] = &[
            br#"{"jsonrpc":"2.0","method":"x","params":[1]}"#,
            br#"{"jsonrpc":"2.0"}"#,
            br#"{"jsonrpc":"2.0","id":null,"method":"x"}"#,
            br#"{"jsonrpc":"1.0","method":"x"}"#,
            br#"{"jsonrpc":"2.0","method":5}"#,
            br#"{"jsonrpc":"2.0","id":1.5,"method":"x"}"#,
            br#"{"jsonrpc":"2.0","id":true,"method":"x"}"#,
            br#"{"jsonrpc":"2.0","id":1,"method":"x","result":3}"#,
            br#"{"jsonrpc":"2.0","id":1,"result":3,"error":{"code":1,"message":"m"}}"#,
            br#"{"jsonrpc":"2.0","id":1,"error":{"code":1}}"#,
            br#"{"jsonrpc":"2.0","method":"x","method":"y"}"#,
            br#"[]"#,
        ];
        for body in bodies {
            let text = String::from_utf8_lossy(body);
            let response = serde_json::from_slice::<Response>(body).is_ok();
            let request = serde_json::from_slice::<Request>(body).is_ok();
            match classify(body) {
                Incoming::Response => assert!(response, "{text}"),
                Incoming::Request => assert!(!response && request, "{text}"),
                Incoming::Rejected(_) => assert!(!response && !request, "{text}"),
            }
        }
    }
}
