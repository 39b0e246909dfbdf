"""A Sanzi dataset built on a Dask cluster: one task per replication, one to finish.

Each replication is a `sanzi dataset ... --only R --jobs K` on some worker, writing into the
dataset's unfinished folder (`.OUT.partial`, beside OUT on a file system every worker sees); a
last task runs `sanzi dataset ... --resume`, which writes the data card and moves the dataset
into place. Sanzi marks each replication finished once its tables are written, so a task Dask
runs again (its worker died, or the whole build was stopped and started again) keeps what was
finished and simulates only the rest: the files are the same bytes as one `sanzi dataset`.
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
class Dataset:
    """One dataset: the `sanzi dataset` command line every task shares.

    `scenario` and `out` should be absolute paths on a file system all workers share (they are
    made absolute here); `options` are further `sanzi dataset` options (`--format jsonl`,
    `--tables ...`, label noise), the same for every task. `jobs` is the cores each
    replication's run uses (`sanzi dataset --jobs`): with news windows, its districts side by
    side; give each worker thread that many cores.
    """

    replications: int
    out: str
    scenario: str | None = None
    sanzi: str = "sanzi"
    options: tuple[str, ...] = ()
    jobs: int = 1

    def __post_init__(self) -> None:
        if self.replications < 1:
            raise ValueError("a dataset has at least 1 replication")
        if self.jobs < 1:
            raise ValueError("a replication uses at least 1 core")
        object.__setattr__(self, "out", os.path.abspath(self.out))
        if self.scenario is not None:
            object.__setattr__(self, "scenario", os.path.abspath(self.scenario))

    def arguments(self, *extra: str) -> list[str]:
        scenario = [self.scenario] if self.scenario else []
        return ["dataset", *scenario, "--replications", str(self.replications), "--out", self.out,
                *self.options, "--quiet", *extra]


def simulate(dataset: Dataset, replication: int) -> int:
    """Task: simulates replication `replication` unless it is finished already."""
    run_sanzi(dataset.sanzi, dataset.arguments("--only", str(replication), "--jobs", str(dataset.jobs)))
    return replication


def finish(dataset: Dataset, *finished: int) -> dict:
    """Task: writes the data card and moves the dataset into place; returns the card. It takes
    the replication tasks' results (`finished`) only so that Dask runs it after all of them."""
    run_sanzi(dataset.sanzi, dataset.arguments("--resume", "--jobs", "1"))
    return json.loads((Path(dataset.out) / "datacard.json").read_text())


def build(dataset: Dataset, client, show_progress: bool = False) -> dict:
    """Builds `dataset` on `client`'s cluster and returns its data card.

    Task keys derive from the dataset, so asking again for the same dataset on the same
    cluster reuses what is finished there as well as on disk.
    """
    token = tokenize(dataset)
    parts = [client.submit(simulate, dataset, number, key=f"sanzi-replication-{number}-{token}")
             for number in range(dataset.replications)]
    card = client.submit(finish, dataset, *parts, key=f"sanzi-datacard-{token}")
    if show_progress:
        from distributed import progress
        progress(parts + [card])
        print(file=sys.stderr)
    return card.result()
