#!/usr/bin/env bash
# How a whole run's cost grows with the world: Scenarios/bench-large.xml (4 districts of 5
# towns of 60 villages) over 5 years at 120, 1,200 and 12,000 villages, rules inline and every
# output written, one after the other on this machine, each size with --jobs 1 and then
# --jobs 2. The world grows as a region does, by districts of the benchmark's towns
# (scale_scenario.py: 1 district of 2 towns, 4 districts, 40 districts); a last pair of runs
# scales it the way this script did before, 600 villages to each of the 20 towns, for
# comparison ("shape": "towns").
#
# Prints one JSON line per run (villages, shape, jobs, events, seconds, simulation_seconds,
# events_per_second, peak_mib; seconds is the whole command, from start to exit, and
# events_per_second the events over it; simulation_seconds is run.json's wall_seconds, the
# simulation with the rules and the log but not the reports after it) and then, per --jobs,
# the growth from 1,200 to 12,000 villages against linear: time_ratio_to_linear (1 = linear;
# issue 19 asks at most 1.1) and memory_ratio (peak at 12,000 / peak at 1,200; issue 19 asks
# both under 256 MiB); and per size the speedup of --jobs 2 over --jobs 1 (same bytes either
# way: the script checks events.jsonl and report.json).
#
#   Tools/bench/scale.sh [OUT_DIR]      (default: a temporary folder, removed afterwards)
set -euo pipefail
. "$(dirname "$0")/prelude.sh" "$@"

results="$out/scale.jsonl"
: > "$results"
for size in "districts 120" "districts 1200" "districts 12000" "towns 12000"; do
    set -- $size
    scenario="$out/scale-$1-$2.xml"
    python3 "$here/scale_scenario.py" "$root/Scenarios/bench-large.xml" "$1" "$2" > "$scenario"
    for jobs in 1 2; do
        run="$out/run-$1-$2-$jobs"
        measured=$( { /usr/bin/time -f "%e %M" "$sanzi" run "$scenario" --out "$run" --force --quiet --jobs "$jobs"; } 2>&1 | tail -n 1)
        python3 - "$run/run.json" "$1" "$jobs" $measured >> "$results" <<'PY'
import json, sys
run = json.load(open(sys.argv[1]))
shape, jobs, seconds, peak_kib = sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
print(json.dumps({"villages": run["villages"], "shape": shape, "jobs": jobs, "events": run["events"],
                  "seconds": seconds, "simulation_seconds": run["wall_seconds"],
                  "events_per_second": round(run["events"] / seconds), "peak_mib": round(peak_kib / 1024)}))
PY
        tail -n 1 "$results"
    done
    for file in events.jsonl report.json; do
        cmp -s "$out/run-$1-$2-1/$file" "$out/run-$1-$2-2/$file" || { echo "$file differs between --jobs 1 and 2" >&2; exit 1; }
    done
    rm -rf "$out/run-$1-$2-1" "$out/run-$1-$2-2"
done
python3 - "$results" <<'PY'
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
by = {(row["shape"], row["villages"], row["jobs"]): row for row in rows}
for shape in ("districts", "towns"):
    for jobs in (1, 2):
        small, large = by[("districts", 1200, jobs)], by[(shape, 12000, jobs)]
        print(json.dumps({"growth": "1200 -> 12000 villages", "shape": shape, "jobs": jobs,
                          "time_ratio_to_linear": round(large["seconds"] / small["seconds"] / 10, 2),
                          "memory_ratio": round(large["peak_mib"] / small["peak_mib"], 2)}))
for (shape, villages, jobs), row in sorted(by.items()):
    if jobs == 1:
        print(json.dumps({"villages": villages, "shape": shape, "speedup_jobs_2_over_1":
                          round(row["seconds"] / by[(shape, villages, 2)]["seconds"], 2)}))
PY
