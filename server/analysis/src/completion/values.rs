//! Value items: what a value names (routes, functions, identity sources, from its key's role),
//! then the values the schema lists, booleans, or the key's value snippet.

use std::collections::HashSet;

use sls_model::schema::docs_overlay::Role;
use sls_model::schema::{identity_source_prefixes, route_keys, PathSegment};

use super::items::{Insert, Items};
use super::Ctx;
use crate::describe;
use crate::ide::CompletionKind;
use crate::schema_at::{self, KeyAt};
use crate::COMPLETION_LIMIT as MAX_SERVICE_ITEMS;

/// Values for the node at `path` (a key's path, or a list item's path ending in `Index`).
pub(crate) fn complete(ctx: &Ctx<'_>, path: &[PathSegment<'_>], items: &mut Items<'_, '_>) {
    let key = schema_at::owning_key(ctx.view.tree(), path);
    let role = key
        .as_ref()
        .and_then(KeyAt::role)
        .or_else(|| string_form_route(ctx, path));
    match role {
        Some(Role::Route) => routes(ctx, items),
        Some(Role::Function) => functions(ctx, path, items),
        Some(Role::IdentitySource) => identity_sources(key.as_ref(), items),
        None => {}
    }
    if let Some(key) = &key {
        schema_values(key, path, items);
    }
}

/// `- websocket: <route>`: the string form of a websocket event is its route.
fn string_form_route(ctx: &Ctx<'_>, path: &[PathSegment<'_>]) -> Option<Role> {
    let (PathSegment::Key("websocket"), parent) = path.split_last()? else {
        return None;
    };
    schema_at::is_event_item(ctx.view.tree(), parent).then_some(Role::Route)
}

/// Whether `label` contains the typed characters in order, ignoring case (what clients'
/// fuzzy filters require at least).
pub(crate) fn matches(typed: &str, label: &str) -> bool {
    let mut label = label.chars().flat_map(char::to_lowercase);
    typed
        .chars()
        .flat_map(char::to_lowercase)
        .all(|t| label.any(|l| l == t))
}

/// `$connect`, `$disconnect`, `$default`, then each custom route of the service once.
fn routes(ctx: &Ctx<'_>, items: &mut Items<'_, '_>) {
    for (route, _) in route_keys() {
        items.push(
            route,
            CompletionKind::Value,
            Some("predefined route".to_owned()),
            describe::predefined_route(route),
            Insert::Plain((*route).to_owned()),
        );
    }
    let mut seen: HashSet<&str> = route_keys().iter().map(|(route, _)| *route).collect();
    let expression = describe::route_selection_expression(ctx.model, ctx.view);
    let typed = items.cursor.typed;
    for (function, event) in ctx.model.websocket_events() {
        // Match the raw scalar first (cheap); a route written as a one-item list is only
        // offered while nothing is typed.
        let raw = event.route.and_then(|id| ctx.view.node(id).as_str());
        if !typed.is_empty() && !raw.is_some_and(|raw| matches(typed, raw)) {
            continue;
        }
        let Some(route) = event.route_text(ctx.view) else {
            continue;
        };
        let at_cursor = event.route.is_some_and(|id| {
            let r = ctx.view.data(id).range;
            r.start() <= ctx.offset && ctx.offset <= r.end()
        });
        if at_cursor || !matches(typed, route) || !seen.insert(route) {
            continue;
        }
        if seen.len() > MAX_SERVICE_ITEMS + route_keys().len() {
            break;
        }
        items.push(
            route,
            CompletionKind::Value,
            Some(describe::route_use(function)),
            Some(describe::custom_route(route, expression)),
            Insert::Plain(route.to_owned()),
        );
    }
}

/// The service's functions, except the one being edited.
fn functions(ctx: &Ctx<'_>, path: &[PathSegment<'_>], items: &mut Items<'_, '_>) {
    let editing = match path {
        [PathSegment::Key("functions"), PathSegment::Key(name), ..] => Some(*name),
        _ => None,
    };
    let candidates = ctx.model.functions.iter().filter(|function| {
        editing != Some(function.name.as_str()) && matches(items.cursor.typed, &function.name)
    });
    for function in candidates.take(MAX_SERVICE_ITEMS).collect::<Vec<_>>() {
        items.push(
            &function.name,
            CompletionKind::Function,
            describe::handler(function, ctx.view).map(str::to_owned),
            Some(describe::function(function, ctx.view)),
            Insert::Plain(function.name.clone()),
        );
    }
}

/// The default source first, then each accepted prefix.
fn identity_sources(key: Option<&KeyAt>, items: &mut Items<'_, '_>) {
    let docs = key.map(KeyAt::markdown);
    if let Some(default) = key.and_then(default_value) {
        items.push(
            &default,
            CompletionKind::Value,
            Some("default identity source".to_owned()),
            docs.clone(),
            Insert::Plain(default.clone()),
        );
    }
    for (prefix, _) in identity_source_prefixes() {
        items.push(
            prefix,
            CompletionKind::Value,
            Some("identity source prefix".to_owned()),
            describe::identity_source(prefix),
            Insert::Plain((*prefix).to_owned()),
        );
    }
}

/// The default a key's docs state (`Default `x`.`).
fn default_value(key: &KeyAt) -> Option<String> {
    let doc = key.doc?.doc;
    let start = doc.find("Default `")? + "Default `".len();
    let end = doc[start..].find('`')?;
    Some(doc[start..start + end].to_owned())
}

/// The values the schema lists (with their docs), booleans, or the key's value snippet.
fn schema_values(key: &KeyAt, path: &[PathSegment<'_>], items: &mut Items<'_, '_>) {
    let item_of_list = matches!(path.last(), Some(PathSegment::Index));
    let schemas = if item_of_list {
        item_schemas(key)
    } else {
        key.value_schemas()
    };
    let detail = || Some(format!("{} value", key.info.name));
    let listed = schema_at::listed_values(&schemas);
    for (value, doc) in &listed {
        let docs = match doc {
            Some(doc) => format!("**`{value}`** — {doc}\n\n---\n\n{}", key.markdown()),
            None => key.markdown(),
        };
        items.push(
            value,
            CompletionKind::Value,
            detail(),
            Some(docs),
            Insert::Plain(value.clone()),
        );
    }
    if listed.is_empty() && schema_at::accepts_boolean(&schemas) {
        for value in ["true", "false"] {
            items.push(
                value,
                CompletionKind::Value,
                detail(),
                Some(key.markdown()),
                Insert::Plain(value.to_owned()),
            );
        }
    }
    let snippet = key
        .doc
        .and_then(|d| d.snippet)
        .filter(|s| !s.contains('\n'));
    if let (true, Some(snippet)) = (listed.is_empty(), snippet) {
        let value = snippet.split_once(": ").map_or(snippet, |(_, value)| value);
        let label = default_value(key).unwrap_or_else(|| key.info.name.clone());
        items.push(
            &label,
            CompletionKind::Value,
            detail(),
            Some(key.markdown()),
            Insert::Snippet(value.to_owned()),
        );
    }
}

/// The schemas of a list key's items.
fn item_schemas(key: &KeyAt) -> Vec<sls_model::schema::graph::SchemaId> {
    use sls_model::schema::graph::{schema, Items as SchemaItems};
    let graph = schema();
    let mut out = Vec::new();
    for id in key.value_schemas() {
        if let SchemaItems::All(item) = &graph.node(id).items {
            out.extend(sls_model::schema::resolve::expand(graph, *item));
        }
    }
    out
}
