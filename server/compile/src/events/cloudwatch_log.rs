//! `cloudwatchLog` events: a subscription filter per event sending the log group to the
//! function, and one permission per function for CloudWatch Logs to invoke it (its source the
//! common start of the function's log group names).

use crate::json_literal::json;
use serde_json::Value;
use sls_model::value::{self, Loaded};
use sls_syntax::Node;

use crate::plan::{NewItem, Origin, Part as PlanPart, Plan};
use crate::render::Render;
use crate::{naming, CompileError, CompileErrorKind};

/// At most this many subscription filters per log group (the framework counts them across the
/// whole service).
const FILTERS_PER_LOG_GROUP: usize = 2;

/// One `cloudwatchLog` event.
#[derive(Debug, Clone)]
pub(crate) struct Subscription {
    pub function: usize,
    pub number: usize,
    pub log_group: String,
    pub filter: String,
}

fn is_object(node: Node<'_>) -> bool {
    value::loaded(node) == Loaded::Object && node.resolve().tag().is_none()
}

fn one_line(text: &str) -> String {
    text.replace("\r\n", "").replace('\n', "")
}

/// The filter pattern: escaped quotes unescaped once when the first quote comes after a
/// backslash.
fn filter_pattern(text: &str) -> String {
    let (Some(slash), Some(quote)) = (text.find('\\'), text.find('"')) else {
        return text.to_owned();
    };
    if quote <= slash {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(&next) = chars.peek() {
                if matches!(next, '"' | '\\' | '\'') {
                    out.push(next);
                    chars.next();
                    continue;
                }
            }
        }
        out.push(c);
    }
    out
}

pub(crate) fn plan(plan: &mut Plan<'_>) {
    let mut subscriptions = Vec::new();
    let mut errors = Vec::new();
    let mut per_group: Vec<(String, usize)> = Vec::new();
    for f in 0..plan.functions.len() {
        let events: Vec<(usize, Node<'_>)> = plan.functions[f]
            .events
            .iter()
            .enumerate()
            .filter_map(|(e, event)| Some((e, value::truthy_opt(event.get("cloudwatchLog"))?)))
            .collect();
        for (number, (e, node)) in events.into_iter().enumerate() {
            let number = number + 1;
            let (group, filter) = if is_object(node) {
                let group = value::get(node, "logGroup")
                    .and_then(value::string)
                    .map(|g| one_line(&g));
                let filter = value::truthy_opt(value::get(node, "filter"))
                    .and_then(value::string)
                    .map(|f| one_line(&f))
                    .unwrap_or_default();
                (group, filter)
            } else {
                (value::string(node).map(|g| one_line(&g)), String::new())
            };
            let Some(group) = group else {
                errors.push(CompileError::new(
                    CompileErrorKind::MissingKey,
                    "A cloudwatchLog event needs a \"logGroup\" (the framework crashes with a TypeError)",
                    Some(node.id),
                ));
                continue;
            };
            let count = match per_group.iter_mut().find(|(g, _)| *g == group) {
                Some((_, n)) => {
                    *n += 1;
                    *n
                }
                None => {
                    per_group.push((group.clone(), 1));
                    1
                }
            };
            if count > FILTERS_PER_LOG_GROUP {
                errors.push(CompileError::new(
                    CompileErrorKind::InvalidValue,
                    format!("Only {FILTERS_PER_LOG_GROUP} subscription filters can be configured per log group. You're attempting to configure more subscription filters than allowed for \"{group}\"."),
                    Some(node.id),
                ));
                continue;
            }
            let key = plan.functions[f].key.clone();
            let key_node = plan.functions[f].key_node;
            let origin = Origin::Event {
                function: f,
                event: e,
            };
            let index = subscriptions.len();
            plan.push(
                NewItem::resource(
                    naming::cloudwatch_log_filter_id(&key, number),
                    "AWS::Logs::SubscriptionFilter",
                    origin,
                    node.id,
                ),
                PlanPart::Event(super::Part::CloudwatchLog(index)),
            );
            plan.push(
                NewItem::resource(
                    naming::cloudwatch_log_permission_id(&key),
                    "AWS::Lambda::Permission",
                    Origin::Function(f),
                    key_node,
                ),
                PlanPart::Rendered,
            );
            subscriptions.push(Subscription {
                function: f,
                number,
                log_group: group,
                filter: filter_pattern(&filter),
            });
        }
    }
    for error in errors {
        plan.error(error);
    }
    plan.events.cloudwatch_log = subscriptions;
}

/// The common start of the names (with `*` appended when there are several and it does not
/// end in one).
fn common_start(names: &[&str]) -> String {
    let Some(first) = names.first() else {
        return String::new();
    };
    let mut common: Vec<char> = first.chars().collect();
    for name in &names[1..] {
        let other: Vec<char> = name.chars().collect();
        let same = common
            .iter()
            .zip(&other)
            .take_while(|(a, b)| a == b)
            .count();
        if same < common.len() {
            common.truncate(same);
        }
    }
    let mut out: String = common.into_iter().collect();
    if names.len() > 1 && !out.ends_with('*') {
        out.push('*');
    }
    out
}

pub(crate) fn render(rx: &mut Render<'_, '_>, i: usize) {
    let plan = rx.plan;
    let all = &plan.events.cloudwatch_log;
    let subscription = &all[i];
    let function = &plan.functions[subscription.function];
    let permission_id = naming::cloudwatch_log_permission_id(&function.key);
    let mut depends_on = vec![Value::String(permission_id.clone())];
    depends_on.extend(function.alias_id());
    let groups: Vec<&str> = all[..=i]
        .iter()
        .filter(|s| s.function == subscription.function)
        .map(|s| s.log_group.as_str())
        .collect();
    let mut permission = serde_json::Map::new();
    permission.insert("Type".into(), "AWS::Lambda::Permission".into());
    if let Some(alias) = function.alias_id() {
        permission.insert("DependsOn".into(), json!([alias]));
    }
    permission.insert(
        "Properties".into(),
        json!({
            "FunctionName": function.invoke_target(),
            "Action": "lambda:InvokeFunction",
            "Principal": { "Fn::Join": ["", ["logs.", { "Ref": "AWS::Region" }, ".amazonaws.com"]] },
            "SourceArn": { "Fn::Join": ["", [
                "arn:", { "Ref": "AWS::Partition" }, ":logs:", { "Ref": "AWS::Region" }, ":",
                { "Ref": "AWS::AccountId" }, ":log-group:", common_start(&groups), ":*"
            ]] }
        }),
    );
    rx.template.merge_resource(
        &naming::cloudwatch_log_filter_id(&function.key, subscription.number),
        json!({
            "Type": "AWS::Logs::SubscriptionFilter",
            "DependsOn": depends_on,
            "Properties": {
                "LogGroupName": &subscription.log_group,
                "FilterPattern": &subscription.filter,
                "DestinationArn": function.invoke_target()
            }
        }),
    );
    rx.template
        .merge_resource(&permission_id, serde_json::Value::Object(permission));
}
