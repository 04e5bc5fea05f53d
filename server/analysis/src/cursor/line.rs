//! Scans one line of YAML (up to the cursor or its end): the nodes it opens and where it stops.
//!
//! Works on any text: block keys (`key:`), `- ` items, flow collections (`{`, `[`, `,`), quoted
//! and plain scalars, comments. Nothing here needs the rest of the document.

use sls_model::schema::PathSegment;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FrameKind {
    /// A block sequence item (`- `).
    Dash,
    /// A key whose value follows.
    Key,
    FlowMap,
    FlowSeq,
}

/// A node opened on the line and still open where the scan stopped.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Frame<'a> {
    pub kind: FrameKind,
    /// Byte column of the dash, the key's first character (its quote) or the bracket.
    pub col: usize,
    /// The key's text without quotes (empty for other kinds).
    pub key: &'a str,
}

impl<'a> Frame<'a> {
    pub fn segment(&self) -> Option<PathSegment<'a>> {
        match self.kind {
            FrameKind::Dash | FrameKind::FlowSeq => Some(PathSegment::Index),
            FrameKind::Key => Some(PathSegment::Key(self.key)),
            FrameKind::FlowMap => None,
        }
    }

    pub fn is_flow(&self) -> bool {
        matches!(self.kind, FrameKind::FlowMap | FrameKind::FlowSeq)
    }
}

/// Where the scan stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum End {
    /// Where a node may start; `after_key` when it would be a key's value.
    Start {
        after_key: bool,
    },
    /// Inside a word starting at byte `start` (after its opening quote, if quoted).
    Word {
        start: usize,
        after_key: bool,
    },
    /// After a complete node (closed quote or collection): nothing to complete.
    Done,
    Comment,
}

#[derive(Debug, Clone)]
pub(crate) struct Line<'a> {
    /// Leading spaces.
    pub indent: usize,
    /// The nodes still open, outermost first.
    pub frames: Vec<Frame<'a>>,
    pub end: End,
    /// The first value token after the most recent key (`|` for a block scalar).
    pub value: Option<&'a str>,
    /// Keys of the innermost flow mapping whose values are complete.
    pub flow_keys: Vec<&'a str>,
}

impl<'a> Line<'a> {
    pub fn first_key(&self) -> Option<&Frame<'a>> {
        self.frames.iter().find(|f| f.kind == FrameKind::Key)
    }

    pub fn starts_with_dash(&self) -> bool {
        self.frames
            .first()
            .is_some_and(|f| f.kind == FrameKind::Dash)
    }

    /// The last open key's value is a block scalar (`|`, `>-`, ...).
    pub fn opens_block_scalar(&self) -> bool {
        self.frames.last().is_some_and(|f| f.kind == FrameKind::Key)
            && self.value.is_some_and(|v| v.starts_with(['|', '>']))
    }
}

fn is_space(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

/// Scans `line` (no line break) to its end.
pub(crate) fn scan(line: &str) -> Line<'_> {
    let bytes = line.as_bytes();
    let indent = bytes.iter().take_while(|b| **b == b' ').count();
    let mut out = Line {
        indent,
        frames: Vec::new(),
        end: End::Start { after_key: false },
        value: None,
        flow_keys: Vec::new(),
    };
    let mut i = indent;
    let mut after_key = false;
    let mut expect_node = true;
    while i < bytes.len() {
        let b = bytes[i];
        if is_space(b) {
            i += 1;
            continue;
        }
        if b == b'#' && (i == 0 || is_space(bytes[i - 1])) {
            out.end = End::Comment;
            return out;
        }
        let in_flow = out.frames.iter().any(Frame::is_flow);
        if in_flow && matches!(b, b',' | b']' | b'}') {
            if b == b',' {
                pop_to_flow(&mut out);
                expect_node = true;
            } else {
                close_flow(&mut out, b);
                expect_node = false;
            }
            after_key = false;
            i += 1;
            continue;
        }
        if !expect_node {
            // Junk after a complete node: skip it.
            i += 1;
            continue;
        }
        if !in_flow && !after_key && b == b'-' && bytes.get(i + 1).is_none_or(|c| is_space(*c)) {
            out.frames.push(frame(FrameKind::Dash, i, ""));
            i += 1;
            continue;
        }
        if b == b'{' || b == b'[' {
            let kind = if b == b'{' {
                out.flow_keys.clear();
                FrameKind::FlowMap
            } else {
                FrameKind::FlowSeq
            };
            out.frames.push(frame(kind, i, ""));
            after_key = false;
            i += 1;
            continue;
        }
        let (end, open) = if b == b'"' || b == b'\'' {
            scan_quoted(bytes, i)
        } else {
            let end = scan_plain(bytes, i, in_flow, after_key);
            (end, end == bytes.len())
        };
        let token = line.get(i..end).unwrap_or_default();
        if after_key {
            out.value = Some(token);
        }
        if open {
            let quoted = b == b'"' || b == b'\'';
            out.end = End::Word {
                start: if quoted { i + 1 } else { i },
                after_key,
            };
            return out;
        }
        let colon = bytes.get(end) == Some(&b':')
            && bytes
                .get(end + 1)
                .is_none_or(|c| is_space(*c) || (in_flow && b",]}".contains(c)));
        if !after_key && colon {
            out.frames.push(frame(FrameKind::Key, i, unquote(token)));
            out.value = None;
            after_key = true;
            expect_node = true;
            i = end + 1;
            continue;
        }
        expect_node = false;
        i = end;
    }
    out.end = if expect_node {
        End::Start { after_key }
    } else {
        End::Done
    };
    out
}

