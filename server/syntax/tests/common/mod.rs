//! Shared checks for the integration tests: structural invariants of a parse.

#![allow(dead_code)]

use sls_syntax::{NodeKind, Parse, TextRange, MAX_DEPTH};

/// Reads a fixture from `fixtures/syntax`.
pub fn fixture(name: &str) -> String {
    let path = sls_test_support::fixtures().join("syntax").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn check_range(text: &str, r: TextRange, what: &str) -> Result<(), String> {
    let (start, end) = (usize::from(r.start()), usize::from(r.end()));
    if end > text.len() {
        return Err(format!("{what} {r:?} is past the end ({})", text.len()));
    }
    if !text.is_char_boundary(start) || !text.is_char_boundary(end) {
        return Err(format!("{what} {r:?} is not on char boundaries"));
    }
    Ok(())
}

/// Every range inside the text and on char boundaries, children inside their parents and in
/// source order without overlapping, tags
/// inside their nodes, alias targets defined earlier, depth within the limit, every node
/// reachable exactly once from the root.
pub fn check_invariants(text: &str, parse: &Parse) -> Result<(), String> {
    let tree = &parse.tree;
    for error in &parse.errors {
        check_range(text, error.range, "error")?;
    }
    let mut seen = vec![false; tree.nodes.len()];
    let mut stack = Vec::new();
    if let Some(root) = tree.root() {
        stack.push((root, 1usize));
    }
    while let Some((node, depth)) = stack.pop() {
        let idx = node.id.0 as usize;
        match seen.get_mut(idx) {
            Some(s) if !*s => *s = true,
            _ => return Err(format!("node {idx} reached twice or out of the arena")),
        }
        if depth > MAX_DEPTH + 1 {
            return Err(format!("depth {depth} exceeds the limit"));
        }
        let r = node.range();
        check_range(text, r, "node")?;
        if let Some(tag) = node.tag() {
            check_range(text, tag.range, "tag")?;
            if !r.contains_range(tag.range) {
                return Err(format!("tag {:?} outside node {r:?}", tag.range));
            }
        }
        if let NodeKind::Alias {
            target: Some(t), ..
        } = node.kind()
        {
            if t.0 >= node.id.0 {
                return Err(format!("alias {idx} targets a later node {}", t.0));
            }
        }
        let mut previous_end = r.start();
        for child in node.children() {
            if child.range().start() < previous_end {
                return Err(format!(
                    "child {:?} ({:?}) overlaps or precedes its previous sibling",
                    child.range(),
                    child.kind()
                ));
            }
            previous_end = child.range().end();
            if !r.contains_range(child.range()) {
                return Err(format!(
                    "child {:?} ({:?}) outside parent {r:?} ({:?})",
                    child.range(),
                    child.kind(),
                    node.kind()
                ));
            }
            stack.push((child, depth + 1));
        }
    }
    if let Some(unreached) = seen.iter().position(|s| !s) {
        return Err(format!("node {unreached} is not reachable from the root"));
    }
    Ok(())
}

/// `check_invariants` as an assertion, with the text in the message.
pub fn assert_invariants(text: &str, parse: &Parse) {
    if let Err(message) = check_invariants(text, parse) {
        panic!("{message}\ntext: {text:?}\n{}", parse.dump(text));
    }
}

/// The depth of the tree (the root alone is 1), computed without recursion.
pub fn depth(parse: &Parse) -> usize {
    let mut max = 0;
    let mut stack: Vec<_> = parse.tree.root().map(|r| (r, 1)).into_iter().collect();
    while let Some((node, d)) = stack.pop() {
        max = max.max(d);
        stack.extend(node.children().map(|c| (c, d + 1)));
    }
    max
}
