#!/usr/bin/env bash
# What a second core buys a whole run: Scenarios/bench-large.xml (1,200 villages, 10 years,
# rules inline, every output written) with --jobs 1 and then --jobs 2, the pair repeated ROUNDS
# times (default 3) so that each pair's two runs are seconds apart: this machine's speed moves
# by up to 1.7 times from hour to hour, and a ratio of runs an hour apart says little.
#
# Prints one JSON line per run (round and jobs, then what prelude.sh's measured_run measures:
# events; seconds, the whole command from start to exit; simulation_seconds; user_seconds and
# system_seconds, its processor time on all its threads; events_per_second, the events over
# seconds; peak_mib) and one per round (round, speedup_jobs_2_over_1, jobs_2_events_per_second,
# and meets_issue_19: whether --jobs 2 ran at 2 M events/s or more, or at 1.7 times --jobs 1 or
# more, the two marks issue 19 sets), then a last line with the medians and how many rounds met
# the marks. It checks that both runs of a round wrote the same bytes (events.jsonl,
# alerts.csv, report.json).
#
#   Tools/bench/jobs.sh [OUT_DIR]      (default: a temporary folder, removed afterwards)
#   ROUNDS=10 Tools/bench/jobs.sh
set -euo pipefail
rounds="${ROUNDS:-3}"
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || { echo "ROUNDS must be a whole number of rounds, 1 or more (got '$rounds')" >&2; exit 2; }
. "$(dirname "$0")/prelude.sh" "$@"

results="$out/jobs.jsonl"
: > "$results"
for round in $(seq "$rounds"); do
    for jobs in 1 2; do
        run="$out/run-$jobs"
        measured_run "{\"round\": $round, \"jobs\": $jobs}" "$run" "$root/Scenarios/bench-large.xml" --jobs "$jobs" \
            >> "$results"
        tail -n 1 "$results"
    done
    for file in events.jsonl alerts.csv report.json; do
        cmp -s "$out/run-1/$file" "$out/run-2/$file" || { echo "$file differs between --jobs 1 and 2" >&2; exit 1; }
    done
    python3 - "$results" "$round" >> "$results" <<'PY'
import json, sys
rows = {row["jobs"]: row for row in map(json.loads, open(sys.argv[1])) if row.get("round") == int(sys.argv[2])}
speedup = rows[1]["seconds"] / rows[2]["seconds"]
rate = rows[2]["events_per_second"]
print(json.dumps({"round": int(sys.argv[2]), "speedup_jobs_2_over_1": round(speedup, 2), "jobs_2_events_per_second": rate,
                  "meets_issue_19": rate >= 2_000_000 or speedup >= 1.7}))
PY
    tail -n 1 "$results"
    rm -rf "$out/run-1" "$out/run-2"
done
python3 - "$results" <<'PY'
import json, statistics, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
runs = [row for row in rows if "jobs" in row]
pairs = [row for row in rows if "jobs" not in row]
print(json.dumps({"rounds": len(pairs),
                  "median_speedup_jobs_2_over_1": round(statistics.median(row["speedup_jobs_2_over_1"] for row in pairs), 2),
                  "median_jobs_2_events_per_second": round(statistics.median(row["jobs_2_events_per_second"] for row in pairs)),
                  "median_seconds": {str(jobs): round(statistics.median(row["seconds"] for row in runs if row["jobs"] == jobs), 2)
                                     for jobs in (1, 2)},
                  "rounds_meeting_issue_19": sum(row["meets_issue_19"] for row in pairs)}))
PY
