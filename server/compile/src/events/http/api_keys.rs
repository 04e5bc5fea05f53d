//! `provider.apiGateway.apiKeys` and `usagePlan`: the API keys, the usage plans (one `default`
//! plan, or one per named plan) and the keys' attachment to their plans.

use crate::json_literal::json;
use serde_json::{Map, Value};
use sls_model::value::{self, Loaded};
use sls_syntax::Node;

use super::{api_gateway, part, Part};
use crate::naming;
use crate::plan::{NewItem, Origin, Plan};
use crate::render::Render;
use crate::{coerced, CompileError, CompileErrorKind};

/// One API key to create: its ids and the setting it is made from.
struct Key<'a> {
    id: String,
    plan_key_id: String,
    plan_id: String,
    setting: Node<'a>,
}

/// The names of the usage plans (`default` when `usagePlan` is not a list).
fn plan_names(plan: &Plan<'_>) -> Vec<String> {
    let usage = api_gateway(plan, "usagePlan");
    let keys = value::truthy_opt(api_gateway(plan, "apiKeys"));
    match usage.filter(|u| value::truthy(*u)) {
        Some(u) if value::loaded(u) == Loaded::Array => value::items(u)
            .filter_map(|p| first_key(p).map(|(name, _)| name))
            .collect(),
        Some(_) => vec!["default".into()],
        None if keys.is_some() => vec!["default".into()],
        None => Vec::new(),
    }
}

/// `Object.keys(x)[0]` with its value (a string's first key is `"0"`).
fn first_key(node: Node<'_>) -> Option<(String, Option<Node<'_>>)> {
    match value::loaded(node) {
        Loaded::Object => value::properties(node)
            .into_iter()
            .next()
            .map(|p| (p.name().into_owned(), Some(p.value))),
        Loaded::String(s) if !s.is_empty() => Some(("0".into(), None)),
        _ => None,
    }
}

/// The keys in the framework's numbering: per named plan from 1, else one running count.
fn keys<'a>(plan: &Plan<'a>) -> Vec<Key<'a>> {
    let Some(list) = value::truthy_opt(api_gateway(plan, "apiKeys")) else {
        return Vec::new();
    };
    let usage = api_gateway(plan, "usagePlan").filter(|u| value::loaded(*u) == Loaded::Array);
    let usage_names: Vec<String> = usage
        .map(|u| {
            value::items(u)
                .filter_map(|p| first_key(p).map(|(n, _)| n))
                .collect()
        })
        .unwrap_or_default();
    let mut out = Vec::new();
    let mut number = 0;
    for definition in value::items(list) {
        let first = first_key(definition);
        let grouped = value::loaded(definition) == Loaded::Object
            && first
                .as_ref()
                .is_some_and(|(name, _)| usage_names.contains(name));
        match (grouped, first) {
            (true, Some((name, Some(group)))) => {
                number = 0;
                let normalized = naming::upper_first(&name);
                let plan_id = format!("ApiGatewayUsagePlan{normalized}");
                for key in value::items(group) {
                    number += 1;
                    out.push(Key {
                        id: format!("ApiGatewayApiKey{normalized}{number}"),
                        plan_key_id: format!("ApiGatewayUsagePlanKey{normalized}{number}"),
                        plan_id: plan_id.clone(),
                        setting: key,
                    });
                }
            }
            _ => {
                number += 1;
                out.push(Key {
                    id: format!("ApiGatewayApiKey{number}"),
                    plan_key_id: format!("ApiGatewayUsagePlanKey{number}"),
                    plan_id: "ApiGatewayUsagePlan".into(),
                    setting: definition,
                });
            }
        }
    }
    out
}

pub(super) fn plan(plan: &mut Plan<'_>) {
    let root = plan.root();
    let source = |plan: &Plan<'_>, key: &str| api_gateway(plan, key).map_or(root, |n| n.id);
    let keys_source = source(plan, "apiKeys");
    let planned: Vec<String> = keys(plan).into_iter().map(|k| k.id).collect();
    for (i, id) in planned.into_iter().enumerate() {
        let item = NewItem::resource(id, "AWS::ApiGateway::ApiKey", Origin::Service, keys_source);
        // All keys render in the first one's step.
        let step = if i == 0 {
            part(Part::ApiKeys)
        } else {
            crate::plan::Part::Rendered
        };
        plan.push(item, step);
    }
    let names = plan_names(plan);
    let plans_source = source(plan, "usagePlan");
    let usage_is_list =
        api_gateway(plan, "usagePlan").is_some_and(|u| value::loaded(u) == Loaded::Array);
    for (i, name) in names.iter().enumerate() {
        let id = if usage_is_list {
            naming::rest_usage_plan_id(Some(name))
        } else {
            naming::rest_usage_plan_id(None)
        };
        let step = if i == 0 {
            part(Part::UsagePlans)
        } else {
            crate::plan::Part::Rendered
        };
        plan.push(
            NewItem::resource(
                id,
                "AWS::ApiGateway::UsagePlan",
                Origin::Service,
                plans_source,
            ),
            step,
        );
    }
    let keys: Vec<(String, String)> = keys(plan)
        .into_iter()
        .map(|k| (k.plan_key_id, k.id))
        .collect();
    if let Some(error) = key_without_plan(plan, &names) {
        plan.error(error);
        return;
    }
    for (i, (id, _)) in keys.into_iter().enumerate() {
        let step = if i == 0 {
            part(Part::UsagePlanKeys)
        } else {
            crate::plan::Part::Rendered
        };
        plan.push(
            NewItem::resource(
                id,
                "AWS::ApiGateway::UsagePlanKey",
                Origin::Service,
                keys_source,
            ),
            step,
        );
    }
}

