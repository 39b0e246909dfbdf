"""Running `sanzi` on a Dask worker: the command's failure as an exception, and the process tied
to its worker's life."""
from __future__ import annotations

import ctypes
import signal
import subprocess
import sys


class SanziError(RuntimeError):
    """A `sanzi` command that failed, with what it printed on standard error."""


def _die_with_the_worker() -> None:
    """Asks Linux to kill this process when its parent (the Dask worker) dies, so that work Dask
    hands to another worker is never written by two processes at once."""
    pr_set_pdeathsig = 1
    ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)


def run_sanzi(sanzi: str, arguments: list[str], cwd: str | None = None) -> str:
    """Runs `sanzi` (in folder `cwd`, if given) and returns what it printed; raises SanziError
    when it fails."""
    result = subprocess.run(
        [sanzi, *arguments], capture_output=True, text=True, cwd=cwd,
        preexec_fn=_die_with_the_worker if sys.platform.startswith("linux") else None,
    )
    if result.returncode != 0:
        raise SanziError(f"sanzi {' '.join(arguments)} exited with status {result.returncode}: "
                         f"{result.stderr.strip()}")
    return result.stdout
