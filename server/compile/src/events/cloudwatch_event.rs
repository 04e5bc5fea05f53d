//! `cloudwatchEvent` events: per event an EventBridge rule on the default bus (its pattern,
//! state, input) targeting the function, and the permission for events to invoke it.

use crate::json_literal::json;
use serde_json::{Map, Value};
use sls_model::value;
use sls_syntax::{Node, NodeId};

use crate::plan::{NewItem, Origin, Part as PlanPart, Plan};
use crate::render::Render;
use crate::{js_json, naming, CompileError, CompileErrorKind};

/// One `cloudwatchEvent` event.
#[derive(Debug, Clone)]
pub(crate) struct Rule {
    pub function: usize,
    pub node: NodeId,
    /// Number of the event among the function's `cloudwatchEvent` events, from 1.
    pub number: usize,
}

pub(crate) fn plan(plan: &mut Plan<'_>) {
    let mut rules = Vec::new();
    let mut errors = Vec::new();
    for f in 0..plan.functions.len() {
        let events: Vec<(usize, Node<'_>)> = plan.functions[f]
            .events
            .iter()
            .enumerate()
            .filter_map(|(e, event)| Some((e, value::truthy_opt(event.get("cloudwatchEvent"))?)))
            .collect();
        for (number, (e, node)) in events.into_iter().enumerate() {
            let number = number + 1;
            let inputs = ["input", "inputPath", "inputTransformer"]
                .iter()
                .filter(|k| value::get(node, k).is_some_and(value::truthy))
                .count();
            if inputs > 1 {
                errors.push(CompileError::new(
                    CompileErrorKind::InvalidValue,
                    "You can only set one of input, inputPath, or inputTransformer properties at the same time for cloudwatch events. Please check the AWS docs for more info",
                    Some(node.id),
                ));
            }
            let key = &plan.functions[f].key;
            let origin = Origin::Event {
                function: f,
                event: e,
            };
            let index = rules.len();
            let rule = naming::cloudwatch_event_rule_id(key, number);
            let permission = naming::cloudwatch_event_permission_id(key, number);
            plan.push(
                NewItem::resource(rule, "AWS::Events::Rule", origin, node.id),
                PlanPart::Event(super::Part::CloudwatchEvent(index)),
            );
            plan.push(
                NewItem::resource(permission, "AWS::Lambda::Permission", origin, node.id),
                PlanPart::Rendered,
            );
            rules.push(Rule {
                function: f,
                node: node.id,
                number,
            });
        }
    }
    for error in errors {
        plan.error(error);
    }
    plan.events.cloudwatch_event = rules;
}

/// Escaped newlines (`\n`, `\r` as written in JSON) dropped, as the framework does.
fn without_escaped_newlines(text: &str) -> String {
    text.replace("\\n", "").replace("\\r", "")
}

pub(crate) fn render(rx: &mut Render<'_, '_>, i: usize) {
    let plan = rx.plan;
    let rule = &plan.events.cloudwatch_event[i];
    let function = &plan.functions[rule.function];
    let node = plan.node(rule.node);
    let get = |key: &str| value::get(node, key);
    let pattern = get("event").map_or(Value::Null, |e| {
        let text = without_escaped_newlines(&js_json::stringify(&rx.json(e)));
        serde_json::from_str(&text).unwrap_or(Value::Null)
    });
    let disabled = get("enabled").and_then(value::boolean) == Some(false);
    let mut properties = Map::new();
    properties.insert("EventPattern".into(), pattern);
    properties.insert(
        "State".into(),
        if disabled { "DISABLED" } else { "ENABLED" }.into(),
    );
    if let Some(description) = value::truthy_opt(get("description")) {
        let description = rx.json(description);
        properties.insert("Description".into(), description);
    }
    if let Some(name) = value::truthy_opt(get("name")) {
        let name = rx.json(name);
        properties.insert("Name".into(), name);
    }
    let mut target = Map::new();
    if let Some(input) = value::truthy_opt(get("input")) {
        let text = match rx.json(input) {
            Value::String(s) => s,
            other => js_json::stringify(&other),
        };
        target.insert("Input".into(), without_escaped_newlines(&text).into());
    }
    if let Some(path) = value::truthy_opt(get("inputPath")) {
        let path = value::string(path)
            .map(|p| p.replace(['\r', '\n'], ""))
            .unwrap_or_default();
        target.insert("InputPath".into(), path.into());
    }
    if let Some(transformer) = value::truthy_opt(get("inputTransformer")) {
        let template = rx
            .json_opt(value::get(transformer, "inputTemplate"))
            .unwrap_or(Value::Null);
        let mut out = Map::new();
        out.insert("InputTemplate".into(), template);
        if let Some(paths) = value::truthy_opt(value::get(transformer, "inputPathsMap")) {
            let paths = rx.json(paths);
            out.insert("InputPathsMap".into(), paths);
        }
        target.insert("InputTransformer".into(), Value::Object(out));
    }
    target.insert("Arn".into(), function.invoke_target());
    target.insert(
        "Id".into(),
        format!("{}CloudWatchEvent", function.key).into(),
    );
    properties.insert("Targets".into(), json!([target]));
    let rule_id = naming::cloudwatch_event_rule_id(&function.key, rule.number);
    let with_alias = |properties: Value, ty: &str| {
        let mut resource = Map::new();
        resource.insert("Type".into(), ty.into());
        if let Some(alias) = function.alias_id() {
            resource.insert("DependsOn".into(), alias);
        }
        resource.insert("Properties".into(), properties);
        Value::Object(resource)
    };
    let permission = with_alias(
        json!({
            "FunctionName": function.invoke_target(),
            "Action": "lambda:InvokeFunction",
            "Principal": "events.amazonaws.com",
            "SourceArn": { "Fn::GetAtt": [&rule_id, "Arn"] }
        }),
        "AWS::Lambda::Permission",
    );
    rx.template.merge_resource(
        &rule_id,
        with_alias(Value::Object(properties), "AWS::Events::Rule"),
    );
    rx.template.merge_resource(
        &naming::cloudwatch_event_permission_id(&function.key, rule.number),
        permission,
    );
}
