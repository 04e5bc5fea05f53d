//! `eventBridge` events: per event a rule (on the default bus, a bus the service creates, or
//! an existing one) targeting the function, with its invoke permission; or, when
//! `provider.eventBridge` is set without `useCloudFormation: true`, the framework's
//! `Custom::EventBridge` resources and their custom resource function.

use crate::json_literal::json;
use md5::{Digest, Md5};
use serde_json::{Map, Value};
use sls_model::value::{self, Loaded};
use sls_syntax::{Node, NodeId};

use crate::config_value::small_value;
use crate::custom_resources::{self, Kind};
use crate::plan::{NewItem, Origin, Part as PlanPart, Plan};
use crate::render::Render;
use crate::{js_json, naming, CompileError, CompileErrorKind};

/// One `eventBridge` event.
#[derive(Debug, Clone)]
pub(crate) struct Rule {
    pub function: usize,
    pub node: NodeId,
    /// The event's position in the function's `events`, from 1.
    pub index: usize,
    /// The rule's name (`name`, else made from the function's name and the index).
    pub name: String,
    /// The bus the service creates for it.
    pub creates_bus: Option<String>,
}

#[derive(Debug, Default)]
pub(crate) struct EventBridgePlan {
    pub rules: Vec<Rule>,
}

#[derive(Debug, Clone, Copy)]
pub(crate) enum Part {
    Rule(usize),
    CustomResource(usize),
    CustomResourceFunction,
}

fn part(part: Part) -> PlanPart {
    PlanPart::Event(super::Part::EventBridge(part))
}

/// `<name>-rule-<n>`, hashed to fit 64 characters.
fn rule_name(function_name: &str, index: usize) -> String {
    let name = format!("{function_name}-rule-{index}");
    if name.encode_utf16().count() > 64 {
        return hash_name(&name, &format!("rule-{index}"));
    }
    name
}

/// `<rule>-target`, hashed to fit 64 characters.
fn target_id(rule: &str) -> String {
    let id = format!("{rule}-target");
    if id.encode_utf16().count() > 64 {
        return hash_name(&id, "target");
    }
    id
}

