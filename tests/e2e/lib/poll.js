// Polling with a generous timeout: every wait in the suites is a condition checked repeatedly,
// never a fixed sleep.
'use strict';

async function waitFor(what, check, { timeoutMs = 20000, intervalMs = 25 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

module.exports = { waitFor };
