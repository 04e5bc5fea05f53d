//! Workspace notifications: configuration and watched files.

use std::sync::Arc;

use tower_lsp_server::ls_types::{
    ConfigurationItem, DidChangeConfigurationParams, DidChangeWatchedFilesParams,
};

use crate::files;
use crate::handlers::text_document;
use crate::session::Session;
use crate::settings;

/// After `initialized`: watch files and pull the configuration, where the client allows.
pub async fn initialized(session: &Session) {
    let support = session.support();
    if support.watched_files {
        let registered = session
            .client
            .register_capability(vec![files::watcher_registration()])
            .await;
        match registered {
            Ok(()) => session.probes.enable(),
            Err(err) => tracing::warn!("the client refused the file watcher: {}", err.message),
        }
    }
    if support.configuration {
        pull_configuration(session).await;
    }
}

pub async fn did_change_configuration(
    session: &Arc<Session>,
    params: DidChangeConfigurationParams,
) {
    let before = session.settings();
    match settings::section(&params.settings) {
        Some(section) => session.set_settings(settings::merge(&session.settings(), section)),
        None if session.support().configuration => pull_configuration(session).await,
        None => {}
    }
    if session.settings() != before {
        // The stage, region and params change what variables resolve to; ignore, what is
        // published.
        text_document::reanalyse_all(session);
    }
}

async fn pull_configuration(session: &Session) {
    let item = ConfigurationItem {
        scope_uri: None,
        section: Some(settings::SECTION.to_owned()),
    };
    match session.client.configuration(vec![item]).await {
        Ok(values) => {
            if let Some(value) = values.first() {
                session.set_settings(settings::merge(&session.settings(), value));
            }
        }
        Err(err) => tracing::warn!("workspace/configuration failed: {}", err.message),
    }
}

pub fn did_change_watched_files(session: &Arc<Session>, params: DidChangeWatchedFilesParams) {
    tracing::debug!("{} watched files changed", params.changes.len());
    session.probes.clear();
    text_document::reanalyse_all(session);
}
