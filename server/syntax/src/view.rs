//! A tree seen through an overlay: some nodes replaced by others, new nodes appended.
//!
//! Variable resolution does not copy the document's tree. It builds an `Overlay` that says
//! "read node B wherever the tree has node A" and holds the nodes it had to create (resolved
//! scalars, the trees of included files). A `View` pairs the tree with an overlay; every `Node`
//! obtained from a view follows the replacements when it steps to a child, so the layers above
//! read resolved values without knowing how they were resolved.

use text_size::TextSize;

use crate::tree::{Entry, Node, NodeData, NodeId, NodeKind, Tag, Tree};

/// Which file a node's range points into: the analysed document, or a file it includes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct FileId(pub u32);

impl FileId {
    /// The analysed document itself.
    pub const MAIN: FileId = FileId(0);
}

/// Replacements and appended nodes layered over one base tree.
#[derive(Debug, Clone, Default)]
pub struct Overlay {
    /// Number of nodes in the base tree: appended nodes are numbered from here.
    base_len: u32,
    nodes: Vec<NodeData>,
    /// One bit per node id (base and appended): whether `replacements` has an entry for it.
    replaced: Vec<u64>,
    /// `(replaced, replacement)`, sorted by the replaced id.
    replacements: Vec<(NodeId, NodeId)>,
    /// Runs of appended nodes that come from another file: `(first id of the run, file)`,
    /// sorted by id. Appended nodes outside any run belong to the main document.
    origins: Vec<(NodeId, FileId)>,
    sorted: bool,
}

impl Overlay {
    /// An empty overlay for `base`.
    pub fn new(base: &Tree) -> Overlay {
        Overlay {
            base_len: len_u32(base.nodes.len()),
            sorted: true,
            ..Overlay::default()
        }
    }

    /// No replacement and no appended node.
    pub fn is_empty(&self) -> bool {
        self.replacements.is_empty() && self.nodes.is_empty()
    }

    /// Appends a node created by the overlay's author (e.g. a resolved scalar) and returns its
    /// id. Child ids inside `data` must already be ids of this view.
    pub fn push(&mut self, data: NodeData) -> NodeId {
        let id = NodeId(self.base_len.saturating_add(len_u32(self.nodes.len())));
        self.nodes.push(data);
        id
    }

    /// Appends a copy of a whole tree (an included file), renumbering its nodes, and marks the
    /// copied nodes as coming from `file`. Returns the id of the copy's root.
    pub fn append_tree(&mut self, tree: &Tree, file: FileId) -> Option<NodeId> {
        self.append_tree_at(tree, file, TextSize::from(0))
    }

    /// `append_tree`, with every range (and tag range) of the copy moved `base` bytes on: so
    /// the ranges of several files can share one offset space (the included file's text
    /// placed after the document's).
    pub fn append_tree_at(&mut self, tree: &Tree, file: FileId, base: TextSize) -> Option<NodeId> {
        let offset = self.base_len.saturating_add(len_u32(self.nodes.len()));
        let shift = |id: NodeId| NodeId(id.0.saturating_add(offset));
        let first = NodeId(offset);
        for data in &tree.nodes {
            let kind = match &data.kind {
                NodeKind::Mapping { entries, flow } => NodeKind::Mapping {
                    entries: entries
                        .iter()
                        .map(|e| Entry {
                            key: shift(e.key),
                            value: shift(e.value),
                        })
                        .collect(),
                    flow: *flow,
                },
                NodeKind::Sequence { items, flow } => NodeKind::Sequence {
                    items: items.iter().copied().map(shift).collect(),
                    flow: *flow,
                },
                NodeKind::Scalar(scalar) => NodeKind::Scalar(scalar.clone()),
                NodeKind::Alias { name, target } => NodeKind::Alias {
                    name: name.clone(),
                    target: target.map(shift),
                },
            };
            let tag = data.tag().map(|tag| Tag {
                text: tag.text.clone(),
                range: tag.range + base,
            });
            let anchor = data.anchor().map(str::to_owned);
            self.nodes
                .push(NodeData::new(data.range + base, kind, tag, anchor));
        }
        if !tree.nodes.is_empty() {
            self.mark_origin(first, file);
        }
        tree.root.map(shift)
    }

    /// Appends a node that belongs to `file` (e.g. a resolved scalar of an included file).
    pub fn push_in(&mut self, data: NodeData, file: FileId) -> NodeId {
        let id = self.push(data);
        if file != FileId::MAIN {
            self.mark_origin(id, file);
        }
        id
    }

    /// Records that the nodes appended from `first` to the current end come from `file`.
    fn mark_origin(&mut self, first: NodeId, file: FileId) {
        self.origins.push((first, file));
        let end = NodeId(self.base_len.saturating_add(len_u32(self.nodes.len())));
        // Nodes appended after this run belong to the main document again.
        self.origins.push((end, FileId::MAIN));
    }

    /// Wherever the view would step to `node`, it steps to `with` instead. A later call for the
    /// same node wins.
    pub fn replace(&mut self, node: NodeId, with: NodeId) {
        let index = node.0 as usize;
        let word = index / 64;
        if self.replaced.len() <= word {
            self.replaced.resize(word + 1, 0);
        }
        self.replaced[word] |= 1 << (index % 64);
        if let Some(last) = self.replacements.last() {
            if last.0 >= node {
                self.sorted = false;
            }
        }
        self.replacements.push((node, with));
    }

