#!/usr/bin/env python3
"""Writes the small fixture the linear-model tests check against scikit-learn.

Tests/DSWCoreTests/Fixtures/learn/linear.csv: 80 rows; x1, x2 (x2 with nulls),
x3 (int), plan (string, 3 values), y (numeric) and won (bool). Prints, as Swift
literals, the coefficients on the original scale of
  StandardScaler + Ridge(alpha=1)            on y
  StandardScaler + LogisticRegression(C=1)   on won
after dsw's encoding (mean imputation + "is null" indicator, sorted one-hot).

usage: make_linear_fixture.py   (run from the repository root)
"""
import csv

import numpy as np
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.preprocessing import StandardScaler

PATH = "Tests/DSWCoreTests/Fixtures/learn/linear.csv"

rng = np.random.default_rng(11)
rows = 80
x1 = rng.normal(5, 2, rows).round(3)
x2 = rng.normal(0, 1, rows).round(3)
x2_missing = rng.random(rows) < 0.15
x3 = rng.integers(0, 10, rows)
plan = rng.choice(["basic", "gold", "pro"], rows)
y = (3 + 1.5 * x1 - 2 * np.where(x2_missing, 0, x2) + 0.3 * x3 + (plan == "gold") * 2
     + rng.normal(0, 1, rows)).round(4)
won = rng.random(rows) < 1 / (1 + np.exp(-(0.8 * (x1 - 5) - 0.5 * x3 / 3 + (plan == "pro"))))

with open(PATH, "w", newline="") as handle:
    writer = csv.writer(handle, lineterminator="\n")
    writer.writerow(["x1", "x2", "x3", "plan", "y", "won"])
    for i in range(rows):
        writer.writerow([x1[i], "" if x2_missing[i] else x2[i], x3[i], plan[i], y[i],
                         "true" if won[i] else "false"])

x2_filled = np.where(x2_missing, x2[~x2_missing].mean(), x2)
design = np.column_stack([x1, x2_filled, x2_missing.astype(float), x3,
                          *(plan == p for p in ["basic", "gold", "pro"])]).astype(float)
scaler = StandardScaler().fit(design)
z = scaler.transform(design)

ridge = Ridge(alpha=1.0).fit(z, y)
coef = ridge.coef_ / scaler.scale_
intercept = ridge.intercept_ - coef @ scaler.mean_
print("ridge:", f"[{intercept!r}, " + ", ".join(repr(float(c)) for c in coef) + "]")

logistic = LogisticRegression(C=1.0, tol=1e-12, max_iter=10000).fit(z, won)
coef = logistic.coef_[0] / scaler.scale_
intercept = logistic.intercept_[0] - coef @ scaler.mean_
print("logistic:", f"[{intercept!r}, " + ", ".join(repr(float(c)) for c in coef) + "]")
