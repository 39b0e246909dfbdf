#!/usr/bin/env bash
# Runs Sanzi's engine benchmark and the same workloads in SimPy in one session, alternating
# rounds so both sides see the same machine, and prints the ratio per workload.
#
#   Tools/bench/compare.sh [ROUNDS]        (default 3 rounds; SimPy takes ~40 s a round)
#
# SimPy is installed, pinned, into Tools/bench/.venv the first time.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
rounds="${1:-3}"
simpy_version="4.1.2"

if [ ! -x "$here/.venv/bin/python" ] || ! "$here/.venv/bin/python" -c "import simpy; assert simpy.__version__ == '$simpy_version'" 2>/dev/null; then
    echo "compare: installing SimPy $simpy_version into $here/.venv" >&2
    python3 -m venv "$here/.venv"
    "$here/.venv/bin/pip" install --quiet "simpy==$simpy_version"
fi

echo "compare: building sanzi-bench (release)" >&2
swift build --package-path "$root" -c release --product sanzi-bench >&2
bench="$(swift build --package-path "$root" -c release --show-bin-path)/sanzi-bench"

results="$(mktemp)"
trap 'rm -f "$results"' EXIT
for round in $(seq 1 "$rounds"); do
    echo "compare: round $round of $rounds" >&2
    "$bench" --repeat 3 | sed 's/^/sanzi /' >> "$results"
    "$here/.venv/bin/python" "$here/simpy_workloads.py" | sed 's/^/simpy /' >> "$results"
done
"$here/.venv/bin/python" "$here/ratios.py" "$results"
