//! `httpApi` events (API Gateway v2 HTTP APIs): the routes collected the way the framework
//! resolves them (method and path, `*` catch-all, authorizers from `provider.httpApi`,
//! CORS methods filled from the routes), then the Api, access-log group, Stage and outputs,
//! the authorizers (and Lambda authorizers' permissions), and per route the function's
//! permission and integration (once per function) and the route.

use crate::json_literal::json;
use serde_json::{Map, Value};
use sls_model::value::{self, Loaded};
use sls_syntax::{Node, NodeId};

use crate::plan::{NewItem, Origin, Part as PlanPart, Plan};
use crate::render::Render;
use crate::{coerced, naming, CompileError, CompileErrorKind};

const METHODS: &[&str] = &[
    "ANY", "GET", "POST", "PUT", "PATCH", "OPTIONS", "HEAD", "DELETE",
];

/// One route.
#[derive(Debug, Clone)]
pub(crate) struct Route {
    /// `GET /path`, or `*`.
    pub key: String,
    pub function: usize,
    pub event: usize,
    /// The event's settings.
    pub node: NodeId,
    /// The route's authorizer: its settings node, and the `provider.httpApi.authorizers` key
    /// it names (when it names one).
    pub authorizer: Option<(NodeId, Option<String>)>,
}

/// One `provider.httpApi.authorizers` entry.
#[derive(Debug, Clone)]
pub(crate) struct Authorizer {
    pub key: String,
    /// `name`, else the key.
    pub name: String,
    pub node: NodeId,
    /// A `request` (Lambda) authorizer's function in this service.
    pub function: Option<usize>,
    pub is_request: bool,
}

#[derive(Debug, Default)]
pub(crate) struct HttpApiPlan {
    pub routes: Vec<Route>,
    pub authorizers: Vec<Authorizer>,
    /// The methods the CORS rules allow when they are filled from the routes.
    pub cors_methods: Option<Vec<String>>,
}

#[derive(Debug, Clone, Copy)]
pub(crate) enum Part {
    Api,
    LogGroup,
    Stage,
    Outputs,
    Authorizer(usize),
    Route(usize),
}

fn part(part: Part) -> PlanPart {
    PlanPart::Event(super::Part::HttpApi(part))
}

fn provider_setting<'a>(plan: &Plan<'a>, key: &str) -> Option<Node<'a>> {
    plan.service.provider_at(&["httpApi", key])
}

/// `provider.httpApi.id`: an API outside the stack.
fn existing_api<'a>(plan: &Plan<'a>) -> Option<Node<'a>> {
    value::truthy_opt(provider_setting(plan, "id"))
}

fn is_object(node: Node<'_>) -> bool {
    value::loaded(node) == Loaded::Object && node.resolve().tag().is_none()
}

fn text(node: Option<Node<'_>>) -> Option<String> {
    node.and_then(value::string).map(|s| s.into_owned())
}

