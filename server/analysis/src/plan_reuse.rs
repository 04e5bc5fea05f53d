//! Reusing the previous version's plan listing when an edit cannot change it: the plan is the
//! longer half of an edit's analysis, and most edits of a large service change a function's
//! environment, description or tags, which only rendering reads.
//!
//! The listing is reused when every segment (top-level entry, function) the parse did not copy
//! from the previous one reads the same as before (a comment or a blank line changed), or is
//! a function that does once the settings in [`sls_compile::RENDER_ONLY_FUNCTION_SETTINGS`]
//! are set aside; neither version has variables (their values can change while the text does
//! not), and the compile options are the same. The listing is then moved to the new node ids:
//! a copied segment's nodes by its offset, a parsed-again segment's nodes pairwise, the few
//! nodes outside segments (the document's mapping, the `functions` block) in order.

use std::collections::HashMap;
use std::sync::Arc;

use sls_compile::{CompileOptions, Listing, RENDER_ONLY_FUNCTION_SETTINGS};
use sls_syntax::{NodeId, NodeKind, Parse, SegmentNodes, Tree};

/// What an analysis without variables leaves for the next one to reuse its listing.
#[derive(Clone)]
pub(crate) struct Planned {
    pub parse: Arc<Parse>,
    pub listing: Arc<Listing>,
    pub options: CompileOptions,
}

/// The listing of `before` moved to `parse`, when the edit between them cannot change what
/// the plan lists (see the module docs); `None` when it may. When the edit moved no node (a
/// character typed in a value, a comment), it is the same listing, shared.
pub(crate) fn reused(
    before: &Planned,
    parse: &Parse,
    options: &CompileOptions,
) -> Option<Arc<Listing>> {
    if before.options != *options {
        return None;
    }
    let (old, new) = (&before.parse.tree, &parse.tree);
    let old_segments = before.parse.segments();
    let new_segments = parse.segments();
    if old_segments.is_empty() || old_segments.len() != new_segments.len() {
        return None;
    }
    let (old_functions, new_functions) = (function_keys(old), function_keys(new));
    let mut pairs = Pairs::default();
    for (o, n) in old_segments.iter().zip(&new_segments) {
        match n.previous_first {
            Some(copied_from) => {
                if copied_from != o.first || o.end.0 - o.first.0 != n.end.0 - n.first.0 {
                    return None;
                }
            }
            None => {
                let function = old_functions.contains(&o.first) && new_functions.contains(&n.first);
                if !pairs.same_entry(old, o, new, n, function) {
                    return None;
                }
            }
        }
    }
    let outside = Outside::pair(old, &old_segments, new, &new_segments)?;
    let unmoved = |o: &SegmentNodes, n: &SegmentNodes| (o.first, o.end) == (n.first, n.end);
    if old_segments
        .iter()
        .zip(&new_segments)
        .all(|(o, n)| unmoved(o, n))
        && pairs.map.iter().all(|(a, b)| a == b)
        && outside.old == outside.new
    {
        return Some(Arc::clone(&before.listing));
    }
    let moved = before.listing.moved(|node| {
        let i = old_segments
            .partition_point(|s| s.first <= node)
            .checked_sub(1);
        match i.map(|i| (old_segments[i], new_segments[i])) {
            Some((o, n)) if node < o.end => match n.previous_first {
                Some(_) => Some(NodeId(node.0 - o.first.0 + n.first.0)),
                None => pairs.map.get(&node).copied(),
            },
            _ => outside.moved(node),
        }
    });
    moved.map(Arc::new)
}

/// The key nodes of the entries of the top-level `functions` mapping.
fn function_keys(tree: &Tree) -> Vec<NodeId> {
    let Some(root) = tree.root else {
        return Vec::new();
    };
    let functions = entries(tree, root)
        .iter()
        .find(|e| scalar(tree, e.key) == Some("functions"))
        .map(|e| e.value);
    functions.map_or_else(Vec::new, |f| {
        entries(tree, f).iter().map(|e| e.key).collect()
    })
}

fn entries(tree: &Tree, node: NodeId) -> &[sls_syntax::Entry] {
    match &tree.data(node).kind {
        NodeKind::Mapping { entries, .. } => entries,
        _ => &[],
    }
}

fn scalar(tree: &Tree, node: NodeId) -> Option<&str> {
    match &tree.data(node).kind {
        NodeKind::Scalar(scalar) => Some(scalar.value.as_str()),
        _ => None,
    }
}

