//! Questions about key paths (`functions.<f>.events[].websocket...`) asked by completion and hover.

use sls_model::schema::{self, KeySpec, ObjectId, PathSegment};

/// The described key at the end of `path`, with the mapping it belongs to.
pub(crate) fn key_at(path: &[PathSegment<'_>]) -> Option<(ObjectId, &'static KeySpec)> {
    let (PathSegment::Key(name), parent) = path.split_last()? else {
        return None;
    };
    let object = schema::object_at(parent)?;
    Some((object, schema::object(object).key(name)?))
}

/// `path` is a function's `events` list.
pub(crate) fn is_events_list(path: &[PathSegment<'_>]) -> bool {
    matches!(key_at(path), Some((ObjectId::Function, spec)) if spec.name == "events")
}

/// `path` is an item of a function's `events` list (the mapping keyed by the event type).
pub(crate) fn is_event_item(path: &[PathSegment<'_>]) -> bool {
    matches!(path.split_last(), Some((PathSegment::Index, list)) if is_events_list(list))
}

/// `path` is a function's key under `functions`.
pub(crate) fn is_function(path: &[PathSegment<'_>]) -> bool {
    matches!(path, [PathSegment::Key("functions"), PathSegment::Key(_)])
}

/// What a value at `path` names, beyond its key's own description.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ValueRole {
    /// A websocket route key (`route:` or the string form `- websocket: <route>`).
    Route,
    /// A function of this service (`authorizer:` as a string, `authorizer.name`).
    Function,
    /// An `identitySource` entry.
    IdentitySource,
    Other,
}

/// The role of the value at `path` (the key's path, or a list item's path ending in `Index`).
pub(crate) fn value_role(path: &[PathSegment<'_>]) -> ValueRole {
    let (last, parent) = match path.split_last() {
        Some((last, parent)) => (*last, parent),
        None => return ValueRole::Other,
    };
    if last == PathSegment::Key("websocket") && is_event_item(parent) {
        return ValueRole::Route;
    }
    let key_path = if last == PathSegment::Index {
        parent
    } else {
        path
    };
    match key_at(key_path).map(|(object, spec)| (object, spec.name)) {
        Some((ObjectId::WebsocketEvent, "route")) => ValueRole::Route,
        Some(
            (ObjectId::WebsocketEvent, "authorizer") | (ObjectId::WebsocketAuthorizer, "name"),
        ) => ValueRole::Function,
        Some((ObjectId::WebsocketAuthorizer, "identitySource")) => ValueRole::IdentitySource,
        _ => ValueRole::Other,
    }
}
