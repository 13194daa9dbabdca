"""Pipelines: declarative steps, each rendered as dsw text and compiled to a
SQL query over the previous step's result.

Every intermediate result carries `__o`, a key that orders its rows the way
dsw orders them: input order through filter, select, derive, window and
take; first appearance of each group (aggregate, distinct, pivot); left row
then right row for joins; the first input before the second for append; and
the sort keys with the previous order as the final tiebreaker (a stable
sort). Results are compared in that order.
"""

import re

from exprs import (FILTER_TOKEN, NUMERIC, TEMPORAL, Expr, ExprGen, cast_sql, literal, qi,
                   typed_null, widen)
from sqlfuncs import graphemes
from values import plain_text

ALL_TYPES = ("int", "double", "bool", "string", "date", "timestamp")


# ---- aggregates ----------------------------------------------------------


def aggregate_call(fn, args, arg_types):
    """(dsw text, SQL with FILTER_TOKEN, result type) of one aggregate call."""
    f = FILTER_TOKEN
    x = args[0].sql if args else None
    t = arg_types[0] if arg_types else None
    dsw = f"{fn}({', '.join(a.dsw for a in args)})"
    if fn == "count" and not args:
        return dsw, f"count(*) FILTER (WHERE TRUE{f})", "int"
    if fn == "count":
        return dsw, f"count({x}) FILTER (WHERE TRUE{f})", "int"
    if fn == "count_distinct":
        return dsw, f"count(DISTINCT {x}) FILTER (WHERE TRUE{f})", "int"
    if fn == "count_if":
        return dsw, f"count(*) FILTER (WHERE ({x}){f})", "int"
    if fn == "sum":
        if t in ("int", "bool"):
            return dsw, f"CAST(sum(CAST({x} AS BIGINT)) FILTER (WHERE TRUE{f}) AS BIGINT)", "int"
        return dsw, f"sum({x}) FILTER (WHERE TRUE{f})", "double"
    xd = cast_sql(x, t, "double") if x else None
    if fn == "mean":
        return dsw, f"avg({xd}) FILTER (WHERE TRUE{f})", "double"
    if fn in ("min", "max"):
        return dsw, f"{fn}({x}) FILTER (WHERE TRUE{f})", t
    if fn == "median":
        return dsw, f"quantile_cont({xd}, 0.5) FILTER (WHERE TRUE{f})", "double"
    if fn == "quantile":
        q = args[1].dsw
        return dsw, f"quantile_cont({xd}, {q}) FILTER (WHERE TRUE{f})", "double"
    if fn in ("stddev", "variance"):
        sql_fn = "stddev_samp" if fn == "stddev" else "var_samp"
        return dsw, f"{sql_fn}({xd}) FILTER (WHERE TRUE{f})", "double"
    if fn == "first":
        return dsw, f"arg_min({x}, __o) FILTER (WHERE {x} IS NOT NULL{f})", t
    if fn == "last":
        return dsw, f"arg_max({x}, __o) FILTER (WHERE {x} IS NOT NULL{f})", t
    if fn == "corr":
        yd = cast_sql(args[1].sql, arg_types[1], "double")
        both = f"{xd} IS NOT NULL AND {yd} IS NOT NULL{f}"
        # Null, not NaN, when a value is infinite or NaN (dsw's behaviour, undocumented).
        sql = (f"(CASE WHEN count(*) FILTER (WHERE {both}) < 2 "
               f"OR count(*) FILTER (WHERE NOT (isfinite({xd}) AND isfinite({yd})) AND "
               f"{both}) > 0 "
               f"OR var_pop({xd}) FILTER (WHERE {both}) = 0 "
               f"OR var_pop({yd}) FILTER (WHERE {both}) = 0 "
               f"THEN NULL ELSE greatest(-1, least(1, corr({xd}, {yd}) FILTER (WHERE {both}))) "
               f"END)")
        return dsw, sql, "double"
    raise ValueError(fn)


