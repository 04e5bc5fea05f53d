// UI test: drives VS Code (code-server 4.100.3) in Chromium with playwright-core, with the
// packaged .vsix installed into a fresh profile and the server found on PATH. Checks the squiggle
// and Problems entry, the completion widget, the hover and the quick-fix menu, saving a
// screenshot after each step to <out-dir>/screenshots. TAP on stdout.
//   node vscode/ui.js <vsix> <workspace> <out-dir>        (SCREENSHOT_COPY=path copies the completion shot)
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { Checks, printTap } = require('../lib/checks');
const { scenarioPositions } = require('../lib/fixture');
const { installVsix, launchBrowser, makeProfile, startCodeServer, tempRoot } = require('./harness');

const ROUTE_KEYS = ['$connect', '$disconnect', '$default'];

/** Moves the cursor with "Go to Line/Column" (1-based line:column). */
async function goTo(page, position) {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`:${position.line + 1}:${position.character + 1}`);
  await input.press('Enter');
  await input.waitFor({ state: 'hidden' });
}

/** Waits until the element's CSS animations (e.g. the hover fade-in) have finished. */
function settled(locator) {
  return locator.evaluate((el) => Promise.all(el.getAnimations({ subtree: true }).map((a) => a.finished)));
}

async function main() {
  const [vsix, workspace, outDir] = process.argv.slice(2).map((p) => path.resolve(p));
  const shots = path.join(outDir, 'screenshots');
  fs.mkdirSync(shots, { recursive: true });
  const shot = (page, name) => page.screenshot({ path: path.join(shots, `ui-${name}.png`) });
  const positions = scenarioPositions(fs.readFileSync(path.join(workspace, 'serverless.yml'), 'utf8'));
  const root = tempRoot('sls-ui-');
  const profile = makeProfile(root, {});
  const checks = new Checks();
  let codeServer;
  let browser;
  try {
    await checks.check('the packaged .vsix installs into code-server', () => installVsix(profile, vsix));
    codeServer = await startCodeServer(profile, { workspace, logFile: path.join(outDir, 'vscode-ui-code-server.log') });
    browser = await launchBrowser(profile);
    const { page } = browser;
    const editor = page.locator('.editor-instance .monaco-editor').first();

    await checks.check('serverless.yml opens from the explorer', async () => {
      await page.goto(`${codeServer.url}?folder=${encodeURIComponent(workspace)}`);
      await page.locator('.monaco-workbench').waitFor();
      await page.getByRole('treeitem', { name: 'serverless.yml' }).click();
      await editor.locator('.view-lines').waitFor();
      await shot(page, '1-opened');
    });

    await checks.check('the SLS104 diagnostic shows as a squiggle and in the Problems panel', async () => {
      await editor.locator('.squiggly-error').first().waitFor();
      await page.keyboard.press('Control+Shift+M');
      await page.locator('.markers-panel').getByText('SLS104').first().waitFor();
      await shot(page, '2-diagnostic');
    });

    await checks.check('completion at a route value lists the route keys', async () => {
      await page.keyboard.press('Control+J'); // hide the panel so the whole file, squiggle included, is in view
      await page.locator('.markers-panel').waitFor({ state: 'hidden' });
      await editor.locator('.view-lines').click();
      await goTo(page, positions.routeValue);
      await page.keyboard.press('Control+Space');
      const widget = page.locator('.editor-widget.suggest-widget.visible');
      for (const key of ROUTE_KEYS) await widget.locator('.monaco-list-row .label-name', { hasText: key }).first().waitFor();
      await settled(widget);
      await shot(page, '3-completion');
      if (process.env.SCREENSHOT_COPY) fs.copyFileSync(path.join(shots, 'ui-3-completion.png'), process.env.SCREENSHOT_COPY);
      await page.keyboard.press('Escape');
      await widget.waitFor({ state: 'hidden' });
    });

    await checks.check('hover on route shows the docs', async () => {
      await goTo(page, positions.routeKey);
      await page.keyboard.press('Control+K');
      await page.keyboard.press('Control+I');
      const hover = page.locator('.monaco-hover:not(.hidden)').filter({ hasText: /\S{3,}.*\s\S{3,}/ }).first();
      await hover.waitFor();
      await settled(hover);
      await shot(page, '4-hover');
      await page.keyboard.press('Escape');
    });

    await checks.check('the quick-fix menu applies the fix and the diagnostic disappears', async () => {
      await page.keyboard.press('Control+Shift+M');
      await page.locator('.markers-panel').getByText('SLS104').first().waitFor();
      await editor.locator('.view-lines').click();
      await goTo(page, positions.logLevelValue);
      await page.keyboard.press('Control+.');
      const menu = page.locator('.action-widget');
      await menu.getByText(/ERROR/).first().waitFor();
      await shot(page, '5-quick-fix-menu');
      await page.keyboard.press('Enter'); // a click is intercepted by .context-view-pointerBlock
      await editor.locator('.view-line', { hasText: 'level: ERROR' }).waitFor();
      await editor.locator('.squiggly-error').first().waitFor({ state: 'detached' });
      await page.locator('.markers-panel').getByText('SLS104').first().waitFor({ state: 'detached' });
      await shot(page, '6-fixed');
    });
  } catch (error) {
    await checks.check('the UI run completes', () => { throw error; });
  } finally {
    if (browser) {
      if (checks.failed > 0) await browser.page.screenshot({ path: path.join(shots, 'ui-failure.png') }).catch(() => {});
      await browser.context.close();
    }
    if (codeServer) await codeServer.stop();
    fs.rmSync(root, { recursive: true, force: true });
  }
  printTap(checks.results);
  return checks.failed === 0 ? 0 : 1;
}

main().then((code) => process.exit(code), (error) => {
  console.log(`not ok 1 - the UI run completes\n  # ${String(error.stack || error).split('\n').join('\n  # ')}`);
  process.exit(1);
});
