//! Functions: the list the framework compiles (`functions:` in key order, `null` entries
//! dropped), each one's deployed name, target alias and events; and their resources — the
//! `AWS::Lambda::Function`, its version, alias and version output, its URL and its
//! event-invoke config.

mod invoke_config;
mod lambda;
mod url;
mod version;

use std::borrow::Cow;

use crate::json_literal::json;
use serde_json::Value;
use sls_model::value::{self, Loaded};
use sls_syntax::{Node, NodeId};

use crate::naming;
use crate::plan::{NewItem, Origin, Part as PlanPart, Plan};
use crate::render::Render;
use crate::{CompileError, CompileErrorKind};

/// The alias events invoke instead of `$LATEST` (`provisionedConcurrency`, `snapStart`).
#[derive(Debug, Clone)]
pub(crate) struct TargetAlias {
    pub name: &'static str,
    pub logical_id: String,
}

/// One event of a function.
#[derive(Debug, Clone)]
pub(crate) struct Event<'a> {
    keys: value::Lookup<'a>,
    /// One bit per event type (see [`type_bit`]) the event may have: every event step asks
    /// every event for its type, and most answers are no, given here without reading the keys.
    types: u32,
    /// The event's type (its first key) is one the compiler leaves out, read while the event
    /// is at hand (see `events::record_uncompiled`).
    pub uncompiled: Option<(String, NodeId)>,
}

impl<'a> Event<'a> {
    fn new(node: Node<'a>) -> Event<'a> {
        let keys = value::Lookup::new(Some(node));
        let types = if keys.merges() {
            u32::MAX
        } else {
            keys.written_keys()
                .filter_map(type_bit)
                .fold(0, |types, bit| types | bit)
        };
        let uncompiled = value::first_property(node)
            .map(|first| (first.name(), first.key.id))
            .filter(|(kind, _)| !crate::events::is_compiled(kind))
            .map(|(kind, key)| (kind.into_owned(), key));
        Event {
            keys,
            types,
            uncompiled,
        }
    }

    /// `event[kind]`, the event's settings for a type.
    pub fn get(&self, kind: &str) -> Option<Node<'a>> {
        if type_bit(kind).is_some_and(|bit| self.types & bit == 0) {
            return None;
        }
        self.keys.get(kind)
    }
}

/// The bit of an event type in [`Event`]'s summary (`None` for other keys).
fn type_bit(kind: &str) -> Option<u32> {
    crate::events::KNOWN_EVENT_TYPES
        .iter()
        .position(|known| *known == kind)
        .map(|i| 1 << i)
}

/// One entry of `functions`.
pub(crate) struct Function<'a> {
    pub key: String,
    pub key_node: NodeId,
    /// Deployed name: `name`, else `<service>-<stage>-<key>`.
    pub name: String,
    pub alias: Option<TargetAlias>,
    pub events: Vec<Event<'a>>,
    /// The function's settings (a mapping), their keys read once.
    keys: value::Lookup<'a>,
}

impl<'a> Function<'a> {
    /// A setting of the function.
    pub fn get(&self, key: &str) -> Option<Node<'a>> {
        self.keys.get(key)
    }

    /// A setting when present and truthy.
    pub fn truthy(&self, key: &str) -> Option<Node<'a>> {
        value::truthy_opt(self.get(key))
    }

    pub fn lambda_id(&self) -> String {
        naming::lambda_function_id(&self.key)
    }

    /// What events invoke: the function's ARN, or its alias (`<arn>:<alias>`).
    pub fn invoke_target(&self) -> Value {
        let arn = json!({ "Fn::GetAtt": [self.lambda_id(), "Arn"] });
        match &self.alias {
            Some(alias) => json!({ "Fn::Join": [":", [arn, alias.name]] }),
            None => arn,
        }
    }

    /// The logical id of the alias events invoke, when there is one.
    pub fn alias_id(&self) -> Option<Value> {
        self.alias
            .as_ref()
            .map(|a| Value::String(a.logical_id.clone()))
    }

    /// The function's own `role`, when truthy.
    pub fn role(&self) -> Option<Node<'a>> {
        self.truthy("role")
    }

    pub fn logs_disabled(&self) -> bool {
        self.get("disableLogs").is_some_and(value::truthy)
    }
}

