//! `.env` files as the framework loads them with `useDotenv: true` (dotenv 16 parsing, then
//! dotenv-expand 10 interpolation): `KEY=value` lines, optional `export `, quoted values (double
//! quotes expand `\n` and `\r`), `#` comments after unquoted values, and `$NAME`, `${NAME}`,
//! `${NAME:-default}` expanded from the environment first, then the file. What is already set in
//! the environment is never overridden.

use std::collections::HashMap;

/// The variables a `.env` file defines, after interpolation; `env` is the process environment
/// (which also wins over the file for keys it defines).
pub fn load(text: &str, env: &dyn Fn(&str) -> Option<String>) -> HashMap<String, String> {
    let mut parsed = parse(text);
    for index in 0..parsed.len() {
        let key = parsed[index].0.clone();
        let value = env(&key).unwrap_or_else(|| parsed[index].1.clone());
        let expanded = interpolate(&value, env, &parsed).replace("\\$", "$");
        parsed[index].1 = expanded;
    }
    parsed.into_iter().collect()
}

/// `KEY=value` pairs in file order (a later key wins).
fn parse(text: &str) -> Vec<(String, String)> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut pairs: Vec<(String, String)> = Vec::new();
    let mut rest = text.as_str();
    while !rest.is_empty() {
        let (line_end, next) = match rest.find('\n') {
            Some(at) => (at, at + 1),
            None => (rest.len(), rest.len()),
        };
        let consumed = match parse_pair(rest, line_end) {
            Some((key, value, consumed)) => {
                pairs.retain(|(k, _)| *k != key);
                pairs.push((key, value));
                consumed.max(next)
            }
            None => next,
        };
        rest = rest.get(consumed..).unwrap_or_default();
    }
    pairs
}

/// One assignment at the start of `text` (its first line ends at `line_end`; a quoted value may
/// run over several lines): the key, the value and how many bytes it took.
fn parse_pair(text: &str, line_end: usize) -> Option<(String, String, usize)> {
    let line = &text[..line_end];
    let body = line.trim_start();
    let body = body.strip_prefix("export ").map_or(body, str::trim_start);
    let key_len = body
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.' || c == '-'))
        .unwrap_or(body.len());
    if key_len == 0 {
        return None;
    }
    let key = &body[..key_len];
    let after_key = body[key_len..].trim_start_matches([' ', '\t']);
    let raw = if let Some(rest) = after_key.strip_prefix('=') {
        rest
    } else {
        after_key
            .strip_prefix(':')
            .filter(|rest| rest.starts_with([' ', '\t']))?
    };
    let value_start = line_end - raw.len();
    let raw_full = &text[value_start..];
    let leading = raw_full.len() - raw_full.trim_start_matches([' ', '\t']).len();
    let value_text = &raw_full[leading..];
    if let Some(quote) = value_text
        .chars()
        .next()
        .filter(|c| matches!(c, '"' | '\'' | '`'))
    {
        if let Some(close) = closing_quote(value_text, quote) {
            let inner = &value_text[1..close];
            let value = if quote == '"' {
                inner.replace("\\n", "\n").replace("\\r", "\r")
            } else {
                inner.to_owned()
            };
            let consumed = value_start + leading + close + 1;
            let line_rest_end = text[consumed..]
                .find('\n')
                .map_or(text.len(), |at| consumed + at);
            return Some((key.to_owned(), value, line_rest_end));
        }
    }
    let unquoted = raw.split('#').next().unwrap_or_default().trim();
    Some((key.to_owned(), unquoted.to_owned(), line_end))
}

/// The closing quote of a value starting with `quote` (a quote escaped by `\` does not close).
fn closing_quote(value: &str, quote: char) -> Option<usize> {
    let mut escaped = false;
    for (at, c) in value.char_indices().skip(1) {
        if escaped {
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == quote {
            return Some(at);
        }
    }
    None
}

/// dotenv-expand's right-to-left expansion of unescaped `$NAME` / `${NAME}` / `${NAME:-x}`.
fn interpolate(
    value: &str,
    env: &dyn Fn(&str) -> Option<String>,
    parsed: &[(String, String)],
) -> String {
    let mut value = value.to_owned();
    // Each round replaces one reference; a value cannot grow references forever, but guard.
    for _ in 0..1000 {
        let Some(dollar) = last_unescaped_dollar(&value) else {
            return value;
        };
        let Some((end, name, default)) = reference_at(&value, dollar) else {
            return value;
        };
        let from_file = parsed
            .iter()
            .rev()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v);
        let replacement = env(&name)
            .filter(|v| !v.is_empty())
            .or_else(|| default.filter(|d| !d.is_empty()))
            .or_else(|| from_file.filter(|v| !v.is_empty()).cloned())
            .unwrap_or_default();
        value.replace_range(dollar..end, &replacement);
    }
    value
}

fn last_unescaped_dollar(value: &str) -> Option<usize> {
    value
        .rmatch_indices('$')
        .map(|(at, _)| at)
        .find(|at| *at == 0 || value.as_bytes()[at - 1] != b'\\')
}

/// `$NAME`, `${NAME}` or `${NAME:-default}` at `dollar`: where it ends, the name, the default.
fn reference_at(value: &str, dollar: usize) -> Option<(usize, String, Option<String>)> {
    let rest = &value[dollar + 1..];
    let braced = rest.starts_with('{');
    let name_start = usize::from(braced);
    let name_len = rest[name_start..]
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(rest.len() - name_start);
    if name_len == 0 {
        return None;
    }
    let name = rest[name_start..name_start + name_len].to_owned();
    let mut end = name_start + name_len;
    let mut default = None;
    if let Some(after) = rest[end..].strip_prefix(":-") {
        let len = after.find(['}', '\\']).unwrap_or(after.len());
        default = Some(after[..len].to_owned());
        end += 2 + len;
    }
    if rest[end..].starts_with('}') {
        end += 1;
    }
    Some((dollar + 1 + end, name, default))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(name: &str) -> Option<String> {
        match name {
            "HOME_DIR" => Some("/home/me".to_owned()),
            "TABLE" => Some("from-env".to_owned()),
            _ => None,
        }
    }

    #[test]
    fn assignments_quotes_and_comments() {
        let text = "# comment\nA=1\nexport B = two words # note\nC='x # y'\nD=\"l1\\nl2\"\nE:  colon\nF=\nG=`multi\nline`\nbad line\n";
        let vars = load(text, &env);
        assert_eq!(vars["A"], "1");
        assert_eq!(vars["B"], "two words");
        assert_eq!(vars["C"], "x # y");
        assert_eq!(vars["D"], "l1\nl2");
        assert_eq!(vars["E"], "colon");
        assert_eq!(vars["F"], "");
        assert_eq!(vars["G"], "multi\nline");
        assert_eq!(vars.len(), 7);
    }

    #[test]
    fn expansion_prefers_the_environment_and_never_overrides_it() {
        let text = "TABLE=from-file\nA=${HOME_DIR}/x\nB=$A-y\nC=${NOPE:-fallback}\nD=\\$HOME_DIR\nE=pre${A}post$NOPE2\n";
        let vars = load(text, &env);
        assert_eq!(vars["TABLE"], "from-env");
        assert_eq!(vars["A"], "/home/me/x");
        assert_eq!(vars["B"], "/home/me/x-y");
        assert_eq!(vars["C"], "fallback");
        assert_eq!(vars["D"], "$HOME_DIR");
        assert_eq!(vars["E"], "pre/home/me/xpost");
    }
}
