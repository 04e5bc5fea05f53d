//! End-to-end: completion, hover, code actions, document symbols, inlay hints and settings are
//! wired and answered with the right shapes.
//!
//! Exact contents are the analysis tests' business; here one test follows completion, hover and
//! symbols through the whole path on the n10 bench fixture (inlay hint and definition contents:
//! `lsp_logical_ids.rs`).

mod support;

use serde_json::{json, Value};
use support::{at, change_params, codes_and_ranges, open_params, range_json, Lsp, Project};

const CONFIG: &str = "\
service: demo
provider:
  name: aws
  runtime: nodejs18.x
  logs:
    websocket:
      level: INFO
functions:
  connect:
    handler: h.handler
    events:
      - websocket:
          route: $connect
          routeResponseSelectionExpression: $request.body
";

fn open(capabilities: Value) -> (Project, Lsp, String) {
    let project = Project::new();
    project.write("h.js", "");
    let uri = project.write("serverless.yml", CONFIG);
    let (mut lsp, _) = Lsp::initialized(capabilities);
    lsp.notify("textDocument/didOpen", open_params(&uri, 1, CONFIG));
    let published = lsp.diagnostics(&uri);
    assert_eq!(
        codes_and_ranges(&published),
        [("SLS212".to_owned(), [13, 44, 13, 57])]
    );
    (project, lsp, uri)
}

#[test]
fn code_action_fixes_and_the_fix_clears_the_diagnostic() {
    let (project, mut lsp, uri) = open(json!({}));
    let actions = lsp.result(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": range_json([13, 50, 13, 50]),
               "context": {"diagnostics": []}}),
    );
    insta::assert_json_snapshot!(project.redact(&actions), @r#"
    [
      {
        "title": "Change to '$default'",
        "kind": "quickfix",
        "diagnostics": [
          {
            "range": {
              "start": {
                "line": 13,
                "character": 44
              },
              "end": {
                "line": 13,
                "character": 57
              }
            },
            "severity": 1,
            "code": "SLS212",
            "codeDescription": {
              "href": "https://github.com/serverless-ls/serverless-ls/blob/main/docs/rules/SLS212.md"
            },
            "source": "serverless-ls",
            "message": "routeResponseSelectionExpression must be $default, found '$request.body' (the only value API Gateway supports)"
          }
        ],
        "edit": {
          "changes": {
            "file:///TMP/serverless.yml": [
              {
                "range": {
                  "start": {
                    "line": 13,
                    "character": 44
                  },
                  "end": {
                    "line": 13,
                    "character": 57
                  }
                },
                "newText": "$default"
              }
            ]
          }
        },
        "isPreferred": true
      },
      {
        "title": "Suppress SLS212 on this line",
        "kind": "quickfix",
        "diagnostics": [
          {
            "range": {
              "start": {
                "line": 13,
                "character": 44
              },
              "end": {
                "line": 13,
                "character": 57
              }
            },
            "severity": 1,
            "code": "SLS212",
            "codeDescription": {
              "href": "https://github.com/serverless-ls/serverless-ls/blob/main/docs/rules/SLS212.md"
            },
            "source": "serverless-ls",
            "message": "routeResponseSelectionExpression must be $default, found '$request.body' (the only value API Gateway supports)"
          }
        ],
        "edit": {
          "changes": {
            "file:///TMP/serverless.yml": [
              {
                "range": {
                  "start": {
                    "line": 13,
                    "character": 57
                  },
                  "end": {
                    "line": 13,
                    "character": 57
                  }
                },
                "newText": " # serverless-ls-ignore SLS212"
              }
            ]
          }
        },
        "isPreferred": false
      },
      {
        "title": "Preview compiled CloudFormation",
        "kind": "source.preview",
        "command": {
          "title": "Preview compiled CloudFormation",
          "command": "serverless-ls.previewCloudFormation",
          "arguments": [
            "file:///TMP/serverless.yml"
          ]
        }
      }
    ]
    "#);
    // Apply the edit as a client would; the diagnostic goes away.
    let edit = &actions[0]["edit"]["changes"][uri.as_str()][0];
    lsp.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2},
               "contentChanges": [{"range": edit["range"], "text": edit["newText"]}]}),
    );
    assert_eq!(lsp.diagnostics(&uri)["diagnostics"], json!([]));
    // Nothing left to fix: only the preview, offered everywhere, remains.
    let actions = lsp.result(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": range_json([13, 44, 13, 52]),
               "context": {"diagnostics": []}}),
    );
    assert_eq!(kinds(&actions), ["source.preview"]);
    assert!(lsp.shutdown().success());
}

