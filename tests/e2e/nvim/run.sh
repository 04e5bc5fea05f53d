#!/usr/bin/env bash
# Runs the Neovim suite (test.lua) headless against $SERVER with the shipped config; TAP on stdout.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

workspace="$(make_workspace nvim-workspace)"
mkdir -p "$RUN_TMP/state"
PATH="$(server_on_path):$PATH" \
XDG_STATE_HOME="$RUN_TMP/state" XDG_CONFIG_HOME="$RUN_TMP/config" XDG_DATA_HOME="$RUN_TMP/data" \
E2E_CONFIG_DIR="$REPO_DIR/editors/neovim" E2E_WORKSPACE="$workspace" \
E2E_RESULT="$OUT_DIR/nvim-result.json" E2E_TIMEOUT_MS="${E2E_TIMEOUT_MS:-20000}" \
  timeout 120 "$E2E_DIR/.venv/bin/nvim" --headless --clean -l "$E2E_DIR/nvim/test.lua" </dev/null
