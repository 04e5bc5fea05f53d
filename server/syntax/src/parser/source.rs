//! Source-text scanning that recovers what yaml-rust2's events leave out: byte offsets of
//! markers, where scalars end, the tag and anchor text, indicators and trivia between nodes.
//!
//! Every position returned is a char boundary of the text: scans stop at ASCII bytes, at the
//! text's end, or after whole chars.

use text_size::{TextRange, TextSize};
use yaml_rust2::scanner::{Marker, TScalarStyle};

use crate::line_index::{LineCol, LineIndex, WideEncoding};
use crate::tree::Tag;

/// A `TextSize` from a byte offset, saturating (texts over 4 GiB are not supported).
pub(crate) fn size(offset: usize) -> TextSize {
    TextSize::try_from(offset).unwrap_or(TextSize::from(u32::MAX))
}

/// A range from `start` to `end`, never inverted.
pub(crate) fn range(start: usize, end: usize) -> TextRange {
    TextRange::new(size(start), size(end.max(start)))
}

fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

fn is_flow_indicator(b: u8) -> bool {
    matches!(b, b',' | b'[' | b']' | b'{' | b'}')
}

/// The tag and anchor written before a node's content.
pub(super) struct Props {
    pub start: usize,
    pub end: usize,
    pub tag: Option<Tag>,
    pub anchor: Option<String>,
}

/// The text yaml-rust2 parses, with its line index when it is not all ASCII.
pub(super) struct Source<'s> {
    text: &'s str,
    /// `None` for an ASCII text, where a marker's index is its byte offset.
    index: Option<LineIndex>,
}

impl<'s> Source<'s> {
    pub fn new(text: &'s str) -> Source<'s> {
        Source {
            text,
            index: (!text.is_ascii()).then(|| LineIndex::new(text)),
        }
    }

    pub fn len(&self) -> usize {
        self.text.len()
    }

    pub fn byte(&self, pos: usize) -> Option<u8> {
        self.text.as_bytes().get(pos).copied()
    }

    pub fn slice(&self, start: usize, end: usize) -> &'s str {
        self.text.get(start..end).unwrap_or("")
    }

    pub fn starts_with(&self, pos: usize, prefix: &str) -> bool {
        self.text
            .get(pos..)
            .is_some_and(|rest| rest.starts_with(prefix))
    }

    /// The byte offset of a yaml-rust2 marker. In an ASCII text it is the marker's index (which
    /// counts chars); otherwise it comes from the marker's line (1-based) and column (in chars),
    /// as the index drifts after a block scalar line with multi-byte chars (counted in bytes
    /// there). Markers past the end (yaml-rust2 forces a new line at the end of the stream)
    /// clamp.
    pub fn offset(&self, mark: &Marker) -> usize {
        let Some(index) = &self.index else {
            return mark.index().min(self.len());
        };
        let line = u32::try_from(mark.line().saturating_sub(1)).unwrap_or(u32::MAX);
        if line >= index.line_count() {
            return self.len();
        }
        let col = u32::try_from(mark.col()).unwrap_or(u32::MAX);
        let utf8 = index.to_utf8(WideEncoding::Utf32, LineCol { line, col });
        index
            .offset(utf8)
            .map_or(self.len(), |o| u32::from(o) as usize)
    }

    /// Skips spaces, tabs, line breaks and comments from `pos`.
    pub fn skip_trivia(&self, mut pos: usize) -> usize {
        while let Some(b) = self.byte(pos) {
            if is_ws(b) {
                pos += 1;
            } else if b == b'#' {
                pos = self.line_end(pos);
            } else {
                break;
            }
        }
        pos
    }

    /// The end of the line containing `pos`, before its line break.
    pub fn line_end(&self, mut pos: usize) -> usize {
        while let Some(b) = self.byte(pos) {
            if b == b'\n' || b == b'\r' {
                break;
            }
            pos += 1;
        }
        pos.min(self.len())
    }

    /// Whether `pos` holds the indicator `ind` (`-`, `?`) followed by a space, a line break,
    /// a flow indicator or the end of the text, as opposed to a plain scalar starting with it.
    pub fn is_indicator(&self, pos: usize, ind: u8) -> bool {
        self.byte(pos) == Some(ind)
            && self
                .byte(pos + 1)
                .is_none_or(|next| is_ws(next) || is_flow_indicator(next))
    }

    /// Whether `pos` holds a block-context `:` value indicator: followed by a blank, a line
    /// break or the end of the text.
    pub fn is_value_indicator(&self, pos: usize) -> bool {
        self.byte(pos) == Some(b':') && self.byte(pos + 1).is_none_or(is_ws)
    }

