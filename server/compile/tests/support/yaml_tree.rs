//! Test-only stand-in for `sls_syntax::parse`: builds an `sls_syntax::Tree` (without byte
//! ranges) from yaml-rust2's parser events, first document only.

use std::collections::HashMap;

use sls_syntax::{Entry, NodeData, NodeId, NodeKind, Scalar, ScalarStyle, Tag, TextRange, Tree};
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser, Tag as YamlTag};
use yaml_rust2::scanner::{Marker, TScalarStyle};

enum Frame {
    Sequence {
        id: NodeId,
        items: Vec<NodeId>,
    },
    Mapping {
        id: NodeId,
        entries: Vec<Entry>,
        key: Option<NodeId>,
    },
}

#[derive(Default)]
struct Builder {
    nodes: Vec<NodeData>,
    stack: Vec<Frame>,
    anchors: HashMap<usize, NodeId>,
    root: Option<NodeId>,
    done: bool,
}

fn tag_of(tag: Option<YamlTag>) -> Option<Tag> {
    let tag = tag?;
    let text = match tag.handle.as_str() {
        "!" => format!("!{}", tag.suffix),
        "!!" | "tag:yaml.org,2002:" => format!("!!{}", tag.suffix),
        other => format!("{other}{}", tag.suffix),
    };
    Some(Tag {
        text,
        range: TextRange::default(),
    })
}

impl Builder {
    fn add(&mut self, kind: NodeKind, tag: Option<YamlTag>, anchor: usize) -> NodeId {
        let id = NodeId(self.nodes.len() as u32);
        self.nodes.push(NodeData {
            range: TextRange::default(),
            kind,
            tag: tag_of(tag),
            anchor: (anchor != 0).then(|| format!("a{anchor}")),
        });
        if anchor != 0 {
            self.anchors.insert(anchor, id);
        }
        id
    }

    fn attach(&mut self, id: NodeId) {
        match self.stack.last_mut() {
            Some(Frame::Sequence { items, .. }) => items.push(id),
            Some(Frame::Mapping { entries, key, .. }) => match key.take() {
                Some(k) => entries.push(Entry { key: k, value: id }),
                None => *key = Some(id),
            },
            None => {
                self.root.get_or_insert(id);
                self.done = true;
            }
        }
    }
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, event: Event, _mark: Marker) {
        if self.done {
            return;
        }
        match event {
            Event::Scalar(value, style, anchor, tag) => {
                let style = match style {
                    TScalarStyle::Plain => ScalarStyle::Plain,
                    TScalarStyle::SingleQuoted => ScalarStyle::SingleQuoted,
                    TScalarStyle::DoubleQuoted => ScalarStyle::DoubleQuoted,
                    TScalarStyle::Literal => ScalarStyle::Literal,
                    TScalarStyle::Folded => ScalarStyle::Folded,
                };
                let id = self.add(NodeKind::Scalar(Scalar { value, style }), tag, anchor);
                self.attach(id);
            }
            Event::Alias(anchor) => {
                let target = self.anchors.get(&anchor).copied();
                let id = self.add(
                    NodeKind::Alias {
                        name: format!("a{anchor}"),
                        target,
                    },
                    None,
                    0,
                );
                self.attach(id);
            }
            Event::SequenceStart(anchor, tag) => {
                let id = self.add(
                    NodeKind::Sequence {
                        items: Vec::new(),
                        flow: false,
                    },
                    tag,
                    anchor,
                );
                self.stack.push(Frame::Sequence {
                    id,
                    items: Vec::new(),
                });
            }
            Event::MappingStart(anchor, tag) => {
                let id = self.add(
                    NodeKind::Mapping {
                        entries: Vec::new(),
                        flow: false,
                    },
                    tag,
                    anchor,
                );
                self.stack.push(Frame::Mapping {
                    id,
                    entries: Vec::new(),
                    key: None,
                });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let Some(frame) = self.stack.pop() else {
                    return;
                };
                let (id, kind) = match frame {
                    Frame::Sequence { id, items } => {
                        (id, NodeKind::Sequence { items, flow: false })
                    }
                    Frame::Mapping { id, entries, .. } => (
                        id,
                        NodeKind::Mapping {
                            entries,
                            flow: false,
                        },
                    ),
                };
                if let Some(node) = self.nodes.get_mut(id.0 as usize) {
                    node.kind = kind;
                }
                self.attach(id);
            }
            _ => {}
        }
    }
}

/// The first document of `text` as an `sls_syntax::Tree` (empty on a syntax error).
pub fn tree_from_yaml_rust2(text: &str) -> Tree {
    let mut builder = Builder::default();
    let mut parser = Parser::new_from_str(text);
    if parser.load(&mut builder, false).is_err() {
        return Tree::default();
    }
    Tree {
        nodes: builder.nodes,
        root: builder.root,
    }
}