pub(crate) fn plan(plan: &mut Plan<'_>) {
    let mut errors = Vec::new();
    let refuse = |errors: &mut Vec<CompileError>, message: String, at: Node<'_>| {
        errors.push(CompileError::new(
            CompileErrorKind::InvalidValue,
            message,
            Some(at.id),
        ));
    };
    let external = existing_api(plan);
    let cors = value::truthy_opt(provider_setting(plan, "cors"));
    let mut fill_cors = false;
    if let Some(cors) = cors {
        if external.is_some() {
            refuse(
                &mut errors,
                "Cannot setup CORS rules for externally configured HTTP API".into(),
                cors,
            );
        }
        fill_cors = value::loaded(cors) == Loaded::Bool(true)
            || value::truthy_opt(value::get(cors, "allowedMethods")).is_none();
    }
    let mut authorizers = Vec::new();
    if let Some(configured) = value::truthy_opt(provider_setting(plan, "authorizers")) {
        if external.is_some() {
            refuse(
                &mut errors,
                "Cannot setup authorizers for externally configured HTTP API".into(),
                configured,
            );
        }
        for property in value::properties(configured) {
            let key = property.name().into_owned();
            let node = property.value;
            let is_request = text(value::get(node, "type")).as_deref() == Some("request");
            let mut function = None;
            if is_request {
                let arn = value::truthy_opt(value::get(node, "functionArn"));
                let name = value::truthy_opt(value::get(node, "functionName"));
                match (arn, name) {
                    (None, None) => refuse(&mut errors, format!("Either \"functionArn\" or \"functionName\" property needs to be set on authorizer \"{key}\""), node),
                    (Some(_), Some(_)) => refuse(&mut errors, format!("Either \"functionArn\" or \"functionName\" (not both) property needs to be set on authorizer \"{key}\""), node),
                    (None, Some(name)) => {
                        let wanted = text(Some(name)).unwrap_or_default();
                        function = plan.functions.iter().position(|f| f.key == wanted);
                        if function.is_none() {
                            errors.push(CompileError::new(
                                CompileErrorKind::MissingFunction,
                                format!("Function \"{wanted}\" for HTTP API authorizer \"{key}\" not found in service."),
                                Some(name.id),
                            ));
                        }
                    }
                    (Some(_), None) => {}
                }
                let ttl = value::get(node, "resultTtlInSeconds").is_some_and(value::truthy);
                if ttl && value::truthy_opt(value::get(node, "identitySource")).is_none() {
                    refuse(&mut errors, format!("Property \"identitySource\" has to be set on authorizer \"{key}\" when \"resultTtlInSeconds\" is set to non-zero value."), node);
                }
            }
            let name =
                text(value::truthy_opt(value::get(node, "name"))).unwrap_or_else(|| key.clone());
            authorizers.push(Authorizer {
                key,
                name,
                node: node.id,
                function,
                is_request,
            });
        }
    }
    if let Some(logs) = value::truthy_opt(plan.service.provider_at(&["logs", "httpApi"])) {
        if external.is_some() {
            refuse(
                &mut errors,
                "Cannot setup access logs for externally configured HTTP API".into(),
                logs,
            );
        }
    }
    let mut routes: Vec<Route> = Vec::new();
    let mut cors_methods: Vec<String> = vec!["OPTIONS".into()];
    for f in 0..plan.functions.len() {
        let function_key = plan.functions[f].key.clone();
        let events: Vec<(usize, Node<'_>)> = plan.functions[f]
            .events
            .iter()
            .enumerate()
            .filter_map(|(e, event)| Some((e, value::truthy_opt(event.get("httpApi"))?)))
            .collect();
        for (e, node) in events {
            let (method, path, authorizer) = if is_object(node) {
                (
                    text(value::get(node, "method")),
                    text(value::get(node, "path")),
                    value::truthy_opt(value::get(node, "authorizer")),
                )
            } else {
                let setting = value::string(node)
                    .map(|s| s.into_owned())
                    .unwrap_or_default();
                if setting == "*" {
                    (None, Some("*".to_owned()), None)
                } else {
                    match parse_method_path(&setting) {
                        Some((method, path)) => (Some(method), Some(path), None),
                        None => {
                            refuse(&mut errors, format!("Invalid httpApi event \"{setting}\" in function {function_key} (the framework crashes with a TypeError)"), node);
                            continue;
                        }
                    }
                }
            };
            let path = path.unwrap_or_else(|| "undefined".into());
            let (key, resolved) = if path == "*" {
                if method.as_deref().is_some_and(|m| m != "*") {
                    refuse(&mut errors, format!("Invalid \"path\" property in function {function_key} for httpApi event in serverless.yml"), node);
                    continue;
                }
                ("*".to_owned(), "ANY".to_owned())
            } else {
                let Some(method) = method else {
                    refuse(&mut errors, format!("Missing \"method\" property in function {function_key} for httpApi event in serverless.yml"), node);
                    continue;
                };
                let mut method = method.to_uppercase();
                if method == "*" {
                    method = "ANY".into();
                } else if !METHODS.contains(&method.as_str()) {
                    refuse(&mut errors, format!("Invalid \"method\" property in function {function_key} for httpApi event in serverless.yml"), node);
                    continue;
                }
                let key = format!("{method} {path}");
                if routes.iter().any(|r| r.key == key) {
                    refuse(&mut errors, format!("Duplicate route '{key}' configuration in function {function_key} for httpApi event in serverless.yml"), node);
                    continue;
                }
                (key, method)
            };
            let authorizer = match authorizer {
                Some(auth) => match route_authorizer(auth, external.is_some(), &authorizers) {
                    Ok(found) => Some((auth.id, found)),
                    Err(message) => {
                        refuse(&mut errors, message, auth);
                        continue;
                    }
                },
                None => None,
            };
            let route = Route {
                key: key.clone(),
                function: f,
                event: e,
                node: node.id,
                authorizer,
            };
            match routes.iter_mut().find(|r| r.key == key) {
                Some(existing) => *existing = route,
                None => routes.push(route),
            }
            if fill_cors {
                let added: Vec<&str> = if resolved == "ANY" {
                    METHODS.iter().copied().filter(|m| *m != "ANY").collect()
                } else {
                    vec![resolved.as_str()]
                };
                for method in added {
                    if !cors_methods.iter().any(|m| m == method) {
                        cors_methods.push(method.to_owned());
                    }
                }
            }
        }
    }
    let failed = !errors.is_empty();
    for error in errors {
        plan.error(error);
    }
    if routes.is_empty() || failed {
        return;
    }
    let root = plan.root();
    let service =
        |id: &str, ty: &'static str| NewItem::resource(id.into(), ty, Origin::Service, root);
    if external.is_none() {
        plan.push(
            service(naming::HTTP_API_ID, "AWS::ApiGatewayV2::Api"),
            part(Part::Api),
        );
    }
    if access_log_format(plan).is_some() {
        plan.push(
            service(naming::HTTP_API_LOG_GROUP_ID, "AWS::Logs::LogGroup"),
            part(Part::LogGroup),
        );
    }
    if external.is_none() {
        plan.push(
            service(naming::HTTP_API_STAGE_ID, "AWS::ApiGatewayV2::Stage"),
            part(Part::Stage),
        );
        plan.push(
            NewItem::output("HttpApiId".into(), Origin::Service, root),
            part(Part::Outputs),
        );
        plan.push(
            NewItem::output("HttpApiUrl".into(), Origin::Service, root),
            PlanPart::Rendered,
        );
    }
    for (i, authorizer) in authorizers.iter().enumerate() {
        // The framework adds a Lambda authorizer's permission before the authorizer itself.
        let managed =
            value::get(plan.node(authorizer.node), "managedExternally").is_some_and(value::truthy);
        let authorizer_item = NewItem::resource(
            naming::http_api_authorizer_id(&authorizer.name),
            "AWS::ApiGatewayV2::Authorizer",
            Origin::Service,
            authorizer.node,
        );
        if authorizer.is_request && !managed {
            plan.push(
                NewItem::resource(
                    naming::http_api_authorizer_permission_id(&authorizer.name),
                    "AWS::Lambda::Permission",
                    Origin::Service,
                    authorizer.node,
                ),
                part(Part::Authorizer(i)),
            );
            plan.push(authorizer_item, PlanPart::Rendered);
        } else {
            plan.push(authorizer_item, part(Part::Authorizer(i)));
        }
    }
    let mut seen = Vec::new();
    for (i, route) in routes.iter().enumerate() {
        let (key, key_node) = {
            let function = &plan.functions[route.function];
            (function.key.clone(), function.key_node)
        };
        let origin = Origin::Event {
            function: route.function,
            event: route.event,
        };
        let first = !seen.contains(&route.function);
        if first {
            seen.push(route.function);
            let function_origin = Origin::Function(route.function);
            plan.push(
                NewItem::resource(
                    naming::http_api_permission_id(&key),
                    "AWS::Lambda::Permission",
                    function_origin,
                    key_node,
                ),
                PlanPart::Rendered,
            );
            plan.push(
                NewItem::resource(
                    naming::http_api_integration_id(&key),
                    "AWS::ApiGatewayV2::Integration",
                    function_origin,
                    key_node,
                ),
                PlanPart::Rendered,
            );
        }
        plan.push(
            NewItem::resource(
                naming::http_api_route_id(&route.key),
                "AWS::ApiGatewayV2::Route",
                origin,
                route.node,
            ),
            part(Part::Route(i)),
        );
    }
    plan.events.http_api = HttpApiPlan {
        routes,
        authorizers,
        cors_methods: fill_cors.then_some(cors_methods),
    };
}

