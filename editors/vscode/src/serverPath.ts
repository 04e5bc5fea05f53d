// Finds the serverless-ls binary to start: the `serverless-ls.server.path` setting, else the
// binary bundled in the extension (`server/serverless-ls`), else `serverless-ls` on PATH.
// Pure apart from file-system checks, so it does not depend on the `vscode` module.

import * as fs from 'fs';
import * as path from 'path';

export const BINARY_NAME = process.platform === 'win32' ? 'serverless-ls.exe' : 'serverless-ls';

export type ServerSource = 'setting' | 'bundled' | 'path';

export interface ResolvedServer {
  command: string;
  source: ServerSource;
}

export interface ServerSearch {
  /** The `serverless-ls.server.path` setting ('' when unset); a relative path is taken from `baseDir`. */
  configuredPath: string;
  /** The first workspace folder, if any. */
  baseDir?: string;
  /** The extension's install folder. */
  extensionPath: string;
  /** The PATH environment variable. */
  envPath: string | undefined;
}

export class ServerNotFoundError extends Error {}

function isExecutableFile(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) return false;
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function expandHome(file: string): string {
  const home = process.env.HOME ?? process.env.USERPROFILE;
  return home && (file === '~' || file.startsWith('~/')) ? path.join(home, file.slice(1)) : file;
}

function findOnPath(envPath: string | undefined): string | undefined {
  for (const dir of (envPath ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, BINARY_NAME);
    if (isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}

/** Resolves the server binary, or throws ServerNotFoundError with a message that says how to fix it. */
export function resolveServer(search: ServerSearch): ResolvedServer {
  const configured = search.configuredPath.trim();
  if (configured) {
    const command = path.resolve(search.baseDir ?? process.cwd(), expandHome(configured));
    if (!isExecutableFile(command)) {
      throw new ServerNotFoundError(
        `The serverless-ls binary set in "serverless-ls.server.path" (${configured}) does not exist or is not executable. ` +
          'Fix the path in your settings, or clear it to use the bundled binary or serverless-ls on PATH.',
      );
    }
    return { command, source: 'setting' };
  }
  const bundled = path.join(search.extensionPath, 'server', BINARY_NAME);
  if (isExecutableFile(bundled)) return { command: bundled, source: 'bundled' };
  const onPath = findOnPath(search.envPath);
  if (onPath) return { command: onPath, source: 'path' };
  throw new ServerNotFoundError(
    'The serverless-ls language server was not found: this build of the extension bundles no binary and ' +
      'there is no serverless-ls on PATH. Install it (cargo install --path server/cli in the serverless-ls ' +
      'repository, or put a release binary on PATH) or set "serverless-ls.server.path" to the binary, then run ' +
      '"Serverless: Restart language server".',
  );
}
