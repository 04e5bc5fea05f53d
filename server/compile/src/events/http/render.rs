//! Rendering the `http` steps: the RestApi, path resources, CORS preflight methods, request
//! validator and models, authorizers, deployment, endpoint output, permissions, access logs.

use crate::json_literal::json;
use serde_json::{Map, Value};
use sls_model::value::{self, Loaded};
use sls_syntax::Node;

use super::authorizer::{ArnSource, AuthKind};
use super::{api_gateway, existing_api, method, HttpEvent, HttpPlan, Part};
use crate::functions::Function;
use crate::naming;
use crate::plan::Plan;
use crate::render::Render;
use crate::{coerced, custom_resources, merge};

/// The REST API id: `provider.apiGateway.restApiId`, else a `Ref` to the created one.
pub(super) fn api_ref(rx: &mut Render<'_, '_>) -> Value {
    match existing_api(rx.plan) {
        Some(node) => rx.json(node),
        None => json!({ "Ref": naming::REST_API_ID }),
    }
}

/// The resource id of a path (`""`: the API's root resource).
pub(super) fn resource_ref(rx: &mut Render<'_, '_>, path: &str) -> Value {
    let plan = rx.plan;
    if path.is_empty() {
        return match value::truthy_opt(api_gateway(plan, "restApiRootResourceId")) {
            Some(node) => rx.json(node),
            None => json!({ "Fn::GetAtt": [naming::REST_API_ID, "RootResourceId"] }),
        };
    }
    let resource = plan.events.http.resource(path);
    match resource.and_then(|r| r.predefined_id) {
        Some(id) => rx.json(plan.node(id)),
        None => json!({ "Ref": naming::rest_resource_id(path) }),
    }
}

/// The Lambda integration URI of a function (alias-qualified).
pub(super) fn lambda_uri(function: &Function<'_>) -> Value {
    let mut parts = vec![
        json!("arn:"),
        json!({ "Ref": "AWS::Partition" }),
        json!(":apigateway:"),
        json!({ "Ref": "AWS::Region" }),
        json!(":lambda:path/2015-03-31/functions/"),
        json!({ "Fn::GetAtt": [function.lambda_id(), "Arn"] }),
    ];
    if let Some(alias) = &function.alias {
        parts.push(json!(":"));
        parts.push(json!(alias.name));
    }
    parts.push(json!("/invocations"));
    json!({ "Fn::Join": ["", parts] })
}

/// An event's CORS settings after validation.
#[derive(Debug, Clone, Default)]
pub(super) struct Cors {
    /// `undefined` when `origins` replaces it.
    pub origin: String,
    pub origins: Vec<String>,
    pub headers: Vec<String>,
    pub methods: Vec<String>,
    pub allow_credentials: bool,
    pub max_age: Option<String>,
    pub cache_control: Option<String>,
}

const CORS_HEADERS: &[&str] = &[
    "Content-Type",
    "X-Amz-Date",
    "Authorization",
    "X-Api-Key",
    "X-Amz-Security-Token",
    "X-Amz-User-Agent",
    "X-Amzn-Trace-Id",
];

fn strings(node: Option<Node<'_>>) -> Option<Vec<String>> {
    let node = node?;
    Some(match value::loaded(node) {
        Loaded::Array => value::items(node)
            .map(|item| value::string(item).unwrap_or_default().into_owned())
            .collect(),
        _ => vec![value::string(node).unwrap_or_default().into_owned()],
    })
}

