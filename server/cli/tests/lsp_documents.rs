//! End-to-end: documents and pushed diagnostics (open, incremental edits, versions, close, other
//! files, position encodings, handler files appearing and disappearing).

mod support;

use serde_json::{json, Value};
use support::{change_params, codes_and_ranges, fresh_diagnostics, open_params, Lsp, Project};

/// SLS302 (missing src/connect.js), SLS212 with a fix, SLS201 with related information.
const CONFIG: &str = "\
service: demo
provider:
  name: aws
  runtime: nodejs18.x
functions:
  connect:
    handler: src/connect.handler
    events:
      - websocket:
          route: $disconnect
          routeResponseSelectionExpression: $request.body
          authorizer: auth
  auth:
    handler: src/auth.handler
";

fn project() -> (Project, String) {
    let project = Project::new();
    project.write("src/auth.js", "");
    let uri = project.write("serverless.yml", CONFIG);
    (project, uri)
}

fn code(code: &str, range: [u64; 4]) -> (String, [u64; 4]) {
    (code.to_owned(), range)
}

/// `(code, message, range)` as `serverless-ls check --format json` reports them, converted to
/// 0-based LSP positions (the file is ASCII, so its character columns are UTF-16 columns).
fn check_output(project: &Project) -> Vec<(String, String, [u64; 4])> {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_serverless-ls"))
        .args(["check", "--format", "json", "serverless.yml"])
        .current_dir(&project.root)
        .output()
        .expect("run check");
    let report: Value = serde_json::from_slice(&output.stdout).expect("check JSON");
    report["files"][0]["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            let r = &d["range"];
            let n = |v: &Value| v.as_u64().expect("number") - 1;
            (
                d["code"].as_str().expect("code").to_owned(),
                d["message"].as_str().expect("message").to_owned(),
                [
                    n(&r["start"]["line"]),
                    n(&r["start"]["column"]),
                    n(&r["end"]["line"]),
                    n(&r["end"]["column"]),
                ],
            )
        })
        .collect()
}

