//! Behaviours of the compiler beyond the oracle cases (README 3.4/3.8 rules, coercions,
//! non-websocket settings), and that odd config shapes never panic.

use serde_json::{json, Value};
use sls_compile::CompileOptions;

mod support;

fn compile(
    config: &Value,
    options: &CompileOptions,
) -> Result<Value, Vec<sls_compile::CompileError>> {
    support::compile_json(config, options)
}

fn dev() -> CompileOptions {
    CompileOptions {
        stage: Some("dev".into()),
        region: Some("us-east-1".into()),
    }
}

fn service(functions: Value) -> Value {
    json!({
        "service": "svc",
        "provider": {"name": "aws", "runtime": "nodejs20.x"},
        "functions": functions
    })
}

fn resources(template: &Value) -> &serde_json::Map<String, Value> {
    template["Resources"].as_object().expect("Resources")
}

#[test]
fn same_connect_on_two_functions_keeps_the_first_authorizer_id() {
    let config = service(json!({
        "auth": {"handler": "h.auth"},
        "a": {"handler": "h.a", "events": [{"websocket": {"route": "$connect", "authorizer": "auth"}}]},
        "b": {"handler": "h.b", "events": [{"websocket": "$connect"}]}
    }));
    let t = compile(&config, &dev()).expect("compiles");
    let route = &t["Resources"]["SconnectWebsocketsRoute"]["Properties"];
    assert_eq!(route["AuthorizationType"], "NONE");
    assert_eq!(
        route["AuthorizerId"],
        json!({"Ref": "AuthWebsocketsAuthorizer"})
    );
    assert_eq!(
        route["Target"]["Fn::Join"][1][1],
        json!({"Ref": "BWebsocketsIntegration"})
    );
}

#[test]
fn alias_qualified_arn_authorizer_is_named_after_the_alias() {
    let config = service(json!({
        "c": {"handler": "h.c", "events": [{"websocket": {
            "route": "$connect",
            "authorizer": "arn:aws:lambda:us-east-1:1:function:external-auth:live"
        }}]}
    }));
    let t = compile(&config, &dev()).expect("compiles");
    assert!(resources(&t).contains_key("LiveWebsocketsAuthorizer"));
    assert!(resources(&t).contains_key("LiveLambdaPermissionWebsockets"));
}

#[test]
fn provisioned_authorizer_function_depends_on_its_alias() {
    let config = service(json!({
        "auth": {"handler": "h.auth", "provisionedConcurrency": 2},
        "c": {"handler": "h.c", "events": [{"websocket": {"route": "$connect", "authorizer": {"name": "auth"}}}]}
    }));
    let t = compile(&config, &dev()).expect("compiles");
    let r = resources(&t);
    assert_eq!(
        r["AuthWebsocketsAuthorizer"]["DependsOn"],
        "AuthProvConcLambdaAlias"
    );
    assert_eq!(
        r["AuthLambdaPermissionWebsockets"]["DependsOn"],
        json!([
            "WebsocketsApi",
            "AuthLambdaFunction",
            "AuthProvConcLambdaAlias"
        ])
    );
    assert_eq!(
        r["AuthProvConcLambdaAlias"]["Properties"]["ProvisionedConcurrencyConfig"],
        json!({"ProvisionedConcurrentExecutions": 2})
    );
}

#[test]
fn empty_string_websocket_is_ignored() {
    let config = service(json!({"c": {"handler": "h.c", "events": [{"websocket": ""}]}}));
    let t = compile(&config, &dev()).expect("compiles");
    assert!(!resources(&t).contains_key("WebsocketsApi"));
    assert!(t["Outputs"].get("ServiceEndpointWebsocket").is_none());
}

#[test]
fn version_functions_false_drops_versions_and_their_outputs() {
    let mut config = service(json!({"c": {"handler": "h.c"}}));
    config["provider"]["versionFunctions"] = json!(false);
    let t = compile(&config, &dev()).expect("compiles");
    assert!(!resources(&t).keys().any(|k| k.contains("LambdaVersion")));
    assert!(t["Outputs"].get("CLambdaFunctionQualifiedArn").is_none());
}

