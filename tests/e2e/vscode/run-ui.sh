#!/usr/bin/env bash
# Runs the VS Code UI suite (ui.js) against $SERVER, found by the extension on PATH; TAP on stdout.
# Needs $OUT_DIR/serverless-ls.vsix from package-vsix.sh. SCREENSHOT_COPY=FILE also saves the
# completion screenshot there (used to refresh editors/vscode/images/screenshot.png).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

PATH="$(server_on_path):$PATH" \
  node "$E2E_DIR/vscode/ui.js" "$OUT_DIR/serverless-ls.vsix" "$(make_workspace ui-workspace)" "$OUT_DIR"
