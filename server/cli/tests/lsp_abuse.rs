//! End-to-end: bad input gets the right JSON-RPC error (or is ignored) and the server keeps
//! serving afterwards.

mod support;

use serde_json::{json, Value};
use support::{at, open_params, Lsp, Project};

/// The server still answers requests normally.
fn assert_alive(lsp: &mut Lsp) {
    let response = lsp.request(
        "textDocument/hover",
        at("file:///nowhere/serverless.yml", 0, 0),
    );
    assert_eq!(response["result"], Value::Null, "{response}");
}

/// Waits for the next error response with a null id (errors about unreadable messages).
fn null_id_error(lsp: &mut Lsp) -> Value {
    lsp.response(&Value::Null)["error"].clone()
}

#[test]
fn malformed_json_is_a_parse_error() {
    let (mut lsp, _) = Lsp::initialized(json!({}));
    let body = br#"{"jsonrpc": "2.0", "id": 99, "method": "#;
    lsp.send_raw(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes());
    lsp.send_raw(body);
    assert_eq!(null_id_error(&mut lsp)["code"], -32700);
    assert_alive(&mut lsp);
    assert!(lsp.shutdown().success());
}

#[test]
fn valid_json_that_is_not_json_rpc_is_an_invalid_request() {
    let (mut lsp, _) = Lsp::initialized(json!({}));
    let body = br#"{"id": 5, "hello": "world"}"#;
    lsp.send_raw(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes());
    lsp.send_raw(body);
    let response = lsp.response(&json!(5));
    assert_eq!(response["error"]["code"], -32600, "{response}");
    assert_alive(&mut lsp);
    assert!(lsp.shutdown().success());
}

#[test]
fn non_numeric_content_length_is_an_error_then_the_stream_resynchronises() {
    let (mut lsp, _) = Lsp::initialized(json!({}));
    lsp.send_raw(b"Content-Length: twelve\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"x\"}");
    assert_eq!(null_id_error(&mut lsp)["code"], -32700);
    assert_alive(&mut lsp);
    assert!(lsp.shutdown().success());
}

#[test]
fn content_length_shorter_than_the_body_is_an_error_then_the_stream_resynchronises() {
    let (mut lsp, _) = Lsp::initialized(json!({}));
    let body = br#"{"jsonrpc":"2.0","id":41,"method":"textDocument/hover","params":{}}"#;
    lsp.send_raw(format!("Content-Length: {}\r\n\r\n", body.len() - 10).as_bytes());
    lsp.send_raw(body);
    assert_eq!(null_id_error(&mut lsp)["code"], -32700);
    assert_alive(&mut lsp);
    assert!(lsp.shutdown().success());
}

#[test]
fn unknown_methods() {
    let (mut lsp, _) = Lsp::initialized(json!({}));
    let response = lsp.request("serverless/noSuchMethod", json!({}));
    assert_eq!(response["error"]["code"], -32601, "{response}");
    // A `$/` request must be answered too (tower-lsp-server alone would stay silent).
    let response = lsp.request("$/noSuchRequest", json!({}));
    assert_eq!(response["error"]["code"], -32601, "{response}");
    // Unknown notifications, `$/` ones included, are ignored.
    lsp.notify("serverless/noSuchNotification", json!({}));
    lsp.notify("$/noSuchNotification", json!({}));
    assert_alive(&mut lsp);
    assert!(lsp.shutdown().success());
}

#[test]
fn wrong_params_are_invalid_params() {
    let (mut lsp, _) = Lsp::initialized(json!({}));
    let response = lsp.request("textDocument/hover", json!({"position": "here"}));
    assert_eq!(response["error"]["code"], -32602, "{response}");
    assert_alive(&mut lsp);
    assert!(lsp.shutdown().success());
}

#[test]
fn requests_before_initialize_are_refused() {
    let mut lsp = Lsp::start();
    let response = lsp.request("textDocument/hover", at("file:///a/serverless.yml", 0, 0));
    assert_eq!(response["error"]["code"], -32002, "{response}");
    // Notifications before initialize are dropped.
    lsp.notify(
        "textDocument/didOpen",
        open_params("file:///a/serverless.yml", 1, "service: x\n"),
    );
    let response = lsp.request(
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": {}}),
    );
    assert!(response["result"]["capabilities"].is_object(), "{response}");
    lsp.notify("initialized", json!({}));
    assert_alive(&mut lsp);
    assert!(lsp.shutdown().success());
}

#[test]
fn positions_past_the_end_are_clamped() {
    let project = Project::new();
    let text = "service: demo\nprovider:\n  name: aws\n";
    let uri = project.write("serverless.yml", text);
    let (mut lsp, _) = Lsp::initialized(json!({}));
    lsp.notify("textDocument/didOpen", open_params(&uri, 1, text));
    lsp.diagnostics(&uri);
    for (line, character) in [(0, 500), (2, 9999), (999, 0), (u32::MAX, u32::MAX)] {
        for method in ["textDocument/completion", "textDocument/hover"] {
            let response = lsp.request(method, at(&uri, line, character));
            assert!(
                response.get("error").is_none(),
                "{method} {line}:{character}: {response}"
            );
        }
        let range = json!({"start": {"line": line, "character": character},
                           "end": {"line": line, "character": character}});
        let response = lsp.request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": range, "context": {"diagnostics": []}}),
        );
        assert!(response.get("error").is_none(), "{response}");
    }
    // An edit past the end appends.
    lsp.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2},
               "contentChanges": [{"range": {"start": {"line": 99, "character": 5},
                                              "end": {"line": 120, "character": 0}},
                                   "text": "# end\n"}]}),
    );
    let published = lsp.diagnostics(&uri);
    assert_eq!(published["version"], 2);
    assert!(lsp.shutdown().success());
}

