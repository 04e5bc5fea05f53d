//! The schema's ECMAScript regular expressions, run with Rust's `regex`.
//!
//! The framework's validator compiles `pattern`s with the `u` flag and its `regexp` keyword
//! from `/source/flags`. The differences that matter are translated: `\d` and `\w` are ASCII
//! in ECMAScript (Unicode in Rust), `\/` is a plain `/`, and a leading negative lookahead
//! `(?!X)Y` (unsupported by `regex`) becomes "Y matches and X does not". A pattern that still
//! fails to compile matches everything, so it can never cause a false alarm. Each pattern is
//! compiled on first use.

use std::sync::OnceLock;

use regex::bytes::{Regex, RegexBuilder};

/// One regular expression of the schema: its source and flags, and where its compiled form is
/// kept once first used (a static slot for the generated graph).
#[derive(Debug, Clone, Copy)]
pub struct Pattern {
    source: &'static str,
    flags: &'static str,
    compiled: &'static PatternCache,
}

/// The compiled forms of one pattern, each built on first use: for any text, and for ASCII
/// text only (without Unicode classes, which are costly to compile and, on ASCII text, match
/// exactly what their ASCII parts match).
#[derive(Debug)]
pub struct PatternCache {
    unicode: OnceLock<Option<Compiled>>,
    ascii: OnceLock<Option<Compiled>>,
}

impl PatternCache {
    #[allow(clippy::new_without_default)]
    pub const fn new() -> PatternCache {
        PatternCache {
            unicode: OnceLock::new(),
            ascii: OnceLock::new(),
        }
    }
}

#[derive(Debug)]
struct Compiled {
    /// A leading `(?!X)`: the text must not match `X`.
    unless: Option<Regex>,
    regex: Regex,
}

impl Compiled {
    fn is_match(&self, text: &[u8]) -> bool {
        self.regex.is_match(text) && !self.unless.as_ref().is_some_and(|u| u.is_match(text))
    }
}

impl PartialEq for Pattern {
    fn eq(&self, other: &Pattern) -> bool {
        self.source == other.source && self.flags == other.flags
    }
}

impl Pattern {
    /// A pattern of the generated graph, compiled into `compiled` when first used.
    pub const fn from_static(
        source: &'static str,
        flags: &'static str,
        compiled: &'static PatternCache,
    ) -> Pattern {
        Pattern {
            source,
            flags,
            compiled,
        }
    }

    /// A pattern made at run time (a schema built from a document, a test). It lives as long as
    /// the process, as the schemas holding patterns do.
    pub fn new(source: &str, flags: &str) -> Pattern {
        Pattern {
            source: leak(source),
            flags: leak(flags),
            compiled: Box::leak(Box::new(PatternCache::new())),
        }
    }

    /// A `/source/flags` literal, as the framework's `regexp` keyword takes it.
    pub fn from_slashed(literal: &str) -> Option<Pattern> {
        let (source, flags) = super::graph_build::split_slashed(literal)?;
        Some(Pattern::new(source, flags))
    }

    /// The ECMAScript source, as written in the schema.
    pub fn source(&self) -> &'static str {
        self.source
    }

    pub fn flags(&self) -> &'static str {
        self.flags
    }

    /// `/source/flags`, as the framework prints a `regexp`.
    pub fn slashed(&self) -> String {
        format!("/{}/{}", self.source, self.flags)
    }

    /// Whether the expression matches somewhere in `text` (ECMAScript `test`).
    pub fn is_match(&self, text: &str) -> bool {
        let ascii = text
            .is_ascii()
            .then(|| self.compiled.ascii.get_or_init(|| self.compile(false)))
            .and_then(Option::as_ref);
        let compiled = match ascii {
            Some(compiled) => compiled,
            None => match self.compiled.unicode.get_or_init(|| self.compile(true)) {
                Some(compiled) => compiled,
                None => return true,
            },
        };
        compiled.is_match(text.as_bytes())
    }

    /// Whether the expression compiles here (a test asserts it for every schema pattern).
    pub fn compiles(&self) -> bool {
        self.compiled
            .unicode
            .get_or_init(|| self.compile(true))
            .is_some()
    }

    /// The expression compiled with Unicode classes, or for ASCII text only (`None` when it
    /// does not compile so: the other form is used).
    fn compile(&self, unicode: bool) -> Option<Compiled> {
        let case = if self.flags.contains('i') { "(?i)" } else { "" };
        let build = |source: &str| {
            RegexBuilder::new(&format!("{case}{}", translate(source)))
                .unicode(unicode)
                .build()
                .ok()
        };
        match split_leading_lookahead(self.source) {
            Some((unless, rest)) => Some(Compiled {
                unless: Some(build(unless)?),
                regex: build(rest)?,
            }),
            None => Some(Compiled {
                unless: None,
                regex: build(self.source)?,
            }),
        }
    }
}

