//! End-to-end: logical ids in the editor, through the real binary: inlay hints on an oracle
//! fixture and go to definition (authorizer → function, reference → what generates the id and
//! the `resources:` entry), in UTF-16 and UTF-8 columns.

mod support;

use serde_json::{json, Value};
use support::{at, open_params, range_json, Lsp};

/// Each hint as `line:character label`.
fn hints(response: &Value) -> Vec<String> {
    response
        .as_array()
        .expect("hints array")
        .iter()
        .map(|hint| {
            assert!(
                hint["tooltip"]
                    .as_str()
                    .is_some_and(|t| t.contains("resources.Resources")),
                "{hint}"
            );
            format!(
                "{}:{} {}",
                hint["position"]["line"],
                hint["position"]["character"],
                hint["label"].as_str().expect("string label")
            )
        })
        .collect()
}

#[test]
fn inlay_hints_on_the_string_connect_oracle_case() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/oracle/string-connect/serverless.yml");
    let text = std::fs::read_to_string(path).expect("fixture");
    let uri = "untitled:serverless.yml";
    let (mut lsp, _) = Lsp::initialized(json!({}));
    lsp.notify("textDocument/didOpen", open_params(uri, 1, &text));
    lsp.diagnostics(uri);
    let all = lsp.result(
        "textDocument/inlayHint",
        json!({"textDocument": {"uri": uri}, "range": range_json([0, 0, 99, 0])}),
    );
    assert_eq!(
        hints(&all),
        [
            "7:10 → ConnectLambdaFunction",
            "7:10 → ConnectWebsocketsIntegration",
            "10:27 → SconnectWebsocketsRoute",
        ]
    );
    // Only the hints inside the requested range.
    let some = lsp.result(
        "textDocument/inlayHint",
        json!({"textDocument": {"uri": uri}, "range": range_json([9, 0, 10, 99])}),
    );
    assert_eq!(hints(&some), ["10:27 → SconnectWebsocketsRoute"]);
    assert!(lsp.shutdown().success());
}

/// A service with an authorizer and references; the emoji before the `!Ref` makes its UTF-8
/// and UTF-16 columns differ.
const CONFIG: &str = "\
service: chat
provider:
  name: aws
functions:
  auth:
    handler: auth.handler
  on-connect:
    handler: h.connect
    events:
      - websocket:
          route: $connect
          authorizer: auth
resources:
  Resources:
    Queue:
      Type: AWS::SQS::Queue
      DependsOn: [SconnectWebsocketsRoute, Table]
      Properties: {QueueName: {Ref: Table}, Tags: [{Key: '😀', Value: !Ref OnDashconnectLambdaFunction}]}
    Table:
      Type: AWS::DynamoDB::Table
";

/// `[start line, start character, end line, end character]` of each location.
fn locations(response: &Value, uri: &str) -> Vec<[u64; 4]> {
    if response.is_null() {
        return Vec::new();
    }
    response
        .as_array()
        .expect("locations array")
        .iter()
        .map(|location| {
            assert_eq!(location["uri"], uri, "{location}");
            let r = &location["range"];
            let n = |v: &Value| v.as_u64().expect("number");
            [
                n(&r["start"]["line"]),
                n(&r["start"]["character"]),
                n(&r["end"]["line"]),
                n(&r["end"]["character"]),
            ]
        })
        .collect()
}

#[test]
fn definition_of_authorizers_and_references() {
    for (encodings, after_emoji) in [(json!(["utf-16"]), 75), (json!(["utf-8"]), 77)] {
        let uri = "untitled:serverless.yml";
        let (mut lsp, _) = Lsp::initialized(json!({"general": {"positionEncodings": encodings}}));
        lsp.notify("textDocument/didOpen", open_params(uri, 1, CONFIG));
        lsp.diagnostics(uri);
        let mut definition = |line: u32, character: u32| {
            let response = lsp.result("textDocument/definition", at(uri, line, character));
            locations(&response, uri)
        };
        // `authorizer: auth` → the `auth:` function key.
        assert_eq!(definition(11, 24), [[4, 2, 4, 6]]);
        // `DependsOn: [SconnectWebsocketsRoute, …]` → the route.
        assert_eq!(definition(16, 20), [[10, 17, 10, 25]]);
        // `DependsOn: […, Table]` → the `Table:` resource.
        assert_eq!(definition(16, 45), [[18, 4, 18, 9]]);
        // `!Ref OnDashconnectLambdaFunction`, after an emoji → the `on-connect:` key.
        assert_eq!(definition(17, after_emoji + 3), [[6, 2, 6, 12]]);
        // Nothing to go to from a handler.
        assert_eq!(definition(5, 15), Vec::<[u64; 4]>::new());
        assert!(lsp.shutdown().success());
    }
}

#[test]
fn definition_is_advertised() {
    let (lsp, result) = Lsp::initialized(json!({}));
    assert_eq!(result["capabilities"]["definitionProvider"], true);
    assert!(lsp.shutdown().success());
}
