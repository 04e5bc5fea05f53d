//! Building completion items: one edit over the typed word, snippet escaping, stable order.

use sls_diagnostics::Edit;

use crate::cursor::Cursor;
use crate::ide::{CompletionItem, CompletionKind};

/// The text an item inserts.
pub(crate) enum Insert {
    Plain(String),
    /// An LSP snippet: literal `$`, `}` and `\` must be escaped (see [`escape`]).
    Snippet(String),
}

/// Collects items in the order they should be shown (`sort_text` keeps that order).
pub(crate) struct Items<'c, 'a> {
    pub cursor: &'c Cursor<'a>,
    /// Inserts start with `- ` (a new item of a list that has none yet on this line).
    pub dash: bool,
    out: Vec<CompletionItem>,
}

impl<'c, 'a> Items<'c, 'a> {
    pub fn new(cursor: &'c Cursor<'a>) -> Items<'c, 'a> {
        Items {
            cursor,
            dash: false,
            out: Vec::new(),
        }
    }

    pub fn push(
        &mut self,
        label: &str,
        kind: CompletionKind,
        detail: Option<String>,
        documentation: Option<String>,
        insert: Insert,
    ) {
        let (new_text, is_snippet) = match insert {
            Insert::Plain(text) if self.dash => (format!("- {text}"), false),
            Insert::Snippet(text) if self.dash => (format!("- {text}"), true),
            Insert::Plain(text) => (text, false),
            Insert::Snippet(text) => (text, true),
        };
        let sort_text = Some(sort_key(self.out.len()));
        self.out.push(CompletionItem {
            label: label.to_owned(),
            kind,
            detail,
            documentation,
            edit: Edit {
                range: self.cursor.word,
                new_text,
            },
            is_snippet,
            sort_text,
        });
    }

    /// The indentation, relative to the line's own, of lines nested under the word's column
    /// (clients indent a multi-line insert's later lines like the line it starts on).
    pub fn child_indent(&self) -> String {
        let dash = if self.dash { 2 } else { 0 };
        let extra = self.cursor.column.saturating_sub(self.cursor.line_indent) + dash + 2;
        " ".repeat(extra)
    }

    pub fn finish(self) -> Vec<CompletionItem> {
        self.out
    }
}

/// A fixed-width decimal key (`00042`): the items' order, cheaper than `format!`.
fn sort_key(index: usize) -> String {
    let mut digits = [b'0'; 20];
    let mut rest = index;
    let mut at = digits.len();
    while rest > 0 || at > digits.len() - 5 {
        at -= 1;
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
    }
    digits[at..].iter().map(|d| char::from(*d)).collect()
}

/// Escapes text for a snippet: `$`, `}` and `\` become literal.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '$' | '}' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A snippet choice `${1|a,b|}` over literal values.
pub(crate) fn choice(values: &[&str]) -> String {
    let escaped: Vec<String> = values
        .iter()
        .map(|v| escape(v).replace(',', "\\,").replace('|', "\\|"))
        .collect();
    format!("${{1|{}|}}", escaped.join(","))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_dollars_and_choices() {
        assert_eq!(escape("$request.body}"), "\\$request.body\\}");
        assert_eq!(sort_key(0), "00000");
        assert_eq!(sort_key(42), "00042");
        assert_eq!(sort_key(1234567), "1234567");
        assert_eq!(choice(&["$connect", "a,b"]), "${1|\\$connect,a\\,b|}");
    }
}
