#!/usr/bin/env bash
# The long form of the fuzz suite (docs/reliability/fuzz.md): the same files as
# in `npm test`, with FUZZ_RUNS raised so the targets together run well over
# 100,000 cases. FUZZ_RUNS and FUZZ_SEED may be set to replay a run.
set -euo pipefail
cd "$(dirname "$0")/.."
export FUZZ_RUNS="${FUZZ_RUNS:-1800}"
export FUZZ_SEED="${FUZZ_SEED:-$(( (RANDOM << 15 | RANDOM) ))}"
log="$(mktemp -t kakou-fuzz.XXXXXX)"
started=$(date +%s)
echo "fuzz: FUZZ_RUNS=$FUZZ_RUNS FUZZ_SEED=$FUZZ_SEED (log: $log)"
status=0
npx tap --timeout=7200 --reporter=tap --disable-coverage test/fuzz/*.test.ts >"$log" 2>&1 || status=$?
grep -E '^\s*not ok|counterexample|FUZZ_PATH' "$log" | head -50 || true
echo "cases per target:"
grep -hoE '# fuzz-cases .*' "$log" | sed -E 's/^# fuzz-cases //' | awk '{ n = $(NF-2); $(NF-1) = ""; $NF = ""; $(NF-2) = ""; printf "  %-28s %8d\n", $0, n; total += n } END { printf "  %-28s %8d\n", "total", total }'
echo "duration: $(( $(date +%s) - started )) s, seed $FUZZ_SEED, exit $status"
exit $status
