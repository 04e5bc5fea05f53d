//! Value items: routes, function names, identity sources, and the schema's allowed values.

use std::collections::HashSet;

use sls_model::schema::{
    self, KeySpec, PathSegment, ValueType, IDENTITY_SOURCE_PREFIXES, ROUTE_KEYS,
};

use super::items::{Insert, Items};
use super::Ctx;
use crate::describe;
use crate::ide::CompletionKind;
use crate::paths::{key_at, value_role, ValueRole};
use crate::COMPLETION_LIMIT as MAX_SERVICE_ITEMS;

/// Values for the node at `path` (a key's path, or a list item's path ending in `Index`).
pub(crate) fn complete(ctx: &Ctx<'_>, path: &[PathSegment<'_>], items: &mut Items<'_, '_>) {
    let key_path = match path.split_last() {
        Some((PathSegment::Index, parent)) => parent,
        _ => path,
    };
    let spec = key_at(key_path).map(|(_, spec)| spec);
    match value_role(path) {
        ValueRole::Route => routes(ctx, items),
        ValueRole::Function => functions(ctx, path, items),
        ValueRole::IdentitySource => identity_sources(spec, items),
        ValueRole::Other => {}
    }
    if let Some(spec) = spec {
        schema_values(spec, items);
    }
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
    for (route, _) in ROUTE_KEYS {
        items.push(
            route,
            CompletionKind::Value,
            Some("predefined route".to_owned()),
            describe::predefined_route(route),
            Insert::Plain((*route).to_owned()),
        );
    }
    let mut seen: HashSet<&str> = ROUTE_KEYS.iter().map(|(route, _)| *route).collect();
    let expression = describe::route_selection_expression(ctx.model, ctx.tree);
    let typed = items.cursor.typed;
    for (function, event) in ctx.model.websocket_events() {
        // Match the raw scalar first (cheap); a route written as a one-item list is only
        // offered while nothing is typed.
        let raw = event.route.and_then(|id| ctx.tree.node(id).as_str());
        if !typed.is_empty() && !raw.is_some_and(|raw| matches(typed, raw)) {
            continue;
        }
        let Some(route) = event.route_text(ctx.tree) else {
            continue;
        };
        let at_cursor = event.route.is_some_and(|id| {
            let r = ctx.tree.data(id).range;
            r.start() <= ctx.offset && ctx.offset <= r.end()
        });
        if at_cursor || !matches(typed, route) || !seen.insert(route) {
            continue;
        }
        if seen.len() > MAX_SERVICE_ITEMS + ROUTE_KEYS.len() {
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
            describe::handler(function, ctx.tree).map(str::to_owned),
            Some(describe::function(function, ctx.tree)),
            Insert::Plain(function.name.clone()),
        );
    }
}

/// The default source first, then each accepted prefix.
fn identity_sources(spec: Option<&KeySpec>, items: &mut Items<'_, '_>) {
    let docs = spec.map(schema::key_markdown);
    if let Some(default) = spec.and_then(|s| s.default) {
        items.push(
            default,
            CompletionKind::Value,
            Some("default identity source".to_owned()),
            docs.clone(),
            Insert::Plain(default.to_owned()),
        );
    }
    for (prefix, _) in IDENTITY_SOURCE_PREFIXES {
        items.push(
            prefix,
            CompletionKind::Value,
            Some("identity source prefix".to_owned()),
            describe::identity_source(prefix),
            Insert::Plain((*prefix).to_owned()),
        );
    }
}

/// The schema's allowed values, booleans, or the key's value template.
fn schema_values(spec: &KeySpec, items: &mut Items<'_, '_>) {
    let docs = || Some(schema::key_markdown(spec));
    let detail = || Some(format!("{} value", spec.name));
    let values: &[&str] = match spec.ty {
        _ if !spec.allowed.is_empty() => spec.allowed,
        ValueType::Boolean | ValueType::BooleanOrObject => &["true", "false"],
        _ => &[],
    };
    for value in values {
        items.push(
            value,
            CompletionKind::Value,
            detail(),
            docs(),
            Insert::Plain((*value).to_owned()),
        );
    }
    if let (true, Some(snippet)) = (values.is_empty(), spec.value_snippet) {
        let label = spec.default.unwrap_or(spec.name);
        items.push(
            label,
            CompletionKind::Value,
            detail(),
            docs(),
            Insert::Snippet(snippet.to_owned()),
        );
    }
}
