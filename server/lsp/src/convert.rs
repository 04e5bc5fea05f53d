//! Every conversion between LSP positions and text offsets, in the negotiated encoding.
//!
//! Offsets into an analysed text go through `sls_syntax::LineIndex` (`Lines`); positions of
//! incremental edits go through the document's rope (`rope_char`). Out-of-range lines and
//! columns are clamped, never an error: a line past the end means the end of the text, a column
//! past the end of its line means the end of that line (before the line break), and a column
//! inside a character means the start of that character.

use ropey::Rope;
use sls_syntax::{LineCol, LineIndex, TextRange, TextSize, WideEncoding};
use tower_lsp_server::ls_types::{Position, PositionEncodingKind, Range};

/// The column unit agreed with the client at `initialize`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PositionEncoding {
    Utf8,
    /// The mandatory default of LSP.
    #[default]
    Utf16,
}

impl PositionEncoding {
    pub fn kind(self) -> PositionEncodingKind {
        match self {
            PositionEncoding::Utf8 => PositionEncodingKind::UTF8,
            PositionEncoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }
}

/// Converts between offsets in one text and positions in one encoding.
#[derive(Clone, Copy)]
pub struct Lines<'a> {
    text: &'a str,
    index: &'a LineIndex,
    encoding: PositionEncoding,
}

impl<'a> Lines<'a> {
    /// `index` must be the line index of `text`.
    pub fn new(text: &'a str, index: &'a LineIndex, encoding: PositionEncoding) -> Lines<'a> {
        Lines {
            text,
            index,
            encoding,
        }
    }

    /// The offset of a client position, clamped into the text.
    pub fn offset(&self, position: Position) -> TextSize {
        let end = TextSize::of(self.text);
        let Some(line_start) = self.index.offset(LineCol {
            line: position.line,
            col: 0,
        }) else {
            return end;
        };
        let start = usize::from(line_start).min(self.text.len());
        let content = line_content(self.text.get(start..).unwrap_or_default());
        let utf8_col = match self.encoding {
            PositionEncoding::Utf8 => position.character,
            PositionEncoding::Utf16 => {
                self.index
                    .to_utf8(
                        WideEncoding::Utf16,
                        LineCol {
                            line: position.line,
                            col: position.character,
                        },
                    )
                    .col
            }
        };
        let col = floor_char_boundary(content, (utf8_col as usize).min(content.len()));
        TextSize::try_from(start + col).unwrap_or(end).min(end)
    }

    /// The client position of an offset (clamped into the text).
    pub fn position(&self, offset: TextSize) -> Position {
        let offset = offset.min(TextSize::of(self.text));
        let line_col = self.index.line_col(offset);
        let line_col = match self.encoding {
            PositionEncoding::Utf8 => line_col,
            PositionEncoding::Utf16 => self.index.to_wide(WideEncoding::Utf16, line_col),
        };
        Position::new(line_col.line, line_col.col)
    }

    pub fn range(&self, range: TextRange) -> Range {
        Range::new(self.position(range.start()), self.position(range.end()))
    }

    /// The text range of a client range; a reversed range is put in order.
    pub fn text_range(&self, range: Range) -> TextRange {
        let (a, b) = (self.offset(range.start), self.offset(range.end));
        TextRange::new(a.min(b), a.max(b))
    }
}

