#!/usr/bin/env python3
"""Compares dsw's BG/NBD and Gamma-Gamma with the `lifetimes` Python package
on the CDNOW transaction log that `lifetimes` ships (23,570 customers of the
CDNOW music store, January 1997 to June 1998; Fader and Hardie's data set).

Both sides start from the same transactions. dsw turns them into one row per
customer with the documented `rfm` pipeline (docs/reference.md, `bgnbd`),
lifetimes with `summary_data_from_transaction_data` (freq "D", days). Then
each fits BG/NBD on every customer and Gamma-Gamma on the repeat customers,
and predicts, per customer, the expected purchases over the next 365 days,
the probability of being alive, the expected spend per purchase and the
discounted lifetime value. The script prints the parameters side by side and
the largest relative difference of each prediction, and exits 1 if any
parameter, standard error or prediction differs in its third significant digit.

Usage: scripts/compare-lifetimes.py [path/to/dsw]   (default .build/release/dsw)
Needs: pip install lifetimes
"""

import json
import os
import subprocess
import sys
import tempfile

import numpy as np
import pandas as pd
from lifetimes import BetaGeoFitter, GammaGammaFitter
from lifetimes.datasets import load_dataset
from lifetimes.utils import summary_data_from_transaction_data

HORIZON = 365
DISCOUNT = 0.0005  # per day
END = "1998-06-30"

NOTEBOOK_CELLS = [
    ['load "cdnow.csv" as transactions'],
    [
        "let daily = from transactions | aggregate spend = sum(amount) by customer, date",
        "let rfm = from daily",
        "| sort customer, date",
        "| aggregate x = count() - 1, first_day = min(date), last_day = max(date), "
        + "first_spend = first(spend), total = sum(spend) by customer",
        f'| derive t_x = days_between(first_day, last_day), T = days_between(first_day, date("{END}")), '
        + "zbar = if(x > 0, (total - first_spend) / x, 0.0)",
        "| select customer, x, t_x, T, zbar",
        "let repeaters = from rfm | filter x > 0 and zbar > 0",
    ],
    [
        "train c = bgnbd(rfm, frequency: x, recency: t_x, age: T)",
        "train v = gamma_gamma(repeaters, frequency: x, monetary: zbar)",
        'save model c to "bgnbd.json"',
        'save model v to "gamma_gamma.json"',
    ],
    [
        f"let scored = from rfm | score c, v (horizon: {HORIZON}, discount_rate: {DISCOUNT})",
        'export scored to "scored.csv"',
    ],
]


def significant(a, b):
    """Relative difference, as a share of the larger magnitude."""
    scale = max(abs(a), abs(b), 1e-300)
    return abs(a - b) / scale


def main():
    dsw = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else ".build/release/dsw")
    raw = load_dataset("CDNOW_master.txt", header=0, sep=r"\s+")
    raw.columns = ["customer", "date", "quantity", "amount"]
    raw["date"] = pd.to_datetime(raw["date"].astype(str), format="%Y%m%d")
    work = tempfile.mkdtemp(prefix="dsw-lifetimes-")
    raw.assign(date=raw["date"].dt.strftime("%Y-%m-%d"))[["customer", "date", "amount"]].to_csv(
        os.path.join(work, "cdnow.csv"), index=False)

    # lifetimes
    summary = summary_data_from_transaction_data(
        raw, "customer", "date", monetary_value_col="amount", observation_period_end=END, freq="D")
    bg = BetaGeoFitter().fit(summary["frequency"], summary["recency"], summary["T"])
    repeaters = summary[(summary["frequency"] > 0) & (summary["monetary_value"] > 0)]
    gg = GammaGammaFitter().fit(repeaters["frequency"], repeaters["monetary_value"])
    f, r, t, m = (summary[k] for k in ["frequency", "recency", "T", "monetary_value"])
    expected = bg.conditional_expected_number_of_purchases_up_to_time(HORIZON, f, r, t)
    alive = pd.Series(bg.conditional_probability_alive(f, r, t), index=summary.index)
    spend = gg.conditional_expected_average_profit(f, m)
    # dsw's clv: each day's expected purchases discounted by (1 + d)^k.
    clv = np.zeros(len(summary))
    previous = np.zeros(len(summary))
    for day in range(1, HORIZON + 1):
        cumulative = bg.conditional_expected_number_of_purchases_up_to_time(day, f, r, t).values
        clv += (cumulative - previous) / (1 + DISCOUNT) ** day
        previous = cumulative
    clv *= spend.values

    # dsw
    notebook = {
        "dswnb": 1,
        "metadata": {"title": "lifetimes comparison"},
        "cells": [
            {"id": f"cell{i:04d}", "kind": "query", "source": lines}
            for i, lines in enumerate(NOTEBOOK_CELLS)
        ],
    }
    path = os.path.join(work, "compare.dswnb")
    with open(path, "w") as handle:
        json.dump(notebook, handle)
    subprocess.run([dsw, "run", path], check=True, stdout=subprocess.DEVNULL)
    estimates = {}
    for name in ["bgnbd", "gamma_gamma"]:
        with open(os.path.join(work, f"{name}.json")) as handle:
            for item in json.load(handle)["lifetime"]["estimates"]:
                estimates[item["name"]] = (item["value"], item["standard_error"])
    scored = pd.read_csv(os.path.join(work, "scored.csv")).set_index("customer").sort_index()

    worst = 0.0
    print(f"CDNOW master: {len(raw):,} transactions, {len(summary):,} customers, "
          f"{len(repeaters):,} with repeat purchases; time unit: days")
    print(f"{'parameter':<10} {'dsw':>12} {'(s.e.)':>10} {'lifetimes':>12} {'(s.e.)':>10} {'rel. diff':>10}")
    summaries = [(bg.summary, ["r", "alpha", "a", "b"]), (gg.summary, ["p", "q", "v"])]
    for table, names in summaries:
        for name in names:
            ours, our_error = estimates[name]
            theirs, their_error = table.loc[name, "coef"], table.loc[name, "se(coef)"]
            difference = significant(ours, theirs)
            worst = max(worst, difference, significant(our_error, their_error))
            print(f"{name:<10} {ours:>12.6g} {our_error:>10.4g} {theirs:>12.6g} {their_error:>10.4g} "
                  f"{difference:>10.2e}")
    print(f"{'prediction':<20} {'largest rel. diff':>18} {'mean (dsw)':>12} {'mean (lifetimes)':>17}")
    order = summary.sort_index()
    for column, values in [("expected_purchases", expected), ("p_alive", alive),
                           ("expected_spend", spend), ("clv", pd.Series(clv, index=summary.index))]:
        theirs = values.loc[order.index].values
        ours = scored[column].values
        difference = max(significant(a, b) for a, b in zip(ours, theirs))
        worst = max(worst, difference)
        print(f"{column:<20} {difference:>18.2e} {ours.mean():>12.6g} {theirs.mean():>17.6g}")
    agree = worst < 5e-4
    print("agree to 3 significant digits" if agree else "DIFFER in the third significant digit")
    sys.exit(0 if agree else 1)


if __name__ == "__main__":
    main()
