//! Builds the tree from yaml-rust2's events with an explicit stack of open collections, so
//! nesting depth never touches the call stack.
//!
//! A cursor moves through the source as events arrive: everything before it has been accounted
//! for. Indicators (`:`, `-`, `?`, `,`) and properties (`!tag`, `&anchor`) are found from the
//! cursor, contents from yaml-rust2's markers, ends by scanning the source.

use std::collections::HashMap;

use yaml_rust2::parser::{Event, Tag as EventTag};
use yaml_rust2::scanner::{Marker, TScalarStyle};

mod collections;
mod nodes;

use super::source::{Props, Source};
use crate::tree::{CompactString, NodeData, NodeId, NodeKind, Scalar, ScalarStyle, Tree};
use collections::{Frame, Shape};

/// Collections nested deeper than this are not built.
pub const MAX_DEPTH: usize = 1000;

/// Whether the event loop should keep pulling events.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Flow {
    Continue,
    Stop,
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
            // In block context a `:` not followed by a blank starts a plain scalar (`:-`), as
            // after an explicit key whose value is left out.
            Role::Value if self.in_flow() => self.src.byte(at) == Some(b':'),
            Role::Value => self.src.is_value_indicator(at),
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
            value: CompactString::from(value),
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
}
