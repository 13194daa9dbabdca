#!/usr/bin/env python3
"""A tuning run: dsw's `tune` against scikit-learn's GridSearchCV with LightGBM.

Usage: python3 scripts/bench/tune.py [--users N] [--dsw PATH] [--repeat R]

Builds the propensity notebook's feature table (one row per customer of
`synth cmle`, `converted` the target) in dsw and writes it as CSV under
bench-data/. Then searches the same grid, leaves x learning_rate x
min_data_in_leaf (12 trials, 100 trees each), by 3 stratified folds and
AUC, and refits the best on every row:

- dsw: `tune m = gbt(features, …, search: {…}, cv: 3, metric: "auc")`, the
  cell's own duration (the trials spread over both cores);
- Python: GridSearchCV(LGBMClassifier(n_estimators=100), grid,
  cv=StratifiedKFold(3, shuffle=True, random_state=42), scoring="roc_auc",
  refit=True), timed around `fit`, in two layouts for two cores: trials in
  parallel (n_jobs=2, LightGBM 1 thread) and LightGBM's own threads
  (n_jobs=1, LightGBM 2 threads). String columns are pandas categories.

The folds are cut by each tool's own seeded shuffle, so the AUCs differ in
their third decimal; the grids, tree parameters and fold counts are the same.
Each is run R times and the best time kept. Prints a Markdown table.
"""
import argparse
import json
import os
import subprocess
import time

GRID = {"leaves": [15, 31, 63], "learning_rate": [0.03, 0.1], "min_data_in_leaf": [20, 100]}

FEATURES = """param snapshot = date("2024-02-26")
synth cmle (users: {users}, seed: 42, weeks: 12, start: date("2024-01-01"))
let history = from events | filter timestamp < snapshot
let counts = from profiles | select userId | join left history on userId | pivot eventType (n = count()) by userId | drop n_null
let activity = from history | aggregate events = count(), last_seen = max(timestamp), first_seen = min(timestamp), revenue = sum(commerce.order.priceTotal) by userId | derive days_since_last = days_between(last_seen, snapshot), tenure_days = days_between(first_seen, snapshot) | select userId, events, revenue, days_since_last, tenure_days
let recency = from history | aggregate last = max(timestamp) by userId, eventType | derive days = days_between(last, snapshot) | pivot eventType (days_since = min(days)) by userId
let label = from events | filter timestamp >= snapshot and eventType == "web.formFilledOut" | distinct userId | derive converted = true | select userId, converted
let features = from profiles | select userId, loyaltyTier, loyaltyPoints, country | join left counts on userId | join left activity on userId | join left recency on userId | join left label on userId | derive converted = coalesce(converted, false), events = coalesce(events, 0), revenue = coalesce(revenue, 0.0)"""

TUNE = ("tune m = gbt(features, target: converted, exclude: [userId], search: "
        "{leaves: [15, 31, 63], learning_rate: [0.03, 0.1], min_data_in_leaf: [20, 100]}, "
        "cv: 3, metric: \"auc\")")


def run_dsw(dsw, users, repeat):
    os.makedirs("bench-data", exist_ok=True)
    cells = [
        {"id": "features", "kind": "query", "source": FEATURES.format(users=users).split("\n")},
        {"id": "exported", "kind": "query",
         "source": ['export features to "tune_features.csv"']},
    ] + [{"id": "tune%04d" % i, "kind": "train", "source": [TUNE]} for i in range(repeat)]
    path = "bench-data/tune.dswnb"
    with open(path, "w") as handle:
        json.dump({"cells": cells, "dswnb": 1, "metadata": {"title": "tune"}}, handle)
    output = subprocess.run(
        [dsw, "run", path, "--format", "json"],
        check=True, capture_output=True, text=True).stdout
    times, summary = [], ""
    for line in output.splitlines():
        record = json.loads(line)
        if record["id"].startswith("tune"):
            times.append(record["duration_ms"] / 1000)
            summary = record["outputs"][0]["text"]
            best = record["outputs"][3]["tables"][0]["table"]["rows"][0][1]
    return min(times), summary, best


def run_sklearn(repeat, n_jobs, threads):
    import lightgbm
    import pandas
    from sklearn.model_selection import GridSearchCV, StratifiedKFold

    frame = pandas.read_csv("bench-data/tune_features.csv")
    target = frame.pop("converted").astype(str).str.lower() == "true"
    frame = frame.drop(columns=["userId"])
    for column in frame.columns:
        if not pandas.api.types.is_numeric_dtype(frame[column]):
            frame[column] = frame[column].astype("category")
    grid = {"num_leaves": GRID["leaves"], "learning_rate": GRID["learning_rate"],
            "min_child_samples": GRID["min_data_in_leaf"]}
    best_time, search = None, None
    for _ in range(repeat):
        model = lightgbm.LGBMClassifier(n_estimators=100, n_jobs=threads, verbose=-1)
        search = GridSearchCV(
            model, grid, scoring="roc_auc", n_jobs=n_jobs, refit=True,
            cv=StratifiedKFold(n_splits=3, shuffle=True, random_state=42))
        started = time.perf_counter()
        search.fit(frame, target)
        elapsed = time.perf_counter() - started
        best_time = elapsed if best_time is None else min(best_time, elapsed)
    return best_time, search.best_params_, search.best_score_


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=20000)
    parser.add_argument("--dsw", default=".build/release/dsw")
    parser.add_argument("--repeat", type=int, default=3)
    arguments = parser.parse_args()
    dsw_time, summary, dsw_auc = run_dsw(arguments.dsw, arguments.users, arguments.repeat)
    print(f"dsw: {summary.splitlines()[0]}")
    print(f"\n| tool | layout on 2 cores | best of {arguments.repeat} | best mean AUC |")
    print("|---|---|---:|---:|")
    print(f"| dsw `tune` | trials × folds over both cores | {dsw_time:.2f} s | {dsw_auc:.4f} |")
    for n_jobs, threads, layout in [(2, 1, "GridSearchCV n_jobs=2, LightGBM 1 thread"),
                                    (1, 2, "GridSearchCV n_jobs=1, LightGBM 2 threads")]:
        seconds, params, auc = run_sklearn(arguments.repeat, n_jobs, threads)
        print(f"| scikit-learn + LightGBM | {layout} | {seconds:.2f} s | {auc:.4f} |")
        print(f"|  | best: {params} | | |")


if __name__ == "__main__":
    main()
