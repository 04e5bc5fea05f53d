//! A readable text dump of a parse (tree and errors) for snapshot tests and debugging.

use std::fmt::Write;

use crate::parser::Parse;
use crate::tree::{Node, NodeKind, ScalarStyle};

impl Parse {
    /// One line per node, indented by depth: kind, `start..end`, the source text of scalars and
    /// aliases (and the decoded value when it differs), tag and anchor; then the errors.
    pub fn dump(&self, text: &str) -> String {
        let mut out = String::new();
        let mut stack: Vec<(Node<'_>, usize, &str)> = Vec::new();
        if let Some(root) = self.tree.root() {
            stack.push((root, 0, ""));
        }
        while let Some((node, depth, label)) = stack.pop() {
            let _ = writeln!(out, "{}{label}{}", "  ".repeat(depth), describe(node, text));
            let mut children: Vec<(Node<'_>, usize, &str)> = Vec::new();
            for (key, value) in node.entries() {
                children.push((key, depth + 1, "key: "));
                children.push((value, depth + 1, "value: "));
            }
            children.extend(node.items().map(|item| (item, depth + 1, "- ")));
            stack.extend(children.into_iter().rev());
        }
        if self.tree.root.is_none() {
            out.push_str("(no document)\n");
        }
        for error in &self.errors {
            let _ = writeln!(
                out,
                "error {}..{}: {}",
                u32::from(error.range.start()),
                u32::from(error.range.end()),
                error.message
            );
        }
        out
    }
}

fn describe(node: Node<'_>, text: &str) -> String {
    let data = node.data();
    let r = data.range;
    let slice = text
        .get(usize::from(r.start())..usize::from(r.end()))
        .unwrap_or("<out of bounds>");
    let mut line = match &data.kind {
        NodeKind::Mapping { entries, flow } => format!(
            "Mapping{} ({} entries)",
            if *flow { " flow" } else { "" },
            entries.len()
        ),
        NodeKind::Sequence { items, flow } => format!(
            "Sequence{} ({} items)",
            if *flow { " flow" } else { "" },
            items.len()
        ),
        NodeKind::Scalar(s) => {
            let style = match s.style {
                ScalarStyle::Plain => "plain",
                ScalarStyle::SingleQuoted => "single",
                ScalarStyle::DoubleQuoted => "double",
                ScalarStyle::Literal => "literal",
                ScalarStyle::Folded => "folded",
            };
            format!("Scalar {style} {:?}", s.kind())
        }
        NodeKind::Alias { name, target } => match target {
            Some(t) => {
                let tr = node.view().data(*t).range;
                format!(
                    "Alias *{name} -> {}..{}",
                    u32::from(tr.start()),
                    u32::from(tr.end())
                )
            }
            None => format!("Alias *{name} -> unresolved"),
        },
    };
    let _ = write!(line, " {}..{}", u32::from(r.start()), u32::from(r.end()));
    if let Some(tag) = data.tag() {
        let _ = write!(
            line,
            " tag {}@{}..{}",
            tag.text,
            u32::from(tag.range.start()),
            u32::from(tag.range.end())
        );
    }
    if let Some(anchor) = data.anchor() {
        let _ = write!(line, " &{anchor}");
    }
    if let NodeKind::Scalar(s) = &data.kind {
        let _ = write!(line, " {slice:?}");
        if s.value != slice {
            let _ = write!(line, " value={:?}", s.value);
        }
    }
    line
}
