#!/usr/bin/env bash
# The browser suite three times in a row, with no retries, while a CPU-heavy job
# runs beside it on every core: the proof that no test waits for time instead of
# state (docs/architecture.md §8). Run it on an otherwise idle machine, after
# `npm run build && npm run package`:
#
#   scripts/loadedSuite.sh            # load from stress-ng if installed (apt-get install stress-ng), else busy Node loops
#   RUNS=5 scripts/loadedSuite.sh     # more runs
#
# Prints each run's wall time and exits non-zero at the first failing run.
set -euo pipefail
cd "$(dirname "$0")/.."

runs="${RUNS:-3}"
cores="$(nproc)"
# Not under test-results/: Playwright empties that folder as each run starts.
log_dir=".tmp/loaded-suite"
mkdir -p "$log_dir"

if command -v stress-ng >/dev/null; then
  stress-ng --cpu "$cores" --cpu-method matrixprod --quiet &
  load="stress-ng --cpu $cores"
else
  # One busy loop per core, at normal priority: the suite competes for every core.
  node -e "const {Worker}=require('node:worker_threads');for(let i=1;i<$cores;i++)new Worker('for(;;){}',{eval:true});for(;;){}" &
  load="$cores busy Node threads"
fi
load_pid=$!
trap 'kill "$load_pid" 2>/dev/null || true' EXIT
echo "load beside the suite: $load (pid $load_pid)"

total_start=$SECONDS
for run in $(seq 1 "$runs"); do
  start=$SECONDS
  if npx playwright test --retries=0 >"$log_dir/run-$run.log" 2>&1; then
    echo "run $run/$runs: passed in $((SECONDS - start)) s"
  else
    echo "run $run/$runs: FAILED after $((SECONDS - start)) s; see $log_dir/run-$run.log"
    grep -E '✘|[0-9]+ failed|Error:' "$log_dir/run-$run.log" | head -40 || true
    exit 1
  fi
done
echo "all $runs runs passed under load; total wall time $((SECONDS - total_start)) s"
