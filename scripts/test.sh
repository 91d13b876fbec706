#!/usr/bin/env bash
# npm test: the tools the suite needs, the type check and the scanner build, then the whole tap suite.
# Extra arguments go to tap (e.g. `npm test -- test/server/vehicles`).
#
# Time matters on a 2-core machine (the suite should stay under about 25 minutes there):
# - the type check and the scanner build do not depend on each other, so they run side by side, each
#   printing its output only when it fails;
# - one throwaway PostgreSQL cluster serves every test file (KAKOU_TEST_DATABASE_URL), instead of each
#   file that needs the second engine running initdb and starting a server of its own. A URL already
#   set (a server you run yourself) is used as it is.
set -uo pipefail
cd "$(dirname "$0")/.."

bash scripts/test-tools.sh || exit 1

work=$(mktemp -d)
pg_dir=""
cleanup() {
  if [[ -n "$pg_dir" ]]; then
    bash scripts/pg-cluster.sh stop "$pg_dir" >/dev/null 2>&1
    rm -rf "$pg_dir"
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# tap builds its plugin set (package.json "tap.plugin" leaves out @tapjs/typescript: tsx loads the
# TypeScript) when it first runs after `npm ci`, but that first run still starts every test file with the
# plugins it had before the build: @tapjs/typescript's loader, which loads the TypeScript compiler into
# each test process (about 5 s of CPU per file, measured; more than the whole rest of a short file's
# start-up). Building it first makes the suite's own run use the right set.
npx tap build >"$work/tap-build.log" 2>&1 || { echo "npx tap build failed:"; cat "$work/tap-build.log"; exit 1; }

npm run --silent typecheck >"$work/typecheck.log" 2>&1 &
typecheck=$!
npm run --silent build:scanner >"$work/build.log" 2>&1 &
build=$!
failed=0
wait "$typecheck" || { echo "npm run typecheck failed:"; cat "$work/typecheck.log"; failed=1; }
wait "$build" || { echo "npm run build:scanner failed:"; cat "$work/build.log"; failed=1; }
[[ $failed -eq 0 ]] || exit 1
echo "type check and scanner build: ok"

if [[ -z "${KAKOU_TEST_DATABASE_URL:-}" ]]; then
  # As root the server runs as the postgres user, who must reach the socket dir: /tmp, not a closed $TMPDIR.
  pg_dir=$(mktemp -d "$([[ $(id -u) -eq 0 ]] && echo /tmp || echo "${TMPDIR:-/tmp}")/kakou-pg-suite-XXXXXX")
  if url=$(bash scripts/pg-cluster.sh start "$pg_dir" 2>"$work/pg.log"); then
    export KAKOU_TEST_DATABASE_URL="$url"
    echo "PostgreSQL for the suite: $url"
  else
    # test-tools.sh installed PostgreSQL when it could; without it the second engine's tests skip
    # (or fail under KAKOU_REQUIRE_POSTGRES=1), saying why.
    echo "no shared PostgreSQL cluster (the engine tests will start their own or skip):"
    cat "$work/pg.log"
    rm -rf "$pg_dir"
    pg_dir=""
  fi
fi

npx tap "$@"
