// Reads the extension's settings and shapes what the server receives: the same object goes out as
// initializationOptions and answers `workspace/configuration` for the section `serverless-ls`.

import * as vscode from 'vscode';

export const SECTION = 'serverless-ls';

/** The settings the server understands; unset ones are null so the server applies its defaults. */
export interface ServerSettings {
  stage: string | null;
  region: string | null;
  /** Values of `${param:KEY}`, like `serverless --param KEY=VALUE`. */
  params: Record<string, string>;
  /** Rule codes or names whose diagnostics are not published, like `check --ignore`. */
  ignore: string[];
}

function nonEmpty(value: string | undefined): string | null {
  const trimmed = (value ?? '').trim();
  return trimmed === '' ? null : trimmed;
}

export function serverSettings(scope?: vscode.ConfigurationScope): ServerSettings {
  const config = vscode.workspace.getConfiguration(SECTION, scope);
  const params: Record<string, string> = {};
  for (const [key, value] of Object.entries(config.get<Record<string, unknown>>('params') ?? {})) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') params[key] = String(value);
  }
  return {
    stage: nonEmpty(config.get<string>('stage')),
    region: nonEmpty(config.get<string>('region')),
    params,
    ignore: (config.get<unknown[]>('ignore') ?? []).filter((code): code is string => typeof code === 'string'),
  };
}

export function configuredServerPath(): string {
  return vscode.workspace.getConfiguration(SECTION).get<string>('server.path') ?? '';
}
