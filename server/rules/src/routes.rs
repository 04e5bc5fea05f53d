//! Route keys: SLS209 duplicate-route, SLS210 empty-route, SLS211 invalid-route-key and
//! SLS212 invalid-route-response-selection.

use std::collections::HashMap;

use sls_diagnostics::{Code, Diagnostic};
use sls_model::schema::route_keys;
use sls_model::value::{coerced_string, is_dynamic};
use sls_model::{WebsocketEvent, WebsocketForm};
use sls_syntax::NodeId;

use crate::context::{replace_scalar, Ctx};

pub(crate) fn check(ctx: &mut Ctx<'_>) {
    let model = ctx.model;
    let mut first_use: HashMap<String, (NodeId, String)> = HashMap::new();
    for (function, event) in model.websocket_events() {
        check_route_response(ctx, event);
        let Some(route_node) = event.route else {
            continue;
        };
        let node = ctx.node(route_node).resolve();
        if is_dynamic(node) {
            continue;
        }
        if node.is_null() && event.form == WebsocketForm::Object {
            let at = event.route_key.unwrap_or(route_node);
            ctx.emit(
                Code::EmptyRoute,
                at,
                "the route is empty: give a route key such as $connect",
            );
            continue;
        }
        let Some(route) = coerced_string(node) else {
            continue;
        };
        if route.is_empty() {
            let message = match event.form {
                WebsocketForm::String => {
                    "the route is empty: the framework silently drops this event"
                }
                _ => "the route is empty: API Gateway rejects an empty route key",
            };
            ctx.emit(Code::EmptyRoute, route_node, message);
            continue;
        }
        check_route_key(ctx, route_node, route);
        match first_use.get(route) {
            Some((first, first_function)) => {
                let diagnostic = Diagnostic::new(
                    Code::DuplicateRoute,
                    ctx.range(route_node),
                    format!("route '{route}' is already used by function '{first_function}': the framework merges both into one route and the last function wins"),
                )
                .with_related(ctx.range(*first), format!("'{route}' is first used here"));
                ctx.report(diagnostic);
            }
            None => {
                first_use.insert(route.to_owned(), (route_node, function.name.clone()));
            }
        }
    }
}

/// SLS211: `$`-prefixed custom keys and characters that break the generated logical ids.
fn check_route_key(ctx: &mut Ctx<'_>, node: NodeId, route: &str) {
    if route.starts_with('$') && !route_keys().iter().any(|(key, _)| *key == route) {
        let mut diagnostic = Diagnostic::new(
            Code::InvalidRouteKey,
            ctx.range(node),
            format!("'{route}' is not a valid route key: only $connect, $disconnect and $default may start with '$' (API Gateway rejects it at deploy)"),
        );
        if let Some((fixed, _)) = route_keys()
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(route))
        {
            diagnostic = diagnostic.with_fix(
                format!("Change to '{fixed}'"),
                vec![replace_scalar(ctx.node(node), fixed)],
            );
        }
        ctx.report(diagnostic);
        return;
    }
    if let Some(bad) = route
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || "$/-_.".contains(*c)))
    {
        ctx.emit(
            Code::InvalidRouteKey,
            node,
            format!("route '{route}' contains {bad:?}, which makes the generated CloudFormation logical id invalid: use letters, digits, '$', '/', '-', '_' and '.'"),
        );
    }
}

/// SLS212: only `$default` is a supported route response selection expression.
fn check_route_response(ctx: &mut Ctx<'_>, event: &WebsocketEvent) {
    let Some(id) = event.route_response_selection_expression else {
        return;
    };
    let node = ctx.node(id).resolve();
    if is_dynamic(node) || node.is_mapping() || node.is_sequence() {
        return;
    }
    let text = coerced_string(node).unwrap_or_default();
    if text == "$default" {
        return;
    }
    let diagnostic = Diagnostic::new(
        Code::InvalidRouteResponseSelection,
        ctx.range(id),
        format!("routeResponseSelectionExpression must be $default, found '{text}' (the only value API Gateway supports)"),
    )
    .with_fix("Change to '$default'", vec![replace_scalar(ctx.node(id), "$default")]);
    ctx.report(diagnostic);
}
