//! The configuration as the framework's validator sees it: JavaScript values over the YAML
//! tree, with the validator's in-place coercions.
//!
//! The framework loads YAML with js-yaml (CloudFormation tags become one-key objects:
//! `!Ref x` is `{Ref: x}`, `!GetAtt a.b` is `{"Fn::GetAtt": ["a", "b"]}`), removes every object
//! entry whose value is null before validating, and lets AJV coerce values in place (a number
//! to a string, a scalar to a one-item list, ...). `Instance` gives that view without copying
//! the tree: a value is an `Inst` (a tree node, a tag's content, or a value synthesised by a
//! coercion) and coercions are recorded per `Slot` (the position a value sits at). A scalar
//! that still holds a Serverless variable is `Unknown`: nothing can be said about it.

use std::collections::HashMap;

use sls_syntax::{Node, NodeId, NodeKind, ScalarKind, View};

use crate::value::{is_intrinsic_tag, is_variable_text};

/// A value of the configuration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Inst {
    Node(NodeId),
    /// The content of a tagged node (`x` in `!Ref x`).
    Untagged(NodeId),
    /// A mapping key, which JavaScript always sees as a string.
    Key(NodeId),
    Synth(u32),
}

/// Where a value sits (what a coercion replaces).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Slot {
    Node(NodeId),
    Untagged(NodeId),
    Key(NodeId),
    SynthItem(u32, u32),
}

/// A JavaScript scalar produced by a coercion.
#[derive(Debug, Clone, PartialEq)]
pub enum Scalar {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
}

#[derive(Debug, Clone)]
enum Synth {
    Scalar {
        origin: Option<NodeId>,
        value: Scalar,
    },
    Array {
        origin: Option<NodeId>,
        items: Vec<Inst>,
    },
}

/// What a value is, in JavaScript terms.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Js<'a> {
    Null,
    Bool(bool),
    Number(f64),
    String(&'a str),
    Array,
    Object,
    /// An unresolved Serverless variable: any value.
    Unknown,
}

/// A value's kind without its text (holds no borrow).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum JsKind {
    Null,
    Bool,
    Number(f64),
    String,
    Array,
    Object,
    Unknown,
}

impl Js<'_> {
    pub fn kind(&self) -> JsKind {
        match self {
            Js::Null => JsKind::Null,
            Js::Bool(_) => JsKind::Bool,
            Js::Number(n) => JsKind::Number(*n),
            Js::String(_) => JsKind::String,
            Js::Array => JsKind::Array,
            Js::Object => JsKind::Object,
            Js::Unknown => JsKind::Unknown,
        }
    }

    /// The JavaScript `typeof`-style name used in messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            Js::Null => "null",
            Js::Bool(_) => "boolean",
            Js::Number(_) => "number",
            Js::String(_) => "string",
            Js::Array => "array",
            Js::Object => "object",
            Js::Unknown => "unknown",
        }
    }
}

/// One entry of an object: its key, the key's node (when written in the file), where the
/// value sits and the value.
#[derive(Debug, Clone, Copy)]
pub struct Entry<'a> {
    pub key: &'a str,
    pub key_node: Option<NodeId>,
    pub slot: Slot,
    pub value: Inst,
}

/// The configuration with the validator's coercions.
#[derive(Debug)]
pub struct Instance<'t> {
    view: View<'t>,
    synth: Vec<Synth>,
    replaced: HashMap<Slot, Inst>,
}

/// What a coercion may be undone to (composite keywords re-run branches from a saved state).
#[derive(Debug, Clone)]
pub struct Saved {
    synth: usize,
    replaced: HashMap<Slot, Inst>,
}

impl<'t> Instance<'t> {
    pub fn new(view: View<'t>) -> Instance<'t> {
        Instance {
            view,
            synth: Vec::new(),
            replaced: HashMap::new(),
        }
    }

    pub fn view(&self) -> View<'t> {
        self.view
    }

    /// The document's root value and its slot.
    pub fn root(&self) -> Option<(Slot, Inst)> {
        let root = self.view.root()?;
        Some((Slot::Node(root.id), Inst::Node(root.id)))
    }

