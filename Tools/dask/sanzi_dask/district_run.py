"""One `sanzi run` whose districts' worlds live on the workers of a Dask cluster: a
`sanzi shard --listen` server on each worker (a Dask actor holds it), and the run itself on
the client, reaching them with `sanzi run --district-hosts`. `sanzi-dask-districts`
(districts.py) is its command line.

A worker that dies takes its server with it; the run, which cannot go on without the worlds it
kept, stops without writing its folder (sanzi builds it beside the target and moves it into place
only when done), and is started again on the workers then alive, up to `attempts` times.
"""
from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from urllib.parse import urlparse

from .process import SanziError, _die_with_the_worker, run_sanzi
from .seed_runs import absolute_files


class ShardServer:
    """A Dask actor: `sanzi shard --listen` on its worker's host, on a port the system picks,
    serving every district a run gives it, until `stop()` or the worker's end."""

    def __init__(self, sanzi: str):
        from distributed import get_worker

        host = urlparse(get_worker().address).hostname or "127.0.0.1"
        self.process = subprocess.Popen(
            [sanzi, "shard", "--listen", f"{host}:0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            preexec_fn=_die_with_the_worker if sys.platform.startswith("linux") else None)
        said = self.process.stdout.readline().strip()
        if not said.startswith("listening on "):
            self.process.kill()
            raise SanziError(f"sanzi shard --listen on {host} did not start: {said or self.process.stderr.read()}")
        self._address = said.removeprefix("listening on ")

    def address(self) -> str:
        """HOST:PORT, where it listens."""
        return self._address

    def stop(self) -> int:
        """Ends the server; its exit status."""
        self.process.terminate()
        return self.process.wait()


@dataclasses.dataclass(frozen=True)
class DistrictRun:
    """A `sanzi run` of a scenario with news windows, its districts on the cluster's workers.

    `sanzi` is the executable on the workers, `local_sanzi` the one here (the same build: the
    run and its districts speak one version of the messages); `options` are further `sanzi run`
    options (`--seed`, `--counterfactual`, `--thresholds FILE`, `--jobs`...)."""

    scenario: str
    out: str
    sanzi: str = "sanzi"
    local_sanzi: str | None = None
    options: tuple[str, ...] = ()
    attempts: int = 3

    def __post_init__(self) -> None:
        if self.attempts < 1:
            raise ValueError("a run is tried at least once")
        object.__setattr__(self, "scenario", os.path.abspath(self.scenario))
        object.__setattr__(self, "out", os.path.abspath(self.out))
        object.__setattr__(self, "options", absolute_files(self.options))

    def arguments(self, addresses: list[str]) -> list[str]:
        return ["run", self.scenario, "--out", self.out, "--district-hosts", ",".join(addresses), *self.options]


def run_here(sanzi: str, arguments: list[str], show_progress: bool) -> str:
    """Runs `sanzi run` here: with `show_progress`, on this terminal (its progress line and
    summary shown as it goes; it returns nothing), else quietly, returning what it printed.
    Raises SanziError when it fails."""
    if not show_progress:
        return run_sanzi(sanzi, arguments + ["--quiet"])
    status = subprocess.run([sanzi, *arguments]).returncode
    if status != 0:
        raise SanziError(f"sanzi {' '.join(arguments)} exited with status {status} (its message is above)")
    return ""


def run_districts(run: DistrictRun, client, show_progress: bool = False) -> dict:
    """Runs `run` with a shard server on every worker; what it printed (nothing with
    `show_progress`: it printed as it went) and the attempts it took. Raises SanziError when the
    last attempt fails."""
    for attempt in range(1, run.attempts + 1):
        servers = []
        try:
            workers = sorted(client.scheduler_info()["workers"])
            futures = [client.submit(ShardServer, run.sanzi, workers=[worker], allow_other_workers=False,
                                     actor=True, pure=False) for worker in workers]
            servers = [future.result() for future in futures]
            addresses = [server.address().result() for server in servers]
            if show_progress:
                print(f"districts     on {len(addresses)} servers: {', '.join(addresses)}", file=sys.stderr)
            printed = run_here(run.local_sanzi or run.sanzi, run.arguments(addresses), show_progress)
            return {"attempts": attempt, "servers": addresses, "printed": printed}
        except Exception as error:  # a worker lost while the servers start, or the run stopped
            if attempt == run.attempts:
                if isinstance(error, SanziError):
                    raise
                raise SanziError(str(error)) from error
            print(f"sanzi-dask-districts: attempt {attempt} failed ({error}); again on the workers alive",
                  file=sys.stderr)
        finally:
            for server in servers:
                try:
                    server.stop().result()
                except Exception:  # its worker is gone, and the server with it
                    pass
    raise AssertionError("unreachable")
