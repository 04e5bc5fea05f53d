//! The server's state: client handle, open documents, negotiated encoding, settings.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use sls_analysis::{Analysis, Settings};
use tower_lsp_server::jsonrpc;
use tower_lsp_server::ls_types::Uri;
use tower_lsp_server::Client;

use crate::capabilities::ClientSupport;
use crate::convert::{Lines, PositionEncoding};
use crate::documents::DocumentStore;

pub struct Session {
    pub client: Client,
    pub documents: DocumentStore,
    /// Set once by `initialize`.
    encoding: OnceLock<PositionEncoding>,
    support: OnceLock<ClientSupport>,
    settings: Mutex<Settings>,
    shutdown_requested: Arc<AtomicBool>,
}

impl Session {
    pub fn new(client: Client) -> Session {
        Session {
            client,
            documents: DocumentStore::default(),
            encoding: OnceLock::new(),
            support: OnceLock::new(),
            settings: Mutex::new(Settings::default()),
            shutdown_requested: Arc::new(AtomicBool::new(false)),
        }
    }

    /// Records what `initialize` negotiated; later calls are ignored.
    pub fn set_client(&self, encoding: PositionEncoding, support: ClientSupport) {
        let _ = self.encoding.set(encoding);
        let _ = self.support.set(support);
    }

    pub fn encoding(&self) -> PositionEncoding {
        self.encoding.get().copied().unwrap_or_default()
    }

    pub fn support(&self) -> ClientSupport {
        self.support.get().copied().unwrap_or_default()
    }

    pub fn settings(&self) -> Settings {
        self.settings
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }

    pub fn set_settings(&self, settings: Settings) {
        tracing::info!("settings: {settings:?}");
        *self
            .settings
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = settings;
    }

    pub fn shutdown_flag(&self) -> Arc<AtomicBool> {
        self.shutdown_requested.clone()
    }

    pub fn request_shutdown(&self) {
        self.shutdown_requested.store(true, Ordering::SeqCst);
    }

    /// The analysis a request about `uri` works on: `None` for documents that are not open or not
    /// Serverless configs (they get empty answers), an error if analysing it failed.
    pub fn analysis(&self, uri: &Uri) -> jsonrpc::Result<Option<Arc<Analysis>>> {
        let Some(snapshot) = self.documents.snapshot(uri) else {
            return Ok(None);
        };
        if !snapshot.is_serverless {
            return Ok(None);
        }
        match snapshot.analysis {
            Some(analysis) => Ok(Some(analysis)),
            None => Err(internal_error(format!(
                "no analysis of version {} of this document (analysis failed; see the server log)",
                snapshot.version
            ))),
        }
    }

    /// Position conversion for an analysis's text.
    pub fn lines<'a>(&self, analysis: &'a Analysis) -> Lines<'a> {
        Lines::new(analysis.text(), analysis.line_index(), self.encoding())
    }
}

pub fn internal_error(message: String) -> jsonrpc::Error {
    jsonrpc::Error {
        code: jsonrpc::ErrorCode::InternalError,
        message: message.into(),
        data: None,
    }
}
