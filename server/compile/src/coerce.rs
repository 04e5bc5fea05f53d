//! The silent type coercions of the framework's schema validator (AJV `coerceTypes: "array"`)
//! and JavaScript truthiness, applied where the compiler reads a setting.

use serde_json::Value;

use crate::js_json;

/// JavaScript truthiness of a config value.
pub fn truthy(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0 && !f.is_nan()),
        Value::String(s) => !s.is_empty(),
        Value::Array(_) | Value::Object(_) => true,
    }
}

/// `Some(value)` when it is present and truthy.
pub fn truthy_opt(value: Option<&Value>) -> Option<&Value> {
    value.filter(|v| truthy(v))
}

/// A value where the schema expects a string: strings as they are, numbers and booleans as
/// their text, `null` as `""`, a one-item list as its item; `None` when not coercible.
pub fn to_string(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(js_json::number_to_string(n)),
        Value::Bool(b) => Some(b.to_string()),
        Value::Null => Some(String::new()),
        Value::Array(items) if items.len() == 1 => items.first().and_then(scalar_to_string),
        _ => None,
    }
}

fn scalar_to_string(value: &Value) -> Option<String> {
    match value {
        Value::Array(_) | Value::Object(_) => None,
        other => to_string(other),
    }
}

/// A setting where the schema expects a string, if set and non-empty after coercion.
pub fn non_empty_string(value: Option<&Value>) -> Option<String> {
    value
        .filter(|v| !v.is_null())
        .and_then(to_string)
        .filter(|s| !s.is_empty())
}

/// A value where the schema expects a boolean: booleans, `"true"`/`"false"`, `1`/`0`, `null`
/// (false), a one-item list of those.
pub fn to_bool(value: &Value) -> Option<bool> {
    match value {
        Value::Bool(b) => Some(*b),
        Value::String(s) if s == "true" => Some(true),
        Value::String(s) if s == "false" => Some(false),
        Value::Number(n) if n.as_f64() == Some(1.0) => Some(true),
        Value::Number(n) if n.as_f64() == Some(0.0) => Some(false),
        Value::Null => Some(false),
        Value::Array(items) if items.len() == 1 => items.first().and_then(|item| match item {
            Value::Array(_) => None,
            other => to_bool(other),
        }),
        _ => None,
    }
}

/// A value where the schema expects a number: numbers, numeric strings, one-item lists.
pub fn to_number(value: &Value) -> Option<Value> {
    match value {
        Value::Number(_) => Some(value.clone()),
        Value::String(s) => {
            let f: f64 = s.trim().parse().ok()?;
            Some(crate::config_value::number_value(f))
        }
        Value::Bool(b) => Some(Value::from(u8::from(*b))),
        Value::Array(items) if items.len() == 1 => items.first().and_then(to_number),
        _ => None,
    }
}

/// A value where the schema expects a list of strings: a list (items coerced to strings when
/// they can be), or a scalar wrapped in a one-item list.
pub fn to_string_list(value: &Value) -> Value {
    let coerce_item = |item: &Value| match item {
        Value::Array(_) | Value::Object(_) => item.clone(),
        other => to_string(other).map_or_else(|| other.clone(), Value::String),
    };
    match value {
        Value::Array(items) => Value::Array(items.iter().map(coerce_item).collect()),
        Value::Object(_) => value.clone(),
        other => Value::Array(vec![coerce_item(other)]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn coercions() {
        assert_eq!(to_string(&json!(123)).as_deref(), Some("123"));
        assert_eq!(to_string(&json!(true)).as_deref(), Some("true"));
        assert_eq!(to_string(&json!(["x"])).as_deref(), Some("x"));
        assert_eq!(to_string(&json!(["x", "y"])), None);
        assert_eq!(to_string(&json!({})), None);
        assert_eq!(to_bool(&json!("false")), Some(false));
        assert_eq!(to_string_list(&json!("a")), json!(["a"]));
        assert_eq!(to_string_list(&json!(["a", 1])), json!(["a", "1"]));
        assert!(!truthy(&json!("")));
        assert!(truthy(&json!([])));
    }
}
