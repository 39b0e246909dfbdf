#!/usr/bin/env bash
# How the world's own cost per event grows with its size: bench-large shaped by districts
# (scale_scenario.py) at 1,200, 2,400, 4,800, 9,600, 12,000 and 24,000 villages over 5 years,
# the world alone (no log, no rules, no reports) on one thread (--jobs 1), one size after the
# other. Prints one JSON line per size (villages, events, seconds of the whole command,
# events_per_second over them, peak_mib, and cost_per_event against the 1,200-village run:
# 1 = the same cost per event, i.e. linear), so one can see whether the world's cost grows
# with its size for good or only until its working set no longer fits in the caches.
#
#   Tools/bench/world_scale.sh [OUT_DIR]      (default: a temporary folder, removed afterwards)
set -euo pipefail
. "$(dirname "$0")/prelude.sh" "$@"

results="$out/world_scale.jsonl"
: > "$results"
for villages in 1200 2400 4800 9600 12000 24000; do
    scenario="$out/world-$villages.xml"
    python3 "$here/scale_scenario.py" "$root/Scenarios/bench-large.xml" districts "$villages" world > "$scenario"
    run="$out/run-$villages"
    measured=$( { /usr/bin/time -f "%e %M" "$sanzi" run "$scenario" --out "$run" --force --quiet --jobs 1; } 2>&1 | tail -n 1)
    python3 - "$run/run.json" "$results" $measured <<'PY'
import json, sys
run, results = json.load(open(sys.argv[1])), sys.argv[2]
seconds, peak_kib = float(sys.argv[3]), int(sys.argv[4])
rows = [json.loads(line) for line in open(results)]
per_event = seconds / run["events"]
first = rows[0]["seconds"] / rows[0]["events"] if rows else per_event
row = {"villages": run["villages"], "events": run["events"], "seconds": seconds,
       "events_per_second": round(run["events"] / seconds), "peak_mib": round(peak_kib / 1024),
       "cost_per_event": round(per_event / first, 2)}
open(results, "a").write(json.dumps(row) + "\n")
print(json.dumps(row))
PY
    rm -rf "$run"
done
