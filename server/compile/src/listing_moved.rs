//! A listing moved to another parse of the same config: every node it names renumbered, for
//! an editor that reuses the listing of the previous version of a document (an edit the plan
//! does not read, see [`RENDER_ONLY_FUNCTION_SETTINGS`]) instead of planning again.

use sls_syntax::NodeId;

use crate::plan::Listing;

/// The settings of a function that only rendering reads: a listing does not depend on them,
/// whatever they hold (a test in `tests/plan.rs` plans services with and without them).
pub const RENDER_ONLY_FUNCTION_SETTINGS: &[&str] = &[
    "architecture",
    "description",
    "environment",
    "kmsKeyArn",
    "runtime",
    "tags",
];

impl Listing {
    /// The listing with each node it names replaced by `moved(node)`; `None` when a node has
    /// no counterpart.
    pub fn moved(&self, moved: impl Fn(NodeId) -> Option<NodeId>) -> Option<Listing> {
        let mut listing = self.clone();
        for item in &mut listing.items {
            item.source = moved(item.source)?;
            item.overridden_by = moved_if_any(item.overridden_by, &moved)?;
        }
        for contribution in &mut listing.contributions {
            contribution.source = moved(contribution.source)?;
        }
        for collision in &mut listing.collisions {
            collision.first.1 = moved(collision.first.1)?;
            collision.second.1 = moved(collision.second.1)?;
        }
        for error in &mut listing.errors {
            error.node = moved_if_any(error.node, &moved)?;
        }
        for event in &mut listing.uncompiled {
            event.node = moved(event.node)?;
        }
        for function in &mut listing.functions {
            function.1 = moved(function.1)?;
        }
        Some(listing)
    }
}

/// `Some(None)` for no node, `Some(Some(moved))` for a node moved, `None` when it cannot be.
fn moved_if_any(
    node: Option<NodeId>,
    moved: &impl Fn(NodeId) -> Option<NodeId>,
) -> Option<Option<NodeId>> {
    match node {
        Some(node) => moved(node).map(Some),
        None => Some(None),
    }
}
