//! End-to-end: variables in the language server. Rules see resolved values (a route that comes
//! from a variable is checked, with the diagnostic on the variable); problems in an included
//! file are published under that file's URI and follow its unsaved edits, and its own
//! suppression comments apply to them; the `stage` and `params` settings reach the resolution.

mod support;

use serde_json::{json, Value};
use support::{open_params, Lsp, Project};

/// `(code, [start line, start character, end line, end character])` of published diagnostics.
fn codes(published: &Value) -> Vec<(String, [u64; 4])> {
    published["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            let r = &d["range"];
            let n = |v: &Value| v.as_u64().expect("number");
            (
                d["code"].as_str().expect("code").to_owned(),
                [
                    n(&r["start"]["line"]),
                    n(&r["start"]["character"]),
                    n(&r["end"]["line"]),
                    n(&r["end"]["character"]),
                ],
            )
        })
        .collect()
}

fn code(code: &str, range: [u64; 4]) -> (String, [u64; 4]) {
    (code.to_owned(), range)
}

/// The labels of a completion list.
fn labels(completion: &Value) -> Vec<&str> {
    completion["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|item| item["label"].as_str())
        .collect()
}

#[test]
fn a_route_from_a_variable_is_checked_on_the_variable() {
    let project = Project::new();
    project.write("handler.js", "");
    let text = "service: chat\nprovider:\n  name: aws\ncustom:\n  route: $disconnect\nfunctions:\n  connect:\n    handler: handler.connect\n    events:\n      - websocket:\n          route: ${self:custom.route}\n          authorizer: auth\n  auth:\n    handler: handler.auth\n";
    let uri = project.write("serverless.yml", text);
    let (mut lsp, _) = Lsp::initialized(json!({}));
    lsp.notify("textDocument/didOpen", open_params(&uri, 1, text));
    let published = lsp.diagnostics(&uri);
    assert_eq!(codes(&published), [code("SLS201", [11, 10, 11, 20])]);
    let related = &published["diagnostics"][0]["relatedInformation"][0];
    assert_eq!(related["message"], "the route is '$disconnect'");
    // The related location is the variable the route comes from.
    assert_eq!(
        related["location"]["range"]["start"],
        json!({"line": 10, "character": 17})
    );
    assert!(lsp.shutdown().success());
}

const CONFIG: &str = "service: chat\nprovider:\n  name: aws\nfunctions: ${file(./functions.yml)}\n";
const FUNCTIONS: &str = "connect:\n  handler: handler.connect\n  events:\n    - websocket:\n        route: $disconnect\n        authorizer: auth\nauth:\n  handler: handler.auth\n";

/// A project whose config includes `functions.yml` (an SLS201 in it), the server started and
/// the config open: the project (kept alive for its folder), the server, the config's and the
/// included file's URIs.
fn included_service() -> (Project, Lsp, String, String) {
    let project = Project::new();
    project.write("handler.js", "");
    let functions = project.write("functions.yml", FUNCTIONS);
    let config = project.write("serverless.yml", CONFIG);
    let (lsp, _) = Lsp::initialized(json!({}));
    lsp.notify("textDocument/didOpen", open_params(&config, 1, CONFIG));
    (project, lsp, config, functions)
}

#[test]
fn problems_in_an_included_file_are_published_under_its_uri_and_follow_its_edits() {
    let (_project, mut lsp, config, functions) = included_service();
    assert_eq!(codes(&lsp.diagnostics(&config)), []);
    assert_eq!(
        codes(&lsp.diagnostics(&functions)),
        [code("SLS201", [5, 8, 5, 18])]
    );

    // Open the included file and fix it without saving: the config's view follows.
    lsp.notify(
        "textDocument/didOpen",
        open_params(&functions, 1, FUNCTIONS),
    );
    assert_eq!(
        codes(&lsp.diagnostics(&functions)),
        [code("SLS201", [5, 8, 5, 18])]
    );
    lsp.notify(
        "textDocument/didChange",
        support::change_params(&functions, 2, [4, 15, 4, 26], "$connect"),
    );
    let _ = lsp.diagnostics(&config);
    assert_eq!(codes(&lsp.diagnostics(&functions)), []);

    // Closing the config clears what it found in the included file.
    lsp.notify(
        "textDocument/didChange",
        support::change_params(&functions, 3, [4, 15, 4, 23], "$disconnect"),
    );
    let _ = lsp.diagnostics(&config);
    assert_eq!(codes(&lsp.diagnostics(&functions)).len(), 1);
    lsp.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": config}}),
    );
    assert_eq!(codes(&lsp.diagnostics(&functions)), []);
    assert!(lsp.shutdown().success());
}

