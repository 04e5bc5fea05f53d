// A sequence of named checks for the JavaScript suites that run outside node:test (inside the
// VS Code extension host, or driving the UI): each check runs once, failures are recorded with
// their message and the run continues; results print as TAP lines.
'use strict';

class Checks {
  constructor() {
    this.results = [];
  }

  async check(name, fn) {
    const start = Date.now();
    try {
      await fn();
      this.results.push({ name, ok: true, ms: Date.now() - start });
    } catch (error) {
      this.results.push({ name, ok: false, ms: Date.now() - start, error: error && error.stack ? error.stack : String(error) });
    }
  }

  get failed() {
    return this.results.filter((r) => !r.ok).length;
  }
}

/** Prints results as TAP lines (`ok N - name` / `not ok N - name` plus `#` details). */
function printTap(results, write = (line) => process.stdout.write(`${line}\n`)) {
  results.forEach((r, i) => {
    write(`${r.ok ? 'ok' : 'not ok'} ${i + 1} - ${r.name}`);
    if (!r.ok) write(`  # ${String(r.error).split('\n').slice(0, 8).join('\n  # ')}`);
  });
}

module.exports = { Checks, printTap };