#[test]
fn code_action_honours_only() {
    let (_project, mut lsp, uri) = open(json!({}));
    let ask = |only: Value| {
        json!({"textDocument": {"uri": uri}, "range": range_json([13, 44, 13, 57]),
               "context": {"diagnostics": [], "only": only}})
    };
    let refactors = lsp.result("textDocument/codeAction", ask(json!(["refactor"])));
    assert_eq!(refactors, json!([]));
    let fixes = lsp.result("textDocument/codeAction", ask(json!(["quickfix"])));
    // The fix, then "Suppress SLS212 on this line".
    assert_eq!(kinds(&fixes), ["quickfix", "quickfix"]);
    let sources = lsp.result("textDocument/codeAction", ask(json!(["source"])));
    assert_eq!(kinds(&sources), ["source.preview"]);
    // A range away from the diagnostic has no fix (the preview is offered everywhere).
    let elsewhere = lsp.result(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": range_json([0, 0, 0, 3]),
               "context": {"diagnostics": []}}),
    );
    assert_eq!(kinds(&elsewhere), ["source.preview"]);
    assert!(lsp.shutdown().success());
}

/// The kind of each code action of an answer.
fn kinds(actions: &Value) -> Vec<String> {
    actions
        .as_array()
        .expect("code actions array")
        .iter()
        .map(|action| action["kind"].as_str().unwrap_or_default().to_owned())
        .collect()
}

/// A completion answer is a list (with `isIncomplete`) of full items with text edits.
fn assert_completion_shape(response: &Value) {
    assert!(response["isIncomplete"].is_boolean(), "{response}");
    let items = response["items"]
        .as_array()
        .expect("completion returns a list");
    for item in items {
        assert!(item["label"].is_string(), "{item}");
        assert!(
            item["textEdit"]["range"]["start"]["line"].is_u64(),
            "{item}"
        );
        assert!(item["textEdit"]["newText"].is_string(), "{item}");
        assert!(
            item["insertTextFormat"] == 1 || item["insertTextFormat"] == 2,
            "{item}"
        );
        if let Some(doc) = item.get("documentation") {
            assert_eq!(doc["kind"], "markdown", "{item}");
        }
    }
}

