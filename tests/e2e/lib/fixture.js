// The e2e fixture for the JavaScript suites: copies tests/e2e/fixture into a fresh temporary
// workspace and finds the positions the scenario uses by searching the text (0-based LSP positions).
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');

const FIXTURE_DIR = path.join(__dirname, '..', 'fixture');

/** Copies the fixture into a new temporary folder and returns that folder. */
function makeWorkspace(prefix = 'sls-e2e-') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.cpSync(FIXTURE_DIR, dir, { recursive: true });
  return dir;
}

/** The position of the first occurrence of `needle` on a line matching `lineRe`, plus `offset` characters. */
function positionOf(text, lineRe, needle, offset = 0) {
  const lines = text.split(/\r?\n/);
  const line = lines.findIndex((l) => lineRe.test(l));
  if (line < 0) throw new Error(`fixture has no line matching ${lineRe}`);
  const character = lines[line].indexOf(needle);
  if (character < 0) throw new Error(`line ${line} has no ${JSON.stringify(needle)}`);
  return { line, character: character + offset };
}

/** Where the scenario looks: the start of the `$default` route value, and the `route` key. */
function scenarioPositions(text) {
  return {
    routeValue: positionOf(text, /^\s*route: \$default\s*$/, '$default'),
    routeKey: positionOf(text, /^\s*route: \$default\s*$/, 'route', 2),
    logLevelValue: positionOf(text, /^\s*level: error\s*$/, 'error'),
  };
}

module.exports = { FIXTURE_DIR, makeWorkspace, positionOf, scenarioPositions };
