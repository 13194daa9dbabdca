#!/usr/bin/env python3
"""db-benchmark's five join questions: dsw against DuckDB, answers checked.

Usage: python3 scripts/bench/join.py [--rows N] [--dsw PATH] [--repeat R]

Makes tables in the shape of db-benchmark's join-datagen.R (x of N rows,
small of N/1e6, medium of N/1e3 and big of N rows; 90% of each side's keys
match the other's, the rest are one side's alone; id4, id5, id6 are the
"id" strings of id1, id2, id3) with numpy and writes them as CSV under
bench-data/join. Then it runs each question R times (best time kept) in
dsw (one notebook, `let ans = ...` per timed cell) and in DuckDB (2
threads, `CREATE TABLE ans AS ...`). Loading is not timed. Each answer is
summarised as its row count and the sums of v1 and v2, and the two engines
must agree. Prints one Markdown table and exits 1 on a wrong answer.
"""
import argparse
import os
import sys
import time

import duckdb
import numpy as np
import pandas as pd

from everyday import best_times, cell, run_notebook

# (name, dsw pipeline, DuckDB SQL): the same rows and columns.
QUESTIONS = [
    ("q1 small inner on int",
     "from x | join small on id1",
     "SELECT x.*, small.id4 AS id4_right, v2 FROM x JOIN small USING (id1)"),
    ("q2 medium inner on int",
     "from x | join medium on id2",
     "SELECT x.*, medium.id1 AS id1_right, medium.id4 AS id4_right, medium.id5 AS id5_right, v2 "
     "FROM x JOIN medium USING (id2)"),
    ("q3 medium left on int",
     "from x | join left medium on id2",
     "SELECT x.*, medium.id1 AS id1_right, medium.id4 AS id4_right, medium.id5 AS id5_right, v2 "
     "FROM x LEFT JOIN medium USING (id2)"),
    ("q4 medium inner on string",
     "from x | join medium on id5",
     "SELECT x.*, medium.id1 AS id1_right, medium.id2 AS id2_right, medium.id4 AS id4_right, v2 "
     "FROM x JOIN medium USING (id5)"),
    ("q5 big inner on int",
     "from x | join big on id3",
     "SELECT x.*, big.id1 AS id1_right, big.id2 AS id2_right, big.id4 AS id4_right, "
     "big.id5 AS id5_right, big.id6 AS id6_right, v2 FROM x JOIN big USING (id3)"),
]


def split_xlr(rng, n):
    """Keys common to both sides (0.9 n), the left's alone and the right's alone (0.1 n each)."""
    key = rng.permutation(int(n * 1.1)) + 1
    return key[:int(n * 0.9)], key[int(n * 0.9):n], key[n:int(n * 1.1)]


def sample_all(rng, keys, size):
    """`size` keys in random order, every key at least once."""
    extra = rng.choice(keys, size=max(size - len(keys), 0), replace=True)
    return rng.permutation(np.concatenate([keys, extra]))


def write(frame, path):
    for source, target in (("id1", "id4"), ("id2", "id5"), ("id3", "id6")):
        if source in frame:
            frame[target] = "id" + frame[source].astype(str)
    values = [name for name in frame.columns if name.startswith("v")]
    frame = frame[[name for name in frame.columns if name not in values] + values]
    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")
    con.register("frame", frame)
    con.execute(f"COPY frame TO '{path}' (HEADER, DELIMITER ',')")


