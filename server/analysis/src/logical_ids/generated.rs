//! The logical ids the framework generates, computed from the model and `sls_compile::naming`
//! (no compile: cheap on thousands of functions), each with its resource type and source.

use sls_compile::naming;
use sls_model::value::{coerced_bool, coerced_string, is_truthy};
use sls_model::{Authorizer, Function, Model, WebsocketEvent, WebsocketForm};
use sls_syntax::{Node, NodeId, ScalarKind, Tree};

/// What a generated resource is; gives its CloudFormation type and its description.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    DeploymentBucket,
    DeploymentBucketPolicy,
    IamRole,
    LogGroup,
    LambdaFunction,
    /// `<F>LambdaVersion<hash>`: only the prefix is known.
    LambdaVersion,
    Alias,
    WebsocketsApi,
    WebsocketsStage,
    WebsocketsLogGroup,
    /// `WebsocketsDeployment<hash>`: only the prefix is known here.
    WebsocketsDeployment,
    CloudWatchRole,
    CustomResourcesRole,
    CloudWatchRoleFunction,
    WsIntegration,
    WsPermission,
    WsRoute,
    WsRouteResponse,
    WsAuthorizer,
    WsAuthorizerPermission,
    RestApi,
    RestResource,
    RestMethod,
    /// `ApiGatewayDeployment<timestamp>`: only the prefix is known.
    RestDeployment,
    RestPermission,
}

impl Kind {
    pub fn resource_type(self) -> &'static str {
        match self {
            Kind::DeploymentBucket => "AWS::S3::Bucket",
            Kind::DeploymentBucketPolicy => "AWS::S3::BucketPolicy",
            Kind::IamRole | Kind::CustomResourcesRole => "AWS::IAM::Role",
            Kind::LogGroup | Kind::WebsocketsLogGroup => "AWS::Logs::LogGroup",
            Kind::LambdaFunction | Kind::CloudWatchRoleFunction => "AWS::Lambda::Function",
            Kind::LambdaVersion => "AWS::Lambda::Version",
            Kind::Alias => "AWS::Lambda::Alias",
            Kind::WebsocketsApi => "AWS::ApiGatewayV2::Api",
            Kind::WebsocketsStage => "AWS::ApiGatewayV2::Stage",
            Kind::WebsocketsDeployment => "AWS::ApiGatewayV2::Deployment",
            Kind::CloudWatchRole => "Custom::ApiGatewayAccountRole",
            Kind::WsIntegration => "AWS::ApiGatewayV2::Integration",
            Kind::WsPermission | Kind::WsAuthorizerPermission | Kind::RestPermission => {
                "AWS::Lambda::Permission"
            }
            Kind::WsRoute => "AWS::ApiGatewayV2::Route",
            Kind::WsRouteResponse => "AWS::ApiGatewayV2::RouteResponse",
            Kind::WsAuthorizer => "AWS::ApiGatewayV2::Authorizer",
            Kind::RestApi => "AWS::ApiGateway::RestApi",
            Kind::RestResource => "AWS::ApiGateway::Resource",
            Kind::RestMethod => "AWS::ApiGateway::Method",
            Kind::RestDeployment => "AWS::ApiGateway::Deployment",
        }
    }

    /// Ids whose end only packaging knows (a hash or timestamp): any id with the prefix counts.
    pub fn is_prefix_only(self) -> bool {
        matches!(
            self,
            Kind::LambdaVersion | Kind::WebsocketsDeployment | Kind::RestDeployment
        )
    }
}

/// What generates an id: the service, a function, or one event of a function.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Source {
    Service,
    /// An index into `model.functions`.
    Function(usize),
    /// A function index and the index of the event in its `events`.
    Event(usize, usize),
    /// The authorizer of the event (function index, event index).
    Authorizer(usize, usize),
}

/// One generated logical id (for prefix-only kinds, `id` is the known prefix).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Generated {
    pub id: String,
    pub kind: Kind,
    pub source: Source,
}

impl Generated {
    /// Whether a referenced id is this one (any completion of a prefix-only id counts).
    pub fn matches(&self, id: &str) -> bool {
        if self.kind.is_prefix_only() {
            id.starts_with(&self.id)
        } else {
            id == self.id
        }
    }
}

