//! Document lifecycle: open, change and close share one `update`: analyse the version just
//! applied, store it, publish its diagnostics.

use std::sync::Arc;

use sls_analysis::Analysis;
use tower_lsp_server::ls_types::{
    DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams,
};

use crate::diagnostics;
use crate::documents::{ChangeError, ToAnalyse};
use crate::files::FsProbe;
use crate::handlers::guard;
use crate::session::Session;

pub async fn did_open(session: &Session, params: DidOpenTextDocumentParams) {
    let document = params.text_document;
    let pending = session
        .documents
        .open(document.uri, document.version, &document.text);
    if let Some(pending) = pending {
        update(session, pending).await;
    }
}

pub async fn did_change(session: &Session, params: DidChangeTextDocumentParams) {
    let uri = params.text_document.uri;
    let version = params.text_document.version;
    let applied =
        session
            .documents
            .change(&uri, version, &params.content_changes, session.encoding());
    match applied {
        Ok(Some(pending)) => update(session, pending).await,
        Ok(None) => {}
        Err(ChangeError::NotOpen) => {
            tracing::warn!("ignored a change to {}, which is not open", uri.as_str());
        }
        Err(ChangeError::StaleVersion { current, received }) => tracing::warn!(
            "ignored version {received} of {}: version {current} is already applied",
            uri.as_str()
        ),
    }
}

pub async fn did_close(session: &Session, params: DidCloseTextDocumentParams) {
    let uri = params.text_document.uri;
    if session.documents.close(&uri) && crate::files::is_serverless_config(&uri) {
        diagnostics::clear(session, uri).await;
    }
}

/// Re-analyses every open Serverless config, e.g. after files on disk changed.
pub async fn reanalyse_all(session: &Session) {
    for pending in session.documents.serverless_documents() {
        update(session, pending).await;
    }
}

/// Analyses one version, stores it and publishes its diagnostics.
async fn update(session: &Session, pending: ToAnalyse) {
    let ToAnalyse {
        uri,
        version,
        text,
        previous,
    } = pending;
    let probe = FsProbe::for_document(&uri);
    let analysis = guard("analysis", || {
        Arc::new(Analysis::new_incremental(
            &text,
            &probe,
            previous.as_deref(),
        ))
    })
    .ok();
    if analysis.is_none() {
        tracing::error!("no diagnostics for version {version} of {}", uri.as_str());
    }
    if session.documents.set_analysis(&uri, version, analysis) {
        diagnostics::publish(session, uri).await;
    }
}