    /// The value at a slot: the coerced one when a coercion replaced it.
    pub fn at(&self, slot: Slot, original: Inst) -> Inst {
        if self.replaced.is_empty() {
            return original;
        }
        self.replaced.get(&slot).copied().unwrap_or(original)
    }

    pub fn replace(&mut self, slot: Slot, value: Inst) {
        self.replaced.insert(slot, value);
    }

    pub fn save(&self) -> Saved {
        Saved {
            synth: self.synth.len(),
            replaced: self.replaced.clone(),
        }
    }

    pub fn restore(&mut self, saved: Saved) {
        self.synth.truncate(saved.synth);
        self.replaced = saved.replaced;
    }

    /// A new scalar value (the result of a coercion of `origin`).
    pub fn scalar(&mut self, origin: Inst, value: Scalar) -> Inst {
        let origin = self.node_id(origin);
        self.push(Synth::Scalar { origin, value })
    }

    /// A one-item list holding `item` (a scalar coerced to a list).
    pub fn wrap(&mut self, item: Inst) -> Inst {
        let origin = self.node_id(item);
        self.push(Synth::Array {
            origin,
            items: vec![item],
        })
    }

    fn push(&mut self, synth: Synth) -> Inst {
        let id = self.synth.len() as u32;
        self.synth.push(synth);
        Inst::Synth(id)
    }

    /// The tree node a value comes from (for positions).
    pub fn node_id(&self, inst: Inst) -> Option<NodeId> {
        match inst {
            Inst::Node(id) | Inst::Untagged(id) | Inst::Key(id) => Some(id),
            Inst::Synth(i) => match &self.synth[i as usize] {
                Synth::Scalar { origin, .. } | Synth::Array { origin, .. } => *origin,
            },
        }
    }

