//! What the server offers at `initialize`, and what it learns about the client.

use tower_lsp_server::ls_types::{
    ClientCapabilities, CodeActionKind, CodeActionOptions, CodeActionProviderCapability,
    CompletionOptions, ExecuteCommandOptions, HoverProviderCapability, InitializeResult, OneOf,
    PositionEncodingKind, RenameOptions, ServerCapabilities, ServerInfo,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
};

use crate::convert::PositionEncoding;
use crate::handlers::execute_command;
use crate::preview;

/// Characters after which the client should ask for completions.
const TRIGGER_CHARACTERS: &[&str] = &[":", " ", "$", ".", "{", "-"];

/// UTF-8 when the client lists it, else UTF-16, the mandatory default.
pub fn negotiate_encoding(client: &ClientCapabilities) -> PositionEncoding {
    let offered = client
        .general
        .as_ref()
        .and_then(|general| general.position_encodings.as_deref())
        .unwrap_or_default();
    if offered.contains(&PositionEncodingKind::UTF8) {
        PositionEncoding::Utf8
    } else {
        PositionEncoding::Utf16
    }
}

/// What the client can do that changes how the server behaves.
#[derive(Debug, Clone, Copy, Default)]
pub struct ClientSupport {
    /// `workspace/configuration` requests.
    pub configuration: bool,
    /// Dynamic registration of `workspace/didChangeWatchedFiles`.
    pub watched_files: bool,
    /// `window/showDocument` requests.
    pub show_document: bool,
    /// A completion item's documentation filled in by `completionItem/resolve` (the list is
    /// then sent without it: for a list of a hundred routes it is half of the response).
    pub resolve_documentation: bool,
}

impl ClientSupport {
    pub fn of(client: &ClientCapabilities) -> ClientSupport {
        let workspace = client.workspace.as_ref();
        ClientSupport {
            configuration: workspace.and_then(|w| w.configuration).unwrap_or(false),
            watched_files: workspace
                .and_then(|w| w.did_change_watched_files.as_ref())
                .and_then(|c| c.dynamic_registration)
                .unwrap_or(false),
            show_document: client
                .window
                .as_ref()
                .and_then(|w| w.show_document.as_ref())
                .is_some_and(|c| c.support),
            resolve_documentation: client
                .text_document
                .as_ref()
                .and_then(|t| t.completion.as_ref())
                .and_then(|c| c.completion_item.as_ref())
                .and_then(|i| i.resolve_support.as_ref())
                .is_some_and(|r| r.properties.iter().any(|p| p == "documentation")),
        }
    }
}

pub fn initialize_result(encoding: PositionEncoding) -> InitializeResult {
    InitializeResult {
        capabilities: ServerCapabilities {
            position_encoding: Some(encoding.kind()),
            text_document_sync: Some(TextDocumentSyncCapability::Options(
                TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(TextDocumentSyncKind::INCREMENTAL),
                    ..TextDocumentSyncOptions::default()
                },
            )),
            completion_provider: Some(CompletionOptions {
                trigger_characters: Some(
                    TRIGGER_CHARACTERS.iter().map(|c| (*c).to_owned()).collect(),
                ),
                resolve_provider: Some(true),
                ..CompletionOptions::default()
            }),
            hover_provider: Some(HoverProviderCapability::Simple(true)),
            code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                code_action_kinds: Some(vec![CodeActionKind::QUICKFIX, preview::kind()]),
                ..CodeActionOptions::default()
            })),
            definition_provider: Some(OneOf::Left(true)),
            references_provider: Some(OneOf::Left(true)),
            rename_provider: Some(OneOf::Right(RenameOptions {
                prepare_provider: Some(true),
                work_done_progress_options: Default::default(),
            })),
            document_symbol_provider: Some(OneOf::Left(true)),
            inlay_hint_provider: Some(OneOf::Left(true)),
            execute_command_provider: Some(ExecuteCommandOptions {
                commands: execute_command::commands(),
                ..ExecuteCommandOptions::default()
            }),
            ..ServerCapabilities::default()
        },
        server_info: Some(ServerInfo {
            name: "serverless-ls".to_owned(),
            version: Some(env!("CARGO_PKG_VERSION").to_owned()),
        }),
        offset_encoding: None,
    }
}
