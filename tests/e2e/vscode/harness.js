// Shared machinery of the VS Code suites: a fresh code-server profile (settings, extensions,
// config), starting code-server 4.100.3 in its own process group (detached = setsid) and
// stopping it by group, installing a .vsix, and launching Debian's Chromium via playwright-core.
'use strict';

const cp = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { chromium } = require('playwright-core');
const { waitFor } = require('../lib/poll');

const CODE_SERVER = path.join(__dirname, '..', 'node_modules', '.bin', 'code-server');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Settings that keep VS Code quiet and deterministic, plus `extra`. */
function quietSettings(extra) {
  return {
    'workbench.startupEditor': 'none',
    'security.workspace.trust.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'workbench.enableExperiments': false,
    'workbench.tips.enabled': false,
    'chat.disableAIFeatures': true,
    'workbench.colorTheme': 'Default Dark Modern',
    ...extra,
  };
}

/**
 * A fresh profile under `root`: user data with User/settings.json (`settings`) and
 * Machine/settings.json (`machineSettings`: code-server's "Remote" settings, the only place a
 * machine-scoped setting such as serverless-ls.server.path applies), extensions, a config file.
 */
function makeProfile(root, settings, machineSettings = {}) {
  const profile = {
    root,
    userData: path.join(root, 'user-data'),
    extensions: path.join(root, 'extensions'),
    config: path.join(root, 'config.yaml'),
    browser: path.join(root, 'chromium'),
  };
  fs.mkdirSync(path.join(profile.userData, 'User'), { recursive: true });
  fs.mkdirSync(path.join(profile.userData, 'Machine'), { recursive: true });
  fs.writeFileSync(path.join(profile.userData, 'Machine', 'settings.json'), JSON.stringify(machineSettings, null, 2));
  fs.mkdirSync(profile.extensions, { recursive: true });
  fs.writeFileSync(path.join(profile.userData, 'User', 'settings.json'), JSON.stringify(quietSettings(settings), null, 2));
  fs.writeFileSync(profile.config, 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n');
  return profile;
}

function profileArgs(profile) {
  return ['--config', profile.config, '--user-data-dir', profile.userData, '--extensions-dir', profile.extensions];
}

function installVsix(profile, vsix) {
  const out = cp.execFileSync(CODE_SERVER, [...profileArgs(profile), '--install-extension', vsix], { encoding: 'utf8' });
  if (!/successfully installed/.test(out)) throw new Error(`installing ${vsix} failed:\n${out}`);
}

/**
 * Starts code-server on a free port in its own process group; resolves to { url, port, stop }.
 * VSCODE_CLI=1 makes the server skip resolving the user's login-shell environment for the
 * extension host (which would replace PATH with the shell profile's), so the extension host
 * sees exactly the environment given here.
 */
async function startCodeServer(profile, { workspace, logFile, env = {} }) {
  const log = fs.openSync(logFile, 'w');
  const child = cp.spawn(CODE_SERVER, [
    ...profileArgs(profile), '--bind-addr', '127.0.0.1:0', '--auth', 'none', '--disable-telemetry',
    '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override', workspace,
  ], { detached: true, stdio: ['ignore', log, log], env: { ...process.env, VSCODE_CLI: '1', ...env } });
  fs.closeSync(log);
  let exited = false;
  child.on('exit', () => (exited = true));
  const stop = async () => {
    try { process.kill(-child.pid, 'SIGTERM'); } catch { return; }
    const gone = () => { try { process.kill(-child.pid, 0); return false; } catch { return true; } };
    await waitFor('code-server to stop', gone, { timeoutMs: 10000 }).catch(() => {
      try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
    });
  };
  try {
    const url = await waitFor('code-server to listen', () => {
      if (exited) throw new Error(`code-server exited early:\n${fs.readFileSync(logFile, 'utf8')}`);
      const m = /HTTP server listening on (http:\/\/127\.0\.0\.1:(\d+)\/)/.exec(fs.readFileSync(logFile, 'utf8'));
      return m && { url: m[1], port: Number(m[2]) };
    }, { timeoutMs: 30000, intervalMs: 100 });
    return { ...url, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Chromium with a fresh profile folder; returns { context, page }. */
async function launchBrowser(profile) {
  const context = await chromium.launchPersistentContext(profile.browser, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1400, height: 900 },
  });
  const page = context.pages()[0] || (await context.newPage());
  page.setDefaultTimeout(30000);
  return { context, page };
}

function tempRoot(prefix) {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

module.exports = { installVsix, launchBrowser, makeProfile, startCodeServer, tempRoot };
