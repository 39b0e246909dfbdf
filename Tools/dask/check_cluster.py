#!/usr/bin/env python3
"""Checks sanzi-dask against one `sanzi dataset` process, byte for byte.

    Tools/dask/check_cluster.py SANZI [REPLICATIONS]      (default 6 replications of the default scenario)

1. Dask LocalClusters of 2 and 3 workers write the same files as `sanzi dataset`; so do 2
   workers whose replications each run on 3 cores (`--jobs 3`: the rules on one, the
   districts of a scenario with news windows side by side on two; Scenarios/county-districts.xml
   with windows of 30 days).
2. A worker killed (SIGKILL) while replications run: Dask gives its task to another worker,
   the replications finished before the kill are kept (their files are not written again),
   and the dataset is the same bytes.
3. The whole `sanzi-dask` command killed while it runs, then started again: the same bytes,
   the finished replications kept.
4. With pyarrow, the Parquet copy has every row of every table, typed as the data card says
   (read through Tools/datasets/sanzi_dataset.py, an independent reader).
5. sanzi-dask-runs: four seeds with their counterfactuals and the comparison, on a LocalCluster
   of 2 workers, are the files of `sanzi run --seed S --counterfactual` and `sanzi compare` by
   hand (run.json but for the time taken); the command killed while it runs, then started
   again: the same, the seeds finished before the kill not run again; the command with other
   options into that folder: refused.
6. sanzi-dask-districts: the windowed county with its counterfactual, its districts on the
   `sanzi shard --listen` servers of LocalClusters of 2 and 3 workers, is the folder of
   `sanzi run --jobs 1` (run.json but for the time taken); a worker killed while the run goes:
   the run stops, starts again on the workers alive, and writes the same folder.

Prints one line per check and exits 1 on any failure. Needs dask[distributed] (CI installs it).
"""
from __future__ import annotations

import filecmp
import json
import os
import shlex
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "datasets"))

from distributed import Client, LocalCluster  # noqa: E402

from sanzi_dask import Dataset, DistrictRun, Runs, build, convert, run_districts, run_seeds  # noqa: E402

failures = 0


def report(ok: bool, what: str) -> None:
    global failures
    failures += not ok
    print(f"{'ok' if ok else 'FAILED'}  {what}")


def files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def same_files(folder: Path, reference: Path) -> bool:
    names = files(reference)
    return files(folder) == names and all(filecmp.cmp(folder / n, reference / n, shallow=False) for n in names)


def same_runs(folder: Path, reference: Path, extra: tuple[str, ...] = ("runs.json", ".settings.json")) -> bool:
    """The same files as `reference` (and `extra`), each the same bytes but run.json, which is
    the same but for the time its run took."""
    names = files(reference)
    if files(folder) != sorted(names + list(extra)):
        return False
    for name in names:
        if Path(name).name == "run.json":
            timeless = [{key: value for key, value in json.loads((side / name).read_text()).items()
                         if key not in ("wall_seconds", "events_per_second")} for side in (folder, reference)]
            if timeless[0] != timeless[1]:
                return False
        elif not filecmp.cmp(folder / name, reference / name, shallow=False):
            return False
    return True


