//! Cutting a text into segments that parse on their own exactly as they do in place: one per
//! top-level entry, and one per function of a `functions:` block mapping.
//!
//! A segment starts at a line holding a key at the mapping's indentation (column 0 for the
//! top level) and runs to the next such line; comment and blank lines belong to the segment
//! before them. Tokens cannot run across such a line (plain and block scalars end at it, and an
//! open quote or bracket is an error in the segment alone), so parsing a segment alone gives
//! the same nodes as the full parse. Texts the cut is not proven for return `None`.

use std::ops::Range;

/// A piece of the root mapping.
pub(super) enum Piece {
    /// A whole top-level entry.
    Entry(Range<usize>),
    /// `functions:` (alone on its line) at `key`, with a block mapping of one segment per
    /// function.
    Functions {
        key: usize,
        items: Vec<Range<usize>>,
    },
}

/// The key whose block is cut further, one segment per entry.
pub(super) const FUNCTIONS: &str = "functions";

/// The pieces of `text`, or `None` when it holds anything the cut is not proven for.
pub(super) fn split(text: &str) -> Option<Vec<Piece>> {
    if u32::try_from(text.len()).is_err() || has_unsupported_bytes(text.as_bytes()) {
        return None;
    }
    let mut starts = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let line_start = offset;
        offset += line.len();
        let Some((indent, first)) = content(line) else {
            continue;
        };
        if indent == 0 {
            if !is_key_start(first) {
                return None;
            }
            starts.push(line_start);
        } else if starts.is_empty() {
            return None;
        }
    }
    if starts.is_empty() {
        return None;
    }
    let mut pieces = Vec::with_capacity(starts.len());
    for (i, &start) in starts.iter().enumerate() {
        let end = starts.get(i + 1).copied().unwrap_or(text.len());
        let piece = functions(text, start..end).unwrap_or(Piece::Entry(start..end));
        pieces.push(piece);
    }
    Some(pieces)
}

/// Tabs, line breaks other than `\n`, NUL, a BOM (anywhere) and anchors or aliases.
fn has_unsupported_bytes(bytes: &[u8]) -> bool {
    const fn table() -> [bool; 256] {
        let mut t = [false; 256];
        t[b'\t' as usize] = true;
        t[b'\r' as usize] = true;
        t[0] = true;
        t[0xEF] = true;
        t[b'&' as usize] = true;
        t[b'*' as usize] = true;
        t
    }
    const INTERESTING: [bool; 256] = table();
    for (i, &b) in bytes.iter().enumerate() {
        if !INTERESTING[b as usize] {
            continue;
        }
        let unsupported = match b {
            // The BOM's first byte: U+FEFF is EF BB BF.
            0xEF => bytes.get(i + 1..i + 3) == Some(&[0xBB, 0xBF]),
            b'&' | b'*' => {
                let previous = i.checked_sub(1).and_then(|p| bytes.get(p)).copied();
                previous.is_none_or(starts_node) && bytes.get(i + 1).is_some_and(|&n| name(n))
            }
            _ => true,
        };
        if unsupported {
            return true;
        }
    }
    false
}

/// Whether a node (and so an anchor or alias) can start after this byte.
fn starts_node(previous: u8) -> bool {
    matches!(
        previous,
        b' ' | b'\n' | b'[' | b'{' | b',' | b':' | b'?' | b'-'
    )
}

/// Whether an anchor or alias name can start with this byte.
fn name(b: u8) -> bool {
    !matches!(
        b,
        b' ' | b'\t' | b'\n' | b'\r' | b',' | b'[' | b']' | b'{' | b'}'
    )
}

/// The indentation and first byte of a line holding more than blanks and a comment.
fn content(line: &str) -> Option<(usize, u8)> {
    let bytes = line.as_bytes();
    let indent = bytes.iter().take_while(|&&b| b == b' ').count();
    match bytes.get(indent) {
        None | Some(b'\n' | b'#') => None,
        Some(&b) => Some((indent, b)),
    }
}

/// A plain key's first byte (quoted keys, indicators and directives are not cut).
fn is_key_start(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// The `functions:` entry in `range` cut into one segment per function, when its key line is
/// `functions:` alone (a comment allowed) and every other content line is indented at least as
/// much as the first, which starts with a plain key.
fn functions(text: &str, range: Range<usize>) -> Option<Piece> {
    let entry = text.get(range.clone())?;
    let header_end = entry.find('\n').map_or(entry.len(), |i| i + 1);
    let after = entry
        .get(..header_end)?
        .strip_prefix(FUNCTIONS)?
        .strip_prefix(':')?;
    let after = after.strip_suffix('\n').unwrap_or(after);
    let trimmed = after.trim_start_matches(' ');
    if !(trimmed.is_empty() || (trimmed.starts_with('#') && trimmed.len() < after.len())) {
        return None;
    }
    let mut items: Vec<Range<usize>> = Vec::new();
    let mut indent = None;
    let mut offset = range.start + header_end;
    for line in entry.get(header_end..)?.split_inclusive('\n') {
        let line_start = offset;
        offset += line.len();
        let Some((at, first)) = content(line) else {
            continue;
        };
        let n = *indent.get_or_insert(at);
        if at < n {
            return None;
        }
        if at == n {
            if !is_key_start(first) {
                return None;
            }
            if let Some(last) = items.last_mut() {
                last.end = line_start;
            }
            items.push(line_start..range.end);
        }
    }
    (!items.is_empty()).then_some(Piece::Functions {
        key: range.start,
        items,
    })
}