/// A key grouped under a name that no usage plan has.
fn key_without_plan(plan: &Plan<'_>, names: &[String]) -> Option<CompileError> {
    let list = value::truthy_opt(api_gateway(plan, "apiKeys"))?;
    for definition in value::items(list) {
        let Some((name, Some(group))) = first_key(definition) else {
            continue;
        };
        let is_object = matches!(value::loaded(group), Loaded::Object | Loaded::Array);
        if !names.is_empty() && !names.contains(&name) && is_object {
            return Some(CompileError::new(
                CompileErrorKind::InvalidValue,
                format!("API key \"{name}\" has no usage plan defined"),
                Some(definition.id),
            ));
        }
    }
    None
}

fn deployment_id() -> Value {
    Value::String(naming::rest_deployment_id())
}

pub(super) fn render_keys(rx: &mut Render<'_, '_>) {
    let stage = rx.plan.service.stage.clone();
    for key in keys(rx.plan) {
        let setting = key.setting;
        let is_object = value::loaded(setting) == Loaded::Object;
        let field = |k: &str| is_object.then(|| value::get(setting, k)).flatten();
        let string =
            |rx: &mut Render<'_, '_>, n: Option<Node<'_>>| n.map(|n| coerced::string(rx, n));
        let name = if is_object {
            string(rx, field("name"))
        } else {
            Some(coerced::string(rx, setting))
        };
        let api_value = string(rx, field("value").filter(|v| value::truthy(*v)));
        let description = string(rx, field("description"));
        let customer = string(rx, field("customerId"));
        let enabled = match field("enabled").filter(|e| value::loaded(*e) != Loaded::Null) {
            Some(e) => value::boolean(e).map_or_else(|| rx.json(e), Value::Bool),
            None => Value::Bool(true),
        };
        let api = super::render::api_ref(rx);
        let mut properties = Map::new();
        properties.insert("Enabled".into(), enabled);
        properties.insert("Name".into(), name.unwrap_or(Value::Null));
        properties.insert("Value".into(), api_value.unwrap_or(Value::Null));
        properties.insert("Description".into(), description.unwrap_or(Value::Null));
        properties.insert("CustomerId".into(), customer.unwrap_or(Value::Null));
        properties.insert(
            "StageKeys".into(),
            json!([{ "RestApiId": api, "StageName": &stage }]),
        );
        rx.template.merge_resource(
            &key.id,
            json!({ "Type": "AWS::ApiGateway::ApiKey", "Properties": properties, "DependsOn": deployment_id() }),
        );
    }
}

pub(super) fn render_plans(rx: &mut Render<'_, '_>) {
    let plan = rx.plan;
    let service = &plan.service;
    let usage = api_gateway(plan, "usagePlan").filter(|u| value::truthy(*u));
    let list = usage.filter(|u| value::loaded(*u) == Loaded::Array);
    for name in plan_names(plan) {
        let api = super::render::api_ref(rx);
        let (id, plan_name, description, quota, throttle) = match list {
            Some(list) => {
                let settings = |key: &str| {
                    value::items(list)
                        .filter_map(|p| value::get(p, &name))
                        .filter_map(|p| value::truthy_opt(value::get(p, key)))
                        .last()
                };
                (
                    naming::rest_usage_plan_id(Some(&name)),
                    format!("{}-{name}-{}", service.name, service.stage),
                    format!(
                        "Usage plan \"{name}\" for {} {} stage",
                        service.name, service.stage
                    ),
                    settings("quota"),
                    settings("throttle"),
                )
            }
            None => (
                naming::rest_usage_plan_id(None),
                format!("{}-{}", service.name, service.stage),
                format!("Usage plan for {} {} stage", service.name, service.stage),
                usage.and_then(|u| value::truthy_opt(value::get(u, "quota"))),
                usage.and_then(|u| value::truthy_opt(value::get(u, "throttle"))),
            ),
        };
        let mut properties = Map::new();
        properties.insert(
            "ApiStages".into(),
            json!([{ "ApiId": api, "Stage": &service.stage }]),
        );
        properties.insert("Description".into(), description.into());
        properties.insert("UsagePlanName".into(), plan_name.into());
        if let Some(quota) = quota {
            let fields = limits(
                rx,
                quota,
                &[
                    ("limit", "Limit"),
                    ("offset", "Offset"),
                    ("period", "Period"),
                ],
            );
            properties.insert("Quota".into(), fields);
        }
        if let Some(throttle) = throttle {
            let fields = limits(
                rx,
                throttle,
                &[("burstLimit", "BurstLimit"), ("rateLimit", "RateLimit")],
            );
            properties.insert("Throttle".into(), fields);
        }
        rx.template.merge_resource(
            &id,
            json!({ "Type": "AWS::ApiGateway::UsagePlan", "DependsOn": deployment_id(), "Properties": properties }),
        );
    }
}

/// The fields of a quota or throttle that are set.
fn limits(rx: &mut Render<'_, '_>, node: Node<'_>, fields: &[(&str, &str)]) -> Value {
    let mut out = Map::new();
    for (from, to) in fields {
        if let Some(v) = value::get(node, from) {
            let v = rx.json(v);
            out.insert((*to).into(), v);
        }
    }
    Value::Object(out)
}

pub(super) fn render_plan_keys(rx: &mut Render<'_, '_>) {
    for key in keys(rx.plan) {
        rx.template.merge_resource(
            &key.plan_key_id,
            json!({
                "Type": "AWS::ApiGateway::UsagePlanKey",
                "Properties": {
                    "KeyId": { "Ref": key.id },
                    "KeyType": "API_KEY",
                    "UsagePlanId": { "Ref": key.plan_id }
                }
            }),
        );
    }
}