AGG_ARG_TYPES = {
    "count": ALL_TYPES, "count_distinct": ALL_TYPES, "sum": ("int", "double", "bool"),
    "mean": ("int", "double", "bool"), "min": ALL_TYPES, "max": ALL_TYPES,
    "median": NUMERIC, "quantile": NUMERIC, "stddev": NUMERIC, "variance": NUMERIC,
    "first": ALL_TYPES, "last": ALL_TYPES, "corr": NUMERIC}
AGG_RESULT = {"count": "int", "count_distinct": "int", "count_if": "int", "mean": "double",
              "median": "double", "quantile": "double", "stddev": "double",
              "variance": "double", "corr": "double"}


class AggregateGen(ExprGen):
    """Expressions whose leaves are aggregates over the input (or literals)."""

    def __init__(self, rng, schema, options, wrap=None):
        super().__init__(rng, schema, options)
        self.wrap = wrap  # turns an aggregate Expr into a reference (window steps)

    def aggregate(self, want=None):
        """One aggregate call, of result type `want` when given."""
        r = self.rng
        arg_gen = ExprGen(r, self.schema, self.options)
        for _ in range(40):
            fn = r.choice(["count", "count", "count_distinct", "count_if", "sum", "sum", "mean",
                           "min", "max", "median", "quantile", "stddev", "variance", "first",
                           "last", "corr"])
            if fn == "count" and r.random() < 0.5:
                dsw, sql, t = aggregate_call("count", [], [])
            elif fn == "count_if":
                c = arg_gen.gen("bool", 1)
                dsw, sql, t = aggregate_call(fn, [c], ["bool"])
            else:
                types = [t for t in AGG_ARG_TYPES[fn] if arg_gen.columns(t)]
                if not types:
                    continue
                arg_type = r.choice(types)
                computed = r.random() < 0.25
                x = arg_gen.gen(arg_type, 1) if computed else arg_gen.pick_column(arg_type)
                args = [x]
                if fn == "quantile":
                    args.append(literal(r.choice([0.0, 0.1, 0.25, 0.5, 0.75, 0.9, 1.0]),
                                        "double"))
                if fn == "corr":
                    args.append(arg_gen.pick_column(r.choice(
                        [t for t in NUMERIC if arg_gen.columns(t)])))
                dsw, sql, t = aggregate_call(fn, args, [a.type for a in args])
                if fn in ("min", "max", "first", "last"):
                    t = x.type
            if want is not None and t != want:
                continue
            expr = Expr(dsw, sql, t, err=True)
            expr.agg = True
            return self.wrap(expr) if self.wrap else expr
        return None

    def leaf(self, type_name, null_ok=False):
        if self.rng.random() < 0.85:
            expr = self.aggregate(type_name)
            if expr is not None:
                return expr
        return self.literal(type_name, allow_null=False)

    def make_int(self):
        return [(self.arith_int, 4), (self.floordiv, 1), (self.mod_int, 1), (self.abs_int, 1)]

    def make_double(self):
        # No round, floor or ceil: they would magnify the last-bit differences of means,
        # deviations and correlations between two correct engines.
        return [(self.arith_double, 4), (self.divide, 3)]

    def make_bool(self):
        return [(self.compare, 1)]

    def make_string(self):
        # Not concat: it would print doubles that engines round differently in the last bit.
        return [(self.case_fn, 1)]

    def make_date(self):
        return [(self.trunc, 1)]

    def make_timestamp(self):
        return [(self.trunc, 1)]

    def item(self):
        """An aggregate item: a plain aggregate, or an expression over aggregates."""
        if self.rng.random() < 0.7:
            expr = self.aggregate()
            if expr is not None:
                return expr
        for _ in range(10):
            expr = self.gen(self.rng.choice(["int", "double", "double", "bool", "string"]), 1)
            if self.uses_aggregate(expr):
                return expr
        return self.aggregate()

    @staticmethod
    def uses_aggregate(expr):
        return "FILTER (WHERE" in expr.sql or "pa.__a" in expr.sql


