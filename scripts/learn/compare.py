#!/usr/bin/env python3
"""Fits the reference models on a make_dataset.py CSV and prints test metrics.

- LightGBM, default parameters, 100 trees, num_threads=2, native categoricals;
- scikit-learn LogisticRegression (C=1) and Ridge (alpha=1) after the same
  encoding dsw's linear models use: mean imputation plus a missing indicator for
  each numeric column with nulls, one-hot strings, then StandardScaler.

Classification target: `converted`; regression target: `total_spend` (without
`avg_order_value`, `purchases` and `converted`, which give it away).
Training rows are those with split == "train"; metrics are on the test rows.
Scores of the test rows go to SCORES.csv.

usage: compare.py DATA.csv [SCORES.csv]
"""
import csv
import sys
import time

import lightgbm as lgb
import numpy as np
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.metrics import log_loss, mean_squared_error, roc_auc_score
from sklearn.preprocessing import StandardScaler

ID, TARGET, SPLIT, REG_TARGET = "userId", "converted", "split", "total_spend"
REG_DROP = {"avg_order_value", "purchases", TARGET}


def load(path):
    with open(path, newline="") as handle:
        rows = list(csv.reader(handle))
    header, body = rows[0], rows[1:]
    columns = {}
    for index, name in enumerate(header):
        raw = [row[index] for row in body]
        try:
            columns[name] = np.array([float(v) if v != "" else np.nan for v in raw])
        except ValueError:
            columns[name] = np.array(raw, dtype=object)
    return header, columns


def is_string(column):
    return column.dtype == object


def linear_design(columns, names, train):
    """dsw's linear encoding: impute + indicator, one-hot (sorted categories)."""
    parts, labels = [], []
    for name in names:
        column = columns[name]
        if is_string(column):
            if set(column[train]) <= {"true", "false"}:
                parts.append((column == "true").astype(float))
                labels.append(name)
                continue
            for category in sorted(set(column[train]) - {""}):
                parts.append((column == category).astype(float))
                labels.append(f"{name}={category}")
        else:
            missing = np.isnan(column)
            mean = np.nanmean(column[train])
            parts.append(np.where(missing, mean, column))
            labels.append(name)
            if missing[train].any():
                parts.append(missing.astype(float))
                labels.append(f"{name} is null")
    return np.column_stack(parts), labels


def lgb_design(columns, names, train):
    parts, categorical = [], []
    for index, name in enumerate(names):
        column = columns[name]
        if is_string(column):
            categories = sorted(set(column[train]) - {""})
            if categories == ["false", "true"]:
                parts.append((column == "true").astype(float))
                continue
            lookup = {c: i for i, c in enumerate(categories)}
            parts.append(np.array([lookup.get(v, np.nan) for v in column], dtype=float))
            categorical.append(index)
        else:
            parts.append(column)
    return np.column_stack(parts), categorical


def timed(fit):
    start = time.perf_counter()
    result = fit()
    return result, time.perf_counter() - start


def main():
    header, columns = load(sys.argv[1])
    scores_path = sys.argv[2] if len(sys.argv) > 2 else None
    train = columns[SPLIT] == "train"
    test = ~train
    y = (columns[TARGET] == "true").astype(float)
    names = [n for n in header if n not in {ID, TARGET, SPLIT}]
    print(f"{int(train.sum())} training rows, {int(test.sum())} test rows, {len(names)} features")
    print(f"{'model':<28}{'test metric':>22}{'fit s':>9}")

    xg, categorical = lgb_design(columns, names, train)
    params = dict(objective="binary", num_threads=2, verbose=-1)
    booster, seconds = timed(lambda: lgb.train(
        params, lgb.Dataset(xg[train], y[train], categorical_feature=categorical),
        num_boost_round=100))
    lgb_scores = booster.predict(xg[test])
    print(f"{'lightgbm binary':<28}{'AUC %.4f' % roc_auc_score(y[test], lgb_scores):>22}"
          f"{seconds:>9.3f}")
    # OpenMP spin-waits badly when the two cores are shared, so one thread is
    # shown too: it is the fairer yardstick on a busy machine.
    _, seconds = timed(lambda: lgb.train(
        dict(params, num_threads=1), lgb.Dataset(xg[train], y[train], categorical_feature=categorical),
        num_boost_round=100))
    print(f"{'lightgbm binary, 1 thread':<28}{'':>22}{seconds:>9.3f}")

    xl, _ = linear_design(columns, names, train)
    scaler = StandardScaler().fit(xl[train])
    xs = scaler.transform(xl)
    logistic, seconds = timed(lambda: LogisticRegression(C=1.0, max_iter=1000, tol=1e-8)
                              .fit(xs[train], y[train]))
    log_scores = logistic.predict_proba(xs[test])[:, 1]
    print(f"{'sklearn logistic (C=1)':<28}{'AUC %.4f' % roc_auc_score(y[test], log_scores):>22}"
          f"{seconds:>9.3f}   log loss {log_loss(y[test], log_scores):.5f}")

    reg_names = [n for n in names if n not in REG_DROP and n != REG_TARGET]
    yr = columns[REG_TARGET]
    xr, reg_labels = linear_design(columns, reg_names, train)
    reg_scaler = StandardScaler().fit(xr[train])
    ridge, seconds = timed(lambda: Ridge(alpha=1.0).fit(reg_scaler.transform(xr[train]), yr[train]))
    ridge_pred = ridge.predict(reg_scaler.transform(xr[test]))
    rmse = mean_squared_error(yr[test], ridge_pred) ** 0.5
    print(f"{'sklearn ridge (alpha=1)':<28}{'RMSE %.4f' % rmse:>22}{seconds:>9.3f}")
    coefficients = ridge.coef_ / reg_scaler.scale_
    intercept = ridge.intercept_ - float(np.dot(coefficients, reg_scaler.mean_))
    print("  ridge intercept %.10g; first coefficients (original scale):" % intercept)
    for label, value in list(zip(reg_labels, coefficients))[:6]:
        print(f"    {label:<26}{value:.10g}")

    xgr, reg_categorical = lgb_design(columns, reg_names, train)
    reg_booster, seconds = timed(lambda: lgb.train(
        dict(objective="regression", num_threads=2, verbose=-1),
        lgb.Dataset(xgr[train], yr[train], categorical_feature=reg_categorical),
        num_boost_round=100))
    reg_rmse = mean_squared_error(yr[test], reg_booster.predict(xgr[test])) ** 0.5
    print(f"{'lightgbm regression':<28}{'RMSE %.4f' % reg_rmse:>22}{seconds:>9.3f}")

    if scores_path:
        with open(scores_path, "w", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow([ID, TARGET, "lightgbm", "logistic", "ridge_spend"])
            for row in zip(columns[ID][test], y[test], lgb_scores, log_scores, ridge_pred):
                writer.writerow([int(row[0]), int(row[1])] + [repr(float(v)) for v in row[2:]])
        print(f"wrote {scores_path}")


if __name__ == "__main__":
    main()
