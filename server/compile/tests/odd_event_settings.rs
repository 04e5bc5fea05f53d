//! Odd shapes of the alb, kafka, msk, activemq, rabbitmq, cloudFront and iotFleetProvisioning
//! settings (the framework only warns about them): compiling gives a template or errors that
//! point at a config node, never a panic; the listing and the template agree on the ids.

mod support;

use serde_json::{json, Value};
use sls_compile::CompileOptions;

fn dev() -> CompileOptions {
    CompileOptions {
        stage: Some("dev".into()),
        region: Some("us-east-1".into()),
    }
}

/// Values a setting can take that its schema does not expect.
fn odd_values() -> Vec<Value> {
    vec![
        Value::Null,
        json!(true),
        json!(0),
        json!(7),
        json!(""),
        json!("text"),
        json!([]),
        json!(["a", 1, null, {"k": "v"}]),
        json!({}),
        json!({"Ref": "X"}),
        json!({"Fn::ImportValue": {"Fn::Sub": "x"}}),
        json!({"nested": {"deeper": [1, 2]}}),
    ]
}

/// A valid event of each type, whose settings are replaced one by one.
fn valid_events() -> Vec<(&'static str, Value)> {
    let listener = "arn:aws:elasticloadbalancing:us-east-1:1:listener/app/lb/abc/def";
    vec![
        (
            "alb",
            json!({"listenerArn": listener, "priority": 1, "conditions": {"path": "/"}, "healthCheck": {"path": "/h"}, "authorizer": "a"}),
        ),
        (
            "kafka",
            json!({"accessConfigurations": {"saslPlainAuth": ["arn:aws:secretsmanager:us-east-1:1:secret:s"]}, "bootstrapServers": ["b:9092"], "topic": "t", "filterPatterns": [{"a": 1}]}),
        ),
        (
            "msk",
            json!({"arn": "arn:aws:kafka:us-east-1:1:cluster/C/id", "topic": "t", "saslScram512": "arn:aws:secretsmanager:us-east-1:1:secret:s"}),
        ),
        (
            "activemq",
            json!({"arn": "arn:aws:mq:us-east-1:1:broker:B:b-1", "basicAuthArn": "arn:aws:secretsmanager:us-east-1:1:secret:s", "queue": "q"}),
        ),
        (
            "rabbitmq",
            json!({"arn": "arn:aws:mq:us-east-1:1:broker:B:b-1", "basicAuthArn": "arn:aws:secretsmanager:us-east-1:1:secret:s", "queue": "q", "virtualHost": "v"}),
        ),
        (
            "cloudFront",
            json!({"eventType": "origin-request", "origin": "https://a.example.com/p", "pathPattern": "/x/*", "behavior": {"Compress": true}, "cachePolicy": {"name": "p"}}),
        ),
        (
            "iotFleetProvisioning",
            json!({"templateBody": {"a": 1}, "provisioningRoleArn": "arn:aws:iam::1:role/r", "templateName": "n"}),
        ),
    ]
}

/// A service with two such events on `f`, and a scalar one on `g` when `with_scalar`.
fn service(kind: &str, event: Value, with_scalar: bool) -> Value {
    let mut config = json!({
        "service": "odd",
        "provider": {
            "name": "aws",
            "runtime": "nodejs20.x",
            "alb": {"authorizers": {"a": {"type": "cognito", "userPoolArn": "arn:aws:cognito-idp:us-east-1:1:userpool/p", "userPoolClientId": "c", "userPoolDomain": "d"}}},
            "cloudFront": {"cachePolicies": {"p": {"DefaultTTL": 1, "MaxTTL": 1, "MinTTL": 1}}}
        },
        "functions": {
            "f": {"handler": "h.h", "events": [{ kind: event.clone() }, { kind: event }]},
            "g": {"handler": "h.h", "events": [{ kind: "scalar" }]}
        }
    });
    if !with_scalar {
        if let Some(functions) = config["functions"].as_object_mut() {
            functions.shift_remove("g");
        }
    }
    config
}

fn check(config: &Value, what: &str) {
    let text = config.to_string();
    let parse = sls_syntax::parse(&text);
    let plan = sls_compile::plan(parse.tree.view(), &dev());
    match plan.render() {
        Ok(template) => {
            let resources = template["Resources"].as_object().expect("Resources");
            for item in plan.listing().resources() {
                assert!(
                    resources.keys().any(|id| item.matches(id)),
                    "{what}: planned {} is not in the template",
                    item.id
                );
            }
        }
        Err(errors) => {
            assert!(!errors.is_empty(), "{what}: no errors");
            for error in errors {
                assert!(error.node.is_some(), "{what}: {error} has no node");
                assert!(!error.message.is_empty(), "{what}: empty message");
            }
        }
    }
}

#[test]
fn odd_settings_never_panic() {
    for (kind, valid) in valid_events() {
        check(
            &service(kind, valid.clone(), true),
            &format!("{kind} valid"),
        );
        for odd in odd_values() {
            check(&service(kind, odd.clone(), true), &format!("{kind}: {odd}"));
            let Value::Object(settings) = &valid else {
                continue;
            };
            for key in settings.keys() {
                let mut changed = settings.clone();
                changed.insert(key.clone(), odd.clone());
                let what = format!("{kind}.{key}: {odd}");
                check(&service(kind, Value::Object(changed), false), &what);
            }
        }
    }
}

#[test]
fn valid_events_compile() {
    for (kind, valid) in valid_events() {
        let mut config = service(kind, valid, false);
        // One event: a second iotFleetProvisioning event on a function is refused.
        if let Some(events) = config["functions"]["f"]["events"].as_array_mut() {
            events.truncate(1);
        }
        let template =
            support::compile_json(&config, &dev()).unwrap_or_else(|e| panic!("{kind}: {e:?}"));
        let resources = template["Resources"].as_object().expect("Resources");
        assert!(resources.len() > 5, "{kind}: {resources:?}");
    }
}