pub(super) fn cors_of(rx: &Render<'_, '_>, event: &HttpEvent) -> Cors {
    let method = event.method.to_uppercase();
    let mut cors = Cors {
        origin: "*".into(),
        methods: vec!["OPTIONS".into()],
        headers: CORS_HEADERS.iter().map(|h| (*h).to_owned()).collect(),
        ..Cors::default()
    };
    let node = value::get(rx.plan.node(event.node), "cors");
    let Some(node) = node.filter(|n| value::loaded(*n) == Loaded::Object) else {
        cors.methods.push(method);
        return cors;
    };
    let get = |key: &str| value::get(node, key);
    let origins = value::truthy_opt(get("origins"));
    if origins.is_some() {
        cors.origin = "undefined".into();
    }
    if let Some(origin) = get("origin") {
        cors.origin = value::string(origin).map_or_else(|| "undefined".into(), |o| o.into_owned());
    }
    cors.origins = strings(origins).unwrap_or_default();
    cors.methods = strings(value::truthy_opt(get("methods"))).unwrap_or_default();
    cors.allow_credentials = get("allowCredentials").is_some_and(value::truthy);
    if let Some(headers) = strings(value::truthy_opt(get("headers"))) {
        cors.headers = headers;
    }
    if !cors.methods.iter().any(|m| m == "OPTIONS") {
        cors.methods.push("OPTIONS".into());
    }
    if !cors.methods.contains(&method) {
        cors.methods.push(method);
    }
    cors.max_age = value::truthy_opt(get("maxAge"))
        .and_then(value::string)
        .map(|s| s.into_owned());
    cors.cache_control = value::truthy_opt(get("cacheControl"))
        .and_then(value::string)
        .map(|s| s.into_owned());
    cors
}

/// `_.union(a, b)`: the distinct items of `a` then of `b`.
fn union(a: &[String], b: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for item in a.iter().chain(b) {
        if !out.contains(item) {
            out.push(item.clone());
        }
    }
    out
}

/// The preflight settings of a path: every CORS event on it merged in event order.
fn preflight(rx: &Render<'_, '_>, path: &str) -> Cors {
    let mut merged = Cors::default();
    for event in rx.plan.events.http.cors_events(path) {
        let cors = cors_of(rx, event);
        merged.headers = union(&cors.headers, &merged.headers);
        merged.methods = union(&cors.methods, &merged.methods);
        merged.origins = union(&cors.origins, &merged.origins);
        merged.origin = cors.origin.clone();
        merged.allow_credentials = merged.allow_credentials || cors.allow_credentials;
        if cors.max_age.is_some() {
            merged.max_age = cors.max_age.clone();
        }
        if cors.cache_control.is_some() {
            merged.cache_control = cors.cache_control.clone();
        }
    }
    merged
}

pub(crate) fn render(rx: &mut Render<'_, '_>, part: &Part) {
    match *part {
        Part::RestApi => render_rest_api(rx),
        Part::Resource(i) => render_resource(rx, i),
        Part::Cors(i) => render_cors(rx, i),
        Part::Method(i) => method::render(rx, i),
        Part::Validators(i) => render_validators(rx, i),
        Part::Authorizer(i) => render_authorizer(rx, i),
        Part::Deployment => render_deployment(rx),
        Part::Output => {
            let api = api_ref(rx);
            let stage = rx.plan.service.stage.clone();
            merge::merge_entry(
                &mut rx.template.outputs,
                naming::REST_OUTPUT_ID,
                &crate::events::endpoint_output("https", &api, &stage),
            );
        }
        Part::ApiKeys => super::api_keys::render_keys(rx),
        Part::UsagePlans => super::api_keys::render_plans(rx),
        Part::UsagePlanKeys => super::api_keys::render_plan_keys(rx),
        Part::Permission(i) => render_permission(rx, i),
        Part::AuthorizerPermission(i) => render_authorizer_permission(rx, i),
        Part::LogGroup => render_log_group(rx),
    }
}

