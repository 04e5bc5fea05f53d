//! `textDocument/references`, `textDocument/prepareRename` and `textDocument/rename` of a
//! function or a `custom` key: places in the config and in the files it includes; a rename is
//! one `WorkspaceEdit` over all of them, or an error saying why it cannot be done safely.

use std::collections::HashMap;

use tower_lsp_server::jsonrpc;
use tower_lsp_server::ls_types::{
    Location, PrepareRenameResponse, ReferenceParams, RenameParams, TextDocumentPositionParams,
    TextEdit, Uri, WorkspaceEdit,
};

use crate::diagnostics::Files;
use crate::session::Session;

/// `RequestFailed`: the request was valid but cannot be done (shown to the user).
const REQUEST_FAILED: i64 = -32803;

pub fn references(
    session: &Session,
    params: ReferenceParams,
) -> jsonrpc::Result<Option<Vec<Location>>> {
    let at = params.text_document_position;
    let uri = at.text_document.uri;
    let Some(analysis) = session.analysis(&uri)? else {
        return Ok(None);
    };
    let lines = session.lines(&analysis);
    let files = Files::new(session, &analysis, &uri);
    let found = analysis.references(
        lines.offset(at.position),
        params.context.include_declaration,
    );
    let locations: Vec<Location> = found
        .into_iter()
        .filter_map(|place| {
            let range = files.lines(place.file)?.range(place.range);
            Some(Location::new(files.uri(place.file)?, range))
        })
        .collect();
    Ok((!locations.is_empty()).then_some(locations))
}

pub fn prepare_rename(
    session: &Session,
    params: TextDocumentPositionParams,
) -> jsonrpc::Result<Option<PrepareRenameResponse>> {
    let uri = params.text_document.uri;
    let Some(analysis) = session.analysis(&uri)? else {
        return Ok(None);
    };
    let lines = session.lines(&analysis);
    match analysis.prepare_rename(lines.offset(params.position)) {
        Ok((range, placeholder)) => Ok(Some(PrepareRenameResponse::RangeWithPlaceholder {
            range: lines.range(range),
            placeholder,
        })),
        Err(reason) => Err(failed(reason)),
    }
}

pub fn rename(session: &Session, params: RenameParams) -> jsonrpc::Result<Option<WorkspaceEdit>> {
    let at = params.text_document_position;
    let uri = at.text_document.uri;
    let Some(analysis) = session.analysis(&uri)? else {
        return Ok(None);
    };
    let lines = session.lines(&analysis);
    let edits = analysis
        .rename(lines.offset(at.position), &params.new_name)
        .map_err(failed)?;
    let files = Files::new(session, &analysis, &uri);
    let mut changes: HashMap<Uri, Vec<TextEdit>> = HashMap::new();
    for (file, edit) in edits {
        let (Some(file_uri), Some(file_lines)) = (files.uri(file), files.lines(file)) else {
            return Err(failed(
                "a place to rename is in a file that cannot be located".to_owned(),
            ));
        };
        changes
            .entry(file_uri)
            .or_default()
            .push(TextEdit::new(file_lines.range(edit.range), edit.new_text));
    }
    Ok(Some(WorkspaceEdit {
        changes: Some(changes),
        ..WorkspaceEdit::default()
    }))
}

fn failed(message: String) -> jsonrpc::Error {
    jsonrpc::Error {
        code: jsonrpc::ErrorCode::ServerError(REQUEST_FAILED),
        message: message.into(),
        data: None,
    }
}
