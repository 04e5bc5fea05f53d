//! `configValidationMode: error` raises every schema-level diagnostic to an error.

use sls_diagnostics::{Diagnostic, Severity};
use sls_model::ValidationMode;

/// In `error` mode the framework refuses a file with schema problems, so they are errors.
/// `off` silences the framework, not serverless-ls.
pub(crate) fn apply_validation_mode(diagnostics: &mut [Diagnostic], mode: ValidationMode) {
    if mode != ValidationMode::Error {
        return;
    }
    for diagnostic in diagnostics {
        if diagnostic.code.is_schema_check() {
            diagnostic.severity = Severity::Error;
        }
    }
}