fn render_rest_api(rx: &mut Render<'_, '_>) {
    let plan = rx.plan;
    let service = &plan.service;
    let name = match value::truthy_opt(service.provider("apiName")) {
        Some(name) => coerced::string(rx, name),
        None => {
            let first = api_gateway(plan, "shouldStartNameWithService").is_some_and(value::truthy);
            if first {
                format!("{}-{}", service.name, service.stage).into()
            } else {
                format!("{}-{}", service.stage, service.name).into()
            }
        }
    };
    let mut properties = Map::new();
    properties.insert("Name".into(), name);
    if let Some(types) = value::truthy_opt(api_gateway(plan, "binaryMediaTypes")) {
        let types = rx.json(types);
        properties.insert("BinaryMediaTypes".into(), types);
    }
    if let Some(disable) =
        api_gateway(plan, "disableDefaultEndpoint").filter(|n| value::loaded(*n) != Loaded::Null)
    {
        let disable = value::boolean(disable).map_or_else(|| rx.json(disable), Value::Bool);
        properties.insert("DisableExecuteApiEndpoint".into(), disable);
    }
    let endpoint = value::truthy_opt(service.provider("endpointType"))
        .and_then(value::string)
        .map_or_else(|| "EDGE".to_owned(), |t| t.to_uppercase());
    let mut configuration = Map::new();
    configuration.insert("Types".into(), json!([endpoint]));
    if let Some(ids) = value::truthy_opt(service.provider("vpcEndpointIds")) {
        let ids = rx.json(ids);
        configuration.insert("VpcEndpointIds".into(), ids);
    }
    properties.insert("EndpointConfiguration".into(), Value::Object(configuration));
    let policy = api_gateway(plan, "resourcePolicy").filter(|p| match value::loaded(*p) {
        Loaded::Array => value::items(*p).next().is_some(),
        Loaded::Object => !value::properties(*p).is_empty(),
        Loaded::String(s) => !s.is_empty(),
        _ => false,
    });
    let policy = match policy {
        Some(statements) => {
            let statements = match value::loaded(statements) {
                Loaded::Array => Value::Array(
                    value::items(statements)
                        .map(|s| {
                            crate::statements::coerce(rx, s, crate::statements::Policy::Resource)
                        })
                        .collect(),
                ),
                _ => rx.json(statements),
            };
            json!({ "Version": "2012-10-17", "Statement": statements })
        }
        None => Value::String(String::new()),
    };
    properties.insert("Policy".into(), policy);
    if let Some(source) =
        value::truthy_opt(api_gateway(plan, "apiKeySourceType")).and_then(value::string)
    {
        properties.insert("ApiKeySourceType".into(), source.to_uppercase().into());
    }
    if let Some(size) =
        api_gateway(plan, "minimumCompressionSize").filter(|n| value::loaded(*n) != Loaded::Null)
    {
        let size = coerced::number(rx, size);
        properties.insert("MinimumCompressionSize".into(), size);
    }
    if let Some(description) = value::truthy_opt(api_gateway(plan, "description")) {
        let description = rx.json(description);
        properties.insert("Description".into(), description);
    }
    rx.template.merge_resource(
        naming::REST_API_ID,
        json!({ "Type": "AWS::ApiGateway::RestApi", "Properties": properties }),
    );
}

fn render_resource(rx: &mut Render<'_, '_>, i: usize) {
    let resource = rx.plan.events.http.resources[i].clone();
    let parent = resource_ref(rx, resource.parent.as_deref().unwrap_or(""));
    let api = api_ref(rx);
    rx.template.merge_resource(
        &naming::rest_resource_id(&resource.path),
        json!({
            "Type": "AWS::ApiGateway::Resource",
            "Properties": { "ParentId": parent, "PathPart": resource.part, "RestApiId": api }
        }),
    );
}

