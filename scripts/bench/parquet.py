#!/usr/bin/env python3
"""Parquet: dsw against DuckDB, side by side, on the db-benchmark groupby table.

Usage: python3 scripts/bench/parquet.py [--rows N] [--dsw PATH] [--repeat R]

Makes the groupby table (`synth groupby`, 9 columns) of N rows, writes it as
CSV, and has DuckDB write it as Parquet with Snappy and with ZSTD (and a
copy sorted by id4, for pruning). Then, best of R runs each:

- load: dsw `load` plus a pipeline that reads every column, against DuckDB's
  `CREATE TABLE x AS SELECT * FROM read_parquet(...)`, both 2 threads; with
  dsw's peak resident memory (GNU time, `apt-get install time`) against the
  size of the decoded columns. The file's mapped pages count in it.
- projection and pruning: a pipeline that needs 2 of the 9 columns, filtered
  to about one row group in ten; the bytes dsw reads against a full load.
- export: dsw `export` against DuckDB's `COPY x TO ... (FORMAT parquet)` at
  the same codec, with the files' sizes.

Prints Markdown tables; answers are checked (row counts and sums).
"""
import argparse
import json
import os
import re
import tempfile
import subprocess
import sys
import time

import duckdb


def cell(cell_id, source):
    return {"id": cell_id, "kind": "query", "source": source.split("\n")}


def run_notebook(dsw, path, cells, *arguments):
    with open(path, "w") as handle:
        json.dump({"cells": cells, "dswnb": 1, "metadata": {"title": "parquet"}}, handle)
    # GNU time reports dsw's own peak resident memory; a child's rusage would
    # count the memory of this Python process (and DuckDB's tables) it forked from.
    with tempfile.NamedTemporaryFile() as peak:
        output = subprocess.run(
            ["/usr/bin/time", "-f", "%M", "-o", peak.name, dsw, "run", path, "--format", "json",
             *arguments], check=True, capture_output=True, text=True).stdout
        kilobytes = int(open(peak.name).read().split()[-1])
    records = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
    return records, kilobytes * 1024


def duration(records, prefix):
    return sum(r["duration_ms"] for r in records if r["id"].startswith(prefix)) / 1000


def text_of(records, cell_id):
    for record in records:
        if record["id"] == cell_id:
            return json.dumps(record["outputs"])
    return ""


def make_data(dsw, rows, folder):
    marker = os.path.join(folder, "parquet-rows")
    if os.path.exists(marker) and open(marker).read() == str(rows):
        return
    run_notebook(dsw, os.path.join(folder, "parquet-data.dswnb"), [
        cell("gen00000", f'synth groupby (rows: {rows}, k: 100, seed: 7, as: "x")'),
        cell("exp00000", 'export x to "x.csv"'),
    ])
    con = duckdb.connect()
    con.execute(f"CREATE TABLE x AS SELECT * FROM read_csv('{folder}/x.csv')")
    for codec in ("snappy", "zstd"):
        con.execute(f"COPY x TO '{folder}/x_{codec}.parquet' (FORMAT parquet, COMPRESSION {codec})")
    con.execute(
        f"COPY (SELECT * FROM x ORDER BY id4) TO '{folder}/x_sorted.parquet' "
        "(FORMAT parquet, COMPRESSION snappy)")
    with open(marker, "w") as handle:
        handle.write(str(rows))


