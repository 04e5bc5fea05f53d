//! What the framework's schema and our docs say at a config path: the questions completion and
//! hover ask, answered by the model's path resolver (no path patterns here).
//!
//! The document's own nodes along the path (as far as the tree has them) choose among `anyOf`
//! branches, so an `http` event written as a mapping gets the object form's keys, and every
//! plausible branch's keys while it is still empty.

use sls_model::schema::docs_overlay::{self, DocEntry, Role};
use sls_model::schema::graph::{key_doc_path, schema, Items, JsonType, SchemaId};
use sls_model::schema::resolve::{self, KeyInfo, Step};
use sls_model::schema::PathSegment;
use sls_syntax::{Node, Tree};

/// The document's node after each prefix of `path` (`None` where it is not written yet).
fn nodes_along<'t>(tree: &'t Tree, path: &[PathSegment<'_>]) -> Vec<Option<Node<'t>>> {
    let mut nodes = Vec::with_capacity(path.len() + 1);
    let mut current = tree.root();
    nodes.push(current);
    for seg in path {
        current = current.map(Node::resolve).and_then(|node| match seg {
            PathSegment::Key(key) => node.get(key),
            PathSegment::Index => None,
        });
        nodes.push(current);
    }
    nodes
}

fn steps<'a>(path: &[PathSegment<'a>]) -> Vec<Step<'a>> {
    path.iter()
        .map(|seg| match seg {
            PathSegment::Key(key) => Step::Key(key),
            PathSegment::Index => Step::Index,
        })
        .collect()
}