/// `GET /path` (any case): the method and the path.
fn parse_method_path(text: &str) -> Option<(String, String)> {
    let (method, path) = text.split_once(' ')?;
    let known = METHODS.iter().any(|m| m.eq_ignore_ascii_case(method));
    let valid_path = path.starts_with('/') && !path.chars().any(char::is_whitespace);
    (known && valid_path).then(|| (method.to_owned(), path.to_owned()))
}

/// What a route's `authorizer` refers to: a configured authorizer's key, or nothing (an
/// external id, `aws_iam`); the message when the framework refuses it.
fn route_authorizer(
    node: Node<'_>,
    external: bool,
    authorizers: &[Authorizer],
) -> Result<Option<String>, String> {
    let (name, id, kind, scopes) = if is_object(node) {
        (
            text(value::truthy_opt(value::get(node, "name"))),
            value::truthy_opt(value::get(node, "id")),
            text(value::get(node, "type")),
            value::truthy_opt(value::get(node, "scopes")),
        )
    } else {
        (text(Some(node)), None, None, None)
    };
    let iam = kind.as_deref() == Some("aws_iam");
    if !iam && id.is_none() && name.is_none() {
        return Err(format!(
            "When configuring an authorizer with type: \"{}\", property \"id\" or \"name\" has to be specified.",
            kind.as_deref().unwrap_or("jwt")
        ));
    }
    if iam && (name.is_some() || id.is_some() || scopes.is_some()) {
        return Err("When configuring authorizer with type: \"aws_iam\", all other properties are not supported.".into());
    }
    if let Some(id) = id {
        if !external {
            let id = value::string(id)
                .map(|s| s.into_owned())
                .unwrap_or_else(|| "[object Object]".into());
            return Err(format!("Event references external authorizer '{id}', but httpApi is part of the current stack."));
        }
        return Ok(None);
    }
    if iam {
        return Ok(None);
    }
    let name = name.unwrap_or_default();
    if authorizers.iter().any(|a| a.key == name) {
        Ok(Some(name))
    } else {
        Err(format!(
            "Event references not configured authorizer '{name}'"
        ))
    }
}