# ---- steps ---------------------------------------------------------------


def columns_sql(schema, prefix=""):
    return ", ".join(prefix + qi(n) for n, _ in schema)


class Step:
    preserves_schema = False

    def schema(self, schema_in, tables):
        return schema_in

    def refs(self):
        return set()


class Filter(Step):
    preserves_schema = True

    def __init__(self, pred):
        self.pred = pred

    def dsw(self, names):
        return f"filter {self.pred.dsw}"

    def sql(self, prev, schema_in, tables, names, ctx):
        return f"SELECT * FROM {prev} WHERE {self.pred.sql}"


class Select(Step):
    def __init__(self, items):
        self.items = items  # (name, Expr): a bare column when expr.dsw == name

    def dsw(self, names):
        return "select " + ", ".join(n if e.dsw == n else f"{n} = {e.dsw}" for n, e in self.items)

    def schema(self, schema_in, tables):
        return [(n, e.type) for n, e in self.items]

    def sql(self, prev, schema_in, tables, names, ctx):
        return ("SELECT " + ", ".join(f"{e.sql} AS {qi(n)}" for n, e in self.items)
                + f", __o FROM {prev}")


class Derive(Step):
    def __init__(self, items):
        self.items = items

    def dsw(self, names):
        return "derive " + ", ".join(f"{n} = {e.dsw}" for n, e in self.items)

    def schema(self, schema_in, tables):
        schema = list(schema_in)
        for name, expr in self.items:
            schema = replace_or_add(schema, name, expr.type)
        return schema

    def sql(self, prev, schema_in, tables, names, ctx):
        # One SELECT per item: each item sees the columns made before it.
        sql, schema = f"SELECT * FROM {prev}", list(schema_in)
        for index, (name, expr) in enumerate(self.items):
            if name in dict(schema):
                sql = (f"SELECT * REPLACE ({expr.sql} AS {qi(name)}) "
                       f"FROM ({sql}) AS d{index}")
            else:
                sql = f"SELECT *, {expr.sql} AS {qi(name)} FROM ({sql}) AS d{index}"
            schema = replace_or_add(schema, name, expr.type)
        return sql


def replace_or_add(schema, name, type_name):
    if name in dict(schema):
        return [(n, type_name if n == name else t) for n, t in schema]
    return schema + [(name, type_name)]


class Drop(Step):
    def __init__(self, names_):
        self.names = names_

    def dsw(self, names):
        return "drop " + ", ".join(self.names)

    def schema(self, schema_in, tables):
        return [(n, t) for n, t in schema_in if n not in self.names]

    def sql(self, prev, schema_in, tables, names, ctx):
        return f"SELECT * EXCLUDE ({', '.join(qi(n) for n in self.names)}) FROM {prev}"


class Rename(Step):
    def __init__(self, pairs):
        self.pairs = pairs  # (new, old)

    def dsw(self, names):
        return "rename " + ", ".join(f"{new} = {old}" for new, old in self.pairs)

    def schema(self, schema_in, tables):
        mapping = {old: new for new, old in self.pairs}
        return [(mapping.get(n, n), t) for n, t in schema_in]

    def sql(self, prev, schema_in, tables, names, ctx):
        mapping = {old: new for new, old in self.pairs}
        return ("SELECT " + ", ".join(f"{qi(n)} AS {qi(mapping.get(n, n))}" for n, _ in schema_in)
                + f", __o FROM {prev}")


