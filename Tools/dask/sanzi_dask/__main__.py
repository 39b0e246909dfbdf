"""sanzi-dask: a Sanzi dataset built on a Dask cluster.

    sanzi-dask [SCENARIO] --replications N --out DIR [--workers W | --scheduler ADDRESS]
               [--jobs K] [--sanzi PATH] [--parquet | --no-parquet] [SANZI DATASET OPTIONS...]

Fans the replications out over a Dask cluster (a LocalCluster of W single-threaded worker
processes by default, or the scheduler at ADDRESS), one task per replication, each on K cores
(a scenario with news windows simulates its districts side by side), and shows Dask's
progress; the dataset at DIR is the same bytes as `sanzi dataset` would write. Stopped or
interrupted (a worker killed, the whole command stopped), the same command goes on from the
replications already finished. With pyarrow installed (or --parquet) it then writes DIR-parquet,
one Parquet file per table partition, also on the cluster. Other options (--format, --tables,
--missed-labels, --false-labels, --force, --max-memory) go to `sanzi dataset` unchanged.
"""
from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import sys

from .dataset import Dataset, SanziError, build
from .parquet import convert


def parse(argv: list[str]) -> tuple[argparse.Namespace, list[str]]:
    parser = argparse.ArgumentParser(prog="sanzi-dask", description=__doc__.split("\n\n", 1)[1],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("scenario", nargs="?", help="the scenario file (the built-in default when left out)")
    parser.add_argument("--replications", type=int, required=True, help="replications to simulate (at least 1)")
    parser.add_argument("--out", required=True, help="the dataset's folder, on a file system every worker sees")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--workers", type=int,
                       help="worker processes of the LocalCluster started here (default: the cores / K)")
    where.add_argument("--scheduler", help="address of a running Dask scheduler, as tcp://host:8786")
    parser.add_argument("--jobs", type=int, default=1, metavar="K",
                        help="cores each replication uses (sanzi dataset --jobs; default 1): with news windows "
                             "its districts run side by side; give each worker thread K cores")
    parser.add_argument("--sanzi", default=os.environ.get("SANZI") or shutil.which("sanzi") or "sanzi",
                        help="the sanzi executable on the workers (default: $SANZI, else sanzi on PATH)")
    parser.add_argument("--parquet", action=argparse.BooleanOptionalAction,
                        default=importlib.util.find_spec("pyarrow") is not None,
                        help="also write DIR-parquet (default: when pyarrow is installed)")
    parser.add_argument("--quiet", "-q", action="store_true", help="no progress bars")
    arguments, options = parser.parse_known_args(argv)
    if arguments.jobs < 1:
        parser.error("--jobs must be at least 1")
    if arguments.workers is None:
        arguments.workers = max(1, (os.cpu_count() or 1) // arguments.jobs)
    return arguments, options


def main(argv: list[str] | None = None) -> int:
    arguments, options = parse(sys.argv[1:] if argv is None else argv)
    from distributed import Client, LocalCluster

    dataset = Dataset(replications=arguments.replications, out=arguments.out, scenario=arguments.scenario,
                      sanzi=arguments.sanzi, options=tuple(options), jobs=arguments.jobs)
    cluster = None if arguments.scheduler else LocalCluster(
        n_workers=arguments.workers, threads_per_worker=1, dashboard_address=None)
    try:
        with Client(arguments.scheduler or cluster) as client:
            card = build(dataset, client, show_progress=not arguments.quiet)
            print(f"dataset       {card['replications']} replications, {card['cases']} cases: {dataset.out}")
            if arguments.parquet:
                rows = convert(dataset.out, dataset.out + "-parquet", client, show_progress=not arguments.quiet)
                print(f"parquet       {sum(rows.values())} rows in {len(rows)} tables: {dataset.out}-parquet")
    except SanziError as error:
        print(f"sanzi-dask: {error}", file=sys.stderr)
        return 1
    finally:
        if cluster is not None:
            cluster.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
