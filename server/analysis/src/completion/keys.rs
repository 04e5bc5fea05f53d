//! Key items: the described keys of the mapping at the cursor, and event types.

use sls_model::schema::{self, KeySpec, ValueType, EVENT_TYPES, ROUTE_KEYS};

use super::items::{choice, Insert, Items};
use crate::describe;
use crate::ide::CompletionKind;

/// The keys of the described mapping at the cursor, minus those already present.
pub(crate) fn object_keys(items: &mut Items<'_, '_>) {
    let Some(object) = schema::object_at(&items.cursor.path) else {
        return;
    };
    for spec in schema::object(object).keys {
        if items.cursor.siblings.contains(&spec.name) {
            continue;
        }
        let insert = key_insert(spec, items);
        items.push(
            spec.name,
            CompletionKind::Key,
            Some(spec.ty.describe().to_owned()),
            Some(schema::key_markdown(spec)),
            insert,
        );
    }
}

/// `name: ` with a value placeholder where the value is known, `name:` and a new line for
/// objects; the bare name when the line already has its `:`.
fn key_insert(spec: &KeySpec, items: &Items<'_, '_>) -> Insert {
    let name = spec.name;
    let cursor = items.cursor;
    if cursor.bare {
        return Insert::Plain(name.to_owned());
    }
    let multi_line = !cursor.in_flow;
    if let [only] = spec.allowed {
        return Insert::Plain(format!("{name}: {only}"));
    }
    if !spec.allowed.is_empty() {
        return Insert::Snippet(format!("{name}: {}", choice(spec.allowed)));
    }
    if let Some(snippet) = spec.value_snippet {
        return Insert::Snippet(format!("{name}: {snippet}"));
    }
    match spec.ty {
        ValueType::Boolean => Insert::Snippet(format!("{name}: {}", choice(&["true", "false"]))),
        ValueType::Object if multi_line => {
            Insert::Snippet(format!("{name}:\n{}$0", items.child_indent()))
        }
        ValueType::StringList if multi_line => {
            let first = spec.default.map_or(String::new(), super::items::escape);
            Insert::Snippet(format!("{name}:\n{}- ${{1:{first}}}", items.child_indent()))
        }
        _ => Insert::Plain(format!("{name}: ")),
    }
}

/// The event types, with a snippet for a whole websocket event first.
pub(crate) fn event_types(items: &mut Items<'_, '_>) {
    let bare = items.cursor.bare;
    for (index, (name, _)) in EVENT_TYPES.iter().enumerate() {
        let docs = describe::event_type(name);
        let insert = if bare {
            name.to_string()
        } else {
            format!("{name}: ")
        };
        items.push(
            name,
            CompletionKind::Event,
            Some("event".to_owned()),
            docs,
            Insert::Plain(insert),
        );
        if index == 0 && !bare && !items.cursor.in_flow {
            websocket_snippet(items);
        }
    }
}

fn websocket_snippet(items: &mut Items<'_, '_>) {
    let routes: Vec<&str> = ROUTE_KEYS.iter().map(|(route, _)| *route).collect();
    let text = format!(
        "websocket:\n{}route: {}",
        items.child_indent(),
        choice(&routes)
    );
    items.push(
        "websocket (route)",
        CompletionKind::Snippet,
        Some("websocket event with a route".to_owned()),
        describe::event_type("websocket"),
        Insert::Snippet(text),
    );
}
