"""Failures already understood: dsw bugs reported elsewhere, and differences this
check found. Each has a detector, so the report can name it instead of counting it as
a new finding; some are also steered around by the generator.

Delete an entry once its bug is fixed: the run then reports any instance again.
"""

import re


def text_of(case):
    return " ".join(q.dsw({t: t for t in case.tables}) for q in case.queries())


def table_values(case):
    return [v for table in case.tables.values() for row in table.rows for v in row]


def wrong_value(outcome):
    return outcome.kind in ("values", "row_count") or outcome.kind.startswith("tlp_")


def canonical_equivalence(case, outcome):
    import unicodedata
    return any(isinstance(v, str) and not unicodedata.is_normalized("NFC", v)
               for v in table_values(case)) or "\\u0301" in text_of(case)


def round_int_digits(case, outcome):
    return (wrong_value(outcome) or "duckdb_error" in outcome.kind) and re.search(
        r"\bround\(.*, -\d+\)", text_of(case))


def pivot_int_order(case, outcome):
    return (outcome.kind == "columns" and "pivot" in text_of(case)
            and outcome.dsw is not None and outcome.duck is not None
            and sorted(outcome.dsw.columns) == sorted(outcome.duck.columns))


def sum_overflow(case, outcome):
    return ("dsw_error" in outcome.kind and "E301" in outcome.detail + str(outcome.dsw
                                                                           and outcome.dsw.error)
            and re.search(r"\b(sum|running_sum)\(", text_of(case)))


def moments_overflow(case, outcome):
    text = text_of(case)
    huge = any(isinstance(v, float) and 1e70 < abs(v) < float("inf")
               for v in table_values(case)) or re.search(r"\de\+?(1[5-9]\d|[2-9]\d\d)\b", text) \
        or re.search(r" / |\bpow\(|\bexp\(", text)  # huge values made on the way
    return wrong_value(outcome) and huge and re.search(r"\b(corr|variance|stddev)\(", text)


def between_overflow(case, outcome):
    text = text_of(case)
    return (re.search(r"\b(hours|minutes)_between\(", text)
            and re.search(r'cast\(-?\d{8,}, "(date|timestamp)"\)', text))


def pipes_lazy(case, outcome):
    return "duckdb_error" in outcome.kind and " || " in text_of(case)


def quantile_inf(case, outcome):
    import math
    if not (wrong_value(outcome) and re.search(r"\b(median|quantile)\(", text_of(case))):
        return False
    return any(isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isinf(b)
               for x, y in zip(outcome.dsw.rows, outcome.duck.rows) for a, b in zip(x, y))


def nan_extremes(case, outcome):
    import math
    if not (wrong_value(outcome) and re.search(r"\b(greatest|least|max|min|median|quantile)\(",
                                               text_of(case))):
        return False
    rows = (outcome.dsw.rows if outcome.dsw else []) + (outcome.duck.rows if outcome.duck else [])
    return any(isinstance(v, float) and math.isnan(v) for row in rows for v in row)


def cancellation(case, outcome):
    text = text_of(case)
    big = any(isinstance(v, float) and 1e15 <= abs(v) < 1e70 for v in table_values(case)) \
        or re.search(r"\de\+?1[5-9]\b", text)
    return wrong_value(outcome) and big and re.search(r"\b(variance|stddev|corr)\(", text)


# name: (who found it: "known" (reported elsewhere), "found" (by this check) or "limit" (a
# limit of the check, not a dsw bug); description; avoided by default; detector)
BUGS = {
    "canonical_equivalence": ("found", "string comparisons treat canonically equivalent "
                              "strings as equal (\"é\" == \"e\\u0301\"); grouping, distinct and "
                              "joins do not", True, canonical_equivalence),
    "round_int_digits": ("found", "round(int, negative digits) goes through a double: wrong "
                         "beyond 2^53, and no overflow error near the limits", False,
                         round_int_digits),
    "pivot_int_order": ("found", "pivot sorts int values as doubles: values equal as doubles "
                        "keep first-appearance order", False, pivot_int_order),
    "sum_overflow": ("found", "sum of ints fails on an overflow of a partial sum even when "
                     "the total fits", False, sum_overflow),
    "between_overflow": ("found", "hours_between and minutes_between wrap around for times "
                         "more than about 146,000 years apart", False, between_overflow),
    "pipes_lazy": ("found", "`a || b` skips b where a is null, so b's errors vanish there "
                   "(`+` and the other operators evaluate both)", False, pipes_lazy),
    "quantile_inf": ("found", "median/quantile interpolating between two equal infinite "
                     "values gives NaN, not the infinity", False, quantile_inf),
    "nan_extremes": ("found", "NaN in greatest/least depends on the argument order "
                     "(greatest(NaN, 0.5) is NaN, greatest(0.5, NaN) is 0.5); min, max and "
                     "quantiles skip NaN, though sorting puts NaN above every number", False,
                     nan_extremes),
    "cancellation": ("limit", "not a dsw bug: deviations of values near 1e16 that differ by "
                     "little lose most digits, differently in each engine", False, cancellation),
    "moments_overflow": ("found", "corr multiplies the two variances before the square root "
                         "(0 for |x| above about 1e77); variance and stddev overflow on values "
                         "near 1e308 (inf for a constant)", False, moments_overflow),
}


def avoided(include_known, include_found):
    return {name for name, (origin, _, avoid, _) in BUGS.items()
            if avoid and not (include_known if origin == "known" else include_found)}


def classify(case, outcome):
    """The name of the recorded bug a failure is an instance of, or None."""
    for name, (_, _, _, detector) in BUGS.items():
        try:
            if detector(case, outcome):
                return name
        except (AttributeError, TypeError):
            continue
    return None
