#!/usr/bin/env python3
"""The Python peer for scripts/bench/serve.sh: a dsw gbt model exported to
LightGBM's text format and served by FastAPI + uvicorn with the same request
and answer shapes as `dsw serve`.

Benchmark only; never a dependency of dsw (pip install lightgbm fastapi uvicorn orjson).

    serve_peer.py export conv.json conv.lgb.txt   # write the LightGBM model
    serve_peer.py check conv.json rows.json       # print the exported model's scores
    DSW_PEER_MODEL=conv.json uvicorn serve_peer:app --workers 2 --port 8081

The export is exact in structure: dsw's numeric split "bin <= t" is "value <=
upper_bounds[t]"; missing values follow `missing_left` (LightGBM's NaN
default direction); categories become integer codes with one extra code for
missing or unseen strings, which joins the left set when `missing_left`.
The initial score is folded into the first tree's leaves, as LightGBM's
boost_from_average does.
"""
import json
import math
import os
import sys

import numpy as np


def load_dsw(path):
    with open(path) as handle:
        model = json.load(handle)
    if model.get("algorithm") != "gbt":
        raise SystemExit(f"{path}: only gbt models export to LightGBM")
    return model


def fmt(value):
    return repr(float(value))


def to_lightgbm(model):
    """The LightGBM model text of a dsw gbt model."""
    gbt = model["gbt"]
    features = model["features"]
    binary = gbt["objective"] == "logistic"
    lines = [
        "tree",
        "version=v4",
        "num_class=1",
        "num_tree_per_iteration=1",
        "label_index=0",
        f"max_feature_idx={len(features) - 1}",
        "objective=" + ("binary sigmoid:1" if binary else "regression"),
        "feature_names=" + " ".join(f["name"] for f in features),
        "feature_infos=" + " ".join("none" for _ in features),
        "",
    ]
    trees = gbt["trees"] or [{"nodes": [], "leaves": [0.0]}]
    for index, tree in enumerate(trees):
        leaves = list(tree["leaves"])
        if index == 0:
            leaves = [gbt["initial_score"] + value for value in leaves]
        nodes = tree["nodes"]
        lines.append(f"Tree={index}")
        lines.append(f"num_leaves={len(leaves)}")
        cat_boundaries = [0]
        cat_words = []
        split_feature, threshold, decision, left, right, gain = [], [], [], [], [], []
        for node in nodes:
            feature = node["feature"]
            bins = gbt["bins"][feature]
            missing_left = node["missing_left"]
            split_feature.append(str(feature))
            gain.append(fmt(node["gain"]))
            left.append(str(node["left"]))
            right.append(str(node["right"]))
            if bins.get("categories") is not None:
                count = bins["categories"]
                codes = set(node.get("left_categories") or [])
                if missing_left:
                    codes.add(count)  # the code the peer gives missing and unseen strings
                words = [0] * (count // 32 + 1)
                for code in codes:
                    words[code // 32] |= 1 << (code % 32)
                threshold.append(str(len(cat_boundaries) - 1))
                cat_words += words
                cat_boundaries.append(len(cat_words))
                decision.append("1")  # categorical; missing handled by the extra code
            else:
                bounds = bins["upper_bounds"]
                t = node["threshold"]
                threshold.append(fmt(bounds[t]) if t < len(bounds) else "1.0000000000000001e+300")
                decision.append(str((2 if missing_left else 0) | (2 << 2)))  # NaN missing type
        lines.append(f"num_cat={len(cat_boundaries) - 1}")
        if nodes:
            lines += [
                "split_feature=" + " ".join(split_feature),
                "split_gain=" + " ".join(gain),
                "threshold=" + " ".join(threshold),
                "decision_type=" + " ".join(decision),
                "left_child=" + " ".join(left),
                "right_child=" + " ".join(right),
            ]
        lines.append("leaf_value=" + " ".join(fmt(v) for v in leaves))
        if len(cat_boundaries) > 1:
            lines.append("cat_boundaries=" + " ".join(map(str, cat_boundaries)))
            lines.append("cat_threshold=" + " ".join(map(str, cat_words)))
        lines += ["is_linear=0", "shrinkage=1", "", ""]
    lines += ["end of trees", "", "parameters:", "end of parameters", ""]
    return "\n".join(lines)


class Scorer:
    """A LightGBM booster over the dsw model's features, in dsw's row form."""

    def __init__(self, path):
        import lightgbm

        self.model = load_dsw(path)
        self.booster = lightgbm.Booster(model_str=to_lightgbm(self.model))
        self.features = self.model["features"]
        self.codes = [
            {c: i for i, c in enumerate(f["categories"] or [])} if f["encoding"] == "categorical" else None
            for f in self.features
        ]
        self.binary = self.model["task"] == "binary classification"

    def matrix(self, rows):
        matrix = np.empty((len(rows), len(self.features)), dtype=np.float64)
        for j, (feature, codes) in enumerate(zip(self.features, self.codes)):
            name = feature["name"]
            if codes is None:
                for i, row in enumerate(rows):
                    value = row[name]
                    matrix[i, j] = math.nan if value is None else float(value)
            else:
                missing = len(codes)
                for i, row in enumerate(rows):
                    matrix[i, j] = codes.get(row[name], missing)
        return matrix

    def score(self, rows):
        # One thread per call: uvicorn's workers already use the cores, and
        # LightGBM's default thread pool per call only adds contention.
        scores = self.booster.predict(self.matrix(rows), num_threads=1) if rows else np.empty(0)
        answer = {"scores": scores.tolist()}
        if self.binary:
            count = len(rows)
            order = np.argsort(-scores, kind="stable")
            deciles = np.empty(count, dtype=np.int64)
            deciles[order] = np.arange(count) * 10 // max(count, 1) + 1
            answer["deciles"] = deciles.tolist()
        return answer


def make_app():
    import orjson
    from fastapi import FastAPI, Request
    from fastapi.responses import ORJSONResponse

    scorer = Scorer(os.environ["DSW_PEER_MODEL"])
    name = os.path.splitext(os.path.basename(os.environ["DSW_PEER_MODEL"]))[0]
    app = FastAPI()

    @app.post("/v1/models/{model}/score")
    async def score(model: str, request: Request):
        body = orjson.loads(await request.body())
        answer = {"model": name, "version": 1}
        answer.update(scorer.score(body["rows"]))
        return ORJSONResponse(answer)

    @app.get("/healthz")
    async def healthz():
        return {"status": "ok"}

    return app


if os.environ.get("DSW_PEER_MODEL"):
    app = make_app()


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "export":
        with open(sys.argv[3], "w") as out:
            out.write(to_lightgbm(load_dsw(sys.argv[2])))
    elif len(sys.argv) == 4 and sys.argv[1] == "check":
        with open(sys.argv[3]) as handle:
            rows = json.load(handle)["rows"]
        print(json.dumps(Scorer(sys.argv[2]).score(rows)))
    else:
        raise SystemExit(__doc__)
