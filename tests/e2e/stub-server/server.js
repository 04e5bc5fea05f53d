// A stand-in for the serverless-ls language server, used only to self-test the editor harness
// while (or where) the real binary is unavailable. It imitates the real server's observable
// behaviour on the e2e fixture: SLS104 on an invalid `logs.websocket.level` (with a
// "Change to ERROR"-style fix when the value differs only in case), SLS101 on unknown keys of a
// websocket event (with a rename fix for a near miss), route-key completion, the keys of an
// `http` event,
// hover docs, a "Preview compiled CloudFormation" code action and the
// `serverless-ls.previewCloudFormation` command returning a template.
'use strict';

const {
  CodeActionKind,
  CompletionItemKind,
  DiagnosticSeverity,
  MarkupKind,
  ProposedFeatures,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
} = require('vscode-languageserver/node');
const { TextDocument } = require('vscode-languageserver-textdocument');

const PREVIEW_COMMAND = 'serverless-ls.previewCloudFormation';
const LOG_LEVELS = ['INFO', 'ERROR'];
const ROUTE_KEYS = ['$connect', '$disconnect', '$default'];
const WEBSOCKET_KEYS = ['route', 'routeResponseSelectionExpression', 'authorizer'];
const HTTP_EVENT_KEYS = ['path', 'method', 'cors', 'authorizer', 'integration', 'request', 'response', 'private'];
const DOCS = {
  route: 'The **route key** of a websocket event: `$connect`, `$disconnect`, `$default` or a custom action.',
  authorizer: 'A Lambda **authorizer**; only allowed on the `$connect` route.',
  routeResponseSelectionExpression: 'Enables a route response; the only supported value is `$default`.',
  level: 'Execution log level of the websocket stage: `INFO` or `ERROR`.',
  method: 'The HTTP method of the endpoint (`GET`, `POST`, ...).',
};

const connection = createConnection(ProposedFeatures.all, process.stdin, process.stdout);
const documents = new TextDocuments(TextDocument);

function lineRange(line, start, length) {
  return { start: { line, character: start }, end: { line, character: start + length } };
}

/** Levenshtein distance, for "did you mean". */
function distance(a, b) {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

/** SLS104 for an invalid `level:` value (fix when only the case is wrong). */
function checkLevel(text, line) {
  const match = /^(\s*level:\s*)(\S+)\s*$/.exec(text);
  if (!match || LOG_LEVELS.includes(match[2])) return undefined;
  const range = lineRange(line, match[1].length, match[2].length);
  const fixed = LOG_LEVELS.find((level) => level === match[2].toUpperCase());
  return {
    diagnostic: { range, severity: DiagnosticSeverity.Error, code: 'SLS104', source: 'serverless-ls', message: `invalid value \`${match[2]}\`: expected one of INFO, ERROR` },
    fix: fixed && { title: `Change to ${fixed}`, edit: { range, newText: fixed } },
  };
}

/** SLS101 for a key of a `- websocket:` block that the framework does not know (rename fix when close). */
function checkWebsocketKey(text, line, eventIndent) {
  const match = /^(\s*)(\w+):/.exec(text);
  if (!match || match[1].length <= eventIndent || WEBSOCKET_KEYS.includes(match[2])) return undefined;
  const range = lineRange(line, match[1].length, match[2].length);
  const near = WEBSOCKET_KEYS.find((key) => distance(key, match[2]) <= 2);
  return {
    diagnostic: { range, severity: DiagnosticSeverity.Warning, code: 'SLS101', source: 'serverless-ls', message: `unknown key \`${match[2]}\` in a websocket event` },
    fix: near && { title: `Rename to ${near}`, edit: { range, newText: near } },
  };
}

/** The findings of a document: diagnostics, each with its fix when there is one. */
function analyse(doc) {
  const findings = [];
  let eventIndent = -1; // indentation of the `- websocket:` line whose block we are in
  doc.getText().split(/\r?\n/).forEach((text, line) => {
    const indent = text.search(/\S/);
    if (indent >= 0 && indent <= eventIndent) eventIndent = -1;
    const event = /^(\s*)- websocket:\s*$/.exec(text);
    if (event) eventIndent = event[1].length;
    const finding = checkLevel(text, line) || (eventIndent >= 0 && !event && checkWebsocketKey(text, line, eventIndent + 2));
    if (finding) findings.push(finding);
  });
  return findings;
}

function wordAt(doc, position) {
  const text = doc.getText({ start: { line: position.line, character: 0 }, end: { line: position.line + 1, character: 0 } });
  const re = /[\w$]+/g;
  for (let m; (m = re.exec(text)); ) {
    if (m.index <= position.character && position.character <= m.index + m[0].length) {
      return { word: m[0], range: { start: { line: position.line, character: m.index }, end: { line: position.line, character: m.index + m[0].length } } };
    }
  }
  return undefined;
}

let stage = 'dev'; // from initializationOptions / didChangeConfiguration, like the real server

function template(doc) {
  const match = /^service:\s*(\S+)/m.exec(doc.getText());
  const service = match ? match[1] : 'service';
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: `The AWS CloudFormation template for ${service} (stub)`,
    Resources: {
      WebsocketsApi: { Type: 'AWS::ApiGatewayV2::Api', Properties: { Name: `${stage}-${service}-websockets`, ProtocolType: 'WEBSOCKET' } },
    },
  };
}

