//! Rendering `alb` events: the Lambda target group (name, tag, multi-value headers, health
//! check), the listener rule (authenticate actions, forward action, conditions) and the two
//! invoke permissions of the function.

use crate::json_literal::json;
use serde_json::{Map, Value};
use sls_model::value::{self, Loaded};
use sls_syntax::Node;

use super::{authorizer_names, AlbEvent, Part};
use crate::events::brokers::{is_object, setting};
use crate::render::Render;
use crate::{coerced, naming};

pub(crate) fn render(rx: &mut Render<'_, '_>, part: Part) {
    match part {
        Part::TargetGroup(i) => render_target_group(rx, i),
        Part::ListenerRule(i) => render_listener_rule(rx, i),
        Part::Permissions(i) => render_permissions(rx, i),
    }
}

fn event<'p>(rx: &Render<'p, '_>, i: usize) -> &'p AlbEvent {
    &rx.plan.events.alb[i]
}

fn target_group_id(rx: &Render<'_, '_>, event: &AlbEvent) -> String {
    let key = &rx.plan.functions[event.function].key;
    naming::alb_target_group_id(key, &event.alb_id, event.multi_value)
}

fn render_target_group(rx: &mut Render<'_, '_>, i: usize) {
    let plan = rx.plan;
    let event = event(rx, i);
    let function = &plan.functions[event.function];
    let node = plan.node(event.node);
    let service = &plan.service;
    let name = match value::truthy_opt(setting(node, "targetGroupName")) {
        Some(name) => coerced::string(rx, name),
        None => {
            let prefix = value::truthy_opt(service.provider_at(&["alb", "targetGroupPrefix"]))
                .and_then(value::string)
                .unwrap_or_default();
            let tag = naming::alb_target_group_tag(
                &service.name,
                &function.key,
                &event.alb_id,
                event.multi_value,
                &service.stage,
            );
            naming::alb_target_group_name(&prefix, &tag).into()
        }
    };
    let tag = naming::alb_target_group_tag(
        &service.name,
        &function.key,
        &event.alb_id,
        false,
        &service.stage,
    );
    let multi_value = match value::truthy_opt(setting(node, "multiValueHeaders")) {
        Some(multi) => value::boolean(multi).map_or_else(|| rx.json(multi), Value::Bool),
        None => Value::Bool(false),
    };
    let mut properties = Map::new();
    properties.insert("TargetType".into(), "lambda".into());
    properties.insert(
        "Targets".into(),
        json!([{ "Id": function.invoke_target() }]),
    );
    properties.insert("Name".into(), name);
    properties.insert("Tags".into(), json!([{ "Key": "Name", "Value": tag }]));
    properties.insert(
        "TargetGroupAttributes".into(),
        json!([{ "Key": "lambda.multi_value_headers.enabled", "Value": multi_value }]),
    );
    health_check(
        rx,
        &mut properties,
        value::truthy_opt(setting(node, "healthCheck")),
    );
    let mut depends_on = vec![Value::String(naming::alb_register_target_permission_id(
        &function.key,
    ))];
    depends_on.extend(function.alias_id());
    let id = target_group_id(rx, event);
    rx.template.set_resource(
        &id,
        json!({ "Type": "AWS::ElasticLoadBalancingV2::TargetGroup", "Properties": properties, "DependsOn": depends_on }),
    );
}

