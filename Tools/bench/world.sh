#!/usr/bin/env bash
# Whole-run throughput and memory of the world on Scenarios/bench-large.xml (1,200 villages),
# with the event log written, at 5 and 10 years: events per second should be ≥ 1 M and peak
# memory ≤ 256 MiB and the same for both horizons (memory flat in the horizon).
#
#   Tools/bench/world.sh [OUT_DIR]      (default: a temporary folder, removed afterwards)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${1:-$(mktemp -d)}"
[ $# -ge 1 ] || trap 'rm -rf "$out"' EXIT

swift build --package-path "$root" -c release --product sanzi >&2
sanzi="$(swift build --package-path "$root" -c release --show-bin-path)/sanzi"

for years in 5 10; do
    scenario="$out/bench-large-${years}y.xml"
    sed "s/horizon=\"P10Y\"/horizon=\"P${years}Y\"/" "$root/Scenarios/bench-large.xml" > "$scenario"
    peak_kib=$( { /usr/bin/time -f "%M" "$sanzi" run "$scenario" --out "$out/${years}y" --quiet; } 2>&1 | tail -n 1)
    python3 - "$out/${years}y/run.json" "$years" "$peak_kib" <<'PY'
import json, sys
run = json.load(open(sys.argv[1]))
size = sum(1 for _ in open(sys.argv[1].replace("run.json", "events.jsonl"), "rb"))
print(json.dumps({"horizon_years": int(sys.argv[2]), "villages": run["villages"], "events": run["events"],
                  "engine_events": run["engine_events"], "seconds": run["wall_seconds"],
                  "events_per_second": run["events_per_second"], "peak_rss_mib": round(int(sys.argv[3]) / 1024, 1),
                  "log_lines": size}))
PY
done