/// Every id the framework would generate for the service, in a stable order (service-level ids
/// first, then per function: function ids, then websocket and http event ids).
pub(crate) fn generated(tree: &Tree, model: &Model) -> Vec<Generated> {
    let mut out = Vec::new();
    let provider = |path: &[&str]| -> Option<Node<'_>> {
        let mut node = model.provider.node.map(|id| tree.node(id).resolve())?;
        for key in path {
            node = node.get(key)?.resolve();
        }
        Some(node)
    };
    let service = |out: &mut Vec<Generated>, id: &str, kind: Kind| {
        out.push(Generated {
            id: id.to_owned(),
            kind,
            source: Source::Service,
        })
    };
    if !custom_bucket(provider(&["deploymentBucket"])) {
        service(
            &mut out,
            naming::DEPLOYMENT_BUCKET_ID,
            Kind::DeploymentBucket,
        );
        service(
            &mut out,
            naming::DEPLOYMENT_BUCKET_POLICY_ID,
            Kind::DeploymentBucketPolicy,
        );
    }
    let provider_role = provider(&["role"]).is_some_and(is_truthy)
        || provider(&["iam", "role"]).is_some_and(names_a_role);
    let own_role = |f: &Function| get(tree, f, "role").is_some_and(is_truthy);
    if !provider_role && model.functions.iter().any(|f| !own_role(f)) {
        service(
            &mut out,
            naming::IAM_ROLE_LAMBDA_EXECUTION_ID,
            Kind::IamRole,
        );
    }
    let has_ws = model
        .websocket_events()
        .any(|(_, event)| compiled_route(tree, event).is_some());
    if has_ws {
        let existing = provider(&["apiGateway", "websocketApiId"]).is_some_and(is_truthy);
        if !existing {
            service(&mut out, naming::WEBSOCKETS_API_ID, Kind::WebsocketsApi);
            service(&mut out, naming::WEBSOCKETS_STAGE_ID, Kind::WebsocketsStage);
            if provider(&["logs", "websocket"]).is_some_and(is_truthy) {
                service(
                    &mut out,
                    naming::WEBSOCKETS_LOG_GROUP_ID,
                    Kind::WebsocketsLogGroup,
                );
                let external = provider(&["logs", "restApi", "roleManagedExternally"])
                    .and_then(coerced_bool)
                    == Some(true);
                if !external {
                    let cw = naming::CLOUDWATCH_ROLE_CUSTOM_RESOURCE_ID;
                    service(&mut out, cw, Kind::CloudWatchRole);
                    let role = naming::CUSTOM_RESOURCES_ROLE_ID;
                    service(&mut out, role, Kind::CustomResourcesRole);
                    let function = naming::CLOUDWATCH_ROLE_FUNCTION_ID;
                    service(&mut out, function, Kind::CloudWatchRoleFunction);
                }
            }
        }
        service(&mut out, "WebsocketsDeployment", Kind::WebsocketsDeployment);
    }
    let has_http = model
        .functions
        .iter()
        .flat_map(|f| &f.events)
        .filter(|e| e.kind.as_deref() == Some("http"))
        .any(|e| e.value.and_then(|id| http_event(tree.node(id))).is_some());
    if has_http {
        service(&mut out, naming::REST_API_ID, Kind::RestApi);
        service(&mut out, "ApiGatewayDeployment", Kind::RestDeployment);
    }
    for (index, function) in model.functions.iter().enumerate() {
        function_ids(tree, model, index, function, &mut out);
    }
    out
}

/// The route a websocket event compiles to: the string form's non-empty route, the object
/// form's route even when empty (`WebsocketsRoute`).
pub(crate) fn compiled_route<'t>(tree: &'t Tree, event: &WebsocketEvent) -> Option<&'t str> {
    let route = event.route_text(tree)?;
    (event.form == WebsocketForm::Object || !route.is_empty()).then_some(route)
}

/// `provider.deploymentBucket` names a bucket the user brings (a variable counts).
fn custom_bucket(node: Option<Node<'_>>) -> bool {
    let named = |n: Node<'_>| {
        let n = n.resolve();
        !n.is_null() && n.as_str().is_some_and(|s| !s.is_empty())
    };
    match node {
        Some(node) if node.is_mapping() => node.get("name").is_some_and(named),
        Some(node) => named(node),
        None => false,
    }
}

/// `provider.iam.role` given as a name, an ARN or a CloudFormation function (not an object
/// of statements).
fn names_a_role(role: Node<'_>) -> bool {
    let scalar = role.as_scalar().is_some() && is_truthy(role);
    scalar || role.tag().is_some() || sls_model::value::is_intrinsic_object(role)
}

/// A key of the function's settings.
fn get<'t>(tree: &'t Tree, function: &Function, key: &str) -> Option<Node<'t>> {
    tree.node(function.node).get(key).map(Node::resolve)
}

