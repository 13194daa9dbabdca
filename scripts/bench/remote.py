"""Times dsw's remote engine beside psql and pandas; see remote.sh."""
import json
import os
import subprocess
import sys
import time

ROWS = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 10_000_000
HOST, PORT, USER, DB = os.environ["DSW_TEST_POSTGRES"].split(":")
URL = f"postgresql://{USER}@{HOST}:{PORT}/{DB}?sslmode=require"
DSW = ".build/release/dsw"
OUT = "bench-data"

QUESTIONS = [
    "aggregate v1 = sum(v1) by id1",
    "aggregate v1 = sum(v1) by id1, id2",
    "aggregate v1 = sum(v1), v3 = mean(v3) by id3",
    "aggregate v1 = mean(v1), v2 = mean(v2), v3 = mean(v3) by id4",
    "aggregate v1 = sum(v1), v2 = sum(v2), v3 = sum(v3) by id6",
    "aggregate median_v3 = median(v3), sd_v3 = stddev(v3) by id4, id5",
    "aggregate range_v1_v2 = max(v1) - min(v2) by id3",
    "filter v3 is not null | window by id6 order -v3 derive rank = row_number() "
    "| filter rank <= 2 | select id6, largest2_v3 = v3",
    "aggregate r2_v1_v2 = pow(corr(v1, v2), 2) by id2, id4",
    "aggregate v3 = sum(v3), count = count() by id1, id2, id3, id4, id5, id6",
]


def notebook(path, sources):
    cells = [
        {"id": f"c{index:07d}", "kind": "query", "source": source.split("\n")}
        for index, source in enumerate(sources)
    ]
    with open(path, "w") as file:
        json.dump({"dswnb": 1, "cells": cells, "metadata": {}}, file)


def dsw(path, *args):
    result = subprocess.run(
        [DSW, "run", path, "--format", "json", "-p", f"warehouse={URL}", *args],
        capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"dsw failed on {path}:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    return [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]


def psql(sql):
    command = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", URL, "-c", sql, "-o", "/dev/null"]
    subprocess.run(command, check=True)


def best(action, runs=3):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def load():
    counted = subprocess.run(
        ["psql", "-X", "-t", "-A", URL, "-c", "SELECT count(*) FROM g1"],
        capture_output=True, text=True)
    if counted.returncode == 0 and counted.stdout.strip() == str(ROWS):
        return
    print(f"loading {ROWS:,} rows into g1 with dsw...", file=sys.stderr)
    path = f"{OUT}/remote-load.dswnb"
    notebook(path, [
        "param warehouse = \"\"\nconnect w to warehouse",
        f"synth groupby (rows: {ROWS}, k: 100, seed: 1)",
        "export groupby to w.public.g1 (mode: \"replace\")",
    ])
    cells = dsw(path)
    print(f"  dsw export of {ROWS:,} rows: {cells[-1]['duration_ms'] / 1000:.1f} s", file=sys.stderr)


def pulls():
    path = f"{OUT}/remote-pull.dswnb"
    notebook(path, ["param warehouse = \"\"\nconnect w to warehouse", "let x = from w.g1"])
    floor = best(lambda: psql("\\copy (SELECT * FROM g1) TO '/dev/null' (FORMAT binary)"))
    ours = min(dsw(path)[-1]["duration_ms"] for _ in range(3)) / 1000
    try:
        import pandas
        import sqlalchemy

        engine = sqlalchemy.create_engine(
            f"postgresql+psycopg://{USER}@{HOST}:{PORT}/{DB}?sslmode=require")

        def read():
            with engine.connect() as connection:
                frame = pandas.read_sql("SELECT * FROM g1", connection)
                assert len(frame) == ROWS

        theirs = best(read, runs=2)
    except ImportError:
        theirs = None
    print(f"\npulling g1 ({ROWS:,} rows × 9 columns), best of 3, seconds")
    print("| reader | time | rows/s | vs psql \\copy |")
    print("|---|---|---|---|")
    for name, seconds in [("psql \\copy (binary) to /dev/null", floor), ("dsw `from w.g1`", ours),
                          ("pandas read_sql (psycopg)", theirs)]:
        if seconds is None:
            print(f"| {name} | (pip install pandas psycopg sqlalchemy) | | |")
        else:
            print(f"| {name} | {seconds:.2f} | {ROWS / seconds:,.0f} | {seconds / floor:.2f}× |")


def questions():
    # The SQL each question compiles to, as `dsw sql` prints it, over a
    # local table of g1's shape.
    shape = f"{OUT}/remote-shape.dswnb"
    notebook(shape, ["synth groupby (rows: 10, k: 100, seed: 1, as: \"g1\")"]
             + [f"from g1 | {q}" for q in QUESTIONS])
    sqls = []
    for index in range(len(QUESTIONS)):
        text = subprocess.run([DSW, "sql", shape, str(index + 2)], capture_output=True,
                              text=True, check=True).stdout
        sqls.append("\n".join(line for line in text.splitlines() if not line.startswith("--")))
    path = f"{OUT}/remote-questions.dswnb"
    # `schema` reads g1's columns from the catalog once, before the timed cells.
    notebook(path, ["param warehouse = \"\"\nconnect w to warehouse\nschema w.g1"]
             + [f"let ans = from w.g1 | {q}" for q in QUESTIONS])
    runs = [dsw(path) for _ in range(3)]
    print("\nthe ten groupby questions pushed down, best of 3, seconds")
    print("| question | psql | dsw | dsw / psql |")
    print("|---|---|---|---|")
    ratios = []
    for index, sql in enumerate(sqls):
        theirs = best(lambda: psql(sql))
        ours = min(run[index + 1]["duration_ms"] for run in runs) / 1000
        ratios.append(ours / theirs)
        print(f"| q{index + 1} | {theirs:.2f} | {ours:.2f} | {ours / theirs:.2f}× |")
    geometric = 1.0
    for ratio in ratios:
        geometric *= ratio
    print(f"| geometric mean | | | {geometric ** (1 / len(ratios)):.2f}× |")


load()
if "--questions" not in sys.argv:
    pulls()
questions()
