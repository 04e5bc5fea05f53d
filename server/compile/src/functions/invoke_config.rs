//! A function's `AWS::Lambda::EventInvokeConfig` (`destinations`, `maximumEventAge`,
//! `maximumRetryAttempts`), and the default role's permission to reach each destination.

use crate::json_literal::json;
use serde_json::{Map, Value};
use sls_model::value::{self, Loaded};
use sls_syntax::Node;

use super::{Function, Part};
use crate::plan::{NewItem, Origin, Part as PlanPart, Plan};
use crate::render::Render;
use crate::{coerced, naming, CompileError, CompileErrorKind};

fn destinations<'a>(function: &Function<'a>) -> Option<Node<'a>> {
    function.truthy("destinations")
}

fn retry_attempts<'a>(function: &Function<'a>) -> Option<Node<'a>> {
    function
        .get("maximumRetryAttempts")
        .filter(|n| value::loaded(*n) != Loaded::Null)
}

pub(super) fn plan(plan: &mut Plan<'_>, index: usize) {
    let function = &plan.functions[index];
    let age = function.truthy("maximumEventAge");
    if destinations(function).is_none() && age.is_none() && retry_attempts(function).is_none() {
        return;
    }
    let source = destinations(function)
        .or(age)
        .or(retry_attempts(function))
        .map_or(function.key_node, |n| n.id);
    let mut errors = Vec::new();
    if let Some(destinations) = destinations(function) {
        for key in ["onSuccess", "onFailure"] {
            let Some(target) = value::truthy_opt(value::get(destinations, key)) else {
                continue;
            };
            if let Some(message) = target_problem(plan, target) {
                errors.push(CompileError::new(
                    CompileErrorKind::InvalidValue,
                    message,
                    Some(target.id),
                ));
            }
        }
    }
    let item = NewItem::resource(
        naming::event_invoke_config_id(&function.key),
        "AWS::Lambda::EventInvokeConfig",
        Origin::Function(index),
        source,
    );
    plan.push(item, PlanPart::Function(Part::EventInvokeConfig(index)));
    for error in errors {
        plan.error(error);
    }
}

/// Why the framework would refuse a destination: a function name it does not know, or an ARN
/// of a kind it cannot give permissions for.
fn target_problem(plan: &Plan<'_>, target: Node<'_>) -> Option<String> {
    let text = value::string(target)?;
    if !text.starts_with("arn:") {
        let known = plan.functions.iter().any(|f| f.key == text);
        return (!known).then(|| format!("Function \"{text}\" doesn't exist in this Service"));
    }
    action_for(&text)
        .is_none()
        .then(|| format!("Unsupported destination target {text}"))
}

/// The action the role needs on a destination given as a string.
fn action_for(target: &str) -> Option<&'static str> {
    if !target.starts_with("arn:") || target.contains(":function:") {
        Some("lambda:InvokeFunction")
    } else if target.contains(":sqs:") {
        Some("sqs:SendMessage")
    } else if target.contains(":sns:") {
        Some("sns:Publish")
    } else if target.contains(":event-bus/") {
        Some("events:PutEvents")
    } else {
        None
    }
}

pub(super) fn render(rx: &mut Render<'_, '_>, index: usize) {
    let plan = rx.plan;
    let function = &plan.functions[index];
    let mut config = Map::new();
    if let Some(destinations) = destinations(function) {
        let handled_externally =
            function.role().is_some() || plan.service.provider_role().is_some();
        for (key, name) in [("onSuccess", "OnSuccess"), ("onFailure", "OnFailure")] {
            let Some(target) = value::truthy_opt(value::get(destinations, key)) else {
                continue;
            };
            let arn = destination_arn(rx, target);
            config.insert(name.into(), json!({ "Destination": arn }));
            // Memoised per destination: a string target is granted once, an object each time.
            let first = match value::loaded(target) {
                Loaded::Object => true,
                _ => rx.done.insert(format!(
                    "destination:{}",
                    value::string(target).unwrap_or_default()
                )),
            };
            if !handled_externally && first {
                let statement = permission(rx, target);
                rx.template.append_statement(statement);
            }
        }
    }
    let mut properties = Map::new();
    properties.insert(
        "FunctionName".into(),
        json!({ "Ref": function.lambda_id() }),
    );
    properties.insert("DestinationConfig".into(), Value::Object(config));
    let qualifier = function.alias.as_ref().map_or("$LATEST", |a| a.name);
    properties.insert("Qualifier".into(), qualifier.into());
    if let Some(age) = function.truthy("maximumEventAge") {
        let age = coerced::number(rx, age);
        properties.insert("MaximumEventAgeInSeconds".into(), age);
    }
    if let Some(attempts) = retry_attempts(function) {
        let attempts = coerced::number(rx, attempts);
        properties.insert("MaximumRetryAttempts".into(), attempts);
    }
    let mut resource = Map::new();
    resource.insert("Type".into(), "AWS::Lambda::EventInvokeConfig".into());
    resource.insert("Properties".into(), Value::Object(properties));
    if let Some(alias) = &function.alias {
        resource.insert("DependsOn".into(), alias.logical_id.clone().into());
    }
    rx.template.set_resource(
        &naming::event_invoke_config_id(&function.key),
        Value::Object(resource),
    );
}

/// A destination's ARN: `{arn}` of an object, an ARN as is, a function of the service.
fn destination_arn(rx: &mut Render<'_, '_>, target: Node<'_>) -> Value {
    if value::loaded(target) == Loaded::Object {
        return rx
            .json_opt(value::get(target, "arn"))
            .unwrap_or(Value::Null);
    }
    let text = value::string(target)
        .map(|t| t.into_owned())
        .unwrap_or_default();
    if text.starts_with("arn:") {
        return Value::String(text);
    }
    match rx.plan.functions.iter().position(|f| f.key == text) {
        Some(f) if rx.done.contains(&super::version::alias_known(f)) => {
            rx.plan.functions[f].invoke_target()
        }
        Some(f) => json!({ "Fn::GetAtt": [rx.plan.functions[f].lambda_id(), "Arn"] }),
        None => Value::Null,
    }
}

/// The statement letting the role reach a destination.
fn permission(rx: &mut Render<'_, '_>, target: Node<'_>) -> Value {
    if value::loaded(target) == Loaded::Object {
        let action = match value::get(target, "type")
            .and_then(value::string)
            .as_deref()
        {
            Some("function") => "lambda:InvokeFunction",
            Some("sqs") => "sqs:SendMessage",
            Some("sns") => "sns:Publish",
            Some("eventBus") => "events:PutEvents",
            _ => "",
        };
        let arn = rx
            .json_opt(value::get(target, "arn"))
            .unwrap_or(Value::Null);
        return json!({ "Effect": "Allow", "Action": action, "Resource": arn });
    }
    let text = value::string(target)
        .map(|t| t.into_owned())
        .unwrap_or_default();
    let action = action_for(&text).unwrap_or_default();
    let resource = if text.starts_with("arn:") {
        Value::String(text)
    } else {
        let name = rx
            .plan
            .functions
            .iter()
            .find(|f| f.key == text)
            .map_or_else(String::new, |f| f.name.clone());
        json!({ "Fn::Sub": format!("arn:${{AWS::Partition}}:lambda:${{AWS::Region}}:${{AWS::AccountId}}:function:{name}") })
    };
    json!({ "Effect": "Allow", "Action": action, "Resource": resource })
}
