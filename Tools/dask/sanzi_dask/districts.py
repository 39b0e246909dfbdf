"""sanzi-dask-districts: one `sanzi run` whose districts' worlds live on a Dask cluster's workers.

    sanzi-dask-districts SCENARIO --out DIR [--workers W | --scheduler ADDRESS] [--sanzi PATH]
                         [--local-sanzi PATH] [--attempts 3] [SANZI RUN OPTIONS...]

Starts `sanzi shard --listen` on every worker of a Dask cluster (a LocalCluster of W worker
processes by default, or the scheduler at ADDRESS), each held by a Dask actor on its worker's
host, and runs `sanzi run SCENARIO --out DIR --district-hosts ...` here, the scenario's
districts dealt out to the servers in turn. The scenario must set news windows
(<geography news-window-days>); DIR is the same bytes as `sanzi run` in one process (but for
run.json's time taken). A worker lost while the run goes stops it (no folder is written) and
the run starts again on the workers then alive, up to --attempts times. The servers accept any
connection: use a network only the cluster reaches. Other options (--seed, --counterfactual,
--thresholds FILE, --jobs, --force, --max-memory) go to `sanzi run` unchanged.
"""
from __future__ import annotations

import argparse
import sys

from .cluster import add_cluster_options, check_cluster_options, client_for
from .district_run import DistrictRun, run_districts
from .process import SanziError


def parse(argv: list[str]) -> tuple[argparse.Namespace, list[str]]:
    parser = argparse.ArgumentParser(prog="sanzi-dask-districts", description=__doc__.split("\n\n", 1)[1],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("scenario", help="the scenario file, with news windows")
    parser.add_argument("--out", required=True, help="the run's folder, here")
    parser.add_argument("--local-sanzi", help="the sanzi executable here (default: --sanzi)")
    parser.add_argument("--attempts", type=int, default=3, help="times the run is tried (default 3)")
    add_cluster_options(parser, "district server",
                        jobs_help="cores the run here uses (sanzi run --jobs; default 1); the districts run on the "
                                  "workers whatever K is")
    arguments, options = parser.parse_known_args(argv)
    check_cluster_options(parser, arguments)
    if arguments.attempts < 1:
        parser.error("--attempts must be at least 1")
    if arguments.jobs != 1:
        options += ["--jobs", str(arguments.jobs)]
    return arguments, options


def main(argv: list[str] | None = None) -> int:
    arguments, options = parse(sys.argv[1:] if argv is None else argv)
    run = DistrictRun(scenario=arguments.scenario, out=arguments.out, sanzi=arguments.sanzi,
                      local_sanzi=arguments.local_sanzi, options=tuple(options), attempts=arguments.attempts)
    try:
        with client_for(arguments) as client:
            result = run_districts(run, client, show_progress=not arguments.quiet)
    except SanziError as error:
        print(f"sanzi-dask-districts: {error}", file=sys.stderr)
        return 1
    print(result["printed"], end="")
    print(f"districts     on {len(result['servers'])} workers, attempt {result['attempts']}: {run.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
