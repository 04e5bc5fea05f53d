//! From a resolution to the overlay the engine reads the config through: each resolved scalar
//! replaced by its value, at the place it is written.
//!
//! A variable resolving to a mapping or a list points at that node (of the config, or of an
//! included file appended whole at its layout base); one resolving to a scalar or a primitive
//! becomes a new scalar whose range is the variable (or the whole interpolated string), so a
//! diagnostic about the value lands on the variable. A CloudFormation tag written on the
//! variable (`!Ref ${self:custom.bucket}`) stays on the value. Unresolved scalars stay as they
//! are written.

use sls_syntax::{FileId, NodeData, NodeId, NodeKind, Overlay, Scalar, ScalarStyle, Tag, Tree};

use crate::layout::Layout;
use crate::parse::{js_number_to_string, Literal};
use crate::{NodeRef, Outcome, Resolution, Value};

/// The overlay for `tree` (the config) from `resolution`; `None` when nothing resolved.
pub fn overlay(tree: &Tree, resolution: &Resolution, layout: &Layout) -> Option<Overlay> {
    if resolution.sites.is_empty() {
        return None;
    }
    let mut overlay = Overlay::new(tree);
    // View id of node 0 of each file.
    let mut first_ids = vec![0u32];
    for (index, file) in resolution.files.iter().enumerate() {
        let id = FileId(index as u32 + 1);
        let root = overlay.append_tree_at(&file.parse.tree, id, layout.base(id));
        let first = match (root, file.parse.tree.root) {
            (Some(copy), Some(original)) => copy.0 - original.0,
            _ => 0,
        };
        first_ids.push(first);
    }
    let builder = Builder {
        tree,
        resolution,
        layout,
        first_ids,
    };
    for site in &resolution.sites {
        let Outcome::Resolved(value) = &site.outcome else {
            continue;
        };
        let from = builder.view_id(site.at);
        let tag = builder.tag_of(site.at);
        let replacement = match value {
            Value::Node(target) if *target == site.at => continue,
            Value::Node(target) => builder.node_value(&mut overlay, site, *target, tag),
            Value::Primitive(literal) => {
                let data = NodeData::new(
                    site.range + builder.layout.base(site.at.file),
                    NodeKind::Scalar(primitive_scalar(literal)),
                    tag,
                    None,
                );
                overlay.push_in(data, site.at.file)
            }
        };
        overlay.replace(from, replacement);
    }
    overlay.finish();
    Some(overlay)
}

struct Builder<'a> {
    tree: &'a Tree,
    resolution: &'a Resolution,
    layout: &'a Layout,
    first_ids: Vec<u32>,
}

impl Builder<'_> {
    fn tree(&self, file: FileId) -> &Tree {
        self.resolution
            .file(file)
            .map_or(self.tree, |included| &included.parse.tree)
    }

    fn view_id(&self, at: NodeRef) -> NodeId {
        let first = self.first_ids.get(at.file.0 as usize).copied().unwrap_or(0);
        NodeId(first.saturating_add(at.node.0))
    }

    /// The tag written on a site, placed in the layout.
    fn tag_of(&self, at: NodeRef) -> Option<Tag> {
        let tag = self.tree(at.file).data(at.node).tag()?;
        Some(Tag {
            text: tag.text.clone(),
            range: tag.range + self.layout.base(at.file),
        })
    }

    /// The replacement for a site whose value is a node.
    fn node_value(
        &self,
        overlay: &mut Overlay,
        site: &crate::SiteOutcome,
        target: NodeRef,
        site_tag: Option<Tag>,
    ) -> NodeId {
        let data = self.tree(target.file).data(target.node);
        let target_tag = || self.tag_of(target);
        match &data.kind {
            NodeKind::Scalar(scalar) => {
                let copy = NodeData::new(
                    site.range + self.layout.base(site.at.file),
                    NodeKind::Scalar(scalar.clone()),
                    site_tag.or_else(target_tag),
                    None,
                );
                overlay.push_in(copy, site.at.file)
            }
            _ if site_tag.as_ref().is_some_and(|t| is_function_tag(&t.text)) => {
                let first = self.first_ids[target.file.0 as usize];
                let shift = |id: NodeId| NodeId(id.0.saturating_add(first));
                let kind = match &data.kind {
                    NodeKind::Mapping { entries, flow } => NodeKind::Mapping {
                        entries: entries
                            .iter()
                            .map(|e| sls_syntax::Entry {
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
                    other => other.clone(),
                };
                let copy = NodeData::new(
                    data.range + self.layout.base(target.file),
                    kind,
                    site_tag,
                    None,
                );
                overlay.push_in(copy, target.file)
            }
            _ => self.view_id(target),
        }
    }
}

/// A CloudFormation short form (not a YAML type tag such as `!!str`).
fn is_function_tag(tag: &str) -> bool {
    !tag.starts_with("!!") && !tag.starts_with("tag:")
}

/// A primitive as the scalar that loads to it: strings quoted, the others plain.
fn primitive_scalar(literal: &Literal) -> Scalar {
    let plain = |value: String| Scalar {
        value: value.into(),
        style: ScalarStyle::Plain,
    };
    match literal {
        Literal::Str(text) => Scalar {
            value: text.as_str().into(),
            style: ScalarStyle::DoubleQuoted,
        },
        Literal::Num(n) if n.is_nan() => plain(".nan".to_owned()),
        Literal::Num(n) if n.is_infinite() => plain(if *n > 0.0 { ".inf" } else { "-.inf" }.into()),
        Literal::Num(n) => plain(js_number_to_string(*n)),
        Literal::Bool(b) => plain(b.to_string()),
        Literal::Null => plain("null".to_owned()),
    }
}