def check_runs(sanzi: str, work: Path) -> None:
    """Check 5: sanzi-dask-runs against `sanzi run` and `sanzi compare` by hand."""
    seeds = (1, 2, 3, 4)
    reference = work / "runs-reference"
    for seed in seeds:
        subprocess.run([sanzi, "run", "--seed", str(seed), "--out", str(reference / f"seed={seed}"),
                        "--counterfactual", "--jobs", "1", "--quiet"], check=True)
    sides = [",".join(f"seed={seed}{side}" for seed in seeds) for side in ("/counterfactual", "")]
    subprocess.run([sanzi, "compare", *sides, "--out", "compare", "--quiet"], cwd=reference, check=True)

    out = work / "runs"
    with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        summary = run_seeds(Runs(seeds, str(out), sanzi=sanzi, options=("--counterfactual",), compare=True), client)
    report(summary["runs"] == [f"seed={seed}" for seed in seeds] and same_runs(out, reference),
           "sanzi-dask-runs on 2 workers: each seed's run, its counterfactual and the comparison are the files "
           "of sanzi run and sanzi compare by hand")

    out = work / "runs-killed"
    command = [sys.executable, "-m", "sanzi_dask.runs", "--seeds", "1-4", "--out", str(out), "--counterfactual",
               "--compare", "--workers", "2", "--sanzi", sanzi, "--quiet"]
    environment = dict(os.environ, PYTHONPATH=str(HERE))
    first = subprocess.Popen(command, env=environment, start_new_session=True, stdout=subprocess.DEVNULL)
    while first.poll() is None and not list(out.glob("seed=*/run.json")):
        time.sleep(0.002)
    before = {path.parent: path.stat().st_mtime_ns for path in out.glob("seed=*/events.jsonl")}
    os.killpg(first.pid, signal.SIGKILL)
    first.wait()
    again = subprocess.run(command, env=environment, stdout=subprocess.DEVNULL)
    kept_runs = all((folder / "events.jsonl").stat().st_mtime_ns == time for folder, time in before.items())
    report(len(before) < len(seeds) and again.returncode == 0 and same_runs(out, reference) and kept_runs,
           f"sanzi-dask-runs killed with {len(before)} of {len(seeds)} seeds run, started again: the same files, "
           "those run not run again")

    named = Runs((1,), str(out), options=("--thresholds", "strict.xml", "--thresholds=../lax.xml")).arguments(1)
    absolute = ["--thresholds", str(Path.cwd() / "strict.xml"), f"--thresholds={Path.cwd().parent / 'lax.xml'}"]
    report(named[-4:-1] == absolute,
           "sanzi-dask-runs gives each run --thresholds FILE as an absolute path (a worker started elsewhere reads "
           "the client's file)")

    other = subprocess.run([sys.executable, "-m", "sanzi_dask.runs", "--seeds", "1-4", "--out", str(out),
                            "--max-memory", "4096", "--workers", "1", "--sanzi", sanzi, "--quiet"],
                           env=environment, capture_output=True, text=True)
    report(other.returncode == 2 and "holds runs of" in other.stderr and same_runs(out, reference),
           "sanzi-dask-runs into a folder of runs with other options: refused with status 2, nothing changed")


def check_districts(sanzi: str, work: Path) -> None:
    """Check 6: sanzi-dask-districts against `sanzi run --jobs 1`."""
    text = (HERE.parent.parent / "Scenarios" / "county-districts.xml").read_text()
    scenario = work / "county-windowed.xml"
    scenario.write_text(text.replace("<geography>", '<geography news-window-days="30">'))
    reference = work / "districts-reference"
    subprocess.run([sanzi, "run", str(scenario), "--counterfactual", "--jobs", "1", "--out", str(reference),
                    "--quiet"], check=True)
    for workers in (2, 3):
        out = work / f"districts-{workers}"
        with LocalCluster(n_workers=workers, threads_per_worker=1, dashboard_address=None) as cluster, \
                Client(cluster) as client:
            result = run_districts(DistrictRun(str(scenario), str(out), sanzi=sanzi, options=("--counterfactual",)),
                                   client)
        report(len(result["servers"]) == workers and result["attempts"] == 1 and same_runs(out, reference, ()),
               f"sanzi-dask-districts on {workers} workers: the run with its districts on their servers is the "
               "folder of sanzi run --jobs 1")

    out = work / "districts-killed"
    staged = out.parent / f".{out.name}.partial"
    with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster, Client(cluster) as client:
        outcome: dict = {}

        def run() -> None:
            outcome.update(run_districts(DistrictRun(str(scenario), str(out), sanzi=sanzi,
                                                     options=("--counterfactual",)), client))

        running = threading.Thread(target=run)
        running.start()
        while running.is_alive() and not (staged / "counterfactual").is_dir():
            time.sleep(0.002)
        victim = sorted(client.scheduler_info()["workers"])[0]
        os.kill(client.run(os.getpid, workers=[victim])[victim], signal.SIGKILL)
        running.join()
    report(outcome.get("attempts") == 2 and same_runs(out, reference, ()),
           "sanzi-dask-districts with a worker killed while the run goes: the run starts again on the workers "
           "alive and writes the same folder")


def record(out: Path) -> Path:
    return out.parent / f".{out.name}.partial" / ".replications"


def finished(out: Path) -> dict[int, int]:
    """The replications finished in the unfinished dataset at `out`, with the time their cases
    partition was written."""
    partial = out.parent / f".{out.name}.partial"
    numbers = [int(p.stem) for p in record(out).glob("*.json") if p.stem.isdigit()]
    return {n: (partial / "cases" / f"replication={n}" / "part.csv").stat().st_mtime_ns for n in numbers}


def kept(before: dict[int, int], out: Path) -> bool:
    return all((out / "cases" / f"replication={n}" / "part.csv").stat().st_mtime_ns == t for n, t in before.items())


def wait_for_a_finished_replication(out: Path, running) -> None:
    while running() and not list(record(out).glob("[0-9]*.json")):
        time.sleep(0.002)


