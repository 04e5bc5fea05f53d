//! Rendering the cloudFront step: the cache policies, then for the events the changes to the
//! edge functions' resources, their invoke permissions, the default role's edge trust and log
//! statement, the distribution and its outputs.

use crate::json_literal::json;
use serde_json::{Map, Value};

use super::distribution::{self, coerced_object, CACHE_POLICY_COERCIONS};
use super::Part;
use crate::naming;
use crate::render::Render;

pub(crate) fn render(rx: &mut Render<'_, '_>, part: Part) {
    match part {
        Part::CachePolicy(i) => render_cache_policy(rx, i),
        Part::Edge => render_edge(rx),
    }
}

fn render_cache_policy(rx: &mut Render<'_, '_>, i: usize) {
    let plan = rx.plan;
    let Some((name, node)) = plan.events.cloud_front.policies.get(i) else {
        return;
    };
    let node = plan.node(*node);
    let mut config = Map::new();
    let is_mapping = node.resolve().tag().is_none();
    let data = if is_mapping {
        coerced_object(node, &mut |n| rx.json(n), CACHE_POLICY_COERCIONS)
    } else {
        rx.json(node)
    };
    if let Value::Object(settings) = data {
        config.extend(settings);
    }
    let service = &plan.service;
    config.insert(
        "Name".into(),
        naming::cloudfront_cache_policy_name(&service.name, &service.stage, name).into(),
    );
    rx.template.set_resource(
        &naming::cloudfront_cache_policy_id(name),
        json!({ "Type": "AWS::CloudFront::CachePolicy", "Properties": { "CachePolicyConfig": config } }),
    );
}

/// Strips an edge function's resource of what Lambda@Edge refuses and retains it; the id of
/// the version invoking it (`null` when the framework finds none).
fn prepare_function(rx: &mut Render<'_, '_>, name: &str) -> Value {
    let resources = &mut rx.template.resources;
    let is =
        |resource: &Value, kind: &str| resource.get("Type").and_then(Value::as_str) == Some(kind);
    let function_id = resources
        .trees_mut()
        .find(|(_, r)| {
            is(r, "AWS::Lambda::Function")
                && r.get("Properties").and_then(|p| p.get("FunctionName"))
                    == Some(&Value::from(name))
        })
        .map(|(id, _)| id.clone());
    let Some(function_id) = function_id else {
        return Value::Null;
    };
    if let Some(Value::Object(resource)) = resources.get_mut(&function_id) {
        if let Some(Value::Object(properties)) = resource.get_mut("Properties") {
            properties.shift_remove("VpcConfig");
            properties.shift_remove("Environment");
        }
        resource.insert("DeletionPolicy".into(), "Retain".into());
    }
    resources
        .trees_mut()
        .find(|(_, r)| {
            is(r, "AWS::Lambda::Version")
                && r.get("Properties")
                    .and_then(|p| p.get("FunctionName"))
                    .and_then(|f| f.get("Ref"))
                    == Some(&Value::String(function_id.clone()))
        })
        .map_or(Value::Null, |(id, _)| Value::String(id.clone()))
}

fn render_edge(rx: &mut Render<'_, '_>) {
    let plan = rx.plan;
    let events = &plan.events.cloud_front.events;
    let versions: Vec<Value> = events
        .iter()
        .map(|e| prepare_function(rx, &plan.functions[e.function].name))
        .collect();
    let names: Vec<String> = plan
        .events
        .cloud_front
        .policies
        .iter()
        .map(|(name, _)| name.clone())
        .collect();
    let Ok(built) = distribution::build(plan, events, &versions, &names, &mut |n| rx.json(n))
    else {
        return;
    };
    let source_arn = json!({
        "Fn::Join": ["", [
            "", "arn:", { "Ref": "AWS::Partition" }, ":cloudfront::", { "Ref": "AWS::AccountId" },
            ":distribution/", { "Ref": naming::CLOUDFRONT_DISTRIBUTION_ID }
        ]]
    });
    let mut permissions: Vec<(String, Value)> = Vec::new();
    for (event, version) in events.iter().zip(&versions) {
        let id = naming::lambda_edge_permission_id(&plan.functions[event.function].key);
        let permission = json!({
            "Type": "AWS::Lambda::Permission",
            "Properties": {
                "FunctionName": { "Ref": version },
                "Action": "lambda:InvokeFunction",
                "Principal": "edgelambda.amazonaws.com",
                "SourceArn": &source_arn
            }
        });
        match permissions.iter_mut().find(|(known, _)| *known == id) {
            Some(slot) => slot.1 = permission,
            None => permissions.push((id, permission)),
        }
    }
    for (id, permission) in permissions {
        rx.template.set_resource(&id, permission);
    }
    trust_edge(rx);
    let service = &plan.service;
    let mut config = Map::new();
    config.insert(
        "Comment".into(),
        format!("{} {}", service.name, service.stage).into(),
    );
    config.insert("Enabled".into(), true.into());
    let mut behaviors = built.behaviors.into_iter().map(Value::Object);
    config.insert(
        "DefaultCacheBehavior".into(),
        behaviors.next().unwrap_or(Value::Null),
    );
    config.insert(
        "Origins".into(),
        Value::Array(built.origins.into_iter().map(Value::Object).collect()),
    );
    let rest: Vec<Value> = behaviors.collect();
    if !rest.is_empty() {
        config.insert("CacheBehaviors".into(), Value::Array(rest));
    }
    rx.template.set_resource(
        naming::CLOUDFRONT_DISTRIBUTION_ID,
        json!({ "Type": "AWS::CloudFront::Distribution", "Properties": { "DistributionConfig": config } }),
    );
    rx.template.set_output(
        naming::CLOUDFRONT_DISTRIBUTION_ID,
        json!({ "Description": "CloudFront Distribution Id", "Value": { "Ref": naming::CLOUDFRONT_DISTRIBUTION_ID } }),
    );
    rx.template.set_output(
        naming::CLOUDFRONT_DOMAIN_NAME_OUTPUT_ID,
        json!({
            "Description": "CloudFront Distribution Domain Name",
            "Value": { "Fn::GetAtt": [naming::CLOUDFRONT_DISTRIBUTION_ID, "DomainName"] }
        }),
    );
}

/// The default role, when the stack has it: Lambda@Edge may assume it, and it may write logs
/// in every region.
fn trust_edge(rx: &mut Render<'_, '_>) {
    let assume = rx
        .template
        .resources
        .get_mut(naming::IAM_ROLE_LAMBDA_EXECUTION_ID)
        .and_then(|role| role.pointer_mut("/Properties/AssumeRolePolicyDocument/Statement"))
        .and_then(Value::as_array_mut);
    let Some(statements) = assume else {
        return;
    };
    let trusts_lambda = |statement: &Value| match statement.pointer("/Principal/Service") {
        Some(Value::Array(services)) => services.contains(&Value::from("lambda.amazonaws.com")),
        Some(Value::String(service)) => service.contains("lambda.amazonaws.com"),
        _ => false,
    };
    if let Some(Value::Array(services)) = statements
        .iter_mut()
        .find(|s| trusts_lambda(s))
        .and_then(|s| s.pointer_mut("/Principal/Service"))
    {
        services.push("edgelambda.amazonaws.com".into());
    }
    rx.template.append_statement(json!({
        "Effect": "Allow",
        "Action": ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents", "logs:TagResource"],
        "Resource": [{ "Fn::Sub": "arn:${AWS::Partition}:logs:*:*:*" }]
    }));
}