/// The access-log format of `provider.logs.httpApi`: its `format`, else the framework's JSON line.
fn access_log_format(plan: &Plan<'_>) -> Option<String> {
    let logs = value::truthy_opt(plan.service.provider_at(&["logs", "httpApi"]))?;
    Some(
        value::truthy_opt(value::get(logs, "format"))
            .and_then(value::string)
            .map_or_else(
                || "{\"requestId\":\"$context.requestId\",\"ip\":\"$context.identity.sourceIp\",\"requestTime\":\"$context.requestTime\",\"httpMethod\":\"$context.httpMethod\",\"routeKey\":\"$context.routeKey\",\"status\":\"$context.status\",\"protocol\":\"$context.protocol\",\"responseLength\":\"$context.responseLength\"}".to_owned(),
                |f| f.into_owned(),
            ),
    )
}

fn api(rx: &mut Render<'_, '_>) -> Value {
    match existing_api(rx.plan) {
        Some(id) => rx.json(id),
        None => json!({ "Ref": naming::HTTP_API_ID }),
    }
}

fn source_arn(api: Value) -> Value {
    json!({
        "Fn::Join": ["", [
            "arn:", { "Ref": "AWS::Partition" }, ":execute-api:", { "Ref": "AWS::Region" }, ":",
            { "Ref": "AWS::AccountId" }, ":", api, "/*"
        ]]
    })
}

