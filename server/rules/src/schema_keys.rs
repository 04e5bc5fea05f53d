//! SLS101 unknown-key, SLS102 wrong-type, SLS103 missing-required-key (websocket route) and
//! SLS104 invalid-value, driven by the schema table.

use sls_diagnostics::{Code, Diagnostic, DiagnosticTag};
use sls_model::schema::{self, KeySpec, ObjectId, ObjectSpec, ValueType};
use sls_model::value::{coerced_bool, coerced_string, is_dynamic};
use sls_model::{Authorizer, WebsocketForm};
use sls_syntax::{Node, NodeId, NodeKind};

use crate::context::{replace_scalar, Ctx};

/// Provider keys whose values are checked now; the rest of `provider` is extended later.
const CHECKED_PROVIDER_KEYS: &[&str] = &[
    "websocketsApiName",
    "websocketsApiRouteSelectionExpression",
    "websocketsDescription",
    "websocket",
    "logs",
    "apiGateway",
    "logRetentionInDays",
];

pub(crate) fn check(ctx: &mut Ctx<'_>) {
    let model = ctx.model;
    if let Some(root) = model.root {
        check_object(ctx, root, ObjectId::Root, Some(&["configValidationMode"]));
    }
    let provider = &model.provider;
    if let Some(node) = provider.node {
        check_object(ctx, node, ObjectId::Provider, Some(CHECKED_PROVIDER_KEYS));
    }
    for (id, object, only) in [
        (provider.websocket, ObjectId::ProviderWebsocket, None),
        (
            provider.logs,
            ObjectId::ProviderLogs,
            Some(&["websocket"][..]),
        ),
        (
            provider.logs_websocket,
            ObjectId::ProviderLogsWebsocket,
            None,
        ),
    ] {
        if let Some(node) = id {
            check_object(ctx, node, object, only);
        }
    }
    if let Some(api_gateway) = provider.node.and_then(|p| ctx.node(p).get("apiGateway")) {
        check_object(
            ctx,
            api_gateway.id,
            ObjectId::ProviderApiGateway,
            Some(&["websocketApiId"]),
        );
    }
    for (_, event) in model.websocket_events() {
        match event.form {
            WebsocketForm::Object => {
                check_object(ctx, event.node, ObjectId::WebsocketEvent, None);
                if event.route_key.is_none() {
                    ctx.emit(
                        Code::MissingRequiredKey,
                        event.key,
                        "a websocket event object needs a `route` (the framework crashes without one)",
                    );
                }
            }
            WebsocketForm::Other if !is_dynamic(ctx.node(event.node)) => {
                check_value(
                    ctx,
                    event.key,
                    event.node,
                    ValueType::StringOrObject,
                    "websocket",
                );
            }
            _ => {}
        }
        if let Some(Authorizer::Object(object)) = &event.authorizer {
            check_object(ctx, object.node, ObjectId::WebsocketAuthorizer, None);
        }
        if let (Some(Authorizer::Other(node)), Some(key)) =
            (&event.authorizer, event.authorizer_key)
        {
            check_value(ctx, key, *node, ValueType::StringOrObject, "authorizer");
        }
    }
}

/// Checks the entries of one described mapping: unknown keys (when the mapping is closed),
/// value types and allowed values. `only` limits the keys checked in open mappings.
fn check_object(ctx: &mut Ctx<'_>, id: NodeId, object: ObjectId, only: Option<&[&str]>) {
    let node = ctx.node(id).resolve();
    let spec = schema::object(object);
    if !node.is_mapping() {
        return;
    }
    for (key, value) in node.entries() {
        let Some(name) = key.as_str() else { continue };
        if only.is_some_and(|keys| !keys.contains(&name)) {
            continue;
        }
        match spec.key(name) {
            Some(key_spec) => check_key_value(ctx, key.id, value, key_spec),
            None if spec.closed && name != "<<" => report_unknown_key(ctx, key, spec),
            None => {}
        }
    }
}