/// The nodes of parsed-again functions, old id → new id.
#[derive(Default)]
struct Pairs {
    map: HashMap<NodeId, NodeId>,
}

impl Pairs {
    /// Whether a parsed-again entry reads the same as before to the plan (for a `function`, its
    /// settings that only rendering reads aside), pairing its nodes.
    fn same_entry(
        &mut self,
        old: &Tree,
        o: &SegmentNodes,
        new: &Tree,
        n: &SegmentNodes,
        function: bool,
    ) -> bool {
        self.same(old, o.first, new, n.first, false)
            && self.same(old, o.value, new, n.value, function)
    }

    /// Whether two nodes hold the same (for a function's own mapping, `settings`, the settings
    /// only rendering reads left out), pairing them and their descendants.
    fn same(&mut self, old: &Tree, a: NodeId, new: &Tree, b: NodeId, settings: bool) -> bool {
        let (x, y) = (old.data(a), new.data(b));
        let same = x.props == y.props
            && match (&x.kind, &y.kind) {
                (NodeKind::Scalar(p), NodeKind::Scalar(q)) => p == q,
                (
                    NodeKind::Mapping {
                        entries: p,
                        flow: f,
                    },
                    NodeKind::Mapping {
                        entries: q,
                        flow: g,
                    },
                ) => {
                    let read = |tree: &Tree, entries: &[sls_syntax::Entry]| {
                        let render_only = |key| {
                            settings
                                && scalar(tree, key)
                                    .is_some_and(|k| RENDER_ONLY_FUNCTION_SETTINGS.contains(&k))
                        };
                        entries
                            .iter()
                            .filter(|e| !render_only(e.key))
                            .copied()
                            .collect::<Vec<_>>()
                    };
                    let (p, q) = (read(old, p), read(new, q));
                    f == g
                        && p.len() == q.len()
                        && p.iter().zip(&q).all(|(e, h)| {
                            self.same(old, e.key, new, h.key, false)
                                && self.same(old, e.value, new, h.value, false)
                        })
                }
                (
                    NodeKind::Sequence { items: p, flow: f },
                    NodeKind::Sequence { items: q, flow: g },
                ) => {
                    f == g
                        && p.len() == q.len()
                        && p.iter()
                            .zip(q)
                            .all(|(i, j)| self.same(old, *i, new, *j, false))
                }
                // An alias reads its anchor, which may be anywhere.
                _ => false,
            };
        if same {
            self.map.insert(a, b);
        }
        same
    }
}

/// The nodes outside every segment, in both parses, in order.
struct Outside {
    old: Vec<NodeId>,
    new: Vec<NodeId>,
}

impl Outside {
    /// The nodes outside the segments of both parses, when they read the same, in order.
    fn pair(old: &Tree, o: &[SegmentNodes], new: &Tree, n: &[SegmentNodes]) -> Option<Outside> {
        let outside = Outside {
            old: outside(old, o),
            new: outside(new, n),
        };
        let same = |(a, b): (&NodeId, &NodeId)| {
            let (x, y) = (old.data(*a), new.data(*b));
            x.props == y.props
                && match (&x.kind, &y.kind) {
                    (NodeKind::Scalar(p), NodeKind::Scalar(q)) => p == q,
                    (
                        NodeKind::Mapping { entries: p, .. },
                        NodeKind::Mapping { entries: q, .. },
                    ) => p.len() == q.len(),
                    (NodeKind::Sequence { items: p, .. }, NodeKind::Sequence { items: q, .. }) => {
                        p.len() == q.len()
                    }
                    _ => false,
                }
        };
        (outside.old.len() == outside.new.len() && outside.old.iter().zip(&outside.new).all(same))
            .then_some(outside)
    }

    fn moved(&self, node: NodeId) -> Option<NodeId> {
        let at = self.old.binary_search(&node).ok()?;
        self.new.get(at).copied()
    }
}

/// The nodes of `tree` in none of `segments` (sorted, not overlapping), in order.
fn outside(tree: &Tree, segments: &[SegmentNodes]) -> Vec<NodeId> {
    let mut nodes = Vec::new();
    let mut next = 0;
    for segment in segments {
        nodes.extend((next..segment.first.0).map(NodeId));
        next = next.max(segment.end.0);
    }
    let count = u32::try_from(tree.nodes.len()).unwrap_or(u32::MAX);
    nodes.extend((next..count).map(NodeId));
    nodes
}
