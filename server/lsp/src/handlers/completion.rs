//! `textDocument/completion`.

use sls_analysis::CompletionKind;
use tower_lsp_server::jsonrpc;
use tower_lsp_server::ls_types::{
    CompletionItem, CompletionItemKind, CompletionList, CompletionParams, CompletionResponse,
    CompletionTextEdit, Documentation, InsertTextFormat, MarkupContent, MarkupKind, TextEdit,
};

use crate::convert::Lines;
use crate::session::Session;

pub fn completion(
    session: &Session,
    params: CompletionParams,
) -> jsonrpc::Result<Option<CompletionResponse>> {
    let at = params.text_document_position;
    let Some(analysis) = session.analysis(&at.text_document.uri)? else {
        return Ok(included_completion(
            session,
            &at.text_document.uri,
            at.position,
        ));
    };
    let lines = session.lines(&analysis);
    let location =
        crate::project::Location::of(&at.text_document.uri, &session.workspace_folders());
    let host = location
        .as_ref()
        .map(|location| crate::project::ServerHost::new(&location.root, &session.documents));
    let host = host.as_ref().map(|host| host as &dyn sls_analysis::Host);
    let list = analysis.completion_list_in(lines.offset(at.position), host);
    let items = list
        .items
        .into_iter()
        .map(|item| to_lsp(item, &lines))
        .collect();
    Ok(Some(CompletionResponse::List(CompletionList {
        is_incomplete: list.is_incomplete,
        items,
    })))
}

fn to_lsp(item: sls_analysis::CompletionItem, lines: &Lines<'_>) -> CompletionItem {
    CompletionItem {
        label: item.label,
        kind: Some(kind(item.kind)),
        detail: item.detail,
        documentation: item.documentation.map(|value| {
            Documentation::MarkupContent(MarkupContent {
                kind: MarkupKind::Markdown,
                value,
            })
        }),
        sort_text: item.sort_text,
        insert_text_format: Some(if item.is_snippet {
            InsertTextFormat::SNIPPET
        } else {
            InsertTextFormat::PLAIN_TEXT
        }),
        text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(
            lines.range(item.edit.range),
            item.edit.new_text,
        ))),
        ..CompletionItem::default()
    }
}

fn kind(kind: CompletionKind) -> CompletionItemKind {
    match kind {
        CompletionKind::Key => CompletionItemKind::PROPERTY,
        CompletionKind::Value => CompletionItemKind::VALUE,
        CompletionKind::Event => CompletionItemKind::EVENT,
        CompletionKind::Function => CompletionItemKind::FUNCTION,
        CompletionKind::Snippet => CompletionItemKind::SNIPPET,
    }
}

/// Completion in a file an open config includes, as if its content were written inline.
fn included_completion(
    session: &Session,
    uri: &tower_lsp_server::ls_types::Uri,
    position: tower_lsp_server::ls_types::Position,
) -> Option<CompletionResponse> {
    let (analysis, config, file) = session.including_config(uri)?;
    let files = crate::diagnostics::Files::new(session, &analysis, &config);
    let lines = files.lines(file)?;
    let list = analysis.completion_list_in_file(file, lines.offset(position));
    let items = list
        .items
        .into_iter()
        .map(|item| to_lsp(item, &lines))
        .collect();
    Some(CompletionResponse::List(CompletionList {
        is_incomplete: list.is_incomplete,
        items,
    }))
}