pub(crate) fn render(rx: &mut Render<'_, '_>, part: Part) {
    match part {
        Part::Api => render_api(rx),
        Part::LogGroup => render_log_group(rx),
        Part::Stage => render_stage(rx),
        Part::Outputs => render_outputs(rx),
        Part::Authorizer(i) => render_authorizer(rx, i),
        Part::Route(i) => render_route(rx, i),
    }
}

/// A list setting as a list of distinct strings (`toSet`).
fn distinct(rx: &mut Render<'_, '_>, node: Node<'_>) -> Vec<Value> {
    let items = match rx.json(node) {
        Value::Array(items) => items,
        other => vec![other],
    };
    let mut out: Vec<Value> = Vec::new();
    for item in items {
        if !out.contains(&item) {
            out.push(item);
        }
    }
    out
}

fn render_api(rx: &mut Render<'_, '_>) {
    let plan = rx.plan;
    let service = &plan.service;
    let name = match value::truthy_opt(provider_setting(plan, "name")) {
        Some(name) => coerced::string(rx, name),
        None if provider_setting(plan, "shouldStartNameWithService").is_some_and(value::truthy) => {
            format!("{}-{}", service.name, service.stage).into()
        }
        None => format!("{}-{}", service.stage, service.name).into(),
    };
    let mut properties = Map::new();
    properties.insert("Name".into(), name);
    properties.insert("ProtocolType".into(), "HTTP".into());
    let disable = provider_setting(plan, "disableDefaultEndpoint")
        .filter(|d| value::loaded(*d) != Loaded::Null)
        .map_or(Value::Null, |d| {
            value::boolean(d).map_or(Value::Null, Value::Bool)
        });
    properties.insert("DisableExecuteApiEndpoint".into(), disable);
    if let Some(tags) = value::truthy_opt(service.provider("tags")) {
        let tags = coerced::string_values(rx, tags);
        properties.insert("Tags".into(), tags);
    }
    if let Some(cors) = value::truthy_opt(provider_setting(plan, "cors")) {
        properties.insert("CorsConfiguration".into(), cors_configuration(rx, cors));
    }
    rx.template.set_resource(
        naming::HTTP_API_ID,
        json!({ "Type": "AWS::ApiGatewayV2::Api", "Properties": properties }),
    );
}

fn cors_configuration(rx: &mut Render<'_, '_>, cors: Node<'_>) -> Value {
    let plan = rx.plan;
    let defaults_headers: Vec<Value> = [
        "Content-Type",
        "X-Amz-Date",
        "Authorization",
        "X-Api-Key",
        "X-Amz-Security-Token",
        "X-Amz-User-Agent",
        "X-Amzn-Trace-Id",
    ]
    .iter()
    .map(|h| Value::from(*h))
    .collect();
    let filled: Option<Vec<Value>> = plan
        .events
        .http_api
        .cors_methods
        .as_ref()
        .map(|m| m.iter().map(|s| Value::String(s.clone())).collect());
    let mut out = Map::new();
    if value::loaded(cors) == Loaded::Bool(true) {
        out.insert("AllowCredentials".into(), Value::Null);
        out.insert("AllowHeaders".into(), Value::Array(defaults_headers));
        out.insert(
            "AllowMethods".into(),
            Value::Array(filled.unwrap_or_default()),
        );
        out.insert("AllowOrigins".into(), json!(["*"]));
        out.insert("ExposeHeaders".into(), Value::Null);
        out.insert("MaxAge".into(), Value::Null);
        return Value::Object(out);
    }
    let list = |rx: &mut Render<'_, '_>, key: &str| {
        value::truthy_opt(value::get(cors, key)).map(|n| distinct(rx, n))
    };
    let credentials = value::get(cors, "allowCredentials").is_some_and(value::truthy);
    out.insert(
        "AllowCredentials".into(),
        if credentials {
            Value::Bool(true)
        } else {
            Value::Null
        },
    );
    let headers = list(rx, "allowedHeaders").unwrap_or(defaults_headers);
    out.insert("AllowHeaders".into(), Value::Array(headers));
    let methods = list(rx, "allowedMethods").or(filled).unwrap_or_default();
    out.insert("AllowMethods".into(), Value::Array(methods));
    let origins = list(rx, "allowedOrigins").unwrap_or_else(|| vec!["*".into()]);
    out.insert("AllowOrigins".into(), Value::Array(origins));
    let exposed = list(rx, "exposedResponseHeaders");
    out.insert(
        "ExposeHeaders".into(),
        exposed.map_or(Value::Null, Value::Array),
    );
    let age = rx
        .json_opt(value::get(cors, "maxAge"))
        .unwrap_or(Value::Null);
    out.insert("MaxAge".into(), age);
    Value::Object(out)
}

