//! The path resolver: what the schema says at a config path, for completion and hover.
//!
//! A path (`functions`, `hello`, `events`, item, `http`) is followed through the graph from the
//! root: properties, pattern properties, additional properties and items, with every
//! `anyOf`/`oneOf`/`allOf` expanded into its branches. Where the document has a node along the
//! path, only the branches it can match are kept (its type, and the keys it already has), so
//! an `http` event written as a mapping resolves to the object form, and the keys of all
//! plausible branches are offered while one is being typed.

use sls_syntax::{Node, NodeKind};

use super::graph::{Additional, Items, JsonType, Schema, SchemaId};

/// A step of a config path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step<'a> {
    Key(&'a str),
    Index,
}

/// One key the schema allows in a mapping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyInfo {
    pub name: String,
    /// The schema object declaring it (for its docs path).
    pub owner: SchemaId,
    /// The key's value schema.
    pub schema: SchemaId,
    /// Required by the declaring object.
    pub required: bool,
}

/// The concrete schemas (composites expanded) a schema stands for.
pub fn expand(schema: &Schema, id: SchemaId) -> Vec<SchemaId> {
    let mut out = Vec::new();
    expand_into(schema, id, &mut out, 0);
    out
}

fn expand_into(schema: &Schema, id: SchemaId, out: &mut Vec<SchemaId>, depth: usize) {
    if out.contains(&id) || depth > 16 {
        return;
    }
    let node = schema.node(id);
    let branches: Vec<SchemaId> = node
        .any_of
        .iter()
        .chain(node.one_of)
        .chain(node.all_of)
        .copied()
        .collect();
    let own = !node.types.is_empty()
        || !node.properties.is_empty()
        || !node.pattern_properties.is_empty()
        || node.enum_literal.is_some()
        || node.const_literal.is_some()
        || node.items != Items::None
        || branches.is_empty();
    if own {
        out.push(id);
    }
    for branch in branches {
        expand_into(schema, branch, out, depth + 1);
    }
}

/// The schemas that apply at `path`, given the document's node at each step when there is one
/// (`nodes[i]` is the node reached after `path[..i]`; missing entries mean "not written yet").
pub fn resolve(schema: &Schema, path: &[Step<'_>], nodes: &[Option<Node<'_>>]) -> Vec<SchemaId> {
    let mut current = expand(schema, schema.root());
    for (i, step) in path.iter().enumerate() {
        if let Some(Some(node)) = nodes.get(i) {
            current = plausible(schema, &current, *node);
        }
        let mut next = Vec::new();
        for id in &current {
            for child in child_schemas(schema, *id, *step) {
                for concrete in expand(schema, child) {
                    if !next.contains(&concrete) {
                        next.push(concrete);
                    }
                }
            }
        }
        current = next;
    }
    if let Some(Some(node)) = nodes.get(path.len()) {
        current = plausible(schema, &current, *node);
    }
    current
}

/// The schemas of the value one step below a concrete schema.
fn child_schemas(schema: &Schema, id: SchemaId, step: Step<'_>) -> Vec<SchemaId> {
    let node = schema.node(id);
    match step {
        Step::Key(key) => {
            if let Some(child) = node.property(key) {
                return vec![child];
            }
            let patterned: Vec<SchemaId> = node
                .pattern_properties
                .iter()
                .filter(|(pattern, _)| pattern.is_match(key))
                .map(|(_, child)| *child)
                .collect();
            if !patterned.is_empty() {
                return patterned;
            }
            match node.additional {
                Additional::Schema(child) => vec![child],
                _ => Vec::new(),
            }
        }
        Step::Index => match &node.items {
            Items::All(item) => vec![*item],
            Items::Tuple(items) => items.to_vec(),
            Items::None => Vec::new(),
        },
    }
}

/// The candidates a written node can match: by its kind, then by the keys it has.
pub fn plausible(schema: &Schema, candidates: &[SchemaId], node: Node<'_>) -> Vec<SchemaId> {
    let node = node.resolve();
    let kind = match node.kind() {
        NodeKind::Mapping { .. } => Some(JsonType::Object),
        NodeKind::Sequence { .. } => Some(JsonType::Array),
        _ if node.tag().is_some() => Some(JsonType::Object),
        NodeKind::Scalar(_) if node.is_null() => None,
        _ => Some(JsonType::String),
    };
    let Some(kind) = kind else {
        return candidates.to_vec();
    };
    let by_kind: Vec<SchemaId> = candidates
        .iter()
        .copied()
        .filter(|id| accepts(schema, *id, kind))
        .collect();
    if kind != JsonType::Object || by_kind.len() < 2 {
        return if by_kind.is_empty() {
            candidates.to_vec()
        } else {
            by_kind
        };
    }
    let keys: Vec<&str> = node.entries().filter_map(|(k, _)| k.as_str()).collect();
    let scored: Vec<(i64, SchemaId)> = by_kind
        .iter()
        .map(|id| (key_score(schema, *id, &keys), *id))
        .collect();
    let best = scored.iter().map(|(s, _)| *s).max().unwrap_or(0);
    scored
        .into_iter()
        .filter(|(score, _)| *score == best)
        .map(|(_, id)| id)
        .collect()
}

