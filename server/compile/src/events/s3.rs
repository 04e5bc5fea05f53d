//! `s3` events: buckets the service creates (one per bucket name, with every function's
//! notification, settings from `provider.s3`) and the invoke permissions; then buckets that
//! exist already (`existing: true`): one `Custom::S3` resource per function, configured by the
//! framework's custom resource function.

use crate::json_literal::json;
use serde_json::{Map, Value};
use sls_model::value::{self, Loaded};
use sls_syntax::{Node, NodeId};

use crate::config_value::small_value;
use crate::custom_resources::{self, Kind};
use crate::plan::{NewItem, Origin, Part as PlanPart, Plan};
use crate::render::Render;
use crate::{js_json, naming, CompileError, CompileErrorKind};

/// One event on a bucket the service creates.
#[derive(Debug, Clone)]
pub(crate) struct NewBucketEvent {
    pub function: usize,
    pub node: NodeId,
    /// The bucket's name (`provider.s3.<ref>.name`, else the reference).
    pub bucket: String,
    /// What ids are made from: the `provider.s3` key, else the name.
    pub reference: String,
    /// The `provider.s3` entry the bucket is configured by.
    pub settings: Option<NodeId>,
}

/// The custom resource of one function on an existing bucket.
#[derive(Debug, Clone)]
pub(crate) struct ExistingBucket {
    pub function: usize,
    /// The function's events on the bucket (their settings).
    pub events: Vec<NodeId>,
    /// The bucket as compared by the framework (its JSON text when not a string).
    pub bucket_key: String,
}

#[derive(Debug, Default)]
pub(crate) struct S3Plan {
    pub new: Vec<NewBucketEvent>,
    pub existing: Vec<ExistingBucket>,
}

#[derive(Debug, Clone, Copy)]
pub(crate) enum Part {
    /// Every bucket the service creates, then the permissions.
    NewBuckets,
    /// Every custom resource, then the custom resource function.
    ExistingBuckets,
}

fn part(part: Part) -> PlanPart {
    PlanPart::Event(super::Part::S3(part))
}

fn is_object(node: Node<'_>) -> bool {
    value::loaded(node) == Loaded::Object && node.resolve().tag().is_none()
}

fn is_existing(node: Node<'_>) -> bool {
    is_object(node) && value::get(node, "existing").is_some_and(value::truthy)
}

/// The schema's bucket name pattern: dot-separated labels of lower-case letters, digits and
/// inner dashes, not an IPv4 address.
fn valid_bucket_name(name: &str) -> bool {
    let label_ok = |label: &str| {
        !label.is_empty()
            && label
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            && !label.starts_with('-')
            && !label.ends_with('-')
    };
    let ip = name.split('.').count() == 4
        && name
            .split('.')
            .all(|p| (1..=3).contains(&p.len()) && p.chars().all(|c| c.is_ascii_digit()));
    !ip && name.split('.').all(label_ok)
}