fn render_log_group(rx: &mut Render<'_, '_>) {
    let plan = rx.plan;
    let service = &plan.service;
    let stack = value::get(
        service.provider.unwrap_or_else(|| plan.node(plan.root())),
        "stackName",
    )
    .filter(|s| matches!(value::loaded(*s), Loaded::String(n) if !n.is_empty()))
    .and_then(value::string)
    .map_or_else(
        || format!("{}-{}", service.name, service.stage),
        |s| s.into_owned(),
    );
    let mut properties = Map::new();
    properties.insert(
        "LogGroupName".into(),
        format!("/aws/http-api/{stack}").into(),
    );
    if let Some(days) = value::truthy_opt(service.provider("logRetentionInDays")) {
        let days = coerced::number(rx, days);
        properties.insert("RetentionInDays".into(), days);
    }
    if let Some(policy) = value::truthy_opt(rx.plan.service.provider("logDataProtectionPolicy")) {
        let policy = rx.json(policy);
        properties.insert("DataProtectionPolicy".into(), policy);
    }
    rx.template.set_resource(
        naming::HTTP_API_LOG_GROUP_ID,
        json!({ "Type": "AWS::Logs::LogGroup", "Properties": properties }),
    );
}

fn render_stage(rx: &mut Render<'_, '_>) {
    let plan = rx.plan;
    let metrics = match provider_setting(plan, "metrics").filter(|m| value::truthy(*m)) {
        Some(m) => value::boolean(m).map_or_else(|| rx.json(m), Value::Bool),
        None => Value::Bool(false),
    };
    let mut properties = Map::new();
    properties.insert("ApiId".into(), json!({ "Ref": naming::HTTP_API_ID }));
    properties.insert("StageName".into(), "$default".into());
    properties.insert("AutoDeploy".into(), true.into());
    properties.insert(
        "DefaultRouteSettings".into(),
        json!({ "DetailedMetricsEnabled": metrics }),
    );
    if let Some(tags) = value::truthy_opt(plan.service.provider("tags")) {
        let tags = coerced::string_values(rx, tags);
        properties.insert("Tags".into(), tags);
    }
    let mut resource = Map::new();
    resource.insert("Type".into(), "AWS::ApiGatewayV2::Stage".into());
    if let Some(format) = access_log_format(plan) {
        properties.insert(
            "AccessLogSettings".into(),
            json!({
                "DestinationArn": { "Fn::GetAtt": [naming::HTTP_API_LOG_GROUP_ID, "Arn"] },
                "Format": format
            }),
        );
        resource.insert("Properties".into(), Value::Object(properties));
        resource.insert("DependsOn".into(), naming::HTTP_API_LOG_GROUP_ID.into());
    } else {
        resource.insert("Properties".into(), Value::Object(properties));
    }
    rx.template
        .set_resource(naming::HTTP_API_STAGE_ID, Value::Object(resource));
}

