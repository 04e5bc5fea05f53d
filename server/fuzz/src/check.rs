//! What every result must satisfy whatever the input: ranges inside the text and on character
//! boundaries, nested ranges inside their parents, offsets that convert to a line and column
//! and back. A broken invariant panics with what broke, like a crash.

use sls_analysis::Analysis;
use sls_diagnostics::{Diagnostic, Edit, FileId, TextRange, TextSize};
use sls_syntax::{LineIndex, WideEncoding};

/// `range` lies inside `text` and starts and ends on character boundaries.
#[track_caller]
pub fn range(text: &str, range: TextRange, what: &str) {
    offset(text, range.start(), what);
    offset(text, range.end(), what);
}

#[track_caller]
pub fn offset(text: &str, offset: TextSize, what: &str) {
    let at = usize::from(offset);
    assert!(
        at <= text.len() && text.is_char_boundary(at),
        "{what}: offset {at} is not a character boundary of a {}-byte text",
        text.len()
    );
}

#[track_caller]
pub fn inside(outer: TextRange, inner: TextRange, what: &str) {
    assert!(
        outer.contains_range(inner),
        "{what}: {inner:?} is not inside {outer:?}"
    );
}

#[track_caller]
pub fn edits(text: &str, edits: &[Edit], what: &str) {
    for edit in edits {
        range(text, edit.range, what);
    }
    // Applying them gives a text (a fix preview must not panic).
    let _ = sls_analysis::apply_edits(text, edits);
}

/// A diagnostic's range, related ranges and fix edits, each in the file it names: the config
/// or a file it includes (`analysis.file_text`). A fix only ever edits the config.
#[track_caller]
pub fn diagnostic(analysis: &Analysis, diagnostic: &Diagnostic) {
    let what = diagnostic.code.as_str();
    let text_of = |file: FileId| {
        analysis
            .file_text(file)
            .unwrap_or_else(|| panic!("{what}: no file {file:?}"))
    };
    range(text_of(diagnostic.file), diagnostic.range, what);
    for related in &diagnostic.related {
        range(text_of(related.file), related.range, what);
    }
    if let Some(fix) = &diagnostic.fix {
        assert_eq!(
            diagnostic.file,
            FileId::MAIN,
            "{what}: a fix in an included file"
        );
        edits(analysis.text(), &fix.edits, what);
    }
    if let Some(index) = analysis.file_line_index(diagnostic.file) {
        round_trip(index, diagnostic.range.start());
        round_trip(index, diagnostic.range.end());
    }
}

/// `offset` converts to a line and column (UTF-8, UTF-16, UTF-32) and back to itself.
#[track_caller]
pub fn round_trip(index: &LineIndex, offset: TextSize) {
    let line_col = index.line_col(offset);
    assert_eq!(
        index.offset(line_col),
        Some(offset),
        "offset {offset:?} → {line_col:?} does not convert back"
    );
    for encoding in [WideEncoding::Utf16, WideEncoding::Utf32] {
        let wide = index.to_wide(encoding, line_col);
        assert_eq!(
            index.to_utf8(encoding, wide),
            line_col,
            "{line_col:?} → {encoding:?} {wide:?} does not convert back"
        );
    }
}