pub(crate) fn plan(plan: &mut Plan<'_>) {
    let mut errors = Vec::new();
    let mut new = Vec::new();
    let mut existing: Vec<ExistingBucket> = Vec::new();
    let provider_s3 = plan.service.provider("s3");
    for f in 0..plan.functions.len() {
        let events: Vec<Node<'_>> = plan.functions[f]
            .events
            .iter()
            .filter_map(|event| value::truthy_opt(event.get("s3")))
            .collect();
        for node in events {
            if is_existing(node) {
                let bucket = value::get(node, "bucket")
                    .map(small_value)
                    .unwrap_or(Value::Null);
                let key = match &bucket {
                    Value::String(s) => s.clone(),
                    other => js_json::stringify(other),
                };
                match existing.iter_mut().find(|b| b.function == f) {
                    Some(found) if found.bucket_key != key => {
                        errors.push(CompileError::new(
                            CompileErrorKind::InvalidValue,
                            format!(
                                "Only one S3 Bucket can be configured per function. In \"{}\" you're attempting to configure \"{}\" and \"{key}\" at the same time.",
                                plan.functions[f].name, found.bucket_key
                            ),
                            Some(node.id),
                        ));
                    }
                    Some(found) => found.events.push(node.id),
                    None => existing.push(ExistingBucket {
                        function: f,
                        events: vec![node.id],
                        bucket_key: key,
                    }),
                }
                continue;
            }
            let reference = if is_object(node) {
                let bucket = value::get(node, "bucket");
                if bucket.is_some_and(|b| value::loaded(b) == Loaded::Object) {
                    errors.push(CompileError::new(
                        CompileErrorKind::WrongType,
                        "When specifying \"s3.bucket\" with CloudFormation intrinsic function, you need to specify that the bucket is existing via \"existing: true\" property.",
                        bucket.map(|b| b.id),
                    ));
                    continue;
                }
                bucket
                    .and_then(value::string)
                    .map(|b| b.into_owned())
                    .unwrap_or_default()
            } else {
                value::string(node)
                    .map(|b| b.into_owned())
                    .unwrap_or_default()
            };
            let settings = provider_s3
                .and_then(|s| value::get(s, &reference))
                .filter(|s| value::truthy(*s));
            let bucket = settings
                .and_then(|s| value::truthy_opt(value::get(s, "name")))
                .and_then(value::string)
                .map_or_else(|| reference.clone(), |n| n.into_owned());
            if !valid_bucket_name(&bucket) && !value::is_variable_text(&bucket) {
                errors.push(CompileError::new(
                    CompileErrorKind::InvalidValue,
                    format!(
                        "{bucket} - Bucket name must conform to pattern (?!^(\\d{{1,3}}\\.){{3}}\\d{{1,3}}$)(^(([a-z0-9]|[a-z0-9][a-z0-9-]*[a-z0-9])\\.)*([a-z0-9]|[a-z0-9][a-z0-9-]*[a-z0-9])$). Please check provider.s3.{reference} and/or s3 events of function \"{}\".",
                        plan.functions[f].key
                    ),
                    Some(node.id),
                ));
                continue;
            }
            new.push(NewBucketEvent {
                function: f,
                node: node.id,
                reference: if settings.is_some() {
                    reference
                } else {
                    bucket.clone()
                },
                bucket,
                settings: settings.map(|s| s.id),
            });
        }
    }
    let failed = !errors.is_empty();
    for error in errors {
        plan.error(error);
    }
    if failed {
        return;
    }
    // A bucket configured in `provider.s3` is named after its key there, whichever way an
    // event refers to it (the last configured reference wins).
    for i in 0..new.len() {
        let configured = new
            .iter()
            .rev()
            .find(|e| e.bucket == new[i].bucket && e.settings.is_some())
            .map(|e| (e.reference.clone(), e.settings));
        if let Some((reference, settings)) = configured {
            new[i].reference = reference;
            new[i].settings = settings;
        }
    }
    plan_new(plan, &new);
    plan_existing(plan, &existing);
    plan.events.s3 = S3Plan { new, existing };
}

fn plan_new(plan: &mut Plan<'_>, events: &[NewBucketEvent]) {
    let mut step = Some(part(Part::NewBuckets));
    let mut buckets: Vec<&str> = Vec::new();
    for event in events {
        if buckets.contains(&event.bucket.as_str()) {
            continue;
        }
        buckets.push(&event.bucket);
        let item = NewItem::resource(
            naming::s3_bucket_id(&event.reference),
            "AWS::S3::Bucket",
            Origin::Service,
            event.settings.unwrap_or(event.node),
        );
        plan.push(item, step.take().unwrap_or(PlanPart::Rendered));
    }
    for event in events {
        let function = &plan.functions[event.function];
        let origin = event_origin(plan, event.function, event.node);
        let item = NewItem::resource(
            naming::s3_permission_id(&function.key, &event.reference),
            "AWS::Lambda::Permission",
            origin,
            event.node,
        );
        plan.push(item, step.take().unwrap_or(PlanPart::Rendered));
    }
}

/// The origin of the event with these settings.
fn event_origin(plan: &Plan<'_>, function: usize, node: NodeId) -> Origin {
    let event = plan.functions[function]
        .events
        .iter()
        .position(|e| e.get("s3").is_some_and(|s| s.id == node))
        .unwrap_or(0);
    Origin::Event { function, event }
}

