//! `schedule` events: per rate an EventBridge rule and its invoke permission, or with
//! `method: scheduler` an `AWS::Scheduler::Schedule` (the default role then trusts the
//! scheduler and may invoke the functions).

use crate::json_literal::json;
use serde_json::{Map, Value};
use sls_model::value::{self, Loaded};
use sls_syntax::{Node, NodeId};

use crate::plan::{NewItem, Origin, Part as PlanPart, Plan};
use crate::render::Render;
use crate::{js_json, naming, CompileError, CompileErrorKind};

/// One rate of one `schedule` event.
#[derive(Debug, Clone)]
pub(crate) struct Rate {
    pub function: usize,
    /// The event's settings.
    pub node: NodeId,
    /// The rate expression's node.
    pub rate: NodeId,
    /// Number of the rate in its function, from 1.
    pub number: usize,
    pub scheduler: bool,
}

#[derive(Debug, Clone, Copy)]
pub(crate) enum Part {
    Rule(usize),
    Schedule(usize),
    SchedulerRole,
}

fn part(part: Part) -> PlanPart {
    PlanPart::Event(super::Part::Schedule(part))
}

fn is_object(node: Node<'_>) -> bool {
    value::loaded(node) == Loaded::Object && node.resolve().tag().is_none()
}

/// `method: scheduler` of an object setting.
fn uses_scheduler(node: Node<'_>) -> bool {
    is_object(node)
        && value::get(node, "method")
            .and_then(value::string)
            .is_some_and(|m| m == "scheduler")
}

pub(crate) fn plan(plan: &mut Plan<'_>) {
    let mut rates = Vec::new();
    let mut errors = Vec::new();
    let mut scheduler_used = false;
    for f in 0..plan.functions.len() {
        let mut number = 0;
        let events: Vec<(usize, Node<'_>)> = plan.functions[f]
            .events
            .iter()
            .enumerate()
            .filter_map(|(e, event)| Some((e, value::truthy_opt(event.get("schedule"))?)))
            .collect();
        for (e, node) in events {
            let scheduler = uses_scheduler(node);
            errors.extend(check(node, scheduler));
            let expressions: Vec<Node<'_>> = if is_object(node) {
                match value::get(node, "rate") {
                    Some(rate) if value::loaded(rate) == Loaded::Array => {
                        value::items(rate).collect()
                    }
                    Some(rate) => vec![rate],
                    None => Vec::new(),
                }
            } else {
                vec![node]
            };
            for rate in expressions {
                number += 1;
                let key = &plan.functions[f].key;
                let origin = Origin::Event {
                    function: f,
                    event: e,
                };
                let index = rates.len();
                if scheduler {
                    scheduler_used = true;
                    let id = naming::scheduler_schedule_id(key, number);
                    plan.push(
                        NewItem::resource(id, "AWS::Scheduler::Schedule", origin, rate.id),
                        part(Part::Schedule(index)),
                    );
                } else {
                    let rule = naming::schedule_rule_id(key, number);
                    let permission = naming::schedule_permission_id(key, number);
                    plan.push(
                        NewItem::resource(rule, "AWS::Events::Rule", origin, rate.id),
                        part(Part::Rule(index)),
                    );
                    plan.push(
                        NewItem::resource(permission, "AWS::Lambda::Permission", origin, rate.id),
                        PlanPart::Rendered,
                    );
                }
                rates.push(Rate {
                    function: f,
                    node: node.id,
                    rate: rate.id,
                    number,
                    scheduler,
                });
            }
        }
    }
    for error in errors {
        plan.error(error);
    }
    if scheduler_used {
        plan.push_step(part(Part::SchedulerRole));
    }
    plan.events.schedule = rates;
}

