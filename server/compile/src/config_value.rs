//! The service config as plain data: `sls_syntax::Tree` → `serde_json::Value`, the way the
//! framework's YAML loader (js-yaml with the CloudFormation short-form tags) sees it.
//!
//! Mappings keep key order (a repeated key: the last value wins, at the first position), plain
//! scalars are typed by the YAML core schema, quoted and block scalars are strings, aliases are
//! expanded within a node budget (past it, and past a nesting limit, `null` is substituted),
//! merge keys `<<` are honoured, `!Ref`/`!GetAtt`/`!Sub`/... become their long forms.

use serde_json::{Map, Number, Value};
use sls_syntax::{Node, NodeKind, ScalarKind, ScalarStyle, Tree};

/// Nodes produced by alias expansion at most, beyond the document's own nodes (each alias
/// counts every time it is expanded), so alias bombs stay cheap while any document converts
/// whole however large it is.
pub const NODE_BUDGET: usize = 100_000;
/// Deepest nesting converted; deeper nodes become `null`.
pub const MAX_DEPTH: usize = 256;

/// The service config as plain data (see the module docs). An empty document gives `null`.
pub fn config_value(tree: &Tree) -> Value {
    let mut converter = Converter {
        budget: tree.nodes.len().saturating_add(NODE_BUDGET),
    };
    match tree.root() {
        Some(root) => converter.convert(root, 0),
        None => Value::Null,
    }
}

struct Converter {
    budget: usize,
}

impl Converter {
    fn convert(&mut self, node: Node<'_>, depth: usize) -> Value {
        if self.budget == 0 || depth > MAX_DEPTH {
            return Value::Null;
        }
        self.budget -= 1;
        let node = node.resolve();
        let tag = node.tag().map(|t| t.text.as_str());
        if let Some(function) = tag.and_then(cf_function_key) {
            let inner = match node.kind() {
                // A tagged scalar reaches the tag's constructor as its text.
                NodeKind::Scalar(scalar) => Value::String(scalar.value.clone()),
                _ => self.convert_untagged(node, depth),
            };
            let inner = match (function, inner) {
                ("Fn::GetAtt", Value::String(text)) => {
                    let (first, rest) = text.split_once('.').unwrap_or((&text, ""));
                    Value::Array(vec![first.into(), rest.into()])
                }
                (_, inner) => inner,
            };
            let mut map = Map::new();
            map.insert(function.to_owned(), inner);
            return Value::Object(map);
        }
        if matches!(tag, Some("!!str" | "tag:yaml.org,2002:str")) {
            if let NodeKind::Scalar(scalar) = node.kind() {
                return Value::String(scalar.value.clone());
            }
        }
        self.convert_untagged(node, depth)
    }

    fn convert_untagged(&mut self, node: Node<'_>, depth: usize) -> Value {
        match node.kind() {
            NodeKind::Scalar(scalar) => scalar_value(&scalar.value, scalar.style, node),
            NodeKind::Sequence { .. } => Value::Array(
                node.items()
                    .map(|item| self.convert(item, depth + 1))
                    .collect(),
            ),
            NodeKind::Mapping { .. } => {
                let mut map = Map::new();
                for (key, value) in node.entries() {
                    let is_merge = key
                        .as_scalar()
                        .is_some_and(|s| s.style == ScalarStyle::Plain && s.value == "<<")
                        && key.tag().is_none();
                    if is_merge {
                        self.merge_into(&mut map, value, depth);
                    } else {
                        let key = key_string(key.resolve());
                        let value = self.convert(value, depth + 1);
                        map.insert(key, value);
                    }
                }
                Value::Object(map)
            }
            NodeKind::Alias { .. } => Value::Null,
        }
    }

    /// `<<: *a` or `<<: [*a, *b]`: copies the keys not already present (earlier sources win).
    fn merge_into(&mut self, map: &mut Map<String, Value>, source: Node<'_>, depth: usize) {
        let source = source.resolve();
        let sources: Vec<Node<'_>> = if source.is_sequence() {
            source.items().map(Node::resolve).collect()
        } else {
            vec![source]
        };
        for source in sources {
            if let Value::Object(entries) = self.convert(source, depth + 1) {
                for (key, value) in entries {
                    map.entry(key).or_insert(value);
                }
            }
        }
    }
}

