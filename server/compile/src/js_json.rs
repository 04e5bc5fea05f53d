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

/// A sink that only counts the bytes of the text.
#[derive(Default)]
pub struct ByteCount(pub usize);

impl Sink for ByteCount {
    fn push_str(&mut self, text: &str) {
        self.0 += text.len();
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

/// Writes `JSON.stringify(value)`.
pub(crate) fn write_value(out: &mut impl Sink, value: &Value) {
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
    let bytes = s.as_bytes();
    let mut run_start = 0;
    let mut i = 0;
    while i < bytes.len() {
        // Eight bytes at a time while none needs an escape (most strings need none).
        if let Some(word) = bytes
            .get(i..i + 8)
            .and_then(|w| <[u8; 8]>::try_from(w).ok())
        {
            if !any_needs_escape(u64::from_le_bytes(word)) {
                i += 8;
                continue;
            }
        }
        let byte = bytes[i];
        let escape = match byte {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            0x08 => "\\b",
            0x0c => "\\f",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0..=0x1f => "",
            _ => {
                i += 1;
                continue;
            }
        };
        out.push_str(s.get(run_start..i).unwrap_or_default());
        if escape.is_empty() {
            out.push_str(&format!("\\u{byte:04x}"));
        } else {
            out.push_str(escape);
        }
        i += 1;
        run_start = i;
    }
    out.push_str(s.get(run_start..).unwrap_or_default());
    out.push_str("\"");
}

/// Whether any of the eight bytes of `word` is a control character, `"` or `\\` (exact as a
/// whole: the usual has-zero-byte and has-less-than tests, each exact for the word).
fn any_needs_escape(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let below_space = word.wrapping_sub(ONES * 0x20) & !word & HIGH;
    let quote = word ^ (ONES * u64::from(b'"'));
    let quote = quote.wrapping_sub(ONES) & !quote & HIGH;
    let backslash = word ^ (ONES * u64::from(b'\\'));
    let backslash = backslash.wrapping_sub(ONES) & !backslash & HIGH;
    below_space | quote | backslash != 0
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
    fn the_eight_byte_test_finds_exactly_the_bytes_to_escape() {
        let needs = |b: u8| b < 0x20 || b == b'"' || b == b'\\';
        let fill = [b'a', 0xff, 0x80, b' ', b'!', b'#', b'[', b']', 0x7f, 0x21];
        for byte in 0..=255u8 {
            for position in 0..8 {
                for &other in &fill {
                    let mut word = [other; 8];
                    word[position] = byte;
                    assert_eq!(
                        any_needs_escape(u64::from_le_bytes(word)),
                        needs(byte) || needs(other),
                        "{word:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn long_strings_escape_like_short_ones() {
        let text = "0123456789\"abcdefgh\\ijklmnop\u{1}qrstuvwxyz é😀\n";
        for start in 0..text.len() {
            let Some(piece) = text.get(start..) else {
                continue;
            };
            let mut whole = String::new();
            write_string(&mut whole, piece);
            let mut by_char = String::from("\"");
            for c in piece.chars() {
                let mut one = String::new();
                write_string(&mut one, c.encode_utf8(&mut [0; 4]));
                by_char.push_str(&one[1..one.len() - 1]);
            }
            by_char.push('"');
            assert_eq!(whole, by_char);
        }
    }

    #[test]
    fn numbers_print_like_javascript() {
        assert_eq!(stringify(&json!(42)), "42");
        assert_eq!(stringify(&json!(1.5)), "1.5");
        assert_eq!(stringify(&json!(u64::MAX)), "18446744073709551615");
    }
}
