//! The service config as plain data: a node of the config's `sls_syntax::View` → `serde_json::Value`,
//! the way the framework's YAML loader (js-yaml with the CloudFormation short-form tags) sees it.
//!
//! Mappings follow the loader's property order ([`sls_model::value::properties`]), scalars are
//! typed by the YAML core schema, aliases are expanded within a node budget (past it, and past a
//! nesting limit, `null` is substituted), `!Ref`/`!GetAtt`/`!Sub`/... become their long forms.

use serde_json::{Map, Number, Value};
use sls_model::value::{self, Loaded};
use sls_syntax::{Node, NodeKind, View};

/// Nodes produced by alias expansion at most, beyond the document's own nodes (each alias
/// counts every time it is expanded), so alias bombs stay cheap while any document converts
/// whole however large it is.
pub const NODE_BUDGET: usize = 100_000;
/// Deepest nesting converted; deeper nodes become `null`.
pub const MAX_DEPTH: usize = 256;

/// The service config as plain data (see the module docs). An empty document gives `null`.
pub fn config_value(view: View<'_>) -> Value {
    let mut converter = Converter::new(view.tree().nodes.len().saturating_add(NODE_BUDGET));
    match view.root() {
        Some(root) => converter.convert(root),
        None => Value::Null,
    }
}

/// A small piece of the config as data (an ARN, a name), for the plan step; aliases are
/// expanded within a small budget.
pub(crate) fn small_value(node: Node<'_>) -> Value {
    Converter::new(4096).convert(node)
}

/// Converts nodes to data while a budget of produced nodes lasts.
pub(crate) struct Converter {
    budget: usize,
}

impl Converter {
    pub fn new(budget: usize) -> Self {
        Converter { budget }
    }

    /// What is left of the budget (0: it ran out, or is about to).
    pub fn left(&self) -> usize {
        self.budget
    }

    pub fn convert(&mut self, node: Node<'_>) -> Value {
        self.convert_at(node, 0)
    }

    fn convert_at(&mut self, node: Node<'_>, depth: usize) -> Value {
        if self.budget == 0 || depth > MAX_DEPTH {
            return Value::Null;
        }
        self.budget -= 1;
        let node = node.resolve();
        let function = node
            .tag()
            .and_then(|t| value::loaded::cf_function_key(&t.text));
        if let Some(function) = function {
            let inner = match node.kind() {
                // A tagged scalar reaches the tag's constructor as its text.
                NodeKind::Scalar(scalar) => Value::String(scalar.value.to_string()),
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
        self.convert_untagged(node, depth)
    }

    fn convert_untagged(&mut self, node: Node<'_>, depth: usize) -> Value {
        match value::loaded::untagged(node) {
            Loaded::Null => Value::Null,
            Loaded::Bool(b) => Value::Bool(b),
            Loaded::Number(n) => number_value(n),
            Loaded::String(s) => Value::String(s.to_owned()),
            Loaded::Array => Value::Array(
                value::items(node)
                    .map(|item| self.convert_at(item, depth + 1))
                    .collect(),
            ),
            Loaded::Object => {
                let mut map = Map::new();
                for property in value::properties(node) {
                    let converted = self.convert_at(property.value, depth + 1);
                    map.insert(property.name().into_owned(), converted);
                }
                Value::Object(map)
            }
        }
    }
}

/// A JavaScript number as JSON data: integral values within the safe range become integers
/// (JavaScript has one number type, so `1.0` and `1` are the same value); JSON has no NaN or
/// Infinity (`JSON.stringify` prints `null` for them).
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
        assert_eq!(number_value(1.0), Value::from(1));
        assert_eq!(number_value(1.5), crate::json_literal::json!(1.5));
        assert_eq!(number_value(f64::INFINITY), Value::Null);
        assert_eq!(number_value(1e300), crate::json_literal::json!(1e300));
    }
}
