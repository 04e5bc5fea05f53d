#!/usr/bin/env bash
# Packages the extension as a .vsix with vsce: type-checks, bundles with esbuild (vsce runs the
# `vscode:prepublish` script) and, with --server, bundles that serverless-ls binary as
# server/serverless-ls so the extension works without anything on PATH.
#   scripts/package.sh [--server PATH/TO/serverless-ls] [--out FILE.vsix]
# Default output: serverless-ls-<version>.vsix in editors/vscode.
set -euo pipefail

EXT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
server=""
out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --server) server="$(realpath "$2")"; shift 2 ;;
    --out) out="$(realpath -m "$2")"; shift 2 ;;
    *) echo "usage: $0 [--server PATH] [--out FILE.vsix]" >&2; exit 2 ;;
  esac
done

cd "$EXT_DIR"
rm -rf server
if [ -n "$server" ]; then
  mkdir -p server
  cp "$server" server/serverless-ls
  chmod 755 server/serverless-ls
fi
trap 'rm -rf "$EXT_DIR/server"' EXIT

args=(package --no-dependencies)
[ -n "$out" ] && args+=(--out "$out")
npx --no-install vsce "${args[@]}"