/// The concrete schemas of the value at `path`.
pub(crate) fn schemas_at(tree: &Tree, path: &[PathSegment<'_>]) -> Vec<SchemaId> {
    resolve::resolve(schema(), &steps(path), &nodes_along(tree, path))
}

/// A key of the schema with its docs.
pub(crate) struct KeyAt {
    pub info: KeyInfo,
    pub doc: Option<&'static DocEntry>,
}

impl KeyAt {
    fn new(info: KeyInfo) -> KeyAt {
        let owner = schema().node(info.owner).doc_path();
        let doc = docs_overlay::doc(&key_doc_path(&owner, &info.name));
        KeyAt { info, doc }
    }

    /// The concrete schemas of the key's value.
    pub fn value_schemas(&self) -> Vec<SchemaId> {
        resolve::expand(schema(), self.info.schema)
    }

    pub fn role(&self) -> Option<Role> {
        self.doc.and_then(DocEntry::role)
    }

    /// Hover and completion text: name, type, docs, listed values, required.
    pub fn markdown(&self) -> String {
        let schemas = self.value_schemas();
        let mut out = format!("**{}** — {}", self.info.name, describe_type(&schemas));
        if let Some(doc) = self.doc.filter(|d| !d.doc.is_empty()) {
            out.push_str("\n\n");
            out.push_str(doc.doc);
        }
        let values = listed_values(&schemas);
        if !values.is_empty() && values.len() <= 40 {
            let shown: Vec<String> = values.iter().map(|(v, _)| format!("`{v}`")).collect();
            out.push_str(&format!("\n\nAllowed values: {}.", shown.join(", ")));
        }
        let limits = limits(&schemas);
        if !limits.is_empty() {
            out.push_str(&format!("\n\nLimits: {}.", limits.join(", ")));
        }
        if self.info.required {
            out.push_str("\n\nRequired.");
        }
        out
    }
}

/// The keys the schema allows in the mapping at `path`, with their docs.
pub(crate) fn keys_at(tree: &Tree, path: &[PathSegment<'_>]) -> Vec<KeyAt> {
    let candidates = schemas_at(tree, path);
    resolve::keys(schema(), &candidates)
        .into_iter()
        .filter(|k| k.name != "__schemaWorkaround__")
        .map(KeyAt::new)
        .collect()
}

/// The declaration of the key at the end of `path` (the path of a key, not of a list item).
pub(crate) fn key_at(tree: &Tree, path: &[PathSegment<'_>]) -> Option<KeyAt> {
    let (PathSegment::Key(name), parent) = path.split_last()? else {
        return None;
    };
    let candidates = schemas_at(tree, parent);
    resolve::key(schema(), &candidates, name).map(KeyAt::new)
}

/// The key whose value (or list item) is at `path`.
pub(crate) fn owning_key(tree: &Tree, path: &[PathSegment<'_>]) -> Option<KeyAt> {
    match path.split_last() {
        Some((PathSegment::Index, parent)) => key_at(tree, parent),
        _ => key_at(tree, path),
    }
}

/// Whether `path` is an item of a function's `events` (its keys are event types).
pub(crate) fn is_event_item(tree: &Tree, path: &[PathSegment<'_>]) -> bool {
    matches!(path.last(), Some(PathSegment::Index)) && {
        let keys = keys_at(tree, path);
        let types = schema().event_types();
        !keys.is_empty()
            && keys
                .iter()
                .all(|k| types.iter().any(|(t, _)| *t == k.info.name))
    }
}

/// Whether `path` is a function's `events` list.
pub(crate) fn is_events_list(tree: &Tree, path: &[PathSegment<'_>]) -> bool {
    let mut item = path.to_vec();
    item.push(PathSegment::Index);
    is_event_item(tree, &item)
}

/// Whether `path` is a function (`functions.<name>`).
pub(crate) fn is_function(tree: &Tree, path: &[PathSegment<'_>]) -> bool {
    let Some(function) = schema().function() else {
        return false;
    };
    matches!(path.last(), Some(PathSegment::Key(_))) && schemas_at(tree, path).contains(&function)
}

/// The docs of an event type's key (`functions.*.events[].<type>`).
pub(crate) fn event_doc(name: &str) -> Option<&'static DocEntry> {
    docs_overlay::doc(&format!("functions.*.events[].{name}"))
}

/// The string values the schemas list, with their docs when we have them.
pub(crate) fn listed_values(schemas: &[SchemaId]) -> Vec<(String, Option<&'static str>)> {
    let graph = schema();
    resolve::values(graph, schemas)
        .into_iter()
        .map(|(value, owner)| {
            let doc =
                docs_overlay::doc(&graph.node(owner).doc_path()).and_then(|d| d.value(&value));
            (value, doc)
        })
        .collect()
}

/// Whether one of the schemas accepts booleans.
pub(crate) fn accepts_boolean(schemas: &[SchemaId]) -> bool {
    schemas
        .iter()
        .any(|id| schema().node(*id).types.contains(&JsonType::Boolean))
}

/// Whether the value is a list whose items are strings.
pub(crate) fn is_string_list(schemas: &[SchemaId]) -> bool {
    let graph = schema();
    schemas.iter().any(|id| match &graph.node(*id).items {
        Items::All(item) => resolve::expand(graph, *item).iter().any(|i| {
            let node = graph.node(*i);
            node.types.contains(&JsonType::String)
                || node.const_type() == Some(JsonType::String)
                || node
                    .enum_values()
                    .is_some_and(|values| values.iter().all(serde_json::Value::is_string))
        }),
        _ => false,
    })
}

/// Whether the value is an object (a mapping goes under the key).
pub(crate) fn is_object(schemas: &[SchemaId]) -> bool {
    let graph = schema();
    !schemas.is_empty()
        && schemas.iter().all(|id| {
            let node = graph.node(*id);
            node.types == [JsonType::Object]
                || (node.types.is_empty() && !node.properties.is_empty())
        })
}

/// `string`, `boolean or object`, `list of strings`, ...
pub(crate) fn describe_type(schemas: &[SchemaId]) -> String {
    let graph = schema();
    let mut words: Vec<&str> = Vec::new();
    for id in schemas {
        let node = graph.node(*id);
        let mut types = node.types.to_vec();
        if types.is_empty() {
            if let Some(ty) = node.const_type() {
                types.push(ty);
            } else if let Some(values) = node.enum_values() {
                let strings = values.iter().all(serde_json::Value::is_string);
                types.push(if strings {
                    JsonType::String
                } else {
                    JsonType::Number
                });
            } else if !node.properties.is_empty() {
                types.push(JsonType::Object);
            }
        }
        for ty in types {
            let word = match ty {
                JsonType::Array if is_string_list(&[*id]) => "list of strings",
                JsonType::Array => "list",
                other => other.name(),
            };
            if !words.contains(&word) {
                words.push(word);
            }
        }
    }
    if words.is_empty() {
        return "any".to_owned();
    }
    words.join(" or ")
}

/// Numeric and length limits, written out (`128 to 10240`).
fn limits(schemas: &[SchemaId]) -> Vec<String> {
    let graph = schema();
    let mut out = Vec::new();
    for id in schemas {
        let node = graph.node(*id);
        let range = |min: Option<f64>, max: Option<f64>, unit: &str| match (min, max) {
            (Some(a), Some(b)) => Some(format!("{a} to {b}{unit}")),
            (Some(a), None) => Some(format!("at least {a}{unit}")),
            (None, Some(b)) => Some(format!("at most {b}{unit}")),
            (None, None) => None,
        };
        let as_f64 = |v: Option<u64>| v.map(|v| v as f64);
        let found = [
            range(node.minimum, node.maximum, ""),
            range(
                as_f64(node.min_length),
                as_f64(node.max_length),
                " characters",
            ),
            range(as_f64(node.min_items), as_f64(node.max_items), " items"),
        ];
        for limit in found.into_iter().flatten() {
            if !out.contains(&limit) {
                out.push(limit);
            }
        }
    }
    out
}
