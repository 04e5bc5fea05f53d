// Editor-independent helpers for LSP results used by the JavaScript suites: labels of a
// completion result, text of hover contents, and the text edits of a WorkspaceEdit.
'use strict';

function completionLabels(result) {
  const items = Array.isArray(result) ? result : (result && result.items) || [];
  return items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
}

function hoverText(contents) {
  if (!contents) return '';
  if (Array.isArray(contents)) return contents.map(hoverText).join('\n');
  return typeof contents === 'string' ? contents : contents.value || '';
}

/** The TextEdits a WorkspaceEdit makes to `uri` (from `changes` or `documentChanges`). */
function editsFor(workspaceEdit, uri) {
  if (!workspaceEdit) return [];
  if (workspaceEdit.changes && workspaceEdit.changes[uri]) return workspaceEdit.changes[uri];
  return (workspaceEdit.documentChanges || [])
    .filter((change) => change.textDocument && change.textDocument.uri === uri)
    .flatMap((change) => change.edits);
}

module.exports = { completionLabels, hoverText, editsFor };
