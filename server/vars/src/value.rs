//! Resolved values and how JavaScript would see them: a node of the config (or of an included
//! file) or a primitive a source produced; their string form inside a larger string, their
//! nullness and truthiness.

use sls_diagnostics::FileId;
use sls_syntax::{Node, NodeId, NodeKind, ScalarKind, Tree};

use crate::parse::{js_number, js_number_to_string, Literal};

/// A node of a file taking part in the resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeRef {
    pub file: FileId,
    pub node: NodeId,
}

/// What a variable resolves to.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A node as written (its own variables resolve on their own).
    Node(NodeRef),
    /// A value made by a source: an option, an environment variable, a literal fallback, an
    /// interpolated string.
    Primitive(Literal),
}

/// A scalar node as JavaScript data (js-yaml's core schema): `None` for collections and
/// tagged nodes (objects once loaded).
pub(crate) fn node_primitive(node: Node<'_>) -> Option<Literal> {
    let node = node.resolve();
    if node.tag().is_some_and(|tag| !is_string_tag(&tag.text)) {
        return None;
    }
    let scalar = node.as_scalar()?;
    if node.tag().is_some() {
        return Some(Literal::Str(scalar.value.to_string()));
    }
    Some(match scalar.kind() {
        ScalarKind::Null => Literal::Null,
        ScalarKind::Bool(b) => Literal::Bool(b),
        ScalarKind::Int | ScalarKind::Float => match yaml_number(&scalar.value) {
            Some(n) => Literal::Num(n),
            None => Literal::Str(scalar.value.to_string()),
        },
        ScalarKind::String => Literal::Str(scalar.value.to_string()),
    })
}

fn is_string_tag(tag: &str) -> bool {
    matches!(tag, "!!str" | "tag:yaml.org,2002:str")
}

/// A YAML core-schema number as a JavaScript number.
fn yaml_number(text: &str) -> Option<f64> {
    let cleaned: String = text.chars().filter(|c| *c != '_').collect();
    match cleaned.to_ascii_lowercase().as_str() {
        ".inf" | "+.inf" => return Some(f64::INFINITY),
        "-.inf" => return Some(f64::NEG_INFINITY),
        ".nan" => return Some(f64::NAN),
        _ => {}
    }
    let (negative, unsigned) = match cleaned.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, cleaned.strip_prefix('+').unwrap_or(&cleaned)),
    };
    let magnitude = js_number(unsigned)?;
    Some(if negative { -magnitude } else { magnitude })
}

/// `String(value)` where the framework builds a string from parts; `None` where it refuses
/// (null, objects). Lists join their items with commas, as JavaScript arrays do.
pub(crate) fn primitive_text(literal: &Literal) -> Option<String> {
    match literal {
        Literal::Str(s) => Some(s.clone()),
        Literal::Num(n) => Some(js_number_to_string(*n)),
        Literal::Bool(b) => Some(b.to_string()),
        Literal::Null => None,
    }
}

/// `String(array)` of a sequence node: items joined by commas, null items empty, objects as
/// `[object Object]`, nested lists recursively (aliases followed a bounded number of times).
pub(crate) fn sequence_text(tree: &Tree, id: NodeId, budget: &mut usize) -> String {
    let mut out = String::new();
    for (i, item) in tree.node(id).items().enumerate() {
        if i > 0 {
            out.push(',');
        }
        if *budget == 0 {
            break;
        }
        *budget -= 1;
        let item = item.resolve();
        match item.kind() {
            NodeKind::Sequence { .. } if item.tag().is_none() => {
                out.push_str(&sequence_text(tree, item.id, budget));
            }
            NodeKind::Scalar(_) => match node_primitive(item) {
                Some(literal) => out.push_str(&primitive_text(&literal).unwrap_or_default()),
                None => out.push_str("[object Object]"),
            },
            _ => out.push_str("[object Object]"),
        }
    }
    out
}

/// Whether a primitive is "no value" for the framework (`null`; `undefined` never reaches us).
pub(crate) fn is_null(literal: &Literal) -> bool {
    matches!(literal, Literal::Null)
}

/// JavaScript truthiness of a primitive.
pub(crate) fn is_truthy(literal: &Literal) -> bool {
    match literal {
        Literal::Str(s) => !s.is_empty(),
        Literal::Num(n) => *n != 0.0 && !n.is_nan(),
        Literal::Bool(b) => *b,
        Literal::Null => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn primitive(yaml: &str) -> Option<Literal> {
        let tree = sls_syntax::parse(yaml).tree;
        let node = tree.root().and_then(|r| r.get("a")).expect("a");
        node_primitive(node)
    }

    #[test]
    fn scalars_load_like_js_yaml() {
        assert_eq!(primitive("a: 1.0"), Some(Literal::Num(1.0)));
        assert_eq!(primitive("a: 0x1F"), Some(Literal::Num(31.0)));
        assert_eq!(primitive("a: -12"), Some(Literal::Num(-12.0)));
        assert_eq!(primitive("a: '12'"), Some(Literal::Str("12".into())));
        assert_eq!(primitive("a: !!str 12"), Some(Literal::Str("12".into())));
        assert_eq!(primitive("a: true"), Some(Literal::Bool(true)));
        assert_eq!(primitive("a: ~"), Some(Literal::Null));
        assert_eq!(primitive("a: !Ref x"), None);
        assert_eq!(primitive("a: [1]"), None);
        let text = primitive("a: 1.50").and_then(|l| primitive_text(&l));
        assert_eq!(text.as_deref(), Some("1.5"));
    }

    #[test]
    fn lists_join_like_javascript() {
        let yaml = "a: [x, 1.0, ~, [y, z], {k: v}, true]";
        let tree = sls_syntax::parse(yaml).tree;
        let list = tree.root().and_then(|r| r.get("a")).expect("a");
        let mut budget = 100;
        assert_eq!(
            sequence_text(&tree, list.id, &mut budget),
            "x,1,,y,z,[object Object],true"
        );
    }
}