#[test]
fn a_change_to_a_document_never_opened_is_ignored() {
    let (mut lsp, _) = Lsp::initialized(json!({}));
    lsp.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": "file:///never/serverless.yml", "version": 3},
               "contentChanges": [{"text": "service: x\n"}]}),
    );
    lsp.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": "file:///never/serverless.yml"}}),
    );
    assert_alive(&mut lsp);
    let stray: Vec<_> = lsp.drain_received();
    assert!(stray.is_empty(), "{stray:?}");
    assert!(lsp.shutdown().success());
}

#[test]
fn cancelling_an_unknown_request_is_harmless() {
    let (mut lsp, _) = Lsp::initialized(json!({}));
    lsp.notify("$/cancelRequest", json!({"id": 12345}));
    lsp.notify("$/cancelRequest", json!({"id": "no-such-request"}));
    assert_alive(&mut lsp);
    let stray: Vec<_> = lsp.drain_received();
    assert!(stray.is_empty(), "{stray:?}");
    assert!(lsp.shutdown().success());
}

#[test]
fn garbage_between_frames_is_skipped() {
    let (mut lsp, _) = Lsp::initialized(json!({}));
    lsp.send_raw(b"\r\n\r\nthis is not a header {\"at all\": true}\r\n");
    assert_alive(&mut lsp);
    assert!(lsp.shutdown().success());
}

/// The variable that makes the named guarded step panic (read once at start; tests only).
const PANIC_IN: &str = "SERVERLESS_LS_TEST_PANIC";

const CONFIG: &str = "service: s\nprovider:\n  name: aws\nfunctions:\n  f:\n    handler: f.run\n";

#[test]
fn a_panicking_request_is_an_internal_error_and_the_server_goes_on() {
    let project = Project::new();
    let uri = project.write("serverless.yml", CONFIG);
    let (mut lsp, _) =
        Lsp::start_with_env(&[(PANIC_IN, "hover")]).initialize_with(json!({"capabilities": {}}));
    lsp.notify("textDocument/didOpen", open_params(&uri, 1, CONFIG));
    let published = lsp.diagnostics(&uri);
    assert_eq!(published["version"], 1);
    for _ in 0..3 {
        let response = lsp.request("textDocument/hover", at(&uri, 4, 3));
        assert_eq!(response["error"]["code"], -32603, "{response}");
        let message = response["error"]["message"].as_str().unwrap_or_default();
        assert!(
            message.contains("hover failed: internal error"),
            "{message}"
        );
    }
    // Everything else still works, edits included.
    let completion = lsp.result("textDocument/completion", at(&uri, 5, 4));
    assert!(completion["items"].is_array(), "{completion}");
    lsp.notify(
        "textDocument/didChange",
        support::change_params(&uri, 2, [4, 2, 4, 3], "g"),
    );
    assert_eq!(lsp.diagnostics(&uri)["version"], 2);
    let (status, stderr) = lsp.shutdown_with_stderr();
    assert!(status.success());
    assert!(stderr.contains("hover panicked"), "{stderr}");
}

#[test]
fn a_panicking_analysis_leaves_the_document_without_diagnostics_and_the_server_alive() {
    let project = Project::new();
    let uri = project.write("serverless.yml", CONFIG);
    let other = project.write("docker-compose.yml", "a: 1\n");
    let (mut lsp, _) =
        Lsp::start_with_env(&[(PANIC_IN, "analysis")]).initialize_with(json!({"capabilities": {}}));
    lsp.notify("textDocument/didOpen", open_params(&uri, 1, CONFIG));
    lsp.notify("textDocument/didOpen", open_params(&other, 1, "a: 1\n"));
    let response = lsp.request("textDocument/hover", at(&uri, 4, 3));
    assert_eq!(response["error"]["code"], -32603, "{response}");
    let message = response["error"]["message"].as_str().unwrap_or_default();
    assert!(message.contains("no analysis of version 1"), "{message}");
    // Nothing is published for a version that could not be analysed; other files are served.
    assert_eq!(
        lsp.result("textDocument/hover", at(&other, 0, 0)),
        Value::Null
    );
    let published: Vec<Value> = lsp
        .drain_received()
        .into_iter()
        .filter(|m| m["method"] == "textDocument/publishDiagnostics")
        .collect();
    assert!(published.is_empty(), "{published:?}");
    let (status, stderr) = lsp.shutdown_with_stderr();
    assert!(status.success());
    assert!(stderr.contains("analysis panicked"), "{stderr}");
}
