#!/usr/bin/env python3
"""Everyday query shapes: dsw against DuckDB, side by side, answers checked.

Usage: python3 scripts/bench/everyday.py [--rows N] [--dsw PATH] [--repeat R]

Makes a fact table `t` (db-benchmark's groupby shape, `synth groupby`) of N
rows and a 100,000-row dimension `dim`, and `synth cmle`'s events and
profiles of 1,000,000 customers, writes them as CSV under bench-data/,
then runs each query R times (best time kept) in dsw (one notebook, each
query a timed cell `let ans = ...`) and in DuckDB (Python package, 2
threads, `CREATE TABLE ans AS ...`). Loading is not timed. Each answer is
summarised as its row count and the sums of its numeric columns (compared as
a set, since a pivot names its columns its own way), and the two engines
must agree. A query of several statements is timed as a whole. Prints one Markdown table and exits 1 on a wrong answer.
"""
import argparse
import json
import os
import subprocess
import sys
import time

import duckdb

# (name, dsw pipeline, DuckDB SQL); both give the same rows.
QUERIES = [
    ("sort, then take 100",
     "from t | sort -v3, id6 | take 100",
     "SELECT * FROM t ORDER BY v3 DESC, id6 LIMIT 100"),
    ("join a 100,000-row dimension, then aggregate",
     "from t | join dim on id6 == key | aggregate n = count(), w = sum(weight) by region",
     "SELECT region, count(*) AS n, sum(weight) AS w FROM t JOIN dim ON id6 = key "
     "GROUP BY region"),
    ("filter, then aggregate by a string key",
     "from t | filter v1 >= 3 and v3 < 50 | aggregate n = count(), s = sum(v3) by id3",
     "SELECT id3, count(*) AS n, sum(v3) AS s FROM t WHERE v1 >= 3 AND v3 < 50 GROUP BY id3"),
    ("derive, filter, sort, take",
     "from t | derive r = v3 * v1 - v2 | filter r > 100 | sort -r, id6 | take 10",
     "SELECT *, v3 * v1 - v2 AS r FROM t WHERE v3 * v1 - v2 > 100 ORDER BY r DESC, id6 "
     "LIMIT 10"),
    ("window row_number and running sum, then filter rn <= 3",
     "from t | window by id1 order -v3, id6 derive rn = row_number(), rs = running_sum(v1) "
     "| filter rn <= 3",
     "SELECT * FROM (SELECT *, row_number() OVER w AS rn, sum(v1) OVER (w ROWS UNBOUNDED "
     "PRECEDING) AS rs FROM t WINDOW w AS (PARTITION BY id1 ORDER BY v3 DESC, id6)) "
     "WHERE rn <= 3"),
    ("count_distinct by key",
     "from t | aggregate d = count_distinct(id3) by id1",
     "SELECT id1, count(DISTINCT id3) AS d FROM t GROUP BY id1"),
    ("whole-table aggregate",
     "from t | aggregate s = sum(v3), m = mean(v1), sd = stddev(v3), mx = max(v2)",
     "SELECT sum(v3) AS s, avg(v1) AS m, stddev(v3) AS sd, max(v2) AS mx FROM t"),
    ("derive a label with if, then aggregate by it",
     "from t | derive band = if(v3 > 50, \"high\", \"low\") "
     "| aggregate n = count(), s = sum(v1) by band, id1",
     "SELECT CASE WHEN v3 > 50 THEN 'high' ELSE 'low' END AS band, id1, count(*) AS n, "
     "sum(v1) AS s FROM t GROUP BY ALL"),
    ("semi join, then aggregate",
     "from t | join semi dim on id6 == key | aggregate n = count(), s = sum(v3)",
     "SELECT count(*) AS n, sum(v3) AS s FROM t SEMI JOIN dim ON id6 = key"),
    ("window lag over several order keys, then aggregate",
     "from t | window by id1 order v3, id6, v1, v2, id4, id5 derive p = lag(v3) "
     "| aggregate s = sum(p)",
     "SELECT sum(p) AS s FROM (SELECT lag(v3) OVER (PARTITION BY id1 "
     "ORDER BY v3, id6, v1, v2, id4, id5) AS p FROM t)"),
    ("quantile by key",
     "from t | aggregate q = quantile(v3, 0.9) by id2",
     "SELECT id2, quantile_cont(v3, 0.9) AS q FROM t GROUP BY id2"),
    # The propensity notebook's featurization, on `synth cmle` data of 1M customers.
    ("feature pipeline: filter, aggregates, pivot, 3 left joins (1M customers)",
     "let history = from events | filter timestamp < date(\"2024-02-26\")\n"
     "let counts = from history | aggregate n = count() by userId, eventType "
     "| pivot eventType (n = sum(n)) by userId\n"
     "let activity = from history | aggregate events = count(), last_seen = max(timestamp), "
     "revenue = sum(commerce.order.priceTotal) by userId\n"
     "let label = from events | filter timestamp >= date(\"2024-02-26\") "
     "and eventType == \"web.formFilledOut\" | distinct userId | derive converted = true "
     "| select userId, converted\n"
     "let ans = from profiles | select userId, loyaltyTier, loyaltyPoints "
     "| join left counts on userId | join left activity on userId | join left label on userId "
     "| derive converted = coalesce(converted, false), events = coalesce(events, 0), "
     "revenue = coalesce(revenue, 0.0)",
     "CREATE OR REPLACE TEMP TABLE history AS "
     "SELECT * FROM events WHERE timestamp < DATE '2024-02-26';"
     "CREATE OR REPLACE TEMP TABLE counts AS PIVOT (SELECT userId, eventType, count(*) AS n "
     "FROM history GROUP BY ALL) ON eventType USING sum(n) GROUP BY userId;"
     "CREATE OR REPLACE TEMP TABLE activity AS SELECT userId, count(*) AS events, "
     "max(timestamp) AS last_seen, sum(\"commerce.order.priceTotal\") AS revenue "
     "FROM history GROUP BY userId;"
     "CREATE OR REPLACE TEMP TABLE label AS SELECT DISTINCT userId, true AS converted "
     "FROM events WHERE timestamp >= DATE '2024-02-26' AND eventType = 'web.formFilledOut';"
     "CREATE TABLE ans AS SELECT p.userId, p.loyaltyTier, p.loyaltyPoints, "
     "c.* EXCLUDE (userId), coalesce(a.events, 0) AS events, a.last_seen, "
     "coalesce(a.revenue, 0.0) AS revenue, coalesce(l.converted, false) AS converted "
     "FROM profiles p LEFT JOIN counts c USING (userId) LEFT JOIN activity a USING (userId) "
     "LEFT JOIN label l USING (userId)"),
]

