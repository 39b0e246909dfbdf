#!/usr/bin/env bash
# Fuzzes what Sanzi reads with libFuzzer: scenario files, thresholds files, event logs, and
# scenarios at the edges of what validation accepts (simulated for six months).
#
#   Tools/fuzz/run.sh [SECONDS] [HARNESS...]     default: 60 seconds each, all four harnesses
#
# Builds the `sanzi-fuzz` product with -sanitize=fuzzer into .build-fuzz (release, so the
# executions count), then runs each harness for SECONDS from the seed corpus in
# Tools/fuzz/corpus/HARNESS (read only; new inputs go to .build-fuzz/corpus/HARNESS). A crash
# leaves its input in .build-fuzz/crashes/ and fails the script; reproduce it without the
# fuzzer with `swift run sanzi-fuzz HARNESS FILE`. Prints executions and crashes per harness.
set -euo pipefail
cd "$(dirname "$0")/../.."

seconds="${1:-60}"
shift || true
harnesses=("$@")
[ ${#harnesses[@]} -gt 0 ] || harnesses=(scenario thresholds log edges)

swift build -c release --product sanzi-fuzz --build-path .build-fuzz \
    -Xswiftc -sanitize=fuzzer -Xswiftc -parse-as-library -Xswiftc -DFUZZING >/dev/null
fuzzer=.build-fuzz/release/sanzi-fuzz
mkdir -p .build-fuzz/crashes

failed=0
for harness in "${harnesses[@]}"; do
    work=".build-fuzz/corpus/$harness"
    mkdir -p "$work"
    log=".build-fuzz/$harness.log"
    started=".build-fuzz/$harness.started"
    touch "$started"
    status=0
    SANZI_FUZZ="$harness" "$fuzzer" -max_total_time="$seconds" -max_len=65536 -timeout=30 -rss_limit_mb=4096 \
        -print_final_stats=1 -artifact_prefix=".build-fuzz/crashes/$harness-" \
        "$work" "Tools/fuzz/corpus/$harness" >"$log" 2>&1 || status=$?
    runs=$(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}')
    # Only this run's artifacts: earlier ones stay for reproducing, and are not counted again.
    # A slow unit (over 10 s) is reported, not failed: it is kept to be looked at.
    crashes=$(find .build-fuzz/crashes -name "$harness-*" ! -name "$harness-slow-unit-*" -newer "$started" | wc -l)
    slow=$(find .build-fuzz/crashes -name "$harness-slow-unit-*" -newer "$started" | wc -l)
    echo "fuzz $harness: ${runs:-0} executions in $seconds s, $crashes crashes, $slow slow units (exit $status; log $log; peak $(grep -E '^stat::peak_rss_mb' "$log" | awk '{print $2}') MiB)"
    if [ "$status" -ne 0 ] || [ "$crashes" -ne 0 ]; then
        failed=1
        grep -E "ERROR|Fatal error|SUMMARY" "$log" | head -5 || true
    fi
done
exit $failed