fn render_cors(rx: &mut Render<'_, '_>, i: usize) {
    let http: &HttpPlan = &rx.plan.events.http;
    let path = http.cors_paths[i].clone();
    let id = naming::rest_method_id(&http.resource_name(&path), "options");
    let config = preflight(rx, &path);
    let mut origin = config.origin.clone();
    let mut origins = config.origins.clone();
    if origin != "undefined" && origin.contains(',') {
        origins = origin.split(',').map(|o| o.trim().to_owned()).collect();
    }
    if let Some(first) = origins.first() {
        origin = first.clone();
    }
    let mut headers: Vec<(String, String)> = vec![
        ("Access-Control-Allow-Origin".into(), format!("'{origin}'")),
        (
            "Access-Control-Allow-Headers".into(),
            format!("'{}'", config.headers.join(",")),
        ),
        (
            "Access-Control-Allow-Methods".into(),
            format!("'{}'", config.methods.join(",")),
        ),
    ];
    if config.allow_credentials {
        headers.push(("Access-Control-Allow-Credentials".into(), "'true'".into()));
    }
    if let Some(age) = &config.max_age {
        headers.push(("Access-Control-Max-Age".into(), format!("'{age}'")));
    }
    if let Some(control) = &config.cache_control {
        headers.push(("Cache-Control".into(), format!("'{control}'")));
    }
    if config.methods.iter().any(|m| m == "ANY") {
        if let Some((_, methods)) = headers.get_mut(2) {
            *methods = methods.replacen("ANY", "DELETE,GET,HEAD,PATCH,POST,PUT", 1);
        }
    }
    let method_parameters: Map<String, Value> = headers
        .iter()
        .map(|(h, _)| (format!("method.response.header.{h}"), Value::Bool(true)))
        .collect();
    let integration_parameters: Map<String, Value> = headers
        .iter()
        .map(|(h, v)| {
            (
                format!("method.response.header.{h}"),
                Value::String(v.clone()),
            )
        })
        .collect();
    let template = if origins.is_empty() {
        String::new()
    } else {
        cors_template(&origins)
    };
    let resource_ref = resource_ref(rx, &path);
    let api = api_ref(rx);
    rx.template.merge_resource(
        &id,
        json!({
            "Type": "AWS::ApiGateway::Method",
            "Properties": {
                "AuthorizationType": "NONE",
                "HttpMethod": "OPTIONS",
                "MethodResponses": [{
                    "StatusCode": "200",
                    "ResponseParameters": method_parameters,
                    "ResponseModels": {}
                }],
                "RequestParameters": {},
                "Integration": {
                    "Type": "MOCK",
                    "RequestTemplates": { "application/json": "{statusCode:200}" },
                    "ContentHandling": "CONVERT_TO_TEXT",
                    "IntegrationResponses": [{
                        "StatusCode": "200",
                        "ResponseParameters": integration_parameters,
                        "ResponseTemplates": { "application/json": template }
                    }]
                },
                "ResourceId": resource_ref,
                "RestApiId": api
            }
        }),
    );
}

/// The response template that echoes an allowed origin (each origin a Java regex: dots
/// escaped, the first `*` a wildcard).
fn cors_template(origins: &[String]) -> String {
    let tests: Vec<String> = origins
        .iter()
        .map(|o| {
            let regex = o.replace('.', "[.]").replacen('*', ".+", 1);
            format!("$origin.matches(\"{regex}\")")
        })
        .collect();
    format!(
        "#set($origin = $input.params(\"Origin\"))\n#if($origin == \"\") #set($origin = $input.params(\"origin\")) #end\n#if({}) #set($context.responseOverride.header.Access-Control-Allow-Origin = $origin) #end",
        tests.join(" || ")
    )
}

/// What an event's request needs: the validator (a required parameter, or schemas), and the
/// models of its schemas with the node each comes from.
pub(super) struct ValidatorNeeds {
    pub validator: bool,
    pub models: Vec<(String, sls_syntax::NodeId)>,
}

/// `request.schemas` of an event that keeps it: `(content type, schema node)`.
fn schemas<'a>(plan: &Plan<'a>, event: &HttpEvent) -> Vec<(String, Node<'a>)> {
    let http = plan.node(event.node);
    if value::loaded(http) != Loaded::Object {
        return Vec::new();
    }
    value::get(http, "request")
        .and_then(|r| value::truthy_opt(value::get(r, "schemas")))
        .map(|s| {
            value::properties(s)
                .into_iter()
                .map(|p| (p.name().into_owned(), p.value))
                .collect()
        })
        .unwrap_or_default()
}

/// A schema given as the name of a `provider.apiGateway.request.schemas` entry.
fn provider_schema<'a>(plan: &Plan<'a>, schema: Node<'_>) -> Option<(String, Node<'a>)> {
    if value::loaded(schema) == Loaded::Object {
        return None;
    }
    let name = value::string(schema)?.into_owned();
    let definitions = plan
        .service
        .provider_at(&["apiGateway", "request", "schemas"])?;
    let definition = value::truthy_opt(value::get(definitions, &name))?;
    Some((name, definition))
}

