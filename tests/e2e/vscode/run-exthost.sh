#!/usr/bin/env bash
# Runs the VS Code extension-host suite against $SERVER on a fresh copy of the fixture; TAP on stdout.
# Needs the unpacked .vsix from package-vsix.sh in $OUT_DIR/vsix.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

node "$E2E_DIR/vscode/run-exthost.js" "$OUT_DIR/vsix/extension" "$(make_workspace vscode-workspace)" "$OUT_DIR"
