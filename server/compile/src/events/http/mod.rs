//! `http` events (the REST API): each event read the way the framework's validation step
//! normalises it (path, method, integration type, authorizer, CORS), the failures it reports,
//! and the plan in the framework's order: RestApi → path resources → CORS preflight methods →
//! methods → request validator and models → authorizers → deployment and endpoint output →
//! API keys → usage plans → usage plan keys → permissions → access-log group.

mod api_keys;
mod authorizer;
mod method;
mod render;
mod tree;

use std::borrow::Cow;

use sls_model::value::{self, Loaded};
use sls_syntax::{Node, NodeId};

use crate::fast_hash::FastMap;
use crate::naming;
use crate::plan::{NewItem, Origin, Part as PlanPart, Plan};
use crate::{CompileError, CompileErrorKind};

pub(crate) use authorizer::{AuthKind, RestAuthorizer};
pub(crate) use render::render;

/// One `http` event after validation.
#[derive(Debug, Clone)]
pub(crate) struct HttpEvent {
    pub function: usize,
    pub event: usize,
    /// The event's settings (a string or a mapping).
    pub node: NodeId,
    /// Without leading and trailing `/`; empty for the root.
    pub path: String,
    /// Lower case.
    pub method: String,
    /// `AWS`, `AWS_PROXY`, `HTTP`, `HTTP_PROXY` or `MOCK` (upper-cased as written otherwise).
    pub integration: String,
    pub authorizer: Option<RestAuthorizer>,
    pub cors: bool,
}

/// The collected events and the resource tree.
#[derive(Debug, Default)]
pub(crate) struct HttpPlan {
    pub events: Vec<HttpEvent>,
    /// Path → resource name (`normalizePath`), in the framework's order; resources with an id
    /// of their own (`restApiResources`) are not emitted.
    pub resources: Vec<tree::Resource>,
    /// Paths with CORS, in the order first seen.
    pub cors_paths: Vec<String>,
    /// Path → index in `resources` (the first with that path).
    by_path: FastMap<String, usize>,
    /// Path → the events with CORS on it, in event order.
    cors_events: FastMap<String, Vec<usize>>,
}

impl HttpPlan {
    fn new(events: Vec<HttpEvent>, resources: Vec<tree::Resource>) -> HttpPlan {
        let mut by_path = FastMap::with_capacity_and_hasher(resources.len(), Default::default());
        for (i, resource) in resources.iter().enumerate() {
            by_path.entry(resource.path.clone()).or_insert(i);
        }
        let mut cors_paths = Vec::new();
        let mut cors_events: FastMap<String, Vec<usize>> = FastMap::default();
        for (i, event) in events.iter().enumerate().filter(|(_, e)| e.cors) {
            let on_path = cors_events.entry(event.path.clone()).or_default();
            if on_path.is_empty() {
                cors_paths.push(event.path.clone());
            }
            on_path.push(i);
        }
        HttpPlan {
            events,
            resources,
            cors_paths,
            by_path,
            cors_events,
        }
    }

    /// The path resource of a path.
    pub fn resource(&self, path: &str) -> Option<&tree::Resource> {
        self.by_path.get(path).map(|&i| &self.resources[i])
    }

    /// The events with CORS on a path, in event order.
    pub fn cors_events(&self, path: &str) -> impl Iterator<Item = &HttpEvent> + '_ {
        let indexes = self.cors_events.get(path).map_or(&[][..], Vec::as_slice);
        indexes.iter().map(|&i| &self.events[i])
    }

    /// The name a path's methods are named after (`""` for the root).
    pub fn resource_name(&self, path: &str) -> Cow<'_, str> {
        if path.is_empty() {
            return Cow::Borrowed("");
        }
        self.resource(path).map_or_else(
            || Cow::Owned(naming::normalize_path(path)),
            |r| Cow::Borrowed(r.name.as_str()),
        )
    }

    pub fn method_id(&self, event: &HttpEvent) -> String {
        naming::rest_method_id(&self.resource_name(&event.path), &event.method)
    }
}

/// How an `http` step renders.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Part {
    RestApi,
    Resource(usize),
    Cors(usize),
    Method(usize),
    Validators(usize),
    Authorizer(usize),
    Deployment,
    Output,
    ApiKeys,
    UsagePlans,
    UsagePlanKeys,
    Permission(usize),
    AuthorizerPermission(usize),
    LogGroup,
}

