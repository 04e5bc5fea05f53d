//! `textDocument/hover`: in a config, or in a file an open config includes (as if its content
//! were written inline in the config).

use tower_lsp_server::jsonrpc;
use tower_lsp_server::ls_types::{Hover, HoverContents, HoverParams, MarkupContent, MarkupKind};

use crate::session::Session;

pub fn hover(session: &Session, params: HoverParams) -> jsonrpc::Result<Option<Hover>> {
    let at = params.text_document_position_params;
    let uri = at.text_document.uri;
    let Some(analysis) = session.analysis(&uri)? else {
        return Ok(included_hover(session, &uri, at.position));
    };
    let lines = session.lines(&analysis);
    let hover = analysis.hover(lines.offset(at.position));
    Ok(hover.map(|hover| Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: hover.markdown,
        }),
        range: Some(lines.range(hover.range)),
    }))
}

fn included_hover(
    session: &Session,
    uri: &tower_lsp_server::ls_types::Uri,
    position: tower_lsp_server::ls_types::Position,
) -> Option<Hover> {
    let (analysis, config, file) = session.including_config(uri)?;
    let files = crate::diagnostics::Files::new(session, &analysis, &config);
    let lines = files.lines(file)?;
    let hover = analysis.hover_in_file(file, lines.offset(position))?;
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: hover.markdown,
        }),
        range: Some(lines.range(hover.range)),
    })
}