#[test]
fn an_included_file_offers_and_honours_its_own_suppressions() {
    let (project, mut lsp, config, functions) = included_service();
    let _ = lsp.diagnostics(&config);
    assert_eq!(
        codes(&lsp.diagnostics(&functions)),
        [code("SLS201", [5, 8, 5, 18])]
    );
    // Offered in the included file (which need not be open), editing that file.
    let actions = lsp.result(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": functions}, "range": support::range_json([5, 10, 5, 10]),
               "context": {"diagnostics": []}}),
    );
    assert_eq!(actions.as_array().map(Vec::len), Some(1), "{actions}");
    assert_eq!(actions[0]["title"], "Suppress SLS201 on this line");
    assert_eq!(actions[0]["diagnostics"][0]["code"], "SLS201");
    let edit = &actions[0]["edit"]["changes"][functions.as_str()][0];
    assert_eq!(edit["newText"], " # serverless-ls-ignore SLS201");
    assert_eq!(edit["range"], support::range_json([5, 24, 5, 24]));
    // Applied in the editor, the included file's own comment silences its diagnostic.
    lsp.notify(
        "textDocument/didOpen",
        open_params(&functions, 1, FUNCTIONS),
    );
    let _ = lsp.diagnostics(&functions);
    lsp.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": functions, "version": 2},
               "contentChanges": [{"range": edit["range"], "text": edit["newText"]}]}),
    );
    let _ = lsp.diagnostics(&config);
    assert_eq!(codes(&lsp.diagnostics(&functions)), []);
    // A file no open config includes gets no action.
    let elsewhere = project.uri("other.yml");
    let none = lsp.result(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": elsewhere}, "range": support::range_json([0, 0, 0, 0]),
               "context": {"diagnostics": []}}),
    );
    assert_eq!(none, Value::Null);
    assert!(lsp.shutdown().success());
}

#[test]
fn stage_and_params_settings_reach_the_variables() {
    let project = Project::new();
    let text = "service: chat\nprovider:\n  name: aws\ncustom:\n  stage: ${opt:stage}\n  owner: ${param:owner}\n";
    let uri = project.write("serverless.yml", text);
    let (mut lsp, _) = Lsp::initialized_with(json!({
        "capabilities": {},
        "initializationOptions": {"stage": "prod"},
    }));
    lsp.notify("textDocument/didOpen", open_params(&uri, 1, text));
    assert_eq!(
        codes(&lsp.diagnostics(&uri)),
        [code("SLS401", [5, 9, 5, 23])],
        "the stage is set, the param is not"
    );
    lsp.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"serverless-ls": {"params": {"owner": "team-a"}}}}),
    );
    assert_eq!(codes(&lsp.diagnostics(&uri)), []);
    assert!(lsp.shutdown().success());
}

#[test]
fn hover_definition_and_completion_inside_variables() {
    let project = Project::new();
    project.write("handler.js", "");
    let functions = project.write("functions.yml", FUNCTIONS);
    project.write("config/dev.yml", "table: chat-dev\n");
    let text = "service: chat\nprovider:\n  name: aws\ncustom:\n  table: ${file(./config/dev.yml):table}\n  handler: ${self:functions.connect.handler}\n  x: ${file(./\nfunctions: ${file(./functions.yml)}\n";
    let uri = project.write("serverless.yml", text);
    let (mut lsp, _) = Lsp::initialized(json!({}));
    lsp.notify("textDocument/didOpen", open_params(&uri, 1, text));
    let _ = lsp.diagnostics(&uri);

    let hover = lsp.result("textDocument/hover", support::at(&uri, 4, 12));
    let markdown = hover["contents"]["value"].as_str().expect("markdown");
    assert!(
        markdown.contains("resolves to `chat-dev` — from `file(./config/dev.yml):table`"),
        "{markdown}"
    );

    let definition = lsp.result("textDocument/definition", support::at(&uri, 5, 35));
    assert_eq!(definition[0]["uri"], functions);
    assert_eq!(
        definition[0]["range"]["start"],
        json!({"line": 1, "character": 2})
    );

    let completion = lsp.result("textDocument/completion", support::at(&uri, 6, 15));
    let labels = labels(&completion);
    assert_eq!(labels, ["config/", "functions.yml", "serverless.yml"]);
    assert!(lsp.shutdown().success());
}