#[test]
fn iam_statements_come_before_the_websocket_statement() {
    let mut config =
        service(json!({"c": {"handler": "h.c", "events": [{"websocket": "$connect"}]}}));
    config["provider"]["iam"] = json!({"role": {"statements": [
        {"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": "*"}
    ]}});
    let t = compile(&config, &dev()).expect("compiles");
    let statements = &t["Resources"]["IamRoleLambdaExecution"]["Properties"]["Policies"][0]
        ["PolicyDocument"]["Statement"];
    assert_eq!(statements[2]["Action"], json!(["s3:GetObject"]));
    assert_eq!(
        statements[3]["Action"],
        json!(["execute-api:ManageConnections"])
    );
}

#[test]
fn function_roles_and_custom_names() {
    let config = service(json!({
        "a": {"handler": "h.a", "role": "arn:aws:iam::1:role/x"},
        "b": {"handler": "h.b", "role": "MyRole"},
        "c": {"handler": "h.c", "name": "custom-name"}
    }));
    let t = compile(&config, &dev()).expect("compiles");
    let r = resources(&t);
    assert_eq!(
        r["ALambdaFunction"]["Properties"]["Role"],
        "arn:aws:iam::1:role/x"
    );
    assert_eq!(
        r["BLambdaFunction"]["Properties"]["Role"],
        json!({"Fn::GetAtt": ["MyRole", "Arn"]})
    );
    assert_eq!(
        r["BLambdaFunction"]["DependsOn"],
        json!(["BLogGroup", "MyRole"])
    );
    let create = &r["IamRoleLambdaExecution"]["Properties"]["Policies"][0]["PolicyDocument"]
        ["Statement"][0]["Resource"];
    assert_eq!(create.as_array().map(Vec::len), Some(2));
    assert!(create.to_string().contains("/aws/lambda/custom-name:*"));
}

#[test]
fn stage_and_region_default_to_provider_then_dev() {
    let mut config = service(json!({"c": {"handler": "h.c"}}));
    let t = compile(&config, &CompileOptions::default()).expect("compiles");
    assert_eq!(
        t["Resources"]["CLogGroup"]["Properties"]["LogGroupName"],
        "/aws/lambda/svc-dev-c"
    );
    config["provider"]["stage"] = json!("prod");
    let t = compile(&config, &CompileOptions::default()).expect("compiles");
    assert_eq!(
        t["Resources"]["CLogGroup"]["Properties"]["LogGroupName"],
        "/aws/lambda/svc-prod-c"
    );
}

#[test]
fn odd_shapes_never_panic() {
    let odd = [
        json!(null),
        json!([]),
        json!("text"),
        json!({"functions": []}),
        json!({"functions": {"a": null, "b": 3, "c": []}}),
        json!({"provider": 5, "functions": {"a": {"handler": 1, "events": {"websocket": 1}}}}),
        json!({"functions": {"a": {"handler": "h", "events": [null, 1, "x", [], {"websocket": [1, 2]}]}}}),
        json!({"functions": {"a": {"handler": "h", "events": [
            {"websocket": {"route": {"x": 1}}},
            {"websocket": {"route": "r", "authorizer": [1, 2]}},
            {"websocket": {"route": "r", "authorizer": {"arn": 5}}},
            {"websocket": {"route": "r", "authorizer": {"name": ["a"]}, "routeResponseSelectionExpression": []}},
            {"http": {"path": 5}}, {"http": "GET"}, {"http": {"method": [], "path": "a/{b}//c"}}
        ]}}}),
        json!({"provider": {"logs": {"websocket": {"level": 7}}, "apiGateway": {"websocketApiId": []},
               "tags": [1], "environment": "x", "iam": {"role": {"statements": {"a": 1}}}},
               "functions": {"a": {"handler": "h", "events": [{"websocket": "$connect"}]}},
               "resources": {"Resources": [1], "Outputs": null, "extensions": {"X": 1}}}),
    ];
    for config in odd {
        let _ = compile(&config, &dev());
        let _ = compile(&config, &CompileOptions::default());
    }
}

#[test]
fn errors_point_at_the_config_node() {
    let text = "service: svc\nprovider:\n  name: aws\nfunctions:\n  c:\n    handler: h.c\n    events:\n      - websocket: $connect\n      - websocket:\n          route: x\n          authorizer:\n            name: nope\n";
    let parse = sls_syntax::parse(text);
    let errors = sls_compile::compile(parse.tree.view(), &dev()).expect_err("missing function");
    assert_eq!(
        errors[0].message,
        "Function \"nope\" doesn't exist in this Service"
    );
    let node = errors[0].node.expect("a node");
    let range = parse.tree.view().node(node).range();
    assert_eq!(&text[range], "nope");
}