fn lsp_output(published: &Value) -> Vec<(String, String, [u64; 4])> {
    let messages = published["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| d["message"].as_str().expect("message").to_owned());
    codes_and_ranges(published)
        .into_iter()
        .zip(messages)
        .map(|((code, range), message)| (code, message, range))
        .collect()
}

#[test]
fn open_publishes_what_check_reports() {
    let (project, uri) = project();
    let (mut lsp, _) = Lsp::initialized(json!({}));
    lsp.notify("textDocument/didOpen", open_params(&uri, 1, CONFIG));
    let published = lsp.diagnostics(&uri);
    assert_eq!(published["version"], 1);
    let expected = check_output(&project);
    assert!(!expected.is_empty());
    assert_eq!(lsp_output(&published), expected);

    let authorizer = published["diagnostics"]
        .as_array()
        .and_then(|all| all.iter().find(|d| d["code"] == "SLS201"))
        .expect("SLS201 published");
    insta::assert_json_snapshot!(project.redact(authorizer), @r#"
    {
      "range": {
        "start": {
          "line": 11,
          "character": 10
        },
        "end": {
          "line": 11,
          "character": 20
        }
      },
      "severity": 1,
      "code": "SLS201",
      "codeDescription": {
        "href": "https://github.com/serverless-ls/serverless-ls/blob/main/docs/rules/SLS201.md"
      },
      "source": "serverless-ls",
      "message": "authorizers are only supported on the $connect route: the framework packages this authorizer on '$disconnect' and the deploy fails",
      "relatedInformation": [
        {
          "location": {
            "uri": "file:///TMP/serverless.yml",
            "range": {
              "start": {
                "line": 9,
                "character": 17
              },
              "end": {
                "line": 9,
                "character": 28
              }
            }
          },
          "message": "the route is '$disconnect'"
        }
      ]
    }
    "#);
    assert!(lsp.shutdown().success());
}

#[test]
fn incremental_edits_with_versions() {
    let (_project, uri) = project();
    let (mut lsp, _) = Lsp::initialized(json!({}));
    lsp.notify("textDocument/didOpen", open_params(&uri, 1, CONFIG));
    let codes =
        |p: &Value| -> Vec<String> { codes_and_ranges(p).into_iter().map(|c| c.0).collect() };
    assert_eq!(
        codes(&lsp.diagnostics(&uri)),
        ["SLS302", "SLS212", "SLS201"]
    );

    // `$disconnect` → `$connect`: the authorizer is now allowed.
    lsp.notify(
        "textDocument/didChange",
        change_params(&uri, 2, [9, 18, 9, 21], ""),
    );
    let published = lsp.diagnostics(&uri);
    assert_eq!(published["version"], 2);
    assert_eq!(codes(&published), ["SLS302", "SLS212"]);

    // A stale version is ignored: this would break the route again.
    lsp.notify(
        "textDocument/didChange",
        change_params(&uri, 2, [9, 17, 9, 25], "$oops"),
    );
    // Two changes in one batch, the second in the text the first produced.
    lsp.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": uri, "version": 3},
            "contentChanges": [
                {"range": support::range_json([10, 44, 10, 57]), "text": "$default"},
                {"range": support::range_json([10, 52, 10, 52]), "text": " # fixed"},
            ],
        }),
    );
    let published = lsp.diagnostics(&uri);
    assert_eq!(published["version"], 3);
    assert_eq!(codes(&published), ["SLS302"]);
    assert_eq!(
        codes_and_ranges(&published),
        [code("SLS302", [6, 13, 6, 32])]
    );

    // A whole-document replacement.
    lsp.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": uri, "version": 4},
            "contentChanges": [{"text": CONFIG}],
        }),
    );
    assert_eq!(
        codes(&lsp.diagnostics(&uri)),
        ["SLS302", "SLS212", "SLS201"]
    );
    assert!(lsp.shutdown().success());
}

/// Schema findings in functions (SLS1xx), and a function whose timeout a variable gives (valid
/// until an edit changes the variable's target).
const SCHEMA_FINDINGS: &str = "\
service: schema
provider:
  name: aws
custom:
  timeout: 30
functions:
  first:
    handler: first.run
    timeout: lots
  second:
    handler: second.run
    unknownKey: 1
  third:
    handler: third.run
    timeout: ${self:custom.timeout}
";

/// The server reuses an unchanged function's schema validation from the previous version: after
/// each edit (a function added above, shifting every line; a variable's target made invalid, so
/// the unchanged function using it gets a finding; one function's finding removed) the publication is what a fresh analysis of the text gives.
#[test]
fn schema_findings_of_unchanged_functions_follow_each_edit() {
    let project = Project::new();
    let uri = project.write("serverless.yml", SCHEMA_FINDINGS);
    let (mut lsp, _) = Lsp::initialized(json!({}));
    lsp.notify(
        "textDocument/didOpen",
        open_params(&uri, 1, SCHEMA_FINDINGS),
    );
    let opened = codes_and_ranges(&lsp.diagnostics(&uri));
    let schema_findings = |found: &[(String, [u64; 4])]| {
        found
            .iter()
            .filter(|(code, _)| code.starts_with("SLS1"))
            .count()
    };
    assert_eq!(schema_findings(&opened), 2, "{opened:?}");
    assert_eq!(
        opened,
        fresh_diagnostics(&mut lsp, &project, SCHEMA_FINDINGS)
    );

    let added = "  added:\n    handler: added.run\n    memorySize: big\n";
    let edits: [([u32; 4], &str, usize); 3] = [
        ([6, 0, 6, 0], added, 3),
        ([4, 11, 4, 13], "soon", 4),
        ([14, 0, 15, 0], "", 3),
    ];
    let mut text = SCHEMA_FINDINGS.to_owned();
    for (version, (range, new_text, findings)) in (2..).zip(edits) {
        text = support::apply_change(&text, range, new_text);
        lsp.notify(
            "textDocument/didChange",
            change_params(&uri, version, range, new_text),
        );
        let published = lsp.diagnostics(&uri);
        assert_eq!(published["version"], version);
        let published = codes_and_ranges(&published);
        assert_eq!(
            schema_findings(&published),
            findings,
            "{text}\n{published:?}"
        );
        assert_eq!(
            published,
            fresh_diagnostics(&mut lsp, &project, &text),
            "version {version}:\n{text}"
        );
    }
    assert!(lsp.shutdown().success());
}