#[test]
fn completion_hover_symbols_and_hints_are_answered() {
    let (_project, mut lsp, uri) = open(json!({}));
    for (line, character) in [(6, 13), (4, 2), (12, 17), (0, 0), (2, 8)] {
        let completion = lsp.result("textDocument/completion", at(&uri, line, character));
        assert_completion_shape(&completion);
        let hover = lsp.result("textDocument/hover", at(&uri, line, character));
        if !hover.is_null() {
            assert_eq!(hover["contents"]["kind"], "markdown", "{hover}");
            assert!(hover["range"]["start"]["line"].is_u64(), "{hover}");
        }
    }
    let symbols = lsp.result(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    let symbols = symbols.as_array().expect("symbols array");
    for symbol in symbols {
        // Hierarchical symbols, not `SymbolInformation`.
        assert!(symbol.get("selectionRange").is_some(), "{symbol}");
        assert!(symbol.get("location").is_none(), "{symbol}");
    }
    let hints = lsp.result(
        "textDocument/inlayHint",
        json!({"textDocument": {"uri": uri}, "range": range_json([0, 0, 20, 0])}),
    );
    assert!(hints.is_array(), "{hints}");
    assert!(lsp.shutdown().success());
}

#[test]
fn a_client_that_resolves_documentation_gets_it_on_resolve() {
    let resolving = json!({"textDocument": {"completion": {"completionItem": {
        "resolveSupport": {"properties": ["documentation", "detail"]}
    }}}});
    let (_plain_project, mut plain, plain_uri) = open(json!({}));
    let (_project, mut lsp, uri) = open(resolving);
    let mut compared = 0;
    for (line, character) in [(4, 2), (12, 17), (0, 0)] {
        let inline = plain.result("textDocument/completion", at(&plain_uri, line, character));
        let listed = lsp.result("textDocument/completion", at(&uri, line, character));
        let (inline, listed) = (&inline["items"], &listed["items"]);
        assert_eq!(
            inline.as_array().map(Vec::len),
            listed.as_array().map(Vec::len)
        );
        for (expected, item) in inline
            .as_array()
            .into_iter()
            .flatten()
            .zip(listed.as_array().into_iter().flatten())
        {
            assert_eq!(expected["label"], item["label"]);
            assert!(
                item.get("documentation").is_none(),
                "sent without it: {item}"
            );
            let resolved = lsp.result("completionItem/resolve", item.clone());
            assert_eq!(
                resolved["documentation"], expected["documentation"],
                "{item}"
            );
            assert_eq!(resolved["label"], item["label"]);
            compared += usize::from(expected.get("documentation").is_some());
        }
    }
    assert!(compared > 10, "only {compared} items with documentation");
    // An item of no list kept (or of another server) comes back as it was.
    let stranger = json!({"label": "x", "data": [999_999, 0]});
    assert_eq!(
        lsp.result("completionItem/resolve", stranger.clone()),
        stranger
    );
    assert!(lsp.shutdown().success());
    assert!(plain.shutdown().success());
}

#[test]
fn completion_after_an_edit_sees_the_new_text() {
    let (_project, mut lsp, uri) = open(json!({}));
    lsp.notify(
        "textDocument/didChange",
        change_params(&uri, 2, [3, 21, 3, 21], "\n  "),
    );
    lsp.diagnostics(&uri);
    let completion = lsp.result("textDocument/completion", at(&uri, 4, 2));
    assert_completion_shape(&completion);
    assert!(lsp.shutdown().success());
}

#[test]
fn settings_are_pulled_from_the_client() {
    let (mut lsp, _) = Lsp::initialized_with(json!({
        "capabilities": {"workspace": {"configuration": true}},
        "initializationOptions": {"stage": "dev", "region": "eu-west-1"},
    }));
    lsp.set_configuration(json!({"stage": "prod"}));
    let pulled = lsp.server_request("workspace/configuration");
    assert_eq!(
        pulled["params"]["items"],
        json!([{"section": "serverless-ls"}])
    );
    // A change notification without the section makes the server pull again.
    lsp.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": null}),
    );
    let pulled = lsp.server_request("workspace/configuration");
    assert_eq!(pulled["params"]["items"][0]["section"], "serverless-ls");
    // With the section, the server takes it as is and asks nothing.
    lsp.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"serverless-ls": {"stage": "qa"}}}),
    );
    let _ = lsp.request(
        "textDocument/hover",
        at("file:///nowhere/serverless.yml", 0, 0),
    );
    let requests = lsp
        .server_requests
        .lock()
        .map(|r| r.len())
        .unwrap_or_default();
    assert_eq!(requests, 2);
    assert!(lsp.shutdown().success());
}

/// The codes of a `publishDiagnostics` notification, in order.
fn codes(published: &Value) -> Vec<String> {
    codes_and_ranges(published)
        .into_iter()
        .map(|(code, _)| code)
        .collect()
}

