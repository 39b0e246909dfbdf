"""Sanzi on a Dask cluster: datasets whose replications, runs whose seeds, and a run whose
districts run on many workers or machines.

    from distributed import Client, LocalCluster
    from sanzi_dask import Dataset, DistrictRun, Runs, build, run_districts, run_seeds
    client = Client(LocalCluster(n_workers=2, threads_per_worker=1))
    card = build(Dataset(replications=40, out="/shared/data", sanzi="/opt/sanzi/bin/sanzi"), client)
    runs = run_seeds(Runs(seeds=tuple(range(1, 21)), out="/shared/runs", options=("--counterfactual",),
                          compare=True, sanzi="/opt/sanzi/bin/sanzi"), client)
    run_districts(DistrictRun(scenario="/shared/city.xml", out="out/city", sanzi="/opt/sanzi/bin/sanzi"), client)

See Tools/dask/README.md.
"""
from .dataset import Dataset, build
from .district_run import DistrictRun, run_districts
from .process import SanziError
from .parquet import convert
from .seed_runs import Runs, run_seeds

__all__ = ["Dataset", "DistrictRun", "Runs", "SanziError", "build", "convert", "run_districts", "run_seeds"]
