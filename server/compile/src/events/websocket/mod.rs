//! `websocket` events: collected with the framework's coercions and failures, then planned in
//! its order: Api → Integrations → RouteResponses → Authorizers → Permissions → Routes →
//! Stage (log group, CloudWatch role) → Deployment → output (oracle README, section 3).

pub(crate) mod deployment;
mod render;

use serde_json::Value;
use sls_model::value::{self, Loaded};
use sls_syntax::{Node, NodeId};

use crate::custom_resources;
use crate::naming;
use crate::plan::{NewItem, Origin, Part as PlanPart, Plan};
use crate::{CompileError, CompileErrorKind};

pub(crate) use render::render;

/// What an authorizer invokes.
#[derive(Debug, Clone)]
pub(crate) enum Target {
    /// An ARN string, or a CloudFormation function object (its node).
    Arn(ArnValue),
    /// A function of the service (index).
    Function(usize),
}

#[derive(Debug, Clone)]
pub(crate) enum ArnValue {
    Text(String),
    Node(NodeId),
}

#[derive(Debug, Clone)]
pub(crate) struct Authorizer {
    pub name: String,
    pub target: Target,
    /// `identitySource` as written (coerced to a list when rendered); default when `None`.
    pub identity_source: Option<NodeId>,
    pub node: NodeId,
}

/// One collected websocket event.
#[derive(Debug, Clone)]
pub(crate) struct WsEvent {
    pub function: usize,
    pub event: usize,
    /// The route key, verbatim (after coercion to a string).
    pub route: String,
    /// The node the route comes from.
    pub route_node: NodeId,
    /// `routeResponseSelectionExpression`, when truthy.
    pub route_response: Option<NodeId>,
    pub authorizer: Option<Authorizer>,
}

/// The collected events, in function then event order.
#[derive(Debug, Default)]
pub(crate) struct WebsocketPlan {
    pub events: Vec<WsEvent>,
}

/// How a websocket step renders.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Part {
    Api,
    Integration(usize),
    RouteResponse(usize),
    Authorizer(usize),
    Permission(usize),
    AuthorizerPermission(usize),
    Route(usize),
    Stage,
    LogGroup,
    Deployment,
    Output,
}

fn part(part: Part) -> PlanPart {
    PlanPart::Event(super::Part::Websocket(part))
}

const CRASH_NOTE: &str =
    "(the framework crashes with \"TypeError: Cannot read properties of undefined (reading 'replace')\")";

