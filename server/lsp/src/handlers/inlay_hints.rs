//! `textDocument/inlayHint`: the hints inside the requested range.

use tower_lsp_server::jsonrpc;
use tower_lsp_server::ls_types::{InlayHint, InlayHintLabel, InlayHintParams, InlayHintTooltip};

use crate::session::Session;

pub fn inlay_hints(
    session: &Session,
    params: InlayHintParams,
) -> jsonrpc::Result<Option<Vec<InlayHint>>> {
    let Some(analysis) = session.analysis(&params.text_document.uri)? else {
        return Ok(None);
    };
    let lines = session.lines(&analysis);
    let range = lines.text_range(params.range);
    let hints = analysis
        .inlay_hints()
        .into_iter()
        .filter(|hint| range.contains_inclusive(hint.offset))
        .map(|hint| InlayHint {
            position: lines.position(hint.offset),
            label: InlayHintLabel::String(hint.label),
            kind: None,
            text_edits: None,
            tooltip: hint.tooltip.map(InlayHintTooltip::String),
            padding_left: Some(true),
            padding_right: None,
            data: None,
        })
        .collect();
    Ok(Some(hints))
}
