#!/usr/bin/env bash
# Packages editors/vscode as $OUT_DIR/serverless-ls.vsix (no bundled server: the suites choose
# the server through the setting or PATH) and unpacks it to $OUT_DIR/vsix for the extension host.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

rm -rf "$OUT_DIR/vsix" "$OUT_DIR/serverless-ls.vsix"
"$REPO_DIR/editors/vscode/scripts/package.sh" --out "$OUT_DIR/serverless-ls.vsix" >"$OUT_DIR/vsce.log" 2>&1 ||
  { cat "$OUT_DIR/vsce.log"; echo "not ok 1 - package the extension with vsce"; exit 1; }
python3 -m zipfile -e "$OUT_DIR/serverless-ls.vsix" "$OUT_DIR/vsix"
test -f "$OUT_DIR/vsix/extension/dist/extension.js"
echo "ok 1 - package the extension with vsce ($(du -k "$OUT_DIR/serverless-ls.vsix" | cut -f1) KB)"