NUMERIC = ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "FLOAT", "DOUBLE",
           "DECIMAL", "UBIGINT", "UINTEGER")


def cell(cell_id, source):
    return {"id": cell_id, "kind": "query", "source": source.split("\n")}


def run_notebook(dsw, path, cells, *arguments):
    with open(path, "w") as handle:
        json.dump({"cells": cells, "dswnb": 1, "metadata": {"title": "everyday"}}, handle)
    return subprocess.run(
        [dsw, "run", path, *arguments], check=True, capture_output=True, text=True).stdout


def best_times(output):
    """The best time in seconds of each query, from `dsw run --format json`
    output whose timed cells are named qNNrAAAA (query NN, attempt AAAA)."""
    times = {}
    for line in output.splitlines():
        if line.startswith("{"):
            record = json.loads(line)
            if record["id"].startswith("q"):
                index = int(record["id"][1:3])
                seconds = record["duration_ms"] / 1000
                times[index] = min(times.get(index, seconds), seconds)
    return times


def make_data(dsw, rows, folder):
    """Writes t.csv and dim.csv with dsw, once per row count, and the customers once."""
    if not os.path.exists(os.path.join(folder, "events.csv")):
        run_notebook(dsw, os.path.join(folder, "everyday-cmle.dswnb"), [
            cell("cmle0000", 'synth cmle (users: 1000000, seed: 42, weeks: 12, '
                             'start: date("2024-01-01"))'),
            cell("cmle0001", 'export events to "events.csv"\nexport profiles to "profiles.csv"'),
        ])
    marker = os.path.join(folder, "everyday-rows")
    if os.path.exists(marker) and open(marker).read() == str(rows):
        return
    run_notebook(dsw, os.path.join(folder, "everyday-data.dswnb"), [
        cell("gen00000", f'synth groupby (rows: {rows}, k: 100, seed: 7, as: "t")'),
        cell("dim00000",
             "let dim = from t | take 100000 | window order id3, id6 derive key = row_number() "
             "| select key, region = id1, weight = v3"),
        cell("exp00000", 'export t to "t.csv"\nexport dim to "dim.csv"'),
    ])
    with open(marker, "w") as handle:
        handle.write(str(rows))


