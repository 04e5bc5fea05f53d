//! Adding nodes to the arena: ranges kept inside the text and after the previous sibling, tags
//! and anchors from the source, and attaching each node to its parent.

use yaml_rust2::parser::Tag as EventTag;

use super::Builder;
use crate::parser::source::{range, Props};
use crate::tree::{CompactString, Entry, NodeData, NodeId, NodeKind, Scalar, ScalarStyle, Tag};

fn tag_fallback_text(tag: &EventTag) -> String {
    match tag.handle.strip_prefix("tag:yaml.org,2002:") {
        Some("") => format!("!!{}", tag.suffix),
        _ => format!("{}{}", tag.handle, tag.suffix),
    }
}

impl Builder<'_> {
    /// Adds a node to the arena (and to its parent, or as the root).
    pub(super) fn push_node(
        &mut self,
        start: usize,
        end: usize,
        kind: NodeKind,
        props: Option<Props>,
        anchor: usize,
        tag: Option<&EventTag>,
    ) -> NodeId {
        let (start, props_tag, props_anchor) = match props {
            Some(p) => (p.start.min(start), p.tag, p.anchor),
            None => (start, None, None),
        };
        // Properties are found from the cursor, which is never before the floor; markers can be.
        let start = start.max(self.stack.last().map_or(0, |f| f.floor));
        let end = end.max(start);
        let tag = match (props_tag, tag) {
            (Some(found), _) => Some(found),
            (None, Some(t)) => Some(Tag {
                text: tag_fallback_text(t),
                range: range(start, start),
            }),
            (None, None) => None,
        };
        let anchor_name = if anchor > 0 { props_anchor } else { None };
        let id = self.new_node(NodeData::new(range(start, end), kind, tag, anchor_name));
        if anchor > 0 {
            self.anchors.insert(anchor, id);
        }
        self.attach(id);
        id
    }

    pub(super) fn new_node(&mut self, data: NodeData) -> NodeId {
        let id = NodeId(u32::try_from(self.nodes.len()).unwrap_or(u32::MAX));
        self.nodes.push(data);
        id
    }

    pub(super) fn null_at(at: usize) -> NodeData {
        NodeData::plain(
            range(at, at),
            NodeKind::Scalar(Scalar {
                value: CompactString::default(),
                style: ScalarStyle::Plain,
            }),
        )
    }

    /// Adds a finished or just opened node to its parent (or makes it the root).
    pub(super) fn attach(&mut self, id: NodeId) {
        let end = self.range_of(id).1;
        let Some(frame) = self.stack.last_mut() else {
            self.root.get_or_insert(id);
            return;
        };
        frame.floor = frame.floor.max(end);
        let entry = if frame.shape.is_mapping() {
            match frame.pending_key.take() {
                Some(key) => Some(Entry { key, value: id }),
                None => {
                    frame.pending_key = Some(id);
                    return;
                }
            }
        } else {
            None
        };
        let parent = frame.id;
        match (
            self.nodes.get_mut(parent.0 as usize).map(|n| &mut n.kind),
            entry,
        ) {
            (Some(NodeKind::Mapping { entries, .. }), Some(entry)) => entries.push(entry),
            (Some(NodeKind::Sequence { items, .. }), None) => items.push(id),
            _ => {}
        }
    }

    pub(super) fn range_of(&self, id: NodeId) -> (usize, usize) {
        self.nodes.get(id.0 as usize).map_or((0, 0), |n| {
            (
                u32::from(n.range.start()) as usize,
                u32::from(n.range.end()) as usize,
            )
        })
    }
}
