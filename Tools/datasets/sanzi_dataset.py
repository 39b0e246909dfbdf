"""Reads a table of a Sanzi dataset (CSV or JSON lines) as one pyarrow table, typed as its
data card says, with the Hive partition key `replication` as an int64 column.

    from sanzi_dataset import read
    transactions = read("data", "transactions")

It is pyarrow's own reader with the data card's schema; without it, one line reads a table too:

    pyarrow.dataset.dataset("data/transactions", format="csv", partitioning="hive").to_table()
"""
import json
import pathlib

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.dataset as ds
import pyarrow.json as pajson

TYPES = {"integer": pa.int64(), "decimal": pa.float64(), "boolean": pa.bool_(), "string": pa.string()}
PARTITIONING = ds.partitioning(pa.schema([("replication", pa.int64())]), flavor="hive")


def card(dataset) -> dict:
    """The dataset's datacard.json."""
    return json.loads((pathlib.Path(dataset) / "datacard.json").read_text())


def schema(table: dict) -> pa.Schema:
    """A table's columns as the data card types them."""
    return pa.schema([(c["name"], TYPES[c["type"]]) for c in table["columns"]])


def read(dataset, name: str) -> pa.Table:
    """Table `name` of `dataset`: every partition, the key `replication` first."""
    table = next(t for t in card(dataset)["tables"] if t["name"] == name)
    columns = schema(table)
    folder = pathlib.Path(dataset) / name
    if table["files"].endswith(".csv"):
        options = ds.CsvFileFormat(
            convert_options=pacsv.ConvertOptions(column_types=columns, strings_can_be_null=False)
        )
        data = ds.dataset(folder, format=options, partitioning=PARTITIONING).to_table()
    else:
        parts = []
        for part in sorted(folder.glob("replication=*/part.jsonl"), key=lambda p: int(p.parent.name.split("=")[1])):
            rows = pajson.read_json(part, parse_options=pajson.ParseOptions(explicit_schema=columns))
            number = int(part.parent.name.split("=")[1])
            parts.append(rows.append_column("replication", pa.array([number] * rows.num_rows, pa.int64())))
        data = pa.concat_tables(parts) if parts else columns.empty_table().append_column("replication", pa.array([], pa.int64()))
    return data.select(["replication"] + columns.names).sort_by([("replication", "ascending")])