def summarize(con):
    """Row count and the sum of every numeric column of `ans`."""
    columns = con.execute("DESCRIBE ans").fetchall()
    # A 38-digit customer id reads back as a number: it is not summed.
    numeric = [name for name, kind, *_ in columns
               if kind.upper().startswith(NUMERIC) and name != "userId"]
    rows = con.execute("SELECT count(*) FROM ans").fetchone()[0]
    sums = {}
    if numeric:
        values = con.execute(
            "SELECT " + ", ".join(f'sum("{name}")::DOUBLE' for name in numeric)
            + " FROM ans").fetchone()
        sums = dict(zip(numeric, values))
    return {"rows": rows, "sums": sums}


def run_dsw(dsw, folder, repeat):
    """Times each query in one dsw process; the answers are exported to CSV."""
    cells = [cell("load0000", 'load "t.csv" as t\nload "dim.csv" as dim\n'
                              'load "events.csv" as events\nload "profiles.csv" as profiles')]
    for index, (_, pipeline, _) in enumerate(QUERIES):
        statements = pipeline if pipeline.startswith("let ") else f"let ans = {pipeline}"
        for attempt in range(repeat):
            cells.append(cell(f"q{index:02d}r{attempt:04d}", statements))
        cells.append(cell(f"c{index:02d}00000", f'export ans to "ans{index:02d}.csv"'))
    times = best_times(run_notebook(
        dsw, os.path.join(folder, "everyday.dswnb"), cells, "--format", "json"))
    con = duckdb.connect()
    answers = {}
    for index in range(len(QUERIES)):
        con.execute("DROP TABLE IF EXISTS ans")
        con.execute(f"CREATE TABLE ans AS SELECT * FROM read_csv('{folder}/ans{index:02d}.csv')")
        answers[index] = summarize(con)
    return times, answers


def run_duckdb(folder, repeat):
    con = duckdb.connect()
    con.execute("SET threads TO 2")
    con.execute(f"CREATE TABLE t AS SELECT * FROM read_csv('{folder}/t.csv')")
    con.execute(f"CREATE TABLE dim AS SELECT * FROM read_csv('{folder}/dim.csv')")
    for name in ("events", "profiles"):
        con.execute(f"CREATE TABLE {name} AS SELECT * FROM read_csv('{folder}/{name}.csv', "
                    "types = {'userId': 'VARCHAR'})")
    times, answers = {}, {}
    for index, (_, _, sql) in enumerate(QUERIES):
        for _ in range(repeat):
            con.execute("DROP TABLE IF EXISTS ans")
            start = time.perf_counter()
            con.execute(sql if sql.startswith("CREATE") else f"CREATE TABLE ans AS {sql}")
            seconds = time.perf_counter() - start
            times[index] = min(times.get(index, seconds), seconds)
        answers[index] = summarize(con)
    return times, answers


def same(mine, theirs):
    if mine is None or mine["rows"] != theirs["rows"]:
        return False
    expected = sorted(value for value in theirs["sums"].values() if value is not None)
    found = sorted(value for value in mine["sums"].values() if value is not None)
    if len(expected) != len(found):
        return False
    return all(abs(a - b) <= 1e-6 * max(1.0, abs(b)) for a, b in zip(found, expected))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=5_000_000)
    parser.add_argument("--dsw", default=".build/release/dsw")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    dsw = os.path.abspath(args.dsw)
    folder = os.path.abspath("bench-data")
    os.makedirs(folder, exist_ok=True)
    make_data(dsw, args.rows, folder)
    duck_times, duck_answers = run_duckdb(folder, args.repeat)
    dsw_times, dsw_answers = run_dsw(dsw, folder, args.repeat)
    wrong = 0
    product = 1.0
    print(f"{args.rows:,} rows; best of {args.repeat}; DuckDB {duckdb.__version__}, 2 threads")
    print("| query shape | dsw (s) | DuckDB (s) | dsw / DuckDB | answer |")
    print("|---|---:|---:|---:|---|")
    for index, (name, _, _) in enumerate(QUERIES):
        ok = same(dsw_answers.get(index), duck_answers[index])
        wrong += 0 if ok else 1
        ratio = dsw_times[index] / duck_times[index]
        product *= ratio
        print(f"| {name} | {dsw_times[index]:.3f} | {duck_times[index]:.3f} | {ratio:.2f} | "
              f"{'same' if ok else 'DIFFERENT'} |")
    print(f"| geometric mean | | | {product ** (1 / len(QUERIES)):.2f} | |")
    sys.exit(1 if wrong else 0)


if __name__ == "__main__":
    main()
