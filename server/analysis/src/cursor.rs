//! Where the cursor is, in YAML terms, computed from the text so half-typed documents work.
//!
//! The cursor's line is scanned up to the cursor ([`line`]); its parents are found by walking
//! back to lines with less indentation (their keys and `- ` items). As soon as a line's key is
//! also a key of the parsed tree (which stops at the first syntax error), the rest of the path
//! comes from the tree ([`chain`]), so the walk stays short on large valid files.

pub(crate) mod chain;
pub(crate) mod line;

use sls_model::schema::PathSegment;
use sls_syntax::{NodeId, TextRange, TextSize, Tree};

use chain::{chain_to_key, line_start, Link};
use line::{End, Frame, Line};

/// What is being typed at the cursor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Place {
    /// A key of the mapping at `path` (or an item of the sequence at `path`).
    Key,
    /// The value at `path` (whose last segment is the key).
    Value,
}

#[derive(Debug, Clone)]
pub(crate) struct Cursor<'a> {
    pub path: Vec<PathSegment<'a>>,
    pub place: Place,
    /// What is already typed of the word, and its range (replaced by completions).
    pub typed: &'a str,
    pub word: TextRange,
    /// Leading spaces of the cursor's line, and the column where the word starts.
    pub line_indent: usize,
    pub column: usize,
    /// Keys already present in the mapping being completed.
    pub siblings: Vec<&'a str>,
    /// The line goes on after the cursor with a `:`: insert bare names.
    pub bare: bool,
    /// The cursor is inside a flow collection: no multi-line insertions.
    pub in_flow: bool,
}

/// The cursor context at `offset` (clamped to the text and to a char boundary), or `None` where
/// nothing can be completed: comments, block scalars, right after a `:`, after a closed value.
pub(crate) fn cursor_at<'a>(text: &'a str, tree: &'a Tree, offset: TextSize) -> Option<Cursor<'a>> {
    let offset = clamp(text, offset);
    let start = line_start(text, offset);
    let prefix = text.get(start..offset)?.trim_end_matches('\r');
    if prefix.ends_with(':') {
        return None;
    }
    let line = line::scan(prefix);
    let (word_start, after_key) = match line.end {
        End::Start { after_key } => (prefix.len(), after_key),
        End::Word { start, after_key } => (start, after_key),
        End::Done | End::Comment => return None,
    };
    let rest = text.get(offset..).unwrap_or_default();
    let rest = rest.split('\n').next().unwrap_or_default();
    let own: Vec<PathSegment<'a>> = line.frames.iter().filter_map(Frame::segment).collect();
    let mut walk = Walk::new(text, tree, &line, offset, own.is_empty() && !after_key);
    walk.back(start)?;
    let mut path = walk.prefix;
    path.extend(walk.ancestors.iter().rev());
    let in_flow = walk.in_flow || line.frames.iter().any(Frame::is_flow);
    path.extend(own);
    let mut siblings = walk.siblings;
    if line
        .frames
        .last()
        .is_some_and(|f| f.kind == line::FrameKind::FlowMap)
    {
        siblings.extend(line.flow_keys.iter().copied());
    }
    if walk.collect && !walk.tree_complete {
        let line_end = offset + rest.len();
        siblings.extend(forward_siblings(text, tree, line_end, line.indent));
    }
    Some(Cursor {
        path,
        place: if after_key { Place::Value } else { Place::Key },
        typed: prefix.get(word_start..).unwrap_or_default(),
        word: range(start + word_start, offset),
        line_indent: line.indent,
        column: word_start,
        siblings,
        bare: rest.contains(':'),
        in_flow,
    })
}

/// The backward walk over the lines before the cursor's.
struct Walk<'a> {
    text: &'a str,
    tree: &'a Tree,
    /// Parent lines' columns must be below this one (or equal, for a key owning a `- ` item).
    col: usize,
    dash: bool,
    /// The path found in the tree, outermost first.
    prefix: Vec<PathSegment<'a>>,
    /// Segments found in the text, innermost first.
    ancestors: Vec<PathSegment<'a>>,
    siblings: Vec<&'a str>,
    /// Sibling keys are collected (a block key is typed), until the first parent line.
    collect: bool,
    /// The tree's mapping gave every sibling key.
    tree_complete: bool,
    in_flow: bool,
    /// The cursor: its own key (when it edits one) is not a sibling.
    offset: TextSize,
}

