//! The document outline: names, kinds, details, and the text of each symbol's ranges.

use insta::assert_snapshot;
use sls_analysis::{Analysis, DocumentSymbol, NoFiles};

fn render(text: &str, symbols: &[DocumentSymbol], depth: usize, out: &mut String) {
    for s in symbols {
        let whole = &text[s.range];
        let first_line = whole.lines().next().unwrap_or_default();
        out.push_str(&format!(
            "{}{} {:?}{} sel={:?} range={:?}{}\n",
            "  ".repeat(depth),
            s.name,
            s.kind,
            s.detail
                .as_deref()
                .map(|d| format!(" ({d})"))
                .unwrap_or_default(),
            &text[s.selection_range],
            first_line,
            if whole.lines().count() > 1 {
                format!(" +{} lines", whole.lines().count() - 1)
            } else {
                String::new()
            },
        ));
        render(text, &s.children, depth + 1, out);
    }
}

#[track_caller]
fn symbols(text: &str) -> String {
    let analysis = Analysis::new(text, &NoFiles);
    let mut out = String::new();
    render(text, &analysis.document_symbols(), 0, &mut out);
    out
}

#[test]
fn functions_with_routes() {
    assert_snapshot!(symbols(r#"provider:
  name: aws
functions:
  auth:
    handler: src/auth.handler
  connect:
    handler: src/ws.connect
    events:
      - websocket:
          route: $connect
          authorizer:
            name: auth
      - websocket: sendMessage
      - http: GET /
  arn:
    handler: src/ws.arn
    events:
      - websocket:
          route: $default
          authorizer: arn:aws:lambda:us-east-1:1:function:a
resources:
  Resources:
    Table:
      Type: AWS::DynamoDB::Table
"#), @r#"
        provider Provider (aws) sel="provider" range="provider:" +1 lines
        auth Function (src/auth.handler) sel="auth" range="auth:" +1 lines
        connect Function (src/ws.connect) sel="connect" range="connect:" +8 lines
          $connect Route (authorizer: auth) sel="$connect" range="websocket:" +3 lines
          sendMessage Route sel="sendMessage" range="websocket: sendMessage"
          http Event sel="http" range="http: GET /"
        arn Function (src/ws.arn) sel="arn" range="arn:" +5 lines
          $default Route (authorizer: arn:aws:lambda:us-east-1:1:function:a) sel="$default" range="websocket:" +2 lines
        resources Resource sel="resources" range="resources:" +3 lines
          Table Resource (AWS::DynamoDB::Table) sel="Table" range="Table:" +1 lines
        "#);
}

#[test]
fn empty_and_broken_documents() {
    assert_snapshot!(symbols(""), @"");
    assert_snapshot!(symbols("functions:\n  a:\n    handler: h.a\n  b: [\n"), @r#"
        a Function (h.a) sel="a" range="a:" +1 lines
        b Function sel="b" range="b: ["
        "#);
}

#[test]
fn parts_a_variable_brings_from_elsewhere_stay_inside_their_parent() {
    // The outline nests by range: a route or events written under `custom:` are not shown
    // where they are defined, inside the function that uses them.
    assert_snapshot!(symbols(r#"custom:
  routes:
    - a: b
    - typing
  events:
    - websocket: $default
functions:
  message:
    handler: h.message
    events:
      - websocket:
          route: ${self:custom.routes.0}
      - websocket: ${self:custom.routes.1}
  fallback:
    handler: h.fallback
    events: ${self:custom.events}
"#), @r#"
        message Function (h.message) sel="message" range="message:" +5 lines
          websocket Route sel="websocket" range="websocket:" +1 lines
          typing Route sel="${self:custom.routes.1}" range="websocket: ${self:custom.routes.1}"
        fallback Function (h.fallback) sel="fallback" range="fallback:" +2 lines
        "#);
}
