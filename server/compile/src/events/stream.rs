//! `stream` events (DynamoDB and Kinesis): an `AWS::Lambda::EventSourceMapping` per event, a
//! Kinesis stream consumer when asked, and per function the statements letting the default
//! role read its streams and reach its failure destinations.

use crate::json_literal::json;
use serde_json::{Map, Value};
use sls_model::value::{self, Loaded};
use sls_syntax::{Node, NodeId};

use super::sqs::{filter_criteria, value_text};
use crate::config_value::small_value;
use crate::functions::iam_role_resource_name;
use crate::plan::{NewItem, Origin, Part as PlanPart, Plan};
use crate::render::Render;
use crate::{coerced, naming, CompileError, CompileErrorKind};

/// One `stream` event.
#[derive(Debug, Clone)]
pub(crate) struct Stream {
    pub function: usize,
    pub node: NodeId,
    pub id: String,
    /// `dynamodb` or `kinesis` (from `type`, else the ARN).
    pub kind: String,
    /// The consumer the framework creates (`consumer: true` on Kinesis).
    pub consumer: Option<String>,
}

#[derive(Debug, Clone, Copy)]
pub(crate) enum Part {
    Mapping(usize),
    /// The statements of one function (index).
    Statements(usize),
}

fn part(part: Part) -> PlanPart {
    PlanPart::Event(super::Part::Stream(part))
}

fn is_object(node: Node<'_>) -> bool {
    value::loaded(node) == Loaded::Object && node.resolve().tag().is_none()
}