#[test]
fn the_ignore_setting_hides_rules_and_changing_it_republishes() {
    let project = Project::new();
    project.write("h.js", "");
    // SLS217 (info) on `tags`, line 4; SLS212 on line 15.
    let text = CONFIG.replace("  logs:\n", "  tags:\n    team: chat\n  logs:\n");
    let uri = project.write("serverless.yml", &text);
    let lsp = Lsp::start_capturing_stderr();
    let initial = json!({"ignore": ["SLS217", "SLS999"]});
    lsp.set_configuration(initial.clone());
    let (mut lsp, _) = lsp.initialize_with(json!({
        "capabilities": {"workspace": {"configuration": true}},
        "initializationOptions": initial,
    }));
    lsp.server_request("workspace/configuration");
    lsp.notify("textDocument/didOpen", open_params(&uri, 1, &text));
    assert_eq!(codes(&lsp.diagnostics(&uri)), ["SLS212"]);
    // Pushed by the client, by name.
    lsp.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"serverless-ls": {"ignore": ["invalid-route-response-selection"]}}}),
    );
    assert_eq!(codes(&lsp.diagnostics(&uri)), ["SLS217"]);
    // Pulled from the client.
    lsp.set_configuration(json!({"ignore": []}));
    lsp.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": null}),
    );
    assert_eq!(codes(&lsp.diagnostics(&uri)), ["SLS217", "SLS212"]);
    let (status, stderr) = lsp.shutdown_with_stderr();
    assert!(status.success());
    assert!(stderr.contains("unknown rule 'SLS999'"), "{stderr}");
}

#[test]
fn the_suppress_quick_fix_writes_the_comment_that_silences_the_diagnostic() {
    let (_project, mut lsp, uri) = open(json!({}));
    let actions = lsp.result(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": range_json([13, 44, 13, 44]),
               "context": {"diagnostics": []}}),
    );
    let titles: Vec<&str> = actions
        .as_array()
        .expect("code actions array")
        .iter()
        .filter_map(|action| action["title"].as_str())
        .collect();
    assert_eq!(
        titles,
        [
            "Change to '$default'",
            "Suppress SLS212 on this line",
            "Preview compiled CloudFormation"
        ]
    );
    let edit = &actions[1]["edit"]["changes"][uri.as_str()][0];
    assert_eq!(edit["newText"], " # serverless-ls-ignore SLS212");
    assert_eq!(edit["range"], range_json([13, 57, 13, 57]));
    lsp.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2},
               "contentChanges": [{"range": edit["range"], "text": edit["newText"]}]}),
    );
    assert_eq!(lsp.diagnostics(&uri)["diagnostics"], json!([]));
    // A misspelt code is SLS003 on its text, which offers no suppression of its own.
    lsp.notify(
        "textDocument/didChange",
        change_params(&uri, 3, [13, 85, 13, 86], "x"),
    );
    assert_eq!(
        codes_and_ranges(&lsp.diagnostics(&uri)),
        [
            ("SLS212".to_owned(), [13, 44, 13, 57]),
            ("SLS003".to_owned(), [13, 81, 13, 87])
        ]
    );
    let actions = lsp.result(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": range_json([13, 0, 13, 87]),
               "context": {"diagnostics": []}}),
    );
    let titles: Vec<&str> = actions
        .as_array()
        .expect("code actions array")
        .iter()
        .filter_map(|action| action["title"].as_str())
        .collect();
    assert_eq!(
        titles,
        [
            "Change to '$default'",
            "Suppress SLS212 on this line",
            "Preview compiled CloudFormation"
        ]
    );
    // The code is appended to the comment already there.
    let edit = &actions[1]["edit"]["changes"][uri.as_str()][0];
    assert_eq!(edit["newText"], ",SLS212");
    assert_eq!(edit["range"], range_json([13, 87, 13, 87]));
    assert!(lsp.shutdown().success());
}

