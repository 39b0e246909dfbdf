#!/usr/bin/env python3
"""What the closed loop does, measured: the warning system on against off, investigator
capacity from none to tenfold, and deterrence when the warning system is switched on half-way.

    Tools/bench/loop.py [--seeds 5] [--sanzi PATH]

Builds nothing: pass the release binary (default .build/release/sanzi; build it with
`swift build -c release --product sanzi`). Each experiment prints one JSON line with its
numbers (means over the seeds) and `holds`: whether the property the closed loop must show
holds. Runs take a few minutes on two cores.
"""
import argparse
import csv
import datetime
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def run(sanzi, text, seed, work):
    """Runs a scenario text with a seed; returns (misconduct cases, evaluation)."""
    scenario = os.path.join(work, "scenario.xml")
    with open(scenario, "w") as handle:
        handle.write(text)
    out = os.path.join(work, "out")
    subprocess.run([sanzi, "run", scenario, "--seed", str(seed), "--out", out, "--quiet"], check=True)
    with open(os.path.join(out, "cases.csv")) as handle:
        cases = [row for row in csv.DictReader(handle) if row["kind"] == "misconduct"]
    with open(os.path.join(out, "evaluation.json")) as handle:
        evaluation = json.load(handle)
    return cases, evaluation


def loss(cases, after=0):
    return sum(float(c["loss_yuan"]) for c in cases if int(c["start_day"]) >= after)


def warning_off(text):
    text = text.replace('<alerts warning-system="true">', '<alerts warning-system="false">')
    return text.replace('<warning-system enabled="true"/>', '<warning-system enabled="false"/>')


def with_capacity(text, factor):
    """Every body's investigators times factor, and the investigators rectification tasks
    second too (with factor 0, the tasks that only second investigators are left out)."""
    def scaled(match):
        return 'investigators="%d"' % (int(match.group(1)) * factor)

    def seconded(match):
        return '<second-investigators count="%d"/>' % (int(match.group(1)) * factor)

    text = re.sub(r'investigators="(\d+)"', scaled, text)
    if factor == 0:
        return re.sub(r'\s*<task [^>]*>\s*<second-investigators count="\d+"/>\s*</task>', "", text)
    return re.sub(r'<second-investigators count="(\d+)"/>', seconded, text)


def days_from_start(text, date):
    """Days from the scenario's start to a date (YYYY-MM-DD)."""
    start = re.search(r'start="(\d{4}-\d{2}-\d{2})"', text).group(1)
    return (datetime.date.fromisoformat(date) - datetime.date.fromisoformat(start)).days


def mean(values):
    return round(statistics.mean(values), 2)


def standard_error(values):
    """Of the mean, over the seeds."""
    values = list(values)
    return round(statistics.stdev(values) / len(values) ** 0.5, 2) if len(values) > 1 else None


def warning_system(sanzi, seeds, work):
    text = open(os.path.join(ROOT, "Scenarios/guangzhou-2012-2014.xml")).read()
    switch = days_from_start(text, "2013-01-01")  # the switch-on
    sides = {"on": [], "off": []}
    for seed in seeds:
        for side, variant in (("on", text), ("off", warning_off(text))):
            cases, evaluation = run(sanzi, variant, seed, work)
            oversight = evaluation["oversight"]
            sides[side].append(
                {
                    "cases_after_switch": sum(1 for c in cases if int(c["start_day"]) >= switch),
                    "loss_yuan": loss(cases),
                    "loss_after_switch_yuan": loss(cases, switch),
                    "recovered_yuan": oversight["recovered_fen"] / 100,
                    "sanctions": oversight["sanctions"],
                    "leads_from_alerts": oversight["leads_by_source"]["alert"],
                }
            )
    result = {side: {key: mean(r[key] for r in rows) for key in rows[0]} for side, rows in sides.items()}
    on, off = result["on"], result["off"]
    result["holds"] = (
        on["cases_after_switch"] < off["cases_after_switch"]
        and on["loss_after_switch_yuan"] < off["loss_after_switch_yuan"]
        and on["recovered_yuan"] > 0
        and off["leads_from_alerts"] == 0
    )
    result["avoided"] = {
        key: {
            "mean": mean(o[key] - n[key] for o, n in zip(sides["off"], sides["on"])),
            "se": standard_error(o[key] - n[key] for o, n in zip(sides["off"], sides["on"])),
        }
        for key in ("cases_after_switch", "loss_after_switch_yuan")
    }
    result["experiment"] = "warning system on against off, Guangzhou, %d seeds" % len(seeds)
    return result


