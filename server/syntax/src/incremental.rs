//! `parse_incremental`: the same `Parse` as `parse`, rebuilt from segments parsed earlier.
//!
//! The text is cut into top-level entries and, inside a `functions:` block, single functions
//! (see `split`). Each segment is parsed alone and its tree kept in a cache keyed by the
//! segment's exact text; the next parse reuses the trees of unchanged segments, moves them to
//! their new offsets and assembles the full tree. Whenever the cut is not proven to give what
//! `parse` gives (anchors, tabs, CR line breaks, directives, a syntax error in a segment, ...),
//! the full parse runs instead.

mod assemble;
mod hash;
mod segments;
mod split;

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use crate::parser::{parse, Parse};
use assemble::Assembly;
use segments::Segments;
use split::{Piece, FUNCTIONS};

/// The segment trees of a parse, for the next `parse_incremental`. Cheap to clone; never
/// part of a parse's equality.
#[derive(Clone, Default)]
pub struct SegmentCache(Option<Arc<Segments>>);

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
    /// The number of segment trees kept.
    pub fn len(&self) -> usize {
        self.0
            .as_ref()
            .map_or(0, |s| s.values().map(Vec::len).sum())
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Parse {
    /// The segment trees kept for the next `parse_incremental` (empty after `parse`).
    pub fn cache(&self) -> &SegmentCache {
        &self.cache
    }
}

/// Parses `text` exactly as `parse` does, reusing the segments of `previous` (the parse of an
/// earlier version of the document) that did not change.
pub fn parse_incremental(text: &str, previous: Option<&Parse>) -> Parse {
    let Some(pieces) = split::split(text) else {
        return parse(text);
    };
    let old = previous.and_then(|p| p.cache.0.as_deref());
    let ranges: Vec<Range<usize>> = pieces
        .iter()
        .flat_map(|piece| match piece {
            Piece::Entry(range) => std::slice::from_ref(range),
            Piece::Functions { items, .. } => items.as_slice(),
        })
        .cloned()
        .collect();
    let (trees, new) = segments::trees(text, &ranges, old);
    let cache = SegmentCache(Some(Arc::new(new)));
    if trees.iter().any(Option::is_none) {
        let mut full = parse(text);
        full.cache = cache;
        return full;
    }
    let nodes = trees.iter().flatten().map(|t| t.nodes.len()).sum::<usize>();
    let mut out = Assembly::new(nodes + 1);
    let mut trees = trees.iter().flatten();
    for piece in &pieces {
        match piece {
            Piece::Entry(range) => {
                if let Some(tree) = trees.next() {
                    out.entry(tree, offset(range.start));
                }
            }
            Piece::Functions { key, items } => {
                let functions = out.open_functions(offset(*key), FUNCTIONS);
                for range in items {
                    if let Some(tree) = trees.next() {
                        out.function(functions, tree, offset(range.start));
                    }
                }
            }
        }
    }
    Parse {
        tree: out.finish(),
        errors: Vec::new(),
        cache,
    }
}

/// `split` refuses texts over `u32::MAX` bytes.
fn offset(at: usize) -> u32 {
    u32::try_from(at).unwrap_or(u32::MAX)
}
