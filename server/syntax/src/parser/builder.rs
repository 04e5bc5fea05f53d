//! Builds the tree from yaml-rust2's events with an explicit stack of open collections, so
//! nesting depth never touches the call stack.
//!
//! A cursor moves through the source as events arrive: everything before it has been accounted
//! for. Indicators (`:`, `-`, `?`, `,`) and properties (`!tag`, `&anchor`) are found from the
//! cursor, contents from yaml-rust2's markers, ends by scanning the source.

use std::collections::HashMap;

use yaml_rust2::parser::{Event, Tag as EventTag};
use yaml_rust2::scanner::{Marker, TScalarStyle};

use super::source::{range, Props, Source};
use crate::tree::{Entry, NodeData, NodeId, NodeKind, Scalar, ScalarStyle, Tag, Tree};

/// Collections nested deeper than this are not built.
pub const MAX_DEPTH: usize = 1000;

/// Whether the event loop should keep pulling events.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Flow {
    Continue,
    Stop,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    BlockMap,
    FlowMap,
    /// `[a: b]`: a single-pair mapping inside a flow sequence, without braces.
    FlowPair,
    BlockSeq,
    FlowSeq,
}

impl Shape {
    fn is_mapping(self) -> bool {
        matches!(self, Shape::BlockMap | Shape::FlowMap | Shape::FlowPair)
    }

    fn is_flow(self) -> bool {
        !matches!(self, Shape::BlockMap | Shape::BlockSeq)
    }
}

/// What the next node is to its parent, which decides the indicator in front of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Root,
    Key,
    Value,
    BlockItem,
    FlowItem,
}

struct Frame {
    id: NodeId,
    shape: Shape,
    pending_key: Option<NodeId>,
    /// Where the next child may start: the end of the previous child (or the collection's
    /// start). yaml-rust2 can mark a node inside the indicator before it (`? \n:&a :`).
    floor: usize,
}

/// A syntax error in source coordinates (before the BOM shift).
pub(super) struct RawError {
    pub start: usize,
    pub end: usize,
    pub message: String,
}

pub(super) struct Builder<'s> {
    src: Source<'s>,
    nodes: Vec<NodeData>,
    root: Option<NodeId>,
    stack: Vec<Frame>,
    cursor: usize,
    /// yaml-rust2 anchor ids (unique per definition) to the anchored node.
    anchors: HashMap<usize, NodeId>,
    documents: u32,
    pub errors: Vec<RawError>,
}

fn tag_fallback_text(tag: &EventTag) -> String {
    match tag.handle.strip_prefix("tag:yaml.org,2002:") {
        Some("") => format!("!!{}", tag.suffix),
        _ => format!("{}{}", tag.handle, tag.suffix),
    }
}

fn style_of(style: TScalarStyle) -> ScalarStyle {
    match style {
        TScalarStyle::SingleQuoted => ScalarStyle::SingleQuoted,
        TScalarStyle::DoubleQuoted => ScalarStyle::DoubleQuoted,
        TScalarStyle::Literal => ScalarStyle::Literal,
        TScalarStyle::Folded => ScalarStyle::Folded,
        TScalarStyle::Plain => ScalarStyle::Plain,
    }
}

impl<'s> Builder<'s> {
    pub fn new(text: &'s str) -> Builder<'s> {
        Builder {
            src: Source::new(text),
            nodes: Vec::new(),
            root: None,
            stack: Vec::new(),
            cursor: 0,
            anchors: HashMap::new(),
            documents: 0,
            errors: Vec::new(),
        }
    }

    pub fn source(&self) -> &Source<'s> {
        &self.src
    }

    pub fn finish(self) -> Tree {
        Tree {
            nodes: self.nodes,
            root: self.root,
        }
    }

    pub fn event(&mut self, event: Event, mark: &Marker) -> Flow {
        match event {
            Event::Nothing | Event::StreamStart | Event::DocumentEnd => Flow::Continue,
            Event::StreamEnd => Flow::Stop,
            Event::DocumentStart => self.document_start(mark),
            Event::Alias(id) => {
                self.alias(id, mark);
                Flow::Continue
            }
            Event::Scalar(value, style, anchor, tag) => {
                self.scalar(value, style, anchor, tag.as_ref(), mark);
                Flow::Continue
            }
            Event::SequenceStart(anchor, tag) => self.open(true, anchor, tag.as_ref(), mark),
            Event::MappingStart(anchor, tag) => self.open(false, anchor, tag.as_ref(), mark),
            Event::SequenceEnd | Event::MappingEnd => {
                self.close(mark);
                Flow::Continue
            }
        }
    }

    /// Records an error at `start..end` and closes every open collection there.
    pub fn fail(&mut self, start: usize, end: usize, message: String) {
        while let Some(frame) = self.stack.pop() {
            self.finish_frame(frame, start);
        }
        self.errors.push(RawError {
            start,
            end,
            message,
        });
    }

    fn document_start(&mut self, mark: &Marker) -> Flow {
        self.documents += 1;
        let pos = self.src.offset(mark);
        // The marker of an implicit document start can point anywhere: a `---` only counts when
        // it is the next thing in the source (after directives, for the first document).
        if self.documents == 1 {
            let mut next = self.src.skip_trivia(self.cursor);
            while self.src.byte(next) == Some(b'%') {
                next = self.src.skip_trivia(self.src.line_end(next));
            }
            if next == pos && self.src.starts_with(pos, "---") {
                self.cursor = pos + 3;
            }
            return Flow::Continue;
        }
        // The second document starts at its `---`, or at its first token after a `...`.
        let mut start = self.src.skip_trivia(self.cursor);
        if self.src.starts_with(start, "...") {
            start = self.src.skip_trivia(start + 3);
        }
        let end = if self.src.starts_with(start, "---") {
            start + 3
        } else {
            start
        };
        self.fail(start, end, "only one YAML document is supported".to_owned());
        Flow::Stop
    }

