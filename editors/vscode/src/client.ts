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

/** Only Serverless Framework configuration files on disk; every other YAML/JSON file is left alone. */
export const DOCUMENT_SELECTOR: DocumentSelector = [
  { scheme: 'file', pattern: '**/serverless.{yml,yaml,json}' },
];

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

export function createClient(server: ResolvedServer, hooks: ClientHooks): LanguageClient {
  const run: Executable = { command: server.command, args: ['serve'], transport: TransportKind.stdio };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
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
