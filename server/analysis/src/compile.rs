//! The compiled-template preview: runs the compiler on the analysed text and decides, as the
//! framework would, whether a template comes out.

use sls_compile::{CompileError, CompileErrorKind, CompileOptions};
use sls_diagnostics::{Code, Diagnostic, Severity, TextRange};
use sls_model::ValidationMode;
use sls_syntax::{Node, Tree};

use crate::{Analysis, Settings};

/// Diagnostics that stop the framework before it writes a template, whatever the mode.
const FATAL: &[Code] = &[Code::YamlSyntax, Code::DuplicateKey];

pub(crate) fn compile(
    analysis: &Analysis,
    settings: &Settings,
) -> Result<serde_json::Value, Vec<Diagnostic>> {
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
    let tree = &analysis.parse().tree;
    let config = sls_compile::config_value(tree);
    let options = CompileOptions {
        stage: settings.stage.clone(),
        region: settings.region.clone(),
    };
    sls_compile::compile(&config, &options).map_err(|errors| {
        let checker_errors: Vec<Diagnostic> = diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .cloned()
            .collect();
        if checker_errors.is_empty() {
            errors.iter().map(|e| from_compile_error(tree, e)).collect()
        } else {
            checker_errors
        }
    })
}

/// A compiler error the rules did not foresee, placed on the config path it names.
fn from_compile_error(tree: &Tree, error: &CompileError) -> Diagnostic {
    let range = node_at_path(tree, &error.path)
        .map(Node::range)
        .unwrap_or_else(|| TextRange::empty(0.into()));
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

/// Walks a config path (`functions.connect.events.0.websocket`) down the tree.
fn node_at_path<'t>(tree: &'t Tree, path: &[String]) -> Option<Node<'t>> {
    let mut node = tree.root()?.resolve();
    for segment in path {
        let next = if node.is_sequence() {
            let index: usize = segment.parse().ok()?;
            node.items().nth(index)
        } else {
            node.get_entry(segment).map(|(_, value)| value)
        };
        match next {
            Some(next) => node = next.resolve(),
            None => break,
        }
    }
    Some(node)
}
