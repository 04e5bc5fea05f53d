//! The segment index of a parse: where each segment's entry lies in that parse's own tree, so
//! that the next parse copies it from there (no second copy of the tree is kept), and the
//! parse of a segment alone when it is not found.

use std::ops::Range;
use std::sync::Arc;

use super::assemble::usable;
use super::hash;
use super::split::{Piece, FUNCTIONS};
use crate::parser::{parse, Parse};
use text_size::TextRange;

use crate::tree::{Entry, NodeData, NodeId, NodeKind, ScalarStyle, Tree};

/// One segment of a parse: its text at `start..start + len` and its entry in the tree, whose
/// nodes are `first..end` (the key is `first`), and where the entry's first node was in the
/// previous parse when the nodes were copied from it (`NOT_COPIED` otherwise).
#[derive(Clone, Copy, Debug)]
pub(super) struct Slot {
    pub start: u32,
    pub len: u32,
    pub last: bool,
    pub first: u32,
    pub end: u32,
    pub value: u32,
    pub previous: u32,
}

/// `Slot::previous` of a segment parsed anew.
pub(super) const NOT_COPIED: u32 = u32::MAX;

/// The segments of a parse by the hash of their text (collisions are compared in full), with
/// the text they were cut from: one flat list sorted by hash once filled ([`Index::sorted`]),
/// 40 bytes a segment.
pub(super) struct Index {
    text: Arc<str>,
    slots: Vec<(u64, Slot)>,
}

/// The hash of a segment, which also tells whether it ends the text (yaml-rust2 ends an empty
/// block scalar at the end of the text differently than before a key).
pub(super) fn key(segment: &str, last: bool) -> u64 {
    hash::of(segment) ^ u64::from(last)
}

impl Index {
    /// An empty index of segments of `text` (shared, not copied).
    pub fn new(text: &Arc<str>, capacity: usize) -> Index {
        Index {
            text: Arc::clone(text),
            slots: Vec::with_capacity(capacity),
        }
    }

    /// The number of segments indexed.
    pub fn len(&self) -> usize {
        self.slots.len()
    }

    pub fn insert(&mut self, hash: u64, slot: Slot) {
        self.slots.push((hash, slot));
    }

    /// The index filled, ready for [`Index::find`].
    pub fn sorted(mut self) -> Index {
        self.slots
            .sort_unstable_by_key(|(hash, slot)| (*hash, slot.start));
        self
    }

    /// Every segment indexed, in no particular order.
    pub fn slots(&self) -> impl Iterator<Item = &Slot> {
        self.slots.iter().map(|(_, slot)| slot)
    }

    /// A segment whose text is `segment`, if one was indexed (in a [`sorted`](Index::sorted)
    /// index).
    pub fn find(&self, hash: u64, segment: &str, last: bool) -> Option<Slot> {
        let from = self.slots.partition_point(|(h, _)| *h < hash);
        let same_hash = self
            .slots
            .get(from..)?
            .iter()
            .take_while(|(h, _)| *h == hash);
        same_hash.map(|(_, slot)| *slot).find(|slot| {
            let start = slot.start as usize;
            slot.last == last
                && slot.len as usize == segment.len()
                && self.text.get(start..start + slot.len as usize) == Some(segment)
        })
    }
}

