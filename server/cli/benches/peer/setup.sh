#!/usr/bin/env bash
# Installs the peer the LSP benchmark compares serverless-ls with, into a cache folder outside
# the repository (run by hand, never by CI):
#   - yaml-language-server, pinned, from npm (needs Node.js and npm);
#   - the Serverless schema SchemaStore points to: `serverless/reference.json` of the public
#     repository lalcebo/json-schema with the ~2,270 files it `$ref`s (22 MB), cloned at a fixed
#     commit. It is never committed here.
#
# Environment:
#   SLS_BENCH_CACHE       where to install (default: ${XDG_CACHE_HOME:-~/.cache}/serverless-ls-bench)
#   SLS_BENCH_SCHEMA_DIR  an existing checkout of lalcebo/json-schema to use instead of cloning
#
# Then: cargo bench -p serverless-ls --bench lsp   (it finds the peer in the same cache)
set -euo pipefail

YAML_LANGUAGE_SERVER_VERSION=1.25.0
SCHEMA_REPOSITORY=https://github.com/lalcebo/json-schema.git
SCHEMA_COMMIT=56a1a4559bf888dc59ebcd9704a8789c6ea2cd11

cache="${SLS_BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/serverless-ls-bench}"
mkdir -p "$cache"

echo "yaml-language-server $YAML_LANGUAGE_SERVER_VERSION -> $cache/yaml-language-server"
npm install --silent --no-audit --no-fund --no-package-lock \
  --prefix "$cache/yaml-language-server" "yaml-language-server@$YAML_LANGUAGE_SERVER_VERSION"

if [ -n "${SLS_BENCH_SCHEMA_DIR:-}" ]; then
  schema_dir="$SLS_BENCH_SCHEMA_DIR"
else
  schema_dir="$cache/json-schema"
  if [ ! -d "$schema_dir/.git" ]; then
    git clone --quiet "$SCHEMA_REPOSITORY" "$schema_dir"
  fi
  git -C "$schema_dir" -c advice.detachedHead=false checkout --quiet "$SCHEMA_COMMIT"
fi
test -f "$schema_dir/serverless/reference.json" || {
  echo "no serverless/reference.json in $schema_dir" >&2
  exit 1
}
echo "schema -> $schema_dir/serverless/reference.json"
