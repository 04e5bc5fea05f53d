//! Rendering of check results: the shared per-file report and position conversion.

pub(crate) mod human;
pub(crate) mod json;
pub(crate) mod yaml;

use sls_diagnostics::{Diagnostic, Severity, TextSize};
use sls_syntax::{LineIndex, WideEncoding};

/// One checked file with its text and diagnostics.
pub(crate) struct FileReport {
    pub display: String,
    pub text: String,
    pub line_index: LineIndex,
    pub diagnostics: Vec<Diagnostic>,
}

impl FileReport {
    pub fn new(display: String, text: String, diagnostics: Vec<Diagnostic>) -> FileReport {
        let line_index = LineIndex::new(&text);
        FileReport {
            display,
            text,
            line_index,
            diagnostics,
        }
    }

    /// 1-based line and 1-based column counted in characters.
    pub fn position(&self, offset: TextSize) -> (u32, u32) {
        let utf8 = self.line_index.line_col(offset);
        let chars = self.line_index.to_wide(WideEncoding::Utf32, utf8);
        (chars.line + 1, chars.col + 1)
    }
}

/// Counts of diagnostics by severity over all files.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub hints: usize,
}

impl Summary {
    pub fn of(reports: &[FileReport]) -> Summary {
        let mut summary = Summary {
            files: reports.len(),
            ..Summary::default()
        };
        for diagnostic in reports.iter().flat_map(|r| &r.diagnostics) {
            match diagnostic.severity {
                Severity::Error => summary.errors += 1,
                Severity::Warning => summary.warnings += 1,
                Severity::Info => summary.infos += 1,
                Severity::Hint => summary.hints += 1,
            }
        }
        summary
    }
}
