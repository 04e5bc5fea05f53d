//! Markdown about the service's own things (routes, functions, event types, identity sources),
//! shared by hover and completion; key docs come from the schema's `key_markdown`.

use sls_compile::naming;
use sls_model::schema::{identity_source_prefixes, route_keys};
use sls_model::{Function, Model};
use sls_syntax::View;

const DEFAULT_ROUTE_SELECTION: &str = "$request.body.action";

/// A predefined route's docs.
pub(crate) fn predefined_route(route: &str) -> Option<String> {
    let (name, docs) = route_keys().iter().find(|(name, _)| *name == route)?;
    Some(format!(
        "**`{name}`** — predefined websocket route\n\n{docs}"
    ))
}

/// A route's docs: predefined, or custom (selected by the route selection expression).
pub(crate) fn route(route: &str, model: &Model, view: View<'_>) -> String {
    if let Some(docs) = predefined_route(route) {
        return docs;
    }
    format!(
        "{}\n\nLogical id: `{}`.",
        custom_route(route, route_selection_expression(model, view)),
        naming::websocket_route_id(route)
    )
}

/// The service's route selection expression (the framework's default when not set).
pub(crate) fn route_selection_expression<'t>(model: &Model, view: View<'t>) -> &'t str {
    model
        .provider
        .websockets_api_route_selection_expression
        .and_then(|id| view.node(id).as_str())
        .unwrap_or(DEFAULT_ROUTE_SELECTION)
}

/// A custom route's docs (cheap: completion builds one per custom route of the service).
pub(crate) fn custom_route(route: &str, expression: &str) -> String {
    let parts = [
        "**`",
        route,
        "`** — custom websocket route\n\nAPI Gateway calls it for a message when the route \
         selection expression `",
        expression,
        "` evaluates to `",
        route,
        "` for that message; messages matching no route go to `$default`.",
    ];
    parts.concat()
}

/// Where a custom route is used, for completion details.
pub(crate) fn route_use(function: &Function) -> String {
    ["custom route of `", &function.name, "`"].concat()
}

/// A function's summary: handler, events and the main resources the framework generates.
pub(crate) fn function(function: &Function, view: View<'_>) -> String {
    let mut out = format!("**{}** — function", function.name);
    if let Some(handler) = handler(function, view) {
        out.push_str(&format!("\n\nHandler: `{handler}`"));
    }
    let events: Vec<String> = function
        .events
        .iter()
        .map(|event| {
            let kind = event.kind.as_deref().unwrap_or("?");
            match event.websocket.as_ref().and_then(|ws| ws.route_text(view)) {
                Some(route) => format!("`{kind}` `{route}`"),
                None => format!("`{kind}`"),
            }
        })
        .collect();
    if !events.is_empty() {
        out.push_str(&format!("\n\nEvents: {}", events.join(", ")));
    }
    let mut ids = vec![
        naming::lambda_function_id(&function.name),
        naming::log_group_id(&function.name),
    ];
    if function.events.iter().any(|e| e.websocket.is_some()) {
        ids.push(naming::websocket_integration_id(&function.name));
    }
    let ids: Vec<String> = ids.iter().map(|id| format!("`{id}`")).collect();
    out.push_str(&format!("\n\nGenerated resources: {}", ids.join(", ")));
    out
}

pub(crate) fn handler<'t>(function: &Function, view: View<'t>) -> Option<&'t str> {
    function.handler.and_then(|id| view.node(id).as_str())
}

/// An event type's docs.
pub(crate) fn event_type(name: &str) -> Option<String> {
    let docs = crate::schema_at::event_doc(name)?.doc;
    Some(format!("**{name}** — event type\n\n{docs}"))
}

/// The docs of the `identitySource` prefix `value` starts with.
pub(crate) fn identity_source(value: &str) -> Option<String> {
    let (prefix, docs) = identity_source_prefixes()
        .iter()
        .find(|(prefix, _)| value.starts_with(prefix))?;
    Some(format!("**`{prefix}`** — identity source\n\n{docs}"))
}
