// Protocol-level check of the server under test (no editor): the JSON-RPC stack that
// vscode-languageclient uses, over stdio, driven by node:test. Covers initialize, pushed
// diagnostics, completion, hover, a quick fix that clears its diagnostic, the preview command,
// a no-fix diagnostic, and a clean shutdown. Server command: $SERVER (absolute path).
'use strict';

const assert = require('node:assert/strict');
const cp = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { after, before, test } = require('node:test');
const { pathToFileURL } = require('node:url');
const {
  CodeActionRequest, CompletionRequest, DidChangeTextDocumentNotification, DidOpenTextDocumentNotification,
  ExecuteCommandRequest, ExitNotification, HoverRequest, InitializeRequest, InitializedNotification,
  PublishDiagnosticsNotification, ShutdownRequest, StreamMessageReader, StreamMessageWriter, createProtocolConnection,
} = require('vscode-languageserver-protocol/node');
const { TextDocument } = require('vscode-languageserver-textdocument');
const { makeWorkspace, scenarioPositions } = require('../lib/fixture');
const { completionLabels, editsFor, hoverText } = require('../lib/lsp');
const { waitFor } = require('../lib/poll');

const SERVER = process.env.SERVER && path.resolve(process.env.SERVER);
const PREVIEW_COMMAND = 'serverless-ls.previewCloudFormation';

let child;
let conn;
let exitCode;
let doc;
let initResult;
let workspace;
const published = new Map(); // uri -> latest diagnostics

function uriOf(file) {
  return pathToFileURL(file).href;
}

/** Replaces the document's text as an editor would and sends a full-text didChange. */
function change(text) {
  doc = TextDocument.create(doc.uri, 'yaml', doc.version + 1, text);
  published.delete(doc.uri);
  conn.sendNotification(DidChangeTextDocumentNotification.type, {
    textDocument: { uri: doc.uri, version: doc.version },
    contentChanges: [{ text }],
  });
}

function diagnosticsWith(code) {
  return waitFor(`published diagnostics containing ${code}`, () => {
    const list = published.get(doc.uri);
    return list && list.some((d) => d.code === code) && list;
  });
}

before(async () => {
  assert.ok(SERVER, 'SERVER must name the server binary');
  workspace = makeWorkspace('sls-protocol-');
  const file = path.join(workspace, 'serverless.yml');
  child = cp.spawn(SERVER, ['serve'], { stdio: ['pipe', 'pipe', 'inherit'], cwd: workspace });
  const spawned = new Promise((resolve, reject) => child.on('spawn', resolve).on('error', reject));
  child.on('exit', (code) => (exitCode = code));
  conn = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  conn.onNotification(PublishDiagnosticsNotification.type, (p) => published.set(p.uri, p.diagnostics));
  conn.onRequest(() => null); // workspace/configuration, registrations, ...
  conn.listen();
  await spawned;
  initResult = await conn.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: uriOf(workspace),
    workspaceFolders: [{ uri: uriOf(workspace), name: 'fixture' }],
    capabilities: {
      textDocument: {
        hover: { contentFormat: ['markdown', 'plaintext'] },
        completion: { completionItem: { snippetSupport: true } },
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['', 'quickfix', 'refactor', 'source'] } } },
        publishDiagnostics: { relatedInformation: true },
      },
      workspace: { configuration: true, workspaceFolders: true },
    },
    initializationOptions: { stage: null, region: null },
  });
  conn.sendNotification(InitializedNotification.type, {});
  doc = TextDocument.create(uriOf(file), 'yaml', 1, fs.readFileSync(file, 'utf8'));
  conn.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri: doc.uri, languageId: 'yaml', version: 1, text: doc.getText() },
  });
});

after(() => {
  if (child && exitCode === undefined) child.kill('SIGKILL');
  if (workspace) fs.rmSync(workspace, { recursive: true, force: true });
});

test('initialize advertises completion, hover, code actions and the preview command', () => {
  const caps = initResult.capabilities;
  assert.ok(caps.completionProvider, 'completionProvider');
  assert.ok(caps.hoverProvider, 'hoverProvider');
  assert.ok(caps.codeActionProvider, 'codeActionProvider');
  assert.ok(caps.executeCommandProvider && caps.executeCommandProvider.commands.includes(PREVIEW_COMMAND), 'executeCommandProvider lists the preview command');
});

test('publishes SLS104 from serverless-ls for logs.websocket.level: error', async () => {
  const list = await diagnosticsWith('SLS104');
  const d = list.find((x) => x.code === 'SLS104');
  assert.equal(d.source, 'serverless-ls');
  assert.equal(d.severity, 1, 'an error');
  assert.equal(d.range.start.line, scenarioPositions(doc.getText()).logLevelValue.line);
});

test('completes the route keys at a route value', async () => {
  const result = await conn.sendRequest(CompletionRequest.type, {
    textDocument: { uri: doc.uri }, position: scenarioPositions(doc.getText()).routeValue,
  });
  const labels = completionLabels(result);
  for (const key of ['$connect', '$disconnect', '$default']) assert.ok(labels.includes(key), `${key} in ${labels}`);
});

