"""sanzi-dask-runs: `sanzi run` for many seeds on a Dask cluster, then `sanzi compare`.

    sanzi-dask-runs [SCENARIO] --seeds 1-40 --out DIR [--workers W | --scheduler ADDRESS]
                    [--jobs K] [--sanzi PATH] [--compare] [SANZI RUN OPTIONS...]

Runs `sanzi run [SCENARIO] --seed S --out DIR/seed=S --jobs K` for every seed, one task each, on
a Dask cluster (a LocalCluster of W single-threaded worker processes by default, or the
scheduler at ADDRESS), and shows Dask's progress; each seed's folder is the same bytes as that
command run by hand (but for run.json's time taken). Sanzi builds a run's folder beside it and
moves it into place when the run is done, so a seed's folder is a finished run: stopped or
interrupted (a worker killed, the whole command stopped), the same command keeps those and runs
the others. With --counterfactual each run has its pair without the warning system in
DIR/seed=S/counterfactual, and --compare then writes `sanzi compare` of the pairs over all seeds
to DIR/compare: what the warning system changed (loss prevented, cases and petitions avoided,
by district and month), each mean with its standard error. DIR/runs.json, written last, says
the set is complete. Other options (--counterfactual, --thresholds FILE, --max-memory, --force)
go to every `sanzi run` unchanged.
"""
from __future__ import annotations

import argparse
import sys

from .cluster import add_cluster_options, check_cluster_options, client_for
from .process import SanziError
from .seed_runs import OtherSettings, Runs, run_seeds


def seed_list(text: str) -> tuple[int, ...]:
    """Seeds as sanzi writes them: `1-5`, `6,8`, `1-3,9`."""
    seeds: list[int] = []
    for part in text.split(","):
        first, dash, last = part.partition("-")
        if not first.isdigit() or (dash and not last.isdigit()) or int(last or first) < int(first):
            raise argparse.ArgumentTypeError(f"'{text}' is not a list of seeds such as 1-5, 6,8 or 1-3,9")
        seeds += range(int(first), int(last or first) + 1)
    if len(set(seeds)) != len(seeds):
        raise argparse.ArgumentTypeError(f"'{text}' names a seed twice")
    return tuple(seeds)


def parse(argv: list[str]) -> tuple[argparse.Namespace, list[str]]:
    parser = argparse.ArgumentParser(prog="sanzi-dask-runs", description=__doc__.split("\n\n", 1)[1],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("scenario", nargs="?", help="the scenario file (the built-in default when left out)")
    parser.add_argument("--seeds", type=seed_list, required=True, help="the seeds to run, as 1-40 or 1-3,9")
    parser.add_argument("--out", required=True,
                        help="the folder of the runs (DIR/seed=S), on a file system every worker sees")
    parser.add_argument("--compare", action="store_true",
                        help="with --counterfactual: sanzi compare of the pairs over all seeds into DIR/compare")
    add_cluster_options(parser, "run")
    arguments, options = parser.parse_known_args(argv)
    check_cluster_options(parser, arguments)
    return arguments, options


def main(argv: list[str] | None = None) -> int:
    arguments, options = parse(sys.argv[1:] if argv is None else argv)
    try:
        runs = Runs(seeds=arguments.seeds, out=arguments.out, scenario=arguments.scenario, sanzi=arguments.sanzi,
                    options=tuple(options), jobs=arguments.jobs, compare=arguments.compare)
    except ValueError as error:
        print(f"sanzi-dask-runs: {error}", file=sys.stderr)
        return 2
    try:
        with client_for(arguments) as client:
            summary = run_seeds(runs, client, show_progress=not arguments.quiet)
    except OtherSettings as error:
        print(f"sanzi-dask-runs: {error}", file=sys.stderr)
        return 2
    except SanziError as error:
        print(f"sanzi-dask-runs: {error}", file=sys.stderr)
        return 1
    print(f"runs          {len(summary['runs'])} seeds: {runs.out}")
    if summary["compare"]:
        print(f"compare       {runs.out}/compare (compare.md, compare.html, compare.json)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
