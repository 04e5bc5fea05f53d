//! `sns` events: a subscription to an existing topic (by ARN), or a topic the service creates
//! (shared by the events naming it) with the function subscribed; the dead-letter queue's
//! policy of `redrivePolicy`; the invoke permission.

use crate::json_literal::json;
use serde_json::{Map, Value};
use sls_model::value::{self, Loaded};
use sls_syntax::{Node, NodeId};

use crate::config_value::small_value;
use crate::plan::{NewItem, Origin, Part as PlanPart, Plan, Section};
use crate::render::Render;
use crate::{naming, CompileError, CompileErrorKind};

/// One `sns` event.
#[derive(Debug, Clone)]
pub(crate) struct Subscription {
    pub function: usize,
    pub node: NodeId,
    pub topic: String,
    /// The topic's ARN node when given (else the service creates the topic).
    pub arn: Option<NodeId>,
    /// The ARN's region when it is not the `--region` option.
    pub region: Option<String>,
    /// Whether this event creates the topic (the first naming it).
    pub creates_topic: bool,
}

fn is_object(node: Node<'_>) -> bool {
    value::loaded(node) == Loaded::Object && node.resolve().tag().is_none()
}

fn part(i: usize) -> PlanPart {
    PlanPart::Event(super::Part::Sns(i))
}

/// The topic an event names: `(name, ARN node, region)`.
fn topic<'a>(
    plan: &Plan<'a>,
    node: Node<'a>,
) -> Result<(String, Option<Node<'a>>, Option<String>), CompileError> {
    let text = |n: Node<'_>| value::string(n).map(|s| s.into_owned()).unwrap_or_default();
    if !is_object(node) {
        let setting = text(node);
        if setting.starts_with("arn:") {
            let name = setting.rsplit(':').next().unwrap_or_default().to_owned();
            return Ok((name, Some(node), None));
        }
        return Ok((setting, None, None));
    }
    let topic_name = value::truthy_opt(value::get(node, "topicName")).map(text);
    let Some(arn) = value::truthy_opt(value::get(node, "arn")) else {
        return Ok((topic_name.unwrap_or_default(), None, None));
    };
    let mut name = None;
    let mut region = None;
    if let Value::String(arn_text) = small_value(arn) {
        // A `::` is kept inside a part.
        let parts: Vec<String> = arn_text
            .replace("::", "@@")
            .split(':')
            .map(|s| s.replace("@@", "::"))
            .collect();
        name = parts.last().cloned();
        let arn_region = parts.get(3).cloned();
        if arn_region.as_deref() != plan.service.cli_region.as_deref() {
            region = Some(arn_region.unwrap_or_else(|| "undefined".into()));
        }
    }
    match topic_name.or(name).filter(|n| !n.is_empty()) {
        Some(name) => Ok((name, Some(arn), region)),
        None => Err(CompileError::new(
            CompileErrorKind::MissingKey,
            "Missing \"sns.topicName\" setting (it needs to be provided if \"sns.arn\" is not provided as plain ARN string)",
            Some(node.id),
        )),
    }
}

