#!/usr/bin/env bash
# How a whole run's cost grows with the world: Scenarios/bench-large.xml (4 districts of 5
# towns) scaled to 120, 1,200 and 12,000 villages over 5 years, rules inline and every output
# written, one after the other on this machine. Prints one JSON line per size (villages,
# events, seconds, events_per_second, peak_mib) and a last line with the growth from 1,200 to
# 12,000 villages against linear: time_ratio_to_linear (1 = linear; issue 19 asks at most 1.1)
# and memory_ratio (peak at 12,000 / peak at 1,200; issue 19 asks both under 256 MiB).
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
    run="$out/run-$1"
    peak_kib=$( { /usr/bin/time -f "%M" "$sanzi" run "$scenario" --out "$run" --force --quiet; } 2>&1 | tail -n 1)
    python3 - "$run/run.json" "$peak_kib" >> "$results" <<'PY'
import json, sys
run = json.load(open(sys.argv[1]))
print(json.dumps({"villages": run["villages"], "events": run["events"], "seconds": run["wall_seconds"],
                  "events_per_second": run["events_per_second"], "peak_mib": round(int(sys.argv[2]) / 1024)}))
PY
    tail -n 1 "$results"
done
python3 - "$results" <<'PY'
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
small, large = rows[1], rows[2]
print(json.dumps({"growth": f"{small['villages']} -> {large['villages']} villages",
                  "time_ratio_to_linear": round(large["seconds"] / small["seconds"] / (large["villages"] / small["villages"]), 2),
                  "memory_ratio": round(large["peak_mib"] / small["peak_mib"], 2),
                  "jobs": "one process, no --jobs yet (issue 19)"}))
PY
