//! The server's state: client handle, open documents, negotiated encoding, settings, lifecycle.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

use sls_analysis::{Analysis, Environment, NoHost, Settings};
use tower_lsp_server::jsonrpc;
use tower_lsp_server::ls_types::Uri;
use tower_lsp_server::Client;

use crate::capabilities::ClientSupport;
use crate::completion_docs::CompletionDocs;
use crate::convert::{Lines, PositionEncoding};
use crate::documents::{Current, DocumentStore, ToAnalyse};
use crate::files::{FsProbe, ProbeCache};
use crate::handlers::guard;
use crate::lifecycle::Lifecycle;
use crate::outbox::Outbox;
use crate::project::{Location, ServerHost};
use crate::traffic::Traffic;

pub struct Session {
    pub client: Client,
    /// Where publications go (written here rather than through `client`, see `outbox`).
    pub outbox: Outbox,
    pub documents: DocumentStore,
    /// Set once by `initialize`.
    encoding: OnceLock<PositionEncoding>,
    support: OnceLock<ClientSupport>,
    settings: Mutex<Settings>,
    /// The workspace folders of `initialize`, as paths.
    workspace_folders: Mutex<Vec<PathBuf>>,
    /// Diagnostics published for files the open configs include: file → config → diagnostics.
    pub included: Mutex<HashMap<Uri, HashMap<Uri, Vec<tower_lsp_server::ls_types::Diagnostic>>>>,
    /// Shutdown state and the watchdogs that end the process when the client is gone.
    pub lifecycle: Lifecycle,
    /// How far the handlers lag behind the input (publications wait for bursts to end).
    pub traffic: Traffic,
    /// Whether handler files exist, remembered while the client reports file changes.
    pub probes: ProbeCache,
    /// The documentation of the latest completion lists, for `completionItem/resolve`.
    pub completion_docs: CompletionDocs,
}

impl Session {
    pub fn new(client: Client, lifecycle: Lifecycle, traffic: Traffic, outbox: Outbox) -> Session {
        Session {
            client,
            outbox,
            documents: DocumentStore::default(),
            encoding: OnceLock::new(),
            support: OnceLock::new(),
            settings: Mutex::new(Settings::default()),
            workspace_folders: Mutex::new(Vec::new()),
            included: Mutex::new(HashMap::new()),
            lifecycle,
            traffic,
            probes: ProbeCache::default(),
            completion_docs: CompletionDocs::default(),
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

    pub fn workspace_folders(&self) -> Vec<PathBuf> {
        self.workspace_folders
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }

    pub fn set_workspace_folders(&self, folders: Vec<PathBuf>) {
        *self
            .workspace_folders
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = folders;
    }

    pub fn set_settings(&self, settings: Settings) {
        tracing::info!("settings: {settings:?}");
        *self
            .settings
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = settings;
    }

    /// The analysis of the current version of `uri`, computed now if no one has yet: `None`
    /// for documents that are not open or not Serverless configs (they get empty answers), an
    /// error if analysing it failed.
    pub fn analysis(&self, uri: &Uri) -> jsonrpc::Result<Option<Arc<Analysis>>> {
        let failed = |version: i32| {
            internal_error(format!(
                "no analysis of version {version} of this document (analysis failed; see the server log)"
            ))
        };
        match self.documents.current(uri) {
            None | Some(Current::TooLarge) => Ok(None),
            Some(Current::Ready(analysis)) => Ok(Some(analysis)),
            Some(Current::Failed { version }) => Err(failed(version)),
            Some(Current::Stale(mut job)) => {
                let analysis = analyse(self, &mut job);
                self.documents.set_analysis(&job, analysis.clone());
                analysis.map(Some).ok_or_else(|| failed(job.version))
            }
        }
    }

    /// An open config whose analysis includes the file at `uri` (a document that is not a
    /// config itself), with that file's id in the analysis.
    pub fn including_config(
        &self,
        uri: &Uri,
    ) -> Option<(Arc<Analysis>, Uri, sls_diagnostics::FileId)> {
        for config in self.documents.serverless_uris() {
            let Ok(Some(analysis)) = self.analysis(&config) else {
                continue;
            };
            let files = crate::diagnostics::Files::new(self, &analysis, &config);
            let found = (1..=analysis.included_files().len())
                .map(|n| sls_diagnostics::FileId(n as u32))
                .find(|file| files.uri(*file).as_ref() == Some(uri));
            if let Some(file) = found {
                return Some((analysis.clone(), config.clone(), file));
            }
        }
        None
    }

    /// Position conversion for an analysis's text.
    pub fn lines<'a>(&self, analysis: &'a Analysis) -> Lines<'a> {
        Lines::new(analysis.text(), analysis.line_index(), self.encoding())
    }
}

/// Analyses one version of a document in its project, under the panic guard.
/// Takes what the job carries of the previous analysis: the new one lets go of it.
fn analyse(session: &Session, job: &mut ToAnalyse) -> Option<Arc<Analysis>> {
    let probe = FsProbe::for_document(&job.uri).remembering(&session.probes);
    let location = Location::of(&job.uri, &session.workspace_folders());
    let host = location
        .as_ref()
        .map(|location| ServerHost::new(&location.root, &session.documents));
    let environment = Environment {
        files: &probe,
        host: match &host {
            Some(host) => host,
            None => &NoHost,
        },
        settings: session.settings(),
        config_dir: location
            .as_ref()
            .map(|l| l.config_dir.clone())
            .unwrap_or_default(),
        root: location.map(|l| l.root.to_string_lossy().into_owned()),
        is_json: crate::files::is_json_config(&job.uri),
    };
    let previous = job.previous.take();
    let analysis = guard("analysis", || {
        Arc::new(Analysis::incremental_shared(
            Arc::clone(&job.text),
            &environment,
            previous,
        ))
    });
    if analysis.is_err() {
        tracing::error!(
            "no diagnostics for version {} of {}",
            job.version,
            job.uri.as_str()
        );
    }
    analysis.ok()
}

pub fn internal_error(message: String) -> jsonrpc::Error {
    jsonrpc::Error {
        code: jsonrpc::ErrorCode::InternalError,
        message: message.into(),
        data: None,
    }
}
