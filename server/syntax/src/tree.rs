//! The positioned YAML tree: an arena of nodes with byte ranges, and a borrowed cursor API.
//!
//! Nodes live in one `Vec` and refer to each other by `NodeId`, so deep documents neither
//! recurse on drop nor need `Rc`. `Node` is a cheap `Copy` cursor (`&Tree` + id) with the
//! accessors the upper layers use.

pub use compact_str::CompactString;
use text_size::TextRange;

use crate::view::{FileId, View};

/// Index of a node in its `Tree`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId(pub u32);

/// A YAML tag written on a node, e.g. `!Ref`, with the range of the tag text itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    /// The tag as written: `!Ref`, `!GetAtt`, `!!str`.
    pub text: String,
    pub range: TextRange,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScalarStyle {
    Plain,
    SingleQuoted,
    DoubleQuoted,
    Literal,
    Folded,
}

/// The YAML 1.2 core-schema type of a scalar (quoted and block scalars are always strings).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScalarKind {
    Null,
    Bool(bool),
    Int,
    Float,
    String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scalar {
    /// The scalar's value after unescaping and folding (most are keys and short values: up to
    /// 24 bytes are kept inline, without an allocation of their own).
    pub value: CompactString,
    pub style: ScalarStyle,
}

impl Scalar {
    /// The core-schema type: `~`, `null`, empty plain → Null; `true`/`false` → Bool; numbers.
    pub fn kind(&self) -> ScalarKind {
        if self.style != ScalarStyle::Plain {
            return ScalarKind::String;
        }
        let v = self.value.as_str();
        match v {
            "" | "~" | "null" | "Null" | "NULL" => ScalarKind::Null,
            "true" | "True" | "TRUE" => ScalarKind::Bool(true),
            "false" | "False" | "FALSE" => ScalarKind::Bool(false),
            _ if is_int(v) => ScalarKind::Int,
            _ if is_float(v) => ScalarKind::Float,
            _ => ScalarKind::String,
        }
    }
}

fn is_int(v: &str) -> bool {
    let digits = v.strip_prefix(['-', '+']).unwrap_or(v);
    if let Some(hex) = digits.strip_prefix("0x") {
        return !hex.is_empty() && hex.chars().all(|c| c.is_ascii_hexdigit());
    }
    if let Some(oct) = digits.strip_prefix("0o") {
        return !oct.is_empty() && oct.chars().all(|c| ('0'..='7').contains(&c));
    }
    !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit())
}

fn is_float(v: &str) -> bool {
    matches!(
        v,
        ".inf" | ".Inf" | ".INF" | "+.inf" | "-.inf" | "+.Inf" | "-.Inf" | ".nan" | ".NaN" | ".NAN"
    ) || (v.chars().any(|c| c.is_ascii_digit())
        && v.chars().all(|c| c.is_ascii_digit() || "+-.eE".contains(c))
        && v.parse::<f64>().is_ok())
}

/// One `key: value` pair of a mapping. Duplicate keys are kept as separate entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    pub key: NodeId,
    pub value: NodeId,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NodeKind {
    Mapping {
        entries: Vec<Entry>,
        flow: bool,
    },
    Sequence {
        items: Vec<NodeId>,
        flow: bool,
    },
    Scalar(Scalar),
    /// `*name`; `target` is the anchored node it refers to, when the anchor was defined before.
    Alias {
        name: String,
        target: Option<NodeId>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeData {
    /// From the first character of the node (its tag or anchor, if any) to the end of its
    /// last character. A null value written as nothing (`key:`) has an empty range right after
    /// the colon.
    pub range: TextRange,
    pub kind: NodeKind,
    /// The tag and anchor written on the node, kept out of line: almost no node has either,
    /// and a tree of a large config has a hundred thousand nodes.
    pub props: Option<Box<NodeProps>>,
}

/// What is written on a node besides its content.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NodeProps {
    pub tag: Option<Tag>,
    /// The anchor name defined on this node (`&name`), if any.
    pub anchor: Option<String>,
}

impl NodeData {
    pub fn new(range: TextRange, kind: NodeKind, tag: Option<Tag>, anchor: Option<String>) -> Self {
        let props =
            (tag.is_some() || anchor.is_some()).then(|| Box::new(NodeProps { tag, anchor }));
        NodeData { range, kind, props }
    }

    /// A node with neither tag nor anchor.
    pub fn plain(range: TextRange, kind: NodeKind) -> Self {
        NodeData {
            range,
            kind,
            props: None,
        }
    }

    pub fn tag(&self) -> Option<&Tag> {
        self.props.as_ref().and_then(|p| p.tag.as_ref())
    }

    pub fn tag_mut(&mut self) -> Option<&mut Tag> {
        self.props.as_mut().and_then(|p| p.tag.as_mut())
    }

    /// The anchor name defined on this node (`&name`), if any.
    pub fn anchor(&self) -> Option<&str> {
        self.props.as_ref().and_then(|p| p.anchor.as_deref())
    }
}

/// A parsed YAML document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tree {
    pub nodes: Vec<NodeData>,
    pub root: Option<NodeId>,
}