fn render_outputs(rx: &mut Render<'_, '_>) {
    rx.template.set_output(
        "HttpApiId",
        json!({ "Description": "Id of the HTTP API", "Value": { "Ref": naming::HTTP_API_ID } }),
    );
    rx.template.set_output(
        "HttpApiUrl",
        json!({
            "Description": "URL of the HTTP API",
            "Value": { "Fn::Join": ["", [
                "https://", { "Ref": naming::HTTP_API_ID }, ".execute-api.", { "Ref": "AWS::Region" },
                ".", { "Ref": "AWS::URLSuffix" }
            ]] }
        }),
    );
}

fn render_authorizer(rx: &mut Render<'_, '_>, i: usize) {
    let plan = rx.plan;
    let authorizer = &plan.events.http_api.authorizers[i];
    let node = plan.node(authorizer.node);
    let get = |key: &str| value::get(node, key);
    let identity = match value::truthy_opt(get("identitySource")) {
        Some(source) => match rx.json(source) {
            Value::Array(items) => Value::Array(items),
            other => Value::Array(vec![other]),
        },
        None => json!([]),
    };
    let mut properties = Map::new();
    properties.insert("ApiId".into(), api(rx));
    properties.insert("Name".into(), authorizer.name.clone().into());
    properties.insert("IdentitySource".into(), identity);
    let mut resource = Map::new();
    resource.insert("Type".into(), "AWS::ApiGatewayV2::Authorizer".into());
    let function = authorizer.function.map(|f| &plan.functions[f]);
    let target = match (value::truthy_opt(get("functionArn")), function) {
        (Some(arn), _) => rx.json(arn),
        (None, Some(f)) => f.invoke_target(),
        (None, None) => Value::Null,
    };
    if authorizer.is_request {
        properties.insert("AuthorizerType".into(), "REQUEST".into());
        let simple = rx
            .json_opt(get("enableSimpleResponses"))
            .unwrap_or(Value::Null);
        properties.insert("EnableSimpleResponses".into(), simple);
        let ttl = get("resultTtlInSeconds").map_or(Value::Null, |t| coerced::number(rx, t));
        properties.insert("AuthorizerResultTtlInSeconds".into(), ttl);
        let payload = match value::truthy_opt(get("payloadVersion")) {
            Some(p) => coerced::string(rx, p),
            None => "2.0".into(),
        };
        properties.insert("AuthorizerPayloadFormatVersion".into(), payload);
        properties.insert(
            "AuthorizerUri".into(),
            crate::events::lambda_invocation_uri(target.clone()),
        );
        resource.insert("Properties".into(), Value::Object(properties));
        if let Some(alias) = function.and_then(|f| f.alias_id()) {
            resource.insert("DependsOn".into(), alias);
        }
    } else {
        properties.insert("AuthorizerType".into(), "JWT".into());
        let audience = match get("audience") {
            Some(a) => Value::Array(distinct(rx, a)),
            None => json!([Value::Null]),
        };
        let issuer = rx.json_opt(get("issuerUrl")).unwrap_or(Value::Null);
        properties.insert(
            "JwtConfiguration".into(),
            json!({ "Audience": audience, "Issuer": issuer }),
        );
        resource.insert("Properties".into(), Value::Object(properties));
    }
    let managed = get("managedExternally").is_some_and(value::truthy);
    if authorizer.is_request && !managed {
        let api = api(rx);
        let mut permission = Map::new();
        permission.insert("Type".into(), "AWS::Lambda::Permission".into());
        permission.insert(
            "Properties".into(),
            json!({
                "FunctionName": target,
                "Action": "lambda:InvokeFunction",
                "Principal": "apigateway.amazonaws.com",
                "SourceArn": source_arn(api)
            }),
        );
        if let Some(alias) = function.and_then(|f| f.alias_id()) {
            permission.insert("DependsOn".into(), alias);
        }
        rx.template.set_resource(
            &naming::http_api_authorizer_permission_id(&authorizer.name),
            Value::Object(permission),
        );
    }
    rx.template.set_resource(
        &naming::http_api_authorizer_id(&authorizer.name),
        Value::Object(resource),
    );
}