/// The resource of the role a function runs with, when it is one of the stack's: its own or
/// the provider's role given by name or `Fn::GetAtt [X, Arn]`, else the default role; `None`
/// for an ARN or an imported role (event source mappings depend on it).
pub(crate) fn iam_role_resource_name(plan: &Plan<'_>, function: &Function<'_>) -> Option<String> {
    let role = function.role().or_else(|| plan.service.provider_role());
    let Some(role) = role else {
        return Some(naming::IAM_ROLE_LAMBDA_EXECUTION_ID.to_owned());
    };
    match crate::config_value::small_value(role) {
        Value::String(name) if name.contains(':') => None,
        Value::String(name) => Some(name),
        Value::Object(map) => match map.get("Fn::GetAtt") {
            Some(Value::Array(parts))
                if parts.len() == 2 && parts[1] == "Arn" && parts[0].is_string() =>
            {
                parts[0].as_str().map(str::to_owned)
            }
            _ if ["Fn::ImportValue", "Ref", "Fn::Sub"]
                .iter()
                .any(|k| map.get(*k).is_some_and(crate::resources::js_truthy)) =>
            {
                None
            }
            _ => Some(naming::IAM_ROLE_LAMBDA_EXECUTION_ID.to_owned()),
        },
        _ => Some(naming::IAM_ROLE_LAMBDA_EXECUTION_ID.to_owned()),
    }
}

/// The functions the framework compiles; reports non-mapping entries as it does.
pub(crate) fn collect<'a>(plan: &mut Plan<'a>) -> Vec<Function<'a>> {
    let Some(functions) = plan.service.top("functions") else {
        return Vec::new();
    };
    match value::loaded(functions) {
        Loaded::Object => {}
        Loaded::Null => return Vec::new(),
        _ => {
            plan.error(CompileError::new(
                CompileErrorKind::WrongType,
                "Unexpected \"functions\" configuration: expected an object",
                Some(functions.id),
            ));
            return Vec::new();
        }
    }
    let properties = value::properties(functions);
    let mut out = Vec::with_capacity(properties.len());
    for property in properties {
        let key = property.name().into_owned();
        match value::loaded(property.value) {
            Loaded::Null => continue,
            Loaded::Object => {}
            _ => {
                plan.error(CompileError::new(
                    CompileErrorKind::WrongType,
                    format!("Unexpected \"{key}\" function configuration: expected an object"),
                    Some(property.value.id),
                ));
                continue;
            }
        }
        let node = property.value;
        let keys = value::Lookup::new(Some(node));
        let name = value::truthy_opt(keys.get("name"))
            .and_then(value::string)
            .map(Cow::into_owned)
            .unwrap_or_else(|| {
                naming::default_function_name(&plan.service.name, &plan.service.stage, &key)
            });
        let alias = target_alias(&keys, &key);
        let events = keys
            .get("events")
            .map(|events| value::items(events).map(Event::new).collect())
            .unwrap_or_default();
        out.push(Function {
            key,
            key_node: property.key.id,
            name,
            alias,
            events,
            keys,
        });
    }
    out
}

fn target_alias(settings: &value::Lookup<'_>, key: &str) -> Option<TargetAlias> {
    if settings
        .get("provisionedConcurrency")
        .is_some_and(value::truthy)
    {
        Some(TargetAlias {
            name: naming::PROVISIONED_CONCURRENCY_ALIAS_NAME,
            logical_id: naming::provisioned_concurrency_alias_id(key),
        })
    } else if settings.get("snapStart").and_then(value::boolean) == Some(true) {
        Some(TargetAlias {
            name: naming::SNAP_START_ALIAS_NAME,
            logical_id: naming::snap_start_alias_id(key),
        })
    } else {
        None
    }
}

