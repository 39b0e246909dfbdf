# Sourced by jobs.sh, scale.sh, world_scale.sh and world.sh, as `. "$(dirname "$0")/prelude.sh" "$@"`:
# sets `here` (this folder), `root` (the package), `out` (the script's first argument, or a
# temporary folder removed on exit) and `sanzi` (the release binary, built first).
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${1:-$(mktemp -d)}"
mkdir -p "$out"
[ $# -ge 1 ] || trap 'rm -rf "$out"' EXIT

swift build --package-path "$root" -c release --product sanzi >&2
sanzi="$(swift build --package-path "$root" -c release --show-bin-path)/sanzi"

# measured_run FIELDS RUN_DIR SCENARIO [SANZI_RUN_OPTIONS...]: runs `sanzi run SCENARIO OPTIONS
# --out RUN_DIR --force --quiet` under /usr/bin/time and prints one JSON line: FIELDS (a JSON
# object: what the caller says the run is), then events, seconds (the whole command, start to
# exit), simulation_seconds (run.json's wall_seconds), user_seconds and system_seconds
# (processor time on all its threads), events_per_second (events over seconds), peak_mib, and
# estimate_mib: the memory `sanzi validate` estimates for the scenario, which a run's peak
# should stay under (docs/performance.md, "The memory estimate").
measured_run() {
    local fields="$1" run="$2" measured estimate
    shift 2
    estimate=$("$sanzi" validate "$1" 2>/dev/null | sed -n 's/.* and \([0-9,]*\) MiB a run$/\1/p' | tr -d ,)
    measured=$( { /usr/bin/time -f "%e %U %S %M" "$sanzi" run "$@" --out "$run" --force --quiet; } 2>&1 | tail -n 1)
    python3 - "$run/run.json" "$fields" "${estimate:-null}" $measured <<'PY'
import json, sys
run, row, estimate = json.load(open(sys.argv[1])), json.loads(sys.argv[2]), json.loads(sys.argv[3])
seconds, user, system, peak_kib = float(sys.argv[4]), float(sys.argv[5]), float(sys.argv[6]), int(sys.argv[7])
row.update({"events": run["events"], "seconds": seconds, "simulation_seconds": run["wall_seconds"],
            "user_seconds": user, "system_seconds": system, "events_per_second": round(run["events"] / seconds),
            "peak_mib": round(peak_kib / 1024), "estimate_mib": estimate})
print(json.dumps(row))
PY
}
