//! Byte offset <-> line/column conversion in UTF-8, UTF-16 and UTF-32.
//!
//! Lines break at `\n`, `\r\n` and a lone `\r`, exactly as LSP counts them. The index stores the
//! start and content end of every line plus the non-ASCII characters of each line (rust-analyzer's
//! `line-index` design), so conversions cost a binary search, not a scan.

use text_size::TextSize;

/// A 0-based line and a 0-based column in UTF-8 bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    pub line: u32,
    pub col: u32,
}

/// Column units other than UTF-8 bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WideEncoding {
    Utf16,
    Utf32,
}

impl WideEncoding {
    /// Units of this encoding used by a non-ASCII char of `len` UTF-8 bytes.
    fn units(self, len: u32) -> u32 {
        match self {
            WideEncoding::Utf32 => 1,
            WideEncoding::Utf16 if len == 4 => 2,
            WideEncoding::Utf16 => 1,
        }
    }
}

/// One non-ASCII char of a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct WideChar {
    /// Byte column of the char's first byte.
    start: u32,
    /// UTF-8 length in bytes (2..=4).
    len: u32,
    /// Bytes minus UTF-32 units of this line's chars up to and including this one.
    extra32_after: u32,
    /// Bytes minus UTF-16 units of this line's chars up to and including this one.
    extra16_after: u32,
}

impl WideChar {
    fn end(&self) -> u32 {
        self.start.saturating_add(self.len)
    }

    fn extra_after(&self, enc: WideEncoding) -> u32 {
        match enc {
            WideEncoding::Utf32 => self.extra32_after,
            WideEncoding::Utf16 => self.extra16_after,
        }
    }

    /// Column of this char's start in `enc` units.
    fn wide_start(&self, enc: WideEncoding) -> u32 {
        let extra_before = self
            .extra_after(enc)
            .saturating_sub(self.len.saturating_sub(enc.units(self.len)));
        self.start.saturating_sub(extra_before)
    }
}

