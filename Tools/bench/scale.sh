#!/usr/bin/env bash
# How a whole run's cost grows with the world: Scenarios/bench-large.xml (4 districts of 5
# towns of 60 villages) over 5 years at 120, 1,200 and 12,000 villages, rules inline and every
# output written, one after the other on this machine, each size with --jobs 1 and then
# --jobs 2. The world grows as a region does, by districts of the benchmark's towns
# (scale_scenario.py: 1 district of 2 towns, 4 districts, 40 districts); a last pair of runs
# scales it the way this script did before, 600 villages to each of the 20 towns, for
# comparison ("shape": "towns").
#
# Prints one JSON line per run (villages, shape, jobs, round, events, seconds,
# simulation_seconds, user_seconds, system_seconds, events_per_second, peak_mib, estimate_mib:
# the memory `sanzi validate` estimates for the scenario; seconds is the
# whole command, from start to exit, and events_per_second the events over it;
# simulation_seconds is run.json's wall_seconds, the simulation with the rules and the log but
# not the reports after it; user_seconds and system_seconds are the command's processor time in
# its own code and in the kernel's, on all its threads) and then, per --jobs, the growth from
# 1,200 to 12,000 villages against linear: time_ratio_to_linear (1 = linear; issue 19 asks at
# most 1.1), user_time_ratio_to_linear (the same for user_seconds: the simulator's own work,
# without the kernel's, which on a virtual machine grows with the pages a run's 3 GB log takes
# from the host) and memory_ratio (peak at 12,000 / peak at 1,200, the largest over the rounds;
# issue 19 asks both under 256 MiB); and per size the speedup of --jobs 2 over --jobs 1 (same
# bytes either way: the script checks events.jsonl and report.json), the estimate, and the
# largest peak over it (peak_over_estimate: below 1 while the estimate holds).
#
# The same two sizes run split by district ("shape": "split": the districts' scenario with
# <geography news-window-days="7">, which the run pipeline runs as one world per district,
# SplitRun, on the threads --jobs leaves the rules), with their own growth line from 1,200 to
# 12,000 villages; a split run is another model than the whole one (news crosses districts at
# the windows' starts), so its times are beside the whole run's, not a ratio to them.
#
# Each round ends with the most splitting the world by district could save (docs/districts.md):
# one district of the 12,000 villages' shape (300 villages) run 40 times one after another,
# seeds 1 to 40, --jobs 1, every output written each time, a line with "shape":
# "districts-apart" (seconds, user_seconds and system_seconds of the 40 runs together); the
# last line gives its ratio to the 12,000 villages run whole with --jobs 1
# (apart_over_whole: 1 would mean a split could save nothing).
#
# This machine's speed moves by up to 1.7 times from hour to hour, and one run says little:
# ROUNDS=N repeats the whole sequence N times (default 1; each run's line says its round). The
# growth and speedup lines give the median over the rounds, each round's value beside it
# (time_ratio_to_linear_by_round, speedup_by_round): within a round the two sizes run minutes
# apart, while the rounds may be an hour apart.
#
#   Tools/bench/scale.sh [OUT_DIR]      (default: a temporary folder, removed afterwards)
#   ROUNDS=3 Tools/bench/scale.sh
set -euo pipefail
rounds="${ROUNDS:-1}"
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || { echo "ROUNDS must be a whole number of rounds, 1 or more (got '$rounds')" >&2; exit 2; }
. "$(dirname "$0")/prelude.sh" "$@"

sizes=("districts 120" "districts 1200" "districts 12000" "towns 12000" "split 1200" "split 12000")
for size in "${sizes[@]}" "districts 300"; do
    set -- $size
    if [ "$1" = split ]; then
        python3 "$here/scale_scenario.py" "$root/Scenarios/bench-large.xml" districts "$2" |
            sed 's/<geography>/<geography news-window-days="7">/' > "$out/scale-$1-$2.xml"
        grep -q 'news-window-days="7"' "$out/scale-$1-$2.xml" || { echo "no <geography> to give news windows" >&2; exit 1; }
    else
        python3 "$here/scale_scenario.py" "$root/Scenarios/bench-large.xml" "$1" "$2" > "$out/scale-$1-$2.xml"
    fi