/// The framework's shortening: the start of the name, the md5 (hex) of all of it, the suffix.
fn hash_name(name: &str, suffix: &str) -> String {
    let keep = 31usize.saturating_sub(suffix.encode_utf16().count());
    let head: String = name.chars().take(keep).collect();
    let digest = Md5::digest(name.as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("{head}{hex}-{suffix}")
}

/// Whether the rules go through CloudFormation: without `provider.eventBridge`, or with its
/// `useCloudFormation` set.
fn uses_cloudformation(plan: &Plan<'_>) -> bool {
    match plan.service.provider("eventBridge") {
        Some(options) if value::truthy(options) => {
            value::get(options, "useCloudFormation").is_some_and(value::truthy)
        }
        _ => true,
    }
}

pub(crate) fn plan(plan: &mut Plan<'_>) {
    let cloudformation = uses_cloudformation(plan);
    let mut rules = Vec::new();
    let mut errors = Vec::new();
    for f in 0..plan.functions.len() {
        let events: Vec<(usize, Node<'_>)> = plan.functions[f]
            .events
            .iter()
            .enumerate()
            .filter_map(|(e, event)| Some((e, value::truthy_opt(event.get("eventBridge"))?)))
            .collect();
        for (e, node) in events {
            let index = e + 1;
            let function = &plan.functions[f];
            let get = |key: &str| value::get(node, key);
            let inputs = ["input", "inputPath", "inputTransformer"]
                .iter()
                .filter(|k| get(k).is_some_and(value::truthy))
                .count();
            if inputs > 1 {
                errors.push(CompileError::new(
                    CompileErrorKind::InvalidValue,
                    "You can only set one of input, inputPath, or inputTransformer properties for eventBridge events.",
                    Some(node.id),
                ));
            }
            let bus = get("eventBus").filter(|b| value::truthy(*b));
            if !cloudformation {
                for (key, what) in [
                    ("retryPolicy", "RetryPolicy"),
                    ("deadLetterQueueArn", "DeadLetterConfig"),
                ] {
                    if let Some(found) = get(key).filter(|v| value::truthy(*v)) {
                        errors.push(CompileError::new(
                            CompileErrorKind::InvalidValue,
                            format!("Configuring {what} is not supported for EventBridge integration backed by Custom Resources. Please use \"provider.eventBridge.useCloudFormation\" setting to use native CloudFormation support for EventBridge."),
                            Some(found.id),
                        ));
                    }
                }
                if let Some(bus) = bus.filter(|b| value::loaded(*b) == Loaded::Object) {
                    errors.push(CompileError::new(
                        CompileErrorKind::InvalidValue,
                        "Referencing event bus with CloudFormation intrinsic functions is not supported for EventBridge integration backed by Custom Resources. Please use `provider.eventBridge.useCloudFormation` setting to use native CloudFormation support for EventBridge.",
                        Some(bus.id),
                    ));
                }
            }
            let name = value::truthy_opt(get("name"))
                .and_then(value::string)
                .map_or_else(|| rule_name(&function.name, index), |n| n.into_owned());
            let creates_bus = bus
                .map(small_value)
                .and_then(|b| match b {
                    Value::String(s) if !s.starts_with("arn") && s != "default" => Some(s),
                    _ => None,
                })
                .filter(|_| cloudformation);
            let origin = Origin::Event {
                function: f,
                event: e,
            };
            let key = function.key.clone();
            let function_name = function.name.clone();
            let position = rules.len();
            if cloudformation {
                let mut step = Some(part(Part::Rule(position)));
                if let Some(bus) = &creates_bus {
                    plan.push(
                        NewItem::resource(
                            naming::event_bridge_bus_id(bus),
                            "AWS::Events::EventBus",
                            origin,
                            node.id,
                        ),
                        step.take().unwrap_or(PlanPart::Rendered),
                    );
                }
                let stub = format!("{function_name}-rule-{index}");
                plan.push(
                    NewItem::resource(
                        naming::event_bridge_rule_id(&stub),
                        "AWS::Events::Rule",
                        origin,
                        node.id,
                    ),
                    step.take().unwrap_or(PlanPart::Rendered),
                );
                plan.push(
                    NewItem::resource(
                        naming::event_bridge_permission_id(&key, index),
                        "AWS::Lambda::Permission",
                        origin,
                        node.id,
                    ),
                    PlanPart::Rendered,
                );
            } else {
                plan.push(
                    NewItem::resource(
                        naming::event_bridge_custom_resource_id(&key, index),
                        "Custom::EventBridge",
                        origin,
                        node.id,
                    ),
                    part(Part::CustomResource(position)),
                );
            }
            rules.push(Rule {
                function: f,
                node: node.id,
                index,
                name,
                creates_bus,
            });
        }
    }
    for error in errors {
        plan.error(error);
    }
    if !cloudformation && !rules.is_empty() {
        plan.push_step(part(Part::CustomResourceFunction));
        custom_resources::plan_function(plan, Kind::EventBridge, Origin::Service);
    }
    plan.events.event_bridge = EventBridgePlan { rules };
}

pub(crate) fn render(rx: &mut Render<'_, '_>, part: Part) {
    match part {
        Part::Rule(i) => render_rule(rx, i),
        Part::CustomResource(i) => render_custom_resource(rx, i),
        Part::CustomResourceFunction => render_custom_resource_function(rx),
    }
}

fn setting(rx: &mut Render<'_, '_>, node: Node<'_>, key: &str) -> Option<Value> {
    let found = value::get(node, key).filter(|v| value::truthy(*v))?;
    Some(rx.json(found))
}

/// `inputTransformer` with its keys' first letter upper-cased.
fn input_transformer(rx: &mut Render<'_, '_>, node: Node<'_>) -> Option<Value> {
    match setting(rx, node, "inputTransformer")? {
        Value::Object(map) => Some(Value::Object(
            map.into_iter()
                .map(|(k, v)| (naming::upper_first(&k), v))
                .collect(),
        )),
        other => Some(other),
    }
}

fn render_rule(rx: &mut Render<'_, '_>, i: usize) {
    let plan = rx.plan;
    let rule = &plan.events.event_bridge.rules[i];
    let function = &plan.functions[rule.function];
    let node = plan.node(rule.node);
    let bus_value = setting(rx, node, "eventBus");
    let bus_name = match &bus_value {
        Some(Value::String(s)) if s.starts_with("arn") => Some(Value::String(
            s.split_once('/')
                .map_or(s.as_str(), |(_, rest)| rest)
                .to_owned(),
        )),
        other => other.clone(),
    };
    if let Some(bus) = &rule.creates_bus {
        rx.template.set_resource(
            &naming::event_bridge_bus_id(bus),
            json!({ "Type": "AWS::Events::EventBus", "Properties": { "Name": bus } }),
        );
    }
    let mut target = Map::new();
    target.insert("Arn".into(), function.invoke_target());
    target.insert("Id".into(), target_id(&rule.name).into());
    if let Some(retry) = value::truthy_opt(value::get(node, "retryPolicy")) {
        let age = rx
            .json_opt(value::get(retry, "maximumEventAge"))
            .unwrap_or(Value::Null);
        let attempts = rx
            .json_opt(value::get(retry, "maximumRetryAttempts"))
            .unwrap_or(Value::Null);
        target.insert(
            "RetryPolicy".into(),
            json!({ "MaximumEventAgeInSeconds": age, "MaximumRetryAttempts": attempts }),
        );
    }
    if let Some(arn) = setting(rx, node, "deadLetterQueueArn") {
        target.insert("DeadLetterConfig".into(), json!({ "Arn": arn }));
    }
    if let Some(input) = setting(rx, node, "input") {
        target.insert("Input".into(), js_json::stringify(&input).into());
    } else if let Some(path) = setting(rx, node, "inputPath") {
        target.insert("InputPath".into(), path);
    } else if let Some(transformer) = input_transformer(rx, node) {
        target.insert("InputTransformer".into(), transformer);
    }
    let description = rx
        .json_opt(value::get(node, "description"))
        .unwrap_or(Value::Null);
    let disabled = value::get(node, "enabled").and_then(value::boolean) == Some(false);
    let pattern = rx
        .json_opt(value::get(node, "pattern"))
        .unwrap_or(Value::Null);
    let schedule = rx
        .json_opt(value::get(node, "schedule"))
        .unwrap_or(Value::Null);
    let event_bus = match &bus_name {
        Some(Value::String(s)) if s == "default" => Value::Null,
        Some(other) => other.clone(),
        None => Value::Null,
    };
    let mut resource = Map::new();
    resource.insert("Type".into(), "AWS::Events::Rule".into());
    let depends_on = match &rule.creates_bus {
        Some(bus) => Some(Value::String(naming::event_bridge_bus_id(bus))),
        None => function.alias_id(),
    };
    if let Some(depends_on) = depends_on {
        resource.insert("DependsOn".into(), depends_on);
    }
    resource.insert(
        "Properties".into(),
        json!({
            "Description": description,
            "EventBusName": event_bus,
            "EventPattern": pattern,
            "Name": &rule.name,
            "ScheduleExpression": schedule,
            "State": if disabled { "DISABLED" } else { "ENABLED" },
            "Targets": [target]
        }),
    );
    let stub = format!("{}-rule-{}", function.name, rule.index);
    rx.template.set_resource(
        &naming::event_bridge_rule_id(&stub),
        Value::Object(resource),
    );
    let mut path = vec![json!("rule")];
    if let Some(bus) = bus_name.filter(crate::resources::js_truthy) {
        path.push(bus);
    }
    path.push(json!(&rule.name));
    let mut permission = Map::new();
    permission.insert("Type".into(), "AWS::Lambda::Permission".into());
    if let Some(alias) = function.alias_id() {
        permission.insert("DependsOn".into(), alias);
    }
    permission.insert(
        "Properties".into(),
        json!({
            "Action": "lambda:InvokeFunction",
            "FunctionName": function.invoke_target(),
            "Principal": "events.amazonaws.com",
            "SourceArn": { "Fn::Join": [":", [
                "arn", { "Ref": "AWS::Partition" }, "events", { "Ref": "AWS::Region" },
                { "Ref": "AWS::AccountId" }, { "Fn::Join": ["/", path] }
            ]] }
        }),
    );
    rx.template.set_resource(
        &naming::event_bridge_permission_id(&function.key, rule.index),
        Value::Object(permission),
    );
}

fn render_custom_resource(rx: &mut Render<'_, '_>, i: usize) {
    let plan = rx.plan;
    let rule = &plan.events.event_bridge.rules[i];
    let function = &plan.functions[rule.function];
    let node = plan.node(rule.node);
    let handler = Kind::EventBridge.function_id();
    let bus = rx
        .json_opt(value::get(node, "eventBus"))
        .unwrap_or(Value::Null);
    let schedule = rx
        .json_opt(value::get(node, "schedule"))
        .unwrap_or(Value::Null);
    let pattern = rx
        .json_opt(value::get(node, "pattern"))
        .unwrap_or(Value::Null);
    let input = rx
        .json_opt(value::get(node, "input"))
        .unwrap_or(Value::Null);
    let path = rx
        .json_opt(value::get(node, "inputPath"))
        .unwrap_or(Value::Null);
    let transformer = input_transformer(rx, node).unwrap_or(Value::Null);
    let disabled = value::get(node, "enabled").and_then(value::boolean) == Some(false);
    rx.template.set_resource(
        &naming::event_bridge_custom_resource_id(&function.key, rule.index),
        json!({
            "Type": "Custom::EventBridge",
            "Version": 1,
            "DependsOn": [function.lambda_id(), &handler],
            "Properties": {
                "ServiceToken": { "Fn::GetAtt": [&handler, "Arn"] },
                "FunctionName": &function.name,
                "EventBridgeConfig": {
                    "RuleName": &rule.name,
                    "State": if disabled { "DISABLED" } else { "ENABLED" },
                    "EventBus": bus,
                    "Schedule": schedule,
                    "Pattern": pattern,
                    "Input": input,
                    "InputPath": path,
                    "InputTransformer": transformer
                }
            }
        }),
    );
}

fn render_custom_resource_function(rx: &mut Render<'_, '_>) {
    let plan = rx.plan;
    let mut statements = Vec::new();
    let custom_bus = plan.events.event_bridge.rules.iter().any(|rule| {
        match small_value(plan.node(rule.node)).get("eventBus") {
            Some(Value::String(bus)) => {
                let name = if bus.starts_with("arn") {
                    bus.split_once('/').map_or(bus.as_str(), |(_, rest)| rest)
                } else {
                    bus.as_str()
                };
                !name.is_empty() && name != "default"
            }
            _ => false,
        }
    });
    if custom_bus {
        statements.push(json!({
            "Effect": "Allow",
            "Resource": { "Fn::Join": [":", ["arn", { "Ref": "AWS::Partition" }, "events", { "Ref": "AWS::Region" }, { "Ref": "AWS::AccountId" }, "event-bus/*"]] },
            "Action": ["events:CreateEventBus", "events:DeleteEventBus"]
        }));
    }
    statements.push(json!({
        "Effect": "Allow",
        "Resource": { "Fn::Join": [":", ["arn", { "Ref": "AWS::Partition" }, "events", { "Ref": "AWS::Region" }, { "Ref": "AWS::AccountId" }, "rule/*"]] },
        "Action": ["events:PutRule", "events:RemoveTargets", "events:PutTargets", "events:DeleteRule"]
    }));
    statements.push(json!({
        "Effect": "Allow",
        "Resource": { "Fn::Join": [":", ["arn", { "Ref": "AWS::Partition" }, "lambda", { "Ref": "AWS::Region" }, { "Ref": "AWS::AccountId" }, "function", "*"]] },
        "Action": ["lambda:AddPermission", "lambda:RemovePermission"]
    }));
    custom_resources::add(rx, Kind::EventBridge, statements);
}
