//! lodash's word splitting and the cases built on it (`_.camelCase`, `_.startCase`), for the
//! ASCII text of model names and content types.

/// `_.words` for ASCII text: runs of letters and digits, split where lower case turns upper,
/// before the last capital of a capital run followed by lower case, and between letters and
/// digits.
pub fn words(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut current = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_ascii_alphanumeric() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            continue;
        }
        if let Some(&prev) = current.chars().last().as_ref() {
            let next = chars.get(i + 1).copied();
            let boundary = (prev.is_ascii_lowercase() && c.is_ascii_uppercase())
                || (prev.is_ascii_uppercase()
                    && c.is_ascii_uppercase()
                    && next.is_some_and(|n| n.is_ascii_lowercase()))
                || (prev.is_ascii_digit() != c.is_ascii_digit());
            if boundary {
                out.push(std::mem::take(&mut current));
            }
        }
        current.push(c);
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// `_.camelCase`: the words joined, the first lower-cased, the others capitalised.
pub fn camel_case(text: &str) -> String {
    let mut out = String::new();
    for (i, word) in words(text).iter().enumerate() {
        let lower = word.to_ascii_lowercase();
        if i == 0 {
            out.push_str(&lower);
        } else {
            out.push_str(&super::upper_first(&lower));
        }
    }
    out
}

/// `_.startCase`: the words with their first letter upper-cased, joined by spaces.
pub fn start_case(text: &str) -> String {
    words(text)
        .iter()
        .map(|w| super::upper_first(w))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lodash_cases() {
        assert_eq!(words("fooBar-baz_qux"), ["foo", "Bar", "baz", "qux"]);
        assert_eq!(words("XMLHttpRequest"), ["XML", "Http", "Request"]);
        assert_eq!(camel_case("my-create_schema"), "myCreateSchema");
        assert_eq!(camel_case("CreateTodo"), "createTodo");
        assert_eq!(start_case("application/json"), "Application Json");
        assert_eq!(
            start_case("application/vnd.api+json"),
            "Application Vnd Api Json"
        );
    }
}