pub(crate) fn plan(plan: &mut Plan<'_>) {
    let mut events = Vec::new();
    let mut errors = Vec::new();
    let found: Vec<(usize, usize, Node<'_>)> = super::events_of(plan, "websocket").collect();
    for (f, e, websocket) in found {
        match collect_one(plan, f, e, websocket) {
            Ok(Some(event)) => events.push(event),
            Ok(None) => {}
            Err(error) => errors.push(error),
        }
    }
    for error in errors {
        plan.error(error);
    }
    if events.is_empty() {
        return;
    }
    let existing = existing_api(plan).is_some();
    let root = plan.root();
    let service_item =
        |id: &str, ty: &'static str| NewItem::resource(id.into(), ty, Origin::Service, root);
    if !existing {
        plan.push(
            service_item(naming::WEBSOCKETS_API_ID, "AWS::ApiGatewayV2::Api"),
            part(Part::Api),
        );
    }
    let event_origin = |e: &WsEvent| Origin::Event {
        function: e.function,
        event: e.event,
    };
    for (i, event) in events.iter().enumerate() {
        let function = &plan.functions[event.function];
        let item = NewItem::resource(
            naming::websocket_integration_id(&function.key),
            "AWS::ApiGatewayV2::Integration",
            Origin::Function(event.function),
            function.key_node,
        );
        plan.push(item, part(Part::Integration(i)));
    }
    for (i, event) in events.iter().enumerate() {
        if event.route_response.is_some() {
            let item = NewItem::resource(
                naming::websocket_route_response_id(&event.route),
                "AWS::ApiGatewayV2::RouteResponse",
                event_origin(event),
                event.route_node,
            );
            plan.push(item, part(Part::RouteResponse(i)));
        }
    }
    for (i, event) in events.iter().enumerate() {
        if let Some(authorizer) = &event.authorizer {
            let origin = Origin::Authorizer {
                function: event.function,
                event: event.event,
            };
            let item = NewItem::resource(
                naming::websocket_authorizer_id(&authorizer.name),
                "AWS::ApiGatewayV2::Authorizer",
                origin,
                authorizer.node,
            );
            plan.push(item, part(Part::Authorizer(i)));
        }
    }
    for (i, event) in events.iter().enumerate() {
        let function = &plan.functions[event.function];
        let item = NewItem::resource(
            naming::websocket_permission_id(&function.key),
            "AWS::Lambda::Permission",
            Origin::Function(event.function),
            function.key_node,
        );
        plan.push(item, part(Part::Permission(i)));
        if let Some(authorizer) = &event.authorizer {
            let origin = Origin::Authorizer {
                function: event.function,
                event: event.event,
            };
            let item = NewItem::resource(
                naming::websocket_permission_id(&authorizer.name),
                "AWS::Lambda::Permission",
                origin,
                authorizer.node,
            );
            plan.push(item, part(Part::AuthorizerPermission(i)));
        }
    }
    for (i, event) in events.iter().enumerate() {
        let item = NewItem::resource(
            naming::websocket_route_id(&event.route),
            "AWS::ApiGatewayV2::Route",
            event_origin(event),
            event.route_node,
        );
        plan.push(item, part(Part::Route(i)));
    }
    if !existing {
        plan.push(
            service_item(naming::WEBSOCKETS_STAGE_ID, "AWS::ApiGatewayV2::Stage"),
            part(Part::Stage),
        );
        match websocket_logs(plan) {
            Ok(Some(_)) => {
                plan.push(
                    service_item(naming::WEBSOCKETS_LOG_GROUP_ID, "AWS::Logs::LogGroup"),
                    part(Part::LogGroup),
                );
                custom_resources::plan_cloudwatch_role(plan);
            }
            Ok(None) => {}
            Err(error) => plan.error(error),
        }
    }
    let deployment = NewItem::resource(
        naming::WEBSOCKETS_DEPLOYMENT_PREFIX.into(),
        "AWS::ApiGatewayV2::Deployment",
        Origin::Service,
        root,
    )
    .with_known_prefix(naming::WEBSOCKETS_DEPLOYMENT_PREFIX.len());
    plan.push(deployment, part(Part::Deployment));
    plan.push(
        NewItem::output(naming::WEBSOCKETS_OUTPUT_ID.into(), Origin::Service, root),
        part(Part::Output),
    );
    plan.events.websocket.events = events;
}

/// `provider.apiGateway.websocketApiId`, when truthy.
pub(crate) fn existing_api<'a>(plan: &Plan<'a>) -> Option<Node<'a>> {
    value::truthy_opt(plan.service.provider_at(&["apiGateway", "websocketApiId"]))
}

fn collect_one(
    plan: &Plan<'_>,
    f: usize,
    e: usize,
    websocket: Node<'_>,
) -> Result<Option<WsEvent>, CompileError> {
    let function = &plan.functions[f];
    // The schema (`string` or object) coerces scalars and one-item lists to a string first.
    if value::loaded(websocket) != Loaded::Object {
        let Some(route) = value::string(websocket) else {
            return Ok(None);
        };
        return Ok((!route.is_empty()).then(|| WsEvent {
            function: f,
            event: e,
            route: route.into_owned(),
            route_node: websocket.id,
            route_response: None,
            authorizer: None,
        }));
    }
    let route_node = value::get(websocket, "route");
    let route = route_node.and_then(value::string).ok_or_else(|| {
        let (what, node) = match route_node {
            Some(node) => ("a \"route\" that is not a string", node.id),
            None => ("no \"route\"", websocket.id),
        };
        CompileError::new(
            CompileErrorKind::MissingKey,
            format!(
                "Websocket event of function \"{}\" has {what} {CRASH_NOTE}",
                function.key
            ),
            Some(node),
        )
    })?;
    let authorizer = match value::truthy_opt(value::get(websocket, "authorizer")) {
        Some(node) => Some(authorizer(plan, node)?),
        None => None,
    };
    Ok(Some(WsEvent {
        function: f,
        event: e,
        route: route.into_owned(),
        route_node: route_node.map_or(websocket.id, |n| n.id),
        route_response: value::truthy_opt(value::get(
            websocket,
            "routeResponseSelectionExpression",
        ))
        .map(|n| n.id),
        authorizer,
    }))
}

