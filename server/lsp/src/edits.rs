//! Client edits applied to a document's rope: ranged replacements in the negotiated position
//! encoding, or whole-document replacements.

use ropey::Rope;
use tower_lsp_server::ls_types::TextDocumentContentChangeEvent;

use crate::convert::{self, PositionEncoding};

/// Applies one change: a whole-document replacement when it has no range. Positions past a
/// line's end or the document's end are clamped; a range given backwards is read forwards.
pub fn apply(rope: &mut Rope, change: &TextDocumentContentChangeEvent, encoding: PositionEncoding) {
    match change.range {
        None => *rope = Rope::from_str(&change.text),
        Some(range) => {
            let a = convert::rope_char(rope, encoding, range.start);
            let b = if range.end == range.start {
                a
            } else {
                convert::rope_char(rope, encoding, range.end)
            };
            let (start, end) = (a.min(b), a.max(b));
            rope.remove(start..end);
            rope.insert(start, &change.text);
        }
    }
}

#[cfg(test)]
mod tests {
    use tower_lsp_server::ls_types::{Position, Range};

    use super::*;

    fn edit(l1: u32, c1: u32, l2: u32, c2: u32, text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range::new(Position::new(l1, c1), Position::new(l2, c2))),
            range_length: None,
            text: text.to_owned(),
        }
    }

    fn whole(text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: None,
            range_length: None,
            text: text.to_owned(),
        }
    }

    /// `text` after the changes, applied in order.
    fn applied(
        text: &str,
        changes: &[TextDocumentContentChangeEvent],
        enc: PositionEncoding,
    ) -> String {
        let mut rope = Rope::from_str(text);
        for change in changes {
            apply(&mut rope, change, enc);
        }
        rope.to_string()
    }

    const UTF16: PositionEncoding = PositionEncoding::Utf16;

    #[test]
    fn incremental_edit_with_crlf() {
        let text = "a: 1\r\nb: 2\r\n";
        assert_eq!(
            applied(text, &[edit(1, 3, 1, 4, "3")], UTF16),
            "a: 1\r\nb: 3\r\n"
        );
        // Deleting a CRLF line break joins the lines.
        assert_eq!(
            applied(text, &[edit(0, 4, 1, 0, " ")], UTF16),
            "a: 1 b: 2\r\n"
        );
    }

    #[test]
    fn lone_cr_is_a_line_break() {
        let text = "a: 1\rb: 2\rc: 3";
        assert_eq!(
            applied(text, &[edit(2, 0, 2, 1, "d")], UTF16),
            "a: 1\rb: 2\rd: 3"
        );
    }

    #[test]
    fn batch_applies_in_order() {
        let batch = [
            edit(0, 3, 0, 5, "ok"),   // replaces the emoji (2 UTF-16 units)
            edit(1, 4, 1, 4, "文"),   // after 中, in the text the first edit produced
            edit(2, 0, 2, 0, "z: 1"), // at the end
        ];
        assert_eq!(
            applied("x: 😀\ny: 中\n", &batch, UTF16),
            "x: ok\ny: 中文\nz: 1"
        );
    }

    #[test]
    fn utf8_columns() {
        let change = [edit(0, 7, 0, 8, "?")];
        assert_eq!(
            applied("x: 😀!\n", &change, PositionEncoding::Utf8),
            "x: 😀?\n"
        );
    }

    #[test]
    fn whole_document_replacement_then_incremental() {
        let changes = [whole("new: 1\n"), edit(0, 5, 0, 6, "2")];
        assert_eq!(applied("old", &changes, UTF16), "new: 2\n");
    }

    #[test]
    fn out_of_range_and_backwards_edits() {
        assert_eq!(applied("a\nb", &[edit(0, 50, 9, 9, "!")], UTF16), "a!");
        assert_eq!(applied("abcd", &[edit(0, 3, 0, 1, "-")], UTF16), "a-d");
    }
}