/// Line starts of a text plus what is needed to convert columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineIndex {
    /// Offset of each line's first byte; `starts[0] == 0`.
    starts: Vec<u32>,
    /// Offset of each line's end, before its line break.
    ends: Vec<u32>,
    /// The non-ASCII chars of all lines, in text order.
    wide: Vec<WideChar>,
    /// Line `l`'s chars are `wide[line_wide[l]..line_wide[l + 1]]`.
    line_wide: Vec<u32>,
    len: u32,
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let mut index = LineIndex {
            starts: vec![0],
            ends: Vec::new(),
            wide: Vec::new(),
            line_wide: vec![0],
            len: to_u32(text.len()),
        };
        // Line breaks are found byte by byte; only lines holding non-ASCII bytes are decoded.
        let mut line_start = 0usize;
        let mut i = 0usize;
        while let Some(&b) = bytes.get(i) {
            if b != b'\n' && b != b'\r' {
                i += 1;
                continue;
            }
            index.add_wide_chars(text.get(line_start..i).unwrap_or(""));
            let mut next = i + 1;
            if b == b'\r' && bytes.get(next) == Some(&b'\n') {
                next += 1;
            }
            index.ends.push(to_u32(i));
            index.starts.push(to_u32(next));
            index.line_wide.push(to_u32(index.wide.len()));
            line_start = next;
            i = next;
        }
        index.add_wide_chars(text.get(line_start..).unwrap_or(""));
        index.ends.push(index.len);
        index.line_wide.push(to_u32(index.wide.len()));
        index
    }

    /// Records the non-ASCII chars of one line (without its line break).
    fn add_wide_chars(&mut self, line: &str) {
        if line.is_ascii() {
            return;
        }
        let (mut extra32, mut extra16) = (0u32, 0u32);
        for (i, c) in line.char_indices().filter(|(_, c)| !c.is_ascii()) {
            let len = to_u32(c.len_utf8());
            extra32 = extra32.saturating_add(len - 1);
            extra16 = extra16.saturating_add(len - to_u32(c.len_utf16()));
            self.wide.push(WideChar {
                start: to_u32(i),
                len,
                extra32_after: extra32,
                extra16_after: extra16,
            });
        }
    }

    pub fn line_count(&self) -> u32 {
        to_u32(self.starts.len())
    }

    /// Length of the text the index was built from.
    pub fn len(&self) -> TextSize {
        TextSize::from(self.len)
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The content of line `line` (0-based), without its line break; `None` past the last line.
    pub fn line_range(&self, line: u32) -> Option<text_size::TextRange> {
        let start = *self.starts.get(line as usize)?;
        let end = *self.ends.get(line as usize)?;
        Some(text_size::TextRange::new(start.into(), end.into()))
    }

    /// Line and UTF-8 column of `offset` (clamped to the text's end and to a char boundary).
    ///
    /// An offset between the `\r` and the `\n` of a `\r\n` rounds down to the end of the line,
    /// as if `\r\n` were one char.
    pub fn line_col(&self, offset: TextSize) -> LineCol {
        let offset = u32::from(offset).min(self.len);
        let line = self
            .starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1);
        let start = self.starts.get(line).copied().unwrap_or(0);
        let end = self.ends.get(line).copied().unwrap_or(self.len);
        // An offset past the content end is inside the line break: only `\r|\n` can be.
        let col = offset.min(end).saturating_sub(start);
        let line = to_u32(line);
        LineCol {
            line,
            col: self.floor_char(line, col),
        }
    }

    /// The byte offset of a line/UTF-8 column; `None` if the line does not exist. A column past
    /// the line's end is clamped to the end (before the line break); a column inside a char
    /// rounds down to the char's start.
    pub fn offset(&self, line_col: LineCol) -> Option<TextSize> {
        let line = line_col.line as usize;
        let start = *self.starts.get(line)?;
        let col = line_col.col.min(self.line_len(line_col.line));
        let col = self.floor_char(line_col.line, col);
        Some(TextSize::from(start.saturating_add(col)))
    }

    /// Converts a UTF-8 column to the wide encoding's column units. The column is clamped to the
    /// line's end and rounded down to a char boundary; a line past the end is clamped to the
    /// end of the text.
    pub fn to_wide(&self, enc: WideEncoding, line_col: LineCol) -> LineCol {
        let LineCol { line, col } = self.clamp_line(line_col);
        let col = self.floor_char(line, col.min(self.line_len(line)));
        let chars = self.line_chars(line);
        let before = chars.partition_point(|w| w.start < col);
        let extra = match before.checked_sub(1).and_then(|i| chars.get(i)) {
            Some(w) => w.extra_after(enc),
            None => 0,
        };
        LineCol {
            line,
            col: col.saturating_sub(extra),
        }
    }

    /// Converts a wide-encoding column to a UTF-8 column (clamped to the line's end; a column in
    /// the middle of a surrogate pair rounds down to the char's start). A line past the end is
    /// clamped to the end of the text.
    pub fn to_utf8(&self, enc: WideEncoding, line_col: LineCol) -> LineCol {
        let LineCol { line, col: wide } = self.clamp_line(line_col);
        let chars = self.line_chars(line);
        let before = chars.partition_point(|w| w.wide_start(enc) < wide);
        let col = match before.checked_sub(1).and_then(|i| chars.get(i)) {
            None => wide,
            Some(w) if wide < w.wide_start(enc).saturating_add(enc.units(w.len)) => w.start,
            Some(w) => wide.saturating_add(w.extra_after(enc)),
        };
        LineCol {
            line,
            col: col.min(self.line_len(line)),
        }
    }

    /// Keeps an existing line as is; maps a line past the end to the end of the text.
    fn clamp_line(&self, line_col: LineCol) -> LineCol {
        if line_col.line < self.line_count() {
            return line_col;
        }
        let line = self.line_count().saturating_sub(1);
        LineCol {
            line,
            col: self.line_len(line),
        }
    }

    /// Bytes of `line` without its line break.
    fn line_len(&self, line: u32) -> u32 {
        let line = line as usize;
        match (self.starts.get(line), self.ends.get(line)) {
            (Some(start), Some(end)) => end.saturating_sub(*start),
            _ => 0,
        }
    }

    fn line_chars(&self, line: u32) -> &[WideChar] {
        let line = line as usize;
        let from = self.line_wide.get(line).copied().unwrap_or(0) as usize;
        let to = self.line_wide.get(line + 1).copied().unwrap_or(0) as usize;
        self.wide.get(from..to).unwrap_or(&[])
    }

    /// Rounds a UTF-8 column inside a multi-byte char down to the char's start.
    fn floor_char(&self, line: u32, col: u32) -> u32 {
        let chars = self.line_chars(line);
        let before = chars.partition_point(|w| w.start < col);
        match before.checked_sub(1).and_then(|i| chars.get(i)) {
            Some(w) if col < w.end() => w.start,
            _ => col,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lc(line: u32, col: u32) -> LineCol {
        LineCol { line, col }
    }

    #[test]
    fn line_breaks_as_lsp() {
        let index = LineIndex::new("a\nb\r\nc\rd");
        assert_eq!(index.line_count(), 4);
        assert_eq!(index.line_col(TextSize::from(2)), lc(1, 0));
        assert_eq!(index.line_col(TextSize::from(5)), lc(2, 0));
        assert_eq!(index.line_col(TextSize::from(7)), lc(3, 0));
        // Inside `\r\n`: the end of the line.
        assert_eq!(index.line_col(TextSize::from(4)), lc(1, 1));
        assert_eq!(index.offset(lc(1, 9)), Some(TextSize::from(3)));
        assert_eq!(index.offset(lc(4, 0)), None);
        assert_eq!(LineIndex::new("").line_count(), 1);
        assert_eq!(LineIndex::new("a\n").line_count(), 2);
    }

    #[test]
    fn line_ranges_leave_out_the_line_break() {
        let index = LineIndex::new("ab\nc\r\n\rd");
        let range = |line| {
            index
                .line_range(line)
                .map(|r| (u32::from(r.start()), u32::from(r.end())))
        };
        assert_eq!(range(0), Some((0, 2)));
        assert_eq!(range(1), Some((3, 4)));
        assert_eq!(range(2), Some((6, 6)));
        assert_eq!(range(3), Some((7, 8)));
        assert_eq!(range(4), None);
    }

    #[test]
    fn clamps_and_rounds_down() {
        let index = LineIndex::new("é😀x");
        assert_eq!(index.line_col(TextSize::from(1)), lc(0, 0));
        assert_eq!(index.line_col(TextSize::from(4)), lc(0, 2));
        assert_eq!(index.line_col(TextSize::from(99)), lc(0, 7));
        assert_eq!(index.offset(lc(0, 3)), Some(TextSize::from(2)));
    }

    #[test]
    fn wide_columns() {
        let index = LineIndex::new("x\né😀z");
        let utf16 = WideEncoding::Utf16;
        let utf32 = WideEncoding::Utf32;
        assert_eq!(index.to_wide(utf16, lc(1, 6)), lc(1, 3));
        assert_eq!(index.to_wide(utf32, lc(1, 6)), lc(1, 2));
        assert_eq!(index.to_wide(utf16, lc(1, 7)), lc(1, 4));
        assert_eq!(index.to_utf8(utf16, lc(1, 3)), lc(1, 6));
        assert_eq!(index.to_utf8(utf16, lc(1, 2)), lc(1, 2));
        assert_eq!(index.to_utf8(utf32, lc(1, 2)), lc(1, 6));
        assert_eq!(index.to_utf8(utf32, lc(1, 99)), lc(1, 7));
        assert_eq!(index.to_wide(utf16, lc(9, 0)), lc(1, 4));
    }
}
