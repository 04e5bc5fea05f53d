//! Building the full tree from segment trees: each segment's one root entry is copied in
//! source order with its ranges moved by the segment's offset and its node ids renumbered, so
//! that the arena comes out exactly as a full parse would have filled it.

use text_size::{TextRange, TextSize};

use crate::tree::{Entry, NodeData, NodeId, NodeKind, Scalar, ScalarStyle, Tree};
use crate::MAX_DEPTH;

/// A segment's own parse made ready to be copied in place, if it can be: a block mapping
/// without properties (node 0) holding one entry whose key starts at `key_start`, followed by
/// the sentinel entry when `sentinel` (a null key and a null value, the last two nodes), which
/// is removed.
pub(super) fn usable(mut tree: Tree, key_start: usize, sentinel: bool) -> Option<Tree> {
    if tree.root != Some(NodeId(0)) || nesting(&tree) + 2 >= MAX_DEPTH {
        return None;
    }
    let n = u32::try_from(tree.nodes.len()).ok()?;
    let root = tree.nodes.first_mut()?;
    let NodeKind::Mapping {
        entries,
        flow: false,
    } = &mut root.kind
    else {
        return None;
    };
    if root.tag.is_some() || root.anchor.is_some() {
        return None;
    }
    if sentinel {
        let last = entries.pop()?;
        if last.key != NodeId(n.checked_sub(2)?) || last.value != NodeId(n - 1) {
            return None;
        }
    }
    let [entry] = entries.as_slice() else {
        return None;
    };
    let entry = *entry;
    if sentinel {
        tree.nodes.truncate(tree.nodes.len() - 2);
    }
    let key = tree.nodes.get(entry.key.0 as usize)?;
    (entry.key == NodeId(1) && u32::from(key.range.start()) as usize == key_start).then_some(tree)
}

/// The deepest nesting of collections (children always follow their parent in the arena).
fn nesting(tree: &Tree) -> usize {
    if tree.nodes.len() < MAX_DEPTH / 2 {
        return 0;
    }
    let mut depth = vec![0usize; tree.nodes.len()];
    let mut deepest = 0;
    for (i, node) in tree.nodes.iter().enumerate() {
        let here = depth.get(i).copied().unwrap_or(0) + 1;
        let children: Vec<NodeId> = match &node.kind {
            NodeKind::Mapping { entries, .. } => {
                entries.iter().flat_map(|e| [e.key, e.value]).collect()
            }
            NodeKind::Sequence { items, .. } => items.clone(),
            _ => continue,
        };
        deepest = deepest.max(here);
        for child in children {
            if let Some(d) = depth.get_mut(child.0 as usize) {
                *d = here;
            }
        }
    }
    deepest
}

/// The arena being filled, with the root mapping's entries.
pub(super) struct Assembly {
    nodes: Vec<NodeData>,
    entries: Vec<Entry>,
}

impl Assembly {
    pub fn new(capacity: usize) -> Assembly {
        let mut nodes = Vec::with_capacity(capacity);
        nodes.push(mapping(Vec::new(), TextRange::default()));
        Assembly {
            nodes,
            entries: Vec::new(),
        }
    }

    /// Copies the entry of a `usable` segment tree whose text starts at `offset`.
    fn copy(&mut self, segment: &Tree, offset: u32) -> Option<Entry> {
        let base = u32::try_from(self.nodes.len()).ok()?;
        let by = TextSize::from(offset);
        let renumber = |id: &mut NodeId| id.0 = id.0.saturating_sub(1).saturating_add(base);
        for data in segment.nodes.get(1..)? {
            let mut data = data.clone();
            data.range += by;
            if let Some(tag) = &mut data.tag {
                tag.range += by;
            }
            match &mut data.kind {
                NodeKind::Mapping { entries, .. } => entries.iter_mut().for_each(|e| {
                    renumber(&mut e.key);
                    renumber(&mut e.value);
                }),
                NodeKind::Sequence { items, .. } => items.iter_mut().for_each(renumber),
                NodeKind::Alias {
                    target: Some(target),
                    ..
                } => renumber(target),
                _ => {}
            }
            self.nodes.push(data);
        }
        let mut entry = *segment.data(NodeId(0)).kind_entries().first()?;
        renumber(&mut entry.key);
        renumber(&mut entry.value);
        Some(entry)
    }

    /// Adds a top-level entry from its segment.
    pub fn entry(&mut self, segment: &Tree, offset: u32) {
        if let Some(entry) = self.copy(segment, offset) {
            self.entries.push(entry);
        }
    }

    /// Starts the `functions` entry whose key is at `key`; returns the value mapping's id.
    pub fn open_functions(&mut self, key: u32, name: &str) -> NodeId {
        let len = u32::try_from(name.len()).unwrap_or(0);
        let key_range = TextRange::at(TextSize::from(key), TextSize::from(len));
        let key = self.push(NodeData {
            range: key_range,
            kind: NodeKind::Scalar(Scalar {
                value: name.to_owned(),
                style: ScalarStyle::Plain,
            }),
            tag: None,
            anchor: None,
        });
        let value = self.push(mapping(Vec::new(), TextRange::empty(key_range.end())));
        self.entries.push(Entry { key, value });
        value
    }

    /// Adds one function from its segment to the mapping `functions`.
    pub fn function(&mut self, functions: NodeId, segment: &Tree, offset: u32) {
        let Some(entry) = self.copy(segment, offset) else {
            return;
        };
        let span = self.span(&[entry]);
        if let Some(node) = self.nodes.get_mut(functions.0 as usize) {
            if let NodeKind::Mapping { entries, .. } = &mut node.kind {
                node.range = if entries.is_empty() {
                    span
                } else {
                    node.range.cover(span)
                };
                entries.push(entry);
            }
        }
    }

    pub fn finish(mut self) -> Tree {
        let span = self.span(&self.entries);
        let entries = std::mem::take(&mut self.entries);
        if let Some(root) = self.nodes.first_mut() {
            *root = mapping(entries, span);
        }
        Tree {
            nodes: self.nodes,
            root: Some(NodeId(0)),
        }
    }

    fn push(&mut self, data: NodeData) -> NodeId {
        let id = NodeId(u32::try_from(self.nodes.len()).unwrap_or(u32::MAX));
        self.nodes.push(data);
        id
    }

    /// The range covering the keys and values of `entries`.
    fn span(&self, entries: &[Entry]) -> TextRange {
        let ranges = entries
            .iter()
            .flat_map(|e| [e.key, e.value])
            .filter_map(|id| self.nodes.get(id.0 as usize).map(|n| n.range));
        ranges.reduce(TextRange::cover).unwrap_or_default()
    }
}

fn mapping(entries: Vec<Entry>, range: TextRange) -> NodeData {
    NodeData {
        range,
        kind: NodeKind::Mapping {
            entries,
            flow: false,
        },
        tag: None,
        anchor: None,
    }
}

trait Entries {
    fn kind_entries(&self) -> &[Entry];
}

impl Entries for NodeData {
    fn kind_entries(&self) -> &[Entry] {
        match &self.kind {
            NodeKind::Mapping { entries, .. } => entries,
            _ => &[],
        }
    }
}
