//! From offsets in a scalar's value to ranges in its file's text, so that a diagnostic about a
//! variable lands on the variable as written.
//!
//! A value written verbatim (plain, or quoted without escapes, on one line) maps offset for
//! offset. Otherwise (escapes, folded lines) a variable is searched for by its text, and when
//! even that fails the whole scalar is the range.

use sls_syntax::{TextRange, TextSize};

use crate::Span;

#[derive(Debug, Clone, Copy)]
pub(crate) struct Locator {
    node: TextRange,
    /// Where the value's first byte is in the text, when it is written verbatim.
    verbatim: Option<usize>,
}

impl Locator {
    pub fn new(text: &str, node: TextRange, value: &str) -> Locator {
        let start = usize::from(node.start());
        let written = text.get(start..usize::from(node.end())).unwrap_or_default();
        let verbatim = written.rfind(value).map(|at| start + at);
        Locator { node, verbatim }
    }

    /// The text range of `span` of `value` (the scalar's value).
    pub fn range(self, text: &str, value: &str, span: Span) -> TextRange {
        if let Some(base) = self.verbatim {
            return to_range(base + span.start, base + span.end);
        }
        let start = usize::from(self.node.start());
        let written = text
            .get(start..usize::from(self.node.end()))
            .unwrap_or_default();
        let needle = value.get(span.start..span.end).unwrap_or_default();
        match written.find(needle).filter(|_| !needle.is_empty()) {
            Some(at) => to_range(start + at, start + at + needle.len()),
            None => self.node,
        }
    }
}

fn to_range(start: usize, end: usize) -> TextRange {
    let size = |at: usize| TextSize::try_from(at).unwrap_or(TextSize::from(u32::MAX));
    TextRange::new(size(start), size(end))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn locate(text: &str, value: &str, needle: &str) -> String {
        let tree = sls_syntax::parse(text).tree;
        let node = tree.root().and_then(|r| r.get("a")).expect("a");
        let at = value.find(needle).expect("needle in value");
        let locator = Locator::new(text, node.range(), value);
        let range = locator.range(text, value, Span::new(at, at + needle.len()));
        text[range].to_owned()
    }

    #[test]
    fn variables_are_found_where_written() {
        assert_eq!(locate("a: x-${b}\n", "x-${b}", "${b}"), "${b}");
        assert_eq!(locate("a: !Sub 'x-${b}'\n", "x-${b}", "${b}"), "${b}");
        assert_eq!(
            locate("a: \"\\t${b}\"\n", "\t${b}", "${b}"),
            "${b}",
            "escapes before the variable"
        );
        assert_eq!(
            locate("a: >\n  x\n  ${b, 'c'}\n", "x ${b, 'c'}\n", "${b, 'c'}"),
            "${b, 'c'}"
        );
        assert_eq!(
            locate("a: ${b,\n  'c'}\n", "${b, 'c'}", "${b, 'c'}"),
            "${b,\n  'c'}",
            "a folded variable falls back to the scalar"
        );
    }
}