class Aggregate(Step):
    def __init__(self, items, keys, unnamed=()):
        self.items = items  # (name, Expr over aggregates)
        self.keys = keys  # (name, Expr): a bare column when expr.dsw == name
        self.unnamed = set(unnamed)  # items written without a name: dsw names them

    def dsw(self, names):
        text = "aggregate " + ", ".join(e.dsw if n in self.unnamed else f"{n} = {e.dsw}"
                                        for n, e in self.items)
        if self.keys:
            text += " by " + ", ".join(n if e.dsw == n else f"{n} = {e.dsw}" for n, e in self.keys)
        return text

    def schema(self, schema_in, tables):
        return [(n, e.type) for n, e in self.keys] + [(n, e.type) for n, e in self.items]

    def sql(self, prev, schema_in, tables, names, ctx):
        aggs = ", ".join(f"{e.sql.replace(FILTER_TOKEN, '')} AS {qi(n)}" for n, e in self.items)
        if not self.keys:
            return f"SELECT {aggs}, 0 AS __o FROM {prev}"
        pre = ", ".join(f"{e.sql} AS __k{i}" for i, (_, e) in enumerate(self.keys))
        keys = ", ".join(f"__k{i} AS {qi(n)}" for i, (n, _) in enumerate(self.keys))
        group = ", ".join(f"__k{i}" for i in range(len(self.keys)))
        return (f"SELECT {keys}, {aggs}, min(__o) AS __o FROM (SELECT *, {pre} FROM {prev}) "
                f"GROUP BY {group}")


def order_sql(keys):
    """keys: (Expr, descending)."""
    return ", ".join(f"{e.sql} {'DESC' if d else 'ASC'} NULLS LAST" for e, d in keys)


class Sort(Step):
    preserves_schema = True

    def __init__(self, keys):
        self.keys = keys

    def dsw(self, names):
        return "sort " + ", ".join(("-" if d else "") + (e.dsw if not d else e.dsw)
                                   for e, d in self.keys)

    def sql(self, prev, schema_in, tables, names, ctx):
        # Keys are computed first: DuckDB refuses volatile expressions in a window's ORDER BY.
        keys = ", ".join(f"{e.sql} AS __s{i}" for i, (e, _) in enumerate(self.keys))
        order = ", ".join(f"__s{i} {'DESC' if d else 'ASC'} NULLS LAST"
                          for i, (_, d) in enumerate(self.keys))
        hidden = ", ".join(f"__s{i}" for i in range(len(self.keys)))
        return (f"SELECT * EXCLUDE (__o, {hidden}), row_number() OVER (ORDER BY {order}, __o) "
                f"AS __o FROM (SELECT *, {keys} FROM {prev})")


class Take(Step):
    preserves_schema = True

    def __init__(self, count):
        self.count = count

    def dsw(self, names):
        return f"take {self.count}"

    def sql(self, prev, schema_in, tables, names, ctx):
        return f"SELECT * FROM {prev} ORDER BY __o LIMIT {self.count}"


class Distinct(Step):
    preserves_schema = True

    def __init__(self, keys):
        self.keys = keys  # column names, or [] for whole rows

    def dsw(self, names):
        return "distinct" + (" " + ", ".join(self.keys) if self.keys else "")

    def sql(self, prev, schema_in, tables, names, ctx):
        keys = self.keys or [n for n, _ in schema_in]
        part = ", ".join(qi(k) for k in keys)
        return (f"SELECT * EXCLUDE (__r) FROM (SELECT *, row_number() OVER (PARTITION BY {part} "
                f"ORDER BY __o) AS __r FROM {prev}) WHERE __r = 1")


def right_name(name, taken):
    """dsw's name for a clashing right column: _right, then _right2, _right3, ..."""
    if name not in taken:
        return name
    candidate, number = name + "_right", 2
    while candidate in taken:
        candidate = f"{name}_right{number}"
        number += 1
    return candidate


