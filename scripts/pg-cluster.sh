#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests and CI: scripts/pg-cluster.sh start DIR | stop DIR
#
# start: initdb in DIR/data (C locale, UTF-8, trust auth: nothing listens but a unix socket in DIR,
#        which only this machine's users who can reach DIR can open), then starts it and prints the
#        connection URL of its `postgres` database, e.g. postgres://postgres@/postgres?host=/tmp/x
# stop:  stops it (fast shutdown). Removing DIR afterwards is the caller's business.
#
# PostgreSQL refuses to run as root. CI runs as root, so then initdb, pg_ctl and the server run as
# the `postgres` user (Debian's package creates it) through runuser, and DIR is handed to it.
set -euo pipefail

cmd=${1:-}
dir=${2:-}
if [[ -z "$cmd" || -z "$dir" ]]; then
  echo "usage: $0 start|stop DIR" >&2
  exit 2
fi

bindir=""
if command -v initdb >/dev/null 2>&1; then
  bindir=$(dirname "$(command -v initdb)")
else
  for d in /usr/lib/postgresql/*/bin; do [[ -x "$d/initdb" ]] && bindir=$d; done
fi
if [[ -z "$bindir" ]]; then
  echo "pg-cluster: initdb not found (install PostgreSQL, e.g. Debian's postgresql package)" >&2
  exit 3
fi

as_pg=()
if [[ $(id -u) -eq 0 ]]; then
  if ! id -u postgres >/dev/null 2>&1; then
    echo "pg-cluster: running as root and there is no postgres user to run the server as" >&2
    exit 3
  fi
  as_pg=(runuser -u postgres --)
fi

dir=$(mkdir -p "$dir" && cd "$dir" && pwd)
data="$dir/data"
log="$dir/postgres.log"

case "$cmd" in
  start)
    if [[ ${#as_pg[@]} -gt 0 ]]; then
      chown postgres: "$dir"
      # The postgres user must be able to reach DIR: a temp dir under a 0700 parent would stop it.
      chmod 0755 "$dir"
      if ! runuser -u postgres -- test -w "$dir"; then
        echo "pg-cluster: the postgres user cannot reach $dir (a parent directory is closed to it); use a DIR under /tmp" >&2
        exit 3
      fi
    fi
    if [[ ! -f "$data/PG_VERSION" ]]; then
      "${as_pg[@]}" "$bindir/initdb" -D "$data" -U postgres --no-locale -E UTF8 --auth=trust >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
    fi
    # No TCP at all (listen_addresses=''): the socket in DIR is the only way in. fsync off: the
    # cluster is thrown away, and tests should not wait on the disk.
    "${as_pg[@]}" "$bindir/pg_ctl" -D "$data" -l "$log" -w -t 60 \
      -o "-c listen_addresses='' -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null \
      || { cat "$log" >&2; exit 1; }
    echo "postgres://postgres@/postgres?host=$dir"
    ;;
  stop)
    if [[ -f "$data/postmaster.pid" ]]; then
      "${as_pg[@]}" "$bindir/pg_ctl" -D "$data" -m fast -w stop >/dev/null
    fi
    ;;
  *)
    echo "usage: $0 start|stop DIR" >&2
    exit 2
    ;;
esac