#[test]
fn crlf_documents_keep_their_lines() {
    let project = Project::new();
    project.write("src/auth.js", "");
    let crlf = CONFIG.replace('\n', "\r\n");
    let uri = project.write("serverless.yml", &crlf);
    let (mut lsp, _) = Lsp::initialized(json!({}));
    lsp.notify("textDocument/didOpen", open_params(&uri, 1, &crlf));
    let published = lsp.diagnostics(&uri);
    assert_eq!(
        codes_and_ranges(&published),
        [
            code("SLS302", [6, 13, 6, 32]),
            code("SLS212", [10, 44, 10, 57]),
            code("SLS201", [11, 10, 11, 20]),
        ]
    );
    // Replace `$disconnect` with `$connect` across nothing but that word.
    lsp.notify(
        "textDocument/didChange",
        change_params(&uri, 2, [9, 17, 9, 28], "$connect"),
    );
    let published = lsp.diagnostics(&uri);
    assert_eq!(
        codes_and_ranges(&published),
        [
            code("SLS302", [6, 13, 6, 32]),
            code("SLS212", [10, 44, 10, 57])
        ]
    );
    assert!(lsp.shutdown().success());
}

#[test]
fn close_publishes_an_empty_list() {
    let (_project, uri) = project();
    let (mut lsp, _) = Lsp::initialized(json!({}));
    lsp.notify("textDocument/didOpen", open_params(&uri, 1, CONFIG));
    lsp.diagnostics(&uri);
    lsp.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    let published = lsp.diagnostics(&uri);
    assert_eq!(published["diagnostics"], json!([]));
    assert!(lsp.shutdown().success());
}

#[test]
fn other_yaml_files_get_nothing() {
    let (project, uri) = project();
    let other = project.write("docker-compose.yml", CONFIG);
    let (mut lsp, _) = Lsp::initialized(json!({}));
    lsp.notify("textDocument/didOpen", open_params(&other, 1, CONFIG));
    lsp.notify(
        "textDocument/didChange",
        change_params(&other, 2, [0, 0, 0, 0], "x"),
    );
    for method in ["textDocument/hover", "textDocument/completion"] {
        assert_eq!(lsp.result(method, support::at(&other, 9, 18)), Value::Null);
    }
    let actions = lsp.result(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": other}, "range": support::range_json([10, 44, 10, 57]),
               "context": {"diagnostics": []}}),
    );
    assert_eq!(actions, Value::Null);
    // Messages are handled in order: once the config's diagnostics arrive, anything published
    // for the other file would have arrived before them.
    lsp.notify("textDocument/didOpen", open_params(&uri, 1, CONFIG));
    lsp.diagnostics(&uri);
    lsp.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": other}}),
    );
    lsp.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    lsp.diagnostics(&uri);
    let stray: Vec<_> = lsp
        .drain_received()
        .into_iter()
        .filter(|m| m["params"]["uri"] == other.as_str())
        .collect();
    assert!(stray.is_empty(), "{stray:?}");
    assert!(lsp.shutdown().success());
}

/// `"😀中"` starts at character 20; the emoji is 2 UTF-16 units and 4 bytes, `中` 1 unit and 3 bytes.
const WIDE: &str = "\
service: demo
provider:
  name: aws
