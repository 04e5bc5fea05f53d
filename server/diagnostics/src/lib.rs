//! The vocabulary every layer reports in: stable rule codes, severities, diagnostics and fixes.
//!
//! Ranges are UTF-8 byte ranges into the analysed text; front-ends convert them to lines and
//! columns at the edge.

mod code;
mod registry;
mod rule;

pub use code::{code_words, Code};
pub use rule::{CheckedIn, RuleInfo};
/// Which file a range is in: the analysed config (`FileId::MAIN`) or a file it includes.
pub use sls_syntax::FileId;
pub use text_size::{TextRange, TextSize};

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
    Info,
    Hint,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
            Severity::Hint => "hint",
        }
    }
}

/// A secondary location that explains a diagnostic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    pub file: FileId,
    pub range: TextRange,
    pub message: String,
}

/// One replacement of a byte range by new text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub range: TextRange,
    pub new_text: String,
}

/// A set of edits that resolves a diagnostic, shown to the user as a quick fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub title: String,
    pub edits: Vec<Edit>,
}

/// Extra markers clients may render specially.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiagnosticTag {
    /// The flagged text has no effect (e.g. a key the framework ignores).
    Unnecessary,
    /// The flagged text uses something deprecated.
    Deprecated,
}

/// A problem found in a configuration file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file `range` is in.
    pub file: FileId,
    pub code: Code,
    pub severity: Severity,
    pub range: TextRange,
    pub message: String,
    pub related: Vec<Related>,
    pub fix: Option<Fix>,
    pub tags: Vec<DiagnosticTag>,
}

impl Diagnostic {
    /// A diagnostic at the code's default severity, with no related information and no fix.
    pub fn new(code: Code, range: TextRange, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            file: FileId::MAIN,
            code,
            severity: code.default_severity(),
            range,
            message: message.into(),
            related: Vec::new(),
            fix: None,
            tags: Vec::new(),
        }
    }

    /// Places the diagnostic in `file` (an included file); related locations added later
    /// default to the same file.
    pub fn in_file(mut self, file: FileId) -> Diagnostic {
        self.file = file;
        self
    }

    /// A related location in the diagnostic's own file.
    pub fn with_related(self, range: TextRange, message: impl Into<String>) -> Diagnostic {
        let file = self.file;
        self.with_related_in(file, range, message)
    }

    pub fn with_related_in(
        mut self,
        file: FileId,
        range: TextRange,
        message: impl Into<String>,
    ) -> Diagnostic {
        self.related.push(Related {
            file,
            range,
            message: message.into(),
        });
        self
    }

    pub fn with_fix(mut self, title: impl Into<String>, edits: Vec<Edit>) -> Diagnostic {
        self.fix = Some(Fix {
            title: title.into(),
            edits,
        });
        self
    }

    pub fn with_tag(mut self, tag: DiagnosticTag) -> Diagnostic {
        self.tags.push(tag);
        self
    }
}

/// Sorts diagnostics into the order every front-end shows them: by file (the config first),
/// by position, then by code.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (a.file, a.range.start(), a.range.end(), a.code).cmp(&(
            b.file,
            b.range.start(),
            b.range.end(),
            b.code,
        ))
    });
}