pub(crate) fn plan(plan: &mut Plan<'_>) {
    let found: Vec<(usize, usize, Node<'_>)> = super::events_of(plan, "sns").collect();
    let mut subscriptions = Vec::new();
    for (f, e, node) in found {
        let (name, arn, region) = match topic(plan, node) {
            Ok(found) => found,
            Err(error) => {
                plan.error(error);
                continue;
            }
        };
        let key = plan.functions[f].key.clone();
        let origin = Origin::Event {
            function: f,
            event: e,
        };
        let index = subscriptions.len();
        let mut first = true;
        let mut push = |plan: &mut Plan<'_>, id: String, ty: &'static str| {
            let step = if first {
                part(index)
            } else {
                PlanPart::Rendered
            };
            first = false;
            plan.push(NewItem::resource(id, ty, origin, node.id), step);
        };
        let object = is_object(node);
        let redrive = object && value::get(node, "redrivePolicy").is_some_and(value::truthy);
        if redrive {
            push(
                plan,
                naming::sns_dlq_policy_id(&key, &name),
                "AWS::SQS::QueuePolicy",
            );
        }
        let mut creates_topic = false;
        if arn.is_some() {
            push(
                plan,
                naming::sns_subscription_id(&key, &name),
                "AWS::SNS::Subscription",
            );
        } else {
            let topic_id = naming::sns_topic_id(&name);
            creates_topic = plan.find(Section::Resources, &topic_id).is_none();
            push(plan, topic_id, "AWS::SNS::Topic");
            let filter = object && value::get(node, "filterPolicy").is_some_and(value::truthy);
            if filter || redrive {
                push(
                    plan,
                    naming::sns_subscription_id(&key, &name),
                    "AWS::SNS::Subscription",
                );
            }
        }
        push(
            plan,
            naming::sns_permission_id(&key, &name),
            "AWS::Lambda::Permission",
        );
        subscriptions.push(Subscription {
            function: f,
            node: node.id,
            topic: name,
            arn: arn.map(|a| a.id),
            region,
            creates_topic,
        });
    }
    plan.events.sns = subscriptions;
}

pub(crate) fn render(rx: &mut Render<'_, '_>, i: usize) {
    let plan = rx.plan;
    let subscription = &plan.events.sns[i];
    let function = &plan.functions[subscription.function];
    let node = plan.node(subscription.node);
    let object = is_object(node);
    let setting = |key: &str| object.then(|| value::get(node, key)).flatten();
    let name = &subscription.topic;
    let endpoint = function.invoke_target();
    let mut topic_arn = subscription.arn.map(|a| rx.json(plan.node(a)));
    let redrive = setting("redrivePolicy")
        .filter(|r| value::truthy(*r))
        .map(|policy| dead_letter_queue(rx, policy, &function.key, name, topic_arn.clone()));
    let filter = setting("filterPolicy").map(|f| rx.json(f));
    let scope = setting("filterPolicyScope").map(|s| rx.json(s));
    match &topic_arn {
        Some(arn) => {
            let mut properties = Map::new();
            properties.insert("TopicArn".into(), arn.clone());
            properties.insert("Protocol".into(), "lambda".into());
            properties.insert("Endpoint".into(), endpoint.clone());
            properties.insert("FilterPolicy".into(), filter.clone().unwrap_or(Value::Null));
            properties.insert(
                "FilterPolicyScope".into(),
                scope.clone().unwrap_or(Value::Null),
            );
            properties.insert(
                "RedrivePolicy".into(),
                redrive.clone().unwrap_or(Value::Null),
            );
            properties.insert(
                "Region".into(),
                subscription
                    .region
                    .clone()
                    .map_or(Value::Null, Value::String),
            );
            let resource = with_alias_dependency(
                "AWS::SNS::Subscription",
                function,
                Value::Object(properties),
            );
            rx.template
                .merge_resource(&naming::sns_subscription_id(&function.key, name), resource);
        }
        None => {
            let topic_id = naming::sns_topic_id(name);
            topic_arn = Some(json!({
                "Fn::Join": ["", [
                    "arn:", { "Ref": "AWS::Partition" }, ":sns:", { "Ref": "AWS::Region" }, ":",
                    { "Ref": "AWS::AccountId" }, ":", name
                ]]
            }));
            if subscription.creates_topic && !rx.template.resources.contains_key(&topic_id) {
                let mut properties = Map::new();
                properties.insert("TopicName".into(), name.clone().into());
                if let Some(display) = setting("displayName").filter(|d| value::truthy(*d)) {
                    let display = rx.json(display);
                    properties.insert("DisplayName".into(), display);
                }
                let resource =
                    with_alias_dependency("AWS::SNS::Topic", function, Value::Object(properties));
                rx.template.merge_resource(&topic_id, resource);
            }
            let subscribed = json!({ "Endpoint": &endpoint, "Protocol": "lambda" });
            if filter.as_ref().is_some_and(crate::resources::js_truthy) || redrive.is_some() {
                let mut properties = subscribed.as_object().cloned().unwrap_or_default();
                properties.insert("TopicArn".into(), json!({ "Ref": topic_id }));
                properties.insert("FilterPolicy".into(), filter.unwrap_or(Value::Null));
                properties.insert("FilterPolicyScope".into(), scope.unwrap_or(Value::Null));
                properties.insert("RedrivePolicy".into(), redrive.unwrap_or(Value::Null));
                rx.template.merge_resource(
                    &naming::sns_subscription_id(&function.key, name),
                    json!({ "Type": "AWS::SNS::Subscription", "Properties": properties }),
                );
            } else if let Some(Value::Object(properties)) = rx
                .template
                .resources
                .get_mut(&topic_id)
                .and_then(|t| t.get_mut("Properties"))
            {
                let list = properties
                    .entry("Subscription")
                    .or_insert_with(|| Value::Array(Vec::new()));
                if let Value::Array(list) = list {
                    list.push(subscribed);
                }
            }
        }
    }
    let permission = with_alias_dependency(
        "AWS::Lambda::Permission",
        function,
        json!({
            "FunctionName": endpoint,
            "Action": "lambda:InvokeFunction",
            "Principal": "sns.amazonaws.com",
            "SourceArn": topic_arn
        }),
    );
    rx.template
        .merge_resource(&naming::sns_permission_id(&function.key, name), permission);
}

/// `{Type, DependsOn?: <alias>, Properties}`.
fn with_alias_dependency(
    ty: &str,
    function: &crate::functions::Function<'_>,
    properties: Value,
) -> Value {
    let mut resource = Map::new();
    resource.insert("Type".into(), ty.into());
    if let Some(alias) = function.alias_id() {
        resource.insert("DependsOn".into(), alias);
    }
    resource.insert("Properties".into(), properties);
    Value::Object(resource)
}

/// `redrivePolicy`: the queue policy letting the topic send to the dead-letter queue, and the
/// subscription's `RedrivePolicy`.
fn dead_letter_queue(
    rx: &mut Render<'_, '_>,
    policy: Node<'_>,
    function: &str,
    topic: &str,
    topic_arn: Option<Value>,
) -> Value {
    let get = |key: &str| value::truthy_opt(value::get(policy, key));
    let (target_arn, target_url) = if let Some(arn) = get("deadLetterTargetArn") {
        let text = value::string(arn)
            .map(|s| s.into_owned())
            .unwrap_or_default();
        let mut parts = text.rsplit(':');
        let queue = parts.next().unwrap_or("undefined").to_owned();
        let account = parts.next().unwrap_or("undefined").to_owned();
        let region = parts.next().unwrap_or("undefined").to_owned();
        (
            Value::String(text),
            json!({ "Fn::Join": ["", [format!("https://sqs.{region}."), { "Ref": "AWS::URLSuffix" }, format!("/{account}/{queue}")]] }),
        )
    } else if let Some(reference) = get("deadLetterTargetRef") {
        let reference = rx.json(reference);
        (
            json!({ "Fn::GetAtt": [&reference, "Arn"] }),
            json!({ "Ref": reference }),
        )
    } else {
        let import = get("deadLetterTargetImport");
        let arn = import
            .and_then(|i| value::get(i, "arn"))
            .map(|a| rx.json(a));
        let url = import
            .and_then(|i| value::get(i, "url"))
            .map(|u| rx.json(u));
        (
            json!({ "Fn::ImportValue": arn }),
            json!({ "Fn::ImportValue": url }),
        )
    };
    let id = naming::sns_dlq_policy_id(function, topic);
    rx.template.set_resource(
        &id,
        json!({
            "Type": "AWS::SQS::QueuePolicy",
            "Properties": {
                "PolicyDocument": {
                    "Version": "2012-10-17",
                    "Id": &id,
                    "Statement": [{
                        "Effect": "Allow",
                        "Principal": { "Service": "sns.amazonaws.com" },
                        "Action": "sqs:SendMessage",
                        "Resource": &target_arn,
                        "Condition": { "ArnEquals": { "aws:SourceArn": topic_arn } }
                    }]
                },
                "Queues": [target_url]
            }
        }),
    );
    json!({ "deadLetterTargetArn": target_arn })
}
