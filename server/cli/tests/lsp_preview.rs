//! End-to-end: the "Preview compiled CloudFormation" code action and the
//! `serverless-ls.previewCloudFormation` command it runs, over the real binary.

mod support;

use std::process::Command;

use serde_json::{json, Value};
use support::{change_params, open_params, range_json, Lsp, Project};

const COMMAND: &str = "serverless-ls.previewCloudFormation";

const CONFIG: &str = "\
service: demo
provider:
  name: aws
  runtime: nodejs20.x
functions:
  connect:
    handler: h.connect
    events:
      - websocket: $connect
";

/// A project with `CONFIG` (and its handler) on disk, opened by a client with `capabilities`.
fn open(params: Value) -> (Project, Lsp, String) {
    let project = Project::new();
    project.write("h.js", "");
    let uri = project.write("serverless.yml", CONFIG);
    let (mut lsp, _) = Lsp::initialized_with(params);
    lsp.notify("textDocument/didOpen", open_params(&uri, 1, CONFIG));
    lsp.diagnostics(&uri);
    (project, lsp, uri)
}

fn preview(lsp: &mut Lsp, arguments: Value) -> Value {
    lsp.request(
        "workspace/executeCommand",
        json!({"command": COMMAND, "arguments": arguments}),
    )
}

/// The template of a request that must succeed.
fn template(lsp: &mut Lsp, arguments: Value) -> Value {
    let response = preview(lsp, arguments);
    assert!(response.get("error").is_none(), "{response}");
    response["result"].clone()
}

fn resource_ids(template: &Value) -> Vec<String> {
    template["Resources"]
        .as_object()
        .map(|r| r.keys().cloned().collect())
        .unwrap_or_default()
}