fn arn(node: Node<'_>) -> Option<Node<'_>> {
    if is_object(node) {
        value::get(node, "arn")
    } else {
        Some(node)
    }
}

/// The stream name ids are made from.
fn stream_name(arn: &Value) -> String {
    if let Some(get_att) = arn.get("Fn::GetAtt") {
        return get_att.get(0).map(value_text).unwrap_or_default();
    }
    if let Some(import) = arn.get("Fn::ImportValue") {
        return value_text(import);
    }
    if let Some(reference) = arn.get("Ref") {
        return value_text(reference);
    }
    if let Some(join) = arn.get("Fn::Join") {
        let last = join
            .get(1)
            .and_then(Value::as_array)
            .and_then(|p| p.last())
            .map(value_text)
            .unwrap_or_default();
        return last.rsplit('/').next().unwrap_or_default().to_owned();
    }
    value_text(arn)
        .split('/')
        .nth(1)
        .unwrap_or("undefined")
        .to_owned()
}

pub(crate) fn plan(plan: &mut Plan<'_>) {
    let mut streams = Vec::new();
    let mut errors = Vec::new();
    let naming_mode = plan
        .service
        .provider_at(&["kinesis", "consumerNamingMode"])
        .is_some_and(value::truthy);
    for f in 0..plan.functions.len() {
        let events: Vec<(usize, Node<'_>)> = plan.functions[f]
            .events
            .iter()
            .enumerate()
            .filter_map(|(e, event)| Some((e, value::truthy_opt(event.get("stream"))?)))
            .collect();
        if events.is_empty() {
            continue;
        }
        for (e, node) in events {
            let arn_value = arn(node).map(small_value).unwrap_or(Value::Null);
            let kind = is_object(node)
                .then(|| value::truthy_opt(value::get(node, "type")).and_then(value::string))
                .flatten()
                .map(|t| t.into_owned())
                .unwrap_or_else(|| {
                    value_text(&arn_value)
                        .split(':')
                        .nth(2)
                        .unwrap_or("undefined")
                        .to_owned()
                });
            let name = stream_name(&arn_value);
            let key = plan.functions[f].key.clone();
            let id = naming::stream_mapping_id(&key, &kind, &name);
            let consumer_setting = is_object(node)
                .then(|| value::truthy_opt(value::get(node, "consumer")))
                .flatten();
            let consumer = (kind == "kinesis")
                .then(|| consumer_setting.filter(|c| value::loaded(*c) == Loaded::Bool(true)))
                .flatten()
                .map(|_| {
                    let scoped = naming_mode
                        .then_some((plan.service.name.as_str(), plan.service.stage.as_str()));
                    naming::stream_consumer_name(&key, &name, scoped)
                });
            if kind == "kinesis" && consumer_setting.is_some() {
                let at_timestamp = value::get(node, "startingPosition")
                    .and_then(value::string)
                    .is_some_and(|p| p == "AT_TIMESTAMP");
                let timestamp = value::truthy_opt(value::get(node, "startingPositionTimestamp"));
                if at_timestamp && timestamp.is_none() {
                    errors.push(CompileError::new(
                        CompileErrorKind::MissingKey,
                        format!("You must specify startingPositionTimestamp for function: {key} when startingPosition is AT_TIMESTAMP"),
                        Some(node.id),
                    ));
                }
            }
            let origin = Origin::Event {
                function: f,
                event: e,
            };
            let index = streams.len();
            plan.push(
                NewItem::resource(
                    id.clone(),
                    "AWS::Lambda::EventSourceMapping",
                    origin,
                    node.id,
                )
                .exclusive(),
                part(Part::Mapping(index)),
            );
            if let Some(consumer) = &consumer {
                plan.push(
                    NewItem::resource(
                        naming::stream_consumer_id(consumer),
                        "AWS::Kinesis::StreamConsumer",
                        origin,
                        node.id,
                    ),
                    PlanPart::Rendered,
                );
            }
            streams.push(Stream {
                function: f,
                node: node.id,
                id,
                kind,
                consumer,
            });
        }
        plan.push_step(part(Part::Statements(f)));
    }
    for error in errors {
        plan.error(error);
    }
    plan.events.stream = streams;
}

pub(crate) fn render(rx: &mut Render<'_, '_>, part: Part) {
    match part {
        Part::Mapping(i) => render_mapping(rx, i),
        Part::Statements(f) => render_statements(rx, f),
    }
}

/// The failure destination's ARN and whether it is a topic.
fn failure_destination(rx: &mut Render<'_, '_>, node: Node<'_>) -> Option<(Value, bool)> {
    let destinations = value::truthy_opt(value::get(node, "destinations"))?;
    let failure = value::get(destinations, "onFailure")?;
    let (arn, kind) = if is_object(failure) {
        let arn = rx
            .json_opt(value::get(failure, "arn"))
            .unwrap_or(Value::Null);
        let kind = value::truthy_opt(value::get(failure, "type"))
            .and_then(value::string)
            .map(|t| t.into_owned());
        (arn, kind)
    } else {
        (rx.json(failure), None)
    };
    let kind = kind.unwrap_or_else(|| {
        value_text(&arn)
            .split(':')
            .nth(2)
            .unwrap_or_default()
            .to_owned()
    });
    Some((arn, kind == "sns"))
}

fn render_mapping(rx: &mut Render<'_, '_>, i: usize) {
    let plan = rx.plan;
    let stream = &plan.events.stream[i];
    let function = &plan.functions[stream.function];
    let node = plan.node(stream.node);
    let object = is_object(node);
    let setting = |key: &str| object.then(|| value::get(node, key)).flatten();
    let set = |key: &str| setting(key).filter(|v| value::loaded(*v) != Loaded::Null);
    let mut depends_on: Vec<Value> = iam_role_resource_name(plan, function)
        .into_iter()
        .map(Value::String)
        .collect();
    depends_on.extend(function.alias_id());
    let batch = match setting("batchSize").filter(|b| value::truthy(*b)) {
        Some(b) => coerced::number(rx, b),
        None => Value::from(10),
    };
    let enabled = match setting("enabled") {
        Some(e) => value::boolean(e).map_or_else(|| rx.json(e), Value::Bool),
        None => Value::Bool(true),
    };
    let arn_value = arn(node).map_or(Value::Null, |a| rx.json(a));
    let parallel = setting("parallelizationFactor")
        .filter(|p| value::truthy(*p))
        .map(|p| coerced::number(rx, p));
    let position = match setting("startingPosition").filter(|p| value::truthy(*p)) {
        Some(p) => rx.json(p),
        None => "TRIM_HORIZON".into(),
    };
    let mut properties = Map::new();
    properties.insert("BatchSize".into(), batch);
    properties.insert("Enabled".into(), enabled);
    properties.insert("EventSourceArn".into(), arn_value.clone());
    properties.insert("FunctionName".into(), function.invoke_target());
    properties.insert(
        "ParallelizationFactor".into(),
        parallel.unwrap_or(Value::Null),
    );
    properties.insert("StartingPosition".into(), position);
    for (key, name) in [
        ("batchWindow", "MaximumBatchingWindowInSeconds"),
        ("maximumRetryAttempts", "MaximumRetryAttempts"),
    ] {
        if let Some(v) = set(key) {
            let v = coerced::number(rx, v);
            properties.insert(name.into(), v);
        }
    }
    if let Some(bisect) = set("bisectBatchOnFunctionError") {
        let bisect = value::boolean(bisect).map_or_else(|| rx.json(bisect), Value::Bool);
        properties.insert("BisectBatchOnFunctionError".into(), bisect);
    }
    if let Some(kind) = set("functionResponseType") {
        let kind = rx.json(kind);
        properties.insert("FunctionResponseTypes".into(), json!([kind]));
    }
    if let Some(age) = setting("maximumRecordAgeInSeconds").filter(|a| value::truthy(*a)) {
        let age = coerced::number(rx, age);
        properties.insert("MaximumRecordAgeInSeconds".into(), age);
    }
    if let Some(window) = set("tumblingWindowInSeconds") {
        let window = coerced::number(rx, window);
        properties.insert("TumblingWindowInSeconds".into(), window);
    }
    if object {
        if let Some((destination, _)) = failure_destination(rx, node) {
            properties.insert(
                "DestinationConfig".into(),
                json!({ "OnFailure": { "Destination": destination } }),
            );
        }
    }
    if let Some(patterns) = setting("filterPatterns").filter(|p| value::truthy(*p)) {
        properties.insert("FilterCriteria".into(), filter_criteria(rx, patterns));
    }
    let consumer = setting("consumer").filter(|c| value::truthy(*c) && stream.kind == "kinesis");
    let mut consumer_resource = None;
    if consumer.is_some() {
        match &stream.consumer {
            Some(name) => {
                let id = naming::stream_consumer_id(name);
                depends_on.push(Value::String(id.clone()));
                properties.insert("EventSourceArn".into(), json!({ "Ref": &id }));
                consumer_resource = Some((
                    id,
                    json!({
                        "Type": "AWS::Kinesis::StreamConsumer",
                        "Properties": { "StreamARN": arn_value, "ConsumerName": name }
                    }),
                ));
            }
            None => {
                let arn = consumer.map_or(Value::Null, |c| rx.json(c));
                properties.insert("EventSourceArn".into(), arn);
            }
        }
        if let Some(timestamp) = setting("startingPositionTimestamp").filter(|t| value::truthy(*t))
        {
            let timestamp = coerced::number(rx, timestamp);
            properties.insert("StartingPositionTimestamp".into(), timestamp);
        }
    }
    rx.template.merge_resource(
        &stream.id,
        json!({ "Type": "AWS::Lambda::EventSourceMapping", "DependsOn": depends_on, "Properties": properties }),
    );
    if let Some((id, resource)) = consumer_resource {
        rx.template.merge_resource(&id, resource);
    }
}

/// The role statements of one function's streams, in the framework's order.
fn render_statements(rx: &mut Render<'_, '_>, f: usize) {
    let plan = rx.plan;
    let mut dynamodb = Vec::new();
    let mut kinesis = Vec::new();
    let mut with_consumer = Vec::new();
    let mut consumers = Vec::new();
    let mut topics = Vec::new();
    let mut queues = Vec::new();
    for stream in plan.events.stream.iter().filter(|s| s.function == f) {
        let node = plan.node(stream.node);
        let arn_value = arn(node).map_or(Value::Null, |a| rx.json(a));
        let consumer = is_object(node)
            .then(|| value::truthy_opt(value::get(node, "consumer")))
            .flatten();
        if stream.kind == "dynamodb" {
            dynamodb.push(arn_value);
        } else if consumer.is_some() {
            with_consumer.push(arn_value);
        } else {
            kinesis.push(arn_value);
        }
        if let Some(consumer) = consumer.filter(|_| stream.kind == "kinesis") {
            match &stream.consumer {
                Some(name) => consumers.push(json!({ "Ref": naming::stream_consumer_id(name) })),
                None => consumers.push(rx.json(consumer)),
            }
        }
        if is_object(node) {
            if let Some((destination, is_topic)) = failure_destination(rx, node) {
                if is_topic {
                    topics.push(destination);
                } else {
                    queues.push(destination);
                }
            }
        }
    }
    let groups: [(&[&str], Vec<Value>); 6] = [
        (
            &[
                "dynamodb:GetRecords",
                "dynamodb:GetShardIterator",
                "dynamodb:DescribeStream",
                "dynamodb:ListStreams",
            ],
            dynamodb,
        ),
        (
            &[
                "kinesis:GetRecords",
                "kinesis:GetShardIterator",
                "kinesis:DescribeStream",
                "kinesis:ListStreams",
            ],
            kinesis,
        ),
        (
            &[
                "kinesis:GetRecords",
                "kinesis:GetShardIterator",
                "kinesis:DescribeStreamSummary",
                "kinesis:ListShards",
            ],
            with_consumer,
        ),
        (&["kinesis:SubscribeToShard"], consumers),
        (&["sns:Publish"], topics),
        (&["sqs:ListQueues", "sqs:SendMessage"], queues),
    ];
    for (actions, resources) in groups {
        if !resources.is_empty() {
            rx.template.append_statement(
                json!({ "Effect": "Allow", "Action": actions, "Resource": resources }),
            );
        }
    }
}