pub(super) fn validator_needs(
    plan: &Plan<'_>,
    http: &HttpPlan,
    event: &HttpEvent,
) -> ValidatorNeeds {
    let node = plan.node(event.node);
    let required = value::loaded(node) == Loaded::Object
        && event.integration.as_str() != "MOCK"
        && value::get(node, "request")
            .and_then(|r| value::truthy_opt(value::get(r, "parameters")))
            .is_some_and(|p| {
                ["querystrings", "paths", "headers"].iter().any(|location| {
                    value::truthy_opt(value::get(p, location)).is_some_and(|group| {
                        value::properties(group).iter().any(|prop| {
                            if value::loaded(prop.value) != Loaded::Object {
                                return value::truthy(prop.value);
                            }
                            value::get(prop.value, "required")
                                .filter(|r| value::loaded(*r) != Loaded::Null)
                                .is_none_or(value::truthy)
                        })
                    })
                })
            });
    let schemas = schemas(plan, event);
    let models = schemas
        .iter()
        .map(|(content_type, schema)| {
            let id = match provider_schema(plan, *schema) {
                Some((name, _)) => naming::rest_model_id(&name),
                None => naming::rest_endpoint_model_id(
                    &http.resource_name(&event.path),
                    &event.method,
                    content_type,
                ),
            };
            (id, schema.id)
        })
        .collect();
    ValidatorNeeds {
        validator: required || !schemas.is_empty(),
        models,
    }
}

fn render_validators(rx: &mut Render<'_, '_>, i: usize) {
    let plan = rx.plan;
    let http = &plan.events.http;
    let event = &http.events[i];
    let validator = naming::rest_validator_id(&plan.service.name);
    if rx.done.insert("request-validator".into()) {
        let api = api_ref(rx);
        let name = format!(
            "{}-{} | Validate request body and querystring parameters",
            plan.service.name, plan.service.stage
        );
        rx.template.set_resource(
            &validator,
            json!({
                "Type": "AWS::ApiGateway::RequestValidator",
                "Properties": {
                    "RestApiId": api,
                    "ValidateRequestBody": true,
                    "ValidateRequestParameters": true,
                    "Name": name
                }
            }),
        );
    }
    let method_id = http.method_id(event);
    let mut models = Map::new();
    for (content_type, schema) in schemas(plan, event) {
        let model_id = match provider_schema(plan, schema) {
            Some((name, definition)) => {
                let id = naming::rest_model_id(&name);
                let (body, model_name, description) = model_parts(definition);
                let mut properties = Map::new();
                properties.insert("RestApiId".into(), json!({ "Ref": naming::REST_API_ID }));
                properties.insert("Schema".into(), rx.json(body));
                properties.insert("ContentType".into(), "application/json".into());
                if let Some(n) = model_name.filter(|n| value::truthy(*n)) {
                    properties.insert("Name".into(), rx.json(n));
                }
                if let Some(d) = description.filter(|d| value::truthy(*d)) {
                    properties.insert("Description".into(), rx.json(d));
                }
                rx.template.set_resource(
                    &id,
                    json!({ "Type": "AWS::ApiGateway::Model", "Properties": properties }),
                );
                id
            }
            None => {
                let id = naming::rest_endpoint_model_id(
                    &http.resource_name(&event.path),
                    &event.method,
                    &content_type,
                );
                let (body, model_name, description) = if value::loaded(schema) == Loaded::Object {
                    model_parts(schema)
                } else {
                    (schema, None, None)
                };
                let api = api_ref(rx);
                let body = rx.json(body);
                let model_name = rx.json_opt(model_name).unwrap_or(Value::Null);
                let description = rx.json_opt(description).unwrap_or(Value::Null);
                rx.template.set_resource(
                    &id,
                    json!({
                        "Type": "AWS::ApiGateway::Model",
                        "Properties": {
                            "RestApiId": api,
                            "ContentType": &content_type,
                            "Schema": body,
                            "Name": model_name,
                            "Description": description
                        }
                    }),
                );
                id
            }
        };
        models.insert(content_type, json!({ "Ref": model_id }));
    }
    let Some(Value::Object(properties)) = rx
        .template
        .resources
        .get_mut(&method_id)
        .and_then(|m| m.get_mut("Properties"))
    else {
        return;
    };
    properties.insert("RequestValidatorId".into(), json!({ "Ref": validator }));
    if !models.is_empty() {
        let slot = properties
            .entry("RequestModels")
            .or_insert_with(|| Value::Object(Map::new()));
        if let Value::Object(slot) = slot {
            slot.extend(models);
        }
    }
}

