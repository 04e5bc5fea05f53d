//! The validator's silent coercions (AJV `coerceTypes: "array"`) and JavaScript truthiness:
//! what a setting becomes where the framework's schema expects a string, a number, a boolean
//! or a list, and what `if (value)` sees.

use std::borrow::Cow;

use sls_syntax::Node;

use super::loaded::{items, loaded, number_text, Loaded};

/// JavaScript truthiness of the loaded value: `null`, `false`, `0`, `NaN` and `''` are falsy.
pub fn truthy(node: Node<'_>) -> bool {
    match loaded(node) {
        Loaded::Null => false,
        Loaded::Bool(b) => b,
        Loaded::Number(n) => n != 0.0 && !n.is_nan(),
        Loaded::String(s) => !s.is_empty(),
        Loaded::Array | Loaded::Object => true,
    }
}

/// `Some(node)` when it is present and truthy.
pub fn truthy_opt(node: Option<Node<'_>>) -> Option<Node<'_>> {
    node.filter(|n| truthy(*n))
}

/// The value where the schema expects a string: strings as they are, numbers and booleans as
/// their text, `null` as `""`, a one-item list as its item; `None` when not coercible.
pub fn string(node: Node<'_>) -> Option<Cow<'_, str>> {
    match loaded(node) {
        Loaded::String(s) => Some(Cow::Borrowed(s)),
        Loaded::Number(n) => Some(Cow::Owned(number_text(n))),
        Loaded::Bool(b) => Some(Cow::Borrowed(if b { "true" } else { "false" })),
        Loaded::Null => Some(Cow::Borrowed("")),
        Loaded::Array => {
            let mut all = items(node);
            match (all.next(), all.next()) {
                (Some(item), None) if !matches!(loaded(item), Loaded::Array | Loaded::Object) => {
                    string(item)
                }
                _ => None,
            }
        }
        Loaded::Object => None,
    }
}

/// A string setting that is set: present, not `null`, coercible and not empty.
pub fn non_empty_string(node: Option<Node<'_>>) -> Option<Cow<'_, str>> {
    node.filter(|n| loaded(*n) != Loaded::Null)
        .and_then(string)
        .filter(|s| !s.is_empty())
}

/// The value where the schema expects a boolean: booleans, `"true"`/`"false"`, `1`/`0`, a
/// one-item list of those. `null` stays `None`: the framework removes null settings before it
/// validates (so they are never coerced) and puts them back, and its compiler then reads them
/// as `null`, not `false`.
pub fn boolean(node: Node<'_>) -> Option<bool> {
    match loaded(node) {
        Loaded::Bool(b) => Some(b),
        Loaded::String("true") => Some(true),
        Loaded::String("false") => Some(false),
        Loaded::Number(1.0) => Some(true),
        Loaded::Number(0.0) => Some(false),
        Loaded::Array => single_scalar(node).and_then(boolean),
        _ => None,
    }
}

/// The value where the schema expects a number: numbers, numeric strings, booleans (0/1), a
/// one-item list of those; `null` stays `None`, as for [`boolean`].
pub fn number(node: Node<'_>) -> Option<f64> {
    match loaded(node) {
        Loaded::Number(n) => Some(n),
        Loaded::String(s) if !s.is_empty() => {
            let trimmed = s.trim();
            if trimmed.is_empty() {
                Some(0.0)
            } else {
                trimmed.parse::<f64>().ok().filter(|n| n.is_finite())
            }
        }
        Loaded::Bool(b) => Some(f64::from(u8::from(b))),
        Loaded::Array => single_scalar(node).and_then(number),
        _ => None,
    }
}

/// The only item of a one-item list, when it is not itself a collection.
fn single_scalar(node: Node<'_>) -> Option<Node<'_>> {
    let mut all = items(node);
    match (all.next(), all.next()) {
        (Some(item), None) if !matches!(loaded(item), Loaded::Array | Loaded::Object) => Some(item),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::get;

    #[test]
    fn coercions() {
        let tree = sls_syntax::parse(
            "a: 123\nb: true\nc: [x]\nd: [x, y]\ne: {}\nf: 'false'\ng: ''\nh: '5'\ni: 1.50\nj:\n",
        )
        .tree;
        let r = tree.root().expect("root");
        let at = |k: &str| get(r, k).expect(k);
        assert_eq!(string(at("a")).as_deref(), Some("123"));
        assert_eq!(string(at("b")).as_deref(), Some("true"));
        assert_eq!(string(at("c")).as_deref(), Some("x"));
        assert_eq!(string(at("d")), None);
        assert_eq!(string(at("e")), None);
        assert_eq!(string(at("i")).as_deref(), Some("1.5"));
        assert_eq!(boolean(at("f")), Some(false));
        assert_eq!(number(at("h")), Some(5.0));
        assert_eq!(non_empty_string(Some(at("j"))), None);
        assert_eq!(boolean(at("j")), None, "a null setting is not false");
        assert_eq!(number(at("j")), None, "a null setting is not 0");
        assert!(!truthy(at("g")));
        assert!(truthy(at("e")));
    }
}