/// Whether a concrete schema accepts a kind of value (scalars coerce to one another).
fn accepts(schema: &Schema, id: SchemaId, kind: JsonType) -> bool {
    let node = schema.node(id);
    let mut types = node.types.to_vec();
    if types.is_empty() {
        if let Some(ty) = node.const_type() {
            types.push(ty);
        } else if !node.properties.is_empty() || !node.pattern_properties.is_empty() {
            types.push(JsonType::Object);
        } else {
            return true;
        }
    }
    types.iter().any(|ty| match (ty, kind) {
        (JsonType::Object, JsonType::Object) | (JsonType::Array, JsonType::Array) => true,
        (JsonType::Array, JsonType::String) => true,
        (JsonType::Object | JsonType::Array, _) | (_, JsonType::Object) => false,
        (_, JsonType::Array) => false,
        _ => true,
    })
}

/// How well a mapping's keys fit an object schema: declared keys count for it, keys the
/// schema forbids count against it.
fn key_score(schema: &Schema, id: SchemaId, keys: &[&str]) -> i64 {
    let node = schema.node(id);
    keys.iter()
        .map(|key| {
            let declared = node.property(key).is_some()
                || node.pattern_properties.iter().any(|(p, _)| p.is_match(key));
            match (declared, node.additional) {
                (true, _) => 2,
                (false, Additional::Forbidden) => -1,
                _ => 0,
            }
        })
        .sum()
}

/// The keys the schemas allow, first declaration wins, in the schema's order.
pub fn keys(schema: &Schema, candidates: &[SchemaId]) -> Vec<KeyInfo> {
    let mut out: Vec<KeyInfo> = Vec::new();
    for id in candidates {
        let node = schema.node(*id);
        for &(name, child) in node.properties {
            if out.iter().any(|k| k.name == name) {
                continue;
            }
            out.push(KeyInfo {
                name: name.to_owned(),
                owner: *id,
                schema: child,
                required: node.required.contains(&name),
            });
        }
    }
    out
}

/// The declaration of `key` among the candidates (its owner and value schema).
pub fn key(schema: &Schema, candidates: &[SchemaId], key: &str) -> Option<KeyInfo> {
    keys(schema, candidates).into_iter().find(|k| k.name == key)
}

/// The string values the schemas list (`enum`, `const`), in order, without repeats.
pub fn values(schema: &Schema, candidates: &[SchemaId]) -> Vec<(String, SchemaId)> {
    let mut out: Vec<(String, SchemaId)> = Vec::new();
    for id in candidates {
        let node = schema.node(*id);
        let listed = node
            .enum_values()
            .into_iter()
            .flatten()
            .chain(node.const_value());
        for value in listed {
            let text = match value {
                serde_json::Value::String(s) => s.clone(),
                serde_json::Value::Number(n) => n.to_string(),
                serde_json::Value::Bool(b) => b.to_string(),
                _ => continue,
            };
            if !out.iter().any(|(v, _)| *v == text) {
                out.push((text, *id));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::graph::schema;

    fn keys_at(text: &str, path: &[Step<'_>]) -> Vec<String> {
        let parse = sls_syntax::parse(text);
        let mut nodes = vec![parse.tree.root()];
        for step in path {
            let next = nodes.last().copied().flatten().and_then(|n| {
                let n = n.resolve();
                match step {
                    Step::Key(k) => n.get(k),
                    Step::Index => n.items().next(),
                }
            });
            nodes.push(next);
        }
        let graph = schema();
        let found = resolve(graph, path, &nodes);
        keys(graph, &found).into_iter().map(|k| k.name).collect()
    }

    #[test]
    fn an_event_written_as_a_mapping_resolves_to_its_object_form() {
        let text = "functions:\n  f:\n    events:\n      - http:\n          path: x\n";
        let path = [
            Step::Key("functions"),
            Step::Key("f"),
            Step::Key("events"),
            Step::Index,
            Step::Key("http"),
        ];
        let found = keys_at(text, &path);
        for key in ["path", "method", "cors", "authorizer", "request"] {
            assert!(
                found.contains(&key.to_owned()),
                "{key} missing from {found:?}"
            );
        }
    }

    #[test]
    fn an_event_item_offers_every_event_type_while_empty() {
        let text = "functions:\n  f:\n    events:\n      - \n";
        let path = [
            Step::Key("functions"),
            Step::Key("f"),
            Step::Key("events"),
            Step::Index,
        ];
        let found = keys_at(text, &path);
        for kind in ["http", "httpApi", "sqs", "websocket", "schedule", "kafka"] {
            assert!(found.contains(&kind.to_owned()), "{kind} missing");
        }
    }

    #[test]
    fn provider_keys_come_from_the_aws_provider() {
        let found = keys_at("provider:\n  name: aws\n", &[Step::Key("provider")]);
        for key in [
            "runtime",
            "iam",
            "vpc",
            "apiGateway",
            "httpApi",
            "logs",
            "tracing",
            "ecr",
        ] {
            assert!(found.contains(&key.to_owned()), "{key} missing");
        }
    }
}
