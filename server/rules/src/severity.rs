//! `configValidationMode: error` raises every schema-level diagnostic to an error.

use sls_diagnostics::{Code, Diagnostic, Severity};
use sls_model::ValidationMode;

/// The codes that match a warning of the framework's schema validation.
const SCHEMA_CODES: &[Code] = &[
    Code::UnknownKey,
    Code::WrongType,
    Code::InvalidValue,
    Code::UnknownEvent,
    Code::AuthorizerInvalidReference,
    Code::InvalidRouteResponseSelection,
    Code::InvalidFunctionName,
];

/// In `error` mode the framework refuses a file with schema problems, so they are errors.
/// `off` silences the framework, not serverless-ls.
pub(crate) fn apply_validation_mode(diagnostics: &mut [Diagnostic], mode: ValidationMode) {
    if mode != ValidationMode::Error {
        return;
    }
    for diagnostic in diagnostics {
        if SCHEMA_CODES.contains(&diagnostic.code) {
            diagnostic.severity = Severity::Error;
        }
    }
}
