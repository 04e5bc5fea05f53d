//! An `http` event's `AWS::ApiGateway::Method`: request parameters, authorization, the
//! integration (Lambda proxy, Lambda, HTTP, mock) with its request templates and responses,
//! and the method responses, as the framework's validation normalises them.

use crate::json_literal::json;
use serde_json::{Map, Value};
use sls_model::value::{self, Loaded};
use sls_syntax::Node;

use super::authorizer::{ArnSource, AuthKind};
use super::render::{api_ref, cors_of, lambda_uri, Cors};
use super::HttpEvent;
use crate::naming;
use crate::render::Render;

/// The request templates the framework uses for the `lambda` (`AWS`) integration; the
/// placeholder is replaced by the Cognito claims the authorizer lists.
const JSON_TEMPLATE: &str = include_str!("templates/request-json.vtl");
const FORM_TEMPLATE: &str = include_str!("templates/request-form.vtl");
const CLAIMS_PLACEHOLDER: &str = "extraCognitoPoolClaims";

/// The default status codes of the `lambda` integration: code and selection pattern.
const DEFAULT_STATUS_CODES: &[(&str, &str)] = &[
    ("200", ""),
    ("400", "[\\s\\S]*\\[400\\][\\s\\S]*"),
    ("401", "[\\s\\S]*\\[401\\][\\s\\S]*"),
    ("403", "[\\s\\S]*\\[403\\][\\s\\S]*"),
    ("404", "[\\s\\S]*\\[404\\][\\s\\S]*"),
    ("422", "[\\s\\S]*\\[422\\][\\s\\S]*"),
    (
        "500",
        "[\\s\\S]*(Process\\s?exited\\s?before\\s?completing\\s?request|\\[500\\])[\\s\\S]*",
    ),
    ("502", "[\\s\\S]*\\[502\\][\\s\\S]*"),
    (
        "504",
        "([\\s\\S]*\\[504\\][\\s\\S]*)|(.*Task timed out after \\d+\\.\\d+ seconds$)",
    ),
];

/// The request after validation: which keys survive for the integration type.
struct Request<'a> {
    node: Option<Node<'a>>,
    /// `method.request.<where>.<name>` → its setting, in the framework's order.
    parameters: Vec<(String, Node<'a>)>,
    /// The raw `parameters` mapping when the integration keeps it unflattened (mock).
    raw_parameters: Option<Node<'a>>,
}

impl<'a> Request<'a> {
    fn get(&self, key: &str) -> Option<Node<'a>> {
        value::get(self.node?, key)
    }
}

fn request<'a>(event: &HttpEvent, http: Node<'a>) -> Request<'a> {
    let node = value::get(http, "request").filter(|r| value::truthy(*r));
    let flatten = matches!(
        event.integration.as_str(),
        "AWS" | "HTTP" | "AWS_PROXY" | "HTTP_PROXY"
    );
    let mut parameters = Vec::new();
    let parameters_node = node.and_then(|r| value::get(r, "parameters"));
    if flatten {
        if let Some(p) = parameters_node.filter(|p| value::truthy(*p)) {
            for (location, singular) in [
                ("querystrings", "querystring"),
                ("paths", "path"),
                ("headers", "header"),
            ] {
                let Some(group) = value::truthy_opt(value::get(p, location)) else {
                    continue;
                };
                for property in value::properties(group) {
                    parameters.push((
                        format!("method.request.{singular}.{}", property.name()),
                        property.value,
                    ));
                }
            }
        }
    }
    Request {
        node,
        parameters,
        raw_parameters: if flatten { None } else { parameters_node },
    }
}

/// Whether a request keeps a key for the integration: proxy integrations drop all but a few.
fn keeps(event: &HttpEvent, key: &str) -> bool {
    match event.integration.as_str() {
        "AWS_PROXY" => matches!(key, "parameters" | "schema" | "schemas"),
        "HTTP_PROXY" => matches!(key, "parameters" | "uri" | "schema" | "schemas"),
        _ => true,
    }
}

/// A parameter's `required` flag: a boolean as given, an object's `required` (default true).
fn required(rx: &mut Render<'_, '_>, setting: Node<'_>) -> Value {
    if value::loaded(setting) != Loaded::Object {
        return match value::boolean(setting) {
            Some(b) => Value::Bool(b),
            None => rx.json(setting),
        };
    }
    match value::get(setting, "required").filter(|r| value::loaded(*r) != Loaded::Null) {
        Some(r) => value::boolean(r).map_or_else(|| rx.json(r), Value::Bool),
        None => Value::Bool(true),
    }
}

