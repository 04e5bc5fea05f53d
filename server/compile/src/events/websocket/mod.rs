//! `websocket` events: collects them (with the framework's coercions and failures), then runs
//! the steps in the framework's order: Api → Integrations → RouteResponses → Authorizers →
//! Permissions → Routes → Stage → Deployment (oracle README, section 3).

mod api;
mod authorizers;
pub(crate) mod deployment;
mod integrations;
mod permissions;
mod routes;
mod stage;

use serde_json::{json, Value};

use super::events_of;
use crate::coerce;
use crate::functions::Function;
use crate::naming;
use crate::provider::Service;
use crate::template::Template;
use crate::{CompileError, CompileErrorKind};

/// One collected websocket event.
pub(crate) struct WsEvent<'s, 'a> {
    pub function: &'s Function<'a>,
    /// The route key, verbatim (after coercion to a string).
    pub route: String,
    /// `routeResponseSelectionExpression`, when truthy (verbatim).
    pub route_response: Option<&'a Value>,
    pub authorizer: Option<Authorizer<'s, 'a>>,
}

pub(crate) enum AuthorizerTarget<'s, 'a> {
    /// An ARN string or a CloudFormation function object.
    Arn(Value),
    /// A function of this service.
    Function(&'s Function<'a>),
}

pub(crate) struct Authorizer<'s, 'a> {
    pub name: String,
    pub target: AuthorizerTarget<'s, 'a>,
    pub identity_source: Value,
}

impl Authorizer<'_, '_> {
    /// What the authorizer invokes (and what its permission names).
    fn invoke_target(&self) -> Value {
        match &self.target {
            AuthorizerTarget::Arn(arn) => arn.clone(),
            AuthorizerTarget::Function(function) => function.invoke_target(),
        }
    }
}

/// Values shared by the steps.
pub(crate) struct Ctx<'s, 'a> {
    pub service: &'s Service<'a>,
    /// `API`: `{"Ref": "WebsocketsApi"}` or `provider.apiGateway.websocketApiId` verbatim.
    pub api: Value,
    pub existing_api: bool,
    /// `provider.websocketsDescription`, else "Serverless Websockets".
    pub description: String,
}

impl Ctx<'_, '_> {
    /// The `Ref` target of the API id, when it is a `{"Ref": X}` object.
    fn api_ref_target(&self) -> Option<Value> {
        match self.api.get("Ref") {
            Some(Value::String(target)) => Some(Value::String(target.clone())),
            _ => None,
        }
    }
}

/// Compiles every websocket event of the service into `template`.
pub(crate) fn compile(
    service: &Service<'_>,
    template: &mut Template,
) -> Result<(), Vec<CompileError>> {
    let events = collect(service)?;
    if events.is_empty() {
        return Ok(());
    }
    let existing = coerce::truthy_opt(service.provider_get(&["apiGateway", "websocketApiId"]));
    let ctx = Ctx {
        service,
        api: existing
            .cloned()
            .unwrap_or_else(|| json!({ "Ref": naming::WEBSOCKETS_API_ID })),
        existing_api: existing.is_some(),
        description: coerce::non_empty_string(service.provider.get("websocketsDescription"))
            .unwrap_or_else(|| "Serverless Websockets".to_owned()),
    };
    api::compile(&ctx, template);
    integrations::compile(&ctx, &events, template);
    routes::compile_route_responses(&ctx, &events, template);
    authorizers::compile(&ctx, &events, template);
    permissions::compile(&ctx, &events, template);
    routes::compile(&ctx, &events, template);
    stage::compile(&ctx, template).map_err(|e| vec![e])?;
    deployment::compile(&ctx, &events, template);
    Ok(())
}

const CRASH_NOTE: &str =
    "(the framework crashes with \"TypeError: Cannot read properties of undefined (reading 'replace')\")";

fn collect<'s, 'a>(service: &'s Service<'a>) -> Result<Vec<WsEvent<'s, 'a>>, Vec<CompileError>> {
    let mut events = Vec::new();
    let mut errors = Vec::new();
    for (function, index, websocket) in events_of(service, "websocket") {
        let index = index.to_string();
        let path = [
            "functions",
            function.key.as_str(),
            "events",
            index.as_str(),
            "websocket",
        ];
        match collect_one(service, function, websocket, &path) {
            Ok(Some(event)) => events.push(event),
            Ok(None) => {}
            Err(error) => errors.push(error),
        }
    }
    if errors.is_empty() {
        Ok(events)
    } else {
        Err(errors)
    }
}