impl<'a> Walk<'a> {
    fn new(
        text: &'a str,
        tree: &'a Tree,
        line: &Line<'a>,
        offset: usize,
        collect: bool,
    ) -> Walk<'a> {
        Walk {
            offset: range(offset, offset).start(),
            text,
            tree,
            col: line.indent,
            dash: line.starts_with_dash(),
            prefix: Vec::new(),
            ancestors: Vec::new(),
            siblings: Vec::new(),
            collect,
            tree_complete: false,
            in_flow: false,
        }
    }

    /// Walks back from the line starting at `pos`; `None` when the cursor is in a block scalar.
    fn back(&mut self, mut pos: usize) -> Option<()> {
        let mut nearest = true;
        if self.col == 0 && !self.dash && self.collect {
            self.take_tree_keys(self.tree.root);
        }
        while self.col > 0 || self.dash {
            let Some((start, text)) = previous_line(self.text, pos) else {
                return Some(());
            };
            pos = start;
            let indent = text.bytes().take_while(|b| *b == b' ').count();
            if indent > self.col || matches!(text.as_bytes().get(indent), None | Some(b'#')) {
                continue;
            }
            let scanned = line::scan(text);
            let owns_dash = self.dash && scanned.frames.first().is_some_and(|f| f.key_like());
            let parent = indent < self.col || owns_dash;
            let included = self.included(&scanned.frames);
            if nearest && parent && included == scanned.frames.len() && scanned.opens_block_scalar()
            {
                return None;
            }
            if self.finish_from_tree(start, &scanned, nearest) {
                return Some(());
            }
            if !parent {
                if let (true, Some(first)) = (self.collect && nearest, scanned.frames.first()) {
                    if first.kind == line::FrameKind::Key {
                        self.siblings.push(first.key);
                    }
                }
                continue;
            }
            self.in_flow |= scanned.frames[..included].iter().any(Frame::is_flow);
            self.ancestors.extend(
                scanned.frames[..included]
                    .iter()
                    .rev()
                    .filter_map(Frame::segment),
            );
            self.col = indent;
            self.dash = scanned.starts_with_dash();
            nearest = false;
            self.collect = false;
        }
        Some(())
    }

    /// How many of a parent line's frames contain the cursor's column.
    fn included(&self, frames: &[Frame<'_>]) -> usize {
        let mut in_flow = false;
        frames
            .iter()
            .take_while(|f| {
                let inside =
                    in_flow || f.col < self.col || (self.dash && f.key_like() && f.col == self.col);
                in_flow |= f.is_flow();
                inside
            })
            .count()
    }

    /// Finishes the walk from the tree when the line's first key is a key of the tree.
    fn finish_from_tree(&mut self, start: usize, scanned: &Line<'a>, nearest: bool) -> bool {
        let Some(first) = scanned.first_key() else {
            return false;
        };
        let Some(links) = chain_to_key(self.tree, self.text, start + first.col) else {
            return false;
        };
        let included = links
            .iter()
            .take_while(|l| l.col < self.col || (self.dash && l.key.is_some() && l.col == self.col))
            .count();
        self.prefix = links[..included].iter().map(|l| l.seg).collect();
        if included == links.len() {
            // The line's own frames after its first key may go on (`a: [`, `- b:`).
            let after_key = scanned
                .frames
                .iter()
                .position(|f| f.kind == line::FrameKind::Key)
                .map_or(0, |i| i + 1);
            let rest = &scanned.frames[after_key..];
            let more = self.included(rest);
            self.in_flow |= rest[..more].iter().any(Frame::is_flow);
            self.prefix
                .extend(rest[..more].iter().filter_map(Frame::segment));
            if more == 0 && nearest && self.collect && scanned.frames.len() == after_key {
                self.take_tree_keys(links.last().map(|l| l.node));
            }
        } else if nearest && self.collect && included + 1 == links.len() {
            self.take_tree_keys(links.get(included).map(|l: &Link<'_>| l.parent));
        }
        true
    }

    /// The keys of the tree mapping the cursor is in.
    fn take_tree_keys(&mut self, mapping: Option<NodeId>) {
        let Some(node) = mapping.map(|id| self.tree.node(id)) else {
            return;
        };
        if !node.is_mapping() {
            return;
        }
        let offset = self.offset;
        self.siblings.extend(
            node.entries()
                .filter(|(k, _)| !(k.range().start() <= offset && offset <= k.range().end()))
                .filter_map(|(k, _)| k.as_str()),
        );
        self.tree_complete = true;
    }
}

impl Frame<'_> {
    fn key_like(&self) -> bool {
        self.kind == line::FrameKind::Key
    }
}

/// Keys at `indent` on the lines after `from` until a line with less indentation.
fn forward_siblings<'a>(
    text: &'a str,
    tree: &'a Tree,
    mut from: usize,
    indent: usize,
) -> Vec<&'a str> {
    let mut keys = Vec::new();
    while let Some((start, line)) = next_line(text, from) {
        from = start + line.len();
        let at = line.bytes().take_while(|b| *b == b' ').count();
        if matches!(line.as_bytes().get(at), None | Some(b'#')) || at > indent {
            continue;
        }
        if at < indent {
            break;
        }
        let scanned = line::scan(line);
        match scanned.frames.first() {
            Some(first) if first.key_like() => {
                if let Some(links) = chain_to_key(tree, text, start + first.col) {
                    let parent = links.last().map(|l| tree.node(l.parent));
                    keys.extend(
                        parent
                            .into_iter()
                            .flat_map(|p| p.entries())
                            .filter_map(|(k, _)| k.as_str()),
                    );
                    break;
                }
                keys.push(first.key);
            }
            _ => break,
        }
    }
    keys
}

/// The line before the one starting at `pos` (its start and text without the line break).
fn previous_line(text: &str, pos: usize) -> Option<(usize, &str)> {
    let end = pos.checked_sub(1)?;
    let start = line_start(text, end);
    Some((start, text.get(start..end)?.trim_end_matches('\r')))
}

/// The line after the line break at or after `pos`.
fn next_line(text: &str, pos: usize) -> Option<(usize, &str)> {
    let rest = text.get(pos..)?;
    let start = pos + rest.find('\n')? + 1;
    let line = text.get(start..)?.split('\n').next()?;
    Some((start, line.trim_end_matches('\r')))
}

/// `offset` moved inside the text and back to a char boundary.
pub(crate) fn clamp(text: &str, offset: TextSize) -> usize {
    let mut at = usize::from(offset).min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

pub(crate) fn range(start: usize, end: usize) -> TextRange {
    let size = |n: usize| TextSize::try_from(n).unwrap_or(TextSize::from(u32::MAX));
    TextRange::new(size(start), size(end.max(start)))
}