function applySettings(settings) {
  if (settings && typeof settings === 'object' && 'stage' in settings) stage = settings.stage || 'dev';
}

connection.onDidChangeConfiguration(({ settings }) => applySettings(settings && settings['serverless-ls']));

connection.onInitialize(({ initializationOptions }) => (applySettings(initializationOptions), {
  capabilities: {
    textDocumentSync: TextDocumentSyncKind.Incremental,
    completionProvider: { triggerCharacters: ['$'] },
    hoverProvider: true,
    codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.Empty] },
    executeCommandProvider: { commands: [PREVIEW_COMMAND] },
  },
  serverInfo: { name: 'serverless-ls-stub', version: '0.0.0' },
}));

documents.onDidChangeContent(({ document }) => {
  connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: analyse(document).map((f) => f.diagnostic) });
});

connection.onCompletion(({ textDocument, position }) => {
  const doc = documents.get(textDocument.uri);
  const line = doc?.getText({ start: { line: position.line, character: 0 }, end: position }) ?? '';
  const fullLine = doc?.getText({ start: { line: position.line, character: 0 }, end: { line: position.line + 1, character: 0 } }) ?? '';
  if (/^\s*$/.test(line) && /^\s*method:/.test(fullLine)) {
    const range = { start: position, end: position };
    return HTTP_EVENT_KEYS.map((key) => ({ label: key, kind: CompletionItemKind.Property, textEdit: { range, newText: key } }));
  }
  const match = /^\s*route:\s*([\w$]*)$/.exec(line);
  if (!match) return [];
  const range = { start: { line: position.line, character: position.character - match[1].length }, end: position };
  return ROUTE_KEYS.map((key) => ({ label: key, kind: CompletionItemKind.Value, detail: 'route key', textEdit: { range, newText: key } }));
});

connection.onHover(({ textDocument, position }) => {
  const doc = documents.get(textDocument.uri);
  const hit = doc && wordAt(doc, position);
  if (!hit || !DOCS[hit.word]) return null;
  return { contents: { kind: MarkupKind.Markdown, value: `**${hit.word}**\n\n${DOCS[hit.word]}` }, range: hit.range };
});

connection.onCodeAction(({ textDocument, range }) => {
  const doc = documents.get(textDocument.uri);
  if (!doc) return [];
  const overlaps = (r) => r.start.line <= range.end.line && range.start.line <= r.end.line;
  const fixes = analyse(doc)
    .filter((f) => f.fix && overlaps(f.diagnostic.range))
    .map((f) => ({
      title: f.fix.title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [f.diagnostic],
      isPreferred: true,
      edit: { changes: { [doc.uri]: [f.fix.edit] } },
    }));
  const preview = { title: 'Preview compiled CloudFormation', kind: CodeActionKind.Empty, command: { title: 'Preview compiled CloudFormation', command: PREVIEW_COMMAND, arguments: [doc.uri] } };
  return [...fixes, preview];
});

connection.onExecuteCommand(({ command, arguments: args = [] }) => {
  const doc = command === PREVIEW_COMMAND && documents.get(args[0]);
  return doc ? template(doc) : null;
});

documents.listen(connection);
connection.listen();