fn function_ids(
    tree: &Tree,
    model: &Model,
    index: usize,
    function: &Function,
    out: &mut Vec<Generated>,
) {
    let key = function.name.as_str();
    let mut push = |id: String, kind: Kind, source: Source| {
        out.push(Generated { id, kind, source });
    };
    let own = Source::Function(index);
    if get(tree, function, "disableLogs").and_then(coerced_bool) != Some(true) {
        push(naming::log_group_id(key), Kind::LogGroup, own);
    }
    push(naming::lambda_function_id(key), Kind::LambdaFunction, own);
    let provisioned = get(tree, function, "provisionedConcurrency").is_some_and(is_truthy);
    let snap_start = get(tree, function, "snapStart").and_then(coerced_bool) == Some(true);
    let versioned = get(tree, function, "versionFunction")
        .filter(|n| !n.is_null())
        .or_else(|| {
            let provider = model.provider.node.map(|id| tree.node(id).resolve())?;
            provider.get("versionFunctions").map(Node::resolve)
        })
        .filter(|n| !n.is_null())
        .and_then(coerced_bool)
        .unwrap_or(true);
    if versioned || provisioned || snap_start {
        let prefix = format!("{}LambdaVersion", naming::function_logical_prefix(key));
        push(prefix, Kind::LambdaVersion, own);
    }
    if provisioned {
        push(
            naming::provisioned_concurrency_alias_id(key),
            Kind::Alias,
            own,
        );
    } else if snap_start {
        push(naming::snap_start_alias_id(key), Kind::Alias, own);
    }
    let mut has_ws = false;
    let mut has_http = false;
    for (event_index, event) in function.events.iter().enumerate() {
        let source = Source::Event(index, event_index);
        if let Some(ws) = &event.websocket {
            let Some(route) = compiled_route(tree, ws) else {
                continue;
            };
            has_ws = true;
            push(naming::websocket_route_id(route), Kind::WsRoute, source);
            let response = ws
                .route_response_selection_expression
                .is_some_and(|id| is_truthy(tree.node(id)));
            if response {
                let id = naming::websocket_route_response_id(route);
                push(id, Kind::WsRouteResponse, source);
            }
            if let Some(name) = ws
                .authorizer
                .as_ref()
                .and_then(|a| authorizer_name(tree, a))
            {
                let source = Source::Authorizer(index, event_index);
                push(
                    naming::websocket_authorizer_id(&name),
                    Kind::WsAuthorizer,
                    source,
                );
                let id = naming::websocket_permission_id(&name);
                push(id, Kind::WsAuthorizerPermission, source);
            }
        } else if event.kind.as_deref() == Some("http") {
            let Some((method, path)) = event.value.and_then(|id| http_event(tree.node(id))) else {
                continue;
            };
            has_http = true;
            let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
            for depth in 1..=segments.len() {
                let id = naming::rest_resource_id(&segments[..depth].join("/"));
                push(id, Kind::RestResource, source);
            }
            push(
                naming::rest_method_id(&path, &method),
                Kind::RestMethod,
                source,
            );
        }
    }
    if has_ws {
        push(
            naming::websocket_integration_id(key),
            Kind::WsIntegration,
            own,
        );
        push(
            naming::websocket_permission_id(key),
            Kind::WsPermission,
            own,
        );
    }
    if has_http {
        push(naming::rest_permission_id(key), Kind::RestPermission, own);
    }
}

/// `(method, path)` of an `http` event, the path without leading and trailing `/`.
fn http_event(node: Node<'_>) -> Option<(String, String)> {
    let node = node.resolve();
    let (method, path) = if node.is_mapping() {
        let method = node.get("method").and_then(coerced_string)?.to_owned();
        let path = node.get("path").and_then(coerced_string).unwrap_or("");
        (method, path.to_owned())
    } else {
        let scalar = node
            .as_scalar()
            .filter(|s| s.kind() == ScalarKind::String)?;
        let text = scalar.value.as_str();
        let mut parts = text.split_whitespace();
        (
            parts.next()?.to_owned(),
            parts.next().unwrap_or("").to_owned(),
        )
    };
    Some((method.to_lowercase(), path.trim_matches('/').to_owned()))
}

/// The authorizer name the framework derives (oracle README 3.4), when static.
pub(crate) fn authorizer_name(tree: &Tree, authorizer: &Authorizer) -> Option<String> {
    match authorizer {
        Authorizer::String(id) => {
            let text = coerced_string(tree.node(*id))?;
            Some(naming::authorizer_name_from_arn(text).to_owned()).filter(|s| !s.is_empty())
        }
        Authorizer::Object(object) => {
            let arn = object.arn.map(|(_, value)| tree.node(value).resolve());
            match arn.filter(|n| is_truthy(*n)) {
                Some(arn) if arn.as_scalar().is_some() && arn.tag().is_none() => {
                    let text = coerced_string(arn)?;
                    Some(naming::authorizer_name_from_arn(text).to_owned())
                }
                _ => {
                    let name = object.name.map(|(_, value)| tree.node(value))?;
                    coerced_string(name)
                        .filter(|s| !s.is_empty())
                        .map(str::to_owned)
                }
            }
        }
        Authorizer::Other(_) => None,
    }
}

/// The function a websocket authorizer invokes, when it names one of this service's functions:
/// the name's node and the function's key node.
pub(crate) fn authorizer_function(
    tree: &Tree,
    model: &Model,
    authorizer: &Authorizer,
) -> Option<(NodeId, NodeId)> {
    let name_node = match authorizer {
        Authorizer::String(id) => *id,
        Authorizer::Object(object) if object.arn.is_none() => object.name?.1,
        _ => return None,
    };
    let name = coerced_string(tree.node(name_node))?;
    if name.contains(':') {
        return None;
    }
    Some((name_node, model.function(name)?.key))
}
