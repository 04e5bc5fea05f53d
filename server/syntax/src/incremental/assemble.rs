//! Building the full tree from segments: each segment's entry (from the previous parse's tree,
//! or from the segment's own parse) is copied in source order with its ranges moved to the
//! segment's offset and its node ids renumbered, so that the arena comes out exactly as a full
//! parse would have filled it.

use std::ops::Range;

use text_size::{TextRange, TextSize};

use crate::tree::{CompactString, Entry, NodeData, NodeId, NodeKind, Scalar, ScalarStyle, Tree};
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
    if root.props.is_some() {
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
pub(super) fn nesting(tree: &Tree) -> usize {
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

/// Where a segment's entry is copied from.
pub(super) enum Source<'a> {
    /// The segment's own parse, made `usable`.
    Alone(Tree),
    /// The nodes `first..end` of the previous parse's tree (`first` is the key), for the
    /// segment that started at `from` in the previous text.
    Previous {
        tree: &'a Tree,
        first: u32,
        end: u32,
        value: u32,
        from: u32,
    },
}

impl Source<'_> {
    /// The first node of the entry in the previous parse, when copied from there
    /// ([`super::segments::NOT_COPIED`] for a segment parsed alone).
    pub fn previous_first(&self) -> u32 {
        match self {
            Source::Previous { first, .. } => *first,
            Source::Alone(_) => super::segments::NOT_COPIED,
        }
    }
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

    /// Places the nodes of a segment's entry (moved out of the segment's own parse, copied from
    /// the previous tree), with ranges moved from `from` to `to`; returns the entry renumbered
    /// and the new node ids it spans.
    fn copy(&mut self, source: Source<'_>, to: u32) -> Option<(Entry, Range<u32>)> {
        let (first, entry, from) = match &source {
            Source::Alone(tree) => (1, *tree.nodes.first()?.kind_entries().first()?, 0),
            Source::Previous {
                first, value, from, ..
            } => (
                *first,
                Entry {
                    key: NodeId(*first),
                    value: NodeId(*value),
                },
                *from,
            ),
        };
        if entry.key.0 != first {
            return None;
        }
        let base = u32::try_from(self.nodes.len()).ok()?;
        let place = Placing {
            first,
            base,
            from,
            to,
        };
        match source {
            Source::Alone(tree) => {
                self.nodes.reserve(tree.nodes.len().saturating_sub(1));
                for data in tree.nodes.into_iter().skip(1) {
                    self.nodes.push(place.node(data));
                }
            }
            Source::Previous { tree, end, .. } => {
                let nodes = tree.nodes.get(first as usize..end as usize)?;
                self.nodes.reserve(nodes.len());
                for data in nodes {
                    self.nodes.push(place.node(data.clone()));
                }
            }
        }
        let entry = Entry {
            key: place.id(entry.key),
            value: place.id(entry.value),
        };
        let end = u32::try_from(self.nodes.len()).ok()?;
        Some((entry, base..end))
    }

    /// Adds a top-level entry from its segment at `offset`; returns its entry and node ids.
    pub fn entry(&mut self, source: Source<'_>, offset: u32) -> Option<(Entry, Range<u32>)> {
        let (entry, ids) = self.copy(source, offset)?;
        self.entries.push(entry);
        Some((entry, ids))
    }

    /// Starts the `functions` entry whose key is at `key`; returns the value mapping's id.
    pub fn open_functions(&mut self, key: u32, name: &str) -> NodeId {
        let len = u32::try_from(name.len()).unwrap_or(0);
        let key_range = TextRange::at(TextSize::from(key), TextSize::from(len));
        let key = self.push(NodeData::plain(
            key_range,
            NodeKind::Scalar(Scalar {
                value: CompactString::from(name),
                style: ScalarStyle::Plain,
            }),
        ));
        let value = self.push(mapping(Vec::new(), TextRange::empty(key_range.end())));
        self.entries.push(Entry { key, value });
        value
    }

    /// Adds one function from its segment at `offset` to the mapping `functions`; returns its
    /// entry and node ids.
    pub fn function(
        &mut self,
        functions: NodeId,
        source: Source<'_>,
        offset: u32,
    ) -> Option<(Entry, Range<u32>)> {
        let (entry, ids) = self.copy(source, offset)?;
        let span = self.span(&[entry]);
        let node = self.nodes.get_mut(functions.0 as usize)?;
        let NodeKind::Mapping { entries, .. } = &mut node.kind else {
            return None;
        };
        node.range = if entries.is_empty() {
            span
        } else {
            node.range.cover(span)
        };
        entries.push(entry);
        Some((entry, ids))
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

/// Where a segment's nodes go: ids from `first` renumbered from `base`, ranges moved from
/// `from` to `to`.
pub(super) struct Placing {
    pub first: u32,
    pub base: u32,
    pub from: u32,
    pub to: u32,
}

impl Placing {
    pub fn id(&self, id: NodeId) -> NodeId {
        NodeId(id.0.saturating_sub(self.first).saturating_add(self.base))
    }

    fn range(&self, r: TextRange) -> TextRange {
        if self.to >= self.from {
            r.checked_add(TextSize::from(self.to - self.from))
        } else {
            r.checked_sub(TextSize::from(self.from - self.to))
        }
        .unwrap_or(r)
    }

    pub fn node(&self, mut data: NodeData) -> NodeData {
        data.range = self.range(data.range);
        if let Some(tag) = data.tag_mut() {
            tag.range = self.range(tag.range);
        }
        match &mut data.kind {
            NodeKind::Mapping { entries, .. } => entries.iter_mut().for_each(|e| {
                e.key = self.id(e.key);
                e.value = self.id(e.value);
            }),
            NodeKind::Sequence { items, .. } => items.iter_mut().for_each(|i| *i = self.id(*i)),
            NodeKind::Alias {
                target: Some(target),
                ..
            } => *target = self.id(*target),
            _ => {}
        }
        data
    }
}

fn mapping(entries: Vec<Entry>, range: TextRange) -> NodeData {
    NodeData::plain(
        range,
        NodeKind::Mapping {
            entries,
            flow: false,
        },
    )
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
