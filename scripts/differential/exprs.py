"""Random typed expressions, each rendered twice: as dsw source and as the
DuckDB SQL that spells out dsw's documented semantics (docs/language.md).

The SQL side never relies on DuckDB's own choice where dsw documents its
own: floored `//`, `%` with the divisor's sign, null on division by zero,
`/` always double, IEEE comparisons with NaN, non-real math results as null,
casts from strings as dsw parses them, dsw's text forms of values, and the
range of dates and times.
"""

import re
import unicodedata

from values import (INT_MAX, INT_MIN, MAX_DAYS, MAX_MICROS, MICROS_PER_DAY, date_text,
                    timestamp_text)

NUMERIC = ("int", "double")
TEMPORAL = ("date", "timestamp")
SQL_TYPE = {"int": "BIGINT", "double": "DOUBLE", "bool": "BOOLEAN", "string": "VARCHAR",
            "date": "DATE", "timestamp": "TIMESTAMP"}
# Tokens that a step replaces when it compiles: extra aggregate filters, a
# window's OVER clauses, and references to partition aggregates.
FILTER_TOKEN = "\u27eaF\u27eb"
OVER_TOKEN = "\u27eaOVER\u27eb"
RANK_TOKEN = "\u27eaRANK\u27eb"
RUN_TOKEN = "\u27eaRUN\u27eb"


def agg_token(index):
    return f"\u27eaA{index}\u27eb"


def mangle(name):
    """DuckDB folds identifier case even when quoted: spell every character that is
    not [a-z0-9_] as ^hex; so that `p_A` and `p_a` stay two columns."""
    return "".join(c if c in "abcdefghijklmnopqrstuvwxyz0123456789_" else f"^{ord(c):x};"
                   for c in name)


def unmangle(name):
    return re.sub(r"\^([0-9a-f]+);", lambda m: chr(int(m[1], 16)), name)


def qi(name):
    """A quoted SQL identifier for a dsw name."""
    return '"' + mangle(name) + '"'


def dsw_string(text):
    out = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return '"' + out.replace("\t", "\\t").replace("\r", "\\r") + '"'


def sql_string(text):
    return "'" + text.replace("'", "''") + "'"


def widen(a, b):
    """The type two branches meet at, or None (dsw's implicit coercions)."""
    if a == b:
        return a
    if {a, b} == {"int", "double"}:
        return "double"
    if {a, b} == {"date", "timestamp"}:
        return "timestamp"
    return None


def cast_sql(sql, from_type, to_type):
    if from_type == to_type:
        return sql
    return f"CAST({sql} AS {SQL_TYPE[to_type]})"


class Expr:
    """One expression: dsw text, SQL text, dsw type and generation flags.

    `err`: may raise an error at run time (overflow, failed cast, range);
    `const`: a literal (allowed in `in` lists); `null`: the null literal;
    `aggs`: partition aggregates a window item refers to.
    """

    __slots__ = ("dsw", "sql", "type", "err", "const", "null", "aggs", "window", "agg")

    def __init__(self, dsw, sql, type_name, err=False, const=False, null=False):
        self.dsw, self.sql, self.type = dsw, sql, type_name
        self.err, self.const, self.null = err, const, null
        self.aggs, self.window, self.agg = [], False, False

    def atom(self):
        """dsw text safe to embed as an operand."""
        simple = self.dsw.replace("_", "").replace(".", "").isalnum() or self.dsw.endswith(")")
        if simple and not self.dsw.startswith("-") and " " not in self.dsw:
            return self.dsw
        return "(" + self.dsw + ")"


def double_literal_text(value):
    text = repr(value)
    return text


def literal(value, type_name):
    """A constant. Its SQL is kept from constant folding: DuckDB folds `NULL + x` to
    NULL without evaluating x, where dsw evaluates x (and raises its errors)."""
    expr = plain_literal(value, type_name)
    if value is None:
        expr.sql = typed_null(type_name)
    else:
        expr.sql = f"(CASE WHEN random() >= 0 THEN {expr.sql} END)"
    return expr


ZERO = {"int": "CAST(0 AS BIGINT)", "double": "CAST(0 AS DOUBLE)", "bool": "FALSE",
        "string": "''", "date": "DATE '1970-01-01'", "timestamp": "make_timestamp(0)"}


def typed_null(type_name):
    """A null that DuckDB cannot fold into a constant (a CASE whose branches are all
    NULL is folded, and so is `NULL + x`, skipping x)."""
    return f"(CASE WHEN random() < 0 THEN {ZERO[type_name]} END)"


def plain_literal(value, type_name):
    if value is None:
        return Expr("null", f"CAST(NULL AS {SQL_TYPE[type_name]})", type_name, const=True,
                    null=True)
    if type_name == "int":
        if value == INT_MIN:
            dsw = "(-9223372036854775807 - 1)"
        else:
            dsw = str(value)
        return Expr(dsw, f"CAST({value} AS BIGINT)", "int", const=True)
    if type_name == "double":
        return Expr(double_literal_text(value), f"CAST('{value!r}' AS DOUBLE)", "double",
                    const=True)
    if type_name == "bool":
        return Expr("true" if value else "false", "TRUE" if value else "FALSE", "bool",
                    const=True)
    if type_name == "string":
        return Expr(dsw_string(value), sql_string(value), "string", const=True)
    if type_name == "date":
        return Expr(f'date("{date_text(value)}")', f"(DATE '1970-01-01' + {value})", "date",
                    const=True)
    if type_name == "timestamp":
        return Expr(f'timestamp("{timestamp_text(value)}")',
                    f"make_timestamp(CAST({value} AS BIGINT))", "timestamp", const=True)
    raise ValueError(type_name)


def finite(sql):
    """Non-finite doubles (domain errors, overflow) become null, as dsw's math."""
    return f"(CASE WHEN isfinite({sql}) THEN {sql} END)"


def any_null(*sqls):
    """True when any operand is null, evaluating every operand (DuckDB's OR would stop
    at the first, and skip an error the next one raises in dsw)."""
    return "(" + " + ".join(f"(CASE WHEN ({s}) IS NULL THEN 1 ELSE 0 END)" for s in sqls) + " > 0)"


def touch(sql, type_name):
    """A null of `type_name`, after evaluating `sql` (so that its errors are raised, as
    in dsw); not foldable into a constant."""
    return f"(CASE WHEN ({sql}) IS NULL THEN NULL WHEN random() < 0 THEN {ZERO[type_name]} END)"


