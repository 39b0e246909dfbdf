#!/usr/bin/env python3
"""Train a baseline detector on a Sanzi dataset's transactions and compare it with the rules.

    Tools/datasets/train_baseline.py DATASET [--graph] [--observed]

Trains gradient boosting (scikit-learn's HistGradientBoostingClassifier) on the `train` side
of the village split and scores the `test` side, so no village is on both sides. Prints:

- PR-AUC (average precision) of the model, overall and per typology (the typology's rows
  against the honest rows);
- the same for the alert rules: a contract's rule score is the summed severity (yellow 1,
  orange 3, red 9) of the alerts on its listing or contract;
- the leakage check: the PR-AUC of the best single feature (either direction). A value near 1
  would mean one column gives the label away.

--graph adds features from the observable graph (declared kinship to office holders, the
bidder's villages, repeated co-bidding; see graph_features) in a second model, "+graph".
--observed trains on `misconduct_observed` (the label after the noise options) instead of the
true label; the test side is always scored against the true label. Needs scikit-learn and
pyarrow (see Tools/datasets/README.md).
"""
import pathlib
import sys

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import average_precision_score

from sanzi_dataset import card, read

NOT_FEATURES = {
    "replication", "village", "contract", "event", "listing", "asset", "counterparty",
    "misconduct", "misconduct_observed", "typology", "case_id", "look_alike", "look_alike_typology",
    "label_available_day", "split_village", "split_time",
}
WEIGHTS = {"yellow": 1, "orange": 3, "red": 9}


def features(transactions: pa.Table, columns: list) -> tuple:
    names, matrix = [], []
    for column in columns:
        name = column["name"]
        if name in NOT_FEATURES:
            continue
        values = transactions[name]
        if column["type"] == "string":
            for level in sorted(set(values.to_pylist())):
                names.append(f"{name}={level}")
                matrix.append(np.array([v == level for v in values.to_pylist()], dtype=float))
            continue
        if column["type"] == "boolean":
            values = pc.cast(values, pa.float64())
        names.append(name)
        matrix.append(np.array(pc.cast(values, pa.float64()).to_numpy(zero_copy_only=False), dtype=float))
    return names, np.column_stack(matrix)


def rule_scores(dataset: pathlib.Path, transactions: pa.Table) -> np.ndarray:
    alerts = read(dataset, "alerts")
    score = {}
    for replication, subject, severity in zip(
        alerts["replication"].to_pylist(), alerts["subject"].to_pylist(), alerts["severity"].to_pylist()
    ):
        score[(replication, subject)] = score.get((replication, subject), 0) + WEIGHTS[severity]
    result = []
    for replication, listing, contract in zip(
        transactions["replication"].to_pylist(), transactions["listing"].to_pylist(),
        transactions["contract"].to_pylist(),
    ):
        value = score.get((replication, f"contract:{contract}"), 0)
        if listing >= 0:
            value += score.get((replication, f"listing:{listing}"), 0)
        result.append(value)
    return np.array(result, dtype=float)


def graph_features(dataset: pathlib.Path, transactions: pa.Table) -> tuple:
    """Features from the observable graph (declared kinship, offices, ownership, bids, earlier
    contracts), each computed from what happened before the contract's day:
    owner_kin_hops_to_office (declared kinship hops from the bidder's owner to anyone who had
    held an office in the village, 4 when over 3), bidder_villages_before (villages the bidder
    had contracts with), max_cobids_before (listings the bidder had bid on together with its
    most frequent co-bidder)."""
    actors, relations, events = (read(dataset, name).to_pandas() for name in ("actors", "relations", "events"))
    columns = {"owner_kin_hops_to_office": [], "bidder_villages_before": [], "max_cobids_before": []}
    rows = transactions.select(["replication", "village", "day", "counterparty"]).to_pandas()
    for replication, group in rows.groupby("replication", sort=False):
        owner = {int(a.split(":")[1]): p for a, p in actors.loc[actors["replication"] == replication, ["actor", "person"]]
                 .itertuples(index=False) if a.startswith("bidder:")}
        kin = {}
        for a, b in relations.loc[relations["replication"] == replication, ["person", "relative"]].itertuples(index=False):
            kin.setdefault(a, set()).add(b)
            kin.setdefault(b, set()).add(a)
        log = events[events["replication"] == replication]
        offices = log[log["type"] == "office"][["village", "subject", "day"]].itertuples(index=False)
        holders = {}
        for village, person, day in offices:
            holders.setdefault(village, []).append((day, person))
        bids = log[log["type"] == "bid"][["subject", "party", "day"]]
        by_listing = {}
        for listing, bidder, day in bids.itertuples(index=False):
            by_listing.setdefault(listing, (day, set()))[1].add(bidder)
        cobids = []  # (day, bidder, partner)
        for day, bidders in by_listing.values():
            for a in bidders:
                cobids.extend((day, a, b) for b in bidders if b != a)
        contracts = sorted(zip(group["day"], group["counterparty"], group["village"]))
        for village, day, bidder in zip(group["village"], group["day"], group["counterparty"]):
            held = {p for d, p in holders.get(village, []) if d <= day}
            start, hops, frontier, seen = owner.get(bidder), 4, set(), set()
            if start is not None:
                frontier, seen = {start}, {start}
                for depth in range(4):
                    if frontier & held:
                        hops = depth
                        break
                    frontier = {r for f in frontier for r in kin.get(f, ())} - seen
                    seen |= frontier
            columns["owner_kin_hops_to_office"].append(hops)
            columns["bidder_villages_before"].append(len({v for d, b, v in contracts if b == bidder and d < day}))
            partners = {}
            for d, a, b in cobids:
                if a == bidder and d < day:
                    partners[b] = partners.get(b, 0) + 1
            columns["max_cobids_before"].append(max(partners.values(), default=0))
    return list(columns), np.column_stack([np.array(v, dtype=float) for v in columns.values()])


