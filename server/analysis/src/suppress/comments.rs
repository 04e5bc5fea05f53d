//! Real YAML comments (never a `#` inside a scalar) and the suppression directives they hold.
//!
//! A `#` starts a comment when it begins the line or follows a space or tab, and is not inside
//! a scalar: the syntax tree's scalar ranges (keys and values, quoted, plain and block) tell
//! `url: http://x#y`, `'a # b'` and the lines of a `|` block apart from comments.

use sls_diagnostics::{code_words, Code, TextRange, TextSize};
use sls_syntax::{NodeKind, Tree};

/// The word every suppression directive starts with.
pub(crate) const MARK: &str = "serverless-ls-ignore";
/// The directive silencing codes on its line (or, alone on a line, on the next one).
pub(crate) const LINE: &str = MARK;
/// The directive silencing codes in the whole file (before the first key only).
pub(crate) const FILE: &str = "serverless-ls-ignore-file";

/// The byte ranges of a tree's scalars, to tell a comment's `#` from one inside a value.
pub(crate) struct ScalarSpans {
    /// Scalar ranges sorted by start.
    spans: Vec<TextRange>,
    /// `reach[i]`: the furthest end among `spans[..=i]` (robust to overlapping ranges).
    reach: Vec<TextSize>,
}

impl ScalarSpans {
    pub fn of(tree: &Tree) -> ScalarSpans {
        let mut spans: Vec<TextRange> = tree
            .nodes
            .iter()
            .filter(|node| matches!(node.kind, NodeKind::Scalar(_)) && !node.range.is_empty())
            .map(|node| node.range)
            .collect();
        spans.sort_by_key(|range| range.start());
        let mut furthest = TextSize::new(0);
        let reach = spans
            .iter()
            .map(|range| {
                furthest = furthest.max(range.end());
                furthest
            })
            .collect();
        ScalarSpans { spans, reach }
    }

    /// Whether `offset` is inside a scalar: after its first byte and before its end.
    pub fn inside(&self, offset: TextSize) -> bool {
        let before = self.spans.partition_point(|range| range.start() < offset);
        before
            .checked_sub(1)
            .and_then(|last| self.reach.get(last))
            .is_some_and(|end| offset < *end)
    }
}

/// Where the first real comment of `line` (a line's content range) starts: its `#`.
pub(crate) fn comment_start(text: &str, line: TextRange, spans: &ScalarSpans) -> Option<TextSize> {
    let content = slice(text, line)?;
    let mut previous = None;
    for (at, byte) in content.bytes().enumerate() {
        let after_blank = matches!(previous, None | Some(b' ' | b'\t'));
        if byte == b'#' && after_blank {
            let offset = line.start() + TextSize::new(u32::try_from(at).ok()?);
            if !spans.inside(offset) {
                return Some(offset);
            }
        }
        previous = Some(byte);
    }
    None
}

/// Which directive a comment holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Keyword {
    Line,
    File,
    /// A word starting with `serverless-ls-ignore` that is neither directive.
    Unknown,
}

/// A suppression directive: `# serverless-ls-ignore SLS201, duplicate-route`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Directive {
    pub keyword: Keyword,
    pub keyword_range: TextRange,
    /// Nothing but blanks before the comment on its line.
    pub own_line: bool,
    /// The rules named, in order.
    pub codes: Vec<Code>,
    /// The words naming no rule, with their ranges.
    pub unknown: Vec<(TextRange, String)>,
    /// Where the list of codes ends (after its last word, or after the keyword).
    pub list_end: TextSize,
}

impl Directive {
    /// Whether the directive names anything at all (known or not).
    pub fn names_something(&self) -> bool {
        !self.codes.is_empty() || !self.unknown.is_empty()
    }
}

