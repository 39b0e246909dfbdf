"""Sanzi on a Dask cluster: datasets whose replications run on many workers or machines.

    from distributed import Client, LocalCluster
    from sanzi_dask import Dataset, build
    card = build(Dataset(replications=40, out="/shared/data", sanzi="/opt/sanzi/bin/sanzi"),
                 Client(LocalCluster(n_workers=2, threads_per_worker=1)))

See Tools/dask/README.md.
"""
from .dataset import Dataset, SanziError, build
from .parquet import convert

__all__ = ["Dataset", "SanziError", "build", "convert"]