impl Tree {
    /// The data of a node; an id outside the tree reads as an empty null scalar.
    pub fn data(&self, id: NodeId) -> &NodeData {
        self.view().data(id)
    }

    pub fn node(&self, id: NodeId) -> Node<'_> {
        self.view().node(id)
    }

    pub fn root(&self) -> Option<Node<'_>> {
        self.view().root()
    }

    /// The tree as it is, without an overlay.
    pub fn view(&self) -> View<'_> {
        View::new(self, None)
    }

    /// The innermost nodes containing `offset`, outermost first (a key and its value are both
    /// reported when the offset touches both).
    pub fn path_at(&self, offset: text_size::TextSize) -> Vec<Node<'_>> {
        let mut acc = Vec::new();
        let mut current = self.root();
        while let Some(node) = current {
            acc.push(node);
            current = node.children().find(|child| {
                let r = child.range();
                r.start() <= offset && offset <= r.end()
            });
        }
        acc
    }
}

/// A borrowed cursor on one node of a view. Stepping to a child follows the view's
/// replacements, so a node reached from the root shows resolved values.
#[derive(Debug, Clone, Copy)]
pub struct Node<'a> {
    view: View<'a>,
    pub id: NodeId,
}

impl<'a> Node<'a> {
    pub(crate) fn in_view(view: View<'a>, id: NodeId) -> Node<'a> {
        Node { view, id }
    }

    /// The view this node belongs to.
    pub fn view(self) -> View<'a> {
        self.view
    }

    pub fn data(self) -> &'a NodeData {
        self.view.data(self.id)
    }

    /// The file this node's range points into.
    pub fn file(self) -> FileId {
        self.view.file(self.id)
    }

    pub fn range(self) -> TextRange {
        self.data().range
    }

    pub fn kind(self) -> &'a NodeKind {
        &self.data().kind
    }

    pub fn tag(self) -> Option<&'a Tag> {
        self.data().tag()
    }

    /// Follows an alias to its anchored node (one step at most, aliases cannot chain).
    pub fn resolve(self) -> Node<'a> {
        match self.kind() {
            NodeKind::Alias {
                target: Some(target),
                ..
            } => self.view.step(*target),
            _ => self,
        }
    }

    pub fn as_scalar(self) -> Option<&'a Scalar> {
        match self.kind() {
            NodeKind::Scalar(s) => Some(s),
            _ => None,
        }
    }

    /// The scalar's text when it is a scalar of any type (numbers and booleans included).
    pub fn as_str(self) -> Option<&'a str> {
        self.as_scalar().map(|s| s.value.as_str())
    }

    pub fn is_null(self) -> bool {
        self.tag().is_none() && matches!(self.as_scalar().map(Scalar::kind), Some(ScalarKind::Null))
    }

    pub fn is_mapping(self) -> bool {
        matches!(self.kind(), NodeKind::Mapping { .. })
    }

    pub fn is_sequence(self) -> bool {
        matches!(self.kind(), NodeKind::Sequence { .. })
    }

    /// The entries of a mapping, in source order; empty for anything else.
    pub fn entries(self) -> impl Iterator<Item = (Node<'a>, Node<'a>)> + 'a {
        let view = self.view;
        let entries: &'a [Entry] = match self.kind() {
            NodeKind::Mapping { entries, .. } => entries,
            _ => &[],
        };
        entries
            .iter()
            .map(move |e| (view.node(e.key), view.step(e.value)))
    }

    /// The items of a sequence, in source order; empty for anything else.
    pub fn items(self) -> impl Iterator<Item = Node<'a>> + 'a {
        let view = self.view;
        let items: &'a [NodeId] = match self.kind() {
            NodeKind::Sequence { items, .. } => items,
            _ => &[],
        };
        items.iter().map(move |id| view.step(*id))
    }

    /// The first entry of a mapping whose key is the scalar `key`.
    pub fn get_entry(self, key: &str) -> Option<(Node<'a>, Node<'a>)> {
        self.entries().find(|(k, _)| k.as_str() == Some(key))
    }

    /// The value of the first entry whose key is `key`.
    pub fn get(self, key: &str) -> Option<Node<'a>> {
        self.get_entry(key).map(|(_, v)| v)
    }

    /// Direct children: keys and values of a mapping (interleaved), items of a sequence.
    pub fn children(self) -> impl Iterator<Item = Node<'a>> + 'a {
        let view = self.view;
        let (entries, items): (&'a [Entry], &'a [NodeId]) = match self.kind() {
            NodeKind::Mapping { entries, .. } => (entries, &[]),
            NodeKind::Sequence { items, .. } => (&[], items),
            _ => (&[], &[]),
        };
        entries
            .iter()
            .flat_map(move |e| [view.node(e.key), view.step(e.value)])
            .chain(items.iter().map(move |id| view.step(*id)))
    }
}