/// The directive of the comment starting at `hash` on `line`, if it holds one. The codes run
/// to the end of the line or to a further `#`, after which a reason may be written.
pub(crate) fn directive(text: &str, line: TextRange, hash: TextSize) -> Option<Directive> {
    let comment_start = hash + TextSize::new(1);
    let comment = slice(text, TextRange::new(comment_start, line.end()))?;
    let word_at = comment.len() - comment.trim_start().len();
    let word = comment.get(word_at..)?.split_whitespace().next()?;
    if !word.starts_with(MARK) {
        return None;
    }
    let keyword = match word {
        LINE => Keyword::Line,
        FILE => Keyword::File,
        _ => Keyword::Unknown,
    };
    let keyword_start = comment_start + size(word_at)?;
    let keyword_range = TextRange::at(keyword_start, size(word.len())?);
    let list = comment.get(word_at + word.len()..)?;
    let list = list.split('#').next().unwrap_or_default();
    let mut directive = Directive {
        keyword,
        keyword_range,
        own_line: slice(text, TextRange::new(line.start(), hash))
            .is_some_and(|before| before.trim().is_empty()),
        codes: Vec::new(),
        unknown: Vec::new(),
        list_end: keyword_range.end(),
    };
    for (at, word) in code_words(list) {
        let range = TextRange::at(keyword_range.end() + size(at)?, size(word.len())?);
        match Code::parse(word) {
            Some(code) => directive.codes.push(code),
            None => directive.unknown.push((range, word.to_owned())),
        }
        directive.list_end = range.end();
    }
    Some(directive)
}

/// The text of `range`, if it is a valid range of `text`.
pub(crate) fn slice(text: &str, range: TextRange) -> Option<&str> {
    text.get(usize::from(range.start())..usize::from(range.end()))
}

fn size(n: usize) -> Option<TextSize> {
    u32::try_from(n).ok().map(TextSize::new)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text after the first real comment's `#` on each line of `text`.
    fn comments(text: &str) -> Vec<String> {
        let parse = sls_syntax::parse(text);
        let spans = ScalarSpans::of(&parse.tree);
        let index = sls_syntax::LineIndex::new(text);
        (0..index.line_count())
            .filter_map(|line| {
                let range = index.line_range(line)?;
                let hash = comment_start(text, range, &spans)?;
                Some(slice(text, TextRange::new(hash, range.end()))?.to_owned())
            })
            .collect()
    }

    #[test]
    fn a_hash_inside_a_scalar_is_not_a_comment() {
        let text = "url: http://x#y\n\
                    single: 'a # b'\n\
                    double: \"a # b\" # real\n\
                    'key # k': 1\n\
                    plain: a #b\n\
                    multi: 'first\n  # still the string'\n\
                    block: |\n  # content\n  more\n\
                    # own line\n\
                    tail: x#y # end\n";
        assert_eq!(
            comments(text),
            ["# real", "#b", "# own line", "# end"],
            "{text}"
        );
    }

    #[test]
    fn a_hash_in_a_block_scalar_before_a_comment_after_it() {
        let text = "script: >\n  a # b\n  c\n# after\nk: v\n";
        assert_eq!(comments(text), ["# after"]);
    }

    fn directive_of(line_text: &str) -> Option<Directive> {
        let parse = sls_syntax::parse(line_text);
        let spans = ScalarSpans::of(&parse.tree);
        let range = TextRange::up_to(TextSize::of(line_text));
        let hash = comment_start(line_text, range, &spans)?;
        directive(line_text, range, hash)
    }

    #[test]
    fn directives_read_codes_and_names_and_keep_unknown_words() {
        let found =
            directive_of("k: v # serverless-ls-ignore SLS201,duplicate-route  SLS999 # why")
                .expect("a directive");
        assert_eq!(found.keyword, Keyword::Line);
        assert!(!found.own_line);
        assert_eq!(
            found.codes,
            [Code::AuthorizerNotOnConnect, Code::DuplicateRoute]
        );
        let unknown_at = TextSize::new(52);
        assert_eq!(
            found.unknown,
            [(
                TextRange::at(unknown_at, TextSize::new(6)),
                "SLS999".to_owned()
            )]
        );
        assert_eq!(found.list_end, TextSize::new(58));
        assert_eq!(found.keyword_range, TextRange::new(7.into(), 27.into()));

        let own = directive_of("  #serverless-ls-ignore-file sls217").expect("a directive");
        assert_eq!(own.keyword, Keyword::File);
        assert!(own.own_line);
        assert_eq!(own.codes, [Code::WebsocketTagsNotApplied]);

        let odd = directive_of("# serverless-ls-ignore-line SLS201").expect("a directive");
        assert_eq!(odd.keyword, Keyword::Unknown);
        assert!(directive_of("# TODO serverless-ls-ignore SLS201").is_none());
        assert!(directive_of("k: 'v # serverless-ls-ignore SLS201'").is_none());
        let empty = directive_of("k: v # serverless-ls-ignore").expect("a directive");
        assert!(!empty.names_something());
    }
}
