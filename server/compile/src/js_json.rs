//! JavaScript-compatible JSON text: what `JSON.stringify(value)` prints (no whitespace).
//!
//! Keys keep their insertion order (the workspace enables serde_json `preserve_order`),
//! integers print without `.0`, other numbers use JavaScript's `Number#toString` rules,
//! non-ASCII and `/` are written verbatim, control characters use JavaScript's escapes.

use serde_json::{Number, Value};

/// `JSON.stringify(value)` as JavaScript prints it.
pub fn stringify(value: &Value) -> String {
    let mut out = String::new();
    write_value(&mut out, value);
    out
}

/// `JSON.stringify` of an object with these entries, in this order (no map is built).
pub fn stringify_entries<'v>(entries: impl IntoIterator<Item = (&'v str, &'v Value)>) -> String {
    let mut out = String::new();
    out.push('{');
    for (i, (key, item)) in entries.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_string(&mut out, key);
        out.push(':');
        write_value(&mut out, item);
    }
    out.push('}');
    out
}

fn write_value(out: &mut String, value: &Value) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&number_to_string(n)),
        Value::String(s) => write_string(out, s),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_value(out, item);
            }
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            for (i, (key, item)) in map.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_string(out, key);
                out.push(':');
                write_value(out, item);
            }
            out.push('}');
        }
    }
}

/// A JSON string literal with JavaScript's escaping rules.
pub fn write_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// A JSON number as JavaScript prints it (`String(n)`).
pub fn number_to_string(n: &Number) -> String {
    if let Some(i) = n.as_i64() {
        return i.to_string();
    }
    if let Some(u) = n.as_u64() {
        return u.to_string();
    }
    n.as_f64()
        .map_or_else(|| "null".to_owned(), sls_model::value::number_text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn objects_keep_order_and_have_no_whitespace() {
        let v = json!({"b": 1, "a": [true, null, "x"], "c": {}});
        assert_eq!(stringify(&v), r#"{"b":1,"a":[true,null,"x"],"c":{}}"#);
    }

    #[test]
    fn entries_print_like_the_object() {
        let value = json!({"b": [1, {"c": "x"}], "a": null});
        let map = value.as_object().into_iter().flatten();
        let entries = map.map(|(k, v)| (k.as_str(), v));
        assert_eq!(stringify_entries(entries), stringify(&value));
        assert_eq!(stringify_entries([]), "{}");
    }

    #[test]
    fn strings_escape_like_javascript() {
        let v = json!("a\"b\\c/d\u{1}\u{8}\t\n\u{c}\r\u{1f}é😀\u{2028}");
        assert_eq!(
            stringify(&v),
            "\"a\\\"b\\\\c/d\\u0001\\b\\t\\n\\f\\r\\u001fé😀\u{2028}\""
        );
    }

    #[test]
    fn numbers_print_like_javascript() {
        assert_eq!(stringify(&json!(42)), "42");
        assert_eq!(stringify(&json!(1.5)), "1.5");
        assert_eq!(stringify(&json!(u64::MAX)), "18446744073709551615");
    }
}
