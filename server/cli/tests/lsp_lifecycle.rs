//! End-to-end: initialize (capabilities, encoding negotiation), shutdown and exit statuses.

mod support;

use serde_json::{json, Value};
use support::Lsp;

#[test]
fn initialize_offering_utf8_negotiates_utf8() {
    let (lsp, result) = Lsp::initialized(json!({
        "general": {"positionEncodings": ["utf-16", "utf-8"]}
    }));
    let mut result = result;
    result["serverInfo"]["version"] = json!("[version]");
    insta::assert_json_snapshot!(result, @r#"
    {
      "capabilities": {
        "positionEncoding": "utf-8",
        "textDocumentSync": {
          "openClose": true,
          "change": 2
        },
        "hoverProvider": true,
        "completionProvider": {
          "triggerCharacters": [
            ":",
            " ",
            "$",
            ".",
            "{",
            "-"
          ]
        },
        "definitionProvider": true,
        "documentSymbolProvider": true,
        "codeActionProvider": {
          "codeActionKinds": [
            "quickfix",
            "source.preview"
          ]
        },
        "executeCommandProvider": {
          "commands": [
            "serverless-ls.previewCloudFormation"
          ]
        },
        "inlayHintProvider": true
      },
      "serverInfo": {
        "name": "serverless-ls",
        "version": "[version]"
      }
    }
    "#);
    assert!(lsp.shutdown().success());
}

#[test]
fn initialize_without_utf8_falls_back_to_utf16() {
    let (lsp, result) = Lsp::initialized(json!({}));
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-16");
    drop(lsp);
    let (lsp, result) = Lsp::initialized(json!({
        "general": {"positionEncodings": ["utf-32"]}
    }));
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-16");
    assert!(lsp.shutdown().success());
}

#[test]
fn shutdown_then_exit_exits_zero() {
    let (lsp, _) = Lsp::initialized(json!({}));
    let status = lsp.shutdown();
    assert_eq!(status.code(), Some(0));
}

#[test]
fn exit_without_shutdown_exits_one() {
    let (mut lsp, _) = Lsp::initialized(json!({}));
    lsp.notify("exit", Value::Null);
    assert_eq!(lsp.wait().code(), Some(1));
}

#[test]
fn second_initialize_is_an_invalid_request() {
    let (mut lsp, _) = Lsp::initialized(json!({}));
    let again = lsp.request(
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": {}}),
    );
    assert_eq!(again["error"]["code"], -32600, "{again}");
    assert!(lsp.shutdown().success());
}
