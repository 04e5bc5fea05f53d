//! Config values as data after the validator's coercions, for the places the framework copies
//! them into the template: where its schema wants a number, a string, a list of strings, or an
//! object of strings. The coercion rules themselves are `sls_model::value`'s; a value that does
//! not coerce is copied as written.

use serde_json::{Map, Value};
use sls_model::value::{self, Loaded};
use sls_syntax::Node;

use crate::config_value::number_value;
use crate::render::Render;

/// Where the schema wants a number.
pub(crate) fn number(rx: &mut Render<'_, '_>, node: Node<'_>) -> Value {
    match value::number(node) {
        Some(n) => number_value(n),
        None => rx.json(node),
    }
}

/// Where the schema wants a string.
pub(crate) fn string(rx: &mut Render<'_, '_>, node: Node<'_>) -> Value {
    match value::string(node) {
        Some(s) => Value::String(s.into_owned()),
        None => rx.json(node),
    }
}

/// Where the schema wants a list of strings: a scalar is wrapped in a list, items are coerced.
pub(crate) fn string_list(rx: &mut Render<'_, '_>, node: Node<'_>) -> Value {
    match value::loaded(node) {
        Loaded::Array => Value::Array(
            value::items(node)
                .map(|item| scalar_string(rx, item))
                .collect(),
        ),
        Loaded::Object => rx.json(node),
        _ => Value::Array(vec![scalar_string(rx, node)]),
    }
}

/// A scalar as its string (collections as written).
pub(crate) fn scalar_string(rx: &mut Render<'_, '_>, node: Node<'_>) -> Value {
    match value::loaded(node) {
        Loaded::Array | Loaded::Object => rx.json(node),
        _ => string(rx, node),
    }
}

/// An object whose values the schema wants as strings (tags, environment variables): scalar
/// values become their text, other values are copied.
pub(crate) fn string_values(rx: &mut Render<'_, '_>, node: Node<'_>) -> Value {
    if value::loaded(node) != Loaded::Object || node.resolve().tag().is_some() {
        return rx.json(node);
    }
    let mut map = Map::new();
    for property in value::properties(node) {
        let item = scalar_string(rx, property.value);
        map.insert(property.name().into_owned(), item);
    }
    Value::Object(map)
}