fn frame(kind: FrameKind, col: usize, key: &str) -> Frame<'_> {
    Frame { kind, col, key }
}

fn unquote(token: &str) -> &str {
    let quoted = |q: char| token.len() >= 2 && token.starts_with(q) && token.ends_with(q);
    if quoted('"') || quoted('\'') {
        token.get(1..token.len() - 1).unwrap_or(token)
    } else {
        token
    }
}

/// The end of a plain scalar starting at `start`: a key's colon, a comment, a flow indicator.
fn scan_plain(bytes: &[u8], start: usize, in_flow: bool, after_key: bool) -> usize {
    let mut j = start;
    while j < bytes.len() {
        let b = bytes[j];
        let next_ends = bytes
            .get(j + 1)
            .is_none_or(|c| is_space(*c) || (in_flow && b",]}".contains(c)));
        if (b == b':' && !after_key && next_ends)
            || (b == b'#' && j > start && is_space(bytes[j - 1]))
            || (in_flow && b",[]{}".contains(&b))
        {
            return j;
        }
        j += 1;
    }
    j
}

/// The end of a quoted scalar starting at `start`, and whether it is still open at the end.
fn scan_quoted(bytes: &[u8], start: usize) -> (usize, bool) {
    let quote = bytes[start];
    let mut j = start + 1;
    while j < bytes.len() {
        let b = bytes[j];
        if quote == b'"' && b == b'\\' {
            j += 2;
            continue;
        }
        if b == quote {
            if quote == b'\'' && bytes.get(j + 1) == Some(&b'\'') {
                j += 2;
                continue;
            }
            return (j + 1, false);
        }
        j += 1;
    }
    (bytes.len(), true)
}

/// At `,`: closes the nodes inside the innermost flow collection, remembering a mapping's key.
fn pop_to_flow(out: &mut Line<'_>) {
    while let Some(top) = out.frames.last() {
        if top.is_flow() {
            return;
        }
        if let Some(popped) = out.frames.pop() {
            let parent_is_map = out
                .frames
                .last()
                .is_some_and(|f| f.kind == FrameKind::FlowMap);
            if popped.kind == FrameKind::Key && parent_is_map {
                out.flow_keys.push(popped.key);
            }
        }
    }
}

/// At `]` or `}`: closes the innermost matching flow collection.
fn close_flow(out: &mut Line<'_>, closer: u8) {
    let kind = if closer == b'}' {
        FrameKind::FlowMap
    } else {
        FrameKind::FlowSeq
    };
    if let Some(at) = out.frames.iter().rposition(|f| f.kind == kind) {
        out.frames.truncate(at);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(line: &Line<'_>) -> Vec<String> {
        line.frames
            .iter()
            .map(|f| match f.kind {
                FrameKind::Dash => format!("-@{}", f.col),
                FrameKind::Key => format!("{}@{}", f.key, f.col),
                FrameKind::FlowMap => format!("{{@{}", f.col),
                FrameKind::FlowSeq => format!("[@{}", f.col),
            })
            .collect()
    }

    #[test]
    fn block_lines() {
        let l = scan("      - websocket:");
        assert_eq!(keys(&l), ["-@6", "websocket@8"]);
        assert_eq!(l.end, End::Start { after_key: true });
        let l = scan("  route: $co");
        assert_eq!(keys(&l), ["route@2"]);
        assert_eq!(
            l.end,
            End::Word {
                start: 9,
                after_key: true
            }
        );
        let l = scan("  rou");
        assert_eq!(
            l.end,
            End::Word {
                start: 2,
                after_key: false
            }
        );
        assert!(scan("  format: |-").opens_block_scalar());
        assert_eq!(scan("  a: b # c").end, End::Comment);
        assert_eq!(scan("  'a b': \"x").frames[0].key, "a b");
    }

    #[test]
    fn flow_lines() {
        let l = scan("- websocket: { route: $connect, auth");
        assert_eq!(keys(&l), ["-@0", "websocket@2", "{@13"]);
        assert_eq!(l.flow_keys, ["route"]);
        let l = scan("  identitySource: [route.request.header.Auth, route.re");
        assert_eq!(keys(&l), ["identitySource@2", "[@18"]);
        let l = scan("  a: [x, y] ");
        assert_eq!(l.end, End::Done);
        assert_eq!(keys(&l), ["a@2"]);
    }
}
