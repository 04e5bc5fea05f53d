// Extension-host tests: loaded by VS Code (code-server) as extensionTestsPath next to the
// unpacked .vsix, they drive the extension through the VS Code API only. Results go to
// $E2E_RESULT as JSON; run() rejects when a check fails so the page reports a non-zero exit.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const vscode = require('vscode');
const { Checks } = require('../lib/checks');
const { completionLabels, hoverText } = require('../lib/lsp');
const { waitFor } = require('../lib/poll');

const EXTENSION_ID = 'serverless-ls.serverless-ls';
const PREVIEW_SCHEME = 'serverless-ls-preview';
const PREVIEW_COMMAND = 'serverless-ls.previewCloudFormation';

function codeOf(diagnostic) {
  return typeof diagnostic.code === 'object' && diagnostic.code ? diagnostic.code.value : diagnostic.code;
}

function sls104(uri) {
  return vscode.languages.getDiagnostics(uri).filter((d) => codeOf(d) === 'SLS104');
}

function state(uri) {
  return vscode.commands.executeCommand('serverless-ls.test.state', uri);
}

function findLine(doc, re) {
  for (let i = 0; i < doc.lineCount; i++) if (re.test(doc.lineAt(i).text)) return doc.lineAt(i);
  throw new Error(`no line matches ${re}`);
}

function previewDocument() {
  return vscode.workspace.textDocuments.find((d) => d.uri.scheme === PREVIEW_SCHEME);
}

function resourceTypes(text) {
  return Object.values(JSON.parse(text).Resources || {}).map((r) => r.Type);
}