fn plan_existing(plan: &mut Plan<'_>, buckets: &[ExistingBucket]) {
    if buckets.is_empty() {
        return;
    }
    let mut step = Some(part(Part::ExistingBuckets));
    for bucket in buckets {
        let function = &plan.functions[bucket.function];
        let origin = event_origin(plan, bucket.function, bucket.events[0]);
        let item = NewItem::resource(
            naming::s3_custom_resource_id(&function.key),
            "Custom::S3",
            origin,
            bucket.events[0],
        );
        plan.push(item, step.take().unwrap_or(PlanPart::Rendered));
    }
    custom_resources::plan_function(plan, Kind::S3, Origin::Service);
}

pub(crate) fn render(rx: &mut Render<'_, '_>, part: Part) {
    match part {
        Part::NewBuckets => render_new(rx),
        Part::ExistingBuckets => render_existing(rx),
    }
}

/// A notification's `Filter` from `rules` (`[{prefix: x}]` → `{Name: prefix, Value: x}`).
fn filter(rx: &mut Render<'_, '_>, node: Node<'_>) -> Option<Value> {
    let rules = value::truthy_opt(value::get(node, "rules"))?;
    let list: Vec<Value> = value::items(rules)
        .filter_map(|rule| value::properties(rule).into_iter().next())
        .map(|p| {
            let v = rx.json(p.value);
            json!({ "Name": p.name(), "Value": v })
        })
        .collect();
    Some(json!({ "S3Key": { "Rules": list } }))
}

fn render_new(rx: &mut Render<'_, '_>) {
    let plan = rx.plan;
    let events = &plan.events.s3.new;
    let mut buckets: Vec<&str> = Vec::new();
    for event in events {
        if !buckets.contains(&event.bucket.as_str()) {
            buckets.push(&event.bucket);
        }
    }
    for bucket in buckets {
        let on_bucket: Vec<&NewBucketEvent> =
            events.iter().filter(|e| e.bucket == bucket).collect();
        let mut configurations = Vec::new();
        let mut depends_on = Vec::new();
        for event in &on_bucket {
            let function = &plan.functions[event.function];
            let node = plan.node(event.node);
            let mut configuration = Map::new();
            let kind = is_object(node)
                .then(|| value::truthy_opt(value::get(node, "event")))
                .flatten()
                .map_or_else(
                    || Value::String("s3:ObjectCreated:*".into()),
                    |e| rx.json(e),
                );
            configuration.insert("Event".into(), kind);
            configuration.insert("Function".into(), function.invoke_target());
            if is_object(node) {
                if let Some(filter) = filter(rx, node) {
                    configuration.insert("Filter".into(), filter);
                }
            }
            configurations.push(Value::Object(configuration));
            depends_on.push(Value::String(naming::s3_permission_id(
                &function.key,
                &event.reference,
            )));
            depends_on.extend(function.alias_id());
        }
        let first = on_bucket[0];
        let mut settings = Map::new();
        if let Some(node) = first.settings {
            for property in value::properties(plan.node(node)) {
                let name = property.name();
                if name != "name" {
                    let v = rx.json(property.value);
                    settings.insert(naming::upper_first(&name), v);
                }
            }
        }
        let provided = if settings.is_empty() {
            None
        } else {
            settings.shift_remove("NotificationConfiguration")
        };
        let mut notification = Map::new();
        notification.insert("LambdaConfigurations".into(), Value::Array(configurations));
        if let Some(Value::Object(provided)) = provided {
            notification.extend(provided);
        }
        let mut properties = Map::new();
        properties.insert("BucketName".into(), bucket.into());
        properties.insert(
            "NotificationConfiguration".into(),
            Value::Object(notification),
        );
        properties.extend(settings);
        rx.template.merge_resource(
            &naming::s3_bucket_id(&first.reference),
            json!({ "Type": "AWS::S3::Bucket", "Properties": properties, "DependsOn": depends_on }),
        );
    }
    for event in events {
        let function = &plan.functions[event.function];
        let mut permission = Map::new();
        permission.insert("Type".into(), "AWS::Lambda::Permission".into());
        if let Some(alias) = function.alias_id() {
            permission.insert("DependsOn".into(), alias);
        }
        permission.insert(
            "Properties".into(),
            json!({
                "FunctionName": function.invoke_target(),
                "Action": "lambda:InvokeFunction",
                "Principal": "s3.amazonaws.com",
                "SourceArn": { "Fn::Join": ["", ["arn:", { "Ref": "AWS::Partition" }, format!(":s3:::{}", event.bucket)]] },
                "SourceAccount": { "Ref": "AWS::AccountId" }
            }),
        );
        rx.template.merge_resource(
            &naming::s3_permission_id(&function.key, &event.reference),
            Value::Object(permission),
        );
    }
}

