//! Where the text handed to yaml-rust2 must stop: at a NUL char (yaml-rust2 reads `\0` as the
//! end of the stream) and before flow collections nest deeper than `MAX_DEPTH`.
//!
//! The depth cut keeps parsing linear: yaml-rust2's scanner walks its whole stack of possible
//! simple keys (one per open flow collection) on every token, and scans an unclosed flow
//! collection to its end before emitting its first token. The scan here mirrors yaml-rust2's
//! tokenizer inside flow collections (every `[`/`{` outside quotes and comments opens one) and
//! approximates it in block context (a `[`/`{` only opens one where a node can start).

use super::builder::MAX_DEPTH;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Cut {
    Nul,
    TooDeep,
}

/// The offset to cut the text at, and why.
pub(super) fn cut_point(text: &str) -> Option<(usize, Cut)> {
    let nul = text.find('\0');
    let scanned = text.get(..nul.unwrap_or(text.len())).unwrap_or(text);
    match too_deep(scanned.as_bytes()) {
        Some(at) => Some((at, Cut::TooDeep)),
        None => nul.map(|at| (at, Cut::Nul)),
    }
}

fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

fn is_break(b: u8) -> bool {
    matches!(b, b'\n' | b'\r')
}

fn line_end(b: &[u8], mut i: usize) -> usize {
    while b.get(i).is_some_and(|c| !is_break(*c)) {
        i += 1;
    }
    i
}

/// The offset after the quoted scalar whose opening quote is at `i`.
fn skip_quoted(b: &[u8], i: usize) -> usize {
    let quote = b.get(i).copied();
    let mut j = i + 1;
    while let Some(c) = b.get(j).copied() {
        match (quote, c) {
            (Some(b'"'), b'\\') => j += 2,
            (Some(b'\''), b'\'') if b.get(j + 1) == Some(&b'\'') => j += 2,
            (q, c) if Some(c) == q => return j + 1,
            _ => j += 1,
        }
    }
    b.len()
}

/// Skips the content lines of a block scalar whose header is on the line starting at
/// `line_start` with `indent` spaces: blank lines and lines indented deeper.
fn skip_block_scalar(b: &[u8], i: usize, indent: usize) -> usize {
    let mut pos = line_end(b, i);
    loop {
        // `pos` is at a line break (or the end).
        let mut next = pos;
        if b.get(next) == Some(&b'\r') {
            next += 1;
        }
        if b.get(next) == Some(&b'\n') {
            next += 1;
        }
        if next == pos {
            return pos;
        }
        let mut col = 0;
        while b.get(next + col) == Some(&b' ') {
            col += 1;
        }
        let blank = b
            .get(next + col)
            .is_none_or(|c| is_break(*c) || *c == b'\t');
        if !blank && col <= indent {
            return pos;
        }
        pos = line_end(b, next + col);
    }
}

/// The offset of the `[` or `{` that would open flow level `MAX_DEPTH + 1`.
fn too_deep(b: &[u8]) -> Option<usize> {
    let mut depth = 0usize;
    let mut node_start = true;
    let mut line_start = 0usize;
    let mut i = 0usize;
    while let Some(c) = b.get(i).copied() {
        let prev = i.checked_sub(1).and_then(|p| b.get(p)).copied();
        let after_blank = prev.is_none_or(is_ws);
        if depth > 0 {
            match c {
                b'[' | b'{' => {
                    depth += 1;
                    if depth > MAX_DEPTH {
                        return Some(i);
                    }
                }
                b']' | b'}' => depth -= 1,
                b'"' | b'\'' if after_blank || prev.is_some_and(|p| b"[{,:".contains(&p)) => {
                    i = skip_quoted(b, i);
                    continue;
                }
                b'#' if after_blank || prev.is_some_and(|p| b"[{,".contains(&p)) => {
                    i = line_end(b, i);
                    continue;
                }
                _ => {}
            }
            i += 1;
            continue;
        }
        match c {
            b'\n' | b'\r' => {
                node_start = true;
                line_start = i + 1;
            }
            b' ' | b'\t' => {}
            b'#' if after_blank => {
                i = line_end(b, i);
                continue;
            }
            b'[' | b'{' if node_start => {
                depth = 1;
                node_start = false;
            }
            b'"' | b'\'' if node_start => {
                node_start = false;
                i = skip_quoted(b, i);
                continue;
            }
            b'|' | b'>' if node_start => {
                let indent = b
                    .get(line_start..)
                    .unwrap_or(&[])
                    .iter()
                    .take_while(|c| **c == b' ')
                    .count();
                i = skip_block_scalar(b, i, indent);
                continue;
            }
            b'!' | b'&' if node_start => {
                while b.get(i).is_some_and(|c| !is_ws(*c)) {
                    i += 1;
                }
                continue;
            }
            b'-' if i == line_start && b.get(i..i + 3) == Some(b"---") => {
                i += 3;
                continue;
            }
            b'-' | b'?' | b':' if b.get(i + 1).is_none_or(|n| is_ws(*n)) => node_start = true,
            _ => node_start = false,
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_deep_flow_only() {
        let deep = "[".repeat(MAX_DEPTH + 5);
        assert_eq!(cut_point(&deep), Some((MAX_DEPTH, Cut::TooDeep)));
        let shallow = format!("a: {}", "[".repeat(MAX_DEPTH));
        assert_eq!(cut_point(&shallow), None);
        let in_strings = format!(
            "a: '{0}'\nb: x {0}\nc: |\n  {0}\n# {0}\n",
            "[".repeat(MAX_DEPTH + 5)
        );
        assert_eq!(cut_point(&in_strings), None);
        assert_eq!(cut_point("a: b\0c"), Some((4, Cut::Nul)));
    }
}