/// The flattened request parameters with their `required` flags (what validators look at).
pub(super) fn request_parameters(
    rx: &mut Render<'_, '_>,
    event: &HttpEvent,
) -> Vec<(String, Value)> {
    let http = rx.plan.node(event.node);
    if value::loaded(http) != Loaded::Object || !keeps(event, "parameters") {
        return Vec::new();
    }
    let request = request(event, http);
    if let Some(raw) = request.raw_parameters {
        return value::properties(raw)
            .into_iter()
            .map(|p| {
                let flag = required(rx, p.value);
                (p.name().into_owned(), flag)
            })
            .collect();
    }
    request
        .parameters
        .into_iter()
        .map(|(key, setting)| {
            let flag = required(rx, setting);
            (key, flag)
        })
        .collect()
}

pub(super) fn render(rx: &mut Render<'_, '_>, i: usize) {
    let plan = rx.plan;
    let http_plan = &plan.events.http;
    let event = &http_plan.events[i];
    let function = &plan.functions[event.function];
    let http = plan.node(event.node);
    let is_object = value::loaded(http) == Loaded::Object;
    let mut properties = Map::new();
    properties.insert("HttpMethod".into(), event.method.to_uppercase().into());
    let parameters: Map<String, Value> = request_parameters(rx, event).into_iter().collect();
    properties.insert("RequestParameters".into(), Value::Object(parameters));
    properties.insert(
        "ResourceId".into(),
        super::render::resource_ref(rx, &event.path),
    );
    properties.insert("RestApiId".into(), api_ref(rx));
    if let Some(operation) = is_object.then(|| value::get(http, "operationId")).flatten() {
        let operation = rx.json(operation);
        properties.insert("OperationName".into(), operation);
    }
    let private = is_object && value::get(http, "private").is_some_and(value::truthy);
    properties.insert("ApiKeyRequired".into(), private.into());
    let mut depends_on = vec![Value::String(naming::rest_permission_id(&function.key))];
    if let Some(alias) = &function.alias {
        depends_on.push(alias.logical_id.clone().into());
    }
    authorization(rx, event, &mut properties, &mut depends_on);
    let integration = integration(rx, event, http, is_object);
    properties.insert("Integration".into(), integration);
    let responses = method_responses(rx, event, http, is_object);
    properties.insert("MethodResponses".into(), Value::Array(responses));
    let id = http_plan.method_id(event);
    rx.template.merge_resource(
        &id,
        json!({ "Type": "AWS::ApiGateway::Method", "Properties": properties, "DependsOn": depends_on }),
    );
}

/// `AuthorizationType` (+ `AuthorizerId`, `AuthorizationScopes`); a created authorizer takes
/// the first `DependsOn` place (lodash merges arrays by index).
fn authorization(
    rx: &mut Render<'_, '_>,
    event: &HttpEvent,
    properties: &mut Map<String, Value>,
    depends_on: &mut [Value],
) {
    let Some(authorizer) = &event.authorizer else {
        properties.insert("AuthorizationType".into(), "NONE".into());
        return;
    };
    let node = rx.plan.node(authorizer.node);
    let scopes = authorizer
        .is_object
        .then(|| value::get(node, "scopes"))
        .flatten()
        .filter(|s| value::loaded(*s) == Loaded::Array && value::items(*s).next().is_some());
    match &authorizer.kind {
        AuthKind::Iam => {
            properties.insert("AuthorizationType".into(), "AWS_IAM".into());
        }
        AuthKind::Existing { type_text, id } => {
            let upper = type_text.to_uppercase();
            let kind = if upper == "TOKEN" || upper == "REQUEST" {
                "CUSTOM".to_owned()
            } else {
                type_text.clone()
            };
            properties.insert("AuthorizationType".into(), kind.into());
            let id = rx.json(rx.plan.node(*id));
            properties.insert("AuthorizerId".into(), id);
            if upper == "COGNITO_USER_POOLS" {
                if let Some(scopes) = scopes {
                    let scopes = rx.json(scopes);
                    properties.insert("AuthorizationScopes".into(), scopes);
                }
            }
        }
        AuthKind::Named { name, cognito, .. } => {
            let id = naming::rest_authorizer_id(name);
            let kind = if *cognito {
                "COGNITO_USER_POOLS"
            } else {
                "CUSTOM"
            };
            properties.insert("AuthorizationType".into(), kind.into());
            properties.insert("AuthorizerId".into(), json!({ "Ref": &id }));
            if *cognito {
                if let Some(scopes) = scopes {
                    let scopes = rx.json(scopes);
                    properties.insert("AuthorizationScopes".into(), scopes);
                }
            }
            if let Some(first) = depends_on.first_mut() {
                *first = Value::String(id);
            }
        }
    }
}