class Join(Step):
    def __init__(self, kind, table, pairs, same_names):
        self.kind, self.table, self.pairs, self.same_names = kind, table, pairs, same_names

    def dsw(self, names):
        kind = "" if self.kind == "inner" and self.same_names else self.kind + " "
        on = ", ".join(l if self.same_names else f"{l} == {r}" for l, r in self.pairs)
        return f"join {kind}{names[self.table]} on {on}"

    def right_columns(self, schema_in, tables):
        keys = {r for _, r in self.pairs}
        taken = {n for n, _ in schema_in}
        out = []
        for name, type_name in tables[self.table]:
            if name in keys:
                continue
            new = right_name(name, taken)
            taken.add(new)
            out.append((name, new, type_name))
        return out

    def schema(self, schema_in, tables):
        if self.kind in ("semi", "anti"):
            return schema_in
        return schema_in + [(new, t) for _, new, t in self.right_columns(schema_in, tables)]

    def sql(self, prev, schema_in, tables, names, ctx):
        on = " AND ".join(f"l.{qi(a)} = r.{qi(b)}" for a, b in self.pairs)
        right = names[self.table]
        if self.kind in ("semi", "anti"):
            exists = "EXISTS" if self.kind == "semi" else "NOT EXISTS"
            return f"SELECT l.* FROM {prev} l WHERE {exists} (SELECT 1 FROM {right} r WHERE {on})"
        cols = ", ".join([f"l.{qi(n)}" for n, _ in schema_in]
                         + [f"r.{qi(old)} AS {qi(new)}"
                            for old, new, _ in self.right_columns(schema_in, tables)])
        join = "JOIN" if self.kind == "inner" else "LEFT JOIN"
        return (f"SELECT {cols}, row_number() OVER (ORDER BY l.__o, r.__o) AS __o "
                f"FROM {prev} l {join} {right} r ON {on}")


class Append(Step):
    def __init__(self, table):
        self.table = table

    def dsw(self, names):
        return f"append {names[self.table]}"

    def schema(self, schema_in, tables):
        out = [(n, widen(t, dict(tables[self.table]).get(n, t)) or t) for n, t in schema_in]
        have = {n for n, _ in schema_in}
        return out + [(n, t) for n, t in tables[self.table] if n not in have]

    def sql(self, prev, schema_in, tables, names, ctx):
        out = self.schema(schema_in, tables)
        left, right = dict(schema_in), dict(tables[self.table])

        def side(types):
            return ", ".join(cast_sql(qi(n), types[n], t) + f" AS {qi(n)}" if n in types
                             else f"{typed_null(t)} AS {qi(n)}" for n, t in out)
        return (f"SELECT * EXCLUDE (__src, __o), row_number() OVER (ORDER BY __src, __o) AS __o "
                f"FROM (SELECT {side(left)}, 0 AS __src, __o FROM {prev} UNION ALL "
                f"SELECT {side(right)}, 1 AS __src, __o FROM {names[self.table]})")


class Window(Step):
    def __init__(self, partition, order, items, aggs):
        self.partition = partition  # column names
        self.order = order  # (Expr, descending)
        self.items = items  # (name, Expr); SQL refers to pa."__aN" for partition aggregates
        self.aggs = aggs  # aggregate SQL (with FILTER_TOKEN) computed per partition

    def dsw(self, names):
        text = "window"
        if self.partition:
            text += " by " + ", ".join(self.partition)
        if self.order:
            text += " order " + ", ".join(("-" if d else "") + e.dsw for e, d in self.order)
        return text + " derive " + ", ".join(f"{n} = {e.dsw}" for n, e in self.items)

    def schema(self, schema_in, tables):
        schema = list(schema_in)
        for name, expr in self.items:
            schema = replace_or_add(schema, name, expr.type)
        return schema

    def sql(self, prev, schema_in, tables, names, ctx):
        out = self.schema(schema_in, tables)
        items = dict(self.items)
        cols = ", ".join(f"{items[n].sql} AS {qi(n)}" if n in items else f"w.{qi(n)}"
                         for n, _ in out)
        source = f"{prev} w"
        # Only the aggregates an item uses: the generator may have dropped some.
        used = [i for i in range(len(self.aggs))
                if any(re.search(rf"pa\.__a{i}\b", e.sql) for _, e in self.items)]
        if used:
            aggs = ", ".join(f"{self.aggs[i].replace(FILTER_TOKEN, '')} AS __a{i}" for i in used)
            if self.partition:
                keys = ", ".join(f"{qi(p)} AS __p{i}" for i, p in enumerate(self.partition))
                group = ", ".join(qi(p) for p in self.partition)
                on = " AND ".join(f"w.{qi(p)} IS NOT DISTINCT FROM pa.__p{i}"
                                  for i, p in enumerate(self.partition))
                source += (f" LEFT JOIN (SELECT {keys}, {aggs} FROM {prev} GROUP BY {group}) pa "
                           f"ON {on}")
            else:
                source += f" CROSS JOIN (SELECT {aggs} FROM {prev}) pa"
        return f"SELECT {cols}, w.__o FROM {source}"

    def over(self, ranking=False, running=False):
        parts = []
        if self.partition:
            parts.append("PARTITION BY " + ", ".join(f"w.{qi(p)}" for p in self.partition))
        order = order_sql(self.order)
        if ranking:
            parts.append("ORDER BY " + order)
        else:
            parts.append("ORDER BY " + (order + ", " if order else "") + "w.__o")
        if running:
            parts.append("ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW")
        return "OVER (" + " ".join(parts) + ")"