    /// The end of a scalar whose content starts at `start` (the quote, the block indicator or
    /// the first char of a plain scalar), found by scanning the source according to its style.
    pub fn scalar_end(&self, start: usize, style: TScalarStyle, value: &str) -> usize {
        match style {
            TScalarStyle::SingleQuoted => self.single_quoted_end(start),
            TScalarStyle::DoubleQuoted => self.double_quoted_end(start),
            TScalarStyle::Literal | TScalarStyle::Folded => self.block_scalar_end(start, value),
            TScalarStyle::Plain => self
                .match_value(start, value)
                .unwrap_or_else(|| self.word_end(start)),
        }
    }

    fn single_quoted_end(&self, start: usize) -> usize {
        let mut pos = start + 1;
        while let Some(b) = self.byte(pos) {
            if b == b'\'' {
                if self.byte(pos + 1) == Some(b'\'') {
                    pos += 2;
                    continue;
                }
                return pos + 1;
            }
            pos += 1;
        }
        self.len()
    }

    fn double_quoted_end(&self, start: usize) -> usize {
        let mut pos = start + 1;
        while let Some(b) = self.byte(pos) {
            match b {
                // The escaped byte may start a multi-byte char: its continuation bytes are never
                // `"` or `\`, so scanning on byte by byte stays correct.
                b'\\' => pos += 2,
                b'"' => return pos + 1,
                _ => pos += 1,
            }
        }
        self.len()
    }

    /// A block scalar ends with its last content line holding a non-blank char; one with no
    /// such line ends after its header indicators (`|`, `>-`, `|2+`).
    fn block_scalar_end(&self, indicator: usize, value: &str) -> usize {
        let header_end = self.line_end(indicator);
        match self.match_value(header_end, value) {
            Some(last) => self.line_end(last),
            None => {
                let mut pos = indicator + 1;
                while self
                    .byte(pos)
                    .is_some_and(|b| matches!(b, b'-' | b'+' | b'0'..=b'9'))
                {
                    pos += 1;
                }
                pos.min(self.len())
            }
        }
    }

    /// Plain and block scalars have no escapes: the non-blank chars of their value appear in
    /// the source in order, separated by blanks, line breaks and indentation. Returns the
    /// offset after the last one matched (`None` if none matched).
    fn match_value(&self, from: usize, value: &str) -> Option<usize> {
        let mut pos = from;
        let mut last = None;
        for vc in value.chars() {
            if matches!(vc, ' ' | '\t' | '\n' | '\r') {
                continue;
            }
            while self.byte(pos).is_some_and(is_ws) {
                pos += 1;
            }
            let sc = self.text.get(pos..)?.chars().next()?;
            if sc != vc {
                return last;
            }
            pos += sc.len_utf8();
            last = Some(pos);
        }
        last
    }

    /// The end of the run of non-blank chars at `start`.
    fn word_end(&self, start: usize) -> usize {
        let mut pos = start;
        while self.byte(pos).is_some_and(|b| !is_ws(b)) {
            pos += 1;
        }
        pos.min(self.len())
    }

    /// The end of an anchor or alias name starting at `start`.
    pub fn name_end(&self, start: usize) -> usize {
        let mut pos = start;
        while self
            .byte(pos)
            .is_some_and(|b| !is_ws(b) && !is_flow_indicator(b))
        {
            pos += 1;
        }
        pos.min(self.len())
    }

    /// The end of the tag starting with the `!` at `start`.
    fn tag_end(&self, start: usize) -> usize {
        if self.byte(start + 1) == Some(b'<') {
            let mut pos = start + 2;
            while let Some(b) = self.byte(pos) {
                if b == b'>' {
                    return pos + 1;
                }
                if is_ws(b) {
                    break;
                }
                pos += 1;
            }
            return pos.min(self.len());
        }
        self.name_end(start + 1)
    }

    /// The tag and/or anchor written from `from` on (after trivia), in either order.
    pub fn properties(&self, from: usize, want_tag: bool, want_anchor: bool) -> Option<Props> {
        let mut props: Option<Props> = None;
        let mut pos = from;
        loop {
            let at = self.skip_trivia(pos);
            let has_tag = props.as_ref().is_some_and(|p| p.tag.is_some());
            let has_anchor = props.as_ref().is_some_and(|p| p.anchor.is_some());
            let end = match self.byte(at) {
                Some(b'!') if want_tag && !has_tag => self.tag_end(at),
                Some(b'&') if want_anchor && !has_anchor => self.name_end(at + 1),
                _ => break,
            };
            let p = props.get_or_insert(Props {
                start: at,
                end,
                tag: None,
                anchor: None,
            });
            p.end = end;
            if self.byte(at) == Some(b'!') {
                p.tag = Some(Tag {
                    text: self.slice(at, end).to_owned(),
                    range: range(at, end),
                });
            } else {
                p.anchor = Some(self.slice(at + 1, end).to_owned());
            }
            pos = end;
        }
        props
    }
}