test('hover on route shows markdown docs', async () => {
  const hover = await conn.sendRequest(HoverRequest.type, {
    textDocument: { uri: doc.uri }, position: scenarioPositions(doc.getText()).routeKey,
  });
  assert.ok(hover, 'a hover');
  assert.ok(hoverText(hover.contents).trim().length > 20, `docs: ${JSON.stringify(hover.contents)}`);
});

test('the quick fix for SLS104 applies and the diagnostic clears', async () => {
  const diagnostic = (await diagnosticsWith('SLS104')).find((x) => x.code === 'SLS104');
  const actions = await conn.sendRequest(CodeActionRequest.type, {
    textDocument: { uri: doc.uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] },
  });
  const fix = actions.find((a) => a.edit && /ERROR/.test(a.title));
  assert.ok(fix, `a fix titled with ERROR among ${actions.map((a) => a.title)}`);
  change(TextDocument.applyEdits(doc, editsFor(fix.edit, doc.uri)));
  assert.match(doc.getText(), /level: ERROR/);
  await waitFor('SLS104 to clear', () => {
    const list = published.get(doc.uri);
    return list && !list.some((d) => d.code === 'SLS104');
  });
});

test('offers the preview code action, and the command returns the template', async () => {
  const actions = await conn.sendRequest(CodeActionRequest.type, {
    textDocument: { uri: doc.uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [] },
  });
  const preview = actions.find((a) => (a.command && a.command.command === PREVIEW_COMMAND) || a.command === PREVIEW_COMMAND);
  assert.ok(preview, `preview action among ${actions.map((a) => a.title)}`);
  const command = typeof preview.command === 'string' ? preview : preview.command;
  assert.deepEqual(command.arguments, [doc.uri]);
  const template = await conn.sendRequest(ExecuteCommandRequest.type, { command: PREVIEW_COMMAND, arguments: [doc.uri, { show: false }] });
  const types = Object.values(template.Resources).map((r) => r.Type);
  assert.ok(types.includes('AWS::ApiGatewayV2::Api'), `resource types ${types}`);
  // `text: true`: the same template as text, as `serverless-ls compile` prints it.
  const text = await conn.sendRequest(ExecuteCommandRequest.type, { command: PREVIEW_COMMAND, arguments: [doc.uri, { show: false, text: true }] });
  assert.equal(typeof text, 'string');
  assert.equal(text, `${JSON.stringify(template, null, 2)}\n`);
});

test('an invalid level with no close match (DEBUG) gets SLS104 without a fix, only the suppression', async () => {
  change(doc.getText().replace('level: ERROR', 'level: DEBUG'));
  const diagnostic = (await diagnosticsWith('SLS104')).find((x) => x.code === 'SLS104');
  const actions = await conn.sendRequest(CodeActionRequest.type, {
    textDocument: { uri: doc.uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] },
  });
  const titles = actions.filter((a) => a.edit).map((a) => a.title);
  assert.deepEqual(titles, ['Suppress SLS104 on this line']);
  const suppress = actions.find((a) => a.title === 'Suppress SLS104 on this line');
  assert.notEqual(suppress.isPreferred, true, 'the suppression is never the preferred fix');
  assert.match(TextDocument.applyEdits(doc, editsFor(suppress.edit, doc.uri)), /^ +level: DEBUG # serverless-ls-ignore SLS104$/m);
});

test('unknown keys in a websocket event get SLS101 warnings, with a rename fix only for a near miss', async () => {
  change(doc.getText().replace('route: $connect\n', 'route: $connect\n          cors: true\n          rout: x\n'));
  const list = await waitFor('two SLS101 diagnostics', () => {
    const found = (published.get(doc.uri) || []).filter((d) => d.code === 'SLS101');
    return found.length === 2 && found;
  });
  const lineOf = (key) => doc.getText().split('\n').findIndex((l) => l.trim().startsWith(`${key}:`));
  const byKey = (key) => list.find((d) => d.range.start.line === lineOf(key));
  for (const key of ['cors', 'rout']) assert.equal(byKey(key).severity, 2, `${key}: a warning`);
  const fixesFor = async (d) => (await conn.sendRequest(CodeActionRequest.type, {
    textDocument: { uri: doc.uri }, range: d.range, context: { diagnostics: [d] },
  })).filter((a) => a.edit && !a.title.startsWith('Suppress ') && a.diagnostics && a.diagnostics.some((x) => x.code === 'SLS101'));
  assert.deepEqual(await fixesFor(byKey('cors')), [], 'no fix for cors');
  const [rename] = await fixesFor(byKey('rout'));
  assert.ok(rename, 'a rename fix for rout');
  assert.match(TextDocument.applyEdits(doc, editsFor(rename.edit, doc.uri)), /^ {10}route: x$/m);
});

test('shutdown and exit end the server with status 0', async () => {
  await conn.sendRequest(ShutdownRequest.type);
  conn.sendNotification(ExitNotification.type);
  await waitFor('the server to exit', () => exitCode !== undefined);
  assert.equal(exitCode, 0);
});
