"""The cluster options `sanzi-dask` and `sanzi-dask-runs` share, and the client they give."""
from __future__ import annotations

import argparse
import contextlib
import os
import shutil
from typing import Iterator


def add_cluster_options(parser: argparse.ArgumentParser, unit: str, jobs_help: str | None = None) -> None:
    """Adds --workers or --scheduler, --jobs, --sanzi and --quiet; `unit` names what one task
    simulates (a replication, a seed's run); `jobs_help` replaces --jobs' help."""
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--workers", type=int,
                       help="worker processes of the LocalCluster started here (default: the cores / K)")
    where.add_argument("--scheduler", help="address of a running Dask scheduler, as tcp://host:8786")
    parser.add_argument("--jobs", type=int, default=1, metavar="K",
                        help=jobs_help or f"cores each {unit} uses (sanzi --jobs; default 1): with news windows its "
                                          "districts run side by side; give each worker thread K cores")
    parser.add_argument("--sanzi", default=os.environ.get("SANZI") or shutil.which("sanzi") or "sanzi",
                        help="the sanzi executable on the workers (default: $SANZI, else sanzi on PATH)")
    parser.add_argument("--quiet", "-q", action="store_true", help="no progress bars")


def check_cluster_options(parser: argparse.ArgumentParser, arguments: argparse.Namespace) -> None:
    """Refuses --jobs or --workers below 1 and fills in the LocalCluster's default workers."""
    if arguments.jobs < 1:
        parser.error("--jobs must be at least 1")
    if arguments.workers is None:
        arguments.workers = max(1, (os.cpu_count() or 1) // arguments.jobs)
    elif arguments.workers < 1:
        parser.error("--workers must be at least 1")


@contextlib.contextmanager
def client_for(arguments: argparse.Namespace) -> Iterator:
    """A client of the scheduler at --scheduler, or of a LocalCluster of --workers
    single-threaded workers started here and closed after."""
    from distributed import Client, LocalCluster

    cluster = None if arguments.scheduler else LocalCluster(
        n_workers=arguments.workers, threads_per_worker=1, dashboard_address=None)
    try:
        with Client(arguments.scheduler or cluster) as client:
            yield client
    finally:
        if cluster is not None:
            cluster.close()
