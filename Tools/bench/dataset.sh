#!/usr/bin/env bash
# Dataset throughput on Scenarios/bench-large.xml (1,200 villages, ten years): writes
# REPLICATIONS replications (default 11, just over one million transaction rows) with
# --jobs JOBS (default 2) in CSV, then, as a reference measured in the same run, one plain
# `sanzi run` of the same scenario (event log and alerts written). Target: one million
# transaction rows in under 60 s on two cores.
#
#   Tools/bench/dataset.sh [REPLICATIONS] [JOBS]
#
# Prints one JSON line: rows, seconds, seconds per million transaction rows, peak memory,
# CPU use, and how many plain runs one dataset replication costs (`replication_vs_run`).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
replications="${1:-11}"
jobs="${2:-2}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

swift build --package-path "$root" -c release --product sanzi >&2
sanzi="$(swift build --package-path "$root" -c release --show-bin-path)/sanzi"
scenario="$root/Scenarios/bench-large.xml"

measure() {  # prints "seconds peak_kib cpu_percent" of the command
    /usr/bin/time -f "%e %M %P" "$@" 2>&1 >/dev/null | tail -n 1 | tr -d '%'
}
read -r seconds peak_kib cpu <<<"$(measure "$sanzi" dataset "$scenario" --replications "$replications" \
    --jobs "$jobs" --out "$out/dataset" --quiet)"
read -r run_seconds _ _ <<<"$(measure "$sanzi" run "$scenario" --out "$out/run" --quiet)"
python3 - "$out/dataset/datacard.json" "$replications" "$jobs" "$seconds" "$peak_kib" "$cpu" "$run_seconds" <<'PY'
import json, sys
card = json.load(open(sys.argv[1]))
replications, jobs = int(sys.argv[2]), int(sys.argv[3])
seconds, peak_kib, cpu, run_seconds = float(sys.argv[4]), int(sys.argv[5]), float(sys.argv[6]), float(sys.argv[7])
rows = {table["name"]: table["rows"] for table in card["tables"]}
print(json.dumps({
    "replications": replications, "jobs": jobs, "transaction_rows": rows["transactions"],
    "ledger_rows": rows["ledger"], "event_rows": rows["events"], "seconds": seconds,
    "seconds_per_million_transaction_rows": round(seconds * 1e6 / rows["transactions"], 1),
    "target_seconds_per_million": 60, "peak_rss_mib": round(peak_kib / 1024, 1), "cpu_percent": cpu,
    "reference_run_seconds": run_seconds,
    "replication_vs_run": round(seconds * jobs / replications / run_seconds, 2)}))
PY
