//! Hover at `$0`: the hovered word's range and its Markdown.

mod support;

use insta::assert_snapshot;
use sls_analysis::{Analysis, NoFiles};
use sls_syntax::TextSize;

fn hover(fixture: &str) -> String {
    let at = fixture.find("$0").expect("fixture has a $0 cursor");
    let text = format!("{}{}", &fixture[..at], &fixture[at + 2..]);
    let analysis = Analysis::new(&text, &NoFiles);
    match analysis.hover(TextSize::from(at as u32)) {
        Some(hover) => format!("[{}]\n{}", &text[hover.range], hover.markdown),
        None => "(none)".to_owned(),
    }
}

#[track_caller]
fn check(fixture: &str, expect: &str) {
    assert_eq!(hover(fixture), expect.trim());
}

const WS: &str =
    "functions:\n  connect:\n    handler: h.connect\n    events:\n      - websocket:\n";

#[test]
fn authorizer_key() {
    assert_snapshot!(hover(&format!("{WS}          route: $connect\n          auth$0orizer: auth\n")), @r#"
        [authorizer]
        **authorizer** — string or object

        A Lambda REQUEST authorizer for this route: a function name of this service, a Lambda ARN, or an object with `name` or `arn` and `identitySource`.

        **Limit:** API Gateway supports authorizers only on the `$connect` route of a websocket API.
        "#);
}

#[test]
fn identity_source_key() {
    assert_snapshot!(hover(&format!("{WS}          route: $connect\n          authorizer:\n            name: auth\n            $0identitySource: route.request.header.Auth\n")), @r#"
        [identitySource]
        **identitySource** — list of strings

        Where the caller's credentials are read. API Gateway refuses the connection with 401 unless every listed source is present (listing a header and a query string requires both).

        Default: `route.request.header.Auth`.

        **Limit:** Each entry must start with `route.request.header.`, `route.request.querystring.`, `stageVariables.` or `context.`.
        "#);
}

#[test]
fn identity_source_item() {
    assert_snapshot!(hover(&format!("{WS}          route: $connect\n          authorizer:\n            name: auth\n            identitySource:\n              - route.request.query$0string.token\n")), @r#"
        [route.request.querystring.token]
        **`route.request.querystring.`** — identity source

        A query string parameter, e.g. `route.request.querystring.token`.

        ---

        **identitySource** — list of strings

        Where the caller's credentials are read. API Gateway refuses the connection with 401 unless every listed source is present (listing a header and a query string requires both).

        Default: `route.request.header.Auth`.

        **Limit:** Each entry must start with `route.request.header.`, `route.request.querystring.`, `stageVariables.` or `context.`.
        "#);
}

#[test]
fn predefined_routes() {
    assert_snapshot!(hover(&format!("{WS}          route: $con$0nect\n")), @r#"
        [$connect]
        **`$connect`** — predefined websocket route

        Called when a client connects. The only route that can have an authorizer; rejecting here refuses the connection.

        ---

        **route** — string

        The route key this function handles: `$connect`, `$disconnect`, `$default`, or a custom key matched against the value selected by `provider.websocketsApiRouteSelectionExpression`.

        Required.

        **Limit:** Custom route keys cannot start with `$`; each route key may be used by one event only.
        "#);
    assert_snapshot!(hover("functions:\n  f:\n    events:\n      - websocket: $disconnect$0\n"), @r#"
        [$disconnect]
        **`$disconnect`** — predefined websocket route

        Called after a client disconnects, on a best-effort basis (it may not be called in some situations).
        "#);
    assert_snapshot!(hover("functions:\n  f:\n    events:\n      - websocket: $0$default\n"), @r#"
        [$default]
        **`$default`** — predefined websocket route

        Called for messages whose selected value matches no route key (or that are not JSON).
        "#);
}

#[test]
fn custom_route() {
    assert_snapshot!(hover("provider:\n  websocketsApiRouteSelectionExpression: $request.body.type\nfunctions:\n  f:\n    events:\n      - websocket:\n          route: send$0Message\n"), @r#"
        [sendMessage]
        **`sendMessage`** — custom websocket route

        API Gateway calls it for a message when the route selection expression `$request.body.type` evaluates to `sendMessage` for that message; messages matching no route go to `$default`.

        Logical id: `sendMessageWebsocketsRoute`.

        ---

        **route** — string

        The route key this function handles: `$connect`, `$disconnect`, `$default`, or a custom key matched against the value selected by `provider.websocketsApiRouteSelectionExpression`.

        Required.

        **Limit:** Custom route keys cannot start with `$`; each route key may be used by one event only.
        "#);
}

#[test]
fn route_response_selection_expression() {
    assert_snapshot!(hover(&format!("{WS}          route: x\n          routeResponse$0SelectionExpression: $default\n")), @r#"
        [routeResponseSelectionExpression]
        **routeResponseSelectionExpression** — string

        Turns on two-way communication: what the handler returns (its `body`) is sent back to the client through a route response.

        Allowed values: `$default`.

        **Limit:** Only `$default` is supported.
        "#);
    assert_snapshot!(hover(&format!("{WS}          route: x\n          routeResponseSelectionExpression: $def$0ault\n")), @r#"
        [$default]
        **`$default`** — a value of `routeResponseSelectionExpression`

        ---

        **routeResponseSelectionExpression** — string

        Turns on two-way communication: what the handler returns (its `body`) is sent back to the client through a route response.

        Allowed values: `$default`.

        **Limit:** Only `$default` is supported.
        "#);
}

#[test]
fn event_type_keys() {
    assert_snapshot!(hover("functions:\n  f:\n    events:\n      - web$0socket: $connect\n"), @r#"
        [websocket]
        **websocket** — event type

        An API Gateway websocket route: `- websocket: $connect` or an object with `route`, `routeResponseSelectionExpression` and `authorizer`.
        "#);
    assert_snapshot!(hover("functions:\n  f:\n    events:\n      - ht$0tp: GET /\n"), @r#"
        [http]
        **http** — event type

        An API Gateway REST API (v1) endpoint.
        "#);
}

#[test]
fn function_key() {
    assert_snapshot!(hover("functions:\n  on-con$0nect:\n    handler: src/ws.connect\n    events:\n      - websocket: $connect\n      - http: GET /\n"), @r#"
        [on-connect]
        **on-connect** — function

        Handler: `src/ws.connect`

        Events: `websocket` `$connect`, `http`

        Generated resources: `OnDashconnectLambdaFunction`, `OnDashconnectLogGroup`, `OnDashconnectWebsocketsIntegration`
        "#);
}

#[test]
fn authorizer_value_names_a_function() {
    let fixture = format!("{WS}          route: $connect\n          authorizer: au$0th\n  auth:\n    handler: h.auth\n");
    assert_snapshot!(hover(&fixture), @r#"
        [auth]
        **auth** — function

        Handler: `h.auth`

        Generated resources: `AuthLambdaFunction`, `AuthLogGroup`

        ---

        **authorizer** — string or object

        A Lambda REQUEST authorizer for this route: a function name of this service, a Lambda ARN, or an object with `name` or `arn` and `identitySource`.

        **Limit:** API Gateway supports authorizers only on the `$connect` route of a websocket API.
        "#);
}

#[test]
fn level_values_and_provider_keys() {
    let logs = "provider:\n  logs:\n    websocket:\n";
    assert_snapshot!(hover(&format!("{logs}      level: ER$0ROR\n")), @r#"
        [ERROR]
        **`ERROR`** — a value of `level`

        ---

        **level** — string

        The execution log level of the websocket stage.

        Allowed values: `INFO`, `ERROR`.

        Default: `INFO`.
        "#);
    assert_snapshot!(hover(&format!("{logs}      le$0vel: INFO\n")), @r#"
        [level]
        **level** — string

        The execution log level of the websocket stage.

        Allowed values: `INFO`, `ERROR`.

        Default: `INFO`.
        "#);
    assert_snapshot!(hover("provider:\n  apiGateway:\n    websocketApi$0Id: abc\n"), @r#"
        [websocketApiId]
        **websocketApiId** — string or object

        Attach the websocket routes to an existing API (a string id or a CloudFormation reference) instead of creating one. The framework then creates no API, no stage, no logs and no `execute-api:ManageConnections` permission.
        "#);
}

#[test]
fn nothing_on_unknown_or_blank() {
    check("custom:\n  fo$0o: bar\n", "(none)");
    check("provider:\n  name: aws\n$0\n", "(none)");
    check("# a comm$0ent\nservice: s\n", "(none)");
}

#[test]
fn bench_positions() {
    let bench = support::BenchFile::load("n10");
    let (analysis, text) = (&bench.analysis, &bench.text);
    let at = |name: &str| {
        let offset = bench.offset("hover", name);
        let hover = analysis.hover(offset).expect("a hover");
        let first = hover.markdown.lines().next().unwrap_or_default().to_owned();
        format!("[{}] {first}", &text[hover.range])
    };
    assert_snapshot!(at("logs_websocket_level_key"), @"[level] **level** — string");
    assert_snapshot!(at("routeResponseSelectionExpression_key"), @"[routeResponseSelectionExpression] **routeResponseSelectionExpression** — string");
    assert_snapshot!(at("websocket_event_key"), @"[websocket] **websocket** — event type");
}
