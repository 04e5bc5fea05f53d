//! How JavaScript prints a number (`String(n)`), the text a YAML number becomes wherever the
//! framework turns values into strings or JSON.

/// JavaScript's `String(number)`: integers without a fraction, the shortest round-trip
/// digits otherwise, exponent notation below 1e-6 and from 1e21.
pub fn js_number_text(f: f64) -> String {
    if f.is_nan() {
        return "NaN".to_owned();
    }
    if f.is_infinite() {
        return if f > 0.0 { "Infinity" } else { "-Infinity" }.to_owned();
    }
    if f == 0.0 {
        return "0".to_owned();
    }
    let scientific = format!("{:e}", f.abs());
    let (mantissa, exponent) = scientific.split_once('e').unwrap_or((&scientific, "0"));
    let exponent: i64 = exponent.parse().unwrap_or(0);
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let count = digits.len() as i64;
    let point = exponent + 1;
    let mut out = String::new();
    if f < 0.0 {
        out.push('-');
    }
    if count <= point && point <= 21 {
        out.push_str(&digits);
        out.push_str(&"0".repeat((point - count) as usize));
    } else if 0 < point && point <= 21 {
        out.push_str(&digits[..point as usize]);
        out.push('.');
        out.push_str(&digits[point as usize..]);
    } else if -6 < point && point <= 0 {
        out.push_str("0.");
        out.push_str(&"0".repeat((-point) as usize));
        out.push_str(&digits);
    } else {
        out.push_str(&digits[..1]);
        if count > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        out.push('e');
        out.push(if point > 0 { '+' } else { '-' });
        out.push_str(&(point - 1).abs().to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_print_like_javascript() {
        for (f, text) in [
            (1.0, "1"),
            (-2.5, "-2.5"),
            (0.1, "0.1"),
            (1e21, "1e+21"),
            (1e20, "100000000000000000000"),
            (1.25e-7, "1.25e-7"),
            (0.000001, "0.000001"),
            (16.0, "16"),
        ] {
            assert_eq!(js_number_text(f), text, "{f}");
        }
        assert_eq!(js_number_text(f64::NAN), "NaN");
        assert_eq!(js_number_text(f64::NEG_INFINITY), "-Infinity");
    }
}
