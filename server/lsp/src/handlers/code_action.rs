//! `textDocument/codeAction`: quick fixes recomputed from the current snapshot (never carried in
//! `Diagnostic.data`, so they cannot be stale), then "Suppress SLSxxx on this line", then the
//! CloudFormation preview, offered at any position of a Serverless config.

use std::collections::HashMap;

use serde_json::Value;
use sls_analysis::Analysis;
use sls_diagnostics::FileId;
use tower_lsp_server::jsonrpc;
use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, CodeActionResponse, Command,
    Range, TextEdit, Uri, WorkspaceEdit,
};

use crate::convert::Lines;
use crate::session::Session;
use crate::{diagnostics, preview};

pub fn code_actions(
    session: &Session,
    params: CodeActionParams,
) -> jsonrpc::Result<Option<CodeActionResponse>> {
    let only = params.context.only.as_deref();
    let uri = params.text_document.uri;
    let quick_fixes_wanted = admits(only, &CodeActionKind::QUICKFIX);
    let Some(analysis) = session.analysis(&uri)? else {
        // A file an open config includes gets its suppressions (no fix edits it, no preview).
        return Ok(quick_fixes_wanted
            .then(|| included_quick_fixes(session, &uri, params.range))
            .flatten());
    };
    let mut actions = Vec::new();
    if quick_fixes_wanted {
        actions.extend(quick_fixes(session, &analysis, &uri, params.range));
    }
    if admits(only, &preview::kind()) {
        actions.push(preview_action(uri));
    }
    Ok(Some(actions))
}

/// The config's quick fixes: the diagnostics' own fixes, then their suppressions.
fn quick_fixes(
    session: &Session,
    analysis: &Analysis,
    uri: &Uri,
    range: Range,
) -> Vec<CodeActionOrCommand> {
    let lines = session.lines(analysis);
    let range = lines.text_range(range);
    let mut actions = analysis.code_actions(range);
    actions.extend(analysis.suppression_actions(range));
    let files = diagnostics::Files::new(session, analysis, uri);
    let target = Target {
        uri,
        file: FileId::MAIN,
        lines: &lines,
    };
    to_protocol(actions, analysis, &files, &target)
}

/// The suppressions offered in a file an open config includes, if one does.
fn included_quick_fixes(session: &Session, uri: &Uri, range: Range) -> Option<CodeActionResponse> {
    let (analysis, config, file) = session.including_config(uri)?;
    let files = diagnostics::Files::new(session, &analysis, &config);
    let lines = files.lines(file)?;
    let actions = analysis.suppression_actions_in(file, lines.text_range(range));
    let target = Target {
        uri,
        file,
        lines: &lines,
    };
    Some(to_protocol(actions, &analysis, &files, &target))
}

/// The document the actions edit: its URI, its file in the analysis, its positions.
struct Target<'a> {
    uri: &'a Uri,
    file: FileId,
    lines: &'a Lines<'a>,
}

/// Quick fixes in the protocol's terms, each with the diagnostics it resolves.
fn to_protocol(
    actions: Vec<sls_analysis::CodeAction>,
    analysis: &Analysis,
    files: &diagnostics::Files<'_>,
    target: &Target<'_>,
) -> Vec<CodeActionOrCommand> {
    actions
        .into_iter()
        .map(|action| {
            let fixed: Vec<_> = analysis
                .diagnostics()
                .iter()
                .filter(|d| d.file == target.file)
                .filter(|d| Some(d.code) == action.code && Some(d.range) == action.diagnostic_range)
                .filter_map(|d| diagnostics::to_lsp(d, files))
                .collect();
            let edits = action
                .edits
                .into_iter()
                .map(|edit| TextEdit::new(target.lines.range(edit.range), edit.new_text))
                .collect();
            CodeActionOrCommand::CodeAction(CodeAction {
                title: action.title,
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: (!fixed.is_empty()).then_some(fixed),
                edit: Some(WorkspaceEdit {
                    changes: Some(HashMap::from([(target.uri.clone(), edits)])),
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