def make_data(rows, folder):
    marker = os.path.join(folder, "rows")
    if os.path.exists(marker) and open(marker).read() == str(rows):
        return
    rng = np.random.default_rng(108)
    keys = [split_xlr(rng, rows // scale) for scale in (1_000_000, 1_000, 1)]
    left = [np.concatenate([common, alone]) for common, alone, _ in keys]
    right = [np.concatenate([common, alone]) for common, _, alone in keys]
    x = pd.DataFrame({f"id{i + 1}": sample_all(rng, left[i], rows) for i in range(3)})
    x["v1"] = np.round(rng.uniform(0, 100, rows), 6)
    write(x, os.path.join(folder, "x.csv"))
    for name, scale, width in (("small", 1_000_000, 1), ("medium", 1_000, 2), ("big", 1, 3)):
        size = rows // scale
        frame = pd.DataFrame({f"id{i + 1}": sample_all(rng, right[i], size) for i in range(width)})
        frame["v2"] = np.round(rng.uniform(0, 100, size), 6)
        write(frame, os.path.join(folder, f"{name}.csv"))
    with open(marker, "w") as handle:
        handle.write(str(rows))


def summarize(con):
    return con.execute(
        "SELECT count(*), sum(v1)::DOUBLE, sum(v2)::DOUBLE FROM ans").fetchone()


def run_dsw(dsw, folder, repeat):
    cells = [cell("load0000", "\n".join(
        f'load "{name}.csv" as {name}' for name in ("x", "small", "medium", "big")))]
    for index, (_, pipeline, _) in enumerate(QUESTIONS):
        for attempt in range(repeat):
            cells.append(cell(f"q{index:02d}r{attempt:04d}", f"let ans = {pipeline}"))
        cells.append(cell(f"c{index:02d}00000",
                          f"let check{index} = from ans | aggregate n = count(), "
                          f"s1 = sum(v1), s2 = sum(v2)\n"
                          f'export check{index} to "check{index}.csv"'))
    times = best_times(run_notebook(
        dsw, os.path.join(folder, "join.dswnb"), cells, "--format", "json"))
    answers = {}
    for index in range(len(QUESTIONS)):
        frame = pd.read_csv(os.path.join(folder, f"check{index}.csv"))
        answers[index] = (int(frame["n"][0]), float(frame["s1"][0]), float(frame["s2"][0]))
    return times, answers


def run_duckdb(folder, repeat):
    con = duckdb.connect()
    con.execute("SET threads TO 2")
    for name in ("x", "small", "medium", "big"):
        con.execute(f"CREATE TABLE {name} AS SELECT * FROM read_csv('{folder}/{name}.csv')")
    times, answers = {}, {}
    for index, (_, _, sql) in enumerate(QUESTIONS):
        for _ in range(repeat):
            con.execute("DROP TABLE IF EXISTS ans")
            start = time.perf_counter()
            con.execute(f"CREATE TABLE ans AS {sql}")
            seconds = time.perf_counter() - start
            times[index] = min(times.get(index, seconds), seconds)
        answers[index] = summarize(con)
    return times, answers


def same(mine, theirs):
    if mine[0] != theirs[0]:
        return False
    return all(abs(a - b) <= 1e-6 * max(1.0, abs(b)) for a, b in zip(mine[1:], theirs[1:]))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--dsw", default=".build/release/dsw")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    dsw = os.path.abspath(args.dsw)
    folder = os.path.abspath("bench-data/join")
    os.makedirs(folder, exist_ok=True)
    make_data(args.rows, folder)
    duck_times, duck_answers = run_duckdb(folder, args.repeat)
    dsw_times, dsw_answers = run_dsw(dsw, folder, args.repeat)
    wrong = 0
    product = 1.0
    print(f"x: {args.rows:,} rows; best of {args.repeat}; DuckDB {duckdb.__version__}, 2 threads")
    print("| question | rows out | dsw (s) | DuckDB (s) | dsw / DuckDB | answer |")
    print("|---|---:|---:|---:|---:|---|")
    for index, (name, _, _) in enumerate(QUESTIONS):
        ok = same(dsw_answers[index], duck_answers[index])
        wrong += 0 if ok else 1
        ratio = dsw_times[index] / duck_times[index]
        product *= ratio
        print(f"| {name} | {duck_answers[index][0]:,} | {dsw_times[index]:.3f} | "
              f"{duck_times[index]:.3f} | {ratio:.2f} | {'same' if ok else 'DIFFERENT'} |")
    print(f"| geometric mean | | | | {product ** (1 / len(QUESTIONS)):.2f} | |")
    sys.exit(1 if wrong else 0)


if __name__ == "__main__":
    main()
