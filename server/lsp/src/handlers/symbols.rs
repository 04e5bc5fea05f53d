//! `textDocument/documentSymbol`: the hierarchical outline.

use tower_lsp_server::jsonrpc;
use tower_lsp_server::ls_types::{
    DocumentSymbol, DocumentSymbolParams, DocumentSymbolResponse, SymbolKind,
};

use crate::convert::Lines;
use crate::session::Session;

pub fn document_symbols(
    session: &Session,
    params: DocumentSymbolParams,
) -> jsonrpc::Result<Option<DocumentSymbolResponse>> {
    let Some(analysis) = session.analysis(&params.text_document.uri)? else {
        return Ok(None);
    };
    let lines = session.lines(&analysis);
    let symbols = analysis
        .document_symbols()
        .into_iter()
        .map(|symbol| to_lsp(symbol, &lines))
        .collect();
    Ok(Some(DocumentSymbolResponse::Nested(symbols)))
}

fn to_lsp(symbol: sls_analysis::DocumentSymbol, lines: &Lines<'_>) -> DocumentSymbol {
    let children: Vec<_> = symbol
        .children
        .into_iter()
        .map(|child| to_lsp(child, lines))
        .collect();
    #[allow(deprecated)] // `deprecated` is a required field of the struct, superseded by tags.
    DocumentSymbol {
        name: symbol.name,
        detail: symbol.detail,
        kind: kind(symbol.kind),
        tags: None,
        deprecated: None,
        range: lines.range(symbol.range),
        selection_range: lines.range(symbol.selection_range),
        children: (!children.is_empty()).then_some(children),
    }
}

fn kind(kind: sls_analysis::SymbolKind) -> SymbolKind {
    use sls_analysis::SymbolKind as S;
    match kind {
        S::Service => SymbolKind::MODULE,
        S::Provider => SymbolKind::NAMESPACE,
        S::Function => SymbolKind::FUNCTION,
        S::Event => SymbolKind::EVENT,
        S::Route => SymbolKind::KEY,
        S::Resource => SymbolKind::OBJECT,
    }
}
