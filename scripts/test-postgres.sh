#!/usr/bin/env bash
# npm run test:postgres: the suite's storage-touching tests again, with the app on PostgreSQL
# (KAKOU_TEST_ENGINE=postgres: test/helpers/app.ts gives every test a database of its own, cloned from
# a migrated template). .ci/run runs it after `npm test`. Extra arguments replace the file list.
#
# Which files (scripts/postgres-test-files.mjs): those that build the server or its repositories, themselves
# or through any module they import (a helper, a fixture file of their own). Left out, each for a reason:
# - the pure modules' tests (test/core, test/scripts, most of test/scanner): no storage at all;
# - files that already run on both engines in `npm test` (onEachEngine);
# - test/postgres-pending.txt: files that still reach for SQLite itself (repos.db, a .sqlite file),
#   each listed with why. The list only shrinks.
set -uo pipefail
cd "$(dirname "$0")/.."

bash scripts/test-tools.sh || exit 1

pg_dir=""
cleanup() {
  if [[ -n "$pg_dir" ]]; then
    bash scripts/pg-cluster.sh stop "$pg_dir" >/dev/null 2>&1
    rm -rf "$pg_dir"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [[ -z "${KAKOU_TEST_DATABASE_URL:-}" ]]; then
  pg_dir=$(mktemp -d "$([[ $(id -u) -eq 0 ]] && echo /tmp || echo "${TMPDIR:-/tmp}")/kakou-pg-suite-XXXXXX")
  url=$(bash scripts/pg-cluster.sh start "$pg_dir") || { echo "test:postgres needs PostgreSQL (scripts/pg-cluster.sh failed)"; exit 1; }
  export KAKOU_TEST_DATABASE_URL="$url"
fi
export KAKOU_TEST_ENGINE=postgres KAKOU_REQUIRE_POSTGRES=1
echo "PostgreSQL for the suite: $KAKOU_TEST_DATABASE_URL"

if [[ $# -gt 0 ]]; then
  # Not exec: the EXIT trap must still run to stop the cluster this script started.
  npx tap "$@"
  exit $?
fi

mapfile -t files < <(node scripts/postgres-test-files.mjs)
echo "test:postgres: ${#files[@]} files ($(grep -cvE '^\s*(#|$)' test/postgres-pending.txt) left out, in test/postgres-pending.txt)"
npx tap "${files[@]}"
