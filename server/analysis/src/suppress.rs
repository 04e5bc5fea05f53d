//! In-file suppressions: `# serverless-ls-ignore CODE` comments (on a line, or alone on the
//! line above it) and `# serverless-ls-ignore-file CODE` before the first key, read from the
//! config and from each YAML file it includes, and the rules ignored by the front-end's
//! settings. Suppressed diagnostics leave the analysis here, so every front-end and format sees
//! the same result; a comment naming no rule is reported as SLS003, which no comment silences.

mod comments;
pub(crate) mod quick_fix;

use std::collections::HashMap;

use sls_diagnostics::{Code, Diagnostic, FileId, TextSize};
use sls_syntax::{LineIndex, Tree};

use comments::{Directive, Keyword, ScalarSpans};

/// What the suppression comments of one file silence, and what is wrong with them.
#[derive(Debug, Default)]
pub(crate) struct Suppressions {
    /// Codes silenced in the whole file.
    file: Vec<Code>,
    /// Codes silenced on one line, by 0-based line.
    lines: HashMap<u32, Vec<Code>>,
    /// SLS003 for comments naming no rule, or misplaced.
    problems: Vec<Diagnostic>,
}

/// One file's text as the suppressions read it.
pub(crate) struct Source<'a> {
    pub text: &'a str,
    pub tree: &'a Tree,
    pub lines: &'a LineIndex,
}

impl Suppressions {
    /// The suppression comments of a YAML file.
    pub fn read(source: &Source<'_>) -> Suppressions {
        let mut found = Suppressions::default();
        if !source.text.contains(comments::MARK) {
            return found;
        }
        let spans = ScalarSpans::of(source.tree);
        let first_key = source.tree.root().map(|root| root.range().start());
        let mut lines: Vec<u32> = source
            .text
            .match_indices(comments::MARK)
            .filter_map(|(at, _)| u32::try_from(at).ok())
            .map(|at| source.lines.line_col(TextSize::new(at)).line)
            .collect();
        lines.dedup();
        for line in lines {
            let Some(range) = source.lines.line_range(line) else {
                continue;
            };
            let Some(hash) = comments::comment_start(source.text, range, &spans) else {
                continue;
            };
            let Some(directive) = comments::directive(source.text, range, hash) else {
                continue;
            };
            let before_first_key = first_key.is_none_or(|key| hash < key);
            found.add(line, directive, before_first_key);
        }
        found
    }

    fn add(&mut self, line: u32, directive: Directive, before_first_key: bool) {
        if let Some(message) = misuse(&directive, before_first_key) {
            let range = directive.keyword_range;
            self.problems
                .push(Diagnostic::new(Code::UnknownSuppression, range, message));
            return;
        }
        match directive.keyword {
            Keyword::File => self.file.extend(&directive.codes),
            Keyword::Line => {
                let target = if directive.own_line {
                    line.saturating_add(1)
                } else {
                    line
                };
                let codes = self.lines.entry(target).or_default();
                codes.extend(&directive.codes);
            }
            Keyword::Unknown => {}
        }
        for (range, word) in directive.unknown {
            let message = format!(
                "'{word}' is not a rule code or name (`serverless-ls rules` lists them): it silences nothing"
            );
            self.problems
                .push(Diagnostic::new(Code::UnknownSuppression, range, message));
        }
    }

    /// Whether a diagnostic of `code` starting on `line()` is silenced. SLS003 never is: a
    /// comment cannot silence what is wrong with itself. The line is only asked for when a line
    /// has suppressions (finding it is a search, for each of thousands of diagnostics).
    fn silences(&self, code: Code, line: impl FnOnce() -> u32) -> bool {
        code != Code::UnknownSuppression
            && (self.file.contains(&code)
                || (!self.lines.is_empty()
                    && self
                        .lines
                        .get(&line())
                        .is_some_and(|codes| codes.contains(&code))))
    }
}

/// Why a directive silences nothing at all, if it does not: not a directive, misplaced, or
/// empty.
fn misuse(directive: &Directive, before_first_key: bool) -> Option<String> {
    match directive.keyword {
        Keyword::Unknown => Some(format!(
            "unknown suppression: write `{}` (this line, or the next one when alone on its line) or `{}` (the whole file)",
            comments::LINE,
            comments::FILE
        )),
        Keyword::File if !before_first_key => Some(format!(
            "`{}` applies only in a comment before the first key: this one silences nothing",
            comments::FILE
        )),
        _ if !directive.names_something() => Some(
            "this suppression names no rule: write the codes it silences after it, e.g. SLS201"
                .to_owned(),
        ),
        _ => None,
    }
}

/// Adds the SLS003 problems of every file's suppressions to `diagnostics`, then drops the
/// diagnostics a suppression silences and those of the `ignore`d rules. `files[n]` is the
/// source of `FileId(n)`, `None` for a file without comments (JSON).
pub(crate) fn apply(
    diagnostics: &mut Vec<Diagnostic>,
    files: &[Option<Source<'_>>],
    ignore: &[Code],
) {
    let mut read: Vec<Option<(Suppressions, &LineIndex)>> = files
        .iter()
        .map(|source| source.as_ref().map(|s| (Suppressions::read(s), s.lines)))
        .collect();
    for (index, entry) in read.iter_mut().enumerate() {
        let Some((suppressions, _)) = entry else {
            continue;
        };
        let file = FileId(index as u32);
        let problems = std::mem::take(&mut suppressions.problems);
        diagnostics.extend(problems.into_iter().map(|d| d.in_file(file)));
    }
    diagnostics.retain(|d| {
        if ignore.contains(&d.code) {
            return false;
        }
        let Some(Some((suppressions, lines))) = read.get(d.file.0 as usize) else {
            return true;
        };
        !suppressions.silences(d.code, || lines.line_col(d.range.start()).line)
    });
}

#[cfg(test)]
mod tests;
