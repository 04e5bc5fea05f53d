//! Finding the tree of every segment: in this parse's or the previous parse's cache by exact
//! text, else by parsing the segment alone.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::ops::Range;
use std::sync::Arc;

use super::assemble::usable;
use super::hash;
use crate::parser::parse;
use crate::tree::Tree;

/// Segment trees by the hash of their exact text (collisions are compared in full).
pub(super) type Segments =
    HashMap<u64, Vec<(Arc<str>, Arc<Tree>)>, BuildHasherDefault<hash::Prehashed>>;

/// The key line appended to a segment that is not at the end of the text.
const SENTINEL: &str = "_:\n";

/// A segment not found in the caches.
struct Miss {
    slot: usize,
    hash: u64,
    source: Arc<str>,
    indent: usize,
    sentinel: bool,
}

/// The tree of each segment of `text` at `ranges` (`None` for a segment that cannot be used
/// in place), and the cache of this parse.
pub(super) fn trees(
    text: &str,
    ranges: &[Range<usize>],
    old: Option<&Segments>,
) -> (Vec<Option<Arc<Tree>>>, Segments) {
    let capacity = old.map_or(ranges.len(), HashMap::len);
    let mut new = Segments::with_capacity_and_hasher(capacity, Default::default());
    let mut trees = Vec::with_capacity(ranges.len());
    let mut misses = Vec::new();
    let mut buffer = String::new();
    for (slot, range) in ranges.iter().enumerate() {
        let last = range.end == text.len();
        let segment = text.get(range.clone()).unwrap_or("");
        let indent = segment.bytes().take_while(|&b| b == b' ').count();
        // A segment is parsed with what follows it in place: a key at its indentation (or the
        // end of the text), which ends its scalars the same way (yaml-rust2 ends an empty
        // block scalar at the end of the text differently than before a key).
        let source = if last {
            segment
        } else {
            buffer.clear();
            buffer.push_str(segment);
            buffer.extend(std::iter::repeat_n(' ', indent));
            buffer.push_str(SENTINEL);
            buffer.as_str()
        };
        let hash = hash::of(source);
        let found = find(&new, hash, source).map(|(_, tree)| tree.clone());
        let found = found.or_else(|| {
            let (key, tree) = find(old?, hash, source)?;
            let entry = (key.clone(), tree.clone());
            new.entry(hash).or_default().push(entry);
            Some(tree.clone())
        });
        if found.is_none() {
            misses.push(Miss {
                slot,
                hash,
                source: Arc::from(source),
                indent,
                sentinel: !last,
            });
        }
        trees.push(found);
    }
    for (miss, tree) in misses.iter().map(|miss| (miss, parse_one(miss))) {
        if let (Some(tree), Some(slot)) = (tree, trees.get_mut(miss.slot)) {
            let tree = Arc::new(tree);
            let entry = (miss.source.clone(), tree.clone());
            new.entry(miss.hash).or_default().push(entry);
            *slot = Some(tree);
        }
    }
    (trees, new)
}

/// The cached tree of the segment `text` whose hash is `hash`.
fn find<'a>(segments: &'a Segments, hash: u64, text: &str) -> Option<&'a (Arc<str>, Arc<Tree>)> {
    segments.get(&hash)?.iter().find(|(key, _)| **key == *text)
}

fn parse_one(miss: &Miss) -> Option<Tree> {
    let parse = parse(&miss.source);
    if !parse.errors.is_empty() {
        return None;
    }
    usable(parse.tree, miss.indent, miss.sentinel)
}
