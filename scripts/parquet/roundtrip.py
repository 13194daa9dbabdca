#!/usr/bin/env python3
"""The whole loop: CSV -> dsw -> Parquet -> pyarrow, DuckDB and Polars.

Usage: python3 scripts/parquet/roundtrip.py --dsw PATH [--out DIR]

Writes the inputs of check-roundtrip.py (CSV files and what each holds), has
dsw load each one and export it as Parquet (the 30,000-row `large` one in row
groups of 7,000 rows, with Snappy; the others with the default ZSTD), then
checks every file with the three readers. Exits non-zero on any difference.
"""
import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dsw", required=True)
    parser.add_argument("--out")
    args = parser.parse_args()
    out = Path(args.out or tempfile.mkdtemp(prefix="dsw-parquet-roundtrip-"))
    out.mkdir(parents=True, exist_ok=True)
    check = HERE / "check-roundtrip.py"
    subprocess.run([sys.executable, str(check), "--make-inputs", str(out)], check=True,
                   capture_output=True)
    cells = []
    for index, csv in enumerate(sorted(out.glob("*.csv"))):
        name = csv.stem
        options = ' (row_group_rows: 7000, compression: "snappy")' if name == "large" else ""
        cells.append({"id": f"rt{index:06d}", "kind": "query", "source": [
            f'load "{csv.name}" as {name}', f'export {name} to "{name}.parquet"{options}']})
    notebook = out / "roundtrip.dswnb"
    notebook.write_text(json.dumps({"cells": cells, "dswnb": 1, "metadata": {"title": "roundtrip"}}))
    run = subprocess.run([args.dsw, "run", str(notebook)], capture_output=True, text=True)
    if run.returncode != 0:
        print(run.stdout, run.stderr)
        sys.exit(1)
    result = subprocess.run([sys.executable, str(check), str(out)], capture_output=True, text=True)
    print(result.stdout, end="")
    print(result.stderr, end="", file=sys.stderr)
    sys.exit(result.returncode)


if __name__ == "__main__":
    main()