def capacity(sanzi, seeds, work):
    """Prevented loss against today's status quo (the warning system off, investigators as the
    scenario has them), and against the warning system off with the same investigators."""
    text = open(os.path.join(ROOT, "Scenarios/guangzhou-2012-2014.xml")).read()
    status_quo = [loss(run(sanzi, warning_off(text), seed, work)[0]) for seed in seeds]
    rows = {}
    for factor in (0, 1, 2, 10):
        variant = with_capacity(text, factor)
        proven, prevented, same = [], [], []
        for seed, baseline in zip(seeds, status_quo):
            on_cases, on_eval = run(sanzi, variant, seed, work)
            off_cases, _ = run(sanzi, warning_off(variant), seed, work)
            proven.append(on_eval["oversight"]["substantiated"])
            prevented.append(baseline - loss(on_cases))
            same.append(loss(off_cases) - loss(on_cases))
        rows[factor] = {
            "substantiated": mean(proven),
            "prevented_loss_yuan": mean(prevented),
            "prevented_loss_se_yuan": standard_error(prevented),
            "prevented_loss_same_capacity_yuan": mean(same),
            "prevented_loss_same_capacity_se_yuan": standard_error(same),
        }
    one, two, ten = rows[1], rows[2], rows[10]
    return {
        "experiment": "investigators times 0, 1, 2 and 10, Guangzhou, %d seeds" % len(seeds),
        "by_factor": rows,
        "holds": rows[0]["substantiated"] == 0
        and two["substantiated"] > one["substantiated"]
        and two["prevented_loss_yuan"] > one["prevented_loss_yuan"]
        and ten["substantiated"] < 10 * one["substantiated"]
        and ten["prevented_loss_yuan"] < 10 * two["prevented_loss_yuan"],
    }


def deterrence(sanzi, seeds, work):
    text = open(os.path.join(ROOT, "Scenarios/warning-switch.xml")).read()
    switch = 730  # 2015-01-01 from 2013-01-01
    result = {}
    for openness in ("monthly", "yearly"):
        variant = text.replace('publicity="monthly"', 'publicity="%s"' % openness)
        variant = variant.replace('<set-publicity frequency="yearly"/>', '<set-publicity frequency="%s"/>' % openness)
        before, after = [], []
        for seed in seeds:
            cases, _ = run(sanzi, variant, seed, work)
            starts = [int(c["start_day"]) for c in cases]
            before.append(sum(1 for day in starts if switch - 365 <= day < switch) / 12)
            after.append(sum(1 for day in starts if switch <= day < switch + 365) / 12)
        b, a = mean(before), mean(after)
        result[openness] = {"cases_per_month_before": b, "cases_per_month_after": a, "drop": round(1 - a / b, 3)}
    result["experiment"] = "warning system switched on half-way, all villages open or closed, %d seeds" % len(seeds)
    result["holds"] = all(v["cases_per_month_after"] < v["cases_per_month_before"] for k, v in result.items()
                          if isinstance(v, dict)) and result["monthly"]["drop"] > result["yearly"]["drop"]
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--sanzi", default=os.path.join(ROOT, ".build/release/sanzi"))
    parser.add_argument("--only", choices=["warning-system", "capacity", "deterrence"])
    args = parser.parse_args()
    if not os.path.exists(args.sanzi):
        sys.exit("%s: not found; build it with `swift build -c release --product sanzi`" % args.sanzi)
    seeds = range(1, args.seeds + 1)
    experiments = {"warning-system": warning_system, "capacity": capacity, "deterrence": deterrence}
    with tempfile.TemporaryDirectory() as work:
        for name, experiment in experiments.items():
            if args.only in (None, name):
                print(json.dumps(experiment(args.sanzi, seeds, work)), flush=True)


if __name__ == "__main__":
    main()
