//! Diagnostics to the protocol: conversion of `sls_diagnostics::Diagnostic`, and publishing the
//! current version's diagnostics of a document.

use std::str::FromStr;

use sls_diagnostics::{Diagnostic, DiagnosticTag, Severity};
use tower_lsp_server::ls_types::{
    self as lsp, CodeDescription, DiagnosticRelatedInformation, Location, NumberOrString, Uri,
};

use crate::convert::Lines;
use crate::session::Session;

/// What clients show as the diagnostic's origin.
pub const SOURCE: &str = "serverless-ls";

pub fn to_lsp(diagnostic: &Diagnostic, lines: &Lines<'_>, uri: &Uri) -> lsp::Diagnostic {
    let related: Vec<_> = diagnostic
        .related
        .iter()
        .map(|related| DiagnosticRelatedInformation {
            location: Location::new(uri.clone(), lines.range(related.range)),
            message: related.message.clone(),
        })
        .collect();
    let tags: Vec<_> = diagnostic
        .tags
        .iter()
        .map(|tag| match tag {
            DiagnosticTag::Unnecessary => lsp::DiagnosticTag::UNNECESSARY,
            DiagnosticTag::Deprecated => lsp::DiagnosticTag::DEPRECATED,
        })
        .collect();
    lsp::Diagnostic {
        range: lines.range(diagnostic.range),
        severity: Some(severity(diagnostic.severity)),
        code: Some(NumberOrString::String(diagnostic.code.as_str().to_owned())),
        code_description: Uri::from_str(&diagnostic.code.url())
            .ok()
            .map(|href| CodeDescription { href }),
        source: Some(SOURCE.to_owned()),
        message: diagnostic.message.clone(),
        related_information: (!related.is_empty()).then_some(related),
        tags: (!tags.is_empty()).then_some(tags),
        data: None,
    }
}

fn severity(severity: Severity) -> lsp::DiagnosticSeverity {
    match severity {
        Severity::Error => lsp::DiagnosticSeverity::ERROR,
        Severity::Warning => lsp::DiagnosticSeverity::WARNING,
        Severity::Info => lsp::DiagnosticSeverity::INFORMATION,
        Severity::Hint => lsp::DiagnosticSeverity::HINT,
    }
}

/// Publishes the diagnostics of the document's current version, if it has been analysed.
///
/// Reading the snapshot here, rather than receiving diagnostics from the caller, is what keeps
/// an older version's results from overwriting a newer one's: documents are updated before any
/// `.await`, and the send below completes without yielding (each notification goes through a
/// fresh clone of a futures `mpsc::Sender`, which always has a slot), so publications leave in
/// version order.
pub async fn publish(session: &Session, uri: Uri) {
    let Some(snapshot) = session.documents.snapshot(&uri) else {
        return;
    };
    let Some(analysis) = snapshot.analysis else {
        return;
    };
    let converted = crate::handlers::guard("diagnostics", || {
        let lines = session.lines(&analysis);
        analysis
            .diagnostics()
            .iter()
            .map(|d| to_lsp(d, &lines, &uri))
            .collect::<Vec<_>>()
    });
    match converted {
        Ok(diagnostics) => {
            session
                .client
                .publish_diagnostics(uri, diagnostics, Some(snapshot.version))
                .await;
        }
        Err(err) => tracing::error!("diagnostics of {}: {}", uri.as_str(), err.message),
    }
}

/// Clears the client's diagnostics for a closed document.
pub async fn clear(session: &Session, uri: Uri) {
    session
        .client
        .publish_diagnostics(uri, Vec::new(), None)
        .await;
}
