#!/usr/bin/env bash
# What the browser and QR tests need besides npm packages: Debian's chromium
# (driven by playwright-core; browser downloads are never used) and zbarimg
# (an independent QR decoder), and PostgreSQL's server binaries (the second
# storage engine: tests start a throwaway cluster of their own, see
# scripts/pg-cluster.sh; Debian puts initdb in /usr/lib/postgresql/*/bin). Installs them with apt-get when it can (root, or
# passwordless sudo); otherwise says exactly what to run and fails, so `npm test`
# never silently skips the browser tests on a fresh machine.
set -uo pipefail

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v zbarimg >/dev/null 2>&1 || need+=(zbar-tools)
have_initdb() {
  command -v initdb >/dev/null 2>&1 && return 0
  for d in /usr/lib/postgresql/*/bin; do [ -x "$d/initdb" ] && return 0; done
  return 1
}
have_initdb || need+=(postgresql)
[ ${#need[@]} -eq 0 ] && exit 0

if [ "$(id -u)" = 0 ]; then
  sudo_=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo_=(sudo -n)
else
  echo "The browser and database tests need Debian packages that are missing: ${need[*]}" >&2
  echo "Install them once, then run npm test again:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y ${need[*]}" >&2
  exit 1
fi

echo "installing test tools: ${need[*]}"
"${sudo_[@]}" apt-get update -qq &&
  DEBIAN_FRONTEND=noninteractive "${sudo_[@]}" apt-get install -y -qq "${need[@]}" >/dev/null || {
  echo "apt-get install ${need[*]} failed" >&2
  exit 1
}