    /// The tree node behind a value, aliases followed.
    fn node(&self, id: NodeId) -> Node<'t> {
        self.view.node(id).resolve()
    }

    /// What the value is.
    pub fn js(&self, inst: Inst) -> Js<'_> {
        match inst {
            Inst::Node(id) => {
                let node = self.node(id);
                if node.tag().is_some_and(|tag| is_intrinsic_tag(&tag.text)) {
                    return Js::Object;
                }
                node_js(node)
            }
            Inst::Untagged(id) => node_js(self.node(id)),
            Inst::Key(id) => match self.view.node(id).as_str() {
                Some(text) if is_variable_text(text) => Js::Unknown,
                Some(text) => Js::String(text),
                None => Js::Unknown,
            },
            Inst::Synth(i) => match &self.synth[i as usize] {
                Synth::Scalar { value, .. } => match value {
                    Scalar::Null => Js::Null,
                    Scalar::Bool(b) => Js::Bool(*b),
                    Scalar::Number(n) => Js::Number(*n),
                    Scalar::String(s) => Js::String(s),
                },
                Synth::Array { .. } => Js::Array,
            },
        }
    }

    /// The items of an array value, with their slots (coercions applied).
    pub fn items(&self, inst: Inst) -> Vec<(Slot, Inst)> {
        let raw: Vec<(Slot, Inst)> = match inst {
            Inst::Node(id) if self.is_tagged(id) => Vec::new(),
            Inst::Node(id) | Inst::Untagged(id) => self
                .node(id)
                .items()
                .map(|item| (Slot::Node(item.id), Inst::Node(item.id)))
                .collect(),
            Inst::Key(_) => Vec::new(),
            Inst::Synth(i) => match &self.synth[i as usize] {
                Synth::Array { items, .. } => items
                    .iter()
                    .enumerate()
                    .map(|(n, item)| (Slot::SynthItem(i, n as u32), *item))
                    .collect(),
                _ => Vec::new(),
            },
        };
        raw.into_iter()
            .map(|(slot, value)| (slot, self.at(slot, value)))
            .collect()
    }

    /// The entries of an object value as the validator sees them: null values removed,
    /// `<<` merges applied (explicit keys win), the first of duplicate keys kept.
    pub fn entries(&mut self, inst: Inst) -> Vec<Entry<'t>> {
        let mut out: Vec<Entry<'t>> = Vec::new();
        match inst {
            Inst::Node(id) if self.is_tagged(id) => {
                if let Some(entry) = self.tag_entry(id) {
                    out.push(entry);
                }
            }
            Inst::Node(id) | Inst::Untagged(id) => {
                let node = self.node(id);
                self.collect_entries(node, &mut out, 0);
            }
            Inst::Key(_) | Inst::Synth(_) => {}
        }
        let view = self.view;
        out.retain(|entry| !is_null_value(view, entry.value));
        for entry in &mut out {
            entry.value = self.at(entry.slot, entry.value);
        }
        out
    }

    fn collect_entries(&self, node: Node<'t>, out: &mut Vec<Entry<'t>>, depth: usize) {
        let mut merges = Vec::new();
        let merged = depth > 0;
        for (key, value) in node.entries() {
            let Some(name) = key.as_str() else { continue };
            if name == "<<"
                && key
                    .as_scalar()
                    .is_some_and(|s| s.kind() == ScalarKind::String)
            {
                merges.push(value.resolve());
                continue;
            }
            // Keys merged in with `<<` never replace the mapping's own keys.
            if merged && out.iter().any(|e| e.key == name) {
                continue;
            }
            out.push(Entry {
                key: name,
                key_node: Some(key.id),
                slot: Slot::Node(value.id),
                value: Inst::Node(value.id),
            });
        }
        if depth > 8 {
            return;
        }
        for merge in merges {
            let sources: Vec<Node<'t>> = if merge.is_sequence() {
                merge.items().map(Node::resolve).collect()
            } else {
                vec![merge]
            };
            for source in sources.into_iter().filter(|s| s.is_mapping()) {
                self.collect_entries(source, out, depth + 1);
            }
        }
    }

    fn is_tagged(&self, id: NodeId) -> bool {
        self.node(id)
            .tag()
            .is_some_and(|tag| is_intrinsic_tag(&tag.text))
    }

    /// `!Name x` → the entry `Fn::Name: x` (`Ref`, `Condition` keep their names; a
    /// `!GetAtt a.b` string becomes `[a, b]`).
    fn tag_entry(&mut self, id: NodeId) -> Option<Entry<'t>> {
        let node = self.node(id);
        let written = &node.tag()?.text;
        let key = crate::value::loaded::cf_function_key(written)?;
        let tag = written.strip_prefix('!')?;
        let mut value = Inst::Untagged(node.id);
        if tag == "GetAtt" {
            if let Some(text) = node.as_str() {
                let (first, rest) = text.split_once('.').unwrap_or((text, ""));
                let parts = [first.to_owned(), rest.to_owned()];
                let items = parts
                    .into_iter()
                    .map(|part| {
                        self.push(Synth::Scalar {
                            origin: Some(node.id),
                            value: Scalar::String(part),
                        })
                    })
                    .collect();
                value = self.push(Synth::Array {
                    origin: Some(node.id),
                    items,
                });
            }
        }
        Some(Entry {
            key,
            key_node: None,
            slot: Slot::Untagged(node.id),
            value,
        })
    }
}

fn is_null_value(view: View<'_>, inst: Inst) -> bool {
    match inst {
        Inst::Node(id) => {
            let node = view.node(id).resolve();
            node.tag().is_none() && node.is_null()
        }
        _ => false,
    }
}