fn part(part: Part) -> PlanPart {
    PlanPart::Event(super::Part::Http(part))
}

/// `provider.apiGateway.<key>`.
pub(crate) fn api_gateway<'a>(plan: &Plan<'a>, key: &str) -> Option<Node<'a>> {
    plan.service.provider_at(&["apiGateway", key])
}

/// `provider.apiGateway.restApiId`, when truthy.
pub(crate) fn existing_api<'a>(plan: &Plan<'a>) -> Option<Node<'a>> {
    value::truthy_opt(api_gateway(plan, "restApiId"))
}

pub(crate) fn plan(plan: &mut Plan<'_>) {
    let mut errors = Vec::new();
    let mut events = Vec::new();
    let found: Vec<(usize, usize, Node<'_>)> = super::events_of(plan, "http").collect();
    for (f, e, node) in found {
        match collect_one(plan, f, e, node) {
            Ok(event) => events.push(event),
            Err(error) => errors.push(error),
        }
    }
    if !events.is_empty() {
        errors.extend(service_errors(plan));
    }
    let failed = !errors.is_empty();
    for error in errors {
        plan.error(error);
    }
    if events.is_empty() || failed {
        return;
    }
    let resources = match tree::resources(plan, &events) {
        Ok(resources) => resources,
        Err(error) => {
            plan.error(error);
            return;
        }
    };
    plan.events.http = HttpPlan::new(events, resources);
    plan_items(plan);
}

fn plan_items(plan: &mut Plan<'_>) {
    let http = std::mem::take(&mut plan.events.http);
    let root = plan.root();
    let service_item =
        |id: String, ty: &'static str| NewItem::resource(id, ty, Origin::Service, root);
    let origin = |e: &HttpEvent| Origin::Event {
        function: e.function,
        event: e.event,
    };
    if existing_api(plan).is_none() {
        plan.push(
            service_item(naming::REST_API_ID.into(), "AWS::ApiGateway::RestApi"),
            part(Part::RestApi),
        );
    }
    // The first event on each path or below it.
    let mut first_under: FastMap<&str, &HttpEvent> = FastMap::default();
    for event in &http.events {
        let path = event.path.as_str();
        let below = path.match_indices('/').map(|(at, _)| &path[..at]);
        for prefix in below.chain(std::iter::once(path)) {
            first_under.entry(prefix).or_insert(event);
        }
    }
    for (i, resource) in http.resources.iter().enumerate() {
        if resource.predefined {
            continue;
        }
        let first = first_under.get(resource.path.as_str()).copied();
        let (origin, source) = first.map_or((Origin::Service, root), |e| (origin(e), e.node));
        let item = NewItem::resource(
            naming::rest_resource_id(&resource.path),
            "AWS::ApiGateway::Resource",
            origin,
            source,
        );
        plan.push(item, part(Part::Resource(i)));
    }
    for (i, path) in http.cors_paths.iter().enumerate() {
        let Some(event) = http.cors_events(path).next() else {
            continue;
        };
        let id = naming::rest_method_id(&http.resource_name(path), "options");
        plan.push(
            NewItem::resource(id, "AWS::ApiGateway::Method", origin(event), event.node),
            part(Part::Cors(i)),
        );
    }
    for (i, event) in http.events.iter().enumerate() {
        let id = http.method_id(event);
        plan.push(
            NewItem::resource(id, "AWS::ApiGateway::Method", origin(event), event.node).exclusive(),
            part(Part::Method(i)),
        );
    }
    let validator = naming::rest_validator_id(&plan.service.name);
    for (i, event) in http.events.iter().enumerate() {
        let needs = render::validator_needs(plan, &http, event);
        if needs.validator {
            plan.push(
                NewItem::resource(
                    validator.clone(),
                    "AWS::ApiGateway::RequestValidator",
                    origin(event),
                    event.node,
                ),
                part(Part::Validators(i)),
            );
        }
        for (model, source) in needs.models {
            plan.push(
                NewItem::resource(model, "AWS::ApiGateway::Model", origin(event), source),
                PlanPart::Rendered,
            );
        }
    }
    for (i, event) in http.events.iter().enumerate() {
        let Some(authorizer) = &event.authorizer else {
            continue;
        };
        if let AuthKind::Named { name, .. } = &authorizer.kind {
            let item = NewItem::resource(
                naming::rest_authorizer_id(name),
                "AWS::ApiGateway::Authorizer",
                Origin::Authorizer {
                    function: event.function,
                    event: event.event,
                },
                authorizer.node,
            );
            plan.push(item, part(Part::Authorizer(i)));
        }
    }
    let deployment = NewItem::resource(
        naming::rest_deployment_id(),
        "AWS::ApiGateway::Deployment",
        Origin::Service,
        root,
    )
    .with_known_prefix(naming::REST_DEPLOYMENT_PREFIX.len());
    plan.push(deployment, part(Part::Deployment));
    plan.push(
        NewItem::output(naming::REST_OUTPUT_ID.into(), Origin::Service, root),
        part(Part::Output),
    );
    api_keys::plan(plan);
    for (i, event) in http.events.iter().enumerate() {
        let function = &plan.functions[event.function];
        let item = NewItem::resource(
            naming::rest_permission_id(&function.key),
            "AWS::Lambda::Permission",
            Origin::Function(event.function),
            function.key_node,
        );
        plan.push(item, part(Part::Permission(i)));
        let Some(authorizer) = &event.authorizer else {
            continue;
        };
        if let AuthKind::Named {
            name,
            cognito: false,
            managed_externally: false,
            ..
        } = &authorizer.kind
        {
            let id = naming::rest_permission_id(name);
            if plan.find(crate::plan::Section::Resources, &id).is_some() {
                continue;
            }
            let item = NewItem::resource(
                id,
                "AWS::Lambda::Permission",
                Origin::Authorizer {
                    function: event.function,
                    event: event.event,
                },
                authorizer.node,
            );
            plan.push(item, part(Part::AuthorizerPermission(i)));
        }
    }
    if render::writes_access_logs(plan) {
        plan.push(
            service_item(naming::REST_LOG_GROUP_ID.into(), "AWS::Logs::LogGroup"),
            part(Part::LogGroup),
        );
        crate::custom_resources::plan_cloudwatch_role(plan);
    }
    plan.events.http = http;
}

/// Failures of the service-level settings that only matter with `http` events.
fn service_errors(plan: &Plan<'_>) -> Vec<CompileError> {
    let mut errors = Vec::new();
    let at = |node: Option<Node<'_>>| Some(node.map_or(plan.root(), |n| n.id));
    if let Some(api) = existing_api(plan) {
        if value::truthy_opt(api_gateway(plan, "restApiRootResourceId")).is_none() {
            errors.push(CompileError::new(
                CompileErrorKind::MissingKey,
                "Missing required \"provider.apiGateway.restApiRootResourceId\" property (needed if \"provider.apiGateway.restApiId\" is provided)",
                at(Some(api)),
            ));
        }
        let tracing = plan
            .service
            .provider_at(&["tracing", "apiGateway"])
            .filter(|n| value::loaded(*n) != Loaded::Null);
        if let Some(tracing) = tracing {
            errors.push(CompileError::new(
                CompileErrorKind::InvalidValue,
                "When external API Gateway resource is imported via \"provider.apiGateway.restApiId\", property \"provider.tracing.apiGateway\" is ineffective.",
                at(Some(tracing)),
            ));
        }
        let logs = plan
            .service
            .provider_at(&["logs", "restApi"])
            .filter(|n| value::loaded(*n) != Loaded::Null);
        if let Some(logs) = logs {
            errors.push(CompileError::new(
                CompileErrorKind::InvalidValue,
                "When external API Gateway resource is imported via \"provider.apiGateway.restApiId\", property \"provider.logs.restApi\" is ineffective.",
                at(Some(logs)),
            ));
        }
    }
    let stage = &plan.service.stage;
    // An unresolved variable is unknown, not wrong.
    let valid_stage = sls_model::value::is_variable_text(stage)
        || !stage.is_empty()
            && stage
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !valid_stage {
        errors.push(CompileError::new(
            CompileErrorKind::InvalidValue,
            format!("Invalid stage name {stage}: it should contains only [-_a-zA-Z0-9] for AWS provider if http event are present according to API Gateway limitation."),
            at(plan.service.provider("stage")),
        ));
    }
    if existing_api(plan).is_none() {
        let endpoint = value::truthy_opt(plan.service.provider("endpointType"))
            .and_then(value::string)
            .map(|t| t.to_uppercase());
        let ids = value::truthy_opt(plan.service.provider("vpcEndpointIds"));
        if let (Some(endpoint), Some(ids)) = (endpoint, ids) {
            if endpoint != "PRIVATE" {
                errors.push(CompileError::new(
                    CompileErrorKind::InvalidValue,
                    "VPC endpoint IDs are only available for private APIs",
                    at(Some(ids)),
                ));
            }
        }
    }
    errors
}

/// Reads one event the way the framework's validation does.
fn collect_one(
    plan: &Plan<'_>,
    f: usize,
    e: usize,
    node: Node<'_>,
) -> Result<HttpEvent, CompileError> {
    let is_object = value::loaded(node) == Loaded::Object;
    let (method, path): (Option<Cow<'_, str>>, Option<Cow<'_, str>>) = if is_object {
        (
            value::get(node, "method").and_then(value::string),
            value::get(node, "path").and_then(value::string),
        )
    } else {
        let text = value::string(node).unwrap_or_default().into_owned();
        let mut parts = text.split(' ');
        let method = parts.next().map(|m| Cow::Owned(m.to_owned()));
        let path = parts.next().map(|p| Cow::Owned(p.to_owned()));
        (method, path)
    };
    let crash = |what: &str| {
        CompileError::new(
            CompileErrorKind::MissingKey,
            format!(
                "The http event of function \"{}\" has no {what} (the framework crashes with a TypeError)",
                plan.functions[f].key
            ),
            Some(node.id),
        )
    };
    let path = path.ok_or_else(|| crash("path"))?;
    let method = method.ok_or_else(|| crash("method"))?;
    let path = path.strip_prefix('/').unwrap_or(&path).to_owned();
    let path = path.strip_suffix('/').unwrap_or(&path).to_owned();
    let integration = integration_type(node, is_object);
    if is_object && matches!(integration.as_str(), "HTTP" | "HTTP_PROXY") {
        let request = value::get(node, "request");
        if value::truthy_opt(request.and_then(|r| value::get(r, "uri"))).is_none() {
            return Err(CompileError::new(
                CompileErrorKind::MissingKey,
                format!(
                    "You need to set the request uri when using the {integration} integration."
                ),
                Some(node.id),
            ));
        }
        let connection = value::truthy_opt(value::get(node, "connectionType"))
            .and_then(value::string)
            .map(|c| c.to_uppercase().replacen('-', "_", 1));
        if connection.as_deref() == Some("VPC_LINK")
            && value::truthy_opt(value::get(node, "connectionId")).is_none()
        {
            return Err(CompileError::new(
                CompileErrorKind::MissingKey,
                "You need to set connectionId when using VPC_LINK connectionType.",
                Some(node.id),
            ));
        }
    }
    let authorizer = if is_object {
        match value::truthy_opt(value::get(node, "authorizer")) {
            Some(auth) => Some(authorizer::read(plan, auth, &integration)?),
            None => None,
        }
    } else {
        None
    };
    let cors = is_object && value::get(node, "cors").is_some_and(value::truthy);
    Ok(HttpEvent {
        function: f,
        event: e,
        node: node.id,
        path,
        method: method.to_lowercase(),
        integration,
        authorizer,
        cors,
    })
}

/// `integration` normalised: `lambda` → `AWS`, `lambda-proxy` → `AWS_PROXY`; `async: true`
/// without one → `AWS`; the default `AWS_PROXY`.
pub(crate) fn integration_type(node: Node<'_>, is_object: bool) -> String {
    if !is_object {
        return "AWS_PROXY".into();
    }
    if let Some(text) = value::truthy_opt(value::get(node, "integration")).and_then(value::string) {
        let normalized = text.to_uppercase().replacen('-', "_", 1);
        return match normalized.as_str() {
            "LAMBDA" => "AWS".into(),
            "LAMBDA_PROXY" => "AWS_PROXY".into(),
            _ => normalized,
        };
    }
    if value::get(node, "async").is_some_and(value::truthy) {
        return "AWS".into();
    }
    "AWS_PROXY".into()
}
