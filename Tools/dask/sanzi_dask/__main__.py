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
(`sanzi-dask-runs` runs `sanzi run` for many seeds the same way.)
"""
from __future__ import annotations

import argparse
import importlib.util
import sys

from .cluster import add_cluster_options, check_cluster_options, client_for
from .dataset import Dataset, build
from .parquet import convert
from .process import SanziError


def parse(argv: list[str]) -> tuple[argparse.Namespace, list[str]]:
    parser = argparse.ArgumentParser(prog="sanzi-dask", description=__doc__.split("\n\n", 1)[1],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("scenario", nargs="?", help="the scenario file (the built-in default when left out)")
    parser.add_argument("--replications", type=int, required=True, help="replications to simulate (at least 1)")
    parser.add_argument("--out", required=True, help="the dataset's folder, on a file system every worker sees")
    add_cluster_options(parser, "replication")
    parser.add_argument("--parquet", action=argparse.BooleanOptionalAction,
                        default=importlib.util.find_spec("pyarrow") is not None,
                        help="also write DIR-parquet (default: when pyarrow is installed)")
    arguments, options = parser.parse_known_args(argv)
    check_cluster_options(parser, arguments)
    return arguments, options


def main(argv: list[str] | None = None) -> int:
    arguments, options = parse(sys.argv[1:] if argv is None else argv)
    dataset = Dataset(replications=arguments.replications, out=arguments.out, scenario=arguments.scenario,
                      sanzi=arguments.sanzi, options=tuple(options), jobs=arguments.jobs)
    try:
        with client_for(arguments) as client:
            card = build(dataset, client, show_progress=not arguments.quiet)
            print(f"dataset       {card['replications']} replications, {card['cases']} cases: {dataset.out}")
            if arguments.parquet:
                rows = convert(dataset.out, dataset.out + "-parquet", client, show_progress=not arguments.quiet)
                print(f"parquet       {sum(rows.values())} rows in {len(rows)} tables: {dataset.out}-parquet")
    except SanziError as error:
        print(f"sanzi-dask: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