def eager(sql, *operands):
    """`sql`, with every operand evaluated on every row. DuckDB skips an operand when
    an earlier one is null in every row (as `NULL + x`); dsw evaluates it and raises
    its errors. Only needed when a later operand can raise one."""
    if not any(o.err for o in operands[1:]):
        return sql
    return f"(CASE WHEN {any_null(*[o.sql for o in operands])} THEN NULL ELSE {sql} END)"


def lazy_logic(op, a, b):
    """dsw's `and`/`or`: b is evaluated only for the rows a does not decide. DuckDB's own
    AND/OR may reorder their operands (an adaptive filter), so spell it out."""
    decided = "FALSE" if op == "and" else "TRUE"
    other = "TRUE" if op == "and" else "FALSE"
    return (f"(CASE WHEN ({a}) = {decided} THEN {decided} ELSE (CASE WHEN ({b}) = {decided} "
            f"THEN {decided} WHEN ({a}) IS NULL OR ({b}) IS NULL THEN NULL ELSE {other} END) END)")


def ieee_compare(op, left, right):
    """A comparison where NaN is unequal to everything (IEEE), nulls give null."""
    sql_op = {"==": "=", "!=": "<>"}.get(op, op)
    ls = cast_sql(left.sql, left.type, "double") if left.type == "int" else left.sql
    rs = cast_sql(right.sql, right.type, "double") if right.type == "int" else right.sql
    if "double" not in (left.type, right.type):
        # Both operands are evaluated (DuckDB folds `NULL < x` without evaluating x).
        return (f"(CASE WHEN {any_null(left.sql, right.sql)} THEN NULL "
                f"ELSE ({left.sql} {sql_op} {right.sql}) END)")
    nan_result = "TRUE" if op == "!=" else "FALSE"
    return (f"(CASE WHEN {any_null(ls, rs)} THEN NULL "
            f"WHEN isnan({ls}) OR isnan({rs}) THEN {nan_result} ELSE ({ls} {sql_op} {rs}) END)")


def to_text_sql(expr):
    """SQL for dsw's plain text of a value (casts to string, concat)."""
    s, t = expr.sql, expr.type
    if t == "string":
        return s
    if t == "int":
        return f"CAST({s} AS VARCHAR)"
    if t == "bool":
        return f"(CASE WHEN {s} THEN 'true' WHEN NOT {s} THEN 'false' END)"
    if t == "double":
        return f"dsw_double_text({s})"
    if t == "date":
        return f"dsw_date_text(CAST({s} - DATE '1970-01-01' AS BIGINT))"
    return f"dsw_timestamp_text(epoch_us({s}))"


def range_checked(sql_value, type_name, code="E303"):
    """A date or timestamp, or an error when it leaves dsw's range."""
    if type_name == "date":
        probe = f"CAST({sql_value} - DATE '1970-01-01' AS BIGINT)"
        limit = MAX_DAYS
    else:
        probe = f"epoch_us({sql_value})"
        limit = MAX_MICROS
    return (f"(CASE WHEN {probe} IS NULL THEN NULL WHEN {probe} BETWEEN {-limit} AND {limit} "
            f"THEN {sql_value} ELSE error('{code} {type_name} out of range') END)")