fn render_route(rx: &mut Render<'_, '_>, i: usize) {
    let plan = rx.plan;
    let route = &plan.events.http_api.routes[i];
    let function = &plan.functions[route.function];
    let integration = naming::http_api_integration_id(&function.key);
    if rx
        .done
        .insert(format!("http-api-function:{}", route.function))
    {
        let api = api(rx);
        let mut permission = Map::new();
        permission.insert("Type".into(), "AWS::Lambda::Permission".into());
        permission.insert(
            "Properties".into(),
            json!({
                "FunctionName": function.invoke_target(),
                "Action": "lambda:InvokeFunction",
                "Principal": "apigateway.amazonaws.com",
                "SourceArn": source_arn(api.clone())
            }),
        );
        if let Some(alias) = function.alias_id() {
            permission.insert("DependsOn".into(), alias);
        }
        rx.template.set_resource(
            &naming::http_api_permission_id(&function.key),
            Value::Object(permission),
        );
        let payload = function
            .get("httpApi")
            .and_then(|h| value::truthy_opt(value::get(h, "payload")))
            .or_else(|| value::truthy_opt(provider_setting(plan, "payload")));
        let payload = match payload {
            Some(p) => coerced::string(rx, p),
            None => "2.0".into(),
        };
        let mut resource = Map::new();
        resource.insert("Type".into(), "AWS::ApiGatewayV2::Integration".into());
        if let Some(alias) = function.alias_id() {
            resource.insert("DependsOn".into(), alias);
        }
        resource.insert(
            "Properties".into(),
            json!({
                "ApiId": api,
                "IntegrationType": "AWS_PROXY",
                "IntegrationUri": function.invoke_target(),
                "PayloadFormatVersion": payload,
                "TimeoutInMillis": 30000
            }),
        );
        rx.template
            .set_resource(&integration, Value::Object(resource));
    }
    let mut properties = Map::new();
    properties.insert("ApiId".into(), api(rx));
    let key = if route.key == "*" {
        "$default"
    } else {
        route.key.as_str()
    };
    properties.insert("RouteKey".into(), key.into());
    properties.insert(
        "Target".into(),
        json!({ "Fn::Join": ["/", ["integrations", { "Ref": &integration }]] }),
    );
    if let Some((node, configured)) = &route.authorizer {
        let node = plan.node(*node);
        let object = is_object(node);
        let kind = match configured {
            Some(key) => plan
                .events
                .http_api
                .authorizers
                .iter()
                .find(|a| &a.key == key)
                .and_then(|a| text(value::get(plan.node(a.node), "type"))),
            None => object.then(|| text(value::get(node, "type"))).flatten(),
        };
        let authorization = match kind.as_deref() {
            Some("request") => "CUSTOM",
            Some("aws_iam") => "AWS_IAM",
            _ => "JWT",
        };
        properties.insert("AuthorizationType".into(), authorization.into());
        if kind.as_deref() != Some("aws_iam") {
            let id = match (
                object
                    .then(|| value::truthy_opt(value::get(node, "id")))
                    .flatten(),
                configured,
            ) {
                (Some(id), _) => rx.json(id),
                (None, Some(key)) => {
                    let name = plan
                        .events
                        .http_api
                        .authorizers
                        .iter()
                        .find(|a| &a.key == key)
                        .map_or_else(|| key.clone(), |a| a.name.clone());
                    json!({ "Ref": naming::http_api_authorizer_id(&name) })
                }
                (None, None) => Value::Null,
            };
            properties.insert("AuthorizerId".into(), id);
            let scopes = object
                .then(|| value::truthy_opt(value::get(node, "scopes")))
                .flatten()
                .map(|s| Value::Array(distinct(rx, s)));
            properties.insert("AuthorizationScopes".into(), scopes.unwrap_or(Value::Null));
        }
    }
    rx.template.set_resource(
        &naming::http_api_route_id(&route.key),
        json!({ "Type": "AWS::ApiGatewayV2::Route", "Properties": properties, "DependsOn": integration }),
    );
}