def pr_auc(labels: np.ndarray, scores: np.ndarray):
    return average_precision_score(labels, scores) if labels.sum() > 0 else None


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if len(args) != 1:
        sys.exit(__doc__)
    dataset = pathlib.Path(args[0])
    transactions = read(dataset, "transactions")
    table = next(t for t in card(dataset)["tables"] if t["name"] == "transactions")
    names, x = features(transactions, table["columns"])
    truth = np.array(transactions["misconduct"].to_pylist(), dtype=int)
    observed = np.array(transactions["misconduct_observed"].to_pylist(), dtype=int)
    training_label = observed if "--observed" in sys.argv else truth
    split = np.array(transactions["split_village"].to_pylist())
    train, test = split == "train", split == "test"
    typology = np.array(transactions["typology"].to_pylist())
    print(f"transactions: {len(truth)} rows, {truth.sum()} misconduct; train {train.sum()}, test {test.sum()} "
          f"(test positives {truth[test].sum()})")
    villages = card(dataset)["village_split"]["villages"]
    print(f"villages: train {villages['train']}, valid {villages['valid']}, test {villages['test']}")
    if truth[train].sum() == 0 or truth[test].sum() == 0:
        sys.exit("not enough misconduct on both sides of the split: simulate more replications")
    if truth[test].sum() < 30 or villages["test"] < 5:
        print(f"warning: the test side holds {truth[test].sum()} positives from {villages['test']} villages: "
              "its PR-AUC is a rough figure (more replications, or a scenario with more villages)")
    def fitted(matrix):
        model = HistGradientBoostingClassifier(max_iter=300, learning_rate=0.1, random_state=0)
        model.fit(matrix[train], training_label[train])
        return model.predict_proba(matrix[test])[:, 1]

    scores = {"model": fitted(x)}
    if "--graph" in sys.argv:
        graph_names, graph = graph_features(dataset, transactions)
        scores["+graph"] = fitted(np.column_stack([x, graph]))
        names, x = names + graph_names, np.column_stack([x, graph])
    scores["rules"] = rule_scores(dataset, transactions)[test]
    y, kinds = truth[test], typology[test]
    print(f"\n{'':28}" + "".join(f"{name:>8}" for name in scores) + f"{'cases':>8}")
    overall = [pr_auc(y, score) for score in scores.values()]
    print(f"{'all misconduct':28}" + "".join(f"{value:8.3f}" for value in overall) + f"{y.sum():8d}")
    for kind in sorted(set(kinds) - {""}):
        keep = (kinds == kind) | (y == 0)
        values = [pr_auc((kinds[keep] == kind).astype(int), score[keep]) for score in scores.values()]
        print(f"{kind:28}" + "".join(f"{value:8.3f}" for value in values) + f"{(kinds == kind).sum():8d}")
    best = (0.0, "")
    for index, name in enumerate(names):
        column = np.nan_to_num(x[test, index], nan=np.nanmin(x[:, index]) - 1 if np.isfinite(np.nanmin(x[:, index])) else 0)
        for sign in (1, -1):
            value = pr_auc(y, sign * column)
            if value is not None and value > best[0]:
                best = (value, name if sign == 1 else f"-{name}")
    print(f"\nleakage check: best single feature {best[1]} has PR-AUC {best[0]:.3f} "
          f"({'suspicious' if best[0] >= 0.95 else 'below 0.95'}); base rate {y.mean():.3f}")
    print(f"baseline {'beats' if overall[0] > overall[-1] else 'does not beat'} the rules on PR-AUC overall")


if __name__ == "__main__":
    main()
