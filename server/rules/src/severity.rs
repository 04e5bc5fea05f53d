//! `configValidationMode: error` raises every schema-level diagnostic to an error.

use sls_diagnostics::{Diagnostic, Severity};
use sls_model::ValidationMode;

/// In `error` mode the framework refuses a file with schema problems, so they are errors.
/// `off` silences the framework's warnings: what would only be warned about is dropped,
/// what fails the deploy stays.
pub(crate) fn apply_validation_mode(diagnostics: &mut Vec<Diagnostic>, mode: ValidationMode) {
    match mode {
        ValidationMode::Warn => {}
        ValidationMode::Error => {
            for diagnostic in diagnostics {
                if diagnostic.code.is_schema_check() {
                    diagnostic.severity = Severity::Error;
                }
            }
        }
        ValidationMode::Off => diagnostics.retain(|diagnostic| {
            !diagnostic.code.is_schema_check() || diagnostic.severity == Severity::Error
        }),
    }
}
