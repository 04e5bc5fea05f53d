#!/usr/bin/env bash
# Runs every editor end-to-end suite against one server binary and prints `N passed, N failed`
# (a pass or fail per check, from the suites' TAP lines); exits non-zero when anything failed.
#   tests/e2e/setup.sh && SERVER=target/release/serverless-ls tests/e2e/run-all.sh
# SERVER: the server binary (relative to the caller's folder; default: the repository's
# target/release/serverless-ls). UPDATE_SCREENSHOT=1 refreshes editors/vscode/images/screenshot.png
# from the UI suite. Logs, result files and screenshots go to tests/e2e/e2e-out/.
set -uo pipefail

E2E_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$E2E_DIR/../.." && pwd)"
SERVER="$(realpath -e "${SERVER:-$REPO_DIR/target/release/serverless-ls}")" || { echo "SERVER not found"; echo "0 passed, 1 failed"; exit 1; }
[ -x "$SERVER" ] || { echo "SERVER $SERVER is not executable"; echo "0 passed, 1 failed"; exit 1; }
OUT_DIR="$E2E_DIR/e2e-out"
export SERVER OUT_DIR
if [ "${UPDATE_SCREENSHOT:-}" = 1 ]; then export SCREENSHOT_COPY="$REPO_DIR/editors/vscode/images/screenshot.png"; fi

rm -rf "$OUT_DIR"
mkdir -p "$OUT_DIR"
echo "server: $SERVER"

passed=0
failed=0

# run_suite NAME COMMAND...: runs one suite with a time limit, shows and logs its output, counts its TAP lines.
run_suite() {
  local name="$1"; shift
  local log="$OUT_DIR/$name.log" start=$SECONDS rc ok notok
  printf '\n== %s\n' "$name"
  timeout 600 "$@" >"$log" 2>&1
  rc=$?
  grep -E '^(not )?ok |^  # ' "$log" | sed 's/^/  /'
  ok=$(grep -cE '^ok ' "$log")
  notok=$(grep -cE '^not ok ' "$log")
  if [ "$rc" -ne 0 ] && [ "$notok" -eq 0 ]; then
    notok=1
    echo "  not ok - $name exited with status $rc (see $log)"
    tail -n 20 "$log" | sed 's/^/    /'
  fi
  passed=$((passed + ok))
  failed=$((failed + notok))
  echo "  ($ok passed, $notok failed, $((SECONDS - start)) s)"
  return "$rc"
}

cd "$E2E_DIR"
run_suite vscode-unit node --test --test-reporter=tap unit/
run_suite protocol node --test --test-reporter=tap protocol/
run_suite neovim nvim/run.sh
if run_suite vscode-package vscode/package-vsix.sh; then
  run_suite vscode-exthost vscode/run-exthost.sh
  run_suite vscode-ui vscode/run-ui.sh
fi

echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
