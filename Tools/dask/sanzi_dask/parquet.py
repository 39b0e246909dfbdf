"""A finished Sanzi dataset as Parquet, one Dask task per table partition.

Writes OUT/TABLE/replication=N/part0.parquet with the data card's types (integers int64,
decimals float64, booleans bool, strings string), the layout Tools/datasets/to_parquet.py
writes, into `.OUT.partial` beside OUT, moved into place when every partition is written.
"""
from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

TYPE_NAMES = {"integer": "int64", "decimal": "float64", "boolean": "bool_", "string": "string"}


def convert_partition(dataset: str, table: dict, replication: int, out: str) -> int:
    """Task: one partition of `table` written as Parquet; returns its rows."""
    import pyarrow as pa
    import pyarrow.csv as pacsv
    import pyarrow.json as pajson
    import pyarrow.parquet as pq

    schema = pa.schema([(c["name"], getattr(pa, TYPE_NAMES[c["type"]])()) for c in table["columns"]])
    source = Path(dataset) / table["name"] / f"replication={replication}"
    if table["files"].endswith(".csv"):
        rows = pacsv.read_csv(source / "part.csv", convert_options=pacsv.ConvertOptions(
            column_types=schema, strings_can_be_null=False))
    else:
        rows = pajson.read_json(source / "part.jsonl", parse_options=pajson.ParseOptions(explicit_schema=schema))
    target = Path(out) / table["name"] / f"replication={replication}"
    target.mkdir(parents=True, exist_ok=True)
    pq.write_table(rows.select(schema.names).cast(schema), target / "part0.parquet.partial", compression="snappy")
    os.replace(target / "part0.parquet.partial", target / "part0.parquet")
    return rows.num_rows


def convert(dataset: str, out: str, client, show_progress: bool = False) -> dict[str, int]:
    """Converts the finished dataset at `dataset` to Parquet at `out` on `client`'s cluster;
    returns each table's rows."""
    card = json.loads((Path(dataset) / "datacard.json").read_text())
    out = os.path.abspath(out)
    if os.path.exists(out) and not (Path(out) / "datacard.json").is_file():
        raise FileExistsError(f"{out}: exists and is not a Parquet dataset this wrote (choose a new folder)")
    staging = os.path.join(os.path.dirname(out), f".{os.path.basename(out)}.partial")
    shutil.rmtree(staging, ignore_errors=True)
    tasks = {(table["name"], number): client.submit(convert_partition, dataset, table, number, staging)
             for table in card["tables"] for number in range(card["replications"])}
    if show_progress:
        from distributed import progress
        progress(list(tasks.values()))
        print(file=sys.stderr)
    rows: dict[str, int] = {}
    for (name, _), task in tasks.items():
        rows[name] = rows.get(name, 0) + task.result()
    for table in card["tables"]:
        if rows[table["name"]] != table["rows"]:
            raise RuntimeError(f"{table['name']}: {rows[table['name']]} rows in Parquet, "
                               f"{table['rows']} in the data card")
    shutil.copy(Path(dataset) / "datacard.json", Path(staging) / "datacard.json")
    shutil.rmtree(out, ignore_errors=True)
    os.replace(staging, out)
    return rows
