# Shared by the suite runners (sourced): paths, a fresh temporary folder per run (removed on exit),
# a fresh copy of the fixture, and a PATH entry whose `serverless-ls` is the server under test.
# Requires SERVER (absolute path of the server binary) and OUT_DIR (results folder).

E2E_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REPO_DIR="$(cd "$E2E_DIR/../.." && pwd)"
: "${SERVER:?SERVER must name the server binary}"
SERVER="$(realpath -e "$SERVER")"
: "${OUT_DIR:?OUT_DIR must be the results folder}"
mkdir -p "$OUT_DIR"

RUN_TMP="$(mktemp -d "${TMPDIR:-/tmp}/sls-e2e.XXXXXX")"
cleanup_tmp() { rm -rf "$RUN_TMP"; }
trap cleanup_tmp EXIT

# make_workspace NAME: copies the fixture to $RUN_TMP/NAME and prints that path.
make_workspace() {
  cp -r "$E2E_DIR/fixture" "$RUN_TMP/$1"
  echo "$RUN_TMP/$1"
}

# server_on_path: prints a folder holding `serverless-ls` -> $SERVER, for editors that run the
# command by name.
server_on_path() {
  mkdir -p "$RUN_TMP/bin"
  ln -sf "$SERVER" "$RUN_TMP/bin/serverless-ls"
  echo "$RUN_TMP/bin"
}