#[test]
fn references_and_rename_of_a_function_across_files() {
    let project = Project::new();
    project.write("handler.js", "");
    let included = "connect:\n  handler: handler.connect\n  events:\n    - websocket:\n        route: $connect\n        authorizer: auth\n";
    let functions = project.write("functions.yml", included);
    // `connect` comes from the included file and names `auth` as its authorizer.
    let config_text = "service: chat\nprovider:\n  name: aws\ncustom:\n  h: ${self:functions.auth.handler}\nfunctions:\n  connect: ${file(./functions.yml):connect}\n  auth:\n    handler: handler.auth\nresources:\n  Outputs:\n    A:\n      Value: !Ref AuthLambdaFunction\n";
    let uri = project.write("serverless.yml", config_text);
    let (mut lsp, _) = Lsp::initialized(json!({}));
    lsp.notify("textDocument/didOpen", open_params(&uri, 1, config_text));
    let _ = lsp.diagnostics(&uri);
    // The cursor on the `auth` key.
    let line = config_text
        .lines()
        .position(|l| l == "  auth:")
        .expect("auth line") as u32;
    let references = lsp.result(
        "textDocument/references",
        json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": 3}, "context": {"includeDeclaration": true}}),
    );
    let mut places: Vec<String> = references
        .as_array()
        .expect("locations")
        .iter()
        .map(|l| {
            format!(
                "{}:{}",
                if l["uri"] == functions {
                    "functions.yml"
                } else {
                    "serverless.yml"
                },
                l["range"]["start"]["line"]
            )
        })
        .collect();
    places.sort();
    assert_eq!(places.len(), 4, "{places:?}");
    assert!(places.contains(&"functions.yml:5".to_owned()), "{places:?}");

    let edit = lsp.result(
        "textDocument/rename",
        json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": 3}, "newName": "verify"}),
    );
    let changes = edit["changes"].as_object().expect("changes");
    assert_eq!(changes.len(), 2, "{edit}");
    assert_eq!(changes[&functions][0]["newText"], "verify");
    let config_edits: Vec<&str> = changes[&uri]
        .as_array()
        .expect("edits")
        .iter()
        .filter_map(|e| e["newText"].as_str())
        .collect();
    assert_eq!(config_edits.len(), 3);
    assert!(config_edits.contains(&"Verify"));

    let refused = lsp.request(
        "textDocument/rename",
        json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": 3}, "newName": "a b"}),
    );
    assert!(
        refused["error"]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("not a valid name"),
        "{refused}"
    );
    assert!(lsp.shutdown().success());
}

#[test]
fn hover_and_completion_in_an_included_file() {
    let project = Project::new();
    project.write("handler.js", "");
    let included =
        "connect:\n  handler: handler.connect\n  events:\n    - websocket:\n        route: \n";
    let functions = project.write("functions.yml", included);
    let uri = project.write("serverless.yml", CONFIG);
    let (mut lsp, _) = Lsp::initialized(json!({}));
    lsp.notify("textDocument/didOpen", open_params(&uri, 1, CONFIG));
    lsp.notify("textDocument/didOpen", open_params(&functions, 1, included));
    let _ = lsp.diagnostics(&uri);

    let hover = lsp.result("textDocument/hover", support::at(&functions, 4, 10));
    let markdown = hover["contents"]["value"].as_str().expect("markdown");
    assert!(markdown.contains("**route**"), "{markdown}");

    let completion = lsp.result("textDocument/completion", support::at(&functions, 4, 15));
    let labels = labels(&completion);
    assert!(labels.contains(&"$connect"), "{labels:?}");

    // A YAML file no config includes gets nothing.
    let other = project.write("other.yml", "route: x\n");
    lsp.notify("textDocument/didOpen", open_params(&other, 1, "route: x\n"));
    assert_eq!(
        lsp.result("textDocument/hover", support::at(&other, 0, 2)),
        Value::Null
    );
    assert!(lsp.shutdown().success());
}
