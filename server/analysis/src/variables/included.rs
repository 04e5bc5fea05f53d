//! Where an included file sits in the config: `functions: ${file(./functions.yml)}` puts the
//! file's root at `functions`, `connect: ${file(./f.yml):connect}` puts the file's `connect`
//! at `functions.connect`. With that, a position in the included file has a config path, and
//! completion and hover there work as if the content were written inline.

use sls_diagnostics::FileId;
use sls_model::schema::PathSegment;
use sls_syntax::{NodeId, NodeKind, TextSize, Tree};
use sls_vars::{Outcome, Value};

use super::Resolved;

/// One step of a path, owned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Seg {
    Key(String),
    Index,
}

impl Seg {
    fn as_segment(&self) -> PathSegment<'_> {
        match self {
            Seg::Key(key) => PathSegment::Key(key),
            Seg::Index => PathSegment::Index,
        }
    }

    fn matches(&self, segment: &PathSegment<'_>) -> bool {
        match (self, segment) {
            (Seg::Key(key), PathSegment::Key(other)) => key == other,
            (Seg::Index, PathSegment::Index) => true,
            _ => false,
        }
    }
}

/// A part of an included file that a variable places in the config.
#[derive(Debug, Clone)]
pub(crate) struct Include {
    pub file: FileId,
    /// The included node's path inside its file (empty: the whole file).
    pub target: Vec<Seg>,
    /// The variable's path in the config.
    pub at: Vec<Seg>,
}

impl Include {
    /// The config path of a path inside the included file, when it is under the included node.
    pub fn rebase<'a>(&'a self, path: &[PathSegment<'a>]) -> Option<Vec<PathSegment<'a>>> {
        if path.len() < self.target.len()
            || !self.target.iter().zip(path).all(|(t, p)| t.matches(p))
        {
            return None;
        }
        let mut out: Vec<PathSegment<'a>> = self.at.iter().map(Seg::as_segment).collect();
        out.extend_from_slice(&path[self.target.len()..]);
        Some(out)
    }
}

impl Resolved {
    /// Every place an included file's content takes in the config.
    pub(crate) fn includes(&self, config: &Tree) -> Vec<Include> {
        let tree_of = |file: FileId| match self.resolution.file(file) {
            Some(included) => Some(&included.parse.tree),
            None => (file == FileId::MAIN).then_some(config),
        };
        let mut found: Vec<Include> = Vec::new();
        // Includes inside included files need the place of their own file: a few rounds.
        for _ in 0..=self.resolution.files.len() {
            let before = found.len();
            for site in &self.resolution.sites {
                let Outcome::Resolved(Value::Node(target)) = &site.outcome else {
                    continue;
                };
                if target.file == site.at.file || target.file == FileId::MAIN {
                    continue;
                }
                let (Some(site_tree), Some(target_tree)) =
                    (tree_of(site.at.file), tree_of(target.file))
                else {
                    continue;
                };
                let (Some(site_path), Some(target_path)) = (
                    path_to(site_tree, site.at.node),
                    path_to(target_tree, target.node),
                ) else {
                    continue;
                };
                let at = if site.at.file == FileId::MAIN {
                    Some(site_path)
                } else {
                    found
                        .iter()
                        .filter(|i| i.file == site.at.file)
                        .find_map(|i| rebase_owned(i, &site_path))
                };
                let Some(at) = at else {
                    continue;
                };
                let include = Include {
                    file: target.file,
                    target: target_path,
                    at,
                };
                let known = found.iter().any(|i| {
                    i.file == include.file && i.target == include.target && i.at == include.at
                });
                if !known {
                    found.push(include);
                }
            }
            if found.len() == before {
                break;
            }
        }
        found
    }
}

fn rebase_owned(include: &Include, path: &[Seg]) -> Option<Vec<Seg>> {
    if path.len() < include.target.len() || include.target[..] != path[..include.target.len()] {
        return None;
    }
    let mut out = include.at.clone();
    out.extend_from_slice(&path[include.target.len()..]);
    Some(out)
}

/// The path from the root of `tree` to `target`.
fn path_to(tree: &Tree, target: NodeId) -> Option<Vec<Seg>> {
    let offset: TextSize = tree.data(target).range.start();
    let mut path = Vec::new();
    let mut node = tree.root?;
    while node != target {
        let holds = |id: NodeId| tree.data(id).range.contains_inclusive(offset) || id == target;
        node = match &tree.data(node).kind {
            NodeKind::Mapping { entries, .. } => {
                let entry = entries
                    .iter()
                    .find(|e| e.value == target || holds(e.value))?;
                path.push(Seg::Key(tree.node(entry.key).as_str()?.to_owned()));
                entry.value
            }
            NodeKind::Sequence { items, .. } => {
                let item = items.iter().find(|i| **i == target || holds(**i))?;
                path.push(Seg::Index);
                *item
            }
            _ => return None,
        };
    }
    Some(path)
}