functions:
  connect:
    handler: h.handler
    events:
      - websocket: {\"😀中\": 1, route: $connect, routeResponseSelectionExpression: $request.body}
";

fn wide_project() -> (Project, String) {
    let project = Project::new();
    project.write("h.js", "");
    let uri = project.write("serverless.yml", WIDE);
    (project, uri)
}

#[test]
fn utf16_columns_after_emoji_and_cjk() {
    let (_project, uri) = wide_project();
    let (mut lsp, _) = Lsp::initialized(json!({}));
    lsp.notify("textDocument/didOpen", open_params(&uri, 1, WIDE));
    assert_eq!(
        codes_and_ranges(&lsp.diagnostics(&uri)),
        [
            code("SLS101", [7, 20, 7, 25]),
            code("SLS212", [7, 81, 7, 94])
        ]
    );
    // An edit addressed in UTF-16 units after the emoji.
    lsp.notify(
        "textDocument/didChange",
        change_params(&uri, 2, [7, 81, 7, 94], "$default"),
    );
    assert_eq!(
        codes_and_ranges(&lsp.diagnostics(&uri)),
        [code("SLS101", [7, 20, 7, 25])]
    );
    assert!(lsp.shutdown().success());
}

#[test]
fn utf8_columns_after_emoji_and_cjk() {
    let (_project, uri) = wide_project();
    let (mut lsp, result) = Lsp::initialized(json!({"general": {"positionEncodings": ["utf-8"]}}));
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-8");
    lsp.notify("textDocument/didOpen", open_params(&uri, 1, WIDE));
    assert_eq!(
        codes_and_ranges(&lsp.diagnostics(&uri)),
        [
            code("SLS101", [7, 20, 7, 29]),
            code("SLS212", [7, 85, 7, 98])
        ]
    );
    lsp.notify(
        "textDocument/didChange",
        change_params(&uri, 2, [7, 85, 7, 98], "$default"),
    );
    assert_eq!(
        codes_and_ranges(&lsp.diagnostics(&uri)),
        [code("SLS101", [7, 20, 7, 29])]
    );
    assert!(lsp.shutdown().success());
}

#[test]
fn handler_files_appearing_and_disappearing() {
    let (project, uri) = project();
    let (mut lsp, _) = Lsp::initialized(json!({
        "workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}
    }));
    let registration = lsp.server_request("client/registerCapability");
    let registered = &registration["params"]["registrations"][0];
    assert_eq!(registered["method"], "workspace/didChangeWatchedFiles");
    assert_eq!(
        registered["registerOptions"]["watchers"][0]["globPattern"],
        "**/*"
    );

    lsp.notify("textDocument/didOpen", open_params(&uri, 1, CONFIG));
    let has_302 = |p: &Value| codes_and_ranges(p).iter().any(|c| c.0 == "SLS302");
    assert!(has_302(&lsp.diagnostics(&uri)));

    let handler = project.write("src/connect.js", "exports.handler = async () => {};\n");
    lsp.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": handler, "type": 1}]}),
    );
    assert!(!has_302(&lsp.diagnostics(&uri)));

    project.remove("src/connect.js");
    lsp.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": handler, "type": 3}]}),
    );
    assert!(has_302(&lsp.diagnostics(&uri)));
    assert!(lsp.shutdown().success());
}

#[test]
fn no_watcher_registration_without_dynamic_registration() {
    let (mut lsp, _) = Lsp::initialized(json!({}));
    // Requests are answered after `initialized` was handled.
    let _ = lsp.request(
        "textDocument/hover",
        support::at("file:///nowhere/serverless.yml", 0, 0),
    );
    let sent = lsp
        .server_requests
        .lock()
        .map(|r| r.clone())
        .unwrap_or_default();
    assert!(sent.is_empty(), "{sent:?}");
    assert!(lsp.shutdown().success());
}