/// A tree node's JavaScript value (its tag, if any, already dealt with).
fn node_js(node: Node<'_>) -> Js<'_> {
    match node.kind() {
        NodeKind::Mapping { .. } => Js::Object,
        NodeKind::Sequence { .. } => Js::Array,
        NodeKind::Alias { .. } => Js::Unknown,
        NodeKind::Scalar(scalar) => match scalar.kind() {
            ScalarKind::Null => Js::Null,
            ScalarKind::Bool(b) => Js::Bool(b),
            ScalarKind::Int | ScalarKind::Float => {
                yaml_number(&scalar.value).map_or(Js::String(&scalar.value), Js::Number)
            }
            ScalarKind::String if is_variable_text(&scalar.value) => Js::Unknown,
            ScalarKind::String => Js::String(&scalar.value),
        },
    }
}

/// The number a YAML 1.2 core-schema int or float denotes.
pub fn yaml_number(text: &str) -> Option<f64> {
    let (sign, digits) = match text.as_bytes().first() {
        Some(b'-') => (-1.0, &text[1..]),
        Some(b'+') => (1.0, &text[1..]),
        _ => (1.0, text),
    };
    let value = if let Some(hex) = digits.strip_prefix("0x") {
        u64::from_str_radix(hex, 16).ok()? as f64
    } else if let Some(oct) = digits.strip_prefix("0o") {
        u64::from_str_radix(oct, 8).ok()? as f64
    } else {
        match digits {
            ".inf" | ".Inf" | ".INF" => f64::INFINITY,
            ".nan" | ".NaN" | ".NAN" => f64::NAN,
            _ => digits.parse::<f64>().ok()?,
        }
    };
    Some(sign * value)
}

/// JavaScript's `+text` for a non-empty string (`None` for NaN).
pub fn js_string_to_number(text: &str) -> Option<f64> {
    let trimmed = text.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    if trimmed.is_empty() {
        return Some(0.0);
    }
    let (sign, body) = match trimmed.as_bytes()[0] {
        b'-' => (-1.0, &trimmed[1..]),
        b'+' => (1.0, &trimmed[1..]),
        _ => (1.0, trimmed),
    };
    for (prefix, radix) in [
        ("0x", 16),
        ("0X", 16),
        ("0o", 8),
        ("0O", 8),
        ("0b", 2),
        ("0B", 2),
    ] {
        if let Some(rest) = trimmed.strip_prefix(prefix) {
            return u64::from_str_radix(rest, radix).ok().map(|n| n as f64);
        }
    }
    if body == "Infinity" {
        return Some(sign * f64::INFINITY);
    }
    let valid = !body.is_empty()
        && body
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '+' | '-'))
        && body
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit() || c == '.');
    if !valid {
        return None;
    }
    body.parse::<f64>().ok().map(|n| sign * n)
}

/// JavaScript's `String(number)` for the values configs hold.
pub fn js_number_to_string(n: f64) -> String {
    if n.is_nan() {
        return "NaN".to_owned();
    }
    if n.is_infinite() {
        return if n > 0.0 { "Infinity" } else { "-Infinity" }.to_owned();
    }
    if n == n.trunc() && n.abs() < 1e21 {
        return format!("{}", n as i128);
    }
    format!("{n}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_convert_as_in_javascript() {
        assert_eq!(js_string_to_number(" 12 "), Some(12.0));
        assert_eq!(js_string_to_number("0x1A"), Some(26.0));
        assert_eq!(js_string_to_number("1e3"), Some(1000.0));
        assert_eq!(js_string_to_number("1024MB"), None);
        assert_eq!(js_number_to_string(1024.0), "1024");
        assert_eq!(js_number_to_string(0.5), "0.5");
        assert_eq!(yaml_number("0o17"), Some(15.0));
        assert_eq!(yaml_number("-3"), Some(-3.0));
    }

    #[test]
    fn null_entries_are_removed_and_tags_are_objects() {
        let parse = sls_syntax::parse("a: 1\nb:\nc: !GetAtt Queue.Arn\n");
        let mut instance = Instance::new(parse.tree.view());
        let (_, root) = instance.root().expect("root");
        let entries = instance.entries(root);
        let keys: Vec<&str> = entries.iter().map(|e| e.key).collect();
        assert_eq!(keys, ["a", "c"]);
        assert_eq!(instance.js(entries[0].value), Js::Number(1.0));
        let getatt = entries[1].value;
        assert_eq!(instance.js(getatt), Js::Object);
        let inner = instance.entries(getatt);
        assert_eq!(inner[0].key, "Fn::GetAtt");
        let parts = instance.items(inner[0].value);
        assert_eq!(instance.js(parts[1].1), Js::String("Arn"));
    }
}
