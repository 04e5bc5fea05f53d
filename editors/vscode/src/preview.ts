// The read-only "compiled CloudFormation" preview: a TextDocumentContentProvider on its own URI
// scheme whose content is the template text the server returns for
// `serverless-ls.previewCloudFormation` with `{ show: false, text: true }`; it is refreshed
// (debounced) while the source file changes.

import * as path from 'path';
import * as vscode from 'vscode';
import { ExecuteCommandRequest, LanguageClient, State } from 'vscode-languageclient/node';
import { SERVER_PREVIEW_COMMAND } from './client';

export const PREVIEW_SCHEME = 'serverless-ls-preview';
const REFRESH_DELAY_MS = 300;
const START_WAIT_MS = 15000;

/** The preview of `source` is `serverless-ls-preview:/<dir>/<name>.cloudformation.json?<source uri>`. */
export function previewUri(source: vscode.Uri): vscode.Uri {
  const name = `${path.posix.basename(source.path)}.cloudformation.json`;
  return vscode.Uri.from({
    scheme: PREVIEW_SCHEME,
    path: path.posix.join(path.posix.dirname(source.path), name),
    query: source.toString(),
  });
}

function sourceUri(preview: vscode.Uri): vscode.Uri {
  return vscode.Uri.parse(preview.query);
}

/** Resolves true once `client` runs (it may still be starting), false if it stops or takes too long. */
function whenRunning(client: LanguageClient): Promise<boolean> {
  if (client.isRunning()) return Promise.resolve(true);
  if (client.state === State.Stopped) return Promise.resolve(false);
  return new Promise((resolve) => {
    const done = (running: boolean) => {
      clearTimeout(timer);
      listener.dispose();
      resolve(running);
    };
    const timer = setTimeout(() => done(false), START_WAIT_MS);
    const listener = client.onDidChangeState(({ newState }) => {
      if (newState !== State.Starting) done(newState === State.Running);
    });
  });
}

export class PreviewProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly getClient: () => LanguageClient | undefined) {
    this.subscriptions = [
      this.changed,
      vscode.workspace.onDidChangeTextDocument((event) => this.scheduleRefresh(event.document.uri)),
      vscode.workspace.onDidSaveTextDocument((document) => this.scheduleRefresh(document.uri)),
    ];
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const client = this.getClient();
    if (!client || !(await whenRunning(client))) {
      return JSON.stringify({ error: 'The serverless-ls language server is not running.' }, null, 2);
    }
    try {
      const source = sourceUri(uri);
      // The template's text as `serverless-ls compile` prints it: the framework's key order,
      // and no JSON to parse and print again for a large service.
      const text = await client.sendRequest(ExecuteCommandRequest.type, {
        command: SERVER_PREVIEW_COMMAND,
        arguments: [source.toString(), { show: false, text: true }],
      });
      if (typeof text !== 'string') throw new Error('the server did not return the template text');
      return text;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return JSON.stringify({ error: `Could not compile the template: ${message}` }, null, 2);
    }
  }

  /** Recomputes every open preview, after the server restarted or its settings changed. */
  refreshAll(): void {
    for (const doc of vscode.workspace.textDocuments) {
      if (doc.uri.scheme === PREVIEW_SCHEME) this.schedule(doc.uri);
    }
  }

  /** Opens (or reveals) the preview of `source` beside it. */
  async show(source: vscode.Uri): Promise<vscode.TextEditor> {
    const document = await vscode.workspace.openTextDocument(previewUri(source));
    const preview = document.languageId === 'json' ? document : await vscode.languages.setTextDocumentLanguage(document, 'json');
    return vscode.window.showTextDocument(preview, {
      viewColumn: vscode.ViewColumn.Beside,
      preserveFocus: true,
      preview: false,
    });
  }

  private isOpen(preview: vscode.Uri): boolean {
    return vscode.workspace.textDocuments.some((doc) => doc.uri.toString() === preview.toString());
  }

  private scheduleRefresh(source: vscode.Uri): void {
    if (source.scheme !== 'file') return;
    const preview = previewUri(source);
    if (this.isOpen(preview)) this.schedule(preview);
  }

  /** Debounced: the server sees the latest edit or setting before the template is asked for. */
  private schedule(preview: vscode.Uri): void {
    const key = preview.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        this.changed.fire(preview);
      }, REFRESH_DELAY_MS),
    );
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}
