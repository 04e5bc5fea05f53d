// Runs vscode/suite.js inside VS Code's extension host (code-server 4.100.3 + Chromium), with the
// unpacked .vsix as extensionDevelopmentPath, and reports its checks as TAP lines.
//   node vscode/run-exthost.js <unpacked-vsix-extension-dir> <workspace> <out-dir>
// Needs SERVER (absolute path of the server binary).
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { printTap } = require('../lib/checks');
const { launchBrowser, makeProfile, startCodeServer, tempRoot } = require('./harness');

const RUN_TIMEOUT_MS = 120000;
// Errors the extension or its language client show the user (notifications are logged to the page console).
const CLIENT_ERROR = /serverless-ls:|Serverless Language Server|Sending (notification|request) .* failed/;

async function main() {
  const [extensionDir, workspace, outDir] = process.argv.slice(2).map((p) => path.resolve(p));
  const server = process.env.SERVER;
  const resultFile = path.join(outDir, 'vscode-exthost-result.json');
  fs.rmSync(resultFile, { force: true });
  const root = tempRoot('sls-exthost-');
  const profile = makeProfile(root, { 'serverless-ls.trace.server': 'messages' }, { 'serverless-ls.server.path': server });
  const codeServer = await startCodeServer(profile, {
    workspace,
    logFile: path.join(outDir, 'vscode-exthost-code-server.log'),
    env: { E2E_RESULT: resultFile, E2E_SERVER: server },
  });
  let browser;
  let exitCode;
  const clientErrors = [];
  try {
    browser = await launchBrowser(profile);
    const { page } = browser;
    const consoleLog = fs.createWriteStream(path.join(outDir, 'vscode-exthost-console.log'));
    page.on('console', (msg) => {
      consoleLog.write(`[${msg.type()}] ${msg.text()}\n`);
      if (msg.type() === 'error' && CLIENT_ERROR.test(msg.text()) && !/\[e2e\]|^Error: /.test(msg.text())) clientErrors.push(msg.text());
    });
    let exited;
    const done = new Promise((resolve) => (exited = resolve));
    await page.exposeFunction('codeAutomationExit', (code) => exited(code));
    const remote = (p) => `vscode-remote://127.0.0.1:${codeServer.port}${p}`;
    const payload = [['extensionDevelopmentPath', remote(extensionDir)], ['extensionTestsPath', remote(path.join(__dirname, 'suite.js'))]];
    await page.goto(`${codeServer.url}?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    let timer;
    const timeout = new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), RUN_TIMEOUT_MS)));
    exitCode = await Promise.race([done, timeout]);
    clearTimeout(timer);
    await page.screenshot({ path: path.join(outDir, 'vscode-exthost.png') });
  } finally {
    if (browser) await browser.context.close();
    await codeServer.stop();
    fs.rmSync(root, { recursive: true, force: true });
  }
  const results = fs.existsSync(resultFile) ? JSON.parse(fs.readFileSync(resultFile, 'utf8')).checks : [];
  results.push({ name: 'no error notifications from the extension or its client', ok: clientErrors.length === 0, error: clientErrors.join('\n') });
  if (exitCode !== 0 && !results.some((r) => !r.ok)) {
    results.push({ name: 'the extension-host run completes', ok: false, error: `exit code ${exitCode} (see vscode-exthost-console.log)` });
  }
  printTap(results);
  return results.length > 0 && results.every((r) => r.ok) && exitCode === 0 ? 0 : 1;
}

main().then((code) => process.exit(code), (error) => {
  console.log(`not ok 1 - the extension-host run completes\n  # ${String(error.stack || error).split('\n').join('\n  # ')}`);
  process.exit(1);
});
