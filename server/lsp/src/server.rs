//! `impl LanguageServer`: one line per method, delegating to `handlers` under the panic guard.

use std::sync::atomic::AtomicBool;
use std::sync::Arc;

use serde_json::Value;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{
    CodeActionParams, CodeActionResponse, CompletionParams, CompletionResponse,
    DidChangeConfigurationParams, DidChangeTextDocumentParams, DidChangeWatchedFilesParams,
    DidCloseTextDocumentParams, DidOpenTextDocumentParams, DocumentSymbolParams,
    DocumentSymbolResponse, ExecuteCommandParams, GotoDefinitionParams, GotoDefinitionResponse,
    Hover, HoverParams, InitializeParams, InitializeResult, InitializedParams, InlayHint,
    InlayHintParams,
};
use tower_lsp_server::{Client, LanguageServer};

use crate::capabilities::{self, ClientSupport};
use crate::handlers::{self, guard_request};
use crate::session::Session;
use crate::settings;

pub struct Backend {
    session: Session,
}

impl Backend {
    pub fn new(client: Client) -> Backend {
        Backend {
            session: Session::new(client),
        }
    }

    /// Set when the client sent `shutdown`; decides the exit status.
    pub fn shutdown_flag(&self) -> Arc<AtomicBool> {
        self.session.shutdown_flag()
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let encoding = capabilities::negotiate_encoding(&params.capabilities);
        let support = ClientSupport::of(&params.capabilities);
        self.session.set_client(encoding, support);
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
        self.session.request_shutdown();
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        handlers::text_document::did_open(&self.session, params).await;
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        handlers::text_document::did_change(&self.session, params).await;
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        handlers::text_document::did_close(&self.session, params).await;
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        handlers::workspace::did_change_configuration(&self.session, params).await;
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        handlers::workspace::did_change_watched_files(&self.session, params).await;
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        guard_request("completion", || {
            handlers::completion::completion(&self.session, params)
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

    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<Value>> {
        handlers::execute_command::execute_command(&self.session, params).await
    }
}
