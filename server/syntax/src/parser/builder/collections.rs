//! Opening and closing collections: flow or block shape, start from the marker or the source,
//! end at the closing bracket or the last child, and the error-time closing of open ones.

use yaml_rust2::parser::Tag as EventTag;
use yaml_rust2::scanner::Marker;

use super::{Builder, Flow, MAX_DEPTH};
use crate::parser::source::range;
use crate::tree::{Entry, NodeId, NodeKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Shape {
    BlockMap,
    FlowMap,
    /// `[a: b]`: a single-pair mapping inside a flow sequence, without braces.
    FlowPair,
    BlockSeq,
    FlowSeq,
}

impl Shape {
    pub fn is_mapping(self) -> bool {
        matches!(self, Shape::BlockMap | Shape::FlowMap | Shape::FlowPair)
    }

    pub fn is_flow(self) -> bool {
        !matches!(self, Shape::BlockMap | Shape::BlockSeq)
    }
}

pub(super) struct Frame {
    pub id: NodeId,
    pub shape: Shape,
    pub pending_key: Option<NodeId>,
    /// Where the next child may start: the end of the previous child (or the collection's
    /// start). yaml-rust2 can mark a node inside the indicator before it (`? \n:&a :`).
    pub floor: usize,
}

impl Builder<'_> {
    pub(super) fn open(
        &mut self,
        seq: bool,
        anchor: usize,
        tag: Option<&EventTag>,
        mark: &Marker,
    ) -> Flow {
        if self.stack.len() >= MAX_DEPTH {
            let at = self.src.skip_trivia(self.cursor);
            self.fail(at, at, format!("nesting deeper than {MAX_DEPTH} levels"));
            return Flow::Stop;
        }
        let parent_flow = self.in_flow();
        let (_, _, props) = self.begin_node(anchor, tag);
        let pos = self.src.offset(mark);
        let bracket = if seq { b'[' } else { b'{' };
        let (shape, start) = if self.src.byte(pos) == Some(bracket) {
            self.cursor = pos + 1;
            (if seq { Shape::FlowSeq } else { Shape::FlowMap }, pos)
        } else {
            let shape = match (seq, parent_flow) {
                (true, _) => Shape::BlockSeq,
                (false, true) => Shape::FlowPair,
                (false, false) => Shape::BlockMap,
            };
            (shape, self.src.skip_trivia(self.cursor))
        };
        let flow = shape.is_flow();
        let kind = if seq {
            NodeKind::Sequence {
                items: Vec::new(),
                flow,
            }
        } else {
            NodeKind::Mapping {
                entries: Vec::new(),
                flow,
            }
        };
        let id = self.push_node(start, start, kind, props, anchor, tag);
        self.stack.push(Frame {
            id,
            shape,
            pending_key: None,
            floor: self.range_of(id).0,
        });
        Flow::Continue
    }

    pub(super) fn close(&mut self, mark: &Marker) {
        let Some(frame) = self.stack.pop() else {
            return;
        };
        let end = match frame.shape {
            Shape::FlowSeq | Shape::FlowMap => {
                let closer = if frame.shape == Shape::FlowSeq {
                    b']'
                } else {
                    b'}'
                };
                let mut at = self.src.skip_trivia(self.cursor);
                if self.src.byte(at) == Some(b',') {
                    at = self.src.skip_trivia(at + 1);
                }
                if self.src.byte(at) != Some(closer) {
                    at = self.src.offset(mark);
                }
                if self.src.byte(at) == Some(closer) {
                    at + 1
                } else {
                    self.cursor
                }
            }
            _ => 0,
        };
        let end = self.finish_frame(frame, end);
        self.cursor = self.cursor.max(end);
        if let Some(parent) = self.stack.last_mut() {
            parent.floor = parent.floor.max(end);
        }
    }

    /// Completes a popped collection: gives a dangling key a null value, and sets its range so
    /// that it covers `end` (if past its start) and all of its children. Returns its end.
    pub(super) fn finish_frame(&mut self, frame: Frame, end: usize) -> usize {
        if let Some(key) = frame.pending_key {
            // Only after an error: the key gets a null value after its `:`, or after it.
            let key_end = self.range_of(key).1;
            let colon = self.src.skip_trivia(key_end);
            let at = if self.src.byte(colon) == Some(b':') {
                colon + 1
            } else {
                key_end
            };
            let value = self.new_node(Self::null_at(at));
            if let Some(NodeKind::Mapping { entries, .. }) =
                self.nodes.get_mut(frame.id.0 as usize).map(|n| &mut n.kind)
            {
                entries.push(Entry { key, value });
            }
        }
        let (mut start, own_end) = self.range_of(frame.id);
        let mut end = end.max(own_end);
        let children: Vec<NodeId> = match self.nodes.get(frame.id.0 as usize).map(|n| &n.kind) {
            Some(NodeKind::Mapping { entries, .. }) => {
                entries.iter().flat_map(|e| [e.key, e.value]).collect()
            }
            Some(NodeKind::Sequence { items, .. }) => items.clone(),
            _ => Vec::new(),
        };
        for child in children {
            let (s, e) = self.range_of(child);
            start = start.min(s);
            end = end.max(e);
        }
        if let Some(node) = self.nodes.get_mut(frame.id.0 as usize) {
            node.range = range(start, end);
        }
        end
    }
}
