//! `impl LanguageServer`: one line per method, delegating to `handlers` under the panic guard.

use std::sync::Arc;

use serde_json::Value;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{
    CodeActionParams, CodeActionResponse, CompletionItem, CompletionParams, CompletionResponse,
    DidChangeConfigurationParams, DidChangeTextDocumentParams, DidChangeWatchedFilesParams,
    DidCloseTextDocumentParams, DidOpenTextDocumentParams, DocumentSymbolParams,
    DocumentSymbolResponse, ExecuteCommandParams, GotoDefinitionParams, GotoDefinitionResponse,
    Hover, HoverParams, InitializeParams, InitializeResult, InitializedParams, InlayHint,
    InlayHintParams, Location, PrepareRenameResponse, ReferenceParams, RenameParams,
    TextDocumentPositionParams, WorkspaceEdit,
};
use tower_lsp_server::{Client, LanguageServer};

use crate::capabilities::{self, ClientSupport};
use crate::handlers::{self, guard_request};
use crate::lifecycle::Lifecycle;
use crate::outbox::Outbox;
use crate::session::Session;
use crate::settings;
use crate::traffic::Traffic;

pub struct Backend {
    session: Arc<Session>,
}

impl Backend {
    pub fn new(client: Client, lifecycle: Lifecycle, traffic: Traffic, outbox: Outbox) -> Backend {
        Backend {
            session: Arc::new(Session::new(client, lifecycle, traffic, outbox)),
        }
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        if let Some(pid) = params.process_id {
            self.session.lifecycle.watch_client_process(pid);
        }
        let encoding = capabilities::negotiate_encoding(&params.capabilities);
        let support = ClientSupport::of(&params.capabilities);
        self.session.set_client(encoding, support);
        self.session
            .set_workspace_folders(crate::project::workspace_folders(&params));
        if let Some(options) = &params.initialization_options {
            let initial = settings::merge(&self.session.settings(), options);
            self.session.set_settings(initial);
        }
        Ok(capabilities::initialize_result(encoding))
    }

    async fn initialized(&self, _: InitializedParams) {
        handlers::workspace::initialized(&self.session).await;
    }

    async fn shutdown(&self) -> Result<()> {
        self.session.lifecycle.request_shutdown();
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        handlers::text_document::did_open(&self.session, params);
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        handlers::text_document::did_change(&self.session, params);
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        handlers::text_document::did_close(&self.session, params).await;
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        handlers::workspace::did_change_configuration(&self.session, params).await;
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        handlers::workspace::did_change_watched_files(&self.session, params);
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        guard_request("completion", || {
            handlers::completion::completion(&self.session, params)
        })
    }

    async fn completion_resolve(&self, item: CompletionItem) -> Result<CompletionItem> {
        guard_request("completionItem/resolve", || {
            Ok(handlers::completion::resolve(&self.session, item))
        })
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        guard_request("hover", || handlers::hover::hover(&self.session, params))
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        guard_request("definition", || {
            handlers::definition::definition(&self.session, params)
        })
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        guard_request("codeAction", || {
            handlers::code_action::code_actions(&self.session, params)
        })
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        guard_request("documentSymbol", || {
            handlers::symbols::document_symbols(&self.session, params)
        })
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        guard_request("inlayHint", || {
            handlers::inlay_hints::inlay_hints(&self.session, params)
        })
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        guard_request("references", || {
            handlers::rename::references(&self.session, params)
        })
    }

    async fn prepare_rename(
        &self,
        params: TextDocumentPositionParams,
    ) -> Result<Option<PrepareRenameResponse>> {
        guard_request("prepareRename", || {
            handlers::rename::prepare_rename(&self.session, params)
        })
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        guard_request("rename", || handlers::rename::rename(&self.session, params))
    }

    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<Value>> {
        handlers::execute_command::execute_command(&self.session, params).await
    }
}
