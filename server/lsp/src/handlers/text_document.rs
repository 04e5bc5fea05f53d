//! Document lifecycle: open and change apply the text and schedule the publication of its
//! diagnostics; close clears them.
//!
//! Nothing is analysed here. One task per document publishes: it first waits for the server to
//! catch up with its input (`Traffic::settle`), then analyses the version current at that
//! moment (unless a request already has) and publishes it. A burst of changes thus ends in one
//! analysis and one publication, of the last version.

use std::sync::Arc;

use tower_lsp_server::ls_types::{
    DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams, Uri,
};

use crate::diagnostics;
use crate::documents::ChangeError;
use crate::session::Session;

pub fn did_open(session: &Arc<Session>, params: DidOpenTextDocumentParams) {
    let document = params.text_document;
    let uri = document.uri;
    if session
        .documents
        .open(uri.clone(), document.version, &document.text)
    {
        schedule_publication(session, uri);
    } else {
        reanalyse_including_configs(session);
    }
}

pub fn did_change(session: &Arc<Session>, params: DidChangeTextDocumentParams) {
    let uri = params.text_document.uri;
    let version = params.text_document.version;
    let applied =
        session
            .documents
            .change(&uri, version, &params.content_changes, session.encoding());
    match applied {
        Ok(true) => schedule_publication(session, uri),
        // Another document: the configs that include it see its unsaved text.
        Ok(false) => reanalyse_including_configs(session),
        Err(ChangeError::NotOpen) => {
            tracing::warn!("ignored a change to {}, which is not open", uri.as_str());
        }
        Err(ChangeError::StaleVersion { current, received }) => tracing::warn!(
            "ignored version {received} of {}: version {current} is already applied",
            uri.as_str()
        ),
    }
}

pub async fn did_close(session: &Arc<Session>, params: DidCloseTextDocumentParams) {
    let uri = params.text_document.uri;
    if !session.documents.close(&uri) {
        return;
    }
    if crate::files::is_serverless_config(&uri) {
        diagnostics::clear(session, uri);
    } else {
        // Its text on disk now stands for it in the configs that include it.
        reanalyse_including_configs(session);
    }
}

/// Re-analyses every open Serverless config, e.g. after files on disk or settings changed.
pub fn reanalyse_all(session: &Arc<Session>) {
    for uri in session.documents.invalidate_all() {
        schedule_publication(session, uri);
    }
}

/// Re-analyses the open configs that include other files.
fn reanalyse_including_configs(session: &Arc<Session>) {
    for uri in session.documents.invalidate_including() {
        schedule_publication(session, uri);
    }
}

/// Starts the task that publishes the document's diagnostics, unless one is waiting already.
fn schedule_publication(session: &Arc<Session>, uri: Uri) {
    let Some(generation) = session.documents.schedule_publication(&uri) else {
        return;
    };
    let session = session.clone();
    tokio::spawn(async move {
        session.traffic.settle().await;
        if !session.documents.start_publication(&uri, generation) {
            return;
        }
        // Analyse the current version, unless a request has already; a failure is logged.
        if session.analysis(&uri).is_ok() {
            diagnostics::publish(&session, uri);
        }
    });
}
