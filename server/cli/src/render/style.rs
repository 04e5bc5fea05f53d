//! ANSI styling shared by the human renderers: one switch, one palette.

use sls_diagnostics::Severity;

/// Whether to colour, and how.
pub(crate) struct Style {
    pub color: bool,
}

impl Style {
    /// `text` in the SGR style `code` (e.g. `1;31`), or unchanged without colour.
    pub fn paint(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }

    pub fn severity_code(severity: Severity) -> &'static str {
        match severity {
            Severity::Error => "1;31",
            Severity::Warning => "1;33",
            Severity::Info => "1;36",
            Severity::Hint => "1;32",
        }
    }
}
