//! The tree path to an offset: one link per mapping entry or sequence item entered.

use sls_model::schema::PathSegment;
use sls_syntax::{NodeId, NodeKind, TextSize, Tree};

/// One step from a collection into an entry's value or an item.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Link<'t> {
    pub seg: PathSegment<'t>,
    /// Column of the key, or of the item's dash (the item's own column in flow sequences).
    pub col: usize,
    /// The mapping or sequence this link steps out of.
    pub parent: NodeId,
    /// The entry's key node (for `Key` links).
    pub key: Option<NodeId>,
    /// The entry's value node, or the item.
    pub node: NodeId,
}

/// What the offset touches at the end of the chain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Hit {
    /// The key of the last link.
    Key,
    /// The last link's value (or the root itself when the chain is empty).
    Value,
}

/// Descends from the root to the innermost key or value containing `offset` (bounds included).
pub(crate) fn chain<'t>(tree: &'t Tree, text: &str, offset: TextSize) -> (Vec<Link<'t>>, Hit) {
    let mut links = Vec::new();
    let Some(mut node) = tree.root else {
        return (links, Hit::Value);
    };
    let contains = |id: NodeId| {
        let r = tree.data(id).range;
        r.start() <= offset && offset <= r.end()
    };
    loop {
        let node_data = tree.data(node);
        match &node_data.kind {
            NodeKind::Mapping { entries, .. } => {
                let at = entries.partition_point(|e| tree.data(e.key).range.start() <= offset);
                let Some(entry) = at.checked_sub(1).and_then(|i| entries.get(i)) else {
                    return (links, Hit::Value);
                };
                let Some(key_text) = tree.node(entry.key).as_str() else {
                    return (links, Hit::Value);
                };
                let in_key = contains(entry.key);
                if !in_key && !contains(entry.value) {
                    return (links, Hit::Value);
                }
                links.push(Link {
                    seg: PathSegment::Key(key_text),
                    col: column(text, tree.data(entry.key).range.start()),
                    parent: node,
                    key: Some(entry.key),
                    node: entry.value,
                });
                if in_key {
                    return (links, Hit::Key);
                }
                node = entry.value;
            }
            NodeKind::Sequence { items, .. } => {
                let at = items.partition_point(|i| tree.data(*i).range.start() <= offset);
                let Some(item) = at.checked_sub(1).and_then(|i| items.get(i).copied()) else {
                    return (links, Hit::Value);
                };
                if !contains(item) {
                    return (links, Hit::Value);
                }
                links.push(Link {
                    seg: PathSegment::Index,
                    col: dash_column(text, tree.data(item).range.start()),
                    parent: node,
                    key: None,
                    node: item,
                });
                node = item;
            }
            NodeKind::Scalar(_) | NodeKind::Alias { .. } => return (links, Hit::Value),
        }
    }
}

/// The links to the key starting exactly at `offset`, if the tree has one there.
pub(crate) fn chain_to_key<'t>(tree: &'t Tree, text: &str, offset: usize) -> Option<Vec<Link<'t>>> {
    let at = TextSize::try_from(offset).ok()?;
    let (links, hit) = chain(tree, text, at);
    let last = links.last()?;
    let key = last.key?;
    (hit == Hit::Key && tree.data(key).range.start() == at).then_some(links)
}

pub(crate) fn line_start(text: &str, offset: usize) -> usize {
    text.get(..offset)
        .and_then(|before| before.rfind('\n'))
        .map_or(0, |i| i + 1)
}

/// Byte column of `offset` on its line.
pub(crate) fn column(text: &str, offset: TextSize) -> usize {
    let offset = usize::from(offset).min(text.len());
    offset - line_start(text, offset)
}

/// The column of the `-` before a block sequence item starting at `start`, else its own column.
fn dash_column(text: &str, start: TextSize) -> usize {
    let start = usize::from(start).min(text.len());
    let before = text.as_bytes().get(..start).unwrap_or_default();
    let spaces = before.iter().rev().take_while(|b| **b == b' ').count();
    match start.checked_sub(spaces + 1) {
        Some(dash) if before.get(dash) == Some(&b'-') => dash - line_start(text, dash),
        _ => start - line_start(text, start),
    }
}
