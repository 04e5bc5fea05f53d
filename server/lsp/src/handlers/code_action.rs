//! `textDocument/codeAction`: quick fixes recomputed from the current snapshot (never carried in
//! `Diagnostic.data`, so they cannot be stale), then "Suppress SLSxxx on this line", then the
//! CloudFormation preview, offered at any position of a Serverless config.

use std::collections::HashMap;

use serde_json::Value;
use sls_analysis::Analysis;
use tower_lsp_server::jsonrpc;
use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, CodeActionResponse, Command,
    Range, TextEdit, Uri, WorkspaceEdit,
};

use crate::session::Session;
use crate::{diagnostics, preview};

pub fn code_actions(
    session: &Session,
    params: CodeActionParams,
) -> jsonrpc::Result<Option<CodeActionResponse>> {
    let only = params.context.only.as_deref();
    let uri = params.text_document.uri;
    let Some(analysis) = session.analysis(&uri)? else {
        return Ok(None);
    };
    let mut actions = Vec::new();
    if admits(only, &CodeActionKind::QUICKFIX) {
        actions.extend(quick_fixes(session, &analysis, &uri, params.range));
    }
    if admits(only, &preview::kind()) {
        actions.push(preview_action(uri));
    }
    Ok(Some(actions))
}

fn quick_fixes(
    session: &Session,
    analysis: &Analysis,
    uri: &Uri,
    range: Range,
) -> Vec<CodeActionOrCommand> {
    let lines = session.lines(analysis);
    let files = diagnostics::Files::new(session, analysis, uri);
    let range = lines.text_range(range);
    let mut actions = analysis.code_actions(range);
    actions.extend(analysis.suppression_actions(range));
    actions
        .into_iter()
        .map(|action| {
            let fixed: Vec<_> = analysis
                .diagnostics()
                .iter()
                .filter(|d| Some(d.code) == action.code && Some(d.range) == action.diagnostic_range)
                .filter_map(|d| diagnostics::to_lsp(d, &files))
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
        .collect()
}

/// The action that runs the preview command on this document.
fn preview_action(uri: Uri) -> CodeActionOrCommand {
    CodeActionOrCommand::CodeAction(CodeAction {
        title: preview::TITLE.to_owned(),
        kind: Some(preview::kind()),
        command: Some(Command {
            title: preview::TITLE.to_owned(),
            command: preview::COMMAND.to_owned(),
            arguments: Some(vec![Value::String(uri.as_str().to_owned())]),
        }),
        ..CodeAction::default()
    })
}

/// Whether `only` admits actions of `wanted`: a requested kind covers itself and its sub-kinds.
fn admits(only: Option<&[CodeActionKind]>, wanted: &CodeActionKind) -> bool {
    let wanted = wanted.as_str();
    only.is_none_or(|kinds| {
        kinds.iter().any(|kind| {
            let kind = kind.as_str();
            kind.is_empty()
                || wanted == kind
                || wanted
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
        let quickfix = &CodeActionKind::QUICKFIX;
        assert!(admits(None, quickfix));
        assert!(admits(Some(&[CodeActionKind::QUICKFIX]), quickfix));
        assert!(admits(Some(&[CodeActionKind::EMPTY]), quickfix));
        assert!(!admits(Some(&[CodeActionKind::REFACTOR]), quickfix));
        assert!(!admits(Some(&[CodeActionKind::SOURCE_FIX_ALL]), quickfix));
        assert!(!admits(Some(&[]), quickfix));
        let preview = &preview::kind();
        assert!(admits(None, preview));
        assert!(admits(Some(&[CodeActionKind::SOURCE]), preview));
        assert!(admits(Some(&[preview::kind()]), preview));
        assert!(!admits(Some(&[CodeActionKind::QUICKFIX]), preview));
        assert!(!admits(Some(&[CodeActionKind::SOURCE_FIX_ALL]), preview));
        assert!(!admits(Some(&[CodeActionKind::new("sourcery")]), preview));
    }
}