def main() -> int:
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    sanzi = os.path.abspath(sys.argv[1])
    replications = int(sys.argv[2]) if len(sys.argv) == 3 else 6
    work = Path(tempfile.mkdtemp(prefix="sanzi-dask-check-"))
    reference = work / "reference"
    subprocess.run([sanzi, "dataset", "--replications", str(replications), "--out", str(reference), "--quiet"],
                   check=True)

    for workers in (2, 3):
        out = work / f"workers-{workers}"
        with LocalCluster(n_workers=workers, threads_per_worker=1, dashboard_address=None) as cluster, \
                Client(cluster) as client:
            card = build(Dataset(replications, str(out), sanzi=sanzi), client)
        report(card["replications"] == replications and same_files(out, reference),
               f"a LocalCluster of {workers} workers writes the bytes of one sanzi dataset process")

    windowed = work / "county-districts-windows.xml"
    windowed.write_text((HERE.parent.parent / "Scenarios" / "county-districts.xml").read_text()
                        .replace("<geography>", '<geography news-window-days="30">'))
    windowed_reference = work / "windowed-reference"
    subprocess.run([sanzi, "dataset", str(windowed), "--replications", "3", "--out", str(windowed_reference),
                    "--jobs", "1", "--quiet"], check=True)
    out = work / "windowed-jobs-3"
    # The bytes are the same for any --jobs, so the commands themselves say the cores were asked.
    commands = work / "commands.txt"
    recording = work / "sanzi-recording"
    recording.write_text(f'#!/bin/sh\necho "$*" >> {shlex.quote(str(commands))}\nexec {shlex.quote(sanzi)} "$@"\n')
    recording.chmod(0o755)
    with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        card = build(Dataset(3, str(out), scenario=str(windowed), sanzi=str(recording), jobs=3), client)
    simulated = [line for line in commands.read_text().splitlines() if " --only " in line]
    report(card["replications"] == 3 and same_files(out, windowed_reference) and len(simulated) == 3
           and all(line.endswith("--jobs 3") for line in simulated),
           "2 workers, each replication asked for 3 cores (its districts side by side): the bytes of one "
           "sanzi dataset --jobs 1 process")

    out = work / "killed-worker"
    with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster, Client(cluster) as client:
        result: list[dict] = []
        thread = threading.Thread(target=lambda: result.append(build(Dataset(replications, str(out), sanzi=sanzi),
                                                                      client)))
        thread.start()
        wait_for_a_finished_replication(out, thread.is_alive)
        before = finished(out)
        busy = [address for address, tasks in client.processing().items() if tasks]
        victim = busy[0] if busy else None
        if victim:
            os.kill(client.run(os.getpid, workers=[victim])[victim], signal.SIGKILL)
        thread.join()
    report(victim is not None and len(before) < replications and bool(result) and same_files(out, reference)
           and kept(before, out),
           f"a worker killed with {len(before)} of {replications} replications finished: the same bytes, "
           "those finished not written again")

    out = work / "killed-command"
    command = [sys.executable, "-m", "sanzi_dask", "--replications", str(replications), "--out", str(out),
               "--workers", "2", "--sanzi", sanzi, "--no-parquet", "--quiet"]
    environment = dict(os.environ, PYTHONPATH=str(HERE))
    first = subprocess.Popen(command, env=environment, start_new_session=True)
    wait_for_a_finished_replication(out, lambda: first.poll() is None)
    before = finished(out)
    os.killpg(first.pid, signal.SIGKILL)  # the command, its cluster's workers and their sanzi processes
    first.wait()
    again = subprocess.run(command, env=environment)
    report(len(before) < replications and again.returncode == 0 and same_files(out, reference) and kept(before, out),
           f"sanzi-dask killed with {len(before)} of {replications} replications finished, started again: "
           "the same bytes, those finished not written again")

    check_runs(sanzi, work)
    check_districts(sanzi, work)

    try:
        import pyarrow.dataset as ds
        from sanzi_dataset import PARTITIONING, card, read
    except ImportError:
        print("NOT RUN  the Parquet check: pyarrow is not installed")
    else:
        with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster, \
                Client(cluster) as client:
            rows = convert(str(reference), str(work / "parquet"), client)
        for table in card(reference)["tables"]:
            name = table["name"]
            parquet = ds.dataset(work / "parquet" / name, format="parquet", partitioning=PARTITIONING).to_table()
            expected = read(reference, name)
            parquet = parquet.select(expected.column_names).sort_by([("replication", "ascending")])
            report(rows[name] == table["rows"] and parquet.equals(expected),
                   f"Parquet {name}: {rows[name]} rows, equal to the CSV read with the data card's types")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
