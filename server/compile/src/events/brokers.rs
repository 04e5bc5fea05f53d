//! What the message-broker event sources (`kafka`, `msk`, `activemq`, `rabbitmq`) share: one
//! `AWS::Lambda::EventSourceMapping` per event, planned the same way; the mapping's common
//! settings (dependencies, batching, `enabled`, filter patterns); and the statements the
//! framework adds to the default role per function (network interfaces, secrets).

use crate::json_literal::json;
use serde_json::{Map, Value};
use sls_model::value::{self, Loaded};
use sls_syntax::{Node, NodeId};

use super::sqs::filter_criteria;
use crate::functions::{iam_role_resource_name, Function};
use crate::plan::{NewItem, Origin, Part as PlanPart, Plan};
use crate::render::Render;
use crate::{coerced, CompileError};

/// One broker event.
#[derive(Debug, Clone)]
pub(crate) struct Mapping {
    pub function: usize,
    /// The event's settings.
    pub node: NodeId,
    pub id: String,
}

/// How a broker step renders.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Part {
    /// One mapping (index into the type's list).
    Mapping(usize),
    /// The role statements of one function (index).
    Statements(usize),
}

/// Whether a setting is a mapping the framework reads keys of (not a CloudFormation short form).
pub(crate) fn is_object(node: Node<'_>) -> bool {
    value::loaded(node) == Loaded::Object && node.resolve().tag().is_none()
}

/// `settings[key]` of an object setting.
pub(crate) fn setting<'a>(node: Node<'a>, key: &str) -> Option<Node<'a>> {
    if is_object(node) {
        value::get(node, key)
    } else {
        None
    }
}

/// `settings[key]` when neither absent nor `null` (`!= null`).
pub(crate) fn set<'a>(node: Node<'a>, key: &str) -> Option<Node<'a>> {
    setting(node, key).filter(|v| value::loaded(*v) != Loaded::Null)
}

/// A string setting where the schema wants a string, for ids (numbers become their text).
pub(crate) fn text(node: Option<Node<'_>>) -> Option<String> {
    node.filter(|v| !matches!(value::loaded(*v), Loaded::Null | Loaded::Object))
        .and_then(value::string)
        .map(|s| s.into_owned())
}

