//! The "Suppress SLSxxx on this line" quick fix: a `# serverless-ls-ignore` comment at the end
//! of the diagnostic's first line, or the code appended to the one already there.

use sls_diagnostics::{Code, Diagnostic, Edit, FileId, TextRange, TextSize};

use super::comments::{self, Keyword, ScalarSpans};
use super::Source;
use crate::ide::CodeAction;

/// One suppression action per code and line among the diagnostics of `file` (whose text is
/// `source`) overlapping `range` (touching counts); front-ends list them after the real fixes.
pub(crate) fn actions(
    source: &Source<'_>,
    file: FileId,
    diagnostics: &[Diagnostic],
    range: TextRange,
) -> Vec<CodeAction> {
    let candidates: Vec<&Diagnostic> = diagnostics
        .iter()
        .filter(|d| d.file == file && suppressible(d.code))
        .filter(|d| d.range.start() <= range.end() && range.start() <= d.range.end())
        .collect();
    if candidates.is_empty() {
        return Vec::new();
    }
    let spans = ScalarSpans::of(source.tree);
    let mut done: Vec<(u32, Code)> = Vec::new();
    let mut actions = Vec::new();
    for diagnostic in candidates {
        let line = source.lines.line_col(diagnostic.range.start()).line;
        if done.contains(&(line, diagnostic.code)) {
            continue;
        }
        done.push((line, diagnostic.code));
        let Some(edit) = edit(source, line, &spans, diagnostic.code) else {
            continue;
        };
        actions.push(CodeAction {
            title: format!("Suppress {} on this line", diagnostic.code.as_str()),
            code: Some(diagnostic.code),
            diagnostic_range: Some(diagnostic.range),
            edits: vec![edit],
            is_preferred: false,
        });
    }
    actions
}

/// SLS001 is not offered (a file the framework cannot load), nor SLS003 (no comment silences
/// it).
fn suppressible(code: Code) -> bool {
    !matches!(code, Code::YamlSyntax | Code::UnknownSuppression)
}

/// The edit suppressing `code` on `line`; `None` where a comment cannot go: a line with
/// nothing but a comment or blanks (a comment alone applies to the next line) or a line ending
/// inside a multi-line scalar (the comment would become part of the value).
fn edit(source: &Source<'_>, line: u32, spans: &ScalarSpans, code: Code) -> Option<Edit> {
    let text = source.text;
    let range = source.lines.line_range(line)?;
    let hash = comments::comment_start(text, range, spans);
    let before_comment = comments::slice(
        text,
        TextRange::new(range.start(), hash.unwrap_or(range.end())),
    )?;
    let content = before_comment.trim_end();
    if content.trim_start().is_empty() {
        return None;
    }
    let content_end = range.start() + TextSize::of(content);
    if spans.inside(content_end) {
        return None;
    }
    let directive = hash.and_then(|hash| comments::directive(text, range, hash));
    let (at, new_text) = match (hash, directive) {
        (_, Some(directive)) if directive.keyword == Keyword::Line => {
            let separator = if directive.names_something() {
                ","
            } else {
                " "
            };
            (directive.list_end, format!("{separator}{}", code.as_str()))
        }
        // Another comment: the directive goes first and ends at its `#`.
        (Some(hash), _) => (hash, format!("# {} {} ", comments::LINE, code.as_str())),
        (None, _) => (
            content_end,
            format!(" # {} {}", comments::LINE, code.as_str()),
        ),
    };
    Some(Edit {
        range: TextRange::empty(at),
        new_text,
    })
}
