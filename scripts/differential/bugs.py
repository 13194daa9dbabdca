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


def double_text(case, outcome):
    rows = (outcome.dsw.rows if outcome.dsw else [])
    return wrong_value(outcome) and any(isinstance(v, str) and re.search(r"\de\+15", v)
                                        for row in rows for v in row)


def float_sum_order(case, outcome):
    return outcome.kind == "tlp_sum" and any(
        isinstance(v, (int, float)) and 1e15 <= abs(v) for v in table_values(case))


def moments_overflow(case, outcome):
    text = text_of(case)
    huge = any(isinstance(v, float) and 1e70 < abs(v) < float("inf")
               for v in table_values(case)) or re.search(r"\de\+?(1[5-9]\d|[2-9]\d\d)\b", text) \
        or re.search(r" / |\bpow\(|\bexp\(", text)  # huge values made on the way
    return wrong_value(outcome) and huge and re.search(r"\b(corr|variance|stddev)\(", text)


def nan_quantiles(case, outcome):
    import math
    if not (wrong_value(outcome) and re.search(r"\b(median|quantile)\(", text_of(case))):
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
    "canonical_equivalence": ("found", "the string dictionaries that `append`, joins and string "
                              "functions build merge canonically equivalent strings (\"é\" and "
                              "\"e\\u0301\") into one entry, and `starts_with`, `contains` and "
                              "`replace` match by grapheme; loading and comparisons keep them "
                              "apart", True, canonical_equivalence),
    "nan_quantiles": ("found", "median and quantile skip NaN, though sorting, max and min put "
                      "NaN above every number", False, nan_quantiles),
    "double_text": ("limit", "not a dsw bug: dsw writes doubles between 2^53 and 1e16 in "
                    "exponent form (9.007199254740994e+15); the check's text of them does not",
                    False, double_text),
    "float_sum_order": ("limit", "not a dsw bug: TLP sums of doubles near 1e18 round differently "
                        "when added in another order", False, float_sum_order),
    "cancellation": ("limit", "not a dsw bug: deviations of values near 1e16 that differ by "
                     "little lose most digits, differently in each engine", False, cancellation),
    "moments_overflow": ("found", "variance and stddev overflow on values near 1e308 (inf "
                         "for a constant)", False, moments_overflow),
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
