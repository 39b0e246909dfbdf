"""Runs of one scenario for many seeds on a Dask cluster: one task per seed, then one that
compares the pairs (`sanzi compare`) and writes DIR/runs.json. `sanzi-dask-runs` (runs.py) is
its command line.
"""
from __future__ import annotations

import dataclasses
import json
import os
import sys
from pathlib import Path

from dask.base import tokenize

from .process import run_sanzi


@dataclasses.dataclass(frozen=True)
class Runs:
    """Runs of one scenario for several seeds: the `sanzi run` command line every task shares.

    `scenario` and `out` should be on a file system all workers share (they, `sanzi` when it is
    a path, and the file of `--thresholds` are made absolute here, so that a worker started in
    another folder reads what the client named); `options` are further `sanzi run` options.
    `jobs` is the cores each run uses. `compare` asks for `sanzi compare` of each run's
    counterfactual against the run, which needs `--counterfactual` among the options.
    """

    seeds: tuple[int, ...]
    out: str
    scenario: str | None = None
    sanzi: str = "sanzi"
    options: tuple[str, ...] = ()
    jobs: int = 1
    compare: bool = False

    def __post_init__(self) -> None:
        if not self.seeds or len(set(self.seeds)) != len(self.seeds) or min(self.seeds) < 0:
            raise ValueError("the seeds are one or more different whole numbers, 0 or more")
        if self.jobs < 1:
            raise ValueError("a run uses at least 1 core")
        if self.compare and "--counterfactual" not in self.options:
            raise ValueError("--compare compares each run with its counterfactual: give --counterfactual too")
        object.__setattr__(self, "out", os.path.abspath(self.out))
        if os.sep in self.sanzi:  # a path, not a name on PATH: the comparison runs in `out`
            object.__setattr__(self, "sanzi", os.path.abspath(self.sanzi))
        if self.scenario is not None:
            object.__setattr__(self, "scenario", os.path.abspath(self.scenario))
        object.__setattr__(self, "options", absolute_files(self.options))

    def folder(self, seed: int) -> Path:
        """The run folder of `seed`, a Hive-style partition of the output folder."""
        return Path(self.out) / f"seed={seed}"

    def arguments(self, seed: int) -> list[str]:
        scenario = [self.scenario] if self.scenario else []
        return ["run", *scenario, "--seed", str(seed), "--out", str(self.folder(seed)), "--jobs", str(self.jobs),
                *self.options, "--quiet"]


FILE_OPTIONS = ("--thresholds",)
"""The `sanzi run` options that name a file."""


def absolute_files(options: tuple[str, ...]) -> tuple[str, ...]:
    """`options` with the file each of FILE_OPTIONS names (`--thresholds FILE` or
    `--thresholds=FILE`) made absolute."""
    result = list(options)
    for index, option in enumerate(result):
        name, equals, value = option.partition("=")
        if name in FILE_OPTIONS and equals:
            result[index] = f"{name}={os.path.abspath(value)}"
        elif option in FILE_OPTIONS and index + 1 < len(result):
            result[index + 1] = os.path.abspath(result[index + 1])
    return tuple(result)


def simulate(runs: Runs, seed: int) -> int:
    """Task: runs `seed` unless its folder holds a finished run already."""
    if not (runs.folder(seed) / "run.json").is_file():
        run_sanzi(runs.sanzi, runs.arguments(seed))
    return seed


def finish(runs: Runs, *finished: int) -> dict:
    """Task: compares the runs (when asked) and writes DIR/runs.json, returned. It takes the
    runs' tasks' results (`finished`) only so that Dask runs it after all of them."""
    if runs.compare:
        # From the output folder, so that the comparison names the runs as seed=S (it lists the
        # folders it read) and the folder can move.
        sides = [",".join(str(Path(runs.folder(seed).name) / side) for seed in runs.seeds)
                 for side in ("counterfactual", "")]
        run_sanzi(runs.sanzi, ["compare", *sides, "--out", "compare", "--quiet"], cwd=runs.out)
    summary = {"scenario": runs.scenario, "seeds": list(runs.seeds), "options": list(runs.options),
               "runs": [runs.folder(seed).name for seed in runs.seeds],
               "compare": "compare" if runs.compare else None}
    write_json(Path(runs.out) / "runs.json", summary)
    return summary


def write_json(path: Path, value: dict) -> None:
    """Writes `value` to `path` beside it first, so that a half-written file never has its name."""
    partial = path.with_name(f".{path.name}.partial")
    partial.write_text(json.dumps(value, indent=2) + "\n")
    os.replace(partial, path)


class OtherSettings(ValueError):
    """The output folder holds runs of another scenario or other `sanzi run` options."""


def claim(runs: Runs) -> None:
    """Notes the scenario and options of the runs in DIR/.settings.json, or checks that those of
    the runs already there are the same: a seed's folder is kept as finished, and one of other
    settings would pass for one of these."""
    settings = {"scenario": runs.scenario, "options": list(runs.options)}
    path = Path(runs.out) / ".settings.json"
    if not path.exists():
        write_json(path, settings)
        return
    held = json.loads(path.read_text())
    if held != settings:
        raise OtherSettings(f"{runs.out} holds runs of {described(held)}, not {described(settings)}: "
                            "give another --out, or remove it to start again")


def described(settings: dict) -> str:
    """Settings of runs as a sentence says them."""
    return f"{settings['scenario'] or 'the built-in default scenario'} with options '{' '.join(settings['options'])}'"


def run_seeds(runs: Runs, client, show_progress: bool = False) -> dict:
    """Runs every seed of `runs` on `client`'s cluster and returns DIR/runs.json's content;
    raises OtherSettings when DIR holds runs of another scenario or other options."""
    Path(runs.out).mkdir(parents=True, exist_ok=True)
    claim(runs)
    token = tokenize(runs)
    parts = [client.submit(simulate, runs, seed, key=f"sanzi-run-{seed}-{token}") for seed in runs.seeds]
    summary = client.submit(finish, runs, *parts, key=f"sanzi-runs-{token}")
    if show_progress:
        from distributed import progress
        progress(parts + [summary])
        print(file=sys.stderr)
    return summary.result()
