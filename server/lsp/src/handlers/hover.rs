//! `textDocument/hover`.

use tower_lsp_server::jsonrpc;
use tower_lsp_server::ls_types::{Hover, HoverContents, HoverParams, MarkupContent, MarkupKind};

use crate::session::Session;

pub fn hover(session: &Session, params: HoverParams) -> jsonrpc::Result<Option<Hover>> {
    let at = params.text_document_position_params;
    let Some(analysis) = session.analysis(&at.text_document.uri)? else {
        return Ok(None);
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