/// Resolves a `websocket.authorizer` value (oracle README, 3.4).
fn authorizer(plan: &Plan<'_>, node: Node<'_>) -> Result<Authorizer, CompileError> {
    let function_named = |name: &str, at: Node<'_>| {
        plan.functions
            .iter()
            .position(|f| f.key == name)
            .map(Target::Function)
            .ok_or_else(|| {
                CompileError::new(
                    CompileErrorKind::MissingFunction,
                    format!("Function \"{name}\" doesn't exist in this Service"),
                    Some(at.id),
                )
            })
    };
    if value::loaded(node) != Loaded::Object {
        let text = value::string(node).ok_or_else(|| {
            CompileError::new(
                CompileErrorKind::WrongType,
                format!("Websocket authorizer is neither a string nor an object {CRASH_NOTE}"),
                Some(node.id),
            )
        })?;
        let (name, target) = if text.contains(':') {
            (
                naming::websocket_authorizer_name_from_arn(&text).to_owned(),
                Target::Arn(ArnValue::Text(text.into_owned())),
            )
        } else {
            let target = function_named(&text, node)?;
            (text.into_owned(), target)
        };
        return Ok(Authorizer {
            name,
            target,
            identity_source: None,
            node: node.id,
        });
    }
    let identity_source = value::get(node, "identitySource")
        .filter(|v| value::loaded(*v) != Loaded::Null)
        .map(|v| v.id);
    let name_node = value::get(node, "name");
    let name = value::non_empty_string(name_node);
    let (name, target) = match value::truthy_opt(value::get(node, "arn")) {
        Some(arn) if value::loaded(arn) == Loaded::Object => {
            let name = name.ok_or_else(|| {
                CompileError::new(
                    CompileErrorKind::ArnNeedsName,
                    "Websocket Authorizer: Non-string \"arn\" needs to be accompanied with \"name\"",
                    Some(node.id),
                )
            })?;
            (name.into_owned(), Target::Arn(ArnValue::Node(arn.id)))
        }
        Some(arn) => {
            let text = value::string(arn)
                .map(|t| t.into_owned())
                .unwrap_or_default();
            let name = naming::websocket_authorizer_name_from_arn(&text).to_owned();
            (name, Target::Arn(ArnValue::Text(text)))
        }
        None => {
            let name = name.ok_or_else(|| {
                CompileError::new(
                    CompileErrorKind::MissingKey,
                    format!("Websocket authorizer has neither \"name\" nor \"arn\" {CRASH_NOTE}"),
                    Some(node.id),
                )
            })?;
            let target = function_named(&name, name_node.unwrap_or(node))?;
            (name.into_owned(), target)
        }
    };
    Ok(Authorizer {
        name,
        target,
        identity_source,
        node: node.id,
    })
}

/// `provider.logs.websocket` when truthy (`true` or an object).
pub(crate) struct WebsocketLogs {
    pub access_logging: bool,
    pub execution_logging: bool,
    pub full_execution_data: bool,
    pub format: Option<String>,
    /// `INFO` or `ERROR`.
    pub level: String,
}

/// Reads `provider.logs.websocket`; `Ok(None)` when it is absent or falsy.
pub(crate) fn websocket_logs(plan: &Plan<'_>) -> Result<Option<WebsocketLogs>, CompileError> {
    let Some(logs) = value::truthy_opt(plan.service.provider_at(&["logs", "websocket"])) else {
        return Ok(None);
    };
    let flag = |key: &str| {
        value::get(logs, key)
            .filter(|v| value::loaded(*v) != Loaded::Null)
            .and_then(value::boolean)
            .unwrap_or(true)
    };
    let level = match value::truthy_opt(value::get(logs, "level")) {
        None => "INFO".to_owned(),
        Some(level) => match value::loaded(level) {
            Loaded::String(text @ ("INFO" | "ERROR")) => text.to_owned(),
            loaded => {
                let shown = match loaded {
                    Loaded::String(s) => s.to_owned(),
                    _ => value::string(level)
                        .map(|s| s.into_owned())
                        .unwrap_or_default(),
                };
                return Err(CompileError::new(
                    CompileErrorKind::InvalidValue,
                    format!(
                        "provider.logs.websocket.level is set to an invalid value. Support values are INFO, ERROR, got {shown}."
                    ),
                    Some(level.id),
                ));
            }
        },
    };
    Ok(Some(WebsocketLogs {
        access_logging: flag("accessLogging"),
        execution_logging: flag("executionLogging"),
        full_execution_data: flag("fullExecutionData"),
        format: value::non_empty_string(value::get(logs, "format")).map(|s| s.into_owned()),
        level,
    }))
}

/// The authorizer's invoke target as data.
pub(crate) fn target_value(
    plan: &Plan<'_>,
    target: &Target,
    json: &mut dyn FnMut(NodeId) -> Value,
) -> Value {
    match target {
        Target::Arn(ArnValue::Text(text)) => Value::String(text.clone()),
        Target::Arn(ArnValue::Node(node)) => json(*node),
        Target::Function(f) => plan.functions[*f].invoke_target(),
    }
}
