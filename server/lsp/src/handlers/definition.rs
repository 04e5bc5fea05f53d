//! `textDocument/definition`: what generates a logical id, the `resources:` entry defining it,
//! the function an authorizer names, the key or file a variable names (possibly in a file the
//! config includes).

use tower_lsp_server::jsonrpc;
use tower_lsp_server::ls_types::{GotoDefinitionParams, GotoDefinitionResponse, Location};

use crate::session::Session;

pub fn definition(
    session: &Session,
    params: GotoDefinitionParams,
) -> jsonrpc::Result<Option<GotoDefinitionResponse>> {
    let at = params.text_document_position_params;
    let uri = at.text_document.uri;
    let Some(analysis) = session.analysis(&uri)? else {
        return Ok(None);
    };
    let lines = session.lines(&analysis);
    let files = crate::diagnostics::Files::new(session, &analysis, &uri);
    // The focus range (the key or name) is where the client puts the cursor.
    let locations: Vec<Location> = analysis
        .goto_definition(lines.offset(at.position))
        .into_iter()
        .filter_map(|target| {
            let range = files.lines(target.file)?.range(target.focus_range);
            Some(Location::new(files.uri(target.file)?, range))
        })
        .collect();
    Ok((!locations.is_empty()).then_some(GotoDefinitionResponse::Array(locations)))
}