fn leak(text: &str) -> &'static str {
    Box::leak(text.to_owned().into_boxed_str())
}

/// `(?!X)Y` → `(X, Y)`.
fn split_leading_lookahead(source: &str) -> Option<(&str, &str)> {
    let inner = source.strip_prefix("(?!")?;
    let mut depth = 1usize;
    let mut in_class = false;
    let mut chars = inner.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => {
                chars.next();
            }
            '[' => in_class = true,
            ']' => in_class = false,
            '(' if !in_class => depth += 1,
            ')' if !in_class => {
                depth -= 1;
                if depth == 0 {
                    return Some((&inner[..i], &inner[i + 1..]));
                }
            }
            _ => {}
        }
    }
    None
}

/// ECMAScript escapes → their Rust equivalents (ASCII classes, needless escapes dropped).
fn translate(source: &str) -> String {
    let mut out = String::with_capacity(source.len() + 16);
    let mut in_class = false;
    let mut chars = source.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let Some(next) = chars.next() else {
                    out.push_str("\\\\");
                    break;
                };
                match (next, in_class) {
                    ('d', false) => out.push_str("[0-9]"),
                    ('d', true) => out.push_str("0-9"),
                    ('w', false) => out.push_str("[0-9A-Za-z_]"),
                    ('w', true) => out.push_str("0-9A-Za-z_"),
                    ('/', _) => out.push('/'),
                    _ => {
                        out.push('\\');
                        out.push(next);
                    }
                }
            }
            '[' if !in_class => {
                in_class = true;
                out.push(c);
            }
            ']' if in_class => {
                in_class = false;
                out.push(c);
            }
            // A literal `[` inside a class is a nested class in Rust.
            '[' => out.push_str("\\["),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_classes_and_anchors_behave_as_in_ecmascript() {
        let digits = Pattern::new(r"^\d{12}$", "u");
        assert!(digits.is_match("123456789012"));
        assert!(!digits.is_match("١٢٣٤٥٦٧٨٩٠١٢"));
        let word = Pattern::new(r"^[\w-]+$", "u");
        assert!(word.is_match("a_b-c"));
        assert!(!word.is_match("é"));
        let slash = Pattern::new(r"^(?:\*|\/\S*)$", "");
        assert!(slash.is_match("/users/{id}"));
    }

    #[test]
    fn the_ascii_form_matches_ascii_text_as_the_unicode_form_does() {
        let samples = [
            "",
            "a",
            "abc-def_1",
            "Hello World",
            " \t\n",
            "arn:aws:lambda:us-east-1:123456789012:function:x",
            "arn:aws:iam::123456789012:role/a-b",
            "${self:custom.x}",
            "GET /users/{id}",
            "*",
            "nodejs20.x",
            "python3.12",
            "1024",
            "-1.5",
            "a.b.c",
            "UPPER",
            "s3://bucket/key",
            "https://example.com/a?b=c",
            "2026-12-07T00:00:00Z",
            "$connect",
            "rate(5 minutes)",
            "my-bucket.logs",
            "192.168.0.1",
            "@#!%^&()[]{}|;'<>,",
            "kK sS",
        ];
        let schema = crate::schema::graph::schema();
        let patterns = schema.nodes().flat_map(|(_, node)| {
            let own = node.pattern.iter().chain(node.regexp.iter()).copied();
            own.chain(node.pattern_properties.iter().map(|(p, _)| *p))
        });
        let mut compared = 0;
        for pattern in patterns {
            let (Some(ascii), Some(unicode)) = (pattern.compile(false), pattern.compile(true))
            else {
                continue;
            };
            for text in samples {
                assert_eq!(
                    ascii.is_match(text.as_bytes()),
                    unicode.is_match(text.as_bytes()),
                    "{} on {text:?}",
                    pattern.slashed()
                );
            }
            compared += 1;
        }
        assert!(compared > 50, "only {compared} patterns compared");
    }

    #[test]
    fn regexp_literals_keep_their_flags() {
        let method = Pattern::from_slashed("/^(?:\\*|GET|POST)$/i").expect("literal");
        assert!(method.is_match("get"));
        assert!(!method.is_match("fetch"));
        assert_eq!(method.slashed(), "/^(?:\\*|GET|POST)$/i");
    }

    #[test]
    fn a_leading_negative_lookahead_excludes_its_matches() {
        let bucket = Pattern::new(
            r"(?!^(\d{1,3}\.){3}\d{1,3}$)(^(([a-z0-9]|[a-z0-9][a-z0-9-]*[a-z0-9])\.)*([a-z0-9]|[a-z0-9][a-z0-9-]*[a-z0-9])$)",
            "u",
        );
        assert!(bucket.is_match("my-bucket.logs"));
        assert!(!bucket.is_match("192.168.0.1"));
        assert!(!bucket.is_match("Upper"));
    }
}