/// How a function's step renders.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Part {
    Lambda(usize),
    Version(usize),
    VersionOutput(usize),
    Alias(usize),
    Url(usize),
    UrlOutput(usize),
    UrlPermission(usize),
    EventInvokeConfig(usize),
}

/// The functions' steps: every Lambda function first (the framework assigns them before its
/// first `await`), then per function its version, output, alias, URL and invoke config.
pub(crate) fn plan(plan: &mut Plan<'_>) {
    let mut errors = Vec::new();
    for function in &plan.functions {
        let handler = function.truthy("handler").is_some();
        let image = function.truthy("image").is_some();
        let message = match (handler, image) {
            (false, false) => format!(
                "Either \"handler\" or \"image\" property needs to be set on function \"{}\"",
                function.key
            ),
            (true, true) => format!(
                "Either \"handler\" or \"image\" property (not both) needs to be set on function \"{}\".",
                function.key
            ),
            _ => continue,
        };
        errors.push(CompileError::new(
            CompileErrorKind::MissingHandler,
            message,
            Some(function.key_node),
        ));
    }
    for error in errors {
        plan.error(error);
    }
    for index in 0..plan.functions.len() {
        let function = &plan.functions[index];
        let item = NewItem::resource(
            function.lambda_id(),
            "AWS::Lambda::Function",
            Origin::Function(index),
            function.key_node,
        )
        .exclusive();
        plan.push(item, PlanPart::Function(Part::Lambda(index)));
    }
    // The framework finishes the functions as their hashes resolve: images need no file read,
    // the functions sharing the service's zip wait for one read, a zip of its own is read on
    // its own; then each of the service's own layers a function uses is read in turn.
    let mut order: Vec<usize> = (0..plan.functions.len()).collect();
    order.sort_by_cached_key(|&index| {
        let function = &plan.functions[index];
        (
            artifact_class(plan, function),
            local_layer_count(plan, function),
        )
    });
    for index in order {
        version::plan(plan, index);
        url::plan(plan, index);
        invoke_config::plan(plan, index);
    }
}

/// 0 for an image, 1 for the service's shared zip, 2 for a zip of the function's own.
fn artifact_class(plan: &Plan<'_>, function: &Function<'_>) -> u8 {
    if function.truthy("image").is_some() {
        return 0;
    }
    let setting = |package: Option<Node<'_>>, key: &str| {
        package
            .and_then(|p| value::get(p, key))
            .is_some_and(value::truthy)
    };
    let own = setting(function.get("package"), "artifact")
        || setting(function.get("package"), "individually")
        || setting(plan.service.top("package"), "individually");
    if own {
        2
    } else {
        1
    }
}

/// How many of the function's layers are the service's own (`{Ref: <L>LambdaLayer}`).
fn local_layer_count(plan: &Plan<'_>, function: &Function<'_>) -> usize {
    let layers = function
        .truthy("layers")
        .or_else(|| value::truthy_opt(plan.service.provider("layers")));
    let Some(layers) = layers else {
        return 0;
    };
    value::items(layers)
        .filter(
            |layer| match crate::config_value::small_value(*layer).get("Ref") {
                Some(Value::String(target)) => plan
                    .layers
                    .iter()
                    .any(|l| naming::layer_id(&l.key) == *target),
                _ => false,
            },
        )
        .count()
}

/// Renders one function step.
pub(crate) fn render(rx: &mut Render<'_, '_>, part: Part) {
    match part {
        Part::Lambda(f) => lambda::render(rx, f),
        Part::Version(f) => version::render_version(rx, f),
        Part::VersionOutput(f) => version::render_output(rx, f),
        Part::Alias(f) => version::render_alias(rx, f),
        Part::Url(f) => url::render_url(rx, f),
        Part::UrlOutput(f) => url::render_output(rx, f),
        Part::UrlPermission(f) => url::render_permission(rx, f),
        Part::EventInvokeConfig(f) => invoke_config::render(rx, f),
    }
}