/// The health check properties: disabled unless `healthCheck` is set, then the defaults with
/// the settings of an object over them.
fn health_check(
    rx: &mut Render<'_, '_>,
    properties: &mut Map<String, Value>,
    setting: Option<Node<'_>>,
) {
    let Some(check) = setting else {
        properties.insert("HealthCheckEnabled".into(), false.into());
        return;
    };
    properties.insert("HealthCheckEnabled".into(), true.into());
    properties.insert("HealthCheckPath".into(), "/".into());
    properties.insert("HealthCheckIntervalSeconds".into(), 35.into());
    properties.insert("HealthCheckTimeoutSeconds".into(), 30.into());
    properties.insert("HealthyThresholdCount".into(), 5.into());
    properties.insert("UnhealthyThresholdCount".into(), 5.into());
    properties.insert("Matcher".into(), json!({ "HttpCode": "200" }));
    if !is_object(check) {
        return;
    }
    let set = |key: &str| value::get(check, key).filter(|v| value::loaded(*v) != Loaded::Null);
    for (key, name) in [
        ("intervalSeconds", "HealthCheckIntervalSeconds"),
        ("timeoutSeconds", "HealthCheckTimeoutSeconds"),
        ("healthyThresholdCount", "HealthyThresholdCount"),
    ] {
        if let Some(v) = set(key) {
            let v = coerced::number(rx, v);
            properties.insert(name.into(), v);
        }
    }
    if let Some(path) = set("path") {
        let path = coerced::string(rx, path);
        properties.insert("HealthCheckPath".into(), path);
    }
    if let Some(count) = value::truthy_opt(value::get(check, "unhealthyThresholdCount")) {
        let count = coerced::number(rx, count);
        properties.insert("UnhealthyThresholdCount".into(), count);
    }
    let code = value::get(check, "matcher")
        .filter(|m| value::truthy(*m))
        .and_then(|m| value::truthy_opt(value::get(m, "httpCode")));
    if let Some(code) = code {
        let code = coerced::string(rx, code);
        properties.insert("Matcher".into(), json!({ "HttpCode": code }));
    }
}

fn render_listener_rule(rx: &mut Render<'_, '_>, i: usize) {
    let plan = rx.plan;
    let event = event(rx, i);
    let function = &plan.functions[event.function];
    let node = plan.node(event.node);
    let mut actions = Vec::new();
    let mut order = 0;
    if let Some(names) = value::truthy_opt(setting(node, "authorizer")) {
        let authorizers = plan.service.provider_at(&["alb", "authorizers"]);
        for name in authorizer_names(names) {
            let Some(auth) = authorizers.and_then(|a| value::get(a, &name)) else {
                continue;
            };
            order += 1;
            actions.push(authenticate_action(rx, auth, order));
        }
    }
    let mut forward = Map::new();
    forward.insert("Type".into(), "forward".into());
    forward.insert(
        "TargetGroupArn".into(),
        json!({ "Ref": target_group_id(rx, event) }),
    );
    if order > 0 {
        forward.insert("Order".into(), (order + 1).into());
    }
    actions.push(Value::Object(forward));
    let conditions = setting(node, "conditions").map_or_else(Vec::new, |c| conditions(rx, c));
    let listener = rx
        .json_opt(setting(node, "listenerArn"))
        .unwrap_or(Value::Null);
    let priority = match setting(node, "priority") {
        Some(_) => event.priority.clone(),
        None => Value::Null,
    };
    let id = naming::alb_listener_rule_id(&function.key, &event.priority_text());
    rx.template.set_resource(
        &id,
        json!({
            "Type": "AWS::ElasticLoadBalancingV2::ListenerRule",
            "Properties": {
                "Actions": actions,
                "Conditions": conditions,
                "ListenerArn": listener,
                "Priority": priority
            }
        }),
    );
}

/// An `authenticate-cognito` or `authenticate-oidc` action of a `provider.alb.authorizers` entry.
fn authenticate_action(rx: &mut Render<'_, '_>, auth: Node<'_>, order: u32) -> Value {
    let mut get = |key: &str| rx.json_opt(value::get(auth, key)).unwrap_or(Value::Null);
    let cognito = value::get(auth, "type")
        .and_then(value::string)
        .is_some_and(|t| t == "cognito");
    let mut config = Map::new();
    let own: &[(&str, &str)] = if cognito {
        &[
            ("userPoolArn", "UserPoolArn"),
            ("userPoolClientId", "UserPoolClientId"),
            ("userPoolDomain", "UserPoolDomain"),
        ]
    } else {
        &[
            ("authorizationEndpoint", "AuthorizationEndpoint"),
            ("clientId", "ClientId"),
            ("issuer", "Issuer"),
            ("tokenEndpoint", "TokenEndpoint"),
            ("userInfoEndpoint", "UserInfoEndpoint"),
        ]
    };
    for (key, name) in own {
        config.insert((*name).into(), get(key));
    }
    let on_unauthenticated = match value::truthy_opt(value::get(auth, "onUnauthenticatedRequest")) {
        Some(_) => get("onUnauthenticatedRequest"),
        None => "deny".into(),
    };
    config.insert("OnUnauthenticatedRequest".into(), on_unauthenticated);
    for (key, name) in [
        ("requestExtraParams", "AuthenticationRequestExtraParams"),
        ("scope", "Scope"),
        ("sessionCookieName", "SessionCookieName"),
        ("sessionTimeout", "SessionTimeout"),
    ] {
        config.insert(name.into(), get(key));
    }
    if cognito {
        return json!({ "Type": "authenticate-cognito", "Order": order, "AuthenticateCognitoConfig": config });
    }
    match value::truthy_opt(value::get(auth, "clientSecret")) {
        Some(_) => config.insert("ClientSecret".into(), get("clientSecret")),
        None => config.insert("UseExistingClientSecret".into(), true.into()),
    };
    json!({ "Type": "authenticate-oidc", "Order": order, "AuthenticateOidcConfig": config })
}