done
results="$out/scale.jsonl"
: > "$results"
for round in $(seq "$rounds"); do
    for size in "${sizes[@]}"; do
        set -- $size
        for jobs in 1 2; do
            run="$out/run-$1-$2-$jobs"
            measured_run "{\"villages\": $2, \"shape\": \"$1\", \"jobs\": $jobs, \"round\": $round}" "$run" \
                "$out/scale-$1-$2.xml" --jobs "$jobs" >> "$results"
            tail -n 1 "$results"
        done
        for file in events.jsonl report.json; do
            cmp -s "$out/run-$1-$2-1/$file" "$out/run-$1-$2-2/$file" || { echo "$file differs between --jobs 1 and 2" >&2; exit 1; }
        done
        rm -rf "$out/run-$1-$2-1" "$out/run-$1-$2-2"
    done
    measured=$( { /usr/bin/time -f "%e %U %S" bash -c 'for seed in $(seq 40); do
        "$1" run "$2" --seed "$seed" --out "$3" --force --quiet --jobs 1 || exit 1; done' \
        _ "$sanzi" "$out/scale-districts-300.xml" "$out/run-apart"; } 2>&1 | tail -n 1)
    set -- $measured
    echo "{\"villages\": 12000, \"shape\": \"districts-apart\", \"jobs\": 1, \"round\": $round, \"runs\": 40, \"seconds\": $1, \"user_seconds\": $2, \"system_seconds\": $3}" >> "$results"
    tail -n 1 "$results"
    rm -rf "$out/run-apart"
done
python3 - "$results" <<'PY'
import json, statistics, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
by = {(row["shape"], row["villages"], row["jobs"], row["round"]): row for row in rows}
rounds = sorted({row["round"] for row in rows})
for shape in ("districts", "towns", "split"):
    base = "split" if shape == "split" else "districts"
    for jobs in (1, 2):
        def growth(field):
            return [round(by[(shape, 12000, jobs, r)][field] / by[(base, 1200, jobs, r)][field] / 10, 2)
                    for r in rounds]
        ratios, user = growth("seconds"), growth("user_seconds")
        memory = max(by[(shape, 12000, jobs, r)]["peak_mib"] / by[(base, 1200, jobs, r)]["peak_mib"] for r in rounds)
        print(json.dumps({"growth": "1200 -> 12000 villages", "shape": shape, "jobs": jobs,
                          "time_ratio_to_linear": round(statistics.median(ratios), 2),
                          "time_ratio_to_linear_by_round": ratios,
                          "user_time_ratio_to_linear": round(statistics.median(user), 2),
                          "user_time_ratio_to_linear_by_round": user, "memory_ratio": round(memory, 2)}))
for shape, villages in sorted({(row["shape"], row["villages"]) for row in rows if row["shape"] != "districts-apart"}):
    speedups = [round(by[(shape, villages, 1, r)]["seconds"] / by[(shape, villages, 2, r)]["seconds"], 2) for r in rounds]
    runs = [by[(shape, villages, jobs, r)] for jobs in (1, 2) for r in rounds]
    print(json.dumps({"villages": villages, "shape": shape, "speedup_jobs_2_over_1": round(statistics.median(speedups), 2),
                      "speedup_by_round": speedups, "estimate_mib": runs[0]["estimate_mib"],
                      "peak_over_estimate": round(max(run["peak_mib"] / run["estimate_mib"] for run in runs), 2)}))
apart = [round(by[("districts-apart", 12000, 1, r)]["seconds"] / by[("districts", 12000, 1, r)]["seconds"], 2) for r in rounds]
apart_user = [round(by[("districts-apart", 12000, 1, r)]["user_seconds"] / by[("districts", 12000, 1, r)]["user_seconds"], 2)
              for r in rounds]
print(json.dumps({"villages": 12000, "shape": "districts-apart", "jobs": 1, "apart_over_whole": round(statistics.median(apart), 2),
                  "apart_over_whole_by_round": apart, "user_apart_over_whole": round(statistics.median(apart_user), 2),
                  "user_apart_over_whole_by_round": apart_user}))
PY
