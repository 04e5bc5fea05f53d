//! `iotFleetProvisioning` events: per function (one such event at most) an
//! `AWS::IoT::ProvisioningTemplate` whose pre-provisioning hook is the function, and the
//! permission letting IoT invoke it.

use crate::json_literal::json;
use serde_json::{Map, Value};
use sls_model::value;
use sls_syntax::Node;

use super::brokers::setting;
use crate::plan::{NewItem, Origin, Part as PlanPart, Plan};
use crate::render::Render;
use crate::{coerced, js_json, naming, CompileError, CompileErrorKind};

/// How a provisioning step renders (the function's index and its event's settings).
#[derive(Debug, Clone, Copy)]
pub(crate) enum Part {
    Template(usize, sls_syntax::NodeId),
    Permission(usize),
}

fn part(part: Part) -> PlanPart {
    PlanPart::Event(super::Part::IotFleetProvisioning(part))
}

pub(crate) fn plan(plan: &mut Plan<'_>) {
    for f in 0..plan.functions.len() {
        let events: Vec<(usize, Node<'_>)> = plan.functions[f]
            .events
            .iter()
            .enumerate()
            .filter_map(|(e, event)| {
                Some((e, value::truthy_opt(event.get("iotFleetProvisioning"))?))
            })
            .collect();
        if let Some((_, second)) = events.get(1) {
            let key = &plan.functions[f].key;
            plan.error(CompileError::new(
                CompileErrorKind::InvalidValue,
                format!("Found more than one iotFleetProvision event for function {key}"),
                Some(second.id),
            ));
            continue;
        }
        for (e, node) in events {
            let key = plan.functions[f].key.clone();
            let origin = Origin::Event {
                function: f,
                event: e,
            };
            plan.push(
                NewItem::resource(
                    naming::iot_provisioning_template_id(&key),
                    "AWS::IoT::ProvisioningTemplate",
                    origin,
                    node.id,
                ),
                part(Part::Template(f, node.id)),
            );
            plan.push(
                NewItem::resource(
                    naming::iot_provisioning_permission_id(&key),
                    "AWS::Lambda::Permission",
                    origin,
                    node.id,
                ),
                part(Part::Permission(f)),
            );
        }
    }
}

pub(crate) fn render(rx: &mut Render<'_, '_>, part: Part) {
    let plan = rx.plan;
    match part {
        Part::Template(f, node) => {
            let function = &plan.functions[f];
            let node = plan.node(node);
            let mut properties = Map::new();
            let enabled = match setting(node, "enabled") {
                Some(enabled) => {
                    value::boolean(enabled).map_or_else(|| rx.json(enabled), Value::Bool)
                }
                None => Value::Bool(true),
            };
            properties.insert("Enabled".into(), enabled);
            properties.insert(
                "PreProvisioningHook".into(),
                json!({ "TargetArn": function.invoke_target() }),
            );
            let role = rx.json_opt(setting(node, "provisioningRoleArn"));
            properties.insert("ProvisioningRoleArn".into(), role.unwrap_or(Value::Null));
            let body = rx
                .json_opt(setting(node, "templateBody"))
                .map_or(Value::Null, |body| js_json::stringify(&body).into());
            properties.insert("TemplateBody".into(), body);
            if let Some(name) = value::truthy_opt(setting(node, "templateName")) {
                let name = coerced::string(rx, name);
                properties.insert("TemplateName".into(), name);
            }
            let mut depends_on = vec![Value::String(naming::iot_provisioning_permission_id(
                &function.key,
            ))];
            depends_on.extend(function.alias_id());
            rx.template.set_resource(
                &naming::iot_provisioning_template_id(&function.key),
                json!({ "Type": "AWS::IoT::ProvisioningTemplate", "Properties": properties, "DependsOn": depends_on }),
            );
        }
        Part::Permission(f) => {
            let function = &plan.functions[f];
            let mut resource = Map::new();
            resource.insert("Type".into(), "AWS::Lambda::Permission".into());
            if let Some(alias) = function.alias_id() {
                resource.insert("DependsOn".into(), alias);
            }
            resource.insert(
                "Properties".into(),
                json!({
                    "FunctionName": function.invoke_target(),
                    "Action": "lambda:InvokeFunction",
                    "Principal": "iot.amazonaws.com"
                }),
            );
            rx.template.set_resource(
                &naming::iot_provisioning_permission_id(&function.key),
                Value::Object(resource),
            );
        }
    }
}
