//! `iot` events: per event an IoT topic rule whose action invokes the function, and the
//! permission for IoT to invoke it.

use crate::json_literal::json;
use serde_json::{Map, Value};
use sls_model::value;
use sls_syntax::{Node, NodeId};

use crate::plan::{NewItem, Origin, Part as PlanPart, Plan};
use crate::render::Render;
use crate::{naming, CompileError, CompileErrorKind};

/// One `iot` event.
#[derive(Debug, Clone)]
pub(crate) struct TopicRule {
    pub function: usize,
    pub node: NodeId,
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
            .filter_map(|(e, event)| Some((e, value::truthy_opt(event.get("iot"))?)))
            .collect();
        for (number, (e, node)) in events.into_iter().enumerate() {
            let number = number + 1;
            if value::get(node, "sql").and_then(value::string).is_none() {
                errors.push(CompileError::new(
                    CompileErrorKind::MissingKey,
                    "An iot event needs \"sql\" (the framework crashes with a TypeError)",
                    Some(node.id),
                ));
                continue;
            }
            let key = &plan.functions[f].key;
            let origin = Origin::Event {
                function: f,
                event: e,
            };
            let rule = naming::iot_rule_id(key, number);
            let permission = naming::iot_permission_id(key, number);
            let index = rules.len();
            plan.push(
                NewItem::resource(rule, "AWS::IoT::TopicRule", origin, node.id),
                PlanPart::Event(super::Part::Iot(index)),
            );
            plan.push(
                NewItem::resource(permission, "AWS::Lambda::Permission", origin, node.id),
                PlanPart::Rendered,
            );
            rules.push(TopicRule {
                function: f,
                node: node.id,
                number,
            });
        }
    }
    for error in errors {
        plan.error(error);
    }
    plan.events.iot = rules;
}

pub(crate) fn render(rx: &mut Render<'_, '_>, i: usize) {
    let plan = rx.plan;
    let rule = &plan.events.iot[i];
    let function = &plan.functions[rule.function];
    let node = plan.node(rule.node);
    let line = |key: &str| {
        value::truthy_opt(value::get(node, key))
            .and_then(value::string)
            .map(|s| s.replace("\r\n", "").replace('\n', ""))
    };
    let disabled = value::get(node, "enabled").and_then(value::boolean) == Some(false);
    let mut payload = Map::new();
    payload.insert("RuleDisabled".into(), disabled.into());
    payload.insert("Sql".into(), line("sql").unwrap_or_default().into());
    payload.insert(
        "Actions".into(),
        json!([{ "Lambda": { "FunctionArn": function.invoke_target() } }]),
    );
    if let Some(description) = line("description") {
        payload.insert("Description".into(), description.into());
    }
    if let Some(version) = line("sqlVersion") {
        payload.insert("AwsIotSqlVersion".into(), version.into());
    }
    let mut properties = Map::new();
    properties.insert("TopicRulePayload".into(), Value::Object(payload));
    if let Some(name) = line("name") {
        properties.insert("RuleName".into(), name.into());
    }
    let rule_id = naming::iot_rule_id(&function.key, rule.number);
    let with_alias = |ty: &str, properties: Value| {
        let mut resource = Map::new();
        resource.insert("Type".into(), ty.into());
        if let Some(alias) = function.alias_id() {
            resource.insert("DependsOn".into(), alias);
        }
        resource.insert("Properties".into(), properties);
        Value::Object(resource)
    };
    let permission = with_alias(
        "AWS::Lambda::Permission",
        json!({
            "FunctionName": function.invoke_target(),
            "Action": "lambda:InvokeFunction",
            "Principal": "iot.amazonaws.com",
            "SourceArn": { "Fn::Join": ["", [
                "arn:", { "Ref": "AWS::Partition" }, ":iot:", { "Ref": "AWS::Region" }, ":",
                { "Ref": "AWS::AccountId" }, ":rule/", { "Ref": &rule_id }
            ]] }
        }),
    );
    rx.template.merge_resource(
        &rule_id,
        with_alias("AWS::IoT::TopicRule", Value::Object(properties)),
    );
    rx.template.merge_resource(
        &naming::iot_permission_id(&function.key, rule.number),
        permission,
    );
}
