//! Completion and hover in the middle of every event type and provider/function area: each
//! offers the schema's keys there, each with documentation, and hover explains the key.

use sls_analysis::{Analysis, NoFiles};

use sls_test_support::cursor as at;

/// Completion at `$0`: labels, each asserted to carry docs.
fn labels(fixture: &str) -> Vec<String> {
    let (text, offset) = at(fixture);
    let analysis = Analysis::new(&text, &NoFiles);
    let items = analysis.completions(offset);
    for item in &items {
        let docs = item.documentation.as_deref().unwrap_or_default();
        assert!(
            docs.len() > item.label.len() + 10,
            "{} has no docs in {fixture:?}",
            item.label
        );
    }
    items.into_iter().map(|i| i.label).collect()
}

fn hover(fixture: &str) -> String {
    let (text, offset) = at(fixture);
    Analysis::new(&text, &NoFiles)
        .hover(offset)
        .map(|h| h.markdown)
        .unwrap_or_default()
}

/// An event with one key written, a new key being typed after it and another key below.
fn event(kind: &str, first: &str, last: &str) -> String {
    format!("service: svc\nprovider:\n  name: aws\nfunctions:\n  f:\n    handler: h.f\n    events:\n      - {kind}:\n          {first}\n          $0\n          {last}\n")
}

#[test]
fn every_event_type_completes_and_hovers_its_keys() {
    let cases: &[(&str, &str, &str, &[&str])] = &[
        (
            "http",
            "path: /users",
            "method: get",
            &["cors", "authorizer", "request", "integration", "private"],
        ),
        ("httpApi", "path: /users", "method: get", &["authorizer"]),
        (
            "sqs",
            "arn: arn:aws:sqs:us-east-1:123456789012:q",
            "enabled: true",
            &["batchSize", "maximumBatchingWindow", "functionResponseType"],
        ),
        (
            "sns",
            "topicName: orders",
            "displayName: Orders",
            &["filterPolicy", "redrivePolicy", "arn"],
        ),
        (
            "stream",
            "arn: arn:aws:dynamodb:us-east-1:123456789012:table/t/stream/x",
            "enabled: true",
            &["batchSize", "startingPosition", "destinations"],
        ),
        (
            "schedule",
            "rate: [rate(5 minutes)]",
            "enabled: true",
            &["input", "name", "method", "timezone"],
        ),
        (
            "s3",
            "bucket: photos",
            "existing: true",
            &["event", "rules", "forceDeploy"],
        ),
        (
            "eventBridge",
            "eventBus: orders",
            "enabled: true",
            &["pattern", "schedule", "retryPolicy", "deadLetterQueueArn"],
        ),
        (
            "alb",
            "listenerArn: arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/a/b/c",
            "priority: 1",
            &["conditions", "healthCheck", "multiValueHeaders"],
        ),
        (
            "cognitoUserPool",
            "pool: users",
            "existing: true",
            &["trigger", "forceDeploy"],
        ),
        (
            "iot",
            "sql: \"SELECT * FROM 'a'\"",
            "enabled: true",
            &["sqlVersion", "name", "description"],
        ),
        (
            "kafka",
            "topic: orders",
            "enabled: true",
            &[
                "bootstrapServers",
                "accessConfigurations",
                "batchSize",
                "startingPosition",
            ],
        ),
    ];
    for (kind, first, last, expected) in cases {
        let fixture = event(kind, first, last);
        let offered = labels(&fixture);
        for key in *expected {
            assert!(
                offered.iter().any(|l| l == key),
                "{kind}: {key} missing from {offered:?}"
            );
        }
        let first_key = first.split(':').next().unwrap_or_default();
        assert!(
            !offered.iter().any(|l| l == first_key),
            "{kind}: {first_key} is already there"
        );
        let hovered = hover(
            &event(kind, &format!("{}$0{}", &first[..1], &first[1..]), last).replacen(
                "\n          $0\n",
                "\n",
                1,
            ),
        );
        assert!(
            hovered.starts_with(&format!("**{first_key}**")),
            "{kind}: {hovered}"
        );
        assert!(hovered.len() > 40, "{kind}: {hovered}");
    }
}

/// A provider area with one key written and a new one being typed.
fn provider(area: &str, first: &str) -> String {
    format!("service: svc\nprovider:\n  name: aws\n  {area}:\n    {first}\n    $0\n")
}