/// The combinations the framework refuses.
fn check(node: Node<'_>, scheduler: bool) -> Vec<CompileError> {
    if !is_object(node) {
        return Vec::new();
    }
    let mut errors = Vec::new();
    let mut refuse = |message: &str, at: Node<'_>| {
        errors.push(CompileError::new(
            CompileErrorKind::InvalidValue,
            message,
            Some(at.id),
        ));
    };
    let rate_count = value::get(node, "rate").map_or(0, |r| match value::loaded(r) {
        Loaded::Array => value::items(r).count(),
        _ => 1,
    });
    if let Some(name) = value::truthy_opt(value::get(node, "name")) {
        if rate_count > 1 {
            refuse(
                "You cannot specify a name when defining more than one rate expression",
                name,
            );
        }
    }
    if let Some(transformer) = value::truthy_opt(value::get(node, "inputTransformer")) {
        if scheduler {
            refuse("Cannot setup \"schedule\" event: \"inputTransformer\" is not supported with \"scheduler\" mode", transformer);
        }
    }
    if let Some(path) = value::truthy_opt(value::get(node, "inputPath")) {
        if scheduler {
            refuse("Cannot setup \"schedule\" event: \"inputPath\" is not supported with \"scheduler\" mode", path);
        }
    }
    if let Some(timezone) = value::truthy_opt(value::get(node, "timezone")) {
        if !scheduler {
            refuse("Cannot setup \"schedule\" event: \"timezone\" is only supported with \"scheduler\" mode", timezone);
        }
    }
    errors
}

/// `input` as the target's `Input` text: a string as is, an object as its JSON (a string
/// `body` parsed first).
fn input(rx: &mut Render<'_, '_>, node: Node<'_>) -> Option<Value> {
    let input = value::truthy_opt(value::get(node, "input"))?;
    match rx.json(input) {
        Value::Object(mut map) => {
            if let Some(Value::String(body)) = map.get("body") {
                if let Ok(parsed) = serde_json::from_str::<Value>(body) {
                    map.insert("body".into(), parsed);
                }
            }
            Some(Value::String(js_json::stringify(&Value::Object(map))))
        }
        other => Some(other),
    }
}

fn setting(rx: &mut Render<'_, '_>, node: Node<'_>, key: &str) -> Option<Value> {
    let found = value::truthy_opt(value::get(node, key))?;
    Some(rx.json(found))
}

pub(crate) fn render(rx: &mut Render<'_, '_>, part: Part) {
    match part {
        Part::Rule(i) => render_rule(rx, i),
        Part::Schedule(i) => render_schedule(rx, i),
        Part::SchedulerRole => render_scheduler_role(rx),
    }
}

fn state(node: Node<'_>) -> &'static str {
    let disabled =
        is_object(node) && value::get(node, "enabled").and_then(value::boolean) == Some(false);
    if disabled {
        "DISABLED"
    } else {
        "ENABLED"
    }
}

fn render_rule(rx: &mut Render<'_, '_>, i: usize) {
    let plan = rx.plan;
    let rate = &plan.events.schedule[i];
    let function = &plan.functions[rate.function];
    let node = plan.node(rate.node);
    let object = is_object(node);
    let expression = rx.json(plan.node(rate.rate));
    let mut properties = Map::new();
    properties.insert("ScheduleExpression".into(), expression);
    properties.insert("State".into(), state(node).into());
    let mut target = Map::new();
    if object {
        if let Some(name) = setting(rx, node, "name") {
            properties.insert("Name".into(), name);
        }
        if let Some(description) = setting(rx, node, "description") {
            properties.insert("Description".into(), description);
        }
        if let Some(input) = input(rx, node) {
            target.insert("Input".into(), input);
        }
        if let Some(path) = setting(rx, node, "inputPath") {
            target.insert("InputPath".into(), path);
        }
        if let Some(transformer) = value::truthy_opt(value::get(node, "inputTransformer")) {
            let mut out = Map::new();
            let template = rx.json_opt(value::get(transformer, "inputTemplate"));
            out.insert("InputTemplate".into(), template.unwrap_or(Value::Null));
            if let Some(paths) = setting(rx, transformer, "inputPathsMap") {
                out.insert("InputPathsMap".into(), paths);
            }
            target.insert("InputTransformer".into(), Value::Object(out));
        }
    }
    target.insert("Arn".into(), function.invoke_target());
    target.insert("Id".into(), format!("{}Schedule", function.key).into());
    properties.insert("Targets".into(), json!([target]));
    let rule_id = naming::schedule_rule_id(&function.key, rate.number);
    let mut rule = Map::new();
    rule.insert("Type".into(), "AWS::Events::Rule".into());
    if let Some(alias) = function.alias_id() {
        rule.insert("DependsOn".into(), alias);
    }
    rule.insert("Properties".into(), Value::Object(properties));
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
            "Principal": "events.amazonaws.com",
            "SourceArn": { "Fn::GetAtt": [&rule_id, "Arn"] }
        }),
    );
    rx.template.set_resource(&rule_id, Value::Object(rule));
    rx.template.set_resource(
        &naming::schedule_permission_id(&function.key, rate.number),
        Value::Object(permission),
    );
}