    /// Sorts the replacements (last call wins) so lookups can binary-search. `View::new` needs
    /// a finished overlay; `finish` is idempotent.
    pub fn finish(&mut self) {
        if self.sorted {
            return;
        }
        // Stable sort keeps call order among equal ids; keep the last of each run.
        self.replacements.sort_by_key(|(node, _)| *node);
        let mut deduped: Vec<(NodeId, NodeId)> = Vec::with_capacity(self.replacements.len());
        for pair in self.replacements.drain(..) {
            match deduped.last_mut() {
                Some(last) if last.0 == pair.0 => *last = pair,
                _ => deduped.push(pair),
            }
        }
        self.replacements = deduped;
        self.sorted = true;
    }

    /// The replacement of `node`, following chains of replacements (bounded, so a cycle made
    /// by mistake cannot hang).
    fn redirect(&self, node: NodeId) -> NodeId {
        let mut current = node;
        for _ in 0..64 {
            let index = current.0 as usize;
            let marked = self
                .replaced
                .get(index / 64)
                .is_some_and(|word| word & (1 << (index % 64)) != 0);
            if !marked {
                return current;
            }
            let found = if self.sorted {
                self.replacements
                    .binary_search_by_key(&current, |(from, _)| *from)
                    .ok()
                    .map(|i| self.replacements[i].1)
            } else {
                self.replacements
                    .iter()
                    .rev()
                    .find(|(from, _)| *from == current)
                    .map(|(_, to)| *to)
            };
            match found {
                Some(next) if next != current => current = next,
                _ => return current,
            }
        }
        current
    }

    /// Whether a node with an id in `ids` is replaced.
    fn replaces_any(&self, ids: std::ops::Range<u32>) -> bool {
        if !self.sorted {
            return self
                .replacements
                .iter()
                .any(|(from, _)| ids.contains(&from.0));
        }
        let at = self
            .replacements
            .partition_point(|(from, _)| from.0 < ids.start);
        self.replacements
            .get(at)
            .is_some_and(|(from, _)| from.0 < ids.end)
    }

    fn appended(&self, id: NodeId) -> Option<&NodeData> {
        let index = id.0.checked_sub(self.base_len)?;
        self.nodes.get(index as usize)
    }

    fn origin(&self, id: NodeId) -> FileId {
        if id.0 < self.base_len {
            return FileId::MAIN;
        }
        match self.origins.partition_point(|(first, _)| *first <= id) {
            0 => FileId::MAIN,
            n => self.origins[n - 1].1,
        }
    }
}

/// A tree, possibly seen through an overlay. Cheap to copy.
#[derive(Debug, Clone, Copy)]
pub struct View<'a> {
    tree: &'a Tree,
    overlay: Option<&'a Overlay>,
}

impl<'a> View<'a> {
    /// The view of `tree` through `overlay` (an empty or absent overlay shows the tree as is).
    pub fn new(tree: &'a Tree, overlay: Option<&'a Overlay>) -> View<'a> {
        View {
            tree,
            overlay: overlay.filter(|o| !o.is_empty()),
        }
    }

    /// The tree underneath.
    pub fn tree(self) -> &'a Tree {
        self.tree
    }

    /// Whether anything is replaced or appended.
    pub fn has_overlay(self) -> bool {
        self.overlay.is_some()
    }

    /// Whether the view shows something else than the tree for any of the nodes `ids`.
    pub fn replaces_any(self, ids: std::ops::Range<u32>) -> bool {
        self.overlay.is_some_and(|o| o.replaces_any(ids))
    }

    /// The data of a node of this view. An id that belongs to no node of the view (a bug of
    /// the caller) reads as an empty null scalar rather than panicking.
    pub fn data(self, id: NodeId) -> &'a NodeData {
        if let Some(data) = self.tree.nodes.get(id.0 as usize) {
            return data;
        }
        self.overlay
            .and_then(|o| o.appended(id))
            .unwrap_or_else(|| missing_node())
    }

    /// The node with this id, exactly (no replacement applied).
    pub fn node(self, id: NodeId) -> Node<'a> {
        Node::in_view(self, id)
    }

    /// The root, after replacement.
    pub fn root(self) -> Option<Node<'a>> {
        self.tree.root.map(|id| self.step(id))
    }

    /// The node the view shows where the tree refers to `id`: its replacement, if any.
    pub fn step(self, id: NodeId) -> Node<'a> {
        let id = match self.overlay {
            Some(overlay) => overlay.redirect(id),
            None => id,
        };
        Node::in_view(self, id)
    }

    /// The file a node's range points into.
    pub fn file(self, id: NodeId) -> FileId {
        self.overlay.map_or(FileId::MAIN, |o| o.origin(id))
    }
}

fn missing_node() -> &'static NodeData {
    static MISSING: std::sync::OnceLock<NodeData> = std::sync::OnceLock::new();
    MISSING.get_or_init(|| {
        NodeData::plain(
            text_size::TextRange::empty(0.into()),
            NodeKind::Scalar(crate::tree::Scalar {
                value: crate::tree::CompactString::default(),
                style: crate::tree::ScalarStyle::Plain,
            }),
        )
    })
}

fn len_u32(len: usize) -> u32 {
    u32::try_from(len).unwrap_or(u32::MAX)
}