fn report_unknown_key(ctx: &mut Ctx<'_>, key: Node<'_>, spec: &ObjectSpec) {
    let name = key.as_str().unwrap_or_default();
    let known = spec.keys.iter().map(|k| k.name);
    let mut diagnostic;
    match schema::closest(name, known.clone()) {
        Some(suggestion) => {
            diagnostic = Diagnostic::new(
                Code::UnknownKey,
                key.range(),
                format!(
                    "unknown key '{name}' in {}: did you mean '{suggestion}'? The framework ignores it",
                    spec.title
                ),
            );
            diagnostic = diagnostic.with_fix(
                format!("Rename to '{suggestion}'"),
                vec![replace_scalar(key, suggestion)],
            );
        }
        None => {
            let list: Vec<String> = known.map(|k| format!("'{k}'")).collect();
            diagnostic = Diagnostic::new(
                Code::UnknownKey,
                key.range(),
                format!(
                    "unknown key '{name}' in {}: the framework ignores it (known keys: {})",
                    spec.title,
                    list.join(", ")
                ),
            );
        }
    }
    ctx.report(diagnostic.with_tag(DiagnosticTag::Unnecessary));
}

fn check_key_value(ctx: &mut Ctx<'_>, key: NodeId, value: Node<'_>, spec: &KeySpec) {
    if is_dynamic(value) {
        return;
    }
    if !check_value(ctx, key, value.id, spec.ty, spec.name) {
        return;
    }
    // The route response expression has a rule of its own (SLS212).
    if spec.allowed.is_empty() || spec.name == "routeResponseSelectionExpression" {
        return;
    }
    let Some(text) = coerced_string(value) else {
        return;
    };
    if spec.allowed.contains(&text) {
        return;
    }
    let allowed: Vec<String> = spec.allowed.iter().map(|v| format!("'{v}'")).collect();
    let mut diagnostic = Diagnostic::new(
        Code::InvalidValue,
        value.range(),
        format!(
            "'{text}' is not a valid {}: allowed values are {}",
            spec.name,
            allowed.join(", ")
        ),
    );
    if let Some(fixed) = spec.allowed.iter().find(|v| v.eq_ignore_ascii_case(text)) {
        diagnostic = diagnostic.with_fix(
            format!("Change to '{fixed}'"),
            vec![replace_scalar(value, fixed)],
        );
    }
    ctx.report(diagnostic);
}

/// Reports SLS102 when a value's type cannot be coerced to `ty`; returns whether it fits.
fn check_value(ctx: &mut Ctx<'_>, key: NodeId, value: NodeId, ty: ValueType, name: &str) -> bool {
    let node = ctx.node(value).resolve();
    if is_dynamic(node) {
        return true;
    }
    let found = describe(node);
    let fits = match ty {
        ValueType::Any => true,
        ValueType::String => node.as_scalar().is_some() || is_one_scalar_list(node),
        ValueType::Boolean => node.is_null() || coerced_bool(node).is_some(),
        ValueType::Number => {
            node.is_null()
                || node
                    .as_str()
                    .is_some_and(|t| t.trim().parse::<f64>().is_ok())
        }
        ValueType::StringList => {
            if node.is_sequence() {
                check_string_items(ctx, node, name);
                true
            } else {
                node.as_scalar().is_some()
            }
        }
        ValueType::Object => node.is_mapping() || node.is_null(),
        ValueType::BooleanOrObject => {
            node.is_mapping() || node.is_null() || coerced_bool(node).is_some()
        }
        ValueType::StringOrObject => {
            node.is_mapping() || node.as_scalar().is_some() || is_one_scalar_list(node)
        }
    };
    if !fits {
        let range = if node.range().is_empty() {
            ctx.range(key)
        } else {
            node.range()
        };
        ctx.report(Diagnostic::new(
            Code::WrongType,
            range,
            format!("'{name}' must be a {}, found {found}", ty.describe()),
        ));
    }
    fits
}

fn check_string_items(ctx: &mut Ctx<'_>, list: Node<'_>, name: &str) {
    for item in list.items() {
        let item = item.resolve();
        if item.as_scalar().is_none() && !is_dynamic(item) {
            ctx.report(Diagnostic::new(
                Code::WrongType,
                item.range(),
                format!(
                    "each entry of '{name}' must be a string, found {}",
                    describe(item)
                ),
            ));
        }
    }
}

fn is_one_scalar_list(node: Node<'_>) -> bool {
    let mut items = node.items();
    matches!((items.next(), items.next()), (Some(item), None) if item.resolve().as_scalar().is_some())
}

fn describe(node: Node<'_>) -> &'static str {
    match node.kind() {
        NodeKind::Mapping { .. } => "an object",
        NodeKind::Sequence { .. } => "a list",
        NodeKind::Scalar(_) if node.is_null() => "nothing",
        NodeKind::Scalar(_) => "a scalar",
        NodeKind::Alias { .. } => "an alias",
    }
}
