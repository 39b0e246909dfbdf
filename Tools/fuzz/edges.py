#!/usr/bin/env python3
"""Scenarios at the edges of what `sanzi validate` accepts, run one by one.

Each attribute of a base scenario (the first use per element and attribute) is set in turn to
extreme values; the variants `validate` accepts are run (`sanzi run`, capped in time and
memory) and must exit 0 or with a located error (65 for a scenario refused by its resource
estimate). A trap, an abort or a timeout is a failure: the variant is kept in the output
folder to reproduce it.

    Tools/fuzz/edges.py [--sanzi .build/release/sanzi] [--base Scenarios/default.xml]
                        [--horizon P1Y] [--timeout 60] [--memory-mib 4096] [--jobs 2] [--out edges]

Exit status: 0 when every accepted variant ran or was refused cleanly, 1 otherwise.
"""
import argparse
import concurrent.futures
import os
import re
import shutil
import subprocess
import sys
import tempfile

# Values tried for a plain number, for a range "min-max", and for a horizon.
NUMBERS = ["0", "0.001", "1", "1000000", "999999999999.99", "1000000000000", "1e300", "100000000000000000000"]
RANGES = ["0-0", "1-1", "1000000-1000000", "999999999999.99-999999999999.99", "0-1000000000000"]
HORIZONS = ["P0D", "P1D", "P999Y", "P999Y9999M99999D", "P9999Y"]
DATES = ["0001-01-01", "9999-12-31", "9000-01-01"]
LABELS = {"xmlns", "schema-version", "version", "encoding", "id", "name", "name-prefix", "profile", "district",
          "pool", "of", "unit", "kind", "deal", "scope", "format", "events", "alerts", "report"}


def variants(text):
    """(description, text) for each attribute changed to each candidate."""
    seen = set()
    element = "scenario"
    lines = text.split("\n")
    in_comment = False
    for number, line in enumerate(lines):
        if "<!--" in line:
            in_comment = True
        if in_comment:
            if "-->" in line:
                in_comment = False
            continue
        tag = re.search(r"<([a-z-]+)", line)
        if tag:
            element = tag.group(1)
        for match in re.finditer(r'([a-z-]+)="([^"]*)"', line):
            attribute, value = match.group(1), match.group(2)
            if attribute in LABELS or (element, attribute) in seen:
                continue
            seen.add((element, attribute))
            if attribute == "horizon":
                candidates = HORIZONS
            elif attribute in ("start", "date"):
                candidates = DATES
            elif re.fullmatch(r"[0-9.]+-[0-9.]+", value):
                candidates = RANGES
            elif re.fullmatch(r"[0-9.]+", value):
                candidates = NUMBERS
            else:
                continue
            for candidate in candidates:
                changed = line[:match.start(2)] + candidate + line[match.end(2):]
                yield f"{element}/@{attribute}={candidate} (line {number + 1})", "\n".join(
                    lines[:number] + [changed] + lines[number + 1:])


def check(sanzi, description, text, args, index):
    folder = tempfile.mkdtemp(prefix="sanzi-edge-")
    path = os.path.join(folder, "scenario.xml")
    with open(path, "w") as file:
        file.write(text)
    valid = subprocess.run([sanzi, "validate", "--quiet", path], capture_output=True)
    if valid.returncode != 0:
        shutil.rmtree(folder)
        return description, "rejected", valid.returncode, ""
    limit = f"ulimit -v {args.memory_mib * 1024}; exec \"$0\" \"$@\""
    try:
        run = subprocess.run(["/bin/sh", "-c", limit, sanzi, "run", "-q", path, "--out", os.path.join(folder, "out")],
                             capture_output=True, timeout=args.timeout)
        status, errors = run.returncode, run.stderr.decode(errors="replace")
    except subprocess.TimeoutExpired:
        status, errors = "timeout", ""
    ok = status in (0, 65)
    if ok:
        shutil.rmtree(folder)
    else:
        os.makedirs(args.out, exist_ok=True)
        shutil.copy(path, os.path.join(args.out, f"failure-{index:04}.xml"))
        shutil.rmtree(folder)
    return description, "ran" if ok else "FAILED", status, errors.strip().split("\n")[-1][:200]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sanzi", default=".build/release/sanzi")
    parser.add_argument("--base", default="Scenarios/default.xml")
    parser.add_argument("--timeout", type=float, default=60)
    parser.add_argument("--memory-mib", type=int, default=4096)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--out", default="edges")
    parser.add_argument("--only", help="run only variants whose description contains this text")
    args = parser.parse_args()
    with open(args.base) as file:
        base = file.read()
    cases = [(d, t) for d, t in variants(base) if not args.only or args.only in d]
    failures = ran = rejected = 0
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        futures = [pool.submit(check, args.sanzi, d, t, args, i) for i, (d, t) in enumerate(cases)]
        for future in futures:
            description, outcome, status, last = future.result()
            if outcome == "rejected":
                rejected += 1
                continue
            ran += 1
            if outcome == "FAILED":
                failures += 1
            if outcome == "FAILED" or status != 0:
                print(f"{outcome:7} {status!s:8} {description}  {last}", flush=True)
    print(f"edges: {len(cases)} variants, {rejected} rejected by validate, {ran} run, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
