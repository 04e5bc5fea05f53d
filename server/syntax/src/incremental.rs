//! `parse_incremental`: the same `Parse` as `parse`, rebuilt from segments parsed earlier.
//!
//! The text is cut into top-level entries and, inside a `functions:` block, single functions
//! (see `split`). Each segment is parsed alone and its tree kept in a cache keyed by the
//! segment's exact text; the next parse reuses the trees of unchanged segments, moves them to
//! their new offsets and assembles the full tree. Whenever the cut is not proven to give what
//! `parse` gives (anchors, tabs, CR line breaks, directives, a syntax error in a segment, ...),
//! the full parse runs instead.

mod assemble;
mod split;

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use crate::parser::{parse, Parse};
use crate::tree::Tree;
use assemble::{usable, Assembly};
use split::{Piece, FUNCTIONS};

/// The key line appended to a segment that is not at the end of the text.
const SENTINEL: &str = "_:\n";

type Segments = HashMap<Arc<str>, Arc<Tree>>;

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
        self.0.as_ref().map_or(0, |s| s.len())
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
    let mut run = Run {
        text,
        old,
        new: Segments::with_capacity(old.map_or(64, HashMap::len)),
        failed: false,
        nodes: 0,
    };
    let trees: Vec<Option<Arc<Tree>>> = pieces
        .iter()
        .flat_map(|piece| match piece {
            Piece::Entry(range) => std::slice::from_ref(range),
            Piece::Functions { items, .. } => items.as_slice(),
        })
        .map(|range| run.segment(range.clone()))
        .collect();
    let cache = SegmentCache(Some(Arc::new(run.new)));
    if run.failed {
        let mut full = parse(text);
        full.cache = cache;
        return full;
    }
    let mut out = Assembly::new(run.nodes + 1);
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

struct Run<'a> {
    text: &'a str,
    old: Option<&'a Segments>,
    new: Segments,
    /// A segment could not be used: the full parse is needed (segments are still looked up,
    /// to keep them for the next parse, but no longer parsed).
    failed: bool,
    /// Nodes in the segment trees so far.
    nodes: usize,
}

impl Run<'_> {
    /// The tree of the segment at `range`, from a cache or parsed.
    fn segment(&mut self, range: std::ops::Range<usize>) -> Option<Arc<Tree>> {
        let last = range.end == self.text.len();
        let segment = self.text.get(range)?;
        let indent = segment.bytes().take_while(|&b| b == b' ').count();
        // A segment is parsed with what follows it in place: a key at its indentation (or the
        // end of the text), which ends its scalars the same way (yaml-rust2 ends an empty
        // block scalar at the end of the text differently than before a key).
        let with_next;
        let source = if last {
            segment
        } else {
            with_next = format!("{segment}{:indent$}{SENTINEL}", "");
            with_next.as_str()
        };
        let found = self
            .new
            .get(source)
            .cloned()
            .or_else(|| {
                let (key, tree) = self.old?.get_key_value(source)?;
                self.new.insert(key.clone(), tree.clone());
                Some(tree.clone())
            })
            .or_else(|| self.parsed(source, indent, !last));
        match &found {
            Some(tree) => self.nodes += tree.nodes.len(),
            None => self.failed = true,
        }
        found
    }

    fn parsed(&mut self, source: &str, indent: usize, sentinel: bool) -> Option<Arc<Tree>> {
        if self.failed {
            return None;
        }
        let parse = parse(source);
        if !parse.errors.is_empty() {
            return None;
        }
        let tree = Arc::new(usable(parse.tree, indent, sentinel)?);
        self.new.insert(Arc::from(source), tree.clone());
        Some(tree)
    }
}
