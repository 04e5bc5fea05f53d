//! Completion at `$0` in small fixtures: key, value, route, event and snippet items, also in
//! half-typed documents.

mod support;

use insta::assert_snapshot;
use sls_analysis::{apply_edits, Analysis, CompletionItem, NoFiles};
use sls_syntax::TextSize;

use sls_test_support::cursor;

fn complete(fixture: &str) -> (String, Vec<CompletionItem>) {
    let (text, offset) = cursor(fixture);
    let items = Analysis::new(&text, &NoFiles).completions(offset);
    for item in &items {
        assert!(item.documentation.is_some(), "{} has no docs", item.label);
        assert_eq!(
            item.edit.range.end(),
            offset,
            "{} does not end at the cursor",
            item.label
        );
    }
    let mut sorted = items.clone();
    sorted.sort_by(|a, b| a.sort_text.cmp(&b.sort_text));
    assert_eq!(sorted, items, "items come in sort_text order");
    (text, items)
}

fn render(text: &str, items: &[CompletionItem]) -> String {
    items
        .iter()
        .map(|item| {
            let replaced = &text[item.edit.range];
            format!(
                "{} ({:?}{}) {:?} -> {:?}{}",
                item.label,
                item.kind,
                item.detail
                    .as_deref()
                    .map(|d| format!(", {d}"))
                    .unwrap_or_default(),
                replaced,
                item.edit.new_text,
                if item.is_snippet { " snippet" } else { "" },
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[track_caller]
fn check(fixture: &str, expect: &str) {
    let (text, items) = complete(fixture);
    assert_eq!(render(&text, &items), expect.trim());
}

/// Just the labels, for long lists.
#[track_caller]
fn check_labels(fixture: &str, expect: &str) {
    let (_, items) = complete(fixture);
    let labels: Vec<&str> = items.iter().map(|i| i.label.as_str()).collect();
    assert_eq!(labels.join(" "), expect);
}

/// The text after accepting the item labelled `label` (snippets reduced to their text).
#[track_caller]
fn accept(fixture: &str, label: &str) -> String {
    let (text, items) = complete(fixture);
    let item = items
        .iter()
        .find(|i| i.label == label)
        .expect("the item is offered");
    apply_edits(&text, std::slice::from_ref(&item.edit))
}

const WS: &str =
    "functions:\n  connect:\n    handler: h.connect\n    events:\n      - websocket:\n";

#[test]
fn route_value_predefined_and_custom_routes() {
    let fixture = format!(
        r#"{WS}          route: $0
  send:
    handler: h.send
    events:
      - websocket: sendMessage
      - websocket:
          route: sendMessage
      - websocket: joinRoom
"#
    );
    check(
        &fixture,
        r#"
$connect (Value, predefined route) "" -> "$connect"
$disconnect (Value, predefined route) "" -> "$disconnect"
$default (Value, predefined route) "" -> "$default"
sendMessage (Value, custom route of `send`) "" -> "sendMessage"
joinRoom (Value, custom route of `send`) "" -> "joinRoom"
"#,
    );
}

#[test]
fn custom_routes_filtered_by_what_is_typed_and_capped() {
    let fixture = format!(
        "{WS}          route: jR$0\n  b:\n    events:\n      - websocket: joinRoom\n      - websocket: sendMessage\n"
    );
    check_labels(&fixture, "$connect $disconnect $default joinRoom");
    let mut many = format!("{WS}          route: $0\n");
    for i in 0..150 {
        many.push_str(&format!("  f{i}:\n    events:\n      - websocket: r{i}\n"));
    }
    let (_, items) = complete(&many);
    assert_eq!(items.len(), 3 + 100);
    assert_eq!(items[3].label, "r0");
    assert_eq!(items[102].label, "r99");
}

#[test]
fn typed_dollar_is_replaced() {
    let fixture = format!("{WS}          route: $co$0\n");
    let (text, items) = complete(&fixture);
    let item = &items[0];
    assert_eq!(item.label, "$connect");
    assert_eq!(&text[item.edit.range], "$co");
    assert!(!item.is_snippet);
    assert!(accept(&fixture, "$connect").contains("route: $connect\n"));
    assert!(!accept(&fixture, "$connect").contains("$$"));
}

#[test]
fn string_form_route() {
    check_labels(
        "functions:\n  f:\n    events:\n      - websocket: $d$0\n",
        "$connect $disconnect $default",
    );
    let fixture = "functions:\n  f:\n    events:\n      - websocket: $d$0\n";
    assert_snapshot!(accept(fixture, "$disconnect"), @r"
    functions:
      f:
        events:
          - websocket: $disconnect
    ");
}

#[test]
fn websocket_keys_minus_present() {
    check(
        &format!("{WS}          route: $connect\n          $0\n"),
        r#"
routeResponseSelectionExpression (Key, string) "" -> "routeResponseSelectionExpression: $default"
authorizer (Key, string or object) "" -> "authorizer: "
"#,
    );
}

#[test]
fn websocket_keys_after_the_cursor_are_present_too() {
    check_labels(
        &format!("{WS}          rou$0\n          authorizer: auth\n"),
        "route routeResponseSelectionExpression",
    );
}

#[test]
fn partially_typed_key_is_replaced() {
    check(
        &format!("{WS}          rou$0"),
        r#"
route (Key, string) "rou" -> "route: "
routeResponseSelectionExpression (Key, string) "rou" -> "routeResponseSelectionExpression: $default"
authorizer (Key, string or object) "rou" -> "authorizer: "
"#,
    );
}

#[test]
fn key_with_colon_after_cursor_inserts_bare_name() {
    check_labels(
        &format!("{WS}          ro$0: $connect\n"),
        "route routeResponseSelectionExpression authorizer",
    );
    let (_, items) = complete(&format!("{WS}          ro$0: $connect\n"));
    assert_eq!(items[0].edit.new_text, "route");
}

#[test]
fn authorizer_object_keys() {
    check(
        &format!("{WS}          route: $connect\n          authorizer:\n            name: auth\n            $0\n"),
        r#"
arn (Key, string or object) "" -> "arn: "
identitySource (Key, list of strings) "" -> "identitySource:\n  - ${1:route.request.header.Auth}" snippet
"#,
    );
}

#[test]
fn authorizer_function_names() {
    let fixture = format!("{WS}          route: $connect\n          authorizer: $0\n  auth:\n    handler: h.auth\n  other:\n    handler: h.other\n");
    check(
        &fixture,
        r#"
auth (Function, h.auth) "" -> "auth"
other (Function, h.other) "" -> "other"
"#,
    );
}

#[test]
fn authorizer_name_function_names() {
    check_labels(
        &format!("{WS}          route: $connect\n          authorizer:\n            name: au$0\n  auth:\n    handler: h.auth\n"),
        "auth",
    );
}

#[test]
fn identity_source_items() {
    let expect = "route.request.header.Auth route.request.header. route.request.querystring. stageVariables. context.";
    let auth =
        format!("{WS}          route: $connect\n          authorizer:\n            name: auth\n");
    check_labels(
        &format!("{auth}            identitySource:\n              - $0\n"),
        expect,
    );
    check_labels(
        &format!("{auth}            identitySource:\n              - route.req$0\n"),
        expect,
    );
    check_labels(&format!("{auth}            identitySource: $0\n"), expect);
    check_labels(
        &format!("{auth}            identitySource: [route.request.header.Auth, $0\n"),
        expect,
    );
    check(
        &format!("{auth}            identitySource:\n              $0\n"),
        r#"
route.request.header.Auth (Value, default identity source) "" -> "- route.request.header.Auth"
route.request.header. (Value, identity source prefix) "" -> "- route.request.header."
route.request.querystring. (Value, identity source prefix) "" -> "- route.request.querystring."
stageVariables. (Value, identity source prefix) "" -> "- stageVariables."
context. (Value, identity source prefix) "" -> "- context."
"#,
    );
}

#[test]
fn route_response_selection_expression_value() {
    check(
        &format!("{WS}          route: hello\n          routeResponseSelectionExpression: $0\n"),
        r#"
$default (Value, routeResponseSelectionExpression value) "" -> "$default"
"#,
    );
}

#[test]
fn provider_websocket_keys() {
    let (text, items) = complete("provider:\n  name: aws\n  $0\n");
    let pick = |labels: &[&str]| {
        let picked: Vec<CompletionItem> = labels
            .iter()
            .map(|l| items.iter().find(|i| i.label == *l).expect(l).clone())
            .collect();
        render(&text, &picked)
    };
    assert_eq!(
        pick(&[
            "runtime",
            "stage",
            "websocketsApiName",
            "websocketsApiRouteSelectionExpression",
            "websocketsDescription",
            "websocket",
            "logs",
            "apiGateway",
            "logRetentionInDays",
            "memorySize",
            "disableRollback",
        ]),
        r#"
runtime (Key, string) "" -> "runtime: ${1|dotnet6,go1.x,java21,java17,java11,java8,java8.al2,nodejs14.x,nodejs16.x,nodejs18.x,nodejs20.x,provided,provided.al2,provided.al2023,python3.7,python3.8,python3.9,python3.10,python3.11,ruby2.7,ruby3.2|}" snippet
stage (Key, string) "" -> "stage: "
websocketsApiName (Key, string) "" -> "websocketsApiName: "
websocketsApiRouteSelectionExpression (Key, string) "" -> "websocketsApiRouteSelectionExpression: \\$request.body.${1:action}" snippet
websocketsDescription (Key, string) "" -> "websocketsDescription: "
websocket (Key, object) "" -> "websocket:\n  $0" snippet
logs (Key, object) "" -> "logs:\n  $0" snippet
apiGateway (Key, object) "" -> "apiGateway:\n  $0" snippet
logRetentionInDays (Key, number) "" -> "logRetentionInDays: ${1|1,3,5,7,14,30,60,90,120,150,180,365,400,545,731,1827,2192,2557,2922,3288,3653|}" snippet
memorySize (Key, integer) "" -> "memorySize: "
disableRollback (Key, boolean) "" -> "disableRollback: ${1|true,false|}" snippet
"#
        .trim()
    );
    // Every key the AWS provider's schema has, but the one already written.
    let labels: Vec<&str> = items.iter().map(|i| i.label.as_str()).collect();
    for key in [
        "iam",
        "vpc",
        "httpApi",
        "tracing",
        "deploymentBucket",
        "ecr",
        "environment",
        "layers",
        "kmsKeyArn",
        "stackTags",
    ] {
        assert!(labels.contains(&key), "{key} missing");
    }
    assert!(!labels.contains(&"name"));
    // The AWS provider of v3.40 declares 51 keys.
    assert_eq!(items.len(), 50, "{labels:?}");
}

#[test]
fn provider_nested_settings() {
    check_labels("provider:\n  apiGateway:\n    $0\n", "apiKeys apiKeySourceType binaryMediaTypes description disableDefaultEndpoint metrics minimumCompressionSize resourcePolicy restApiId restApiResources restApiRootResourceId request shouldStartNameWithService stage usagePlan websocketApiId");
    check_labels(
        "provider:\n  logs:\n    w$0\n",
        "frameworkLambda httpApi restApi websocket",
    );
    check_labels(
        "provider:\n  logs:\n    websocket:\n      $0\n",
        "accessLogging executionLogging format fullExecutionData level",
    );
    check_labels("provider:\n  websocket:\n    $0\n", "useProviderTags");
}

#[test]
fn provider_values() {
    let logs = "provider:\n  logs:\n    websocket:\n";
    check(
        &format!("{logs}      level: $0\n"),
        r#"
INFO (Value, level value) "" -> "INFO"
ERROR (Value, level value) "" -> "ERROR"
"#,
    );
    check_labels(&format!("{logs}      accessLogging: t$0\n"), "true false");
    check_labels("provider:\n  logs:\n    websocket: $0\n", "true false");
    check(
        "provider:\n  websocketsApiRouteSelectionExpression: $0\n",
        r#"
$request.body.action (Value, websocketsApiRouteSelectionExpression value) "" -> "\\$request.body.${1:action}" snippet
"#,
    );
    check(
        &format!("{logs}      level: \"E$0\n"),
        r#"
INFO (Value, level value) "E" -> "INFO"
ERROR (Value, level value) "E" -> "ERROR"
"#,
    );
}

#[test]
fn key_snippets_for_known_values() {
    let (_, items) = complete("provider:\n  logs:\n    websocket:\n      $0\n");
    let texts: Vec<&str> = items.iter().map(|i| i.edit.new_text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "accessLogging: ${1|true,false|}",
            "executionLogging: ${1|true,false|}",
            "format: ",
            "fullExecutionData: ${1|true,false|}",
            "level: ${1|INFO,ERROR|}",
        ]
    );
}

#[test]
fn event_types_after_dash() {
    let (text, items) = complete("functions:\n  f:\n    handler: h.f\n    events:\n      - $0\n");
    let rendered = render(&text, &items[..4]);
    assert_snapshot!(rendered, @r#"
    schedule (Event, event) "" -> "schedule: "
    schedule (skeleton) (Snippet, schedule event with its usual settings) "" -> "schedule:\n    rate: ${1:rate(5 minutes)}" snippet
    s3 (Event, event) "" -> "s3: "
    s3 (skeleton) (Snippet, s3 event with its usual settings) "" -> "s3:\n    bucket: ${1:bucket}\n    event: ${2:s3:ObjectCreated:*}" snippet
    "#);
    let websocket: Vec<CompletionItem> = items
        .iter()
        .filter(|i| i.label.starts_with("websocket"))
        .cloned()
        .collect();
    assert_snapshot!(render(&text, &websocket), @r#"
    websocket (Event, event) "" -> "websocket: "
    websocket (skeleton) (Snippet, websocket event with its usual settings) "" -> "websocket:\n    route: ${1|\\$connect,\\$disconnect,\\$default|}" snippet
    "#);
    // 22 event types, 20 of them with a skeleton.
    assert_eq!(items.len(), 42);
}

#[test]
fn event_types_partially_typed() {
    let (text, items) = complete("functions:\n  f:\n    events:\n      - webs$0");
    let websocket = items
        .iter()
        .find(|i| i.label == "websocket")
        .expect("websocket offered");
    assert_eq!(&text[websocket.edit.range], "webs");
    assert!(items.iter().all(|i| &text[i.edit.range] == "webs"));
}

#[test]
fn event_types_on_a_new_line_under_events() {
    let (text, items) = complete("functions:\n  f:\n    events:\n      $0\n");
    assert_snapshot!(render(&text, &items[..2]), @r#"
    schedule (Event, event) "" -> "- schedule: "
    schedule (skeleton) (Snippet, schedule event with its usual settings) "" -> "- schedule:\n    rate: ${1:rate(5 minutes)}" snippet
    "#);
}

#[test]
fn events_at_the_same_indentation_as_their_key() {
    check_labels(
        "functions:\n  f:\n    events:\n    - websocket: $connect\n    - websocket:\n        rou$0\n",
        "route routeResponseSelectionExpression authorizer",
    );
}

#[test]
fn function_keys() {
    check_labels(
        "functions:\n  f:\n    handler: h.f\n    $0\n",
        "name events architecture awsKmsKeyArn condition dependsOn description destinations disableLogs environment ephemeralStorageSize fileSystemConfig image kmsKeyArn snapStart layers logRetentionInDays logDataProtectionPolicy maximumEventAge maximumRetryAttempts memorySize onError package provisionedConcurrency reservedConcurrency role runtime runtimeManagement tags timeout tracing url versionFunction vpc httpApi",
    );
}

#[test]
fn root_keys_minus_present() {
    check_labels(
        "service: s\nprovider:\n  name: aws\n$0\n",
        "configValidationMode console custom dashboard deprecationNotificationMode disabledDeprecations frameworkVersion functions package params plugins projectDir useDotenv variablesResolutionMode resources layers org app outputs",
    );
}

#[test]
fn flow_mapping_on_the_line() {
    check_labels(
        "functions:\n  f:\n    events:\n      - websocket: { route: $connect, $0 }\n",
        "routeResponseSelectionExpression authorizer",
    );
    check_labels(
        "functions:\n  f:\n    events:\n      - websocket: { route: $d$0",
        "$connect $disconnect $default",
    );
}

#[test]
fn half_typed_documents() {
    // Cut right after the cursor.
    check_labels(
        &format!("{WS}          route: $c$0"),
        "$connect $disconnect $default",
    );
    // An unclosed flow sequence before the cursor stops the parser there.
    let broken = "provider:\n  tags: [a, b\n  logs:\n    websocket:\n      level: $0\n";
    check_labels(broken, "INFO ERROR");
    // A syntax error on an earlier line.
    let broken = "service: [\nfunctions:\n  f:\n    events:\n      - websocket:\n          $0";
    check_labels(broken, "route routeResponseSelectionExpression authorizer");
    // Custom routes still come from the part of the file that parsed.
    let fixture = "functions:\n  a:\n    events:\n      - websocket: ping\n  b:\n    events:\n      - websocket:\n          route: $0\n          bad: [\n";
    check_labels(fixture, "$connect $disconnect $default ping");
}

#[test]
fn nothing_in_comments_block_scalars_or_closed_values() {
    check(&format!("{WS}          # route: $0\n"), "");
    check(&format!("{WS}          route: $connect # $0\n"), "");
    check("provider:\n  websocketsDescription: |\n    some $0\n", "");
    check(
        "provider:\n  logs:\n    websocket:\n      level: 'INFO' $0\n",
        "",
    );
    check(&format!("{WS}          route:$0\n"), "");
}

#[test]
fn multibyte_text_before_the_cursor() {
    check_labels(
        "provider:\n  logs:\n    websocket: {format: \"😀 日本\", level: $0",
        "INFO ERROR",
    );
    let (text, items) = complete("provider:\n  websocketsDescription: 😀 日本 $0\n");
    assert!(items.is_empty(), "{}", render(&text, &items));
}

#[test]
fn offsets_anywhere_never_panic() {
    let text = "provider:\n  websocketsDescription: 😀\r\n  logs:\n    websocket: {level: [\n";
    let analysis = Analysis::new(text, &NoFiles);
    for offset in 0..=text.len() as u32 + 3 {
        let _ = analysis.completions(TextSize::from(offset));
        let _ = analysis.hover(TextSize::from(offset));
    }
    let empty = Analysis::new("", &NoFiles);
    assert!(empty
        .completions(TextSize::from(5))
        .iter()
        .any(|i| i.label == "provider"));
}

#[test]
fn deterministic() {
    let fixture = format!(
        "{WS}          route: $0\n  b:\n    events:\n      - websocket: x\n      - websocket: y\n"
    );
    let (_, first) = complete(&fixture);
    let (_, second) = complete(&fixture);
    assert_eq!(first, second);
}

#[test]
fn bench_positions() {
    let bench = support::BenchFile::load("n10");
    let analysis = &bench.analysis;
    let at = |name: &str| {
        let offset = bench.offset("completion", name);
        let labels: Vec<String> = analysis
            .completions(offset)
            .into_iter()
            .map(|i| i.label)
            .collect();
        labels.join(" ")
    };
    assert_snapshot!(at("provider_new_key"), @"alb apiGateway apiName architecture cfnRole cloudFront deploymentBucket deploymentPrefix disableRollback endpointType eventBridge httpApi iam iamManagedPolicies iamRoleStatements ecr kmsKeyArn lambdaHashingVersion layers logRetentionInDays logDataProtectionPolicy notificationArns profile role rolePermissionsBoundary rollbackConfiguration runtimeManagement deploymentMethod s3 stackName stackParameters stackPolicy stackTags tags tracing vpc vpcEndpointIds versionFunctions websocket websocketsApiName kinesis");
    assert_snapshot!(at("ws_log_level_value"), @"INFO ERROR");
    assert_snapshot!(at("ws_route_value"), @"$connect $disconnect $default joinRoom4 getItem5 broadcast6 sendMessage7 joinRoom7 getItem8 broadcast9");
    assert_snapshot!(at("ws_event_key"), @"authorizer");
}

#[test]
fn every_offset_and_every_prefix_of_a_real_file() {
    let dir = sls_test_support::fixtures().join("bench/n10-faults");
    let text = std::fs::read_to_string(dir.join("serverless.yml")).expect("bench file");
    let analysis = Analysis::new(&text, &NoFiles);
    for offset in 0..=text.len() as u32 {
        let _ = analysis.completions(TextSize::from(offset));
        let _ = analysis.hover(TextSize::from(offset));
    }
    // Typing the file from the start: complete at the end of every prefix.
    let mut offered = 0;
    for end in (0..=text.len())
        .filter(|end| text.is_char_boundary(*end))
        .step_by(7)
    {
        let prefix = &text[..end];
        let items = Analysis::new(prefix, &NoFiles).completions(TextSize::from(end as u32));
        offered += usize::from(!items.is_empty());
    }
    assert!(
        offered > 50,
        "completion offered at only {offered} prefixes"
    );
}

#[test]
fn crlf_line_endings() {
    let fixture =
        "provider:\r\n  logs:\r\n    websocket:\r\n      level: $0\r\n      format: x\r\n";
    check_labels(fixture, "INFO ERROR");
    let fixture = "provider:\r\n  logs:\r\n    websocket:\r\n      level: INFO\r\n      $0\r\n";
    check_labels(
        fixture,
        "accessLogging executionLogging format fullExecutionData",
    );
}

#[test]
fn authorizer_in_a_flow_mapping() {
    check_labels(
        "functions:\n  a:\n    handler: h.a\n  b:\n    events:\n      - websocket: {route: $connect, authorizer: $0}\n",
        "a",
    );
}

#[test]
fn next_event_item() {
    check_labels(
        &format!("{WS}          route: $connect\n      - ht$0\n"),
        "schedule schedule (skeleton) s3 s3 (skeleton) http http (skeleton) websocket websocket (skeleton) sns sns (skeleton) stream stream (skeleton) kafka kafka (skeleton) activemq activemq (skeleton) rabbitmq rabbitmq (skeleton) msk msk (skeleton) alb alb (skeleton) alexaSkill alexaSmartHome iot iot (skeleton) iotFleetProvisioning iotFleetProvisioning (skeleton) cloudwatchEvent cloudwatchEvent (skeleton) cloudwatchLog cloudwatchLog (skeleton) cognitoUserPool cognitoUserPool (skeleton) eventBridge eventBridge (skeleton) sqs sqs (skeleton) cloudFront cloudFront (skeleton) httpApi httpApi (skeleton)",
    );
}

#[test]
fn no_keys_for_function_names() {
    check("functions:\n  a:\n    handler: h.a\n  $0\n", "");
}
