#!/usr/bin/env bash
# How a whole run's cost grows with the world: Scenarios/bench-large.xml (4 districts of 5
# towns) scaled to 120, 1,200 and 12,000 villages over 5 years, rules inline and every output
# written, one after the other on this machine, each size with --jobs 1 and then --jobs 2.
# Prints one JSON line per run (villages, jobs, events, seconds, simulation_seconds,
# events_per_second, peak_mib; seconds is the whole command, from start to exit, and
# events_per_second the events over it; simulation_seconds is run.json's wall_seconds, the
# simulation with the rules and the log but not the reports after it) and then, per --jobs, the growth from 1,200
# to 12,000 villages against linear: time_ratio_to_linear (1 = linear; issue 19 asks at most
# 1.1) and memory_ratio (peak at 12,000 / peak at 1,200; issue 19 asks both under 256 MiB);
# and per size the speedup of --jobs 2 over --jobs 1 (same bytes either way).
#
#   Tools/bench/scale.sh [OUT_DIR]      (default: a temporary folder, removed afterwards)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${1:-$(mktemp -d)}"
mkdir -p "$out"
[ $# -ge 1 ] || trap 'rm -rf "$out"' EXIT

swift build --package-path "$root" -c release --product sanzi >&2
sanzi="$(swift build --package-path "$root" -c release --show-bin-path)/sanzi"

results="$out/scale.jsonl"
: > "$results"
# Villages per town: 55 peri-urban and 5 remote in the benchmark, scaled by 0.1, 1 and 10.
for scale in "5 1" "55 5" "550 50"; do
    set -- $scale
    scenario="$out/scale-$1.xml"
    sed -e 's/horizon="P10Y"/horizon="P5Y"/' \
        -e "s/<villages count=\"55\" profile=\"periurban\"\/><villages count=\"5\" profile=\"remote\"\/>/<villages count=\"$1\" profile=\"periurban\"\/><villages count=\"$2\" profile=\"remote\"\/>/" \
        "$root/Scenarios/bench-large.xml" > "$scenario"
    for jobs in 1 2; do
        run="$out/run-$1-$jobs"
        measured=$( { /usr/bin/time -f "%e %M" "$sanzi" run "$scenario" --out "$run" --force --quiet --jobs "$jobs"; } 2>&1 | tail -n 1)
        python3 - "$run/run.json" "$jobs" $measured >> "$results" <<'PY'
import json, sys
run = json.load(open(sys.argv[1]))
jobs, seconds, peak_kib = int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
print(json.dumps({"villages": run["villages"], "jobs": jobs, "events": run["events"], "seconds": seconds,
                  "simulation_seconds": run["wall_seconds"], "events_per_second": round(run["events"] / seconds),
                  "peak_mib": round(peak_kib / 1024)}))
PY
        tail -n 1 "$results"
    done
    cmp -s "$out/run-$1-1/events.jsonl" "$out/run-$1-2/events.jsonl" || { echo "events.jsonl differs between --jobs 1 and 2" >&2; exit 1; }
    cmp -s "$out/run-$1-1/report.json" "$out/run-$1-2/report.json" || { echo "report.json differs between --jobs 1 and 2" >&2; exit 1; }
    rm -rf "$out/run-$1-1" "$out/run-$1-2"
done
python3 - "$results" <<'PY'
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
by = {(row["villages"], row["jobs"]): row for row in rows}
sizes = sorted({row["villages"] for row in rows})
small, large = sizes[1], sizes[2]
for jobs in (1, 2):
    s, l = by[(small, jobs)], by[(large, jobs)]
    print(json.dumps({"growth": f"{small} -> {large} villages", "jobs": jobs,
                      "time_ratio_to_linear": round(l["seconds"] / s["seconds"] / (large / small), 2),
                      "memory_ratio": round(l["peak_mib"] / s["peak_mib"], 2)}))
for size in sizes:
    print(json.dumps({"villages": size, "speedup_jobs_2_over_1":
                      round(by[(size, 1)]["seconds"] / by[(size, 2)]["seconds"], 2)}))
PY
