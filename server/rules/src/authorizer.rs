//! SLS201–SLS205 and SLS103 for authorizers: where they may sit and what they may name.

use sls_diagnostics::{Code, Diagnostic, DiagnosticTag};
use sls_model::schema;
use sls_model::value::{coerced_string, is_dynamic};
use sls_model::{Authorizer, AuthorizerObject, Function, WebsocketEvent};
use sls_syntax::NodeId;

use crate::context::{remove_entry_lines, replace_scalar, Ctx};

pub(crate) fn check(ctx: &mut Ctx<'_>) {
    let model = ctx.model;
    for (_, event) in model.websocket_events() {
        let (Some(authorizer), Some(key)) = (&event.authorizer, event.authorizer_key) else {
            continue;
        };
        check_route(ctx, event, key);
        match authorizer {
            Authorizer::String(node) => check_string(ctx, *node),
            Authorizer::Object(object) => check_object(ctx, object, key),
            Authorizer::Other(_) => {}
        }
    }
}

/// SLS201: API Gateway supports authorizers on `$connect` only.
fn check_route(ctx: &mut Ctx<'_>, event: &WebsocketEvent, key: NodeId) {
    let Some(route) = event.route_text(ctx.view) else {
        return;
    };
    if route == "$connect" {
        return;
    }
    let mut diagnostic = Diagnostic::new(
        Code::AuthorizerNotOnConnect,
        ctx.range(key),
        format!(
            "authorizers are only supported on the $connect route: the framework packages this authorizer on '{route}' and the deploy fails"
        ),
    );
    if let Some(route_node) = event.route {
        diagnostic =
            diagnostic.with_related(ctx.range(route_node), format!("the route is '{route}'"));
    }
    ctx.report(diagnostic);
}

fn is_function_name(text: &str) -> bool {
    !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// A string authorizer: an ARN, or a function of this service.
fn check_string(ctx: &mut Ctx<'_>, node: NodeId) {
    let Some(text) = coerced_string(ctx.node(node)) else {
        return;
    };
    if text.starts_with("arn:") {
        return;
    }
    if text.contains(':') {
        let name = text.rsplit(':').next().unwrap_or_default();
        ctx.emit(
            Code::AuthorizerInvalidReference,
            node,
            format!("'{text}' is neither an ARN (arn:...) nor a function name: the framework compiles it as an ARN named '{name}'"),
        );
        return;
    }
    if !is_function_name(text) {
        ctx.emit(
            Code::AuthorizerInvalidReference,
            node,
            format!("'{text}' is not a valid function name: use letters, digits, '-' and '_', or an ARN"),
        );
    }
    check_function_exists(ctx, node, text);
}

/// SLS202: a function-name authorizer must name a function of this service.
fn check_function_exists(ctx: &mut Ctx<'_>, node: NodeId, name: &str) {
    let functions = &ctx.model.functions;
    if functions.iter().any(|f| f.name == name) {
        return;
    }
    let names = functions.iter().map(|f: &Function| f.name.as_str());
    let suggestion = schema::closest(name, names);
    let mut message = format!("function '{name}' doesn't exist in this service");
    if let Some(suggestion) = suggestion {
        message.push_str(&format!(": did you mean '{suggestion}'?"));
    }
    message.push_str(" (the framework refuses to package it)");
    let mut diagnostic =
        Diagnostic::new(Code::AuthorizerFunctionNotFound, ctx.range(node), message);
    if let Some(suggestion) = suggestion {
        diagnostic = diagnostic.with_fix(
            format!("Change to '{suggestion}'"),
            vec![replace_scalar(ctx.node(node), suggestion)],
        );
    }
    ctx.report(diagnostic);
}

fn check_object(ctx: &mut Ctx<'_>, object: &AuthorizerObject, key: NodeId) {
    let arn_value = object.arn.map(|(_, value)| ctx.node(value).resolve());
    let arn_is_string = arn_value.is_some_and(|v| v.as_scalar().is_some() && !v.is_null());
    match (object.name, object.arn) {
        (None, None) => ctx.emit(
            Code::MissingRequiredKey,
            key,
            "an authorizer object needs `name` (a function of this service) or `arn` (the framework crashes without either)",
        ),
        (Some((name_key, name_value)), Some(_)) if arn_is_string => {
            let edit = remove_entry_lines(ctx.text, ctx.range(name_key), ctx.range(name_value));
            let diagnostic = Diagnostic::new(
                Code::AuthorizerNameIgnored,
                ctx.range(name_key),
                "`name` is ignored when `arn` is a string: the authorizer is named after the ARN's last segment",
            )
            .with_tag(DiagnosticTag::Unnecessary)
            .with_fix("Remove `name`", vec![edit]);
            ctx.report(diagnostic);
        }
        (None, Some((arn_key, arn))) if !arn_is_string && ctx.node(arn).is_mapping() => ctx.emit(
            Code::AuthorizerArnNeedsName,
            arn_key,
            "an `arn` given as a CloudFormation function needs a `name` beside it (the framework refuses it without one)",
        ),
        (Some((_, name_value)), None) => check_name(ctx, name_value),
        _ => {}
    }
    if let Some(arn) = arn_value {
        check_arn_string(ctx, arn.id);
    }
}

fn check_name(ctx: &mut Ctx<'_>, node: NodeId) {
    let Some(name) = coerced_string(ctx.node(node)) else {
        return;
    };
    if !is_function_name(name) {
        ctx.emit(
            Code::AuthorizerInvalidReference,
            node,
            format!("'{name}' is not a valid function name: use letters, digits, '-' and '_'"),
        );
    }
    check_function_exists(ctx, node, name);
}

fn check_arn_string(ctx: &mut Ctx<'_>, node: NodeId) {
    let arn = ctx.node(node);
    if is_dynamic(arn) || arn.is_mapping() {
        return;
    }
    if let Some(text) = coerced_string(arn) {
        if !text.starts_with("arn:") {
            ctx.emit(
                Code::AuthorizerInvalidReference,
                node,
                format!("'{text}' is not an ARN: an authorizer `arn` starts with 'arn:'"),
            );
        }
    }
}
