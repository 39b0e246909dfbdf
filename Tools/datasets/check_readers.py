#!/usr/bin/env python3
"""Checks that a Sanzi dataset loads in one line with each reader docs/datasets.md shows, and
that its graph export loads in NetworkX.

    Tools/datasets/check_readers.py DATASET

Converts DATASET to Parquet (to_parquet.py) in a temporary folder, then reads every table
with pandas (`pd.read_parquet`), pyarrow (`ds.dataset(..., partitioning="hive")`), DuckDB
(`read_parquet` and `read_csv` with `hive_partitioning=true`) and sanzi_dataset.read, and
checks the rows against datacard.json, the `replication` key (integers 0…N-1) and the column
types against the data card; then exports the graphs (to_graph.py) and loads each
replication's edge list into a NetworkX MultiDiGraph, checking its nodes and edges against
the files. Prints one line per table and reader; exits 1 on any mismatch. Needs pandas,
pyarrow, duckdb and networkx (`pip install pandas pyarrow duckdb networkx`); CI installs them.
"""
import pathlib
import sys
import tempfile

import duckdb
import networkx as nx
import pandas as pd
import pyarrow as pa
import pyarrow.dataset as ds

from sanzi_dataset import card, read
from to_graph import export
from to_parquet import convert

ARROW = {"integer": {pa.int64()}, "decimal": {pa.float64()}, "boolean": {pa.bool_()}, "string": {pa.string()}}
DUCK = {"integer": {"BIGINT"}, "decimal": {"DOUBLE"}, "boolean": {"BOOLEAN"}, "string": {"VARCHAR"}}
# pandas' NumPy types hold no null: an integer column with nulls comes as float64, a boolean one
# as object (`dtype_backend="pyarrow"` keeps both typed).
PANDAS = {"integer": {"int64", "float64"}, "decimal": {"float64"}, "boolean": {"bool", "object"}, "string": {"object", "str"}}


def check(dataset: pathlib.Path) -> int:
    failures = 0
    info = card(dataset)
    replications = set(range(info["replications"]))

    def report(table, reader, rows, keys, mistyped):
        nonlocal failures
        ok = rows == table["rows"] and (not rows or keys == replications) and not mistyped
        failures += not ok
        print(f"{'ok ' if ok else 'BAD'} {table['name']:17} {reader:26} rows {rows}"
              + ("" if ok else f" (card {table['rows']}); replication {sorted(keys)}; mistyped {mistyped}"))

    with tempfile.TemporaryDirectory() as scratch:
        parquet = pathlib.Path(scratch) / "parquet"
        convert(dataset, parquet)
        for table in info["tables"]:
            name, columns = table["name"], table["columns"]
            frame = pd.read_parquet(parquet / name)
            report(table, "pandas read_parquet", len(frame), set(frame["replication"].astype(int)) if len(frame) else set(),
                   [c["name"] for c in columns if str(frame[c["name"]].dtype) not in PANDAS[c["type"]]])
            arrow = ds.dataset(parquet / name, partitioning="hive").to_table()
            report(table, "pyarrow dataset (parquet)", arrow.num_rows, set(arrow["replication"].to_pylist()),
                   [c["name"] for c in columns if arrow.schema.field(c["name"]).type not in ARROW[c["type"]]])
            for reader, source in [
                ("duckdb read_parquet", f"read_parquet('{parquet / name}/*/*.parquet', hive_partitioning=true)"),
                ("duckdb read_csv", f"read_csv('{dataset / name}/*/*.csv', hive_partitioning=true)"),
            ]:
                if reader.endswith("csv") and not table["files"].endswith(".csv"):
                    continue
                relation = duckdb.sql(f"SELECT * FROM {source}")
                types = dict(zip(relation.columns, map(str, relation.types)))
                rows = relation.fetchall()
                keys = {row[relation.columns.index("replication")] for row in rows}
                report(table, reader, len(rows), keys, [c["name"] for c in columns if types[c["name"]] not in DUCK[c["type"]]])
            typed = read(dataset, name)
            report(table, "sanzi_dataset.read", typed.num_rows, set(typed["replication"].to_pylist()), [])
        graphs = pathlib.Path(scratch) / "graph"
        for replication, graph in enumerate(export(dataset, graphs)):
            folder = graphs / f"replication={replication}"
            nodes, edges = pd.read_csv(folder / "nodes.csv"), pd.read_csv(folder / "edges.csv")
            loaded = nx.from_pandas_edgelist(edges, "source", "target", edge_attr=True, create_using=nx.MultiDiGraph)
            loaded.add_nodes_from(nodes["node"])
            kinds = set(edges["kind"])
            ok = (loaded.number_of_nodes() == len(graph.nodes) == len(nodes)
                  and loaded.number_of_edges() == len(graph.edges)
                  and {"kinship", "holds", "owns", "bid", "contract"} <= kinds
                  and list(nodes["node"]) == list(range(len(nodes))))
            failures += not ok
            print(f"{'ok ' if ok else 'BAD'} graph {replication:<11} networkx MultiDiGraph       "
                  f"{loaded.number_of_nodes()} nodes, {loaded.number_of_edges()} edges, kinds {sorted(kinds)}")
    return failures


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sys.exit(1 if check(pathlib.Path(sys.argv[1])) else 0)
