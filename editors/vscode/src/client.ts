// Builds the LanguageClient: which documents it serves, how the server is started, the
// middleware that answers `workspace/configuration` and routes the server's preview command
// to the extension's read-only preview, and the settings-changed notification.

import * as vscode from 'vscode';
import {
  DidChangeConfigurationNotification,
  DocumentSelector,
  Executable,
  LanguageClient,
  LanguageClientOptions,
  TransportKind,
} from 'vscode-languageclient/node';
import { ResolvedServer } from './serverPath';
import { SECTION, serverSettings } from './settings';

export const CLIENT_ID = 'serverless-ls';
export const CLIENT_NAME = 'Serverless Language Server';
/** The server's command; the client registers it from the server's capabilities. */
export const SERVER_PREVIEW_COMMAND = 'serverless-ls.previewCloudFormation';

/** Serverless Framework configuration files on disk. */
export const DOCUMENT_SELECTOR: DocumentSelector = [
  { scheme: 'file', pattern: '**/serverless.{yml,yaml,json}' },
];

/** The files a config may include through `${file(...)}`: YAML and JSON under a folder that holds one. */
export const INCLUDED_FILES = '**/*.{yml,yaml,json}';

/**
 * The configs, and the YAML/JSON files under every folder of the workspace that holds a config:
 * the server analyses those in the context of the config that includes them (and answers nothing
 * for the others). Folders are found once, when the client starts.
 */
export async function documentSelector(): Promise<DocumentSelector> {
  const configs = await vscode.workspace.findFiles('**/serverless.{yml,yaml,json}', '**/{node_modules,.serverless,.git}/**', 500);
  const folders = new Map<string, vscode.Uri>();
  for (const config of configs) {
    const folder = vscode.Uri.joinPath(config, '..');
    folders.set(folder.toString(), folder);
  }
  // Absolute glob patterns, matched against the file path (a folder whose name holds glob
  // characters such as `[` or `{` is not matched: its files then get diagnostics only).
  const included = [...folders.values()].map((folder) => ({
    scheme: 'file',
    pattern: `${folder.fsPath.replace(/\\/g, '/')}/${INCLUDED_FILES}`,
  }));
  return [...DOCUMENT_SELECTOR, ...included];
}

/** Tells a running server that `stage`/`region` changed, in the shape of initializationOptions. */
export async function notifySettingsChanged(client: LanguageClient): Promise<void> {
  if (!client.isRunning()) return;
  await client.sendNotification(DidChangeConfigurationNotification.type, { settings: { [SECTION]: serverSettings() } });
}

export interface ClientHooks {
  outputChannel: vscode.OutputChannel;
  /** Called instead of the server when the user runs the preview code action. */
  openPreview(uri: vscode.Uri): Promise<void>;
}

export function createClient(server: ResolvedServer, hooks: ClientHooks, selector: DocumentSelector = DOCUMENT_SELECTOR): LanguageClient {
  const run: Executable = { command: server.command, args: ['serve'], transport: TransportKind.stdio };
  const clientOptions: LanguageClientOptions = {
    documentSelector: selector,
    outputChannel: hooks.outputChannel,
    initializationOptions: serverSettings(),
    middleware: {
      workspace: {
        configuration: (params) =>
          params.items.map((item) =>
            item.section === SECTION ? serverSettings(item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined) : null,
          ),
      },
      executeCommand: async (command, args, next) => {
        if (command === SERVER_PREVIEW_COMMAND && args.length > 0) {
          const target = args[0];
          return hooks.openPreview(typeof target === 'string' ? vscode.Uri.parse(target) : (target as vscode.Uri));
        }
        return next(command, args);
      },
    },
  };
  return new LanguageClient(CLIENT_ID, CLIENT_NAME, { run, debug: run }, clientOptions);
}