def pivot_suffix(value, type_name):
    """A value in a pivot column name: each character (grapheme) that is not a letter or
    a number becomes `_`; a character is judged by its first code point."""
    if value is None:
        return "null"
    text = plain_text(value, type_name)
    return "".join(g if g[0].isalpha() or g[0].isnumeric() else "_" for g in graphemes(text))


class Pivot(Step):
    def __init__(self, column, name, agg, keys):
        self.column, self.name, self.agg, self.keys = column, name, agg, keys
        self.values = None  # filled in at compile time, from the data

    def dsw(self, names):
        text = f"pivot {self.column} ({self.name} = {self.agg.dsw})"
        return text + (" by " + ", ".join(self.keys) if self.keys else "")

    def value_columns(self, schema_in):
        taken = set(self.keys)
        type_name = dict(schema_in)[self.column]
        out = []
        for value in self.values:
            name = f"{self.name}_{pivot_suffix(value, type_name)}"
            while name in taken:
                name += "_"
            taken.add(name)
            out.append((value, name))
        return out

    def schema(self, schema_in, tables):
        types = dict(schema_in)
        keys = [(k, types[k]) for k in self.keys]
        if self.values is None:
            return keys  # unknown until compiled; nothing may follow a pivot
        return keys + [(n, self.agg.type) for _, n in self.value_columns(schema_in)]

    def sql(self, prev, schema_in, tables, names, ctx):
        type_name = dict(schema_in)[self.column]
        probe = qi(self.column)
        if type_name == "date":
            probe = f"CAST({probe} - DATE '1970-01-01' AS BIGINT)"
        rows = ctx.fetch(f"SELECT DISTINCT {probe} FROM {prev}")
        self.values = sorted((r[0] for r in rows),
                             key=lambda v: (v is None, v if v is not None else 0))
        cols = []
        for value, name in self.value_columns(schema_in):
            if value is None:
                cond = f" AND {qi(self.column)} IS NULL"
            else:
                cond = f" AND {qi(self.column)} = {literal(value, type_name).sql}"
            cols.append(f"{self.agg.sql.replace(FILTER_TOKEN, cond)} AS {qi(name)}")
        keys = ", ".join(qi(k) for k in self.keys)
        select = ", ".join(([keys] if self.keys else []) + cols)
        if not self.keys:
            if not cols:
                ctx.skip = "pivot without keys of an empty input has no columns"
                return f"SELECT 0 AS __o FROM {prev} WHERE FALSE"
            return f"SELECT {select}, 0 AS __o FROM {prev}"
        return f"SELECT {select}, min(__o) AS __o FROM {prev} GROUP BY {keys}"