/// A schema setting's body, name and description: `{schema, name, description}`, or the
/// whole setting as the body.
fn model_parts(node: Node<'_>) -> (Node<'_>, Option<Node<'_>>, Option<Node<'_>>) {
    match value::truthy_opt(value::get(node, "schema")) {
        Some(body) => (
            body,
            value::get(node, "name"),
            value::get(node, "description"),
        ),
        None => (node, None, None),
    }
}

fn render_authorizer(rx: &mut Render<'_, '_>, i: usize) {
    let plan = rx.plan;
    let event = &plan.events.http.events[i];
    let Some(authorizer) = &event.authorizer else {
        return;
    };
    let AuthKind::Named {
        name,
        arn,
        type_text,
        cognito,
        ..
    } = &authorizer.kind
    else {
        return;
    };
    let node = plan.node(authorizer.node);
    let mut properties = Map::new();
    let mut ttl = None;
    if authorizer.is_object {
        ttl = Some(parse_int(value::get(node, "resultTtlInSeconds")).unwrap_or(300));
        properties.insert("AuthorizerResultTtlInSeconds".into(), ttl.into());
    }
    let identity = authorizer
        .is_object
        .then(|| value::truthy_opt(value::get(node, "identitySource")))
        .flatten();
    let request_without_cache = type_text
        .as_deref()
        .is_some_and(|t| t.eq_ignore_ascii_case("REQUEST"))
        && ttl == Some(0);
    let identity = match identity {
        Some(source) => rx.json(source),
        None if request_without_cache => Value::Null,
        None => "method.request.header.Authorization".into(),
    };
    properties.insert("IdentitySource".into(), identity);
    properties.insert("Name".into(), name.clone().into());
    properties.insert("RestApiId".into(), api_ref(rx));
    if authorizer.is_object {
        if let Some(expression) = value::get(node, "identityValidationExpression")
            .filter(|e| matches!(value::loaded(*e), Loaded::String(_)))
        {
            let expression = rx.json(expression);
            properties.insert("IdentityValidationExpression".into(), expression);
        }
    }
    let arn_value = method::authorizer_arn(rx, arn);
    if *cognito {
        properties.insert("Type".into(), "COGNITO_USER_POOLS".into());
        properties.insert("ProviderARNs".into(), json!([arn_value]));
    } else {
        properties.insert(
            "AuthorizerUri".into(),
            crate::events::lambda_invocation_uri(arn_value),
        );
        let kind = type_text
            .as_deref()
            .map_or_else(|| "TOKEN".to_owned(), str::to_uppercase);
        properties.insert("Type".into(), kind.into());
    }
    let mut resource = Map::new();
    resource.insert("Type".into(), "AWS::ApiGateway::Authorizer".into());
    if let ArnSource::Function(f) = arn {
        if let Some(alias) = &plan.functions[*f].alias {
            resource.insert("DependsOn".into(), alias.logical_id.clone().into());
        }
    }
    resource.insert("Properties".into(), Value::Object(properties));
    rx.template
        .merge_resource(&naming::rest_authorizer_id(name), Value::Object(resource));
}

/// `Number.parseInt(value, 10)`: the leading integer of its text, `None` for NaN.
fn parse_int(node: Option<Node<'_>>) -> Option<i64> {
    let text = value::string(node?)?;
    let text = text.trim_start();
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => (-1, rest),
        None => (1, text.strip_prefix('+').unwrap_or(text)),
    };
    let digits: String = digits.chars().take_while(char::is_ascii_digit).collect();
    digits.parse::<i64>().ok().map(|n| sign * n)
}

