#!/usr/bin/env python3
"""Convert a Sanzi dataset's tables to Parquet, keeping the replication partitions.

    Tools/datasets/to_parquet.py DATASET [OUT]      (OUT defaults to DATASET-parquet)

Reads DATASET/datacard.json for each table's columns and types, then writes
OUT/TABLE/replication=NNNN/part.parquet with those types (integers as int64, decimals as
float64, booleans as bool, strings as string). Needs pyarrow:
    python3 -m venv Tools/datasets/.venv && Tools/datasets/.venv/bin/pip install pyarrow
"""
import json
import pathlib
import sys

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.json as pajson
import pyarrow.parquet as pq

TYPES = {"integer": pa.int64(), "decimal": pa.float64(), "boolean": pa.bool_(), "string": pa.string()}


def convert(dataset: pathlib.Path, out: pathlib.Path) -> None:
    card = json.loads((dataset / "datacard.json").read_text())
    for table in card["tables"]:
        schema = pa.schema([(c["name"], TYPES[c["type"]]) for c in table["columns"]])
        for part in sorted((dataset / table["name"]).glob("replication=*/part.*")):
            if part.suffix == ".csv":
                options = pacsv.ConvertOptions(
                    column_types=schema, strings_can_be_null=False, true_values=["1"], false_values=["0"]
                )
                data = pacsv.read_csv(part, convert_options=options)
            else:
                data = pajson.read_json(part, parse_options=pajson.ParseOptions(explicit_schema=schema))
            target = out / table["name"] / part.parent.name / "part.parquet"
            target.parent.mkdir(parents=True, exist_ok=True)
            pq.write_table(data.select(schema.names), target)
        print(f"{table['name']}: {table['rows']} rows", file=sys.stderr)


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    source = pathlib.Path(sys.argv[1])
    convert(source, pathlib.Path(sys.argv[2]) if len(sys.argv) == 3 else source.with_name(source.name + "-parquet"))