/// The rule's conditions, in the framework's order of fields.
fn conditions(rx: &mut Render<'_, '_>, node: Node<'_>) -> Vec<Value> {
    let mut out = Vec::new();
    let truthy = |key: &str| value::truthy_opt(setting(node, key));
    if let Some(path) = truthy("path") {
        out.push(json!({ "Field": "path-pattern", "Values": coerced::string_list(rx, path) }));
    }
    for (key, field, config) in [
        ("host", "host-header", "HostHeaderConfig"),
        ("method", "http-request-method", "HttpRequestMethodConfig"),
    ] {
        if let Some(values) = truthy(key) {
            out.push(
                json!({ "Field": field, config: { "Values": coerced::string_list(rx, values) } }),
            );
        }
    }
    if let Some(headers) = truthy("header") {
        let headers: Vec<Node<'_>> = match value::loaded(headers) {
            Loaded::Array => value::items(headers).collect(),
            _ => vec![headers],
        };
        for header in headers {
            let name = value::get(header, "name").map_or(Value::Null, |n| coerced::string(rx, n));
            let values =
                value::get(header, "values").map_or(Value::Null, |v| coerced::string_list(rx, v));
            out.push(json!({
                "Field": "http-header",
                "HttpHeaderConfig": { "HttpHeaderName": name, "Values": values }
            }));
        }
    }
    if let Some(query) = truthy("query") {
        let values: Vec<Value> = value::properties(query)
            .into_iter()
            .map(|p| json!({ "Key": p.name(), "Value": coerced::scalar_string(rx, p.value) }))
            .collect();
        out.push(json!({ "Field": "query-string", "QueryStringConfig": { "Values": values } }));
    }
    if let Some(ip) = truthy("ip") {
        out.push(json!({ "Field": "source-ip", "SourceIpConfig": { "Values": coerced::string_list(rx, ip) } }));
    }
    out
}

/// `<F>LambdaPermissionAlb` (with the target group as source) and
/// `<F>LambdaPermissionRegisterTarget`, deep-merged over a function's earlier ones.
fn render_permissions(rx: &mut Render<'_, '_>, i: usize) {
    let plan = rx.plan;
    let event = event(rx, i);
    let function = &plan.functions[event.function];
    let mut permission = Map::new();
    permission.insert("Type".into(), "AWS::Lambda::Permission".into());
    permission.insert(
        "Properties".into(),
        json!({
            "FunctionName": function.invoke_target(),
            "Action": "lambda:InvokeFunction",
            "Principal": "elasticloadbalancing.amazonaws.com"
        }),
    );
    if let Some(alias) = function.alias_id() {
        permission.insert("DependsOn".into(), json!([alias]));
    }
    let register = Value::Object(permission.clone());
    if let Some(Value::Object(properties)) = permission.get_mut("Properties") {
        properties.insert(
            "SourceArn".into(),
            json!({ "Ref": target_group_id(rx, event) }),
        );
    }
    rx.template.merge_resource(
        &naming::alb_permission_id(&function.key),
        Value::Object(permission),
    );
    rx.template.merge_resource(
        &naming::alb_register_target_permission_id(&function.key),
        register,
    );
}