fn integration(
    rx: &mut Render<'_, '_>,
    event: &HttpEvent,
    http: Node<'_>,
    is_object: bool,
) -> Value {
    let plan = rx.plan;
    let function = &plan.functions[event.function];
    let kind = event.integration.as_str();
    let request = is_object.then(|| request(event, http));
    let request_get = |key: &str| {
        request
            .as_ref()
            .filter(|_| keeps(event, key))
            .and_then(|r| r.get(key))
    };
    let mut out = Map::new();
    out.insert("IntegrationHttpMethod".into(), "POST".into());
    out.insert("Type".into(), kind.into());
    match kind {
        "AWS" | "AWS_PROXY" => {
            out.insert("Uri".into(), lambda_uri(function));
        }
        "HTTP" | "HTTP_PROXY" => {
            let uri = rx.json_opt(request_get("uri")).unwrap_or(Value::Null);
            out.insert("Uri".into(), uri);
            let method = value::truthy_opt(request_get("method"))
                .and_then(value::string)
                .map_or_else(|| event.method.to_uppercase(), |m| m.to_uppercase());
            out.insert("IntegrationHttpMethod".into(), method.into());
            if let Some(connection) = value::truthy_opt(value::get(http, "connectionType")) {
                let connection = value::string(connection)
                    .map(|c| c.to_uppercase().replacen('-', "_", 1))
                    .unwrap_or_default();
                out.insert("ConnectionType".into(), connection.into());
                let id = rx
                    .json_opt(value::get(http, "connectionId"))
                    .unwrap_or(Value::Null);
                out.insert("ConnectionId".into(), id);
            }
        }
        _ => {}
    }
    if matches!(kind, "AWS" | "HTTP" | "MOCK") {
        let pass_through = match request_get("passThrough").filter(|p| value::truthy(*p)) {
            Some(p) => rx.json(p),
            None if kind == "AWS" => "NEVER".into(),
            None => Value::Null,
        };
        out.insert("PassthroughBehavior".into(), pass_through);
        let handling = rx
            .json_opt(request_get("contentHandling"))
            .unwrap_or(Value::Null);
        out.insert("ContentHandling".into(), handling);
        let templates = request_templates(rx, event, request_get("template"), kind == "AWS");
        out.insert("RequestTemplates".into(), templates.unwrap_or(Value::Null));
        let responses = integration_responses(rx, event, http, is_object);
        out.insert("IntegrationResponses".into(), Value::Array(responses));
    }
    let parameters = request
        .as_ref()
        .map(|r| r.parameters.clone())
        .unwrap_or_default();
    let is_async = is_object && value::get(http, "async").is_some_and(value::truthy);
    let has_parameters = !parameters.is_empty() && keeps(event, "parameters");
    if (matches!(kind, "AWS" | "HTTP" | "HTTP_PROXY") && has_parameters) || is_async {
        let mut mapped = Map::new();
        if keeps(event, "parameters") {
            for (key, setting) in parameters {
                let target = format!(
                    "integration.{}",
                    key.strip_prefix("method.").unwrap_or(&key)
                );
                let value = match value::truthy_opt(value::get(setting, "mappedValue")) {
                    Some(v) => rx.json(v),
                    None => Value::String(key),
                };
                mapped.insert(target, value);
            }
        }
        if is_async {
            mapped.insert(
                "integration.request.header.X-Amz-Invocation-Type".into(),
                "'Event'".into(),
            );
        }
        out.insert("RequestParameters".into(), Value::Object(mapped));
    }
    // Unset settings are `null` here; the final step strips them from `Properties`.
    Value::Object(out)
}

/// The request templates: the defaults for `lambda`, then `request.template` (a `null` entry
/// removes one); the authorizer's Cognito claims replace the placeholder.
fn request_templates(
    rx: &mut Render<'_, '_>,
    event: &HttpEvent,
    template: Option<Node<'_>>,
    defaults: bool,
) -> Option<Value> {
    let mut templates = Map::new();
    if defaults {
        templates.insert("application/json".into(), JSON_TEMPLATE.into());
        templates.insert(
            "application/x-www-form-urlencoded".into(),
            FORM_TEMPLATE.into(),
        );
    }
    if let Some(custom) = template.filter(|t| value::loaded(*t) == Loaded::Object) {
        for property in value::properties(custom) {
            let name = property.name().into_owned();
            if value::loaded(property.value) == Loaded::Null {
                templates.shift_remove(&name);
            } else {
                let text = rx.json(property.value);
                templates.insert(name, text);
            }
        }
    }
    if templates.is_empty() {
        return None;
    }
    let claims = claims(rx, event);
    for text in templates.values_mut() {
        if let Value::String(s) = text {
            *s = s.replacen(CLAIMS_PLACEHOLDER, &claims, 1);
        }
    }
    Some(Value::Object(templates))
}

