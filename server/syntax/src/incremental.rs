//! `parse_incremental`: the same `Parse` as `parse`, rebuilt from the segments of an earlier
//! parse.
//!
//! The text is cut into top-level entries and, inside a `functions:` block, single functions
//! (see `split`). A parse keeps an index of its segments: the text of each and where its entry
//! lies in the parse's own tree (no second copy of the tree). The next parse copies the entries
//! of unchanged segments from the previous tree, moved to their new offsets, parses the changed
//! segments alone and assembles the full tree. A first parse (or one after a parse without an
//! index) is one full `parse`, whose tree is mapped to the segments to build the index.
//! Whenever the cut is not proven to give what `parse` gives (anchors, tabs, CR line breaks,
//! directives, a syntax error in a segment, ...), the full parse runs instead.

mod assemble;
mod halves;
mod hash;
mod segments;
mod split;

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use crate::parser::{parse, Parse};
use crate::tree::{Entry, NodeId, Tree};
use assemble::{Assembly, Source};
use segments::{Index, Slot};
use split::{Piece, FUNCTIONS};

/// The segment index of a parse, for the next `parse_incremental`. Cheap to clone; never
/// part of a parse's equality.
#[derive(Clone, Default)]
pub struct SegmentCache(Option<Arc<Index>>);

impl PartialEq for SegmentCache {
    fn eq(&self, _: &SegmentCache) -> bool {
        true
    }
}

impl Eq for SegmentCache {}

impl fmt::Debug for SegmentCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SegmentCache({} segments)", self.len())
    }
}

