//! Hover at `$0`: the hovered word's range and its Markdown.

mod support;

use insta::assert_snapshot;
use sls_analysis::{Analysis, NoFiles};
use sls_syntax::TextSize;

fn hover(fixture: &str) -> String {
    let (text, at) = sls_test_support::cursor(fixture);
    let analysis = Analysis::new(&text, &NoFiles);
    match analysis.hover(at) {
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

        A Lambda REQUEST authorizer for this route, a function name of this service, a Lambda ARN, or an object with `name` or `arn` and `identitySource`. API Gateway supports authorizers only on the `$connect` route.
    "#);
}

#[test]
fn identity_source_key() {
    assert_snapshot!(hover(&format!("{WS}          route: $connect\n          authorizer:\n            name: auth\n            $0identitySource: route.request.header.Auth\n")), @r#"
        [identitySource]
        **identitySource** — list of strings

        Where the caller's credentials are read. Default `route.request.header.Auth`. API Gateway refuses the connection with 401 unless every listed source is present (a header and a query string are both required).
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

        Where the caller's credentials are read. Default `route.request.header.Auth`. API Gateway refuses the connection with 401 unless every listed source is present (a header and a query string are both required).
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

        The route key this function handles, `$connect`, `$disconnect`, `$default`, or a custom key matched against the value selected by `provider.websocketsApiRouteSelectionExpression`. Custom keys cannot start with `$`; each route key may be used by one event only.

        Required.
    "#);
    assert_snapshot!(hover("functions:\n  f:\n    events:\n      - websocket: $disconnect$0\n"), @r#"
        [$disconnect]
        **`$disconnect`** — predefined websocket route

        Called after a client disconnects, on a best-effort basis (it may not be called in some situations).

        ---

        **websocket** — string or object

        An API Gateway websocket route, `- websocket: $connect` or an object with `route`, `routeResponseSelectionExpression` and `authorizer`.

        Required.
    "#);
    assert_snapshot!(hover("functions:\n  f:\n    events:\n      - websocket: $0$default\n"), @r#"
        [$default]
        **`$default`** — predefined websocket route

        Called for messages whose selected value matches no route key (or that are not JSON).

        ---

        **websocket** — string or object

        An API Gateway websocket route, `- websocket: $connect` or an object with `route`, `routeResponseSelectionExpression` and `authorizer`.

        Required.
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

        The route key this function handles, `$connect`, `$disconnect`, `$default`, or a custom key matched against the value selected by `provider.websocketsApiRouteSelectionExpression`. Custom keys cannot start with `$`; each route key may be used by one event only.

        Required.
    "#);
}

#[test]
fn route_response_selection_expression() {
    assert_snapshot!(hover(&format!("{WS}          route: x\n          routeResponse$0SelectionExpression: $default\n")), @r#"
        [routeResponseSelectionExpression]
        **routeResponseSelectionExpression** — string

        Turns on two-way communication. What the handler returns (its `body`) is sent back to the client through a route response. Only `$default` is supported.

        Allowed values: `$default`.
    "#);
    assert_snapshot!(hover(&format!("{WS}          route: x\n          routeResponseSelectionExpression: $def$0ault\n")), @r#"
        [$default]
        **`$default`** — Send the handler's response back to the client.

        ---

        **routeResponseSelectionExpression** — string

        Turns on two-way communication. What the handler returns (its `body`) is sent back to the client through a route response. Only `$default` is supported.

        Allowed values: `$default`.
    "#);
}

#[test]
fn event_type_keys() {
    assert_snapshot!(hover("functions:\n  f:\n    events:\n      - web$0socket: $connect\n"), @r#"
        [websocket]
        **websocket** — event type

        An API Gateway websocket route, `- websocket: $connect` or an object with `route`, `routeResponseSelectionExpression` and `authorizer`.
    "#);
    assert_snapshot!(hover("functions:\n  f:\n    events:\n      - ht$0tp: GET /\n"), @r#"
        [http]
        **http** — event type

        A REST API (API Gateway v1) endpoint, `GET /users/{id}` or an object with `path`, `method`, `cors`, `authorizer`, ... Integration timeout 29 seconds.
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

        A Lambda REQUEST authorizer for this route, a function name of this service, a Lambda ARN, or an object with `name` or `arn` and `identitySource`. API Gateway supports authorizers only on the `$connect` route.
    "#);
}

#[test]
fn level_values_and_provider_keys() {
    let logs = "provider:\n  logs:\n    websocket:\n";
    assert_snapshot!(hover(&format!("{logs}      level: ER$0ROR\n")), @r#"
        [ERROR]
        **`ERROR`** — Log only failed executions.

        ---

        **level** — string

        The execution log level of the websocket stage. Default `INFO`.

        Allowed values: `INFO`, `ERROR`.
    "#);
    assert_snapshot!(hover(&format!("{logs}      le$0vel: INFO\n")), @r#"
        [level]
        **level** — string

        The execution log level of the websocket stage. Default `INFO`.

        Allowed values: `INFO`, `ERROR`.
    "#);
    assert_snapshot!(hover("provider:\n  apiGateway:\n    websocketApi$0Id: abc\n"), @r#"
        [websocketApiId]
        **websocketApiId** — string or object

        Attach the websocket routes to an existing API (an id or a CloudFormation reference) instead of creating one. The framework then creates no API, stage or logs, and adds no `execute-api:ManageConnections` permission.

        Limits: at least 1 characters.
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

#[test]
fn a_variable_shows_its_value_and_where_it_comes_from() {
    check(
        "custom:\n  route: $disconnect\nfunctions:\n  f:\n    handler: h.f\n    events:\n      - websocket: ${self:cus$0tom.route}\n",
        "[${self:custom.route}]\n**`${self:custom.route}`**\n\nresolves to `$disconnect` — from `self:custom.route`, line 2",
    );
    check(
        "custom:\n  a: ${opt:st$0age, 'dev'}\n",
        "[${opt:stage, 'dev'}]\n**`${opt:stage, 'dev'}`**\n\nresolves to `\"dev\"` — from `'dev'`",
    );
    check(
        "custom:\n  a: x-${self:custom.list}-${sls:st$0age}\n  list: [1, 2]\n",
        "[${sls:stage}]\n**`${sls:stage}`**\n\nresolves to `\"dev\"` — from `sls:stage`",
    );
    check(
        "custom:\n  a: ${self:cus$0tom.obj}\n  obj: {x: 1, y: 2}\n",
        "[${self:custom.obj}]\n**`${self:custom.obj}`**\n\nresolves to a mapping (`x`, `y`) — from `self:custom.obj`, line 3",
    );
}

#[test]
fn a_nested_variable_is_hovered_on_its_own() {
    check(
        "custom:\n  a: ${self:custom.${opt:re$0gion, 'b'}}\n  b: 1\n",
        "[${opt:region, 'b'}]\n**`${opt:region, 'b'}`**\n\nresolves to `\"b\"` — from `'b'`",
    );
}

#[test]
fn an_unresolved_variable_says_why() {
    check(
        "custom:\n  a: ${ssm:/x$0}\n",
        "[${ssm:/x}]\n**`${ssm:/x}`**\n\nnot resolved: `ssm:/x` is only known to AWS at deploy time",
    );
    check(
        "custom:\n  a: ${self:no$0pe}\n",
        "[${self:nope}]\n**`${self:nope}`**\n\nnot resolved (SLS401): `self:nope` does not exist in this config, and the variable has no fallback",
    );
    check(
        "custom:\n  a: ${file(./x.j$0s):v}\n",
        "[${file(./x.js):v}]\n**`${file(./x.js):v}`**\n\nnot resolved: `./x.js` is a script the framework runs; serverless-ls never executes code",
    );
}

#[test]
fn environment_values_are_not_shown() {
    let text = "custom:\n  a: ${env:PATH}\n";
    struct Env;
    impl sls_analysis::Host for Env {
        fn read_file(&self, _: &str) -> sls_analysis::FileRead {
            sls_analysis::FileRead::NotFound
        }
        fn env(&self, _: &str) -> Option<String> {
            Some("s3cr3t".to_owned())
        }
    }
    let mut environment = sls_analysis::Environment::isolated(&NoFiles);
    environment.host = &Env;
    let analysis = Analysis::in_environment(text, &environment);
    let hover = analysis.hover(TextSize::from(16)).expect("hover");
    assert!(!hover.markdown.contains("s3cr3t"), "{}", hover.markdown);
    assert!(hover.markdown.contains("not shown"), "{}", hover.markdown);
}

#[test]
fn functions_key_counts_the_resources() {
    let text = "service: s\nprovider:\n  name: aws\nfunc$0tions:\n  a:\n    handler: h.a\n    events:\n      - sqs: arn:aws:sqs:us-east-1:1:q\n  b:\n    handler: h.b\n";
    let shown = hover(text);
    assert!(shown.starts_with("[functions]"), "{shown}");
    // The deployment bucket, its policy and the role; each function's function, version and
    // log group; the queue's mapping.
    assert!(
        shown.contains("has **10** resources of the 500 one CloudFormation stack allows (7 from the 2 functions and their events)"),
        "{shown}"
    );
    let with_plugin = text.replace("      - sqs:", "      - fromPlugin: x\n      - sqs:");
    let shown = hover(&with_plugin.replace("service: s\n", "service: s\nplugins: [p]\n"));
    assert!(shown.contains("at least **10**"), "{shown}");
}
