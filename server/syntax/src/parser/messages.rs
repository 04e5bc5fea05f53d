//! Readable messages and exact positions for yaml-rust2's scan errors.

use super::source::Source;

/// The range and message for a scan error that yaml-rust2 reported at `at` with `info`.
pub(super) fn scan_error(src: &Source<'_>, at: usize, info: &str) -> (usize, usize, String) {
    let at_end = src.skip_trivia(at) >= src.len();
    if info.contains("tab") {
        if let Some(tab) = indentation_tab(src, at) {
            return (
                tab,
                tab + 1,
                "tabs are not allowed as indentation".to_owned(),
            );
        }
    }
    if info.contains("unknown anchor") && src.byte(at) == Some(b'*') {
        let end = src.name_end(at + 1);
        let name = src.slice(at + 1, end);
        return (at, end, format!("unknown anchor '{name}'"));
    }
    if matches!(info, "simple key expect ':'" | "simple key expected") {
        // Reported where the scan stopped (often the end of the text): point at the key.
        if let Some((start, end)) = last_content_line(src, at) {
            return (start, end, "expected ':' after this key".to_owned());
        }
    }
    (at, at, readable(info, at_end))
}

/// The trimmed content of the last line before `at` that holds something other than blanks
/// or a comment.
fn last_content_line(src: &Source<'_>, at: usize) -> Option<(usize, usize)> {
    let mut end = at.min(src.len());
    loop {
        while end > 0 && matches!(src.byte(end - 1), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            end -= 1;
        }
        if end == 0 {
            return None;
        }
        let mut start = end;
        while start > 0 && !matches!(src.byte(start - 1), Some(b'\n' | b'\r')) {
            start -= 1;
        }
        let line_start = start;
        while matches!(src.byte(start), Some(b' ' | b'\t')) {
            start += 1;
        }
        if src.byte(start) != Some(b'#') {
            return Some((start, end));
        }
        end = line_start;
    }
}

/// The first tab in the indentation of the line holding `at`, if any.
fn indentation_tab(src: &Source<'_>, at: usize) -> Option<usize> {
    let mut start = at.min(src.len());
    while start > 0 && !matches!(src.byte(start - 1), Some(b'\n' | b'\r')) {
        start -= 1;
    }
    let mut pos = start;
    while let Some(b) = src.byte(pos) {
        match b {
            b'\t' => return Some(pos),
            b' ' => pos += 1,
            _ => return None,
        }
    }
    None
}

fn readable(info: &str, at_end: bool) -> String {
    let flow = info.contains("flow sequence") || info.contains("flow mapping");
    let text = match info {
        _ if at_end && flow => "unexpected end of the stream within a flow collection",
        "while scanning a quoted scalar, found unexpected end of stream" => {
            "unexpected end of the stream within a quoted string (missing closing quote)"
        }
        "invalid indentation in quoted scalar" => {
            "invalid indentation in a multi-line quoted string (missing closing quote?)"
        }
        "illegal placement of ':' indicator" => {
            "a ':' is not allowed here (is a '[' or '{' above left unclosed?)"
        }
        "tabs disallowed within this context (block indentation)"
        | "tab cannot be used as indentation" => "tabs are not allowed as indentation",
        "tabs disallowed in this context" => "tabs are not allowed here",
        "while parsing a flow sequence, expected ',' or ']'" => {
            "expected ',' or ']' in this flow sequence"
        }
        "while parsing a flow mapping, did not find expected ',' or '}'" => {
            "expected ',' or '}' in this flow mapping"
        }
        "while parsing a block mapping, did not find expected key" => {
            "expected a mapping key here (check the indentation)"
        }
        "while parsing a block collection, did not find expected '-' indicator" => {
            "expected a '- ' sequence item here (check the indentation)"
        }
        "while parsing a node, did not find expected node content" => "expected a value here",
        "simple key expect ':'" | "simple key expected" => "expected ':' after this key",
        "mapping values are not allowed in this context" => {
            "a ':' mapping value is not allowed here (missing space or wrong indentation?)"
        }
        "block sequence entries are not allowed in this context" => {
            "a '- ' sequence item is not allowed here (wrong indentation?)"
        }
        "invalid indentation" => "invalid indentation",
        "recursion limit exceeded" => "flow collections nested deeper than 255 levels",
        "did not find expected <document start>" => "expected '---' (document start)",
        other => return strip_prefix(other),
    };
    text.to_owned()
}

/// `while scanning a tag, did not find expected '!'` → `did not find expected '!' (while
/// scanning a tag)`: the problem first, the context after.
fn strip_prefix(info: &str) -> String {
    match info.split_once(", ") {
        Some((context, problem)) if context.starts_with("while ") => {
            format!("{problem} ({context})")
        }
        _ => info.to_owned(),
    }
}