impl SegmentCache {
    /// The number of segments indexed.
    pub fn len(&self) -> usize {
        self.0.as_ref().map_or(0, |index| index.len())
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Parse {
    /// The segment index kept for the next `parse_incremental` (empty after `parse`).
    pub fn cache(&self) -> &SegmentCache {
        &self.cache
    }

    /// The segments of this parse (the top-level entries and the functions, see
    /// `parse_incremental`) in tree order, with where each one's nodes were in the previous
    /// parse when they were copied from it. Empty when the parse has no segment index.
    pub fn segments(&self) -> Vec<SegmentNodes> {
        let Some(index) = self.cache.0.as_deref() else {
            return Vec::new();
        };
        let mut segments: Vec<SegmentNodes> = index
            .slots()
            .map(|slot| SegmentNodes {
                first: NodeId(slot.first),
                end: NodeId(slot.end),
                value: NodeId(slot.value),
                previous_first: (slot.previous != segments::NOT_COPIED)
                    .then_some(NodeId(slot.previous)),
            })
            .collect();
        segments.sort_unstable_by_key(|segment| segment.first);
        segments
    }
}

/// The nodes of one segment of a parse (see [`Parse::segments`]): `first..end`, `first` being
/// the entry's key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SegmentNodes {
    pub first: NodeId,
    pub end: NodeId,
    pub value: NodeId,
    /// Where `first` was in the previous parse, when this parse copied the segment's nodes from
    /// it (the segment's text is unchanged; the nodes are those, renumbered from `first`).
    pub previous_first: Option<NodeId>,
}

/// Parses `text` exactly as `parse` does, reusing the segments of `previous` (the parse of an
/// earlier version of the document) that did not change.
pub fn parse_incremental(text: &str, previous: Option<&Parse>) -> Parse {
    parse_incremental_shared(&Arc::from(text), previous)
}

/// `parse_incremental` of a shared text: the parse's segment index keeps `text` itself rather
/// than a copy of it (the caller usually keeps the text too).
pub fn parse_incremental_shared(text: &Arc<str>, previous: Option<&Parse>) -> Parse {
    let Some(pieces) = split::split(text) else {
        return parse(text);
    };
    let old = previous.and_then(|p| Some((&p.tree, p.cache.0.as_deref()?)));
    let Some((old_tree, old_index)) = old else {
        return full(text, &pieces);
    };
    match assemble(text, &pieces, old_tree, old_index) {
        Some((tree, index)) => Parse {
            tree,
            errors: Vec::new(),
            cache: SegmentCache(Some(Arc::new(index))),
        },
        None => full(text, &pieces),
    }
}

/// The full parse of `text`, with its segment index when its tree maps to `pieces`.
fn full(text: &Arc<str>, pieces: &[Piece]) -> Parse {
    let mut parse = at_once_or_in_halves(text, pieces);
    parse.cache = SegmentCache(segments::derive(text, pieces, &parse).map(Arc::new));
    parse
}

/// Texts of at least this many bytes are parsed in two halves on two threads, when they can be.
const WORTH_TWO_THREADS: usize = 1 << 16;

/// The same `Parse` as `parse`: a large text with a `functions:` block is parsed in two halves
/// on two threads (see `halves`).
pub fn parse_large(text: &str) -> Parse {
    // Small texts (most configs) are not cut at all.
    let pieces = (text.len() >= WORTH_TWO_THREADS)
        .then(|| split::split(text))
        .flatten();
    match pieces {
        Some(pieces) => at_once_or_in_halves(text, &pieces),
        None => parse(text),
    }
}

/// The parse of `text` in two halves whatever its size, `None` when it has no cut for them
/// (for tests: `parse_large` only takes this path for large texts).
#[doc(hidden)]
pub fn parse_in_two_halves(text: &str) -> Option<Parse> {
    in_halves(text, &split::split(text)?)
}

/// `parse`, in two halves when the text is large and has a cut for them.
fn at_once_or_in_halves(text: &str, pieces: &[Piece]) -> Parse {
    (text.len() >= WORTH_TWO_THREADS)
        .then(|| in_halves(text, pieces))
        .flatten()
        .unwrap_or_else(|| parse(text))
}

/// The parse of `text`, cut into `pieces`, in two halves (a text `split` cuts has no errors).
fn in_halves(text: &str, pieces: &[Piece]) -> Option<Parse> {
    halves::parse_in_halves(text, pieces).map(|tree| Parse {
        tree,
        errors: Vec::new(),
        cache: SegmentCache::default(),
    })
}

/// A segment of the text: its range, whether it ends the text, its hash.
struct Segment {
    range: Range<usize>,
    last: bool,
    hash: u64,
}

/// The tree of `text` cut into `pieces`, from the segments of the previous parse (its tree and
/// index) and of segments parsed alone, with its index; `None` when a changed segment cannot be
/// parsed alone.
fn assemble(
    text: &Arc<str>,
    pieces: &[Piece],
    old_tree: &Tree,
    old_index: &Index,
) -> Option<(Tree, Index)> {
    let segments: Vec<Segment> = pieces
        .iter()
        .flat_map(|piece| match piece {
            Piece::Entry(range) => std::slice::from_ref(range),
            Piece::Functions { items, .. } => items.as_slice(),
        })
        .map(|range| {
            let last = range.end == text.len();
            let hash = segments::key(text.get(range.clone()).unwrap_or(""), last);
            Segment {
                range: range.clone(),
                last,
                hash,
            }
        })
        .collect();
    let mut sources = Vec::with_capacity(segments.len());
    let mut nodes = 1;
    for segment in &segments {
        let body = text.get(segment.range.clone())?;
        let source = match old_index.find(segment.hash, body, segment.last) {
            Some(slot) if (slot.end as usize) <= old_tree.nodes.len() => Source::Previous {
                tree: old_tree,
                first: slot.first,
                end: slot.end,
                value: slot.value,
                from: slot.start,
            },
            _ => Source::Alone(segments::parse_alone(body, segment.last)?),
        };
        nodes += match &source {
            Source::Previous { first, end, .. } => (end - first) as usize,
            Source::Alone(tree) => tree.nodes.len(),
        };
        sources.push(source);
    }
    let mut out = Assembly::new(nodes + 2);
    let mut index = Index::new(text, segments.len());
    let mut placed = segments.iter().zip(sources);
    let add =
        |index: &mut Index, segment: &Segment, previous: u32, (entry, ids): (Entry, Range<u32>)| {
            let slot = Slot {
                start: offset(segment.range.start),
                len: offset(segment.range.end) - offset(segment.range.start),
                last: segment.last,
                first: ids.start,
                end: ids.end,
                value: entry.value.0,
                previous,
            };
            index.insert(segment.hash, slot);
        };
    for piece in pieces {
        match piece {
            Piece::Entry(range) => {
                let (segment, source) = placed.next()?;
                let previous = source.previous_first();
                let copied = out.entry(source, offset(range.start))?;
                add(&mut index, segment, previous, copied);
            }
            Piece::Functions { key, items } => {
                let functions = out.open_functions(offset(*key), FUNCTIONS);
                for range in items {
                    let (segment, source) = placed.next()?;
                    let previous = source.previous_first();
                    let copied = out.function(functions, source, offset(range.start))?;
                    add(&mut index, segment, previous, copied);
                }
            }
        }
    }
    Some((out.finish(), index.sorted()))
}
/// `split` refuses texts over `u32::MAX` bytes.
fn offset(at: usize) -> u32 {
    u32::try_from(at).unwrap_or(u32::MAX)
}
