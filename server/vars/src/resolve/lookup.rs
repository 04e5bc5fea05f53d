//! Walking a dotted path (`custom.table.name`) through a file's tree the way the framework
//! indexes its loaded config: through variables (resolving each one met), aliases and `<<`
//! merge keys, list items by index; a mapping or list at the end is settled first.

use std::collections::HashMap;

use sls_syntax::{Node, NodeId, NodeKind, ScalarStyle, Tree};

use super::{Engine, Got};
use crate::parse::Literal;
use crate::value::{NodeRef, Value};

/// How many `<<` merges deep a key is searched.
const MERGE_DEPTH: usize = 16;
/// Mappings with at least this many entries are looked up through an index.
const INDEXED_MAPPING: usize = 32;

impl Engine<'_> {
    /// The value at `keys` under `start`; `Got::Missing` is left for the caller to explain.
    pub(super) fn lookup(&mut self, start: NodeRef, keys: &[&str]) -> Got {
        let mut current = match self.value_of(start) {
            Got::Value(value) => value,
            other => return other,
        };
        for key in keys {
            let Value::Node(at) = current else {
                return Got::Missing(super::messages::Missing::Null(String::new()));
            };
            let Some(child) = self.child(at, key) else {
                return Got::Missing(super::messages::Missing::Null(String::new()));
            };
            current = match self.value_of(NodeRef {
                file: at.file,
                node: child,
            }) {
                Got::Value(value) => value,
                other => return other,
            };
        }
        if let Value::Node(at) = current {
            if self.is_collection(at) {
                if let Err(got) = self.settle(self.resolved_alias(at)) {
                    return got;
                }
            }
        }
        Got::Value(current)
    }

    /// A node's value: the node itself, or what its variables resolve to.
    pub(super) fn value_of(&mut self, at: NodeRef) -> Got {
        let at = self.resolved_alias(at);
        if self.site_set.contains(&at) {
            return self.site(at);
        }
        Got::Value(Value::Node(at))
    }

    /// The child of a node by key, through an index for large mappings (built on first use),
    /// so resolving many references into one big mapping stays linear.
    fn child(&mut self, at: NodeRef, key: &str) -> Option<NodeId> {
        let node = self.tree(at.file).node(at.node).resolve();
        let large = match node.kind() {
            NodeKind::Mapping { entries, .. } => entries.len() >= INDEXED_MAPPING,
            _ => false,
        };
        if !large || node.tag().is_some() {
            return child(self.tree(at.file), at.node, key);
        }
        let mapping = NodeRef {
            file: at.file,
            node: node.id,
        };
        let built = (!self.key_indexes.contains_key(&mapping)).then(|| key_index(node));
        let index = self
            .key_indexes
            .entry(mapping)
            .or_insert_with(|| built.flatten());
        match index {
            Some(index) => index.get(key).copied(),
            // A mapping with `<<` merges is searched as written.
            None => child(self.tree(at.file), at.node, key),
        }
    }

    pub(super) fn resolved_alias(&self, at: NodeRef) -> NodeRef {
        NodeRef {
            file: at.file,
            node: self.tree(at.file).node(at.node).resolve().id,
        }
    }

    /// A primitive for a node value (js-yaml's reading of a scalar), if it is one.
    pub(super) fn primitive_of(&self, value: &Value) -> Option<Literal> {
        match value {
            Value::Primitive(literal) => Some(literal.clone()),
            Value::Node(at) => crate::value::node_primitive(self.tree(at.file).node(at.node)),
        }
    }
}

/// The child of a mapping (by key, `<<` merges included, the last of repeated keys) or of a
/// list (by canonical index).
fn child(tree: &Tree, id: NodeId, key: &str) -> Option<NodeId> {
    let node = tree.node(id).resolve();
    match node.kind() {
        NodeKind::Mapping { .. } if node.tag().is_none() => entry(node, key, MERGE_DEPTH),
        NodeKind::Sequence { .. } if node.tag().is_none() => {
            let index: usize = key.parse().ok()?;
            if index.to_string() != key {
                return None;
            }
            node.items().nth(index).map(|item| item.id)
        }
        _ => None,
    }
}

/// Key → value of a mapping (the last of a repeated key); `None` when it has `<<` merges.
fn key_index(node: Node<'_>) -> Option<HashMap<String, NodeId>> {
    let mut index = HashMap::new();
    for (key, value) in node.entries() {
        if is_merge_key(key) {
            return None;
        }
        if let Some(text) = key.resolve().as_str() {
            index.insert(text.to_owned(), value.id);
        }
    }
    Some(index)
}

/// A mapping's value for `key`: its own entries first (the last one of a repeated key), then
/// the sources of its `<<` merges in order.
fn entry(node: Node<'_>, key: &str, depth: usize) -> Option<NodeId> {
    let own = node
        .entries()
        .filter(|(entry_key, _)| {
            entry_key.resolve().as_str() == Some(key) && !is_merge_key(*entry_key)
        })
        .last()
        .map(|(_, value)| value.id);
    if own.is_some() || depth == 0 {
        return own;
    }
    for (merge_key, merge) in node.entries() {
        if !is_merge_key(merge_key) {
            continue;
        }
        let merge = merge.resolve();
        let found = if merge.is_sequence() {
            merge
                .items()
                .map(Node::resolve)
                .filter(|source| source.is_mapping())
                .find_map(|source| entry(source, key, depth - 1))
        } else if merge.is_mapping() {
            entry(merge, key, depth - 1)
        } else {
            None
        };
        if found.is_some() {
            return found;
        }
    }
    None
}

fn is_merge_key(key: Node<'_>) -> bool {
    key.tag().is_none()
        && key
            .as_scalar()
            .is_some_and(|s| s.style == ScalarStyle::Plain && s.value == "<<")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(yaml: &str, path: &[&str]) -> Option<String> {
        let tree = sls_syntax::parse(yaml).tree;
        let mut id = tree.root?;
        for key in path {
            id = child(&tree, id, key)?;
        }
        tree.node(id).resolve().as_str().map(str::to_owned)
    }

    #[test]
    fn paths_follow_merges_aliases_and_indexes() {
        let yaml = "base: &b {x: 1, y: 2}\nm:\n  <<: *b\n  y: 3\nl: [a, *b]\nd: {k: 1, k: 2}\n";
        assert_eq!(at(yaml, &["m", "x"]).as_deref(), Some("1"));
        assert_eq!(at(yaml, &["m", "y"]).as_deref(), Some("3"));
        assert_eq!(at(yaml, &["l", "1", "y"]).as_deref(), Some("2"));
        assert_eq!(at(yaml, &["l", "01"]), None);
        assert_eq!(at(yaml, &["d", "k"]).as_deref(), Some("2"));
        assert_eq!(at(yaml, &["nope"]), None);
    }
}
