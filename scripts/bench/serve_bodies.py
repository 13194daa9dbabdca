#!/usr/bin/env python3
"""Request bodies for scripts/bench/serve.sh: rows of the propensity training
table (written by the notebook's `export`) with exactly the model's features.

    serve_bodies.py conv.json out/propensity_training.csv OUT_FOLDER
writes single.json (1 row) and batch.json (1,000 rows).
"""
import csv
import json
import sys


def main(model_path, csv_path, folder):
    with open(model_path) as handle:
        features = json.load(handle)["features"]
    rows = []
    with open(csv_path, newline="") as handle:
        for record in csv.DictReader(handle):
            row = {}
            for feature in features:
                text = record[feature["name"]]
                if text == "":
                    row[feature["name"]] = None
                elif feature["type"] == "int":
                    row[feature["name"]] = int(text)
                elif feature["type"] == "double":
                    row[feature["name"]] = float(text)
                elif feature["type"] == "bool":
                    row[feature["name"]] = text == "true"
                else:
                    row[feature["name"]] = text
            rows.append(row)
            if len(rows) == 1000:
                break
    with open(f"{folder}/single.json", "w") as out:
        json.dump({"rows": rows[:1]}, out)
    with open(f"{folder}/batch.json", "w") as out:
        json.dump({"rows": rows}, out)


if __name__ == "__main__":
    if len(sys.argv) != 4:
        raise SystemExit(__doc__)
    main(*sys.argv[1:])
