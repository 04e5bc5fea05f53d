// Extension entry point: owns the language client's lifecycle (start, restart, stop), the
// output channel, and the commands "Serverless: Preview compiled CloudFormation",
// "Serverless: Restart language server" and a test hook reporting the client's state.

import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';
import { CLIENT_NAME, createClient, DOCUMENT_SELECTOR, documentSelector, notifySettingsChanged } from './client';
import { PREVIEW_SCHEME, PreviewProvider } from './preview';
import { ResolvedServer, resolveServer } from './serverPath';
import { configuredServerPath, SECTION } from './settings';

let client: LanguageClient | undefined;
let server: ResolvedServer | undefined;
let startError: string | undefined;
let output: vscode.OutputChannel;
let extensionPath: string;
let preview: PreviewProvider;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  extensionPath = context.extensionPath;
  output = vscode.window.createOutputChannel(CLIENT_NAME);
  preview = new PreviewProvider(() => client);
  context.subscriptions.push(
    output,
    preview,
    vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, preview),
    vscode.commands.registerCommand('serverless-ls.showPreview', showPreview),
    vscode.commands.registerCommand('serverless-ls.restart', restart),
    vscode.commands.registerCommand('serverless-ls.test.state', testState),
    vscode.workspace.onDidChangeConfiguration(onConfigurationChanged),
  );
  await start();
}

export async function deactivate(): Promise<void> {
  await stop();
}

async function onConfigurationChanged(event: vscode.ConfigurationChangeEvent): Promise<void> {
  if (event.affectsConfiguration(`${SECTION}.server.path`)) {
    await restart();
  } else if (
    event.affectsConfiguration(`${SECTION}.stage`) ||
    event.affectsConfiguration(`${SECTION}.region`) ||
    event.affectsConfiguration(`${SECTION}.params`)
  ) {
    if (client) await notifySettingsChanged(client).catch((error) => output.appendLine(`Sending the settings failed: ${error}`));
    preview.refreshAll();
  }
}

async function start(): Promise<void> {
  startError = undefined;
  try {
    server = resolveServer({
      configuredPath: configuredServerPath(),
      baseDir: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath,
      extensionPath,
      envPath: process.env.PATH,
    });
  } catch (error) {
    server = undefined;
    reportStartError(error);
    return;
  }
  output.appendLine(`Starting ${server.command} (found via ${server.source}).`);
  const selector = await documentSelector().catch(() => DOCUMENT_SELECTOR);
  client = createClient(server, { outputChannel: output, openPreview: async (uri) => void (await preview.show(uri)) }, selector);
  try {
    await client.start();
    preview.refreshAll();
  } catch (error) {
    reportStartError(error);
  }
}

async function stop(): Promise<void> {
  const stopping = client;
  client = undefined;
  if (stopping) await stopping.dispose().catch((error) => output.appendLine(`Stopping the server failed: ${error}`));
}

async function restart(): Promise<void> {
  await stop();
  await start();
}

function reportStartError(error: unknown): void {
  startError = error instanceof Error ? error.message : String(error);
  output.appendLine(`serverless-ls: ${startError}`);
  void vscode.window.showErrorMessage(`serverless-ls: ${startError}`, 'Open Settings', 'Show Log').then((choice) => {
    if (choice === 'Open Settings') void vscode.commands.executeCommand('workbench.action.openSettings', `${SECTION}.server.path`);
    if (choice === 'Show Log') output.show();
  });
}

function isServerlessFile(uri: vscode.Uri): boolean {
  return uri.scheme === 'file' && /(^|\/)serverless\.(yml|yaml|json)$/.test(uri.path);
}

async function showPreview(target?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const uri = target instanceof vscode.Uri ? target : vscode.window.activeTextEditor?.document.uri;
  if (!uri || !isServerlessFile(uri)) {
    void vscode.window.showWarningMessage('Open a serverless.yml, serverless.yaml or serverless.json file to preview its CloudFormation template.');
    return undefined;
  }
  const editor = await preview.show(uri);
  return editor.document.uri;
}

/**
 * For the end-to-end tests: the client's state (2 = running), the server it runs, whether `uri`
 * is in the running client's document selector, and whether it is a config file.
 */
async function testState(uri?: vscode.Uri) {
  const document = uri ? await vscode.workspace.openTextDocument(uri) : undefined;
  return {
    state: client?.state,
    running: client?.isRunning() ?? false,
    serverInfo: client?.initializeResult?.serverInfo,
    server,
    startError,
    selected: document && client ? vscode.languages.match(client.clientOptions.documentSelector as vscode.DocumentSelector, document) > 0 : undefined,
    config: document ? vscode.languages.match(DOCUMENT_SELECTOR as vscode.DocumentSelector, document) > 0 : undefined,
  };
}
