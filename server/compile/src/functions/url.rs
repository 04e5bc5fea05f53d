//! A function's URL (`url:`): the `AWS::Lambda::Url`, its output, and the public-invoke
//! permission when the URL has no IAM authorizer.

use crate::json_literal::json;
use serde_json::{Map, Value};
use sls_model::value::{self, Loaded};

use super::{Function, Part};
use crate::naming;
use crate::plan::{NewItem, Origin, Part as PlanPart, Plan};
use crate::render::Render;

/// The headers a URL's CORS allows when it lists none.
const DEFAULT_HEADERS: &[&str] = &[
    "Content-Type",
    "X-Amz-Date",
    "Authorization",
    "X-Api-Key",
    "X-Amz-Security-Token",
    "X-Amzn-Trace-Id",
];

fn is_iam(function: &Function<'_>) -> bool {
    function
        .get("url")
        .and_then(|url| value::get(url, "authorizer"))
        .and_then(value::string)
        .is_some_and(|a| a == "aws_iam")
}

pub(super) fn plan(plan: &mut Plan<'_>, index: usize) {
    let function = &plan.functions[index];
    let Some(url) = function.truthy("url") else {
        return;
    };
    let source = url.id;
    let origin = Origin::Function(index);
    let id = naming::function_url_id(&function.key);
    let iam = is_iam(function);
    let permission = naming::function_url_permission_id(&function.key);
    plan.push(
        NewItem::resource(id.clone(), "AWS::Lambda::Url", origin, source),
        PlanPart::Function(Part::Url(index)),
    );
    plan.push(
        NewItem::output(id, origin, source),
        PlanPart::Function(Part::UrlOutput(index)),
    );
    if !iam {
        plan.push(
            NewItem::resource(permission, "AWS::Lambda::Permission", origin, source),
            PlanPart::Function(Part::UrlPermission(index)),
        );
    }
}

fn alias_dependency(function: &Function<'_>) -> Option<Value> {
    function
        .alias
        .as_ref()
        .map(|a| Value::String(a.logical_id.clone()))
}

pub(super) fn render_url(rx: &mut Render<'_, '_>, index: usize) {
    let function = &rx.plan.functions[index];
    let Some(url) = function.truthy("url") else {
        return;
    };
    let mut properties = Map::new();
    properties.insert(
        "AuthType".into(),
        if is_iam(function) { "AWS_IAM" } else { "NONE" }.into(),
    );
    properties.insert("TargetFunctionArn".into(), function.invoke_target());
    if let Some(cors) = value::truthy_opt(value::get(url, "cors")) {
        properties.insert("Cors".into(), url_cors(rx, cors));
    }
    if value::get(url, "invokeMode")
        .and_then(value::string)
        .is_some_and(|m| m == "RESPONSE_STREAM")
    {
        properties.insert("InvokeMode".into(), "RESPONSE_STREAM".into());
    }
    let mut resource = Map::new();
    resource.insert("Type".into(), "AWS::Lambda::Url".into());
    resource.insert("Properties".into(), Value::Object(properties));
    if let Some(alias) = alias_dependency(function) {
        resource.insert("DependsOn".into(), alias);
    }
    rx.template.set_resource(
        &naming::function_url_id(&function.key),
        Value::Object(resource),
    );
}

/// The URL's `Cors`: each list as given (duplicates dropped) or the default, `null` removing
/// a default list; `MaxAge` copied.
fn url_cors(rx: &mut Render<'_, '_>, cors: sls_syntax::Node<'_>) -> Value {
    let mut out = Map::new();
    let credentials = value::get(cors, "allowCredentials").is_some_and(value::truthy);
    out.insert(
        "AllowCredentials".into(),
        if credentials {
            Value::Bool(true)
        } else {
            Value::Null
        },
    );
    let list = |rx: &mut Render<'_, '_>, key: &str, default: Option<Vec<Value>>| -> Value {
        match value::get(cors, key) {
            Some(node) if value::truthy(node) => match rx.json(node) {
                Value::Array(items) => Value::Array(unique(items)),
                other => other,
            },
            Some(node) if value::loaded(node) == Loaded::Null => Value::Null,
            _ => default.map_or(Value::Null, Value::Array),
        }
    };
    let headers = list(
        rx,
        "allowedHeaders",
        Some(DEFAULT_HEADERS.iter().map(|h| Value::from(*h)).collect()),
    );
    let methods = list(rx, "allowedMethods", Some(vec!["*".into()]));
    let origins = list(rx, "allowedOrigins", Some(vec!["*".into()]));
    let exposed = list(rx, "exposedResponseHeaders", None);
    out.insert("AllowHeaders".into(), headers);
    out.insert("AllowMethods".into(), methods);
    out.insert("AllowOrigins".into(), origins);
    out.insert("ExposeHeaders".into(), exposed);
    let max_age = rx
        .json_opt(value::get(cors, "maxAge"))
        .unwrap_or(Value::Null);
    out.insert("MaxAge".into(), max_age);
    Value::Object(out)
}

/// `_.uniq`: the first of equal items.
fn unique(items: Vec<Value>) -> Vec<Value> {
    let mut out: Vec<Value> = Vec::with_capacity(items.len());
    for item in items {
        if !out.contains(&item) {
            out.push(item);
        }
    }
    out
}

pub(super) fn render_output(rx: &mut Render<'_, '_>, index: usize) {
    let function = &rx.plan.functions[index];
    let id = naming::function_url_id(&function.key);
    rx.template.set_output(
        &id,
        json!({ "Description": "Lambda Function URL", "Value": { "Fn::GetAtt": [&id, "FunctionUrl"] } }),
    );
}

pub(super) fn render_permission(rx: &mut Render<'_, '_>, index: usize) {
    let function = &rx.plan.functions[index];
    let mut resource = Map::new();
    resource.insert("Type".into(), "AWS::Lambda::Permission".into());
    resource.insert(
        "Properties".into(),
        json!({
            "FunctionName": function.invoke_target(),
            "Action": "lambda:InvokeFunctionUrl",
            "Principal": "*",
            "FunctionUrlAuthType": "NONE"
        }),
    );
    if let Some(alias) = alias_dependency(function) {
        resource.insert("DependsOn".into(), alias);
    }
    rx.template.set_resource(
        &naming::function_url_permission_id(&function.key),
        Value::Object(resource),
    );
}
