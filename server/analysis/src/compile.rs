//! The compiled-template preview: runs the compiler on the analysed text and decides, as the
//! framework would, whether a template comes out.

use sls_compile::{CompileError, CompileErrorKind, CompileOptions};
use sls_diagnostics::{Code, Diagnostic, Severity, TextRange};
use sls_model::ValidationMode;
use sls_syntax::View;

use crate::{Analysis, Settings};

/// Diagnostics that stop the framework before it writes a template, whatever the mode (a
/// variable it cannot resolve stops it too, whatever our severity says about where it runs).
const FATAL: &[Code] = &[
    Code::YamlSyntax,
    Code::DuplicateKey,
    Code::UnresolvedVariable,
    Code::UnknownVariableSource,
    Code::FileNotFound,
    Code::VariableSyntax,
    Code::VariableCycle,
    Code::FileOutsideProject,
];

pub(crate) fn compile(
    analysis: &Analysis,
    settings: &Settings,
) -> Result<serde_json::Value, Vec<Diagnostic>> {
    decide(analysis, || {
        sls_compile::compile(analysis.view(), &options(settings))
    })
}

/// The template's text, as `serverless-ls compile` prints it (indented JSON and a line break),
/// written from the compiler's plan without building the template as one tree: a large plan is
/// rendered on two threads and each resource written as soon as it is final, as the command
/// line does. The same text as [`compile`]'s template written with `write_template`.
pub(crate) fn compile_text(
    analysis: &Analysis,
    settings: &Settings,
) -> Result<String, Vec<Diagnostic>> {
    let template = decide(analysis, || {
        sls_compile::plan(analysis.view(), &options(settings))
            .render_to_write_on(sls_compile::Threads::Auto)
    })?;
    let mut text = Vec::new();
    // Writing into memory cannot fail; the writer writes JSON, which is UTF-8.
    let _ = template.write_pretty_to(&mut text);
    Ok(String::from_utf8(text)
        .unwrap_or_else(|bad| String::from_utf8_lossy(bad.as_bytes()).into_owned()))
}

/// The compiler's options from the analysis' settings.
pub(crate) fn options(settings: &Settings) -> CompileOptions {
    CompileOptions {
        stage: settings.stage.clone(),
        region: settings.region.clone(),
    }
}

/// The template `render` gives, unless the analysis found what stops the framework first;
/// the compiler's own errors become diagnostics.
pub(crate) fn decide<T>(
    analysis: &Analysis,
    render: impl FnOnce() -> Result<T, Vec<CompileError>>,
) -> Result<T, Vec<Diagnostic>> {
    let diagnostics = analysis.diagnostics();
    let error_mode = analysis.model().validation_mode == ValidationMode::Error;
    let blocking: Vec<Diagnostic> = diagnostics
        .iter()
        .filter(|d| FATAL.contains(&d.code) || (error_mode && d.code.is_schema_check()))
        .cloned()
        .collect();
    if !blocking.is_empty() {
        return Err(blocking);
    }
    let view = analysis.view();
    render().map_err(|errors| {
        let checker_errors: Vec<Diagnostic> = diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .cloned()
            .collect();
        if checker_errors.is_empty() {
            errors
                .iter()
                .map(|e| analysis.variables.relocate(from_compile_error(view, e)))
                .collect()
        } else {
            checker_errors
        }
    })
}

/// A compiler error the rules did not foresee, placed on the node it is about (the view's range,
/// brought back to its file by the caller).
fn from_compile_error(view: View<'_>, error: &CompileError) -> Diagnostic {
    let range = error
        .node
        .map_or_else(|| TextRange::empty(0.into()), |id| view.node(id).range());
    let code = match error.kind {
        CompileErrorKind::MissingFunction => Code::AuthorizerFunctionNotFound,
        CompileErrorKind::ArnNeedsName => Code::AuthorizerArnNeedsName,
        CompileErrorKind::MissingHandler => Code::MissingHandler,
        CompileErrorKind::InvalidValue => Code::InvalidValue,
        CompileErrorKind::MissingKey => Code::MissingRequiredKey,
        CompileErrorKind::WrongType => Code::WrongType,
    };
    let mut diagnostic = Diagnostic::new(code, range, error.message.clone());
    diagnostic.severity = Severity::Error;
    diagnostic
}
