#!/usr/bin/env python3
"""Times DuckDB on the db-benchmark groupby task, as a reference for dsw.

Usage: python3 scripts/bench/duckdb_groupby.py CSVPATH [--threads N]

Loads CSVPATH with read_csv into table x, then runs the ten groupby questions
(the SQL of db-benchmark's duckdb solution), each once as CREATE TABLE ans AS
..., like db-benchmark's first run. Prints one JSON line per step:
{"step": "load"|"q1".., "seconds": s, "rows": n, "sums": {column: sum}}
where sums cover the answer's numeric columns, so answers can be compared.
"""
import argparse
import json
import time

import duckdb

QUESTIONS = [
    ("q1", "SELECT id1, sum(v1) AS v1 FROM x GROUP BY id1"),
    ("q2", "SELECT id1, id2, sum(v1) AS v1 FROM x GROUP BY id1, id2"),
    ("q3", "SELECT id3, sum(v1) AS v1, avg(v3) AS v3 FROM x GROUP BY id3"),
    ("q4", "SELECT id4, avg(v1) AS v1, avg(v2) AS v2, avg(v3) AS v3 FROM x GROUP BY id4"),
    ("q5", "SELECT id6, sum(v1) AS v1, sum(v2) AS v2, sum(v3) AS v3 FROM x GROUP BY id6"),
    ("q6", "SELECT id4, id5, quantile_cont(v3, 0.5) AS median_v3, stddev(v3) AS sd_v3 "
           "FROM x GROUP BY id4, id5"),
    ("q7", "SELECT id3, max(v1)-min(v2) AS range_v1_v2 FROM x GROUP BY id3"),
    ("q8", "SELECT id6, v3 AS largest2_v3 FROM (SELECT id6, v3, row_number() OVER "
           "(PARTITION BY id6 ORDER BY v3 DESC) AS order_v3 FROM x WHERE v3 IS NOT NULL) "
           "sub_query WHERE order_v3 <= 2"),
    ("q9", "SELECT id2, id4, pow(corr(v1, v2), 2) AS r2_v1_v2 FROM x GROUP BY id2, id4"),
    ("q10", "SELECT id1, id2, id3, id4, id5, id6, sum(v3) AS v3, count(*) AS count "
            "FROM x GROUP BY id1, id2, id3, id4, id5, id6"),
]

NUMERIC = ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "FLOAT", "DOUBLE",
           "DECIMAL", "UBIGINT", "UINTEGER")


def summarize(con, table):
    """Row count and the sum of every numeric column of `table`."""
    columns = con.execute(f"DESCRIBE {table}").fetchall()
    numeric = [name for name, kind, *_ in columns if kind.upper().startswith(NUMERIC)]
    rows = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    sums = {}
    if numeric:
        values = con.execute(
            "SELECT " + ", ".join(f'sum("{name}")::DOUBLE' for name in numeric)
            + f" FROM {table}").fetchone()
        sums = dict(zip(numeric, values))
    return rows, sums


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv")
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    con = duckdb.connect()
    con.execute(f"SET threads={args.threads}")
    path = args.csv.replace("'", "''")
    start = time.perf_counter()
    con.execute(f"CREATE TABLE x AS SELECT * FROM read_csv('{path}')")
    seconds = time.perf_counter() - start
    rows, sums = summarize(con, "x")
    print(json.dumps({"step": "load", "seconds": round(seconds, 4), "rows": rows, "sums": sums}),
          flush=True)
    for step, sql in QUESTIONS:
        con.execute("DROP TABLE IF EXISTS ans")
        start = time.perf_counter()
        con.execute(f"CREATE TABLE ans AS {sql}")
        seconds = time.perf_counter() - start
        rows, sums = summarize(con, "ans")
        print(json.dumps({"step": step, "seconds": round(seconds, 4), "rows": rows, "sums": sums}),
              flush=True)


if __name__ == "__main__":
    main()