class ExprGen:
    """Generates expressions over a schema [(name, type)]."""

    def __init__(self, rng, schema, options):
        self.rng = rng
        self.schema = schema
        self.options = options  # avoid_known: set of known-bug names to steer clear of
        self.trying = False  # the next cast is a try_cast

    def avoid(self, bug):
        return bug in self.options.get("avoid_known", ())

    def columns(self, types):
        if isinstance(types, str):
            types = (types,)
        return [n for n, t in self.schema if t in types]

    def column(self, name):
        t = dict(self.schema)[name]
        return Expr(name, qi(name), t)

    def pick_column(self, types):
        names = self.columns(types)
        return self.column(self.rng.choice(names)) if names else None

    # ---- literals ----------------------------------------------------------

    def literal_value(self, type_name):
        r = self.rng
        if type_name == "int":
            roll = r.random()
            if roll < 0.7:
                return r.randint(-3, 10)
            if roll < 0.95:
                return r.randint(-1000, 1000)
            return r.choice([INT_MAX, INT_MIN, 2**62, 10**18, -(10**18)])
        if type_name == "double":
            roll = r.random()
            if roll < 0.8:
                return r.choice([0.5, 1.5, 2.0, -0.25, 0.0, 3.75, -2.5, 10.0, 100.0])
            return r.choice([-0.0, 0.1, 1e308, 1e-300, 1e15, 2.5e-3, 1e16])
        if type_name == "bool":
            return r.random() < 0.5
        if type_name == "string":
            words = ["a", "b", "", "A", "abc", "é", "e\u0301", "x y", " ", "ß", "日本", "👍", "-",
                     "Σ", ",", '"', "\n", "ab", "NaN"]
            if self.avoid("canonical_equivalence"):
                words = [w for w in words if unicodedata.is_normalized("NFC", w)]
            return r.choice(words)
        if type_name == "date":
            from data import BASE_DAYS, EDGE_DATES
            return r.choice([BASE_DAYS + r.randint(-30, 30)] * 3 + EDGE_DATES)
        if type_name == "timestamp":
            from data import BASE_DAYS
            base = (BASE_DAYS + r.randint(-30, 30)) * MICROS_PER_DAY
            return r.choice([base, base + r.randint(0, MICROS_PER_DAY - 1), -1, 0])
        raise ValueError(type_name)

    def literal(self, type_name, allow_null=False):
        if allow_null and self.rng.random() < 0.08:
            return literal(None, type_name)
        return literal(self.literal_value(type_name), type_name)

    # ---- the generator -----------------------------------------------------

    def leaf(self, type_name, null_ok=False):
        column = self.pick_column(type_name)
        if column is not None and self.rng.random() < 0.8:
            return column
        return self.literal(type_name, allow_null=null_ok)

    def gen(self, type_name, depth=2, safe=False, null_ok=False):
        """An expression of `type_name`; `safe`: it cannot raise an error; `null_ok`: it
        may be the null literal (only where the context fixes its type, as in dsw)."""
        for _ in range(20):
            if depth <= 0 or self.rng.random() < 0.3:
                expr = self.leaf(type_name, null_ok)
            else:
                makers = getattr(self, "make_" + type_name)()
                maker = self.rng.choices([m for m, _ in makers], [w for _, w in makers])[0]
                expr = maker(depth - 1, safe)
            if expr is not None and expr.type == type_name and not (safe and expr.err):
                return expr
        return self.literal(type_name)

    def numeric(self, depth, safe, prefer=None):
        t = prefer or self.rng.choice(NUMERIC)
        return self.gen(t, depth, safe)

    # ---- ints --------------------------------------------------------------

    def try_cast(self, depth, safe, want):
        """try_cast: a cast that gives null where cast fails."""
        maker = {"int": self.cast_to_int, "double": self.cast_to_double,
                 "bool": self.cast_to_bool, "date": self.cast_to_date,
                 "timestamp": self.cast_to_timestamp}[want]
        self.trying = True
        expr = maker(depth, safe)
        self.trying = False
        if not expr.dsw.startswith("cast("):
            return expr
        # Only the errors of the operand remain.
        return Expr("try_" + expr.dsw, expr.sql, want, err=True)

    def try_cast_int(self, depth, safe):
        return self.try_cast(depth, safe, "int")

    def try_cast_double(self, depth, safe):
        return self.try_cast(depth, safe, "double")

    def try_cast_other(self, depth, safe):
        return self.try_cast(depth, safe, self.rng.choice(["bool", "date", "timestamp"]))

    def make_int(self):
        return [(self.arith_int, 4), (self.floordiv, 2), (self.mod_int, 2), (self.neg_int, 1),
                (self.try_cast_int, 1),
                (self.abs_int, 1), (self.round_int, 1), (self.floor_ceil_int, 1),
                (self.length, 2), (self.date_part, 2), (self.between, 2),
                (self.cast_to_int, 2), (self.conditional_int, 2), (self.greatest_int, 1)]

    def arith_int(self, depth, safe):
        a, b = self.gen("int", depth, safe), self.gen("int", depth, safe)
        op = self.rng.choice("+-*")
        return Expr(f"{a.atom()} {op} {b.atom()}", eager(f"({a.sql} {op} {b.sql})", a, b), "int",
                    err=True)

    def floordiv(self, depth, safe):
        a, b = self.numeric(depth, safe), self.numeric(depth, safe)
        dsw = f"{a.atom()} // {b.atom()}"
        if a.type == "int" and b.type == "int":
            sql = (f"(CASE WHEN {b.sql} = 0 THEN {touch(a.sql, 'int')} ELSE ({a.sql} // {b.sql}) - "
                   f"(CASE WHEN ({a.sql} % {b.sql} <> 0) AND (({a.sql} < 0) <> ({b.sql} < 0)) "
                   f"THEN 1 ELSE 0 END) END)")
        else:
            ad, bd = cast_sql(a.sql, a.type, "double"), cast_sql(b.sql, b.type, "double")
            sql = (f"(CASE WHEN {bd} = 0 THEN {touch(ad, 'int')} "
                   f"ELSE CAST(floor({ad} / {bd}) AS BIGINT) END)")
        return Expr(dsw, sql, "int", err=True)

    def mod_int(self, depth, safe):
        a, b = self.gen("int", depth, safe), self.gen("int", depth, safe)
        sql = (f"(CASE WHEN {b.sql} = 0 THEN {touch(a.sql, 'int')} WHEN ({a.sql} % {b.sql} <> 0) AND "
               f"(({a.sql} % {b.sql} < 0) <> ({b.sql} < 0)) THEN {a.sql} % {b.sql} + {b.sql} "
               f"ELSE {a.sql} % {b.sql} END)")
        return Expr(f"{a.atom()} % {b.atom()}", sql, "int", err=a.err or b.err)

    def neg_int(self, depth, safe):
        a = self.gen("int", depth, safe)
        return Expr(f"-{a.atom()}", f"(- {a.sql})", "int", err=True)

    def abs_int(self, depth, safe):
        a = self.gen("int", depth, safe)
        return Expr(f"abs({a.dsw})", f"abs({a.sql})", "int", err=True)

    def round_int(self, depth, safe):
        a = self.gen("int", depth, safe)
        if self.rng.random() < 0.4:
            return Expr(f"round({a.dsw})", a.sql, "int", err=a.err)
        digits = self.rng.choice([-1, -2, -3, 0, 1, -18, -19, -20])
        if digits >= 0:
            return Expr(f"round({a.dsw}, {digits})", a.sql, "int", err=a.err)
        if digits <= -19:
            sql = f"(CASE WHEN {a.sql} IS NULL THEN NULL ELSE CAST(0 AS BIGINT) END)"
            return Expr(f"round({a.dsw}, {digits})", sql, "int", err=a.err)
        p = 10 ** (-digits)
        h = f"CAST({a.sql} AS HUGEINT)"
        sql = (f"CAST((({h} + (CASE WHEN {h} < 0 THEN -{p // 2} ELSE {p // 2} END)) // {p}) "
               f"* {p} AS BIGINT)")
        return Expr(f"round({a.dsw}, {digits})", sql, "int", err=True)

    def floor_ceil_int(self, depth, safe):
        a = self.gen("int", depth, safe)
        return Expr(f"{self.rng.choice(['floor', 'ceil'])}({a.dsw})", a.sql, "int", err=a.err)

    def length(self, depth, safe):
        s = self.gen("string", depth, safe, null_ok=True)
        return Expr(f"length({s.dsw})", f"CAST(length_grapheme({s.sql}) AS BIGINT)", "int",
                    err=s.err)

    def date_part(self, depth, safe):
        t = self.gen(self.rng.choice(TEMPORAL), depth, safe, null_ok=True)
        part = self.rng.choice(["year", "month", "day", "weekday"])
        fn = {"weekday": "isodow"}.get(part, part)
        return Expr(f"{part}({t.dsw})", f"CAST({fn}({t.sql}) AS BIGINT)", "int", err=t.err)

    def between(self, depth, safe):
        a = self.gen(self.rng.choice(TEMPORAL), depth, safe)
        b = self.gen(self.rng.choice(TEMPORAL), depth, safe)
        if self.rng.random() < 0.1:  # times far apart
            a, b = self.range_edge(depth, safe), self.range_edge(depth, safe)
        unit = self.rng.choice(["days", "hours", "minutes"])
        if unit == "days":
            sql = f"CAST(date_diff('day', {a.sql}, {b.sql}) AS BIGINT)"
        else:
            size = 3_600_000_000 if unit == "hours" else 60_000_000
            ua = f"CAST(epoch_us(CAST({a.sql} AS TIMESTAMP)) AS HUGEINT)"
            ub = f"CAST(epoch_us(CAST({b.sql} AS TIMESTAMP)) AS HUGEINT)"
            sql = f"CAST(({ub} - {ua}) // {size} AS BIGINT)"
        return Expr(f"{unit}_between({a.dsw}, {b.dsw})", eager(sql, a, b), "int",
                    err=a.err or b.err)

    def failure(self, trying, message, type_name):
        """What a failed cast gives: an error, or null for try_cast."""
        return f"CAST(NULL AS {SQL_TYPE[type_name]})" if trying else f"error('{message}')"

    def cast_to_int(self, depth, safe):
        trying, self.trying = self.trying, False
        source = self.rng.choice(["double", "bool", "string", "date", "timestamp", "numstr"])
        a = self.cast_source(source, depth, safe)
        s = a.sql
        if a.type == "double":
            sql, err = f"{'TRY_CAST' if trying else 'CAST'}(round({s}) AS BIGINT)", True
        elif a.type == "bool":
            sql, err = f"CAST({s} AS BIGINT)", a.err
        elif a.type == "date":
            sql, err = f"CAST({s} - DATE '1970-01-01' AS BIGINT)", a.err
        elif a.type == "timestamp":
            sql, err = f"epoch_us({s})", a.err
        else:
            t = f"trim({s}, dsw_spaces())"
            sql = (f"(CASE WHEN {s} IS NULL THEN NULL WHEN regexp_full_match({t}, '[+-]?[0-9]+') "
                   f"THEN {'TRY_CAST' if trying else 'CAST'}({t} AS BIGINT) "
                   f"ELSE {self.failure(trying, 'E302 int', 'int')} END)")
            err = True
        return Expr(f'cast({a.dsw}, "int")', sql, "int", err=err)

    def cast_source(self, source, depth, safe):
        if source == "numstr" and "ns" in self.columns("string"):
            return self.column("ns")
        if source == "numstr":
            source = "string"
        return self.gen(source, depth, safe, null_ok=True)

    def conditional(self, type_name, depth, safe):
        """if / case / coalesce with branches of `type_name` (possibly int mixed in)."""
        strict = safe
        branch_type = lambda: ("int" if type_name == "double" and self.rng.random() < 0.3
                               else type_name)
        kind = self.rng.choice(["if", "case", "coalesce"])
        if kind == "if":
            c = self.gen("bool", depth, strict, null_ok=True)
            a = self.gen(branch_type(), depth, strict, null_ok=True)
            b = self.gen(branch_type(), depth, strict, null_ok=True)
            if a.null and b.null:
                b = self.gen(type_name, 0, True)
            result = self.branch_type([a, b], type_name)
            sql = (f"(CASE WHEN {c.sql} THEN {cast_sql(a.sql, a.type, result)} "
                   f"ELSE {cast_sql(b.sql, b.type, result)} END)")
            return Expr(f"if({c.dsw}, {a.dsw}, {b.dsw})", sql, result,
                        err=c.err or a.err or b.err)
        if kind == "case":
            arms = [(self.gen("bool", depth, strict, null_ok=True),
                     self.gen(branch_type(), depth, strict, null_ok=True))
                    for _ in range(self.rng.randint(1, 3))]
            other = (self.gen(branch_type(), depth, strict, null_ok=True)
                     if self.rng.random() < 0.7 else None)
            values = [v for _, v in arms] + ([other] if other else [])
            if all(v.null for v in values):
                arms[0] = (arms[0][0], self.gen(type_name, 0, True))
                values = [v for _, v in arms] + ([other] if other else [])
            result = self.branch_type(values, type_name)
            dsw = "case " + " ".join(f"when {c.dsw} then {v.dsw}" for c, v in arms)
            sql = "(CASE " + " ".join(f"WHEN {c.sql} THEN {cast_sql(v.sql, v.type, result)}"
                                      for c, v in arms)
            if other:
                dsw += f" else {other.dsw}"
                sql += f" ELSE {cast_sql(other.sql, other.type, result)}"
            err = any(c.err or v.err for c, v in arms) or (other is not None and other.err)
            return Expr(dsw + " end", sql + " END)", result, err=err)
        values = [self.gen(branch_type(), depth, strict, null_ok=True)
                  for _ in range(self.rng.randint(1, 3))]
        if all(v.null for v in values):
            values.append(self.gen(type_name, 0, True))
        result = self.branch_type(values, type_name)
        sql = "COALESCE(" + ", ".join(cast_sql(v.sql, v.type, result) for v in values) + ")"
        return Expr("coalesce(" + ", ".join(v.dsw for v in values) + ")", sql, result,
                    err=any(v.err for v in values))

    @staticmethod
    def branch_type(values, wanted):
        result = None
        for value in values:
            if not value.null:
                result = value.type if result is None else (widen(result, value.type) or wanted)
        return result or wanted

    def conditional_int(self, depth, safe):
        return self.conditional("int", depth, safe)

    def greatest_int(self, depth, safe):
        return self.greatest("int", depth, safe)

    def greatest(self, type_name, depth, safe):
        fn = self.rng.choice(["greatest", "least"])
        args = [self.gen(type_name if type_name != "double" else self.rng.choice(NUMERIC),
                         depth, safe) for _ in range(self.rng.randint(2, 3))]
        if type_name == "double" and all(a.type == "int" for a in args):
            args[0] = self.gen("double", depth, safe)
        parts = []
        for a in args:
            s = cast_sql(a.sql, a.type, type_name)
            # dsw skips nulls; NaN counts as the largest value (DuckDB's order too).
            parts.append(s)
        sql = f"{fn}({', '.join(parts)})"
        return Expr(f"{fn}({', '.join(a.dsw for a in args)})", sql, type_name,
                    err=any(a.err for a in args))

    # ---- doubles -----------------------------------------------------------

    def make_double(self):
        return [(self.arith_double, 4), (self.divide, 3), (self.mod_double, 2),
                (self.try_cast_double, 1),
                (self.neg_double, 1), (self.math1, 3), (self.round_double, 2),
                (self.pow_fn, 1), (self.cast_to_double, 2), (self.conditional_double, 2),
                (self.greatest_double, 1)]

    def mixed_operands(self, depth, safe):
        a, b = self.numeric(depth, safe), self.numeric(depth, safe)
        if a.type == "int" and b.type == "int":
            if self.rng.random() < 0.5:
                a = self.gen("double", depth, safe)
            else:
                b = self.gen("double", depth, safe)
        return a, b

    def arith_double(self, depth, safe):
        a, b = self.mixed_operands(depth, safe)
        op = self.rng.choice("+-*")
        sql = f"({cast_sql(a.sql, a.type, 'double')} {op} {cast_sql(b.sql, b.type, 'double')})"
        return Expr(f"{a.atom()} {op} {b.atom()}", eager(sql, a, b), "double",
                    err=a.err or b.err)

    def divide(self, depth, safe):
        a, b = self.numeric(depth, safe), self.numeric(depth, safe)
        ad, bd = cast_sql(a.sql, a.type, "double"), cast_sql(b.sql, b.type, "double")
        sql = f"(CASE WHEN {bd} = 0 THEN {touch(ad, 'double')} ELSE {ad} / {bd} END)"
        return Expr(f"{a.atom()} / {b.atom()}", sql, "double", err=a.err or b.err)

    def mod_double(self, depth, safe):
        a, b = self.mixed_operands(depth, safe)
        ad, bd = cast_sql(a.sql, a.type, "double"), cast_sql(b.sql, b.type, "double")
        r = f"({ad} % {bd})"
        sql = (f"(CASE WHEN {bd} = 0 THEN {touch(ad, 'double')} WHEN {r} = 0 THEN CAST(0 AS DOUBLE) "
               f"WHEN ({r} < 0) <> ({bd} < 0) THEN {r} + {bd} ELSE {r} END)")
        return Expr(f"{a.atom()} % {b.atom()}", sql, "double", err=a.err or b.err)

    def neg_double(self, depth, safe):
        a = self.gen("double", depth, safe)
        return Expr(f"-{a.atom()}", f"(- {a.sql})", "double", err=a.err)

    def math1(self, depth, safe):
        fn = self.rng.choice(["abs", "floor", "ceil", "sqrt", "exp", "log"])
        a = self.gen("double", depth, safe) if fn in ("abs", "floor", "ceil") \
            else self.numeric(depth, safe)
        ad = cast_sql(a.sql, a.type, "double")
        inner = {"log": f"(CASE WHEN {ad} > 0 THEN ln({ad}) END)",
                 "sqrt": f"(CASE WHEN {ad} >= 0 THEN sqrt({ad}) END)"}.get(fn, f"{fn}({ad})")
        return Expr(f"{fn}({a.dsw})", finite(inner), "double", err=a.err)

    def round_double(self, depth, safe):
        a = self.gen("double", depth, safe)
        if self.rng.random() < 0.5:
            return Expr(f"round({a.dsw})", finite(f"round({a.sql})"), "double", err=a.err)
        digits = self.rng.choice([0, 1, 2, -1, -2, 3, 400, -400, 15, 20])
        if digits > 300:
            sql = finite(a.sql)
        elif digits < -300:
            sql = f"(CASE WHEN isfinite({a.sql}) THEN CAST(0 AS DOUBLE) END)"
        else:
            sql = finite(f"round({a.sql}, {digits})")
        return Expr(f"round({a.dsw}, {digits})", sql, "double", err=a.err)

    def pow_fn(self, depth, safe):
        a, b = self.numeric(depth, safe), self.numeric(depth, safe)
        sql = finite(eager(f"pow({cast_sql(a.sql, a.type, 'double')}, "
                           f"{cast_sql(b.sql, b.type, 'double')})", a, b))
        return Expr(f"pow({a.dsw}, {b.dsw})", sql, "double", err=a.err or b.err)

    def cast_to_double(self, depth, safe):
        trying, self.trying = self.trying, False
        source = self.rng.choice(["int", "bool", "string", "numstr", "numstr"])
        a = self.cast_source(source, depth, safe)
        if a.type == "string":
            t = f"trim({a.sql}, dsw_spaces())"
            sql = (f"(CASE WHEN {a.sql} IS NULL THEN NULL WHEN dsw_is_double({t}) "
                   f"THEN CAST({t} AS DOUBLE) "
                   f"ELSE {self.failure(trying, 'E302 double', 'double')} END)")
            return Expr(f'cast({a.dsw}, "double")', sql, "double", err=True)
        return Expr(f'cast({a.dsw}, "double")', f"CAST({a.sql} AS DOUBLE)", "double",
                    err=a.err)

    def conditional_double(self, depth, safe):
        return self.conditional("double", depth, safe)

    def greatest_double(self, depth, safe):
        return self.greatest("double", depth, safe)

    # ---- bools -------------------------------------------------------------

    def make_bool(self):
        return [(self.compare, 6), (self.logic, 3), (self.not_fn, 1), (self.is_null, 2),
                (self.in_list, 2), (self.string_pred, 2), (self.cast_to_bool, 1),
                (self.conditional_bool, 1), (self.like, 1), (self.between_range, 1)]

    def like(self, depth, safe):
        s = self.gen("string", depth, safe, null_ok=True)
        word = self.rng.choice(["like", "ilike", "not like"])
        pattern = literal(self.rng.choice(["a%", "%b", "%", "_", "A_%", "%\\%%", "%é%",
                                           "__", "%ß%", "x y", "%\\_%", "%a_c"]), "string")
        sql = f"dsw_like({s.sql}, {pattern.sql}, {word == 'ilike'})"
        if word == "not like":
            sql = f"(NOT {sql})"
        return Expr(f"{s.atom()} {word} {pattern.dsw}", sql, "bool", err=s.err)

    def between_range(self, depth, safe):
        x, low = self.comparable_pair(depth, safe)
        high = self.gen(low.type, depth, safe) if low.type not in NUMERIC else \
            self.numeric(depth, safe)
        if low.const and low.type in TEMPORAL and x.type in TEMPORAL:
            high = literal(self.literal_value(low.type), low.type)
        neg = self.rng.random() < 0.3
        inside = lazy_logic("and", ieee_compare(">=", x, low), ieee_compare("<=", x, high))
        sql = f"(NOT {inside})" if neg else inside
        word = "not between" if neg else "between"
        return Expr(f"{x.atom()} {word} {low.atom()} and {high.atom()}", sql, "bool",
                    err=x.err or low.err or high.err)

    def comparable_pair(self, depth, safe):
        kind = self.rng.choice(["num", "num", "string", "temporal", "bool", "date_string"])
        if kind == "num":
            return self.numeric(depth, safe), self.gen(self.rng.choice(NUMERIC), depth, safe,
                                                       null_ok=True)
        if kind == "string":
            return self.gen("string", depth, safe), self.gen("string", depth, safe, null_ok=True)
        if kind == "temporal":
            return (self.gen(self.rng.choice(TEMPORAL), depth, safe),
                    self.gen(self.rng.choice(TEMPORAL), depth, safe, null_ok=True))
        if kind == "date_string":
            t = self.gen(self.rng.choice(TEMPORAL), depth, safe)
            value = self.literal_value(t.type)
            if t.type == "date":
                text, sql = date_text(value), f"(DATE '1970-01-01' + {value})"
            else:
                text, sql = timestamp_text(value), f"make_timestamp(CAST({value} AS BIGINT))"
            return t, Expr(dsw_string(text), sql, t.type, const=True)
        return self.gen("bool", depth, safe), self.gen("bool", depth, safe, null_ok=True)

    def compare(self, depth, safe):
        a, b = self.comparable_pair(depth, safe)
        if self.rng.random() < 0.5:
            a, b = b, a
        op = self.rng.choice(["==", "!=", "<", "<=", ">", ">="])
        return Expr(f"{a.atom()} {op} {b.atom()}", ieee_compare(op, a, b), "bool",
                    err=a.err or b.err)

    def logic(self, depth, safe):
        a = self.gen("bool", depth, safe, null_ok=True)
        b = self.gen("bool", depth, safe, null_ok=True)
        op = self.rng.choice(["and", "or"])
        return Expr(f"{a.atom()} {op} {b.atom()}", lazy_logic(op, a.sql, b.sql), "bool",
                    err=a.err or b.err)

    def not_fn(self, depth, safe):
        a = self.gen("bool", depth, safe)
        return Expr(f"not {a.atom()}", f"(NOT {a.sql})", "bool", err=a.err)

    def is_null(self, depth, safe):
        a = self.gen(self.rng.choice(["int", "double", "string", "bool", "date", "timestamp"]),
                     depth, safe, null_ok=True)
        neg = self.rng.random() < 0.5
        word = "is not null" if neg else "is null"
        return Expr(f"{a.atom()} {word}", f"({a.sql} {word.upper()})", "bool", err=a.err)

    def in_list(self, depth, safe):
        t = self.rng.choice(["int", "double", "string", "date", "bool"])
        x = self.gen(t, depth, safe, null_ok=True)
        items = []
        for _ in range(self.rng.randint(1, 4)):
            it = t if t not in NUMERIC else self.rng.choice(NUMERIC)
            item = self.literal(it, allow_null=self.rng.random() < 0.3)
            if item.dsw.startswith("("):  # the smallest int is an expression, not a constant
                item = literal(0, "int")
            items.append(item)
        types = {i.type for i in items} | {x.type}
        common = "double" if "double" in types and types <= set(NUMERIC) else x.type
        neg = self.rng.random() < 0.4
        dsw = f"{x.atom()} {'not in' if neg else 'in'} [{', '.join(i.dsw for i in items)}]"
        xs = cast_sql(x.sql, x.type, common)
        parts = ", ".join(cast_sql(i.sql, i.type, common) for i in items)
        sql = f"({xs} {'NOT IN' if neg else 'IN'} ({parts}))"
        if common == "double":
            # IEEE: NaN is in no list.
            sql = f"(CASE WHEN isnan({xs}) THEN {'TRUE' if neg else 'FALSE'} ELSE {sql} END)"
        return Expr(dsw, sql, "bool", err=x.err)

    def string_pred(self, depth, safe):
        fn = self.rng.choice(["contains", "starts_with", "ends_with"])
        s = self.gen("string", depth, safe, null_ok=True)
        if self.rng.random() < 0.5:
            part = literal(self.literal_value("string"), "string")
        else:
            part = self.gen("string", depth, safe)
        sql_fn = {"contains": "contains", "starts_with": "starts_with",
                  "ends_with": "ends_with"}[fn]
        return Expr(f"{fn}({s.dsw}, {part.dsw})", eager(f"{sql_fn}({s.sql}, {part.sql})", s, part),
                    "bool",
                    err=s.err or part.err)

    def cast_to_bool(self, depth, safe):
        trying, self.trying = self.trying, False
        source = self.rng.choice(["int", "double", "string", "numstr"])
        a = self.cast_source(source, depth, safe)
        if a.type == "string":
            t = f"lower(trim({a.sql}, dsw_spaces()))"
            sql = (f"(CASE WHEN {a.sql} IS NULL THEN NULL WHEN {t} IN ('true', 't', 'yes', '1') "
                   f"THEN TRUE WHEN {t} IN ('false', 'f', 'no', '0') THEN FALSE "
                   f"ELSE {self.failure(trying, 'E302 bool', 'bool')} END)")
            return Expr(f'cast({a.dsw}, "bool")', sql, "bool", err=True)
        return Expr(f'cast({a.dsw}, "bool")', f"({a.sql} <> 0)", "bool", err=a.err)

    def conditional_bool(self, depth, safe):
        return self.conditional("bool", depth, safe)

    # ---- strings -----------------------------------------------------------

    def make_string(self):
        return [(self.case_fn, 2), (self.trim_fn, 1), (self.substr, 2), (self.concat, 2),
                (self.replace_fn, 1), (self.cast_to_string, 2), (self.conditional_string, 1),
                (self.pipes, 1), (self.side_trim, 1), (self.pad, 1), (self.split_part, 1),
                (self.concat_ws, 1)]

    def pipes(self, depth, safe):
        """`a || b`: text of both, null when either is null."""
        a = self.gen(self.rng.choice(["string", "string", "int", "double", "date", "bool"]),
                     depth, safe, null_ok=True)
        b = self.gen(self.rng.choice(["string", "string", "int", "timestamp"]), depth, safe,
                     null_ok=True)
        sql = eager(f"({to_text_sql(a)} || {to_text_sql(b)})", a, b)
        return Expr(f"{a.atom()} || {b.atom()}", sql, "string", err=a.err or b.err)

    def side_trim(self, depth, safe):
        fn = self.rng.choice(["ltrim", "rtrim"])
        s = self.gen("string", depth, safe, null_ok=True)
        side = "dsw_ltrim" if fn == "ltrim" else "dsw_rtrim"
        if self.rng.random() < 0.4:
            return Expr(f"{fn}({s.dsw})", f"{side}({s.sql}, dsw_blanks())", "string", err=s.err)
        chars = literal(self.rng.choice(["x", " a", "ab", "é", "-=", "👍"]),
                        "string")
        return Expr(f"{fn}({s.dsw}, {chars.dsw})", f"{side}({s.sql}, {chars.sql})", "string",
                    err=s.err)

    def pad(self, depth, safe):
        fn = self.rng.choice(["lpad", "rpad"])
        s = self.gen("string", depth, safe, null_ok=True)
        n = literal(self.rng.choice([0, 1, 3, 6]), "int")
        if self.rng.random() < 0.4:
            return Expr(f"{fn}({s.dsw}, {n.dsw})",
                        f"dsw_pad({s.sql}, {n.sql}, ' ', {fn == 'lpad'})", "string", err=s.err)
        fill = literal(self.rng.choice(["0", "ab", ".", "é", "👍"]), "string")
        return Expr(f"{fn}({s.dsw}, {n.dsw}, {fill.dsw})",
                    f"dsw_pad({s.sql}, {n.sql}, {fill.sql}, {fn == 'lpad'})", "string",
                    err=s.err)

    def split_part(self, depth, safe):
        s = self.gen("string", depth, safe, null_ok=True)
        sep = literal(self.rng.choice([" ", ",", "a", "-", "ab", "é"]), "string")
        n = literal(self.rng.choice([-3, -1, 0, 1, 2, 3]), "int")
        return Expr(f"split_part({s.dsw}, {sep.dsw}, {n.dsw})",
                    f"dsw_split_part({s.sql}, {sep.sql}, {n.sql})", "string", err=s.err)

    def concat_ws(self, depth, safe):
        sep = self.gen("string", 0, safe, null_ok=True) if self.rng.random() < 0.2 else \
            literal(self.rng.choice([", ", "/", ""]), "string")
        args = [self.gen(self.rng.choice(["string", "int", "double", "date", "bool"]), depth,
                         safe, null_ok=True) for _ in range(self.rng.randint(1, 3))]
        parts = ", ".join(to_text_sql(a) for a in args)
        sql = f"concat_ws({sep.sql}, {parts})"
        return Expr(f"concat_ws({sep.dsw}, {', '.join(a.dsw for a in args)})", sql, "string",
                    err=sep.err or any(a.err for a in args))

    def case_fn(self, depth, safe):
        fn = self.rng.choice(["lower", "upper"])
        s = self.gen("string", depth, safe, null_ok=True)
        return Expr(f"{fn}({s.dsw})", f"dsw_{fn}({s.sql})", "string", err=s.err)

    def trim_fn(self, depth, safe):
        s = self.gen("string", depth, safe, null_ok=True)
        return Expr(f"trim({s.dsw})", f"trim({s.sql}, dsw_blanks())", "string", err=s.err)

    def substr(self, depth, safe):
        s = self.gen("string", depth, safe)
        start = self.small_int(depth, safe)
        if self.rng.random() < 0.4:
            sql = f"dsw_substr({s.sql}, {start.sql}, CAST(NULL AS BIGINT), FALSE)"
            return Expr(f"substr({s.dsw}, {start.dsw})", sql, "string", err=s.err or start.err)
        count = self.small_int(depth, safe)
        sql = f"dsw_substr({s.sql}, {start.sql}, {count.sql}, TRUE)"
        return Expr(f"substr({s.dsw}, {start.dsw}, {count.dsw})", sql, "string",
                    err=s.err or start.err or count.err)

    def small_int(self, depth, safe):
        if self.rng.random() < 0.7:
            return literal(self.rng.choice([-2, -1, 0, 1, 2, 3, 5, 100, INT_MAX, INT_MIN]), "int")
        return self.gen("int", depth - 1, safe)

    def concat(self, depth, safe):
        args = [self.gen(self.rng.choice(["string", "string", "int", "double", "bool", "date",
                                           "timestamp"]), depth, safe, null_ok=True)
                for _ in range(self.rng.randint(1, 3))]
        parts = ", ".join(f"COALESCE({to_text_sql(a)}, '')" for a in args)
        return Expr(f"concat({', '.join(a.dsw for a in args)})", f"concat({parts})", "string",
                    err=any(a.err for a in args))

    def replace_fn(self, depth, safe):
        s = self.gen("string", depth, safe)
        old = self.gen("string", depth, safe) if self.rng.random() < 0.3 else \
            literal(self.literal_value("string"), "string")
        new = self.gen("string", depth, safe) if self.rng.random() < 0.3 else \
            literal(self.literal_value("string"), "string")
        sql = f"dsw_replace({s.sql}, {old.sql}, {new.sql})"
        return Expr(f"replace({s.dsw}, {old.dsw}, {new.dsw})", sql, "string",
                    err=s.err or old.err or new.err)

    def cast_to_string(self, depth, safe):
        a = self.gen(self.rng.choice(["int", "double", "bool", "date", "timestamp"]), depth,
                     safe)
        return Expr(f'cast({a.dsw}, "string")', to_text_sql(a), "string", err=a.err)

    def conditional_string(self, depth, safe):
        return self.conditional("string", depth, safe)

    # ---- dates and timestamps ---------------------------------------------

    def make_date(self):
        return [(self.date_of, 2), (self.trunc, 2), (self.date_add, 3), (self.cast_to_date, 2),
                (self.conditional_date, 1), (self.date_of_text, 1), (self.range_edge, 1),
                (self.try_cast_other, 1)]

    def make_timestamp(self):
        return [(self.trunc, 2), (self.date_add, 3), (self.cast_to_timestamp, 2),
                (self.conditional_timestamp, 1), (self.timestamp_of_date, 1),
                (self.timestamp_of_text, 1), (self.range_edge, 1), (self.try_cast_other, 1)]

    def range_edge(self, depth, safe, want=None):
        """A date or timestamp at (or near) the ends of dsw's range, from an int."""
        want = want or self.rng.choice(TEMPORAL)
        limit = MAX_DAYS if want == "date" else MAX_MICROS
        value = self.rng.choice([limit, -limit, limit - 1, -limit + 1])
        sql = (f"(DATE '1970-01-01' + {value})" if want == "date"
               else f"make_timestamp(CAST({value} AS BIGINT))")
        return Expr(f'cast({value}, "{want}")', f"(CASE WHEN random() >= 0 THEN {sql} END)", want)

    def temporal_text(self, depth, safe):
        """Text that is mostly a date or a timestamp."""
        roll = self.rng.random()
        if roll < 0.5:
            t = self.gen(self.rng.choice(TEMPORAL), depth, safe)
            return Expr(f'cast({t.dsw}, "string")', to_text_sql(t), "string", err=t.err)
        if roll < 0.7 and "ns" in self.columns("string"):
            return self.column("ns")
        # Constants only from valid texts: dsw rejects an invalid constant when it plans
        # (E211), even over no rows.
        return literal(self.rng.choice([
            "2024-02-29", "2024-01-01T10:00:00Z", "2024-01-01 23:59:59+01:00",
            "2024-01-01T00:00:00.5Z", "1969-12-31T23:59:60Z", "0001-01-01T00:00:00-01:00",
            "9999-12-31T23:59:59.9999999Z", "2024-06-15T12:30"]), "string")

    def date_of_text(self, depth, safe):
        s = self.temporal_text(depth, safe)
        sql = (f"(CASE WHEN {s.sql} IS NULL THEN NULL WHEN dsw_parse_date({s.sql}) IS NOT NULL "
               f"THEN DATE '1970-01-01' + CAST(dsw_parse_date({s.sql}) AS INTEGER) "
               f"WHEN dsw_parse_timestamp({s.sql}) IS NOT NULL "
               f"THEN CAST(make_timestamp(dsw_parse_timestamp({s.sql})) AS DATE) "
               f"ELSE error('E302 date') END)")
        return Expr(f"date({s.dsw})", sql, "date", err=True)

    def timestamp_of_text(self, depth, safe):
        s = self.temporal_text(depth, safe)
        sql = (f"(CASE WHEN {s.sql} IS NULL THEN NULL WHEN dsw_parse_timestamp({s.sql}) IS NOT NULL "
               f"THEN make_timestamp(dsw_parse_timestamp({s.sql})) ELSE error('E302 ts') END)")
        return Expr(f"timestamp({s.dsw})", sql, "timestamp", err=True)

    def date_of(self, depth, safe):
        t = self.gen("timestamp", depth, safe)
        return Expr(f"date({t.dsw})", f"CAST({t.sql} AS DATE)", "date", err=t.err)

    def timestamp_of_date(self, depth, safe):
        d = self.gen("date", depth, safe)
        return Expr(f'cast({d.dsw}, "timestamp")', f"CAST({d.sql} AS TIMESTAMP)", "timestamp",
                    err=d.err)

    def trunc(self, depth, safe, want=None):
        t = self.gen(self.rng.choice(TEMPORAL), depth, safe)
        unit = self.rng.choice(["year", "quarter", "month", "week", "day", "hour", "minute",
                                "second"])
        sql = f"date_trunc('{unit}', {t.sql})"
        if t.type == "date":
            sql = f"CAST({sql} AS DATE)"
        return Expr(f'date_trunc("{unit}", {t.dsw})', sql, t.type, err=t.err)

    def date_add(self, depth, safe):
        t = self.gen(self.rng.choice(TEMPORAL), depth, safe)
        unit = self.rng.choice(["day", "week", "month", "quarter", "year", "hour", "minute",
                                "second"])
        n = self.small_amount(depth, safe)
        result = "timestamp" if (t.type == "timestamp" or unit in ("hour", "minute", "second")) \
            else "date"
        interval = {"day": f"to_days(CAST({n.sql} AS INTEGER))",
                    "week": f"to_days(CAST({n.sql} * 7 AS INTEGER))",
                    "month": f"to_months(CAST({n.sql} AS INTEGER))",
                    "quarter": f"to_months(CAST({n.sql} * 3 AS INTEGER))",
                    "year": f"to_months(CAST({n.sql} * 12 AS INTEGER))",
                    "hour": f"to_microseconds({n.sql} * 3600000000)",
                    "minute": f"to_microseconds({n.sql} * 60000000)",
                    "second": f"to_microseconds({n.sql} * 1000000)"}[unit]
        base = t.sql if result == t.type else f"CAST({t.sql} AS TIMESTAMP)"
        # The amount is only looked at where the time is not null (no error in a null row).
        value = (f"(CASE WHEN {t.sql} IS NULL THEN {touch(n.sql, 'timestamp')} "
                 f"ELSE {base} + {interval} END)")
        if result == "date":
            value = f"CAST({value} AS DATE)"
        return Expr(f'date_add({t.dsw}, {n.dsw}, "{unit}")', range_checked(value, result),
                    result, err=True)

    def small_amount(self, depth, safe):
        if self.rng.random() < 0.8:
            return literal(self.rng.choice([-1, 1, 2, 12, -13, 30, 0, 1000, 100000,
                                            -3000000, 2 ** 40]), "int")
        return self.gen("int", depth - 1, safe)

    def cast_to_date(self, depth, safe):
        trying, self.trying = self.trying, False
        source = self.rng.choice(["int", "timestamp", "string", "numstr"])
        a = self.cast_source(source, depth, safe)
        if a.type == "int":
            sql = (f"(CASE WHEN {a.sql} IS NULL THEN NULL WHEN {a.sql} BETWEEN {-MAX_DAYS} AND "
                   f"{MAX_DAYS} THEN DATE '1970-01-01' + CAST({a.sql} AS INTEGER) "
                   f"ELSE {self.failure(trying, 'E303 date', 'date')} END)")
            return Expr(f'cast({a.dsw}, "date")', sql, "date", err=True)
        if a.type == "timestamp":
            return Expr(f'cast({a.dsw}, "date")', f"CAST({a.sql} AS DATE)", "date", err=a.err)
        t = f"trim({a.sql}, dsw_spaces())"
        sql = (f"(CASE WHEN {a.sql} IS NULL THEN NULL WHEN dsw_parse_date({t}) IS NOT NULL THEN "
               f"DATE '1970-01-01' + CAST(dsw_parse_date({t}) AS INTEGER) "
               f"ELSE {self.failure(trying, 'E302 date', 'date')} END)")
        return Expr(f'cast({a.dsw}, "date")', sql, "date", err=True)

    def cast_to_timestamp(self, depth, safe):
        trying, self.trying = self.trying, False
        source = self.rng.choice(["int", "date", "string", "numstr"])
        a = self.cast_source(source, depth, safe)
        if a.type == "int":
            sql = (f"(CASE WHEN {a.sql} IS NULL THEN NULL WHEN {a.sql} BETWEEN {-MAX_MICROS} AND "
                   f"{MAX_MICROS} THEN make_timestamp({a.sql}) "
                   f"ELSE {self.failure(trying, 'E303 timestamp', 'timestamp')} END)")
            return Expr(f'cast({a.dsw}, "timestamp")', sql, "timestamp", err=True)
        if a.type == "date":
            return Expr(f'cast({a.dsw}, "timestamp")', f"CAST({a.sql} AS TIMESTAMP)",
                        "timestamp", err=a.err)
        t = f"trim({a.sql}, dsw_spaces())"
        sql = (f"(CASE WHEN {a.sql} IS NULL THEN NULL WHEN dsw_parse_timestamp({t}) IS NOT NULL "
               f"THEN make_timestamp(dsw_parse_timestamp({t})) "
               f"ELSE {self.failure(trying, 'E302 timestamp', 'timestamp')} END)")
        return Expr(f'cast({a.dsw}, "timestamp")', sql, "timestamp", err=True)

    def conditional_date(self, depth, safe):
        return self.conditional("date", depth, safe)

    def conditional_timestamp(self, depth, safe):
        return self.conditional("timestamp", depth, safe)
