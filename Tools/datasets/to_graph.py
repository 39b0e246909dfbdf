#!/usr/bin/env python3
"""Export a Sanzi dataset as graphs: one typed, dated multigraph per replication.

    Tools/datasets/to_graph.py DATASET [OUT]        (OUT defaults to DATASET-graph)

Writes OUT/replication=N/nodes.csv and OUT/replication=N/edges.csv, nodes numbered 0…n-1 so
that `edges[["source", "target"]]` is an edge index as PyTorch Geometric and DGL take it.

Nodes (`node`, `key`, `kind`, `village`, labels):
  village, office (a village's post: `village/role`), person, bidder (a villager or a firm),
  asset (a village's register item: `village/asset`). Ground truth: `perpetrator` (a person
  in a misconduct case), `beneficiary` (a bidder a case served).
Edges (`source`, `target`, `kind`, `day`, `ref`, labels):
  kinship (person–person, declared: the log's `relation` events), kinship_hidden (undeclared:
  ground truth, never a feature), holds (person → office, from the day of the `office` event),
  office_of (office → village), owns (person → bidder), bid (bidder → asset, `ref` the
  listing), contract (bidder → asset, `ref` the contract; `misconduct` its label), payment
  (village → bidder, a disbursement to a payee; `misconduct` its label).
The `misconduct` and `ground_truth` columns are labels: never features.

Load one replication (docs/datasets.md shows the same):
    nodes = pd.read_csv("OUT/replication=0/nodes.csv"); edges = pd.read_csv("OUT/replication=0/edges.csv")
    G = nx.from_pandas_edgelist(edges, "source", "target", edge_attr=True, create_using=nx.MultiDiGraph)
    edge_index = torch.tensor(edges[["source", "target"]].to_numpy().T)              # PyG / DGL
Needs pandas and pyarrow (Tools/datasets/README.md).
"""
import pathlib
import sys

import pandas as pd

from sanzi_dataset import card, read

# The log's office codes, in code order (docs/events.md, `office`).
ROLES = ["secretary", "director", "accountant", "cashier", "committee-member", "supervisor", "official"]


class Graph:
    """Nodes by key, numbered in order of first appearance, and edges."""

    def __init__(self):
        self.index, self.nodes, self.edges = {}, [], []

    def node(self, key, kind, village=""):
        if key not in self.index:
            self.index[key] = len(self.nodes)
            self.nodes.append({"node": len(self.nodes), "key": key, "kind": kind, "village": village})
        return self.index[key]

    def edge(self, source, target, kind, day="", ref="", misconduct=False, ground_truth=False):
        self.edges.append({"source": source, "target": target, "kind": kind, "day": day, "ref": ref,
                           "misconduct": misconduct, "ground_truth": ground_truth})


def build(tables: dict, replication: int) -> Graph:
    pick = {name: frame[frame["replication"] == replication] for name, frame in tables.items()}
    graph = Graph()
    for row in pick["actors"].itertuples():
        if row.kind == "person":
            graph.node(row.actor, "person", row.village or "")
        else:
            bidder = graph.node(row.actor, "bidder", row.village or "")
            graph.edge(graph.node(f"person:{row.person}", "person"), bidder, "owns")
    for name, kind in [("relations", "kinship"), ("relations_hidden", "kinship_hidden")]:
        for row in pick[name].itertuples():
            graph.edge(graph.node(f"person:{row.person}", "person"), graph.node(f"person:{row.relative}", "person"),
                       kind, ground_truth=kind.endswith("hidden"))
    events = pick["events"]
    assets = {}
    for row in events[events["type"] == "listing"].itertuples():
        assets[row.subject] = (row.village, row.other)
    for row in events[events["type"] == "office"].itertuples():
        if not row.village:
            continue
        role = ROLES[row.code] if 0 <= row.code < len(ROLES) else str(row.code)
        key = f"{row.village}/{role}"
        if key not in graph.index:
            office = graph.node(key, "office", row.village)
            graph.edge(office, graph.node(f"village:{row.village}", "village", row.village), "office_of")
        graph.edge(graph.node(f"person:{row.subject}", "person"), graph.index[key], "holds", day=row.day)
    for row in events[events["type"] == "bid"].itertuples():
        village, asset = assets.get(row.subject, (row.village, -1))
        graph.edge(graph.node(f"bidder:{row.party}", "bidder"), graph.node(f"{village}/asset:{asset}", "asset", village),
                   "bid", day=row.day, ref=f"listing:{row.subject}")
    for row in pick["transactions"].itertuples():
        graph.edge(graph.node(f"bidder:{row.counterparty}", "bidder"),
                   graph.node(f"{row.village}/asset:{row.asset}", "asset", row.village), "contract", day=row.day,
                   ref=f"contract:{row.contract}", misconduct=bool(row.misconduct))
    ledger = pick["ledger"]
    for row in ledger[(ledger["entry"] == "disbursement") & ledger["counterparty"].notna()].itertuples():
        graph.edge(graph.node(f"village:{row.village}", "village", row.village),
                   graph.node(f"bidder:{int(row.counterparty)}", "bidder"), "payment", day=row.day,
                   ref=f"event:{row.event}", misconduct=bool(row.misconduct))
    cases = pick["cases"]
    perpetrators, beneficiaries = set(), set()
    for row in cases[cases["kind"] == "misconduct"].itertuples():
        perpetrators.update(f"person:{p}" for p in str(row.perpetrators or "").split())
        if row.beneficiary >= 0:
            beneficiaries.add(f"bidder:{row.beneficiary}")
    for node in graph.nodes:
        node["perpetrator"] = node["key"] in perpetrators
        node["beneficiary"] = node["key"] in beneficiaries
    return graph


NEEDED = ["actors", "relations", "relations_hidden", "events", "transactions", "ledger", "cases"]


def export(dataset: pathlib.Path, out: pathlib.Path) -> list:
    names = {t["name"] for t in card(dataset)["tables"]}
    missing = [name for name in NEEDED if name not in names]
    if missing:
        sys.exit(f"{dataset}: the graph needs the tables {', '.join(missing)} (sanzi dataset --tables)")
    tables = {name: read(dataset, name).to_pandas() for name in NEEDED}
    graphs = []
    for replication in range(card(dataset)["replications"]):
        graph = build(tables, replication)
        folder = out / f"replication={replication}"
        folder.mkdir(parents=True, exist_ok=True)
        pd.DataFrame(graph.nodes).to_csv(folder / "nodes.csv", index=False)
        pd.DataFrame(graph.edges).to_csv(folder / "edges.csv", index=False)
        print(f"replication {replication}: {len(graph.nodes)} nodes, {len(graph.edges)} edges", file=sys.stderr)
        graphs.append(graph)
    return graphs


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    source = pathlib.Path(sys.argv[1])
    export(source, pathlib.Path(sys.argv[2]) if len(sys.argv) == 3 else source.with_name(source.name + "-graph"))
