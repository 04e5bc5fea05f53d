//! Rendering of check results: the shared per-file report and position conversion.

pub(crate) mod github;
pub(crate) mod human;
pub(crate) mod json;
mod location;
pub(crate) mod sarif;
pub(crate) mod style;
pub(crate) mod yaml;

use std::path::PathBuf;

use sls_diagnostics::{Diagnostic, FileId, Severity, TextSize};
use sls_syntax::{LineIndex, WideEncoding};

use crate::discover::Target;

/// One checked file with its text and diagnostics.
#[derive(Clone)]
pub(crate) struct FileReport {
    /// The path as the user wrote it (or as found under a directory they named).
    pub display: String,
    /// Where the file is, to locate it relative to the repository.
    pub path: PathBuf,
    pub text: String,
    pub line_index: LineIndex,
    pub diagnostics: Vec<Diagnostic>,
    /// Which file of its analysis this is (the config, or a file the config includes).
    pub file: FileId,
    /// The other files of the analysis that related locations point into (without their own
    /// diagnostics).
    pub others: Vec<FileReport>,
}

impl FileReport {
    pub fn new(target: &Target, text: String, diagnostics: Vec<Diagnostic>) -> FileReport {
        let line_index = LineIndex::new(&text);
        FileReport {
            display: target.display.clone(),
            path: target.path.clone(),
            text,
            line_index,
            diagnostics,
            file: FileId::MAIN,
            others: Vec::new(),
        }
    }

    /// The report of the file a location of this report's diagnostics is in: this one, or one
    /// of `others` (this one when the file is not known).
    pub fn holder(&self, file: FileId) -> &FileReport {
        if file == self.file {
            return self;
        }
        self.others.iter().find(|o| o.file == file).unwrap_or(self)
    }

    /// 1-based line and 1-based column counted in characters.
    pub fn position(&self, offset: TextSize) -> (u32, u32) {
        let utf8 = self.line_index.line_col(offset);
        let chars = self.line_index.to_wide(WideEncoding::Utf32, utf8);
        (chars.line + 1, chars.col + 1)
    }
}

/// Line and column pairs of a range's start and end, as `position` gives them.
pub(crate) struct Span {
    pub start_line: u32,
    pub start_column: u32,
    pub end_line: u32,
    pub end_column: u32,
}

impl FileReport {
    pub fn span(&self, range: sls_diagnostics::TextRange) -> Span {
        let (start_line, start_column) = self.position(range.start());
        let (end_line, end_column) = self.position(range.end());
        Span {
            start_line,
            start_column,
            end_line,
            end_column,
        }
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
