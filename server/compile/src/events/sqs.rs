//! `sqs` events: an `AWS::Lambda::EventSourceMapping` per event, then one statement on the
//! default role letting it read every queue.

use crate::json_literal::json;
use serde_json::{Map, Value};
use sls_model::value::{self, Loaded};
use sls_syntax::{Node, NodeId};

use crate::config_value::small_value;
use crate::functions::iam_role_resource_name;
use crate::plan::{NewItem, Origin, Part as PlanPart, Plan};
use crate::render::Render;
use crate::{coerced, js_json, naming};

/// One `sqs` event.
#[derive(Debug, Clone)]
pub(crate) struct Mapping {
    pub function: usize,
    /// The event's settings (an ARN, or an object with `arn`).
    pub node: NodeId,
    pub id: String,
}

#[derive(Debug, Clone, Copy)]
pub(crate) enum Part {
    Mapping(usize),
    Statement,
}

fn part(part: Part) -> PlanPart {
    PlanPart::Event(super::Part::Sqs(part))
}

/// The event's ARN setting.
fn arn(node: Node<'_>) -> Option<Node<'_>> {
    match value::loaded(node) {
        Loaded::Object if node.resolve().tag().is_none() => value::get(node, "arn"),
        _ => Some(node),
    }
}

/// The queue name ids are made from: the `Fn::GetAtt` resource, the import, the last part of
/// a `Fn::Join`, or the end of an ARN.
fn queue_name(arn: &Value) -> String {
    let text = |v: Option<&Value>| v.map(value_text).unwrap_or_default();
    if let Some(get_att) = arn.get("Fn::GetAtt") {
        return text(get_att.get(0));
    }
    if let Some(import) = arn.get("Fn::ImportValue") {
        return value_text(import);
    }
    if let Some(join) = arn.get("Fn::Join") {
        return text(
            join.get(1)
                .and_then(|parts| parts.as_array())
                .and_then(|p| p.last()),
        );
    }
    value_text(arn)
        .rsplit(':')
        .next()
        .unwrap_or_default()
        .to_owned()
}

/// A value as JavaScript's template strings print it.
pub(crate) fn value_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Null => "null".into(),
        Value::Array(items) => items.iter().map(value_text).collect::<Vec<_>>().join(","),
        Value::Object(_) => "[object Object]".into(),
        other => js_json::stringify(other),
    }
}

pub(crate) fn plan(plan: &mut Plan<'_>) {
    let found: Vec<(usize, usize, Node<'_>)> = super::events_of(plan, "sqs").collect();
    if found.is_empty() {
        return;
    }
    let mut mappings = Vec::new();
    for (f, e, node) in found {
        let name = arn(node)
            .map(|a| queue_name(&small_value(a)))
            .unwrap_or_default();
        let id = naming::sqs_mapping_id(&plan.functions[f].key, &name);
        let index = mappings.len();
        plan.push(
            NewItem::resource(
                id.clone(),
                "AWS::Lambda::EventSourceMapping",
                Origin::Event {
                    function: f,
                    event: e,
                },
                node.id,
            )
            .exclusive(),
            part(Part::Mapping(index)),
        );
        mappings.push(Mapping {
            function: f,
            node: node.id,
            id,
        });
    }
    plan.push_step(part(Part::Statement));
    plan.events.sqs = mappings;
}

pub(crate) fn render(rx: &mut Render<'_, '_>, part: Part) {
    let plan = rx.plan;
    match part {
        Part::Mapping(i) => {
            let mapping = &plan.events.sqs[i];
            let function = &plan.functions[mapping.function];
            let node = plan.node(mapping.node);
            let is_object = value::loaded(node) == Loaded::Object;
            let setting = |key: &str| is_object.then(|| value::get(node, key)).flatten();
            let mut depends_on: Vec<Value> = iam_role_resource_name(plan, function)
                .into_iter()
                .map(Value::String)
                .collect();
            depends_on.extend(function.alias_id());
            let batch = match setting("batchSize").filter(|b| value::truthy(*b)) {
                Some(b) => coerced::number(rx, b),
                None => Value::from(10),
            };
            let window = setting("maximumBatchingWindow")
                .filter(|w| value::loaded(*w) != Loaded::Null)
                .map(|w| coerced::number(rx, w));
            let arn = arn(node).map_or(Value::Null, |a| rx.json(a));
            let enabled = match setting("enabled") {
                Some(e) => value::boolean(e).map_or_else(|| rx.json(e), Value::Bool),
                None => Value::Bool(true),
            };
            let mut properties = Map::new();
            properties.insert("BatchSize".into(), batch);
            properties.insert(
                "MaximumBatchingWindowInSeconds".into(),
                window.unwrap_or(Value::Null),
            );
            properties.insert("EventSourceArn".into(), arn);
            properties.insert("FunctionName".into(), function.invoke_target());
            properties.insert("Enabled".into(), enabled);
            if let Some(kind) =
                setting("functionResponseType").filter(|t| value::loaded(*t) != Loaded::Null)
            {
                let kind = rx.json(kind);
                properties.insert("FunctionResponseTypes".into(), json!([kind]));
            }
            if let Some(patterns) = setting("filterPatterns").filter(|p| value::truthy(*p)) {
                properties.insert("FilterCriteria".into(), filter_criteria(rx, patterns));
            }
            if let Some(max) = setting("maximumConcurrency").filter(|m| value::truthy(*m)) {
                let max = coerced::number(rx, max);
                properties.insert("ScalingConfig".into(), json!({ "MaximumConcurrency": max }));
            }
            rx.template.merge_resource(
                &mapping.id,
                json!({ "Type": "AWS::Lambda::EventSourceMapping", "DependsOn": depends_on, "Properties": properties }),
            );
        }
        Part::Statement => {
            let arns: Vec<Value> = plan
                .events
                .sqs
                .iter()
                .map(|m| arn(plan.node(m.node)).map_or(Value::Null, |a| rx.json(a)))
                .collect();
            rx.template.append_statement(json!({
                "Effect": "Allow",
                "Action": ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"],
                "Resource": arns
            }));
        }
    }
}

/// `FilterCriteria` of `filterPatterns`: each pattern as its JSON text.
pub(crate) fn filter_criteria(rx: &mut Render<'_, '_>, patterns: Node<'_>) -> Value {
    let filters: Vec<Value> = value::items(patterns)
        .map(|pattern| json!({ "Pattern": js_json::stringify(&rx.json(pattern)) }))
        .collect();
    json!({ "Filters": filters })
}
