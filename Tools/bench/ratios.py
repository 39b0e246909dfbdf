#!/usr/bin/env python3
"""Reads the lines compare.sh collected ("sanzi {json}" / "simpy {json}") and prints, per
workload, the median rates of both sides, their ratio, the target and the engine's ratio to
the hand-written limit loop."""
import json
import statistics
import sys

TARGETS = {"A1": 20, "A2": 50, "B": 80}


def main(path):
    rows = {"sanzi": {}, "simpy": {}}
    for line in open(path):
        side, _, text = line.partition(" ")
        row = json.loads(text)
        rows[side].setdefault(row["workload"], []).append(row)

    def median(side, workload, field):
        return statistics.median(row[field] for row in rows[side][workload])

    print(f"{'workload':8} {'metric':22} {'sanzi':>12} {'simpy':>12} {'ratio':>8} {'target':>7} {'vs limit':>9} {'peak MiB':>9}")
    for workload, target in TARGETS.items():
        metric = "customers_per_second" if workload == "B" else "events_per_second"
        ours = median("sanzi", workload, metric)
        theirs = median("simpy", workload, metric)
        limit = median("sanzi", workload, "limit_ratio")
        peak = max(row["peak_rss_mib"] for row in rows["sanzi"][workload])
        verdict = "ok" if ours / theirs >= target else "MISSED"
        print(f"{workload:8} {metric:22} {ours:12,.0f} {theirs:12,.0f} {ours / theirs:7.1f}x {target:6}x {limit:8.2f}x {peak:9.1f}  {verdict}")
    wait = median("sanzi", "B", "mean_wait")
    print(f"B mean wait in queue: sanzi {wait:.4f}, simpy {median('simpy', 'B', 'mean_wait'):.4f}, Erlang C {rows['sanzi']['B'][0]['erlang_c_wait']:.4f}")


if __name__ == "__main__":
    main(sys.argv[1])