/// A line without its line break (`\n`, `\r\n` or a lone `\r`), given the text from its start.
fn line_content(from_line_start: &str) -> &str {
    let end = from_line_start
        .find(['\n', '\r'])
        .unwrap_or(from_line_start.len());
    &from_line_start[..end]
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// The char index in `rope` of a client position, clamped like `Lines::offset`.
pub fn rope_char(rope: &Rope, encoding: PositionEncoding, position: Position) -> usize {
    let line_index = position.line as usize;
    if line_index >= rope.len_lines() {
        return rope.len_chars();
    }
    let line = rope.line(line_index);
    let mut content_chars = line.len_chars();
    while content_chars > 0 && matches!(line.char(content_chars - 1), '\n' | '\r') {
        content_chars -= 1;
    }
    let column = position.character as usize;
    // An ASCII line (the usual case) has one char, byte and UTF-16 unit per column, and its
    // lengths are known without a scan.
    let char_in_line = match encoding {
        _ if line.len_bytes() == line.len_chars() => column.min(content_chars),
        PositionEncoding::Utf8 => line.byte_to_char(column.min(line.char_to_byte(content_chars))),
        PositionEncoding::Utf16 => {
            line.utf16_cu_to_char(column.min(line.char_to_utf16_cu(content_chars)))
        }
    };
    rope.line_to_char(line_index) + char_in_line
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rope_offset(text: &str, enc: PositionEncoding, line: u32, character: u32) -> usize {
        let rope = Rope::from_str(text);
        rope.char_to_byte(rope_char(&rope, enc, Position::new(line, character)))
    }

    // "a😀b" : 😀 is 4 UTF-8 bytes and 2 UTF-16 units; "中" is 3 bytes and 1 unit.
    const TEXT: &str = "key: a😀b\n中文: x\r\nlast\rz";

    #[test]
    fn rope_positions_after_emoji_and_cjk() {
        use PositionEncoding::*;
        assert_eq!(rope_offset(TEXT, Utf16, 0, 8), "key: a😀".len());
        assert_eq!(rope_offset(TEXT, Utf8, 0, 10), "key: a😀".len());
        assert_eq!(rope_offset(TEXT, Utf16, 1, 2), "key: a😀b\n中文".len());
        assert_eq!(rope_offset(TEXT, Utf8, 1, 6), "key: a😀b\n中文".len());
        // Lone CR is a line break.
        assert_eq!(rope_offset(TEXT, Utf16, 3, 0), TEXT.len() - 1);
    }

    #[test]
    fn rope_positions_clamp() {
        use PositionEncoding::*;
        // Past the line's end: before its line break.
        assert_eq!(rope_offset(TEXT, Utf16, 1, 99), "key: a😀b\n中文: x".len());
        assert_eq!(rope_offset(TEXT, Utf8, 0, 99), "key: a😀b".len());
        // Inside a character: its start.
        assert_eq!(rope_offset(TEXT, Utf8, 0, 7), "key: a".len());
        assert_eq!(rope_offset(TEXT, Utf16, 0, 7), "key: a".len());
        // Past the last line: the end.
        assert_eq!(rope_offset(TEXT, Utf16, 99, 0), TEXT.len());
    }

    fn lines_offset(text: &str, enc: PositionEncoding, line: u32, character: u32) -> usize {
        let index = LineIndex::new(text);
        usize::from(Lines::new(text, &index, enc).offset(Position::new(line, character)))
    }

    fn lines_position(text: &str, enc: PositionEncoding, offset: usize) -> (u32, u32) {
        let index = LineIndex::new(text);
        let offset = TextSize::try_from(offset).expect("small offset");
        let p = Lines::new(text, &index, enc).position(offset);
        (p.line, p.character)
    }

    #[test]
    fn offsets_after_emoji_and_cjk() {
        use PositionEncoding::*;
        assert_eq!(lines_offset(TEXT, Utf16, 0, 8), "key: a😀".len());
        assert_eq!(lines_offset(TEXT, Utf8, 0, 10), "key: a😀".len());
        assert_eq!(lines_offset(TEXT, Utf16, 1, 2), "key: a😀b\n中文".len());
        assert_eq!(lines_offset(TEXT, Utf8, 1, 6), "key: a😀b\n中文".len());
        assert_eq!(lines_offset(TEXT, Utf16, 3, 1), TEXT.len());
    }

    #[test]
    fn offsets_clamp() {
        use PositionEncoding::*;
        assert_eq!(lines_offset(TEXT, Utf16, 1, 99), "key: a😀b\n中文: x".len());
        assert_eq!(lines_offset(TEXT, Utf8, 0, 99), "key: a😀b".len());
        assert_eq!(lines_offset(TEXT, Utf8, 0, 7), "key: a".len());
        assert_eq!(lines_offset(TEXT, Utf16, 99, 3), TEXT.len());
        assert_eq!(lines_offset("", Utf16, 0, 5), 0);
    }

    #[test]
    fn positions_after_emoji_and_cjk() {
        use PositionEncoding::*;
        assert_eq!(lines_position(TEXT, Utf16, "key: a😀".len()), (0, 8));
        assert_eq!(lines_position(TEXT, Utf8, "key: a😀".len()), (0, 10));
        assert_eq!(lines_position(TEXT, Utf16, "key: a😀b\n中文".len()), (1, 2));
        assert_eq!(lines_position(TEXT, Utf8, "key: a😀b\n中文".len()), (1, 6));
        assert_eq!(lines_position(TEXT, Utf16, TEXT.len() - 1), (3, 0));
        assert_eq!(lines_position(TEXT, Utf16, TEXT.len() + 10), (3, 1));
    }

    #[test]
    fn offsets_round_trip() {
        for enc in [PositionEncoding::Utf8, PositionEncoding::Utf16] {
            let index = LineIndex::new(TEXT);
            let lines = Lines::new(TEXT, &index, enc);
            for (offset, _) in TEXT.char_indices() {
                if TEXT[..offset].ends_with('\r') && TEXT[offset..].starts_with('\n') {
                    continue; // Between CR and LF is not a position.
                }
                let offset = TextSize::try_from(offset).expect("small offset");
                assert_eq!(lines.offset(lines.position(offset)), offset, "{enc:?}");
            }
        }
    }
}