/// Plans the mappings of one broker type: per function, each event's mapping (its id from
/// `id_of`, or the error that stops the framework), then the function's statements step.
pub(crate) fn plan_mappings<'a>(
    plan: &mut Plan<'a>,
    kind: &str,
    part: fn(Part) -> PlanPart,
    mut id_of: impl FnMut(&Plan<'a>, usize, Node<'a>) -> Result<String, CompileError>,
) -> Vec<Mapping> {
    let found: Vec<(usize, usize, Node<'a>)> = super::events_of(plan, kind).collect();
    let mut mappings = Vec::new();
    let mut errors = Vec::new();
    for (i, &(f, e, node)) in found.iter().enumerate() {
        match id_of(plan, f, node) {
            Ok(id) => {
                let origin = Origin::Event {
                    function: f,
                    event: e,
                };
                let item = NewItem::resource(
                    id.clone(),
                    "AWS::Lambda::EventSourceMapping",
                    origin,
                    node.id,
                );
                plan.push(item, part(Part::Mapping(mappings.len())));
                mappings.push(Mapping {
                    function: f,
                    node: node.id,
                    id,
                });
            }
            Err(error) => errors.push(error),
        }
        if found.get(i + 1).is_none_or(|next| next.0 != f) {
            plan.push_step(part(Part::Statements(f)));
        }
    }
    for error in errors {
        plan.error(error);
    }
    mappings
}

/// Renders a broker step: a mapping with the type's properties, or a function's statements.
pub(crate) fn render(
    rx: &mut Render<'_, '_>,
    part: Part,
    mappings: &[Mapping],
    properties: impl FnOnce(&mut Render<'_, '_>, &Function<'_>, Node<'_>) -> Map<String, Value>,
    statements: impl FnOnce(&mut Render<'_, '_>, usize),
) {
    match part {
        Part::Mapping(i) => {
            if let Some(mapping) = mappings.get(i) {
                render_mapping(rx, mapping, properties);
            }
        }
        Part::Statements(f) => statements(rx, f),
    }
}

/// Renders one mapping: the type's properties (from the function and the event's settings),
/// then the filter criteria every type ends with.
fn render_mapping(
    rx: &mut Render<'_, '_>,
    mapping: &Mapping,
    properties: impl FnOnce(&mut Render<'_, '_>, &Function<'_>, Node<'_>) -> Map<String, Value>,
) {
    let plan = rx.plan;
    let function = &plan.functions[mapping.function];
    let node = plan.node(mapping.node);
    let mut properties = properties(rx, function, node);
    if let Some(patterns) = value::truthy_opt(setting(node, "filterPatterns")) {
        properties.insert("FilterCriteria".into(), filter_criteria(rx, patterns));
    }
    let depends_on = depends_on(plan, function);
    rx.template.set_resource(
        &mapping.id,
        json!({ "Type": "AWS::Lambda::EventSourceMapping", "DependsOn": depends_on, "Properties": properties }),
    );
}

/// The settings of a function's events among `mappings`.
pub(crate) fn settings_of<'p, 'a>(
    plan: &'p Plan<'a>,
    mappings: &'p [Mapping],
    f: usize,
) -> impl Iterator<Item = Node<'a>> + 'p {
    mappings
        .iter()
        .filter(move |m| m.function == f)
        .map(|m| plan.node(m.node))
}

/// The mapping's `DependsOn`: the function's role resource, then its alias.
pub(crate) fn depends_on(plan: &Plan<'_>, function: &Function<'_>) -> Value {
    let mut list: Vec<Value> = iam_role_resource_name(plan, function)
        .into_iter()
        .map(Value::String)
        .collect();
    list.extend(function.alias_id());
    Value::Array(list)
}

/// `BatchSize` and `MaximumBatchingWindowInSeconds`, each when truthy.
pub(crate) fn insert_batching(
    rx: &mut Render<'_, '_>,
    properties: &mut Map<String, Value>,
    node: Node<'_>,
) {
    for (key, name) in [
        ("batchSize", "BatchSize"),
        ("maximumBatchingWindow", "MaximumBatchingWindowInSeconds"),
    ] {
        if let Some(v) = value::truthy_opt(setting(node, key)) {
            let v = coerced::number(rx, v);
            properties.insert(name.into(), v);
        }
    }
}

/// `Enabled` when `enabled` is set.
pub(crate) fn enabled(rx: &mut Render<'_, '_>, node: Node<'_>) -> Option<Value> {
    let enabled = set(node, "enabled")?;
    Some(value::boolean(enabled).map_or_else(|| rx.json(enabled), Value::Bool))
}

/// A string setting where the schema wants one (numbers become text; others as written).
pub(crate) fn string_setting(rx: &mut Render<'_, '_>, node: Node<'_>, key: &str) -> Value {
    setting(node, key).map_or(Value::Null, |v| coerced::string(rx, v))
}

/// Lets the functions create network interfaces in the broker's VPC.
pub(crate) fn ec2_statement() -> Value {
    json!({
        "Effect": "Allow",
        "Action": [
            "ec2:CreateNetworkInterface",
            "ec2:DescribeNetworkInterfaces",
            "ec2:DescribeVpcs",
            "ec2:DeleteNetworkInterface",
            "ec2:DescribeSubnets",
            "ec2:DescribeSecurityGroups"
        ],
        "Resource": "*"
    })
}

/// Lets the functions read the broker's credentials.
pub(crate) fn secrets_statement(resources: Vec<Value>) -> Value {
    json!({ "Effect": "Allow", "Action": ["secretsmanager:GetSecretValue"], "Resource": resources })
}
