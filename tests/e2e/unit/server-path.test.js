// Unit test of the VS Code extension's server lookup (editors/vscode/src/serverPath.ts, which has
// no `vscode` dependency): the setting wins, then the bundled binary, then PATH, else a clear
// error. Bundled with the extension's own esbuild, run by node:test.
'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { after, before, test } = require('node:test');

const EXT_DIR = path.join(__dirname, '..', '..', '..', 'editors', 'vscode');
let resolveServer;
let tmp;

function executable(file) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, '#!/bin/sh\n');
  fs.chmodSync(file, 0o755);
  return file;
}

before(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sls-server-path-'));
  const esbuild = require(require.resolve('esbuild', { paths: [EXT_DIR] }));
  const outfile = path.join(tmp, 'serverPath.js');
  esbuild.buildSync({ entryPoints: [path.join(EXT_DIR, 'src', 'serverPath.ts')], outfile, format: 'cjs', platform: 'node', logLevel: 'error' });
  ({ resolveServer } = require(outfile));
});

after(() => fs.rmSync(tmp, { recursive: true, force: true }));

test('the setting wins over the bundled binary and PATH', () => {
  const ext = path.join(tmp, 'ext1');
  executable(path.join(ext, 'server', 'serverless-ls'));
  const onPath = path.dirname(executable(path.join(tmp, 'bin1', 'serverless-ls')));
  const configured = executable(path.join(tmp, 'custom', 'my-server'));
  assert.deepEqual(resolveServer({ configuredPath: configured, extensionPath: ext, envPath: onPath }), { command: configured, source: 'setting' });
});

test('a relative setting is taken from the workspace folder', () => {
  const server = executable(path.join(tmp, 'ws', 'tools', 'serverless-ls'));
  assert.deepEqual(resolveServer({ configuredPath: 'tools/serverless-ls', baseDir: path.join(tmp, 'ws'), extensionPath: tmp, envPath: '' }),
    { command: server, source: 'setting' });
});

test('a setting that points nowhere is an error naming the setting', () => {
  assert.throws(() => resolveServer({ configuredPath: '/nonexistent/serverless-ls', extensionPath: tmp, envPath: '' }), /serverless-ls\.server\.path/);
});

test('the bundled binary comes before PATH', () => {
  const ext = path.join(tmp, 'ext2');
  const bundled = executable(path.join(ext, 'server', 'serverless-ls'));
  const onPath = path.dirname(executable(path.join(tmp, 'bin2', 'serverless-ls')));
  assert.deepEqual(resolveServer({ configuredPath: '', extensionPath: ext, envPath: onPath }), { command: bundled, source: 'bundled' });
});

test('PATH is searched in order, skipping non-executable files', () => {
  const notExecutable = path.join(tmp, 'bin3a', 'serverless-ls');
  fs.mkdirSync(path.dirname(notExecutable), { recursive: true });
  fs.writeFileSync(notExecutable, '');
  const found = executable(path.join(tmp, 'bin3b', 'serverless-ls'));
  const envPath = [path.dirname(notExecutable), path.dirname(found)].join(path.delimiter);
  assert.deepEqual(resolveServer({ configuredPath: '  ', extensionPath: path.join(tmp, 'none'), envPath }), { command: found, source: 'path' });
});

test('nothing found is an error that says how to fix it', () => {
  assert.throws(() => resolveServer({ configuredPath: '', extensionPath: path.join(tmp, 'none'), envPath: path.join(tmp, 'empty') }),
    /not found.*serverless-ls\.server\.path/s);
});