#[test]
fn provider_areas_complete_and_hover() {
    let cases: &[(&str, &str, &[&str])] = &[
        (
            "iam",
            "deploymentRole: arn:aws:iam::123456789012:role/deploy",
            &["role"],
        ),
        ("vpc", "subnetIds: [subnet-1]", &["securityGroupIds"]),
        (
            "apiGateway",
            "minimumCompressionSize: 1024",
            &["apiKeys", "resourcePolicy", "binaryMediaTypes", "usagePlan"],
        ),
        (
            "httpApi",
            "name: api",
            &["cors", "authorizers", "payload", "metrics"],
        ),
        (
            "logs",
            "frameworkLambda: true",
            &["restApi", "httpApi", "websocket"],
        ),
        ("tracing", "lambda: true", &["apiGateway"]),
        (
            "deploymentBucket",
            "name: my-bucket",
            &[
                "serverSideEncryption",
                "blockPublicAccess",
                "maxPreviousDeploymentArtifacts",
            ],
        ),
        ("ecr", "scanOnPush: true", &["images"]),
    ];
    for (area, first, expected) in cases {
        let offered = labels(&provider(area, first));
        for key in *expected {
            assert!(
                offered.iter().any(|l| l == key),
                "provider.{area}: {key} missing from {offered:?}"
            );
        }
        let hovered = hover(&format!(
            "service: svc\nprovider:\n  name: aws\n  {}$0{}:\n    {first}\n",
            &area[..1],
            &area[1..]
        ));
        assert!(
            hovered.starts_with(&format!("**{area}**")),
            "{area}: {hovered}"
        );
    }
    let environment =
        hover("service: svc\nprovider:\n  name: aws\n  envi$0ronment:\n    STAGE: dev\n");
    assert!(
        environment.contains("Environment variables"),
        "{environment}"
    );
    let iam_role = labels("provider:\n  name: aws\n  iam:\n    role:\n      name: r\n      $0\n");
    for key in [
        "statements",
        "managedPolicies",
        "permissionsBoundary",
        "path",
        "tags",
    ] {
        assert!(iam_role.iter().any(|l| l == key), "iam.role: {key} missing");
    }
}

#[test]
fn function_areas_complete_and_hover() {
    let function = |body: &str| {
        format!("service: svc\nprovider:\n  name: aws\nfunctions:\n  f:\n    handler: h.f\n{body}")
    };
    let url = labels(&function(
        "    url:\n      invokeMode: BUFFERED\n      $0\n",
    ));
    assert!(
        url.contains(&"cors".to_owned()) && url.contains(&"authorizer".to_owned()),
        "{url:?}"
    );
    let destinations = labels(&function(
        "    destinations:\n      onSuccess: other\n      $0\n",
    ));
    assert_eq!(destinations, ["onFailure"]);
    let vpc = labels(&function(
        "    vpc:\n      subnetIds: [subnet-1]\n      $0\n",
    ));
    assert_eq!(vpc, ["securityGroupIds"]);
    let keys = labels(&function("    $0\n    memorySize: 512\n"));
    for key in [
        "url",
        "destinations",
        "layers",
        "vpc",
        "timeout",
        "environment",
        "reservedConcurrency",
        "snapStart",
    ] {
        assert!(keys.iter().any(|l| l == key), "{key} missing");
    }
    for key in ["url", "destinations", "layers", "vpc", "timeout"] {
        let hovered = hover(&function(&format!("    {}$0{}: x\n", &key[..1], &key[1..])));
        assert!(
            hovered.starts_with(&format!("**{key}**")),
            "{key}: {hovered}"
        );
    }
    let invoke = labels(&function("    url:\n      invokeMode: $0\n"));
    assert_eq!(invoke, ["BUFFERED", "RESPONSE_STREAM"]);
    let value = hover(&function("    url:\n      invokeMode: RESPONSE_$0STREAM\n"));
    assert!(value.contains("streamed"), "{value}");
}

#[test]
fn values_in_the_middle_of_events_have_docs() {
    let fixture = "functions:\n  f:\n    handler: h.f\n    events:\n      - stream:\n          arn: x\n          startingPosition: $0\n          batchSize: 10\n";
    assert_eq!(labels(fixture), ["LATEST", "TRIM_HORIZON", "AT_TIMESTAMP"]);
    let trigger = labels("functions:\n  f:\n    events:\n      - cognitoUserPool:\n          pool: p\n          trigger: Pre$0\n");
    assert!(trigger.contains(&"PreSignUp".to_owned()), "{trigger:?}");
    let runtime = hover("provider:\n  name: aws\n  runtime: nodejs2$00.x\n");
    assert!(runtime.contains("Node.js 20"), "{runtime}");
    let http_method = labels("functions:\n  f:\n    events:\n      - http:\n          path: /a\n          cors:\n            methods:\n              - $0\n");
    assert!(http_method.contains(&"PATCH".to_owned()), "{http_method:?}");
}