fn render_deployment(rx: &mut Render<'_, '_>) {
    let plan = rx.plan;
    let http = &plan.events.http;
    let mut depends_on: Vec<Value> = http
        .cors_paths
        .iter()
        .map(|p| Value::String(naming::rest_method_id(&http.resource_name(p), "options")))
        .collect();
    depends_on.extend(http.events.iter().map(|e| Value::String(http.method_id(e))));
    let api = api_ref(rx);
    let stage = match value::truthy_opt(api_gateway(plan, "stage")) {
        Some(s) => rx.json(s),
        None => plan.service.stage.clone().into(),
    };
    let description = value::truthy_opt(api_gateway(plan, "description")).map(|d| rx.json(d));
    rx.template.merge_resource(
        &naming::rest_deployment_id(),
        json!({
            "Type": "AWS::ApiGateway::Deployment",
            "Properties": { "RestApiId": api, "StageName": stage, "Description": description },
            "DependsOn": depends_on
        }),
    );
}

fn source_arn(api: Value) -> Value {
    json!({
        "Fn::Join": ["", [
            "arn:", { "Ref": "AWS::Partition" }, ":execute-api:", { "Ref": "AWS::Region" },
            ":", { "Ref": "AWS::AccountId" }, ":", api, "/*/*"
        ]]
    })
}

fn render_permission(rx: &mut Render<'_, '_>, i: usize) {
    let plan = rx.plan;
    let function = &plan.functions[plan.events.http.events[i].function];
    let api = api_ref(rx);
    let mut resource = Map::new();
    resource.insert("Type".into(), "AWS::Lambda::Permission".into());
    resource.insert(
        "Properties".into(),
        json!({
            "FunctionName": function.invoke_target(),
            "Action": "lambda:InvokeFunction",
            "Principal": "apigateway.amazonaws.com",
            "SourceArn": source_arn(api)
        }),
    );
    if let Some(alias) = &function.alias {
        resource.insert("DependsOn".into(), alias.logical_id.clone().into());
    }
    rx.template.set_resource(
        &naming::rest_permission_id(&function.key),
        Value::Object(resource),
    );
}

fn render_authorizer_permission(rx: &mut Render<'_, '_>, i: usize) {
    let plan = rx.plan;
    let event = &plan.events.http.events[i];
    let Some(AuthKind::Named { name, arn, .. }) = event.authorizer.as_ref().map(|a| &a.kind) else {
        return;
    };
    let target = match arn {
        ArnSource::Function(f) => match &plan.functions[*f].alias {
            Some(alias) => json!({ "Ref": &alias.logical_id }),
            None => plan.functions[*f].invoke_target(),
        },
        other => method::authorizer_arn(rx, other),
    };
    let api = api_ref(rx);
    rx.template.set_resource(
        &naming::rest_permission_id(name),
        json!({
            "Type": "AWS::Lambda::Permission",
            "Properties": {
                "FunctionName": target,
                "Action": "lambda:InvokeFunction",
                "Principal": "apigateway.amazonaws.com",
                "SourceArn": source_arn(api)
            }
        }),
    );
}

/// Whether `provider.logs.restApi` turns access logging on (the log group and the account's
/// CloudWatch role).
pub(super) fn writes_access_logs(plan: &Plan<'_>) -> bool {
    let Some(logs) = value::truthy_opt(plan.service.provider_at(&["logs", "restApi"])) else {
        return false;
    };
    match value::get(logs, "accessLogging") {
        Some(flag) if value::loaded(flag) != Loaded::Null => value::truthy(flag),
        _ => true,
    }
}

fn render_log_group(rx: &mut Render<'_, '_>) {
    let plan = rx.plan;
    let stage = rx
        .plan
        .service
        .cli_stage
        .clone()
        .unwrap_or_else(|| "undefined".into());
    let mut properties = Map::new();
    properties.insert(
        "LogGroupName".into(),
        format!("/aws/api-gateway/{}-{stage}", plan.service.name).into(),
    );
    if let Some(days) = value::truthy_opt(plan.service.provider("logRetentionInDays")) {
        let days = coerced::number(rx, days);
        properties.insert("RetentionInDays".into(), days);
    }
    if let Some(policy) = value::truthy_opt(plan.service.provider("logDataProtectionPolicy")) {
        let policy = rx.json(policy);
        properties.insert("DataProtectionPolicy".into(), policy);
    }
    rx.template.merge_resource(
        naming::REST_LOG_GROUP_ID,
        json!({ "Type": "AWS::Logs::LogGroup", "Properties": properties }),
    );
    custom_resources::render_cloudwatch_role(rx);
}
