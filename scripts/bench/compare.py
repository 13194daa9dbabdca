#!/usr/bin/env python3
"""Compares dsw and DuckDB on the db-benchmark groupby questions.

Reads DuckDB's JSON lines (duckdb_groupby.py) and dsw's (`dsw run
groupby.dswnb --format json`), prints a Markdown table of seconds and the
ratio dsw/DuckDB, and checks that the answers agree: the same row count and
the same column sums (relative tolerance 1e-6). Exits 1 on a wrong answer.
"""
import json
import sys


def read_lines(path):
    with open(path) as handle:
        return [json.loads(line) for line in handle if line.strip().startswith("{")]


def main():
    duck = {row["step"]: row for row in read_lines(sys.argv[1])}
    cells = read_lines(sys.argv[2])
    timings = {}
    answers = {}
    for cell in cells:
        cell_id = cell["id"]
        if cell_id == "load0000":
            timings["load"] = cell["duration_ms"] / 1000
        elif cell_id.startswith("q"):
            timings["q%d" % int(cell_id[1:3])] = cell["duration_ms"] / 1000
        elif cell_id.startswith("c"):
            table = next(o for o in cell["outputs"] if o["type"] == "table")
            answers["q%d" % int(cell_id[1:3])] = dict(zip(table["columns"], table["rows"][0]))
    wrong = 0
    print("| step | dsw (s) | DuckDB (s) | dsw / DuckDB | answer |")
    print("|---|---:|---:|---:|---|")
    for step in ["load"] + ["q%d" % i for i in range(1, 11)]:
        mine = timings.get(step)
        theirs = duck.get(step, {}).get("seconds")
        ratio = "%.2f" % (mine / theirs) if mine is not None and theirs else "–"
        verdict = ""
        if step in answers:
            answer = answers[step]
            expected = duck[step]
            ok = answer.get("rows") == expected["rows"]
            for column, value in answer.items():
                if column == "rows":
                    continue
                reference = expected["sums"].get(column)
                if reference is None or value is None:
                    ok = False
                    continue
                ok = ok and abs(value - reference) <= 1e-6 * max(1.0, abs(reference))
            verdict = "same" if ok else "DIFFERENT"
            wrong += 0 if ok else 1
        print("| %s | %s | %s | %s | %s |" % (
            step, "%.3f" % mine if mine is not None else "–",
            "%.3f" % theirs if theirs is not None else "–", ratio, verdict))
    sys.exit(1 if wrong else 0)


if __name__ == "__main__":
    main()