fn render_schedule(rx: &mut Render<'_, '_>, i: usize) {
    let plan = rx.plan;
    let rate = &plan.events.schedule[i];
    let function = &plan.functions[rate.function];
    let node = plan.node(rate.node);
    let expression = rx.json(plan.node(rate.rate));
    let role = rx
        .template
        .resources
        .get_mut(&function.lambda_id())
        .and_then(|f| f.pointer("/Properties/Role"))
        .cloned()
        .unwrap_or(Value::Null);
    let input = input(rx, node).unwrap_or(Value::Null);
    let name = setting(rx, node, "name").unwrap_or(Value::Null);
    let description = setting(rx, node, "description").unwrap_or(Value::Null);
    let timezone = setting(rx, node, "timezone").unwrap_or(Value::Null);
    let mut resource = Map::new();
    resource.insert("Type".into(), "AWS::Scheduler::Schedule".into());
    if let Some(alias) = function.alias_id() {
        resource.insert("DependsOn".into(), alias);
    }
    resource.insert(
        "Properties".into(),
        json!({
            "ScheduleExpression": expression,
            "State": state(node),
            "Target": { "Arn": function.invoke_target(), "RoleArn": role, "Input": input },
            "FlexibleTimeWindow": { "Mode": "OFF" },
            "Name": name,
            "Description": description,
            "ScheduleExpressionTimezone": timezone
        }),
    );
    rx.template.set_resource(
        &naming::scheduler_schedule_id(&function.key, rate.number),
        Value::Object(resource),
    );
}

/// The default role trusts the scheduler and may invoke the functions it schedules.
fn render_scheduler_role(rx: &mut Render<'_, '_>) {
    let plan = rx.plan;
    let mut resources = Vec::new();
    let mut seen = Vec::new();
    for rate in plan.events.schedule.iter().filter(|r| r.scheduler) {
        if seen.contains(&rate.function) {
            continue;
        }
        seen.push(rate.function);
        let arn = format!(
            "arn:${{AWS::Partition}}:lambda:${{AWS::Region}}:${{AWS::AccountId}}:function:{}",
            plan.functions[rate.function].name
        );
        resources.push(json!({ "Fn::Sub": &arn }));
        resources.push(json!({ "Fn::Sub": format!("{arn}:*") }));
    }
    let Some(role) = rx
        .template
        .resources
        .get_mut(naming::IAM_ROLE_LAMBDA_EXECUTION_ID)
    else {
        return;
    };
    if let Some(Value::Array(trust)) =
        role.pointer_mut("/Properties/AssumeRolePolicyDocument/Statement")
    {
        let lambda = trust.iter_mut().find(|s| {
            s.pointer("/Principal/Service")
                .and_then(Value::as_array)
                .is_some_and(|list| list.iter().any(|v| v == "lambda.amazonaws.com"))
        });
        if let Some(Value::Array(services)) =
            lambda.and_then(|s| s.pointer_mut("/Principal/Service"))
        {
            services.push("scheduler.amazonaws.com".into());
        }
    }
    rx.template.append_statement(json!({
        "Effect": "Allow",
        "Action": ["lambda:InvokeFunction"],
        "Resource": resources
    }));
}
