"""Comparing two answers: names, types (int and double strictly), then rows in
order, with a relative tolerance for doubles."""

import math

REL_TOL = 1e-9
ABS_TOL = 1e-12


def same_value(a, b):
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, float) or isinstance(b, float):
        if isinstance(a, bool) or isinstance(b, bool):
            return False
        a, b = float(a), float(b)
        if math.isnan(a) or math.isnan(b):
            return math.isnan(a) and math.isnan(b)
        if math.isinf(a) or math.isinf(b):
            return a == b
        return abs(a - b) <= max(REL_TOL * max(abs(a), abs(b)), ABS_TOL)
    if isinstance(a, bool) != isinstance(b, bool):
        return False
    return a == b


def same_row(a, b):
    return len(a) == len(b) and all(same_value(x, y) for x, y in zip(a, b))


def row_key(row):
    """A sort key for multiset comparison: doubles rounded, NaN and null ordered."""
    key = []
    for value in row:
        if value is None:
            key.append((0, ""))
        elif isinstance(value, float):
            if math.isnan(value):
                key.append((1, "nan"))
            else:
                key.append((2, f"{value:.8e}" if value != 0 else "0"))
        else:
            key.append((3, repr(value)))
    return key


def compare(dsw, duck):
    """(kind, detail): kind is "pass" or names how the answers differ."""
    if dsw.crash:
        return "dsw_crash", dsw.error
    if dsw.error is not None and duck.error is not None:
        return "pass", "both error"
    if dsw.error is not None:
        return "dsw_error", dsw.error.split(" ")[0]
    if duck.error is not None:
        return "duckdb_error", duck.error.split(":")[0]
    if dsw.columns != duck.columns:
        return "columns", f"{dsw.columns} vs {duck.columns}"
    if dsw.types != duck.types:
        diff = [f"{c}: {a} vs {b}" for c, a, b in zip(dsw.columns, dsw.types, duck.types)
                if a != b]
        return "types", "; ".join(diff)
    if len(dsw.rows) != len(duck.rows):
        return "row_count", f"{len(dsw.rows)} vs {len(duck.rows)} rows"
    bad = [i for i, (a, b) in enumerate(zip(dsw.rows, duck.rows)) if not same_row(a, b)]
    if not bad:
        return "pass", ""
    left = sorted(dsw.rows, key=row_key)
    right = sorted(duck.rows, key=row_key)
    if all(same_row(a, b) for a, b in zip(left, right)):
        return "order", f"same rows in another order (first at row {bad[0] + 1})"
    columns = sorted({c for i in bad for c, (x, y) in
                      enumerate(zip(dsw.rows[i], duck.rows[i])) if not same_value(x, y)})
    return "values", "columns " + ", ".join(dsw.columns[c] for c in columns)
