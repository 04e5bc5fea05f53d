//! `textDocument/codeAction`: quick fixes recomputed from the current snapshot (never carried in
//! `Diagnostic.data`, so they cannot be stale).

use std::collections::HashMap;

use tower_lsp_server::jsonrpc;
use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, CodeActionResponse,
    TextEdit, WorkspaceEdit,
};

use crate::diagnostics;
use crate::session::Session;

pub fn code_actions(
    session: &Session,
    params: CodeActionParams,
) -> jsonrpc::Result<Option<CodeActionResponse>> {
    if !wants_quickfix(params.context.only.as_deref()) {
        return Ok(Some(Vec::new()));
    }
    let uri = params.text_document.uri;
    let Some(analysis) = session.analysis(&uri)? else {
        return Ok(None);
    };
    let lines = session.lines(&analysis);
    let actions = analysis
        .code_actions(lines.text_range(params.range))
        .into_iter()
        .map(|action| {
            let fixed: Vec<_> = analysis
                .diagnostics()
                .iter()
                .filter(|d| Some(d.code) == action.code && Some(d.range) == action.diagnostic_range)
                .map(|d| diagnostics::to_lsp(d, &lines, &uri))
                .collect();
            let edits = action
                .edits
                .into_iter()
                .map(|edit| TextEdit::new(lines.range(edit.range), edit.new_text))
                .collect();
            CodeActionOrCommand::CodeAction(CodeAction {
                title: action.title,
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: (!fixed.is_empty()).then_some(fixed),
                edit: Some(WorkspaceEdit {
                    changes: Some(HashMap::from([(uri.clone(), edits)])),
                    ..WorkspaceEdit::default()
                }),
                is_preferred: Some(action.is_preferred),
                ..CodeAction::default()
            })
        })
        .collect();
    Ok(Some(actions))
}

/// Whether `only` admits quick fixes: a requested kind covers itself and its sub-kinds.
fn wants_quickfix(only: Option<&[CodeActionKind]>) -> bool {
    let quickfix_kind = CodeActionKind::QUICKFIX;
    let quickfix = quickfix_kind.as_str();
    only.is_none_or(|kinds| {
        kinds.iter().any(|kind| {
            let kind = kind.as_str();
            kind.is_empty()
                || quickfix == kind
                || quickfix
                    .strip_prefix(kind)
                    .is_some_and(|rest| rest.starts_with('.'))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_filters_kinds() {
        assert!(wants_quickfix(None));
        assert!(wants_quickfix(Some(&[CodeActionKind::QUICKFIX])));
        assert!(wants_quickfix(Some(&[CodeActionKind::EMPTY])));
        assert!(!wants_quickfix(Some(&[CodeActionKind::REFACTOR])));
        assert!(!wants_quickfix(Some(&[CodeActionKind::SOURCE_FIX_ALL])));
        assert!(!wants_quickfix(Some(&[])));
    }
}
