#!/usr/bin/env python3
"""CSV in and out, and start-up: dsw against DuckDB in one run.

Usage: python3 scripts/bench/csvfile.py CSVPATH [--dsw .build/release/dsw] [--tries 3]

Loads CSVPATH (the db-benchmark groupby table) and exports it again, in dsw
(`load`, `export`, each a timed notebook cell) and in DuckDB (`CREATE TABLE x
AS SELECT * FROM read_csv(...)`, `COPY x TO ... (HEADER)`, 2 threads), best
of --tries each. Prints one table with the ratio dsw / DuckDB, checks that
both exports have the same bytes, and gives the peak memory of a dsw load
alone (`/usr/bin/time`) against the file's size. First it times start-up:
a cold `dsw` until its first prompt (through a pseudo-terminal) and a `dsw
run` of a one-cell notebook, each the median of 20 runs.
"""
import argparse
import json
import os
import pty
import select
import statistics
import subprocess
import tempfile
import time

import duckdb


def cell(cell_id, source):
    return {"id": cell_id, "kind": "query", "source": [source]}


def run_notebook(dsw, cells, folder, allow):
    path = os.path.join(folder, "csv.dswnb")
    with open(path, "w") as handle:
        json.dump({"dswnb": 1, "metadata": {}, "cells": cells}, handle)
    command = [dsw, "run", path, "--format", "json", "--color", "never"]
    for folder_allowed in allow:
        command += ["--allow-path", folder_allowed]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return {row["id"]: row["duration_ms"] / 1000
            for row in map(json.loads, filter(lambda line: line.startswith("{"),
                                               output.splitlines()))}


def peak_kib(dsw, csv, folder):
    path = os.path.join(folder, "load.dswnb")
    with open(path, "w") as handle:
        json.dump({"dswnb": 1, "metadata": {}, "cells": [cell("load0000", f'load "{csv}" as x')]},
                  handle)
    result = subprocess.run(["/usr/bin/time", "-f", "%M", dsw, "run", path, "--allow-path",
                             os.path.dirname(csv)], check=True, capture_output=True, text=True)
    return int(result.stderr.strip().splitlines()[-1])


def prompt_seconds(dsw, folder):
    """Seconds from starting `dsw NOTEBOOK` until its prompt appears."""
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        os.execv(dsw, [dsw, os.path.join(folder, "startup.dswnb")])
    buffer = b""
    while b"]> " not in buffer:
        ready, _, _ = select.select([fd], [], [], 10)
        if not ready:
            raise TimeoutError(f"no prompt: {buffer[-200:]!r}")
        buffer += os.read(fd, 65536)
    elapsed = time.perf_counter() - start
    os.write(fd, b"\x04")
    os.waitpid(pid, 0)
    os.close(fd)
    return elapsed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("csv")
    parser.add_argument("--dsw", default=".build/release/dsw")
    parser.add_argument("--tries", type=int, default=3)
    args = parser.parse_args()
    csv = os.path.abspath(args.csv)
    dsw = os.path.abspath(args.dsw)
    folder = tempfile.mkdtemp()
    mine_out = os.path.join(folder, "dsw.csv")
    theirs_out = os.path.join(folder, "duckdb.csv")

    # Start-up first: later, this process holds DuckDB's gigabyte table,
    # which makes every fork of it (the pseudo-terminal's) slow.
    with open(os.path.join(folder, "one.dswnb"), "w") as handle:
        one = cell("one00000", 'synth groupby (rows: 10, as: "g")')
        json.dump({"dswnb": 1, "metadata": {}, "cells": [one]}, handle)
    runs = []
    for _ in range(20):
        start = time.perf_counter()
        subprocess.run([dsw, "run", os.path.join(folder, "one.dswnb")], check=True,
                       capture_output=True)
        runs.append(time.perf_counter() - start)
    prompts = [prompt_seconds(dsw, folder) for _ in range(20)]
    startup = (f"start-up, median of 20: `dsw` to its prompt {statistics.median(prompts) * 1000:.1f}"
               f" ms; a one-cell `dsw run` {statistics.median(runs) * 1000:.1f} ms")

    cells = [cell("load%04d" % i, f'load "{csv}" as x') for i in range(args.tries)]
    cells += [cell("expt%04d" % i, f'export x to "{mine_out}"') for i in range(args.tries)]
    timings = run_notebook(dsw, cells, folder, [os.path.dirname(csv), folder])
    mine_load = min(v for k, v in timings.items() if k.startswith("load"))
    mine_export = min(v for k, v in timings.items() if k.startswith("expt"))

    con = duckdb.connect()
    con.execute("SET threads = 2")
    loads, exports = [], []
    for _ in range(args.tries):
        con.execute("DROP TABLE IF EXISTS x")
        start = time.perf_counter()
        con.execute(f"CREATE TABLE x AS SELECT * FROM read_csv('{csv}')")
        loads.append(time.perf_counter() - start)
    for _ in range(args.tries):
        start = time.perf_counter()
        con.execute(f"COPY x TO '{theirs_out}' (HEADER)")
        exports.append(time.perf_counter() - start)
    with open(mine_out, "rb") as mine, open(theirs_out, "rb") as theirs:
        same = mine.read() == theirs.read()
    os.remove(mine_out)
    os.remove(theirs_out)

    size = os.path.getsize(csv)
    peak = peak_kib(dsw, csv, folder) * 1024
    print(f"{size / 1e6:,.0f} MB of CSV; best of {args.tries}; DuckDB {duckdb.__version__}, 2 threads")
    print("| step | dsw (s) | DuckDB (s) | dsw / DuckDB |")
    print("|---|---:|---:|---:|")
    print(f"| load | {mine_load:.3f} | {min(loads):.3f} | {mine_load / min(loads):.2f} |")
    print(f"| export | {mine_export:.3f} | {min(exports):.3f} | {mine_export / min(exports):.2f} |")
    print(f"exports {'have the same bytes' if same else 'DIFFER'}")
    print(f"peak memory of a dsw load: {peak / 1e6:,.0f} MB, {peak / size:.2f}x the file")
    print(startup)

    if not same:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