async function run() {
  const folder = vscode.workspace.workspaceFolders[0].uri;
  const slsUri = vscode.Uri.joinPath(folder, 'serverless.yml');
  const otherUri = vscode.Uri.joinPath(folder, 'other.yml');
  const checks = new Checks();
  const details = {};
  let doc;

  await checks.check('the extension activates and starts the server from serverless-ls.server.path', async () => {
    doc = await vscode.workspace.openTextDocument(slsUri);
    await vscode.window.showTextDocument(doc);
    if (doc.languageId !== 'yaml') throw new Error(`languageId ${doc.languageId}`);
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    if (!ext) throw new Error(`${EXTENSION_ID} is not installed`);
    await waitFor('the extension to activate', () => ext.isActive);
    const s = await waitFor('the client to run', async () => { const x = await state(); return x.running && x; });
    details.serverInfo = s.serverInfo;
    if (s.server.source !== 'setting' || s.server.command !== process.env.E2E_SERVER) throw new Error(`server ${JSON.stringify(s.server)}`);
  });

  await checks.check('serves serverless.yml, and other.yml beside it gets no completion or hover', async () => {
    const sls = await state(slsUri);
    if (!sls.selected || !sls.config) throw new Error('serverless.yml is not served as a config');
    const other = await vscode.workspace.openTextDocument(otherUri);
    if (other.languageId !== 'yaml') throw new Error(`other.yml languageId ${other.languageId}`);
    // YAML beside a config is in the selector (a config may include it through ${file(...)}), but
    // the server answers for it only when a config includes it.
    const otherState = await state(otherUri);
    if (!otherState.selected || otherState.config) throw new Error(`other.yml state ${JSON.stringify(otherState)}`);
    const line = findLine(other, /^\s*level: error/);
    const position = new vscode.Position(line.lineNumber, line.text.indexOf('error'));
    const labels = completionLabels(await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', otherUri, position));
    if (labels.includes('ERROR') || labels.includes('INFO')) throw new Error(`completion on other.yml: ${labels}`);
    const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', otherUri, position.translate(0, -4));
    if (hovers.length > 0) throw new Error(`hover on other.yml: ${hovers.map((h) => hoverText(h.contents))}`);
  });

  await checks.check('shows SLS104 from serverless-ls on serverless.yml, nothing on other.yml', async () => {
    const [d] = await waitFor('an SLS104 diagnostic', () => sls104(slsUri).length > 0 && sls104(slsUri));
    if (d.source !== 'serverless-ls') throw new Error(`source ${d.source}`);
    if (d.severity !== vscode.DiagnosticSeverity.Error) throw new Error(`severity ${d.severity}`);
    if (d.range.start.line !== findLine(doc, /^\s*level: error/).lineNumber) throw new Error(`line ${d.range.start.line}`);
    const onOther = vscode.languages.getDiagnostics(otherUri);
    if (onOther.length > 0) throw new Error(`other.yml has diagnostics: ${onOther.map((x) => x.message)}`);
  });

  await checks.check('completion at a route value lists the route keys', async () => {
    const line = findLine(doc, /^\s*route: \$default/);
    const position = new vscode.Position(line.lineNumber, line.text.indexOf('$default'));
    const list = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', slsUri, position);
    const labels = completionLabels(list);
    for (const key of ['$connect', '$disconnect', '$default']) if (!labels.includes(key)) throw new Error(`${key} not in ${labels}`);
  });

  await checks.check('route documentation comes on completionItem/resolve', async () => {
    const line = findLine(doc, /^\s*route: \$default/);
    const position = new vscode.Position(line.lineNumber, line.text.indexOf('$default'));
    const docOf = (list) => {
      const item = list.items.find((i) => (typeof i.label === 'string' ? i.label : i.label.label) === '$connect');
      if (!item) throw new Error(`no $connect among ${completionLabels(list)}`);
      const d = item.documentation;
      return typeof d === 'string' ? d : d && d.value;
    };
    // The extension declares that it resolves documentation: the list comes without it ...
    const listed = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', slsUri, position);
    if (docOf(listed)) throw new Error(`documentation sent in the list: ${JSON.stringify(docOf(listed))}`);
    // ... and resolving the items (as the suggest widget does for the focused one) brings it.
    const resolved = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', slsUri, position, undefined, 100);
    const text = docOf(resolved);
    if (!text || !text.includes('$connect')) throw new Error(`resolved documentation: ${JSON.stringify(text)}`);
  });

  await checks.check('hover on route shows markdown docs', async () => {
    const line = findLine(doc, /^\s*route: \$default/);
    const position = new vscode.Position(line.lineNumber, line.text.indexOf('route') + 2);
    const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', slsUri, position);
    const text = hovers.map((h) => hoverText(h.contents)).join('\n');
    if (text.trim().length <= 20) throw new Error(`hover text: ${JSON.stringify(text)}`);
  });

  await checks.check('completion and hover inside an http event come from the framework schema', async () => {
    const line = findLine(doc, /^\s*method: get/);
    const position = new vscode.Position(line.lineNumber, line.text.indexOf('method'));
    const list = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', slsUri, position);
    const labels = completionLabels(list);
    for (const key of ['cors', 'authorizer', 'integration']) if (!labels.includes(key)) throw new Error(`${key} not in ${labels}`);
    const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', slsUri, position.translate(0, 2));
    const text = hovers.map((h) => hoverText(h.contents)).join('\n');
    if (!text.includes('HTTP method')) throw new Error(`hover text: ${JSON.stringify(text)}`);
  });

  await checks.check('the quick fix applies and the diagnostic clears', async () => {
    const [d] = sls104(slsUri);
    if (!d) throw new Error('no SLS104 to fix');
    const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', slsUri, d.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.edit && /ERROR/.test(a.title));
    if (!fix) throw new Error(`no fix titled with ERROR among ${actions.map((a) => a.title)}`);
    if (!(await vscode.workspace.applyEdit(fix.edit))) throw new Error('applyEdit failed');
    if (!/level: ERROR/.test(doc.getText())) throw new Error('the text did not change');
    await waitFor('SLS104 to clear', () => sls104(slsUri).length === 0);
  });

  await checks.check('the preview code action opens the compiled template beside the file', async () => {
    const range = new vscode.Range(0, 0, 0, 0);
    const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', slsUri, range);
    const action = actions.find((a) => a.command && a.command.command === PREVIEW_COMMAND);
    if (!action) throw new Error(`no preview action among ${actions.map((a) => a.title)}`);
    await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments || []));
    const preview = await waitFor('the preview document', () => previewDocument());
    const types = resourceTypes(preview.getText());
    // The text as `serverless-ls compile` prints it: the framework's key order.
    const text = preview.getText();
    if (!(text.indexOf('\n  "Resources": {') < text.indexOf('\n  "Outputs": {') && text.startsWith('{\n  "AWSTemplateFormatVersion"'))) {
      throw new Error(`the preview is not in the framework's key order: ${text.slice(0, 200)}`);
    }
    if (!types.includes('AWS::ApiGatewayV2::Api')) throw new Error(`resource types ${types}`);
    if (preview.languageId !== 'json') throw new Error(`preview languageId ${preview.languageId}`);
    const shown = vscode.window.visibleTextEditors.find((e) => e.document === preview);
    if (!shown || shown.viewColumn === vscode.window.visibleTextEditors.find((e) => e.document === doc).viewColumn) {
      throw new Error('the preview is not shown beside the file');
    }
  });

  await checks.check('"Serverless: Preview compiled CloudFormation" shows a template that follows edits', async () => {
    const uri = await vscode.commands.executeCommand('serverless-ls.showPreview', slsUri);
    if (!uri || uri.scheme !== PREVIEW_SCHEME) throw new Error(`showPreview returned ${uri}`);
    const preview = previewDocument();
    const before = preview.getText();
    const line = findLine(doc, /^service: chat-app$/);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(slsUri, line.range, 'service: chat-room');
    await vscode.workspace.applyEdit(edit);
    await waitFor('the preview to refresh', () => previewDocument().getText() !== before && /chat-room/.test(previewDocument().getText()));
  });

  await checks.check('the serverless-ls.stage setting reaches the server (the preview follows it)', async () => {
    const config = vscode.workspace.getConfiguration('serverless-ls');
    if (/\bprod\b/.test(previewDocument().getText())) throw new Error('the preview mentions prod before the change');
    await config.update('stage', 'prod', vscode.ConfigurationTarget.Global);
    try {
      await waitFor('the preview to use stage prod', () => /\bprod\b/.test(previewDocument().getText()));
    } finally {
      await config.update('stage', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  await checks.check('"Serverless: Restart language server" brings the client back', async () => {
    await vscode.commands.executeCommand('serverless-ls.restart');
    await waitFor('the client to run again', async () => (await state()).running);
    const edit = new vscode.WorkspaceEdit();
    const line = findLine(doc, /^\s*level: ERROR/);
    const start = line.text.indexOf('ERROR');
    edit.replace(slsUri, new vscode.Range(line.lineNumber, start, line.lineNumber, start + 'ERROR'.length), 'error');
    await vscode.workspace.applyEdit(edit);
    await waitFor('SLS104 after the restart', () => sls104(slsUri).length > 0);
  });

  await checks.check('go to definition from ${self:custom.messagesDescription} finds the custom key', async () => {
    const line = findLine(doc, /^\s*description: \$\{self:custom/);
    const position = new vscode.Position(line.lineNumber, line.text.indexOf('messagesDescription') + 3);
    const locations = await vscode.commands.executeCommand('vscode.executeDefinitionProvider', slsUri, position);
    const target = findLine(doc, /^ {2}messagesDescription:/);
    const found = (locations || []).map((l) => ({ uri: (l.targetUri || l.uri).toString(), range: l.targetSelectionRange || l.targetRange || l.range }));
    if (found.length !== 1 || found[0].uri !== slsUri.toString() || found[0].range.start.line !== target.lineNumber || found[0].range.start.character !== 2) {
      throw new Error(`definition ${JSON.stringify(found)}`);
    }
  });

  await checks.check('a file included through ${file(...)} gets diagnostics that follow its edits', async () => {
    const includedConfig = vscode.Uri.joinPath(folder, 'included', 'serverless.yml');
    const functionsUri = vscode.Uri.joinPath(folder, 'included', 'functions.yml');
    await vscode.workspace.openTextDocument(includedConfig);
    const functions = await vscode.workspace.openTextDocument(functionsUri);
    const sls201 = () => vscode.languages.getDiagnostics(functionsUri).filter((d) => codeOf(d) === 'SLS201');
    const [d] = await waitFor('SLS201 inside functions.yml', () => sls201().length > 0 && sls201());
    if (d.range.start.line !== findLine(functions, /^\s*authorizer: auth/).lineNumber) throw new Error(`line ${d.range.start.line}`);
    const route = findLine(functions, /^\s*route: \$disconnect/);
    const start = route.text.indexOf('$disconnect');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(functionsUri, new vscode.Range(route.lineNumber, start, route.lineNumber, start + '$disconnect'.length), '$connect');
    if (!(await vscode.workspace.applyEdit(edit))) throw new Error('applyEdit failed');
    await waitFor('SLS201 to clear after the fix', () => sls201().length === 0);
  });

  const result = { ...details, checks: checks.results };
  if (process.env.E2E_RESULT) fs.writeFileSync(process.env.E2E_RESULT, JSON.stringify(result, null, 2));
  console.log(`[e2e] ${path.basename(__filename)}: ${checks.results.length - checks.failed} passed, ${checks.failed} failed`);
  if (checks.failed > 0) throw new Error(checks.results.filter((r) => !r.ok).map((r) => `${r.name}: ${r.error}`).join('\n'));
}

module.exports = { run };
