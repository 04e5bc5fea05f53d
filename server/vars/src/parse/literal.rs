//! Literal values inside variables as JavaScript reads them: fallback literals, unquoted
//! params, `"..."` strings (JSON syntax) and numbers (`Number(text)`), and numbers printed back
//! the way `String(number)` does.

use super::Literal;

/// A literal fallback (`${self:a, 10}`): `true`, `false`, `null` or a number; `None` for
/// anything else, which the framework rejects.
pub(super) fn literal_fallback(text: &str) -> Option<Literal> {
    match text {
        "true" => Some(Literal::Bool(true)),
        "false" => Some(Literal::Bool(false)),
        "null" => Some(Literal::Null),
        _ => js_number(text).map(Literal::Num),
    }
}

/// An unquoted param without variables: a literal when it reads as one, else its text. A
/// falsy result (`false`, `0`) is no value at all, as in the framework.
pub(super) fn param_literal(text: &str) -> Literal {
    match literal_fallback(text) {
        Some(Literal::Bool(false)) => Literal::Null,
        Some(Literal::Num(0.0)) => Literal::Null,
        Some(literal) => literal,
        None if text.is_empty() => Literal::Null,
        None => Literal::Str(text.to_owned()),
    }
}

/// JavaScript's `Number(text)` when it is not `NaN`: surrounding whitespace, decimal with an
/// optional exponent, `0x`/`0o`/`0b` integers, `Infinity` with an optional sign; an empty text
/// is 0.
pub fn js_number(text: &str) -> Option<f64> {
    let text = text.trim();
    if text.is_empty() {
        return Some(0.0);
    }
    let radix = match text.get(..2) {
        Some("0x" | "0X") => Some(16),
        Some("0o" | "0O") => Some(8),
        Some("0b" | "0B") => Some(2),
        _ => None,
    };
    if let Some(radix) = radix {
        let digits = &text[2..];
        if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
            return None;
        }
        return Some(digits.chars().fold(0.0, |acc, c| {
            acc * f64::from(radix) + f64::from(c.to_digit(radix).unwrap_or(0))
        }));
    }
    let unsigned = text.strip_prefix(['+', '-']).unwrap_or(text);
    if unsigned == "Infinity" {
        return Some(if text.starts_with('-') {
            f64::NEG_INFINITY
        } else {
            f64::INFINITY
        });
    }
    if !is_decimal(unsigned) {
        return None;
    }
    text.parse().ok()
}

/// `digits[.digits][e[+-]digits]` or `.digits[...]`, with at least one mantissa digit.
fn is_decimal(text: &str) -> bool {
    let (mantissa, exponent) = match text.find(['e', 'E']) {
        Some(at) => (&text[..at], Some(&text[at + 1..])),
        None => (text, None),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    let mantissa_ok = digits(int) && digits(frac) && !(int.is_empty() && frac.is_empty());
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['+', '-']).unwrap_or(e);
        !e.is_empty() && digits(e)
    });
    mantissa_ok && exponent_ok
}

/// JavaScript's `String(number)` (see `sls_syntax::js_number_text`).
pub fn js_number_to_string(f: f64) -> String {
    sls_syntax::js_number_text(f)
}

/// `JSON.parse` of a double-quoted string (surrounding JSON whitespace allowed).
pub(super) fn json_string(written: &str) -> Result<String, String> {
    let text = written.trim_matches([' ', '\t', '\n', '\r']);
    let inner = text
        .strip_prefix('"')
        .and_then(|rest| rest.strip_suffix('"'))
        .filter(|_| text.len() >= 2)
        .ok_or_else(|| "expected one double-quoted string".to_owned())?;
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('"') => out.push('"'),
                Some('\\') => out.push('\\'),
                Some('/') => out.push('/'),
                Some('b') => out.push('\u{8}'),
                Some('f') => out.push('\u{c}'),
                Some('n') => out.push('\n'),
                Some('r') => out.push('\r'),
                Some('t') => out.push('\t'),
                Some('u') => out.push(unicode_escape(&mut chars)?),
                Some(other) => return Err(format!("bad escape `\\{other}`")),
                None => return Err("unfinished escape".to_owned()),
            },
            '"' => return Err("unescaped `\"` inside the string".to_owned()),
            c if (c as u32) < 0x20 => return Err("control character inside the string".into()),
            c => out.push(c),
        }
    }
    Ok(out)
}

/// The character of `\uXXXX` (and of a following `\uXXXX` low surrogate); a lone surrogate
/// becomes U+FFFD.
fn unicode_escape(chars: &mut std::str::Chars<'_>) -> Result<char, String> {
    let high = hex4(chars)?;
    if !(0xD800..0xDC00).contains(&high) {
        return Ok(char::from_u32(high).unwrap_or('\u{fffd}'));
    }
    let mut lookahead = chars.clone();
    if lookahead.next() == Some('\\') && lookahead.next() == Some('u') {
        if let Ok(low) = hex4(&mut lookahead) {
            if (0xDC00..0xE000).contains(&low) {
                *chars = lookahead;
                let code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
                return Ok(char::from_u32(code).unwrap_or('\u{fffd}'));
            }
        }
    }
    Ok('\u{fffd}')
}

fn hex4(chars: &mut std::str::Chars<'_>) -> Result<u32, String> {
    let mut code = 0;
    for _ in 0..4 {
        let digit = chars
            .next()
            .and_then(|c| c.to_digit(16))
            .ok_or_else(|| "bad `\\u` escape".to_owned())?;
        code = code * 16 + digit;
    }
    Ok(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_like_javascript() {
        for (text, value) in [
            ("10", 10.0),
            (" 1.5 ", 1.5),
            ("-2", -2.0),
            (".5", 0.5),
            ("5.", 5.0),
            ("1e3", 1000.0),
            ("0x10", 16.0),
            ("0b11", 3.0),
            ("0o17", 15.0),
            ("007", 7.0),
        ] {
            assert_eq!(js_number(text), Some(value), "{text}");
        }
        assert_eq!(js_number("-Infinity"), Some(f64::NEG_INFINITY));
        for text in [
            "abc", "1_000", "inf", "nan", "-0x10", "0x", "1e", ".", "1.2.3",
        ] {
            assert_eq!(js_number(text), None, "{text}");
        }
    }

    #[test]
    fn params_without_value_are_null() {
        assert_eq!(param_literal("0"), Literal::Null);
        assert_eq!(param_literal("false"), Literal::Null);
        assert_eq!(param_literal("true"), Literal::Bool(true));
        assert_eq!(param_literal("./a.yml"), Literal::Str("./a.yml".into()));
        assert_eq!(param_literal("1"), Literal::Num(1.0));
    }

    #[test]
    fn json_strings() {
        assert_eq!(json_string(r#""a\tb\u00e9""#).as_deref(), Ok("a\tbé"));
        assert_eq!(json_string("\"x\"  ").as_deref(), Ok("x"));
        assert_eq!(json_string(r#""\ud83d\ude00""#).as_deref(), Ok("😀"));
        assert!(json_string(r#""a\q""#).is_err());
    }
}