    fn role(&self) -> Role {
        match self.stack.last() {
            None => Role::Root,
            Some(f) if f.shape.is_mapping() && f.pending_key.is_none() => Role::Key,
            Some(f) if f.shape.is_mapping() => Role::Value,
            Some(f) if f.shape == Shape::BlockSeq => Role::BlockItem,
            Some(_) => Role::FlowItem,
        }
    }

    fn in_flow(&self) -> bool {
        self.stack.last().is_some_and(|f| f.shape.is_flow())
    }

    /// Moves the cursor past the indicator in front of the next node, if it is there.
    /// Returns whether one was found.
    fn consume_indicator(&mut self, role: Role) -> bool {
        let mut at = self.src.skip_trivia(self.cursor);
        let found = match role {
            Role::Root => false,
            Role::Key => {
                if self.in_flow() && self.src.byte(at) == Some(b',') {
                    self.cursor = at + 1;
                    at = self.src.skip_trivia(at + 1);
                }
                self.src.is_indicator(at, b'?')
            }
            Role::Value => self.src.byte(at) == Some(b':'),
            Role::BlockItem => self.src.is_indicator(at, b'-'),
            Role::FlowItem => self.src.byte(at) == Some(b','),
        };
        if found {
            self.cursor = at + 1;
        }
        found
    }

    /// Consumes the indicator and the properties in front of a node.
    fn begin_node(&mut self, anchor: usize, tag: Option<&EventTag>) -> (Role, bool, Option<Props>) {
        let role = self.role();
        let indicator = self.consume_indicator(role);
        let props = if anchor > 0 || tag.is_some() {
            self.src.properties(self.cursor, tag.is_some(), anchor > 0)
        } else {
            None
        };
        if let Some(p) = &props {
            self.cursor = p.end;
        }
        (role, indicator, props)
    }

    /// Adds a node to the arena (and to its parent, or as the root).
    fn push_node(
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
        let id = self.new_node(NodeData {
            range: range(start, end),
            kind,
            tag,
            anchor: if anchor > 0 { props_anchor } else { None },
        });
        if anchor > 0 {
            self.anchors.insert(anchor, id);
        }
        self.attach(id);
        id
    }

    fn new_node(&mut self, data: NodeData) -> NodeId {
        let id = NodeId(u32::try_from(self.nodes.len()).unwrap_or(u32::MAX));
        self.nodes.push(data);
        id
    }

    fn null_at(at: usize) -> NodeData {
        NodeData {
            range: range(at, at),
            kind: NodeKind::Scalar(Scalar {
                value: String::new(),
                style: ScalarStyle::Plain,
            }),
            tag: None,
            anchor: None,
        }
    }

    /// Adds a finished or just opened node to its parent (or makes it the root).
    fn attach(&mut self, id: NodeId) {
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

    fn scalar(
        &mut self,
        value: String,
        style: TScalarStyle,
        anchor: usize,
        tag: Option<&EventTag>,
        mark: &Marker,
    ) {
        let (role, indicator, props) = self.begin_node(anchor, tag);
        let (start, end) = if style == TScalarStyle::Plain && value.is_empty() {
            // A null written as nothing: an empty range after its indicator, or its properties.
            match &props {
                Some(p) => (p.start, p.end),
                None if role == Role::Key && !indicator => {
                    let at = self.src.skip_trivia(self.cursor);
                    (at, at)
                }
                None => (self.cursor, self.cursor),
            }
        } else {
            let mut content = self.src.offset(mark);
            if matches!(style, TScalarStyle::Literal | TScalarStyle::Folded) {
                let at = self.src.skip_trivia(self.cursor);
                if matches!(self.src.byte(at), Some(b'|' | b'>')) {
                    content = at;
                }
            }
            (content, self.src.scalar_end(content, style, &value))
        };
        let kind = NodeKind::Scalar(Scalar {
            value,
            style: style_of(style),
        });
        self.push_node(start, end, kind, props, anchor, tag);
        self.cursor = self.cursor.max(end);
    }

    fn alias(&mut self, anchor: usize, mark: &Marker) {
        let (_, _, _) = self.begin_node(0, None);
        let start = self.src.offset(mark);
        let end = if self.src.byte(start) == Some(b'*') {
            self.src.name_end(start + 1)
        } else {
            start
        };
        let kind = NodeKind::Alias {
            name: self.src.slice(start + 1, end).to_owned(),
            target: self.anchors.get(&anchor).copied(),
        };
        self.push_node(start, end, kind, None, 0, None);
        self.cursor = self.cursor.max(end);
    }

    fn open(&mut self, seq: bool, anchor: usize, tag: Option<&EventTag>, mark: &Marker) -> Flow {
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

    fn close(&mut self, mark: &Marker) {
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
    fn finish_frame(&mut self, frame: Frame, end: usize) -> usize {
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

    fn range_of(&self, id: NodeId) -> (usize, usize) {
        self.nodes.get(id.0 as usize).map_or((0, 0), |n| {
            (
                u32::from(n.range.start()) as usize,
                u32::from(n.range.end()) as usize,
            )
        })
    }
}
