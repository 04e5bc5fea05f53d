//! YAML values as the framework sees them: what a node loads as ([`loaded`]), the validator's
//! coercions ([`coerce`]), and which values are only known at deploy time (variables,
//! CloudFormation intrinsics). The one place these rules live: the rules and the compiler both
//! read settings through it.

pub mod coerce;
pub mod loaded;

pub use coerce::{boolean, non_empty_string, number, string, truthy, truthy_opt};
pub use loaded::{
    first_property, get, items, key_text, loaded, number_text, properties, Loaded, Lookup, Property,
};

use sls_syntax::{Node, NodeKind, ScalarKind};

/// Whether a scalar holds a Serverless variable such as `${self:custom.x}`, `${opt:stage}`
/// or `${file(./a.yml):b}`: a `${...}` whose body names a source (has `:` or `(`).
pub fn is_variable_text(text: &str) -> bool {
    if !text.as_bytes().contains(&b'$') {
        return false;
    }
    let mut rest = text;
    while let Some(start) = rest.find("${") {
        let body = &rest[start + 2..];
        let end = body.find('}').unwrap_or(body.len());
        let inner = &body[..end];
        if inner.contains(':') || inner.contains('(') {
            return true;
        }
        rest = body;
    }
    false
}

/// Whether a node's value is only known at deploy time: a Serverless variable, a
/// CloudFormation intrinsic (`!Ref`, `{Ref: x}`, `{Fn::GetAtt: ...}`), or an alias to one.
pub fn is_dynamic(node: Node<'_>) -> bool {
    let node = node.resolve();
    if node.tag().is_some_and(|tag| is_intrinsic_tag(&tag.text)) {
        return true;
    }
    match node.kind() {
        NodeKind::Scalar(scalar) => is_variable_text(&scalar.value),
        NodeKind::Mapping { .. } => is_intrinsic_object(node),
        _ => false,
    }
}

/// `!Ref`, `!GetAtt`, `!Sub` and the other CloudFormation short forms.
pub fn is_intrinsic_tag(tag: &str) -> bool {
    loaded::cf_function_key(tag).is_some()
}

/// A one-key mapping whose key is `Ref`, `Condition` or `Fn::...`.
pub fn is_intrinsic_object(node: Node<'_>) -> bool {
    let mut entries = node.entries();
    match (entries.next(), entries.next()) {
        (Some((key, _)), None) => key
            .as_str()
            .is_some_and(|k| k == "Ref" || k == "Condition" || k.starts_with("Fn::")),
        _ => false,
    }
}

/// The string the framework sees where it expects a string, after its silent coercions:
/// numbers and booleans become their text, a one-item list becomes its item. `None` for null,
/// objects, multi-item lists and dynamic values.
pub fn coerced_string(node: Node<'_>) -> Option<&str> {
    let node = node.resolve();
    if is_dynamic(node) {
        return None;
    }
    match node.kind() {
        NodeKind::Scalar(scalar) if scalar.kind() != ScalarKind::Null => Some(&scalar.value),
        NodeKind::Sequence { .. } => {
            let mut items = node.items();
            match (items.next(), items.next()) {
                (Some(item), None) if item.resolve().as_scalar().is_some() => coerced_string(item),
                _ => None,
            }
        }
        _ => None,
    }
}

/// Whether a value is truthy in JavaScript terms after loading (used where the framework
/// tests `if (value)`): null, `false`, `0` and `''` are falsy.
pub fn is_truthy(node: Node<'_>) -> bool {
    truthy(node)
}

/// The YAML boolean a value holds, after the validator's coercion of `"true"`/`"false"`.
pub fn coerced_bool(node: Node<'_>) -> Option<bool> {
    let scalar = node.resolve().as_scalar()?;
    match scalar.kind() {
        ScalarKind::Bool(b) => Some(b),
        _ => match scalar.value.as_str() {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variables_need_a_source() {
        assert!(is_variable_text("${self:custom.stage}"));
        assert!(is_variable_text("prefix-${opt:stage, 'dev'}"));
        assert!(is_variable_text("${file(./config.yml):key}"));
        assert!(!is_variable_text("${request.body.action}"));
        assert!(!is_variable_text("$request.body.action"));
        assert!(!is_variable_text("plain"));
    }
}