/// The `window/showDocument` requests the server has sent so far.
fn show_requests(lsp: &Lsp) -> Vec<Value> {
    lsp.server_requests
        .lock()
        .map(|requests| {
            requests
                .iter()
                .filter(|r| r["method"] == "window/showDocument")
                .cloned()
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn command_is_advertised() {
    let (lsp, result) = Lsp::initialized(json!({}));
    assert_eq!(
        result["capabilities"]["executeCommandProvider"]["commands"],
        json!([COMMAND])
    );
    let kinds = &result["capabilities"]["codeActionProvider"]["codeActionKinds"];
    assert!(
        kinds
            .as_array()
            .is_some_and(|k| k.contains(&json!("source.preview"))),
        "{kinds}"
    );
    assert!(lsp.shutdown().success());
}

#[test]
fn code_action_is_offered_anywhere_unless_only_excludes_it() {
    let (_project, mut lsp, uri) = open(json!({"capabilities": {}}));
    let expected = json!({
        "title": "Preview compiled CloudFormation",
        "kind": "source.preview",
        "command": {
            "title": "Preview compiled CloudFormation",
            "command": COMMAND,
            "arguments": [uri],
        },
    });
    let ask = |range: [u32; 4], only: Option<Value>| {
        let mut context = json!({"diagnostics": []});
        if let Some(only) = only {
            context["only"] = only;
        }
        json!({"textDocument": {"uri": uri}, "range": range_json(range), "context": context})
    };
    for range in [[0, 0, 0, 0], [5, 4, 5, 4], [8, 20, 8, 22], [40, 0, 40, 0]] {
        let actions = lsp.result("textDocument/codeAction", ask(range, None));
        assert_eq!(actions, json!([expected]), "at {range:?}");
    }
    for only in [json!(["source"]), json!(["source.preview"]), json!([""])] {
        let actions = lsp.result("textDocument/codeAction", ask([2, 0, 2, 0], Some(only)));
        assert_eq!(actions, json!([expected]));
    }
    for only in [
        json!(["quickfix"]),
        json!(["refactor"]),
        json!(["source.fixAll"]),
    ] {
        let actions = lsp.result(
            "textDocument/codeAction",
            ask([2, 0, 2, 0], Some(only.clone())),
        );
        assert_eq!(actions, json!([]), "only {only}");
    }
    assert!(lsp.shutdown().success());
}

#[test]
fn command_returns_what_compile_prints() {
    let (project, mut lsp, uri) = open(json!({"capabilities": {}}));
    let template = template(&mut lsp, json!([uri]));
    assert!(
        template["Resources"]["SconnectWebsocketsRoute"].is_object(),
        "{template}"
    );
    let output = Command::new(env!("CARGO_BIN_EXE_serverless-ls"))
        .arg("compile")
        .arg(project.root.join("serverless.yml"))
        .output()
        .expect("the binary runs");
    assert!(output.status.success(), "{output:?}");
    let printed: Value = serde_json::from_slice(&output.stdout).expect("compile prints JSON");
    assert_eq!(template, printed);
    // `text: true`: exactly the text `compile` prints, key order and layout included.
    let text = preview(&mut lsp, json!([uri, {"show": false, "text": true}]));
    assert_eq!(
        text["result"].as_str(),
        std::str::from_utf8(&output.stdout).ok(),
        "{text}"
    );
    // No `window/showDocument` from a client that did not say it supports it.
    lsp.result("textDocument/hover", support::at(&uri, 0, 0));
    assert_eq!(show_requests(&lsp), Vec::<Value>::new());
    assert!(lsp.shutdown().success());
}

#[test]
fn command_compiles_the_unsaved_text() {
    let (_project, mut lsp, uri) = open(json!({"capabilities": {}}));
    let before = template(&mut lsp, json!([uri, {"show": false}]));
    assert!(!resource_ids(&before).contains(&"helloWebsocketsRoute".to_owned()));
    // Add a route in the editor only; the file on disk keeps one route.
    lsp.notify(
        "textDocument/didChange",
        change_params(&uri, 2, [9, 0, 9, 0], "      - websocket: hello\n"),
    );
    lsp.diagnostics(&uri);
    let after = template(&mut lsp, json!([uri, {"show": false}]));
    let ids = resource_ids(&after);
    assert!(ids.contains(&"helloWebsocketsRoute".to_owned()), "{ids:?}");
    assert!(
        ids.contains(&"SconnectWebsocketsRoute".to_owned()),
        "{ids:?}"
    );
    assert!(lsp.shutdown().success());
}

#[test]
fn command_asks_a_capable_client_to_show_the_preview_unless_told_not_to() {
    let (_project, mut lsp, uri) = open(json!({
        "capabilities": {"window": {"showDocument": {"support": true}}}
    }));
    // `show: false`: the template, and nothing shown.
    let hidden = template(&mut lsp, json!([uri, {"show": false}]));
    lsp.result("textDocument/hover", support::at(&uri, 0, 0));
    assert_eq!(show_requests(&lsp), Vec::<Value>::new());
    // By default the server writes the preview to a temporary file and asks to show it.
    let shown = template(&mut lsp, json!([uri]));
    assert_eq!(shown, hidden);
    let request = lsp.server_request("window/showDocument");
    let params = &request["params"];
    assert_eq!(params["external"], false, "{request}");
    assert_eq!(params["takeFocus"], true, "{request}");
    let file = params["uri"].as_str().expect("a uri");
    let path = file.strip_prefix("file://").expect("a file:// uri");
    let temp = std::env::temp_dir();
    assert!(
        path.starts_with(temp.to_str().expect("UTF-8 temp dir")),
        "{path} is not under {}",
        temp.display()
    );
    assert!(path.ends_with(".json"), "{path}");
    let written = std::fs::read_to_string(path).expect("the preview file exists");
    let written_text = written.clone();
    let written: Value = serde_json::from_str(&written).expect("the preview is JSON");
    assert_eq!(written, shown);
    // `text: true`: the result is the text the file holds, and the file is shown again.
    let text = template(&mut lsp, json!([uri, {"text": true}]));
    lsp.server_request("window/showDocument");
    assert_eq!(text.as_str(), Some(written_text.as_str()));
    assert_eq!(std::fs::read_to_string(path).ok(), Some(written_text));
    // The preview's own folder (one per document) goes; the shared parent stays.
    if let Some(folder) = std::path::Path::new(path).parent() {
        let _ = std::fs::remove_dir_all(folder);
    }
    assert!(lsp.shutdown().success());
}

#[test]
fn refused_config_answers_request_failed_with_the_diagnostics() {
    let project = Project::new();
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../fixtures/oracle/bad-authorizer-missing-function/serverless.yml"),
    )
    .expect("fixture");
    project.write("handler.js", "");
    let uri = project.write("serverless.yml", &text);
    let (mut lsp, _) = Lsp::initialized(json!({"window": {"showDocument": {"support": true}}}));
    lsp.notify("textDocument/didOpen", open_params(&uri, 1, &text));
    lsp.diagnostics(&uri);
    let response = preview(&mut lsp, json!([uri]));
    let error = &response["error"];
    assert_eq!(error["code"], -32803, "{response}");
    let data = error["data"].as_array().expect("diagnostics in data");
    let sls202 = data
        .iter()
        .find(|d| d["code"] == "SLS202")
        .unwrap_or_else(|| panic!("no SLS202 in {response}"));
    assert_eq!(sls202["severity"], 1, "{sls202}");
    assert!(sls202["message"].is_string(), "{sls202}");
    // On `authorizer: doesNotExist` (line 12, after 10 spaces and `authorizer: `).
    assert_eq!(sls202["range"]["start"]["line"], 12, "{sls202}");
    assert_eq!(sls202["range"]["start"]["character"], 22, "{sls202}");
    lsp.result("textDocument/hover", support::at(&uri, 0, 0));
    assert_eq!(show_requests(&lsp), Vec::<Value>::new());
    assert!(lsp.shutdown().success());
}

#[test]
fn stage_setting_applies_to_the_compile() {
    let (_project, mut lsp, uri) = open(json!({
        "capabilities": {},
        "initializationOptions": {"stage": "prod"},
    }));
    let template = template(&mut lsp, json!([uri]));
    let name = template["Resources"]["WebsocketsApi"]["Properties"]["Name"]
        .as_str()
        .unwrap_or_default();
    assert!(name.starts_with("prod-"), "{name}");
    assert!(lsp.shutdown().success());
}

#[test]
fn bad_requests_are_invalid_params() {
    let (project, mut lsp, uri) = open(json!({"capabilities": {}}));
    let other = project.write("docker-compose.yml", "a: 1\n");
    lsp.notify("textDocument/didOpen", open_params(&other, 1, "a: 1\n"));
    let closed = project.uri("sub/serverless.yml");
    let cases = [
        json!({"command": "serverless-ls.nope", "arguments": [uri]}),
        json!({"command": COMMAND}),
        json!({"command": COMMAND, "arguments": [42]}),
        json!({"command": COMMAND, "arguments": [uri, {"show": "no"}]}),
        json!({"command": COMMAND, "arguments": [uri, {"text": "yes"}]}),
        json!({"command": COMMAND, "arguments": [closed]}),
        json!({"command": COMMAND, "arguments": [other]}),
    ];
    for params in cases {
        let response = lsp.request("workspace/executeCommand", params.clone());
        assert_eq!(response["error"]["code"], -32602, "{params} → {response}");
        assert!(
            response["error"]["message"]
                .as_str()
                .is_some_and(|m| !m.is_empty()),
            "{response}"
        );
    }
    assert!(lsp.shutdown().success());
}
