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
    Ok(Some(respond(session, list.is_incomplete, items)))
}

/// The list as sent: when the client fetches documentation on `completionItem/resolve`, the
/// items go without it (it is kept for [`resolve`]) and carry where to find it.
fn respond(
    session: &Session,
    is_incomplete: bool,
    mut items: Vec<CompletionItem>,
) -> CompletionResponse {
    if session.support().resolve_documentation {
        let docs = items
            .iter_mut()
            .map(|item| match item.documentation.take() {
                Some(Documentation::MarkupContent(markup)) => Some(markup.value),
                Some(Documentation::String(text)) => Some(text),
                None => None,
            })
            .collect();
        let data = session.completion_docs.keep(docs);
        for (item, data) in items.iter_mut().zip(data) {
            item.data = Some(data);
        }
    }
    CompletionResponse::List(CompletionList {
        is_incomplete,
        items,
    })
}

/// `completionItem/resolve`: the item with its documentation, when its list is still kept.
pub fn resolve(session: &Session, mut item: CompletionItem) -> CompletionItem {
    if item.documentation.is_none() {
        item.documentation = session
            .completion_docs
            .find(item.data.as_ref())
            .map(markdown);
    }
    item
}

fn markdown(value: String) -> Documentation {
    Documentation::MarkupContent(MarkupContent {
        kind: MarkupKind::Markdown,
        value,
    })
}

fn to_lsp(item: sls_analysis::CompletionItem, lines: &Lines<'_>) -> CompletionItem {
    CompletionItem {
        label: item.label,
        kind: Some(kind(item.kind)),
        detail: item.detail,
        documentation: item.documentation.map(markdown),
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
    Some(respond(session, list.is_incomplete, items))
}
