"""Sanzi on a Dask cluster: datasets whose replications, and runs whose seeds, run on many
workers or machines.

    from distributed import Client, LocalCluster
    from sanzi_dask import Dataset, Runs, build, run_seeds
    client = Client(LocalCluster(n_workers=2, threads_per_worker=1))
    card = build(Dataset(replications=40, out="/shared/data", sanzi="/opt/sanzi/bin/sanzi"), client)
    runs = run_seeds(Runs(seeds=tuple(range(1, 21)), out="/shared/runs", options=("--counterfactual",),
                          compare=True, sanzi="/opt/sanzi/bin/sanzi"), client)

See Tools/dask/README.md.
"""
from .dataset import Dataset, build
from .process import SanziError
from .parquet import convert
from .seed_runs import Runs, run_seeds

__all__ = ["Dataset", "Runs", "SanziError", "build", "convert", "run_seeds"]