fn render_existing(rx: &mut Render<'_, '_>) {
    let plan = rx.plan;
    let handler = Kind::S3.function_id();
    let mut statements = Vec::new();
    let mut by_bucket: Vec<(String, Vec<String>)> = Vec::new();
    for bucket in &plan.events.s3.existing {
        let function = &plan.functions[bucket.function];
        let id = naming::s3_custom_resource_id(&function.key);
        let mut configs = Vec::new();
        let mut bucket_value = Value::Null;
        let mut force = false;
        for (i, node) in bucket.events.iter().enumerate() {
            let node = plan.node(*node);
            if i == 0 {
                bucket_value = rx
                    .json_opt(value::get(node, "bucket"))
                    .unwrap_or(Value::Null);
                force = value::get(node, "forceDeploy").is_some_and(value::truthy);
            }
            let kind = value::truthy_opt(value::get(node, "event")).map_or_else(
                || Value::String("s3:ObjectCreated:*".into()),
                |e| rx.json(e),
            );
            let rules: Vec<Value> = value::get(node, "rules")
                .map(|rules| {
                    value::items(rules)
                        .filter_map(|rule| value::properties(rule).into_iter().next())
                        .map(|p| {
                            let v = rx.json(p.value);
                            let mut rule = Map::new();
                            rule.insert(naming::start_case(&p.name()), v);
                            Value::Object(rule)
                        })
                        .collect()
                })
                .unwrap_or_default();
            configs.push(json!({ "Event": kind, "Rules": rules }));
        }
        let mut properties = Map::new();
        properties.insert(
            "ServiceToken".into(),
            json!({ "Fn::GetAtt": [&handler, "Arn"] }),
        );
        properties.insert("FunctionName".into(), function.name.clone().into());
        properties.insert("BucketName".into(), bucket_value.clone());
        properties.insert("BucketConfigs".into(), Value::Array(configs));
        if force {
            // `Date.now()` of the packaging run: a placeholder here.
            properties.insert("ForceDeploy".into(), 0.into());
        }
        rx.template.merge_resource(
            &id,
            json!({
                "Type": "Custom::S3",
                "Version": 1,
                "DependsOn": [function.lambda_id(), &handler],
                "Properties": properties
            }),
        );
        statements.push(json!({
            "Effect": "Allow",
            "Resource": { "Fn::Join": [":", ["arn", { "Ref": "AWS::Partition" }, "s3", "", "", bucket_value]] },
            "Action": ["s3:PutBucketNotification", "s3:GetBucketNotification"]
        }));
        match by_bucket
            .iter_mut()
            .find(|(key, _)| *key == bucket.bucket_key)
        {
            Some((_, ids)) => {
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
            None => by_bucket.push((bucket.bucket_key.clone(), vec![id])),
        }
    }
    statements.push(json!({
        "Effect": "Allow",
        "Resource": { "Fn::Join": [":", ["arn", { "Ref": "AWS::Partition" }, "lambda", { "Ref": "AWS::Region" }, { "Ref": "AWS::AccountId" }, "function", "*"]] },
        "Action": ["lambda:AddPermission", "lambda:RemovePermission"]
    }));
    custom_resources::one_after_another(rx, &by_bucket);
    custom_resources::add(rx, Kind::S3, statements);
}