/// The index of `parse`, the full parse of `text` cut into `pieces`: each segment mapped to
/// the root entry, or the `functions` entry, at its place. `None` when the tree does not
/// correspond to the cut exactly (errors, a different number of entries, a key elsewhere, a
/// node outside its segment).
pub(super) fn derive(text: &Arc<str>, pieces: &[Piece], parse: &Parse) -> Option<Index> {
    let tree = &parse.tree;
    if !parse.errors.is_empty() || tree.root != Some(NodeId(0)) {
        return None;
    }
    let root = block_entries(tree.nodes.first()?)?;
    if root.len() != pieces.len() {
        return None;
    }
    // Each segment with its entry, and the first node of everything in source order (segments
    // and the `functions` key), which ends the segment before.
    let mut segments: Vec<(Range<usize>, Entry)> = Vec::with_capacity(pieces.len());
    let mut starts: Vec<u32> = Vec::with_capacity(pieces.len() + 1);
    for (piece, entry) in pieces.iter().zip(root) {
        match piece {
            Piece::Entry(range) => {
                starts.push(entry.key.0);
                segments.push((range.clone(), *entry));
            }
            Piece::Functions { key, items } => {
                let key_node = tree.nodes.get(entry.key.0 as usize)?;
                let plain = matches!(&key_node.kind, NodeKind::Scalar(s)
                    if s.value == FUNCTIONS && s.style == ScalarStyle::Plain);
                if !plain
                    || key_node.props.is_some()
                    || u32::from(key_node.range.start()) as usize != *key
                    || entry.value.0 != entry.key.0 + 1
                {
                    return None;
                }
                let functions = block_entries(tree.nodes.get(entry.value.0 as usize)?)?;
                if functions.len() != items.len() {
                    return None;
                }
                starts.push(entry.key.0);
                for (item, function) in items.iter().zip(functions) {
                    starts.push(function.key.0);
                    segments.push((item.clone(), *function));
                }
            }
        }
    }
    starts.push(u32::try_from(tree.nodes.len()).ok()?);
    if starts.windows(2).any(|w| w[0] >= w[1]) {
        return None;
    }
    let mut index = Index::new(text, segments.len());
    let mut next = starts.iter().copied().peekable();
    for (range, entry) in segments {
        // The segment's first node is in `starts`: its end is the start that follows.
        while next.next_if(|&s| s <= entry.key.0).is_some() {}
        let end = *next.peek()?;
        let segment = text.get(range.clone())?;
        let last = range.end == text.len();
        let slot = check(segment, &range, tree, entry, end)?;
        index.insert(key(segment, last), Slot { last, ..slot });
    }
    Some(index.sorted())
}

/// The slot of the segment `segment` at `range` whose entry `entry` spans the nodes up to
/// `end`, if its key starts the segment's first line and every node of it lies in the segment
/// and refers only to nodes of it.
fn check(segment: &str, range: &Range<usize>, tree: &Tree, entry: Entry, end: u32) -> Option<Slot> {
    let first = entry.key.0;
    let nodes = tree.nodes.get(first as usize..end as usize)?;
    let start = u32::try_from(range.start).ok()?;
    let stop = u32::try_from(range.end).ok()?;
    let indent = u32::try_from(segment.bytes().take_while(|&b| b == b' ').count()).ok()?;
    let key = nodes.first()?;
    let value = entry.value.0;
    if u32::from(key.range.start()) != start + indent || !(first < value && value < end) {
        return None;
    }
    let inside = |r: TextRange| u32::from(r.start()) >= start && u32::from(r.end()) <= stop;
    let owned = |id: &NodeId| first < id.0 && id.0 < end;
    let all_inside = nodes.iter().all(|node| {
        inside(node.range)
            && node.tag().is_none_or(|t| inside(t.range))
            && children_owned(node, owned)
    });
    all_inside.then_some(Slot {
        start,
        len: stop - start,
        last: false,
        first,
        end,
        value,
        previous: NOT_COPIED,
    })
}

fn children_owned(node: &NodeData, owned: impl Fn(&NodeId) -> bool) -> bool {
    match &node.kind {
        NodeKind::Mapping { entries, .. } => {
            entries.iter().all(|e| owned(&e.key) && owned(&e.value))
        }
        NodeKind::Sequence { items, .. } => items.iter().all(owned),
        NodeKind::Alias { target, .. } => target.as_ref().is_none_or(owned),
        NodeKind::Scalar(_) => true,
    }
}

/// The entries of a block mapping without properties.
pub(super) fn block_entries(node: &NodeData) -> Option<&[Entry]> {
    match &node.kind {
        NodeKind::Mapping {
            entries,
            flow: false,
        } if node.props.is_none() => Some(entries),
        _ => None,
    }
}

/// The key line appended to a segment that is not at the end of the text.
pub(super) const SENTINEL: &str = "_:\n";

/// The tree of `segment` parsed alone, when it can be used in place: with what follows it in
/// place (a key at its indentation, or the end of the text), which ends its scalars the same
/// way.
pub(super) fn parse_alone(segment: &str, last: bool) -> Option<Tree> {
    let indent = segment.bytes().take_while(|&b| b == b' ').count();
    let source = if last {
        std::borrow::Cow::Borrowed(segment)
    } else {
        let mut buffer = String::with_capacity(segment.len() + indent + SENTINEL.len());
        buffer.push_str(segment);
        buffer.extend(std::iter::repeat_n(' ', indent));
        buffer.push_str(SENTINEL);
        std::borrow::Cow::Owned(buffer)
    };
    let parse = parse(&source);
    if !parse.errors.is_empty() {
        return None;
    }
    usable(parse.tree, indent, !last)
}
