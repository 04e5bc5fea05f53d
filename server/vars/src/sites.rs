//! Finds the scalars that may hold variables without walking the whole tree: every `${` in the
//! text is located in the tree by binary search down the nesting, so the cost follows the
//! number of variables, not the size of the file. Mapping keys are never resolved (the
//! framework reads variables in values only).

use sls_syntax::{NodeId, NodeKind, TextRange, Tree};

/// The value scalars whose text holds `${`, in document order, each with its start offset.
#[derive(Debug, Clone, Default)]
pub(crate) struct SiteIndex {
    sites: Vec<(u32, NodeId)>,
}

impl SiteIndex {
    pub fn new(text: &str, tree: &Tree) -> SiteIndex {
        let mut sites: Vec<(u32, NodeId)> = Vec::new();
        let bytes = text.as_bytes();
        let mut from = 0;
        // `find(char)` searches with memchr, far faster than a two-byte pattern.
        while let Some(found) = text.get(from..).and_then(|rest| rest.find('$')) {
            let offset = from + found;
            from = offset + 1;
            if bytes.get(offset + 1) != Some(&b'{') {
                continue;
            }
            let Some(node) = value_scalar_at(tree, offset) else {
                continue;
            };
            if sites.last().is_some_and(|(_, last)| *last == node) {
                continue;
            }
            let start = u32::from(tree.data(node).range.start());
            sites.push((start, node));
        }
        SiteIndex { sites }
    }

    pub fn all(&self) -> impl Iterator<Item = NodeId> + '_ {
        self.sites.iter().map(|(_, node)| *node)
    }

    /// The sites inside `range` (a node's range), in document order.
    pub fn within(&self, range: TextRange) -> impl Iterator<Item = NodeId> + '_ {
        let start = u32::from(range.start());
        let end = u32::from(range.end());
        let first = self.sites.partition_point(|(at, _)| *at < start);
        self.sites[first..]
            .iter()
            .take_while(move |(at, _)| *at < end)
            .map(|(_, node)| *node)
    }
}

/// The dotted path of a node (`custom.table.name`), found by descending to its offset.
pub(crate) fn node_path(tree: &Tree, target: NodeId) -> String {
    let offset = usize::from(tree.data(target).range.start());
    let mut path = Vec::new();
    let mut node = tree.root;
    while let Some(id) = node.filter(|id| *id != target) {
        node = None;
        match &tree.data(id).kind {
            NodeKind::Mapping { entries, .. } => {
                let holds =
                    |id: NodeId| tree.data(id).range.contains_inclusive(offset_size(offset));
                if let Some(entry) = entries.iter().find(|e| holds(e.value)) {
                    path.push(tree.node(entry.key).as_str().unwrap_or("?").to_owned());
                    node = Some(entry.value);
                }
            }
            NodeKind::Sequence { items, .. } => {
                let holds =
                    |id: NodeId| tree.data(id).range.contains_inclusive(offset_size(offset));
                if let Some((index, item)) = items.iter().enumerate().find(|(_, i)| holds(**i)) {
                    path.push(index.to_string());
                    node = Some(*item);
                }
            }
            _ => {}
        }
    }
    path.join(".")
}

fn offset_size(offset: usize) -> sls_syntax::TextSize {
    sls_syntax::TextSize::try_from(offset).unwrap_or_default()
}

/// The scalar in value position whose range holds `offset`, if any.
fn value_scalar_at(tree: &Tree, offset: usize) -> Option<NodeId> {
    let holds = |id: NodeId| {
        let range = tree.data(id).range;
        usize::from(range.start()) <= offset && offset < usize::from(range.end())
    };
    let starts_by = |id: NodeId| usize::from(tree.data(id).range.start()) <= offset;
    let mut node = tree.root?;
    loop {
        if !holds(node) {
            return None;
        }
        node = match &tree.data(node).kind {
            NodeKind::Scalar(_) => return Some(node),
            NodeKind::Alias { .. } => return None,
            NodeKind::Mapping { entries, .. } => {
                let after = entries.partition_point(|entry| starts_by(entry.key));
                let entry = entries.get(after.checked_sub(1)?)?;
                if holds(entry.key) {
                    return None;
                }
                entry.value
            }
            NodeKind::Sequence { items, .. } => {
                let after = items.partition_point(|item| starts_by(*item));
                *items.get(after.checked_sub(1)?)?
            }
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str) -> Vec<String> {
        let tree = sls_syntax::parse(text).tree;
        SiteIndex::new(text, &tree)
            .all()
            .map(|id| tree.node(id).as_str().unwrap_or_default().to_owned())
            .collect()
    }

    #[test]
    fn values_with_dollar_brace_are_found_once_each() {
        let text = "a: ${self:b}\n${key}: x # ${comment}\nc:\n  - x${y}${z}\n  - {d: '${e}'}\nf: |\n  ${g}\n";
        assert_eq!(values(text), ["${self:b}", "x${y}${z}", "${e}", "${g}\n"]);
    }

    #[test]
    fn sites_within_a_node() {
        let text = "a:\n  b: ${x}\n  c: ${y}\nd: ${z}\n";
        let tree = sls_syntax::parse(text).tree;
        let index = SiteIndex::new(text, &tree);
        let a = tree.root().and_then(|r| r.get("a")).expect("a");
        assert_eq!(index.within(a.range()).count(), 2);
        assert_eq!(index.all().count(), 3);
    }
}