/// The long-form key of a CloudFormation short-form tag (`!Ref` → `Ref`, `!Sub` → `Fn::Sub`).
fn cf_function_key(tag: &str) -> Option<&'static str> {
    Some(match tag.strip_prefix('!')? {
        "Ref" => "Ref",
        "Condition" => "Condition",
        "And" => "Fn::And",
        "Base64" => "Fn::Base64",
        "Cidr" => "Fn::Cidr",
        "Equals" => "Fn::Equals",
        "FindInMap" => "Fn::FindInMap",
        "GetAtt" => "Fn::GetAtt",
        "GetAZs" => "Fn::GetAZs",
        "If" => "Fn::If",
        "ImportValue" => "Fn::ImportValue",
        "Join" => "Fn::Join",
        "Not" => "Fn::Not",
        "Or" => "Fn::Or",
        "Select" => "Fn::Select",
        "Split" => "Fn::Split",
        "Sub" => "Fn::Sub",
        "Transform" => "Fn::Transform",
        _ => return None,
    })
}

fn scalar_value(text: &str, style: ScalarStyle, node: Node<'_>) -> Value {
    if style != ScalarStyle::Plain {
        return Value::String(text.to_owned());
    }
    match node.as_scalar().map(|s| s.kind()) {
        Some(ScalarKind::Null) => Value::Null,
        Some(ScalarKind::Bool(b)) => Value::Bool(b),
        Some(ScalarKind::Int) => parse_int(text).unwrap_or_else(|| Value::String(text.to_owned())),
        Some(ScalarKind::Float) => {
            parse_float(text).unwrap_or_else(|| Value::String(text.to_owned()))
        }
        _ => Value::String(text.to_owned()),
    }
}

/// A mapping key as the JavaScript object key it becomes.
fn key_string(key: Node<'_>) -> String {
    match key.kind() {
        NodeKind::Scalar(scalar) => match scalar_value(&scalar.value, scalar.style, key) {
            Value::String(s) => s,
            Value::Null => "null".to_owned(),
            Value::Bool(b) => b.to_string(),
            Value::Number(n) => crate::js_json::number_to_string(&n),
            _ => scalar.value.clone(),
        },
        // `String(array)`; nested collections are not expanded (keeps alias bombs in keys cheap).
        NodeKind::Sequence { .. } => key
            .items()
            .map(|item| {
                let item = item.resolve();
                match item.kind() {
                    NodeKind::Scalar(_) => key_string(item),
                    NodeKind::Mapping { .. } => "[object Object]".to_owned(),
                    _ => String::new(),
                }
            })
            .collect::<Vec<_>>()
            .join(","),
        _ => "[object Object]".to_owned(),
    }
}

fn parse_int(text: &str) -> Option<Value> {
    let cleaned: String = text.chars().filter(|c| *c != '_').collect();
    let (negative, digits) = match cleaned.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, cleaned.strip_prefix('+').unwrap_or(&cleaned)),
    };
    let (radix, digits) = if let Some(hex) = digits.strip_prefix("0x") {
        (16, hex)
    } else if let Some(oct) = digits.strip_prefix("0o") {
        (8, oct)
    } else if let Some(bin) = digits.strip_prefix("0b") {
        (2, bin)
    } else {
        (10, digits)
    };
    match i64::from_str_radix(digits, radix) {
        Ok(n) => Some(Value::from(if negative { -n } else { n })),
        Err(_) => {
            // Too large for i64: JavaScript keeps it as an (inexact) double.
            let f = u128::from_str_radix(digits, radix).ok()? as f64;
            Some(number_value(if negative { -f } else { f }))
        }
    }
}

fn parse_float(text: &str) -> Option<Value> {
    let lower = text.to_ascii_lowercase();
    if lower.ends_with(".inf") || lower.ends_with(".nan") {
        // JSON has no Infinity/NaN; `JSON.stringify` would print `null` for them.
        return Some(Value::Null);
    }
    let cleaned: String = text.chars().filter(|c| *c != '_').collect();
    cleaned.parse::<f64>().ok().map(number_value)
}

/// A JavaScript number as JSON data: integral values within the safe range become integers
/// (JavaScript has one number type, so `1.0` and `1` are the same value).
pub fn number_value(f: f64) -> Value {
    const MAX_SAFE: f64 = 9_007_199_254_740_991.0;
    if f.fract() == 0.0 && f.abs() <= MAX_SAFE {
        return Value::from(f as i64);
    }
    Number::from_f64(f).map_or(Value::Null, Value::Number)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert_eq!(parse_int("0x1F"), Some(Value::from(31)));
        assert_eq!(parse_int("-12"), Some(Value::from(-12)));
        assert_eq!(parse_float("1.0"), Some(Value::from(1)));
        assert_eq!(parse_float("1.5"), Some(serde_json::json!(1.5)));
        assert_eq!(parse_float(".inf"), Some(Value::Null));
        assert_eq!(number_value(1e300), serde_json::json!(1e300));
    }
}