#[test]
fn no_suppress_quick_fix_in_serverless_json() {
    let uri = "untitled:serverless.json";
    let text = r#"{"service": "demo", "provider": {"name": "aws", "logs": {"websocket": {"level": "error"}}}}"#;
    let (mut lsp, _) = Lsp::initialized(json!({}));
    lsp.notify("textDocument/didOpen", open_params(uri, 1, text));
    assert_eq!(codes(&lsp.diagnostics(uri)), ["SLS104"]);
    let actions = lsp.result(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": range_json([0, 0, 0, 90]),
               "context": {"diagnostics": []}}),
    );
    assert_eq!(kinds(&actions), ["quickfix", "source.preview"]);
    assert_eq!(actions[0]["title"], "Change to 'ERROR'");
    assert!(lsp.shutdown().success());
}

/// Contents through the whole path, on the n10 benchmark fixture and its named positions.
#[test]
fn completion_hover_and_symbols_on_the_bench_fixture() {
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/bench/n10");
    let text = std::fs::read_to_string(folder.join("serverless.yml")).expect("fixture");
    let positions: Value = serde_json::from_str(
        &std::fs::read_to_string(folder.join("serverless.yml.positions.json")).expect("positions"),
    )
    .expect("positions JSON");
    let point = |kind: &str, name: &str| {
        let p = &positions[kind][name];
        (
            p[0].as_u64().expect("line") as u32,
            p[1].as_u64().expect("character") as u32,
        )
    };
    let uri = "untitled:serverless.yml";
    let (mut lsp, _) = Lsp::initialized(json!({}));
    lsp.notify("textDocument/didOpen", open_params(uri, 1, &text));
    lsp.diagnostics(uri);

    let (line, character) = point("completion", "provider_new_key");
    let completion = lsp.result("textDocument/completion", at(uri, line, character));
    assert_completion_shape(&completion);
    let item = completion["items"]
        .as_array()
        .and_then(|items| items.iter().find(|i| i["label"] == "websocketsApiName"))
        .unwrap_or_else(|| panic!("websocketsApiName offered: {completion}"));
    assert_eq!(
        item["textEdit"]["range"]["start"],
        json!({"line": line, "character": character})
    );
    assert_eq!(item["documentation"]["kind"], "markdown");

    let (line, character) = point("hover", "websocket_event_key");
    let hover = lsp.result("textDocument/hover", at(uri, line, character));
    assert_eq!(hover["contents"]["kind"], "markdown");
    assert!(
        hover["contents"]["value"]
            .as_str()
            .is_some_and(|v| v.contains("websocket")),
        "{hover}"
    );
    assert_eq!(hover["range"]["start"]["line"], line);

    let symbols = lsp.result(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    let names: Vec<_> = symbols
        .as_array()
        .expect("symbols")
        .iter()
        .filter_map(|s| s["name"].as_str())
        .collect();
    assert!(
        names.contains(&"provider") && names.contains(&"wsConnect"),
        "{names:?}"
    );
    assert!(lsp.shutdown().success());
}

/// Thousands of routes are cut to a list marked incomplete, so the client asks again as the
/// user types; a short list is complete.
#[test]
fn long_completion_lists_are_marked_incomplete() {
    let mut text = String::from("service: s\nprovider:\n  name: aws\nfunctions:\n  f:\n    handler: h.f\n    events:\n      - websocket:\n          route: \n");
    for i in 0..150 {
        text.push_str(&format!("      - websocket: route{i}\n"));
    }
    let project = Project::new();
    let uri = project.write("serverless.yml", &text);
    let (mut lsp, _) = Lsp::initialized(json!({}));
    lsp.notify("textDocument/didOpen", open_params(&uri, 1, &text));
    lsp.diagnostics(&uri);
    let long = lsp.result("textDocument/completion", at(&uri, 8, 17));
    assert_eq!(long["isIncomplete"], true, "{long}");
    let short = lsp.result("textDocument/completion", at(&uri, 1, 0));
    assert_eq!(short["isIncomplete"], false, "{short}");
    assert!(lsp.shutdown().success());
}