fn collect_one<'s, 'a>(
    service: &'s Service<'a>,
    function: &'s Function<'a>,
    websocket: &'a Value,
    path: &[&str],
) -> Result<Option<WsEvent<'s, 'a>>, CompileError> {
    // The schema (`string` or object) coerces scalars and one-item lists to a string first.
    if let Some(route) = coerce::to_string(websocket) {
        return Ok((!route.is_empty()).then_some(WsEvent {
            function,
            route,
            route_response: None,
            authorizer: None,
        }));
    }
    let route = websocket
        .get("route")
        .and_then(coerce::to_string)
        .ok_or_else(|| {
            let (what, path) = match websocket.get("route") {
                Some(_) => (
                    "a \"route\" that is not a string",
                    [path, &["route"]].concat(),
                ),
                None => ("no \"route\"", path.to_vec()),
            };
            CompileError::new(
                CompileErrorKind::MissingKey,
                format!(
                    "Websocket event of function \"{}\" has {what} {CRASH_NOTE}",
                    function.key
                ),
                &path,
            )
        })?;
    let authorizer = match coerce::truthy_opt(websocket.get("authorizer")) {
        Some(value) => Some(authorizer(
            service,
            value,
            &[path, &["authorizer"]].concat(),
        )?),
        None => None,
    };
    Ok(Some(WsEvent {
        function,
        route,
        route_response: coerce::truthy_opt(websocket.get("routeResponseSelectionExpression")),
        authorizer,
    }))
}

/// Resolves a `websocket.authorizer` value (oracle README, 3.4).
fn authorizer<'s, 'a>(
    service: &'s Service<'a>,
    value: &'a Value,
    path: &[&str],
) -> Result<Authorizer<'s, 'a>, CompileError> {
    let default_identity = || json!([naming::DEFAULT_IDENTITY_SOURCE]);
    let function_named = |name: String, path: &[&str]| {
        service
            .function(&name)
            .map(AuthorizerTarget::Function)
            .ok_or_else(|| {
                CompileError::new(
                    CompileErrorKind::MissingFunction,
                    format!("Function \"{name}\" doesn't exist in this Service"),
                    path,
                )
            })
            .map(|target| (name, target))
    };
    let (name, target, identity_source) = match value {
        Value::Object(map) => {
            let identity_source = match map.get("identitySource") {
                Some(v) if !v.is_null() => coerce::to_string_list(v),
                _ => default_identity(),
            };
            let name = coerce::non_empty_string(map.get("name"));
            match coerce::truthy_opt(map.get("arn")) {
                Some(arn @ Value::Object(_)) => {
                    let name = name.ok_or_else(|| {
                        CompileError::new(
                CompileErrorKind::ArnNeedsName,
                            "Websocket Authorizer: Non-string \"arn\" needs to be accompanied with \"name\"",
                            path,
                        )
                    })?;
                    (name, AuthorizerTarget::Arn(arn.clone()), identity_source)
                }
                Some(arn) => {
                    let arn = coerce::to_string(arn).unwrap_or_default();
                    let name = naming::authorizer_name_from_arn(&arn).to_owned();
                    (
                        name,
                        AuthorizerTarget::Arn(Value::String(arn)),
                        identity_source,
                    )
                }
                None => {
                    let name = name.ok_or_else(|| {
                        CompileError::new(
                CompileErrorKind::MissingKey,
                            format!("Websocket authorizer has neither \"name\" nor \"arn\" {CRASH_NOTE}"),
                            path,
                        )
                    })?;
                    let (name, target) = function_named(name, &[path, &["name"]].concat())?;
                    (name, target, identity_source)
                }
            }
        }
        other => {
            let text = coerce::to_string(other).ok_or_else(|| {
                CompileError::new(
                    CompileErrorKind::WrongType,
                    format!("Websocket authorizer is neither a string nor an object {CRASH_NOTE}"),
                    path,
                )
            })?;
            if text.contains(':') {
                let name = naming::authorizer_name_from_arn(&text).to_owned();
                (
                    name,
                    AuthorizerTarget::Arn(Value::String(text)),
                    default_identity(),
                )
            } else {
                let (name, target) = function_named(text, path)?;
                (name, target, default_identity())
            }
        }
    };
    Ok(Authorizer {
        name,
        target,
        identity_source,
    })
}

/// A resource `{Type, DependsOn?, Properties}`, depending on the function alias (provisioned
/// concurrency, SnapStart) that events must wait for, when there is one.
pub(super) fn alias_dependent_resource(
    resource_type: &str,
    alias: Option<&crate::functions::TargetAlias>,
    properties: Value,
) -> Value {
    let mut resource = serde_json::Map::new();
    resource.insert("Type".into(), resource_type.into());
    if let Some(alias) = alias {
        resource.insert("DependsOn".into(), alias.logical_id.clone().into());
    }
    resource.insert("Properties".into(), properties);
    Value::Object(resource)
}
