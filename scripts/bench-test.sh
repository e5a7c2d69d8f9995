#!/usr/bin/env bash
# Benchmark of `npm test` (the developers' guide: under 60 s on a 2-core machine): runs it N times (default 3)
# and prints, per run, the wall time, the CPU time of every process it started, and its five slowest test files.
# Usage: scripts/bench-test.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
report=$(mktemp -d)
trap 'rm -rf "$report"' EXIT
for run in $(seq 1 "$runs"); do
  start=$(date +%s%N)
  # `times` prints this shell's and its children's user and system time; the subshell starts at zero.
  cpu=$( (npm test -- --json --outputFile="$report/jest.json" >"$report/log" 2>&1 || { tail -30 "$report/log" >&2; exit 1; }; times) | tail -1)
  end=$(date +%s%N)
  node -e '
    const [start, end, cpu] = process.argv.slice(1);
    const wall = (Number(end) - Number(start)) / 1e9;
    const toS = (t) => { const [m, s] = t.replace("s", "").split("m"); return Number(m) * 60 + Number(s); };
    const [user, sys] = cpu.trim().split(/\s+/).map(toS);
    const r = require(process.argv[4]);
    const files = r.testResults.map((t) => [(t.endTime - t.startTime) / 1000, t.name.replace(/.*\/test\//, "test/")]).sort((a, b) => b[0] - a[0]);
    console.log(`run: ${wall.toFixed(1)} s wall, ${(user + sys).toFixed(0)} CPU-s, ${r.numPassedTests}/${r.numTotalTests} tests in ${r.numTotalTestSuites} files`);
    for (const [s, f] of files.slice(0, 5)) console.log(`  ${s.toFixed(1).padStart(5)} s  ${f}`);
  ' "$start" "$end" "$cpu" "$report/jest.json"
done
