#!/usr/bin/env bash
# Whole-run throughput and memory on Scenarios/bench-large.xml (1,200 villages), event log
# written, at 5 and 10 years, first the world alone (alerts off), then with the alert rules
# running inline. Targets: world ≥ 1 M events/s, peak memory ≤ 256 MiB and the same for both
# horizons; the rules add at most 50% to the run's time.
#
#   Tools/bench/world.sh [OUT_DIR]      (default: a temporary folder, removed afterwards)
set -euo pipefail
. "$(dirname "$0")/prelude.sh" "$@"

for alerts in false true; do
    for years in 5 10; do
        scenario="$out/bench-large-${years}y-${alerts}.xml"
        sed -e "s/horizon=\"P10Y\"/horizon=\"P${years}Y\"/" \
            -e "s/<output events=\"true\" alerts=\"true\"/<output events=\"true\" alerts=\"${alerts}\"/" \
            "$root/Scenarios/bench-large.xml" > "$scenario"
        run="$out/${years}y-${alerts}"
        peak_kib=$( { /usr/bin/time -f "%M" "$sanzi" run "$scenario" --out "$run" --quiet; } 2>&1 | tail -n 1)
        python3 - "$run/run.json" "$years" "$peak_kib" "$alerts" <<'PY'
import json, sys
run = json.load(open(sys.argv[1]))
print(json.dumps({"horizon_years": int(sys.argv[2]), "alerts_inline": sys.argv[4] == "true",
                  "villages": run["villages"], "events": run["events"], "alerts": run["alerts"],
                  "seconds": run["wall_seconds"], "events_per_second": run["events_per_second"],
                  "peak_rss_mib": round(int(sys.argv[3]) / 1024, 1)}))
PY
    done
done
