//! JavaScript-compatible JSON text: what `JSON.stringify(value)` prints (no whitespace).
//!
//! Keys keep their insertion order (the workspace enables serde_json `preserve_order`),
//! integers print without `.0`, other numbers use JavaScript's `Number#toString` rules,
//! non-ASCII and `/` are written verbatim, control characters use JavaScript's escapes.

use serde_json::{Number, Value};

/// Where JSON text goes: a string, or a digest that never holds the text.
pub trait Sink {
    fn push_str(&mut self, text: &str);
}

impl Sink for String {
    fn push_str(&mut self, text: &str) {
        String::push_str(self, text);
    }
}

impl Sink for Vec<u8> {
    fn push_str(&mut self, text: &str) {
        self.extend_from_slice(text.as_bytes());
    }
}

/// `JSON.stringify(value)` as JavaScript prints it.
pub fn stringify(value: &Value) -> String {
    let mut out = String::new();
    write_value(&mut out, value);
    out
}

/// Writes `JSON.stringify` of an object with these entries, in this order.
pub fn write_entries<'v>(
    out: &mut impl Sink,
    entries: impl IntoIterator<Item = (&'v str, &'v Value)>,
) {
    out.push_str("{");
    for (i, (key, item)) in entries.into_iter().enumerate() {
        write_entry(out, i == 0, key, item);
    }
    out.push_str("}");
}

/// Writes one entry of an object's text (`"key":value`), after a comma unless it is the
/// `first`.
pub fn write_entry(out: &mut impl Sink, first: bool, key: &str, item: &Value) {
    if !first {
        out.push_str(",");
    }
    write_string(out, key);
    out.push_str(":");
    write_value(out, item);
}

fn write_value(out: &mut impl Sink, value: &Value) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&number_to_string(n)),
        Value::String(s) => write_string(out, s),
        Value::Array(items) => {
            out.push_str("[");
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(",");
                }
                write_value(out, item);
            }
            out.push_str("]");
        }
        Value::Object(map) => write_entries(out, map.iter().map(|(k, v)| (k.as_str(), v))),
    }
}

/// A JSON string literal with JavaScript's escaping rules (runs that need no escape are
/// written whole; only ASCII bytes ever need one).
pub fn write_string(out: &mut impl Sink, s: &str) {
    out.push_str("\"");
    let mut run_start = 0;
    for (i, byte) in s.bytes().enumerate() {
        let escape = match byte {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            0x08 => "\\b",
            0x0c => "\\f",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(s.get(run_start..i).unwrap_or_default());
        if escape.is_empty() {
            out.push_str(&format!("\\u{byte:04x}"));
        } else {
            out.push_str(escape);
        }
        run_start = i + 1;
    }
    out.push_str(s.get(run_start..).unwrap_or_default());
    out.push_str("\"");
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
    use crate::json_literal::json;

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
        let mut text = String::new();
        write_entries(&mut text, entries);
        assert_eq!(text, stringify(&value));
        let mut empty = String::new();
        write_entries(&mut empty, []);
        assert_eq!(empty, "{}");
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