def best(values):
    return min(values)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--dsw", default=".build/release/dsw")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    dsw = os.path.abspath(args.dsw)
    folder = os.path.abspath("bench-data")
    os.makedirs(folder, exist_ok=True)
    make_data(dsw, args.rows, folder)
    con = duckdb.connect()
    con.execute("SET threads TO 2")
    wrong = 0
    print(f"{args.rows:,} rows × 9 columns; best of {args.repeat}; "
          f"DuckDB {duckdb.__version__}, 2 threads")

    print("\n| load (every column) | dsw (s) | DuckDB (s) | dsw / DuckDB | dsw peak memory | "
          "decoded columns | answer |")
    print("|---|---:|---:|---:|---:|---:|---|")
    for codec in ("snappy", "zstd"):
        path = f"{folder}/x_{codec}.parquet"
        duck = []
        for _ in range(args.repeat):
            con.execute("DROP TABLE IF EXISTS x")
            start = time.perf_counter()
            con.execute(f"CREATE TABLE x AS SELECT * FROM read_parquet('{path}')")
            duck.append(time.perf_counter() - start)
        expected = con.execute("SELECT count(*), sum(v1), sum(v3) FROM x").fetchone()
        mine, peaks, answer = [], [], None
        for attempt in range(args.repeat):
            records, _ = run_notebook(dsw, f"{folder}/parquet-load.dswnb", [
                cell("load0000", f'load "x_{codec}.parquet" as x\nlet y = from x'),
                cell("sums0000", "from y | aggregate n = count(), a = sum(v1), b = sum(v3)"),
                cell("list0000", "datasets"),
            ])
            mine.append(duration(records, "load"))
            answer = text_of(records, "sums0000")
            listing = text_of(records, "list0000")
            # The peak of a run that only loads, measured apart.
            _, peak = run_notebook(dsw, f"{folder}/parquet-peak-{attempt}.dswnb", [
                cell("load0000", f'load "x_{codec}.parquet" as x\nlet y = from x'),
            ])
            peaks.append(peak)
        decoded = re.search(r'"y",\s*\d+,\s*\d+,\s*"([^"]+)"', listing)
        ok = str(expected[0]) in answer and str(expected[1]) in answer
        wrong += 0 if ok else 1
        print(f"| {codec} | {best(mine):.3f} | {best(duck):.3f} | {best(mine) / best(duck):.2f} | "
              f"{best(peaks) / 1e9:.2f} GB | {decoded.group(1) if decoded else '?'} | "
              f"{'same' if ok else 'DIFFERENT'} |")

    print("\n| pipeline over x_sorted.parquet | bytes read by dsw | of a full load | answer |")
    print("|---|---:|---:|---|")
    query = "from x | filter id4 <= 10 | aggregate n = count(), s = sum(v3) by id1"
    expected = con.execute(
        f"SELECT count(*), sum(v3) FROM read_parquet('{folder}/x_sorted.parquet') "
        "WHERE id4 <= 10").fetchone()
    reads = {}
    for name, source in (("full load", "let y = from x"), ("2 columns, id4 <= 10", query)):
        records, _ = run_notebook(dsw, f"{folder}/parquet-prune.dswnb", [
            cell("load0000", 'load "x_sorted.parquet" as x'),
            cell("pipe0000", source),
            cell("list0000", "datasets"),
        ])
        listing = text_of(records, "list0000")
        match = re.search(r"([\d.]+) (B|KiB|MiB|GiB) read", listing)
        scale = {"B": 1, "KiB": 1024, "MiB": 1024**2, "GiB": 1024**3}
        reads[name] = float(match.group(1)) * scale[match.group(2)] if match else float("nan")
        if name != "full load":
            answer = text_of(records, "pipe0000")
            total = sum(int(n) for n in re.findall(r'\[\s*"[^"]*",\s*(\d+),', answer))
            ok = total == expected[0]
            wrong += 0 if ok else 1
    full = reads["full load"]
    for name, value in reads.items():
        print(f"| {name} | {value / 1e6:.1f} MB | {value / full:.2f} | |")

    print("\n| export | dsw (s) | DuckDB (s) | dsw / DuckDB | dsw size | DuckDB size | "
          "size ratio |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    con.execute("DROP TABLE IF EXISTS x")
    con.execute(f"CREATE TABLE x AS SELECT * FROM read_csv('{folder}/x.csv')")
    for codec in ("snappy", "zstd"):
        duck = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            con.execute(
                f"COPY x TO '{folder}/duck_out_{codec}.parquet' "
                f"(FORMAT parquet, COMPRESSION {codec})")
            duck.append(time.perf_counter() - start)
        mine = []
        for _ in range(args.repeat):
            records, _ = run_notebook(dsw, f"{folder}/parquet-export.dswnb", [
                cell("load0000", 'load "x_snappy.parquet" as x\nlet y = from x'),
                cell("expo0000", f'export y to "dsw_out_{codec}.parquet" (compression: "{codec}")'),
            ])
            mine.append(duration(records, "expo"))
        mine_size = os.path.getsize(f"{folder}/dsw_out_{codec}.parquet")
        duck_size = os.path.getsize(f"{folder}/duck_out_{codec}.parquet")
        back = con.execute(
            f"SELECT count(*), sum(v1), sum(v3) FROM read_parquet('{folder}/dsw_out_{codec}.parquet')"
        ).fetchone()
        orig = con.execute("SELECT count(*), sum(v1), sum(v3) FROM x").fetchone()
        ok = back[0] == orig[0] and back[1] == orig[1] and abs(back[2] - orig[2]) < 1e-6 * abs(orig[2])
        wrong += 0 if ok else 1
        print(f"| {codec} | {best(mine):.3f} | {best(duck):.3f} | {best(mine) / best(duck):.2f} | "
              f"{mine_size / 1e6:.1f} MB | {duck_size / 1e6:.1f} MB | {mine_size / duck_size:.2f}"
              f"{'' if ok else ' DIFFERENT'} |")
    sys.exit(1 if wrong else 0)


if __name__ == "__main__":
    main()
