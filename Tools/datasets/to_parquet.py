#!/usr/bin/env python3
"""Convert a Sanzi dataset's tables to Parquet, keeping the replication partitions.

    Tools/datasets/to_parquet.py DATASET [OUT]      (OUT defaults to DATASET-parquet)

Reads DATASET/datacard.json for each table's columns and types, then writes
OUT/TABLE/replication=N/part.parquet with those types (integers as int64, decimals as
float64, booleans as bool, strings as string); the replication number is the partition key
only, as in the dataset, so `pandas.read_parquet("OUT/TABLE")` reads a table in one line.
Needs pyarrow:
    python3 -m venv Tools/datasets/.venv && Tools/datasets/.venv/bin/pip install pyarrow
"""
import pathlib
import sys

import pyarrow.dataset as ds

from sanzi_dataset import PARTITIONING, card, read


def convert(dataset: pathlib.Path, out: pathlib.Path) -> None:
    for table in card(dataset)["tables"]:
        data = read(dataset, table["name"])
        ds.write_dataset(
            data, out / table["name"], format="parquet", partitioning=PARTITIONING,
            basename_template="part{i}.parquet", existing_data_behavior="delete_matching",
        )
        print(f"{table['name']}: {data.num_rows} rows", file=sys.stderr)


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    source = pathlib.Path(sys.argv[1])
    convert(source, pathlib.Path(sys.argv[2]) if len(sys.argv) == 3 else source.with_name(source.name + "-parquet"))