/// The authorizer's `claims` as template lines (`"sub": "$context.authorizer.claims.sub"`),
/// joined and followed by a comma; empty without claims.
fn claims(rx: &Render<'_, '_>, event: &HttpEvent) -> String {
    let Some(authorizer) = event.authorizer.as_ref().filter(|a| a.is_object) else {
        return String::new();
    };
    let node = rx.plan.node(authorizer.node);
    let lines: Vec<String> = value::get(node, "claims")
        .map(|c| {
            value::items(c)
                .map(|claim| {
                    let text = value::string(claim).unwrap_or_default();
                    match text.split_once(':') {
                        Some((_, sub)) if matches!(value::loaded(claim), Loaded::String(_)) => {
                            format!("\"{sub}\": \"$context.authorizer.claims['{text}']\"")
                        }
                        _ => format!("\"{text}\": \"$context.authorizer.claims.{text}\""),
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    if lines.is_empty() {
        String::new()
    } else {
        format!("{},", lines.join(","))
    }
}

/// The response after validation: `None` when the integration has none (proxy integrations
/// drop it); status codes sorted as JavaScript orders integer keys, `200` added when no code
/// has an empty pattern, the defaults for `lambda`.
struct Response<'a> {
    node: Option<Node<'a>>,
    /// Code → its settings (`None`: a default code with its pattern).
    codes: Vec<(String, Option<Node<'a>>, &'static str)>,
}

fn response<'a>(event: &HttpEvent, http: Node<'a>, is_object: bool) -> Option<Response<'a>> {
    let kind = event.integration.as_str();
    if !matches!(kind, "AWS" | "HTTP" | "MOCK") {
        return None;
    }
    let node = is_object
        .then(|| value::get(http, "response"))
        .flatten()
        .filter(|r| value::truthy(*r));
    let defaults = || {
        DEFAULT_STATUS_CODES
            .iter()
            .map(|(code, pattern)| ((*code).to_owned(), None, *pattern))
            .collect::<Vec<_>>()
    };
    let Some(node) = node else {
        return (kind == "AWS").then(|| Response {
            node: None,
            codes: defaults(),
        });
    };
    let codes = match value::truthy_opt(value::get(node, "statusCodes")) {
        Some(codes) => {
            let mut list: Vec<(String, Option<Node<'a>>, &'static str)> = value::properties(codes)
                .into_iter()
                .map(|p| (p.name().into_owned(), Some(p.value), ""))
                .collect();
            let has_default = list.iter().any(|(_, config, _)| {
                config
                    .and_then(|c| value::get(c, "pattern"))
                    .and_then(value::string)
                    .is_some_and(|p| p.is_empty())
            });
            if !has_default && kind != "MOCK" {
                match list.iter_mut().find(|(code, _, _)| code == "200") {
                    Some(entry) => {
                        entry.1 = None;
                        entry.2 = "";
                    }
                    None => list.push(("200".into(), None, "")),
                }
            }
            sort_integer_keys(&mut list);
            list
        }
        None if kind == "MOCK" => Vec::new(),
        None => defaults(),
    };
    Some(Response {
        node: Some(node),
        codes,
    })
}

/// JavaScript iterates integer-like keys first, in ascending order.
fn sort_integer_keys<T>(list: &mut [(String, T, &'static str)]) {
    let index = |key: &str| -> Option<u64> {
        (!key.is_empty() && key.len() < 10 && key.bytes().all(|b| b.is_ascii_digit()))
            .then(|| key.parse().ok())
            .flatten()
            .filter(|n: &u64| n.to_string() == key)
    };
    list.sort_by_key(|(key, _, _)| index(key).map_or((1, 0), |n| (0, n)));
}

/// The headers a response carries for CORS (`Access-Control-Allow-Origin`, credentials)
/// followed by `response.headers`.
fn response_headers(
    rx: &mut Render<'_, '_>,
    event: &HttpEvent,
    response: &Response<'_>,
) -> Vec<(String, Value)> {
    let mut headers: Vec<(String, Value)> = Vec::new();
    if event.cors {
        let cors: Cors = cors_of(rx, event);
        let origin = if cors.origins.is_empty() {
            cors.origin.clone()
        } else {
            cors.origins.join(",")
        };
        headers.push((
            "Access-Control-Allow-Origin".into(),
            format!("'{origin}'").into(),
        ));
        if cors.allow_credentials {
            headers.push(("Access-Control-Allow-Credentials".into(), "true".into()));
        }
    }
    if let Some(extra) = response
        .node
        .and_then(|r| value::truthy_opt(value::get(r, "headers")))
    {
        for property in value::properties(extra) {
            let v = rx.json(property.value);
            upsert(&mut headers, property.name().into_owned(), v);
        }
    }
    headers
}

fn upsert(list: &mut Vec<(String, Value)>, key: String, value: Value) {
    match list.iter_mut().find(|(k, _)| *k == key) {
        Some(slot) => slot.1 = value,
        None => list.push((key, value)),
    }
}

fn method_responses(
    rx: &mut Render<'_, '_>,
    event: &HttpEvent,
    http: Node<'_>,
    is_object: bool,
) -> Vec<Value> {
    let Some(response) = response(event, http, is_object) else {
        return Vec::new();
    };
    let headers = response_headers(rx, event, &response);
    let mut out = Vec::new();
    for (code, config, _) in &response.codes {
        let mut parameters = Map::new();
        for (name, _) in &headers {
            parameters.insert(format!("method.response.header.{name}"), Value::Bool(true));
        }
        if let Some(extra) = config.and_then(|c| value::truthy_opt(value::get(c, "headers"))) {
            for property in value::properties(extra) {
                parameters.insert(
                    format!("method.response.header.{}", property.name()),
                    Value::Bool(true),
                );
            }
        }
        out.push(
            json!({ "ResponseParameters": parameters, "ResponseModels": {}, "StatusCode": code }),
        );
    }
    out
}

fn integration_responses(
    rx: &mut Render<'_, '_>,
    event: &HttpEvent,
    http: Node<'_>,
    is_object: bool,
) -> Vec<Value> {
    let Some(response) = response(event, http, is_object) else {
        return Vec::new();
    };
    let headers = response_headers(rx, event, &response);
    let handling = response.node.and_then(|r| value::get(r, "contentHandling"));
    let template = response
        .node
        .and_then(|r| value::truthy_opt(value::get(r, "template")));
    let mut out = Vec::new();
    for (code, config, default_pattern) in &response.codes {
        let pattern = match config.and_then(|c| value::truthy_opt(value::get(c, "pattern"))) {
            Some(p) => rx.json(p),
            None => Value::String((*default_pattern).to_owned()),
        };
        let mut parameters = Map::new();
        for (name, v) in &headers {
            parameters.insert(format!("method.response.header.{name}"), v.clone());
        }
        if let Some(extra) = config.and_then(|c| value::truthy_opt(value::get(c, "headers"))) {
            for property in value::properties(extra) {
                let v = rx.json(property.value);
                parameters.insert(format!("method.response.header.{}", property.name()), v);
            }
        }
        let mut templates = Map::new();
        if let Some(t) = template {
            let t = rx.json(t);
            templates.insert("application/json".into(), t);
        }
        if let Some(t) = config.and_then(|c| value::truthy_opt(value::get(c, "template"))) {
            match rx.json(t) {
                Value::Object(map) => templates.extend(map),
                other => {
                    templates.insert("application/json".into(), other);
                }
            }
        }
        let mut entry = Map::new();
        entry.insert("StatusCode".into(), code.clone().into());
        entry.insert("SelectionPattern".into(), pattern);
        entry.insert("ResponseParameters".into(), Value::Object(parameters));
        entry.insert("ResponseTemplates".into(), Value::Object(templates));
        if code.starts_with('2') {
            if let Some(h) = handling {
                let h = rx.json(h);
                entry.insert("ContentHandling".into(), h);
            }
        }
        out.push(Value::Object(entry));
    }
    out
}

/// What an authorizer invokes, as data.
pub(super) fn authorizer_arn(rx: &mut Render<'_, '_>, arn: &ArnSource) -> Value {
    match arn {
        ArnSource::Function(f) => rx.plan.functions[*f].invoke_target(),
        ArnSource::Text(text) => Value::String(text.clone()),
        ArnSource::Node(node) => rx.json(rx.plan.node(*node)),
    }
}
