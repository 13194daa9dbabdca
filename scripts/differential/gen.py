"""Random pipelines over a batch's tables, and TLP checks."""

import re

from exprs import NUMERIC, TEMPORAL, Expr, ExprGen, cast_sql, literal, qi, widen
from pipeline import (Aggregate, AggregateGen, Append, Derive, Distinct, Drop, Filter, Join,
                      Pivot, Rename, Select, Sort, Take, Window)


class Query:
    """A pipeline: `from SOURCE | step | ...`, over logical table names."""

    def __init__(self, source, steps):
        self.source, self.steps = source, steps

    def dsw(self, names):
        return " | ".join([f"from {names[self.source]}"] + [s.dsw(names) for s in self.steps])

    def tables(self):
        used = [self.source] + [s.table for s in self.steps if isinstance(s, (Join, Append))]
        return sorted(set(used))

    def compile(self, con, names, tables):
        """(SQL, output schema, skip reason) against DuckDB tables `names`."""
        ctx = CompileContext(con)
        ctes = [f"s0 AS (SELECT * FROM {names[self.source]})"]
        schema = tables[self.source]
        for index, step in enumerate(self.steps):
            ctx.prefix = "WITH " + ", ".join(ctes) + " "
            ctes.append(f"s{index + 1} AS ({step.sql(f's{index}', schema, tables, names, ctx)})")
            schema = step.schema(schema, tables)
        cols = ", ".join(qi(n) for n, _ in schema) or "NULL AS __none"
        sql = f"WITH {', '.join(ctes)} SELECT {cols} FROM s{len(self.steps)} ORDER BY __o"
        return sql, schema, ctx.skip

    def size(self):
        return len(self.dsw({t: t for t in ("t1", "t2", "t3")}))


class CompileContext:
    def __init__(self, con):
        self.con, self.prefix, self.skip = con, "", None

    def fetch(self, sql):
        return self.con.execute(self.prefix + sql).fetchall()


class TLPCheck:
    """filter p, filter not p and filter p is null partition the rows of a table.

    Each part is aggregated (count, sum, min, max) and made distinct; the parts
    must add up to the whole, and the whole must agree with DuckDB.
    """

    def __init__(self, source, prefix, pred, sum_col, ext_col):
        self.source, self.prefix, self.pred = source, prefix, pred
        self.sum_col, self.ext_col = sum_col, ext_col

    def tables(self):
        return [self.source]

    def queries(self):
        """The eight dsw pipelines: (aggregate, distinct) for whole, p, not p, p is null."""
        parts = [None, Filter(self.pred),
                 Filter(Expr(f"not {self.pred.atom()}", f"(NOT {self.pred.sql})", "bool")),
                 Filter(Expr(f"{self.pred.atom()} is null", f"({self.pred.sql} IS NULL)",
                             "bool"))]
        out = []
        for part in parts:
            steps = list(self.prefix) + ([part] if part else [])
            s, x = self.sum_col, self.ext_col
            items = [("n", Expr("count()", "count(*) FILTER (WHERE TRUE\u27eaF\u27eb)", "int")),
                     ("s", Expr(f"sum({s.dsw})", f"sum({s.sql}) FILTER (WHERE TRUE\u27eaF\u27eb)",
                                "double")),
                     ("lo", Expr(f"min({x.dsw})", f"min({x.sql}) FILTER (WHERE TRUE\u27eaF\u27eb)",
                                 x.type)),
                     ("hi", Expr(f"max({x.dsw})", f"max({x.sql}) FILTER (WHERE TRUE\u27eaF\u27eb)",
                                 x.type))]
            out.append(Query(self.source, steps + [Aggregate(items, [])]))
            out.append(Query(self.source, steps + [Distinct([])]))
        return out

    def size(self):
        return self.queries()[2].size()

    def dsw(self, names):
        return self.queries()[2].dsw(names)


class PipelineGen:
    STEP_WEIGHTS = {"filter": 5, "select": 2, "derive": 4, "drop": 1, "rename": 1,
                    "aggregate": 4, "sort": 3, "take": 2, "distinct": 2, "join": 3,
                    "append": 1, "window": 3, "pivot": 1}

    def __init__(self, rng, tables, options):
        self.rng, self.tables, self.options = rng, tables, options
        self.counter = 0
        self.inexact = set()

    def fresh(self, prefix="c"):
        self.counter += 1
        return f"{prefix}{self.counter}"

    def exprs(self, schema):
        return ExprGen(self.rng, schema, self.options)

    def query(self):
        r = self.rng
        self.counter = 0
        self.inexact = set()
        source = r.choices(["t1", "t2", "t3"], [6, 2, 2])[0]
        schema = self.tables[source]
        steps = []
        for _ in range(r.choice([1, 1, 2, 2, 3, 3, 4, 5])):
            kinds = list(self.STEP_WEIGHTS)
            kind = r.choices(kinds, [self.STEP_WEIGHTS[k] for k in kinds])[0]
            step = getattr(self, "make_" + kind)(schema)
            if step is None:
                continue
            steps.append(step)
            if isinstance(step, Pivot):
                break
            self.track_inexact(step)
            schema = step.schema(schema, self.tables)
        if not steps:
            steps.append(self.make_filter(schema))
        return Query(source, steps)

    def track_inexact(self, step):
        """Columns whose doubles two correct engines may round differently (means,
        quantiles, deviations, correlations): never keys, where such a difference would
        change rows rather than values."""
        def mentions(expr):
            return bool(set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", expr.dsw)) & self.inexact)
        if isinstance(step, Aggregate):
            self.inexact = ({n for n, e in step.keys if mentions(e)}
                            | {n for n, e in step.items if e.type == "double"})
        elif isinstance(step, (Window, Derive)):
            for name, expr in step.items:
                if mentions(expr) or (isinstance(step, Window) and expr.type == "double"):
                    self.inexact.add(name)
                else:
                    self.inexact.discard(name)
        elif isinstance(step, Select):
            self.inexact = {n for n, e in step.items if mentions(e)}
        elif isinstance(step, Rename):
            mapping = {old: new for new, old in step.pairs}
            self.inexact = {mapping.get(n, n) for n in self.inexact}

    def exact(self, schema):
        return [(n, t) for n, t in schema if n not in self.inexact]

    def tlp(self):
        r = self.rng
        source = r.choices(["t1", "t2", "t3"], [6, 2, 2])[0]
        schema = self.tables[source]
        prefix = []
        if r.random() < 0.3:
            step = self.make_derive(schema)
            prefix.append(step)
            schema = step.schema(schema, self.tables)
        eg = self.exprs(schema)
        pred = eg.gen("bool", r.randint(1, 3))
        nums = eg.columns("double") or eg.columns("int")
        sum_col = eg.column(r.choice(nums))
        ext_col = eg.column(r.choice([n for n, _ in schema]))
        return TLPCheck(source, prefix, pred, sum_col, ext_col)

    # ---- steps -------------------------------------------------------------

    def make_filter(self, schema):
        return Filter(self.exprs(self.exact(schema)).gen("bool", self.rng.randint(1, 3)))

    def make_select(self, schema):
        r = self.rng
        eg = self.exprs(schema)
        computed = self.exprs(self.exact(schema))  # expressions over exact columns only
        names = [n for n, _ in schema]
        chosen = r.sample(names, r.randint(1, len(names)))
        items, used = [], set()
        for name in chosen:
            out = self.fresh() if r.random() < 0.2 else name
            items.append((out, eg.column(name)))
            used.add(out)
        for _ in range(r.choice([0, 0, 1, 2])):
            t = r.choice(["int", "double", "bool", "string", "date", "timestamp"])
            item = (self.fresh(), computed.gen(t, r.randint(1, 3)))
            items.insert(r.randint(0, len(items)), item)
        return Select(items)

    def make_derive(self, schema):
        r = self.rng
        items, current = [], list(schema)
        for _ in range(r.choice([1, 1, 2, 3])):
            eg = self.exprs(self.exact(current))
            t = r.choice(["int", "double", "bool", "string", "date", "timestamp"])
            expr = eg.gen(t, r.randint(1, 3))
            existing = [n for n, _ in current if n not in {i for i, _ in items}]
            name = r.choice(existing) if existing and r.random() < 0.25 else self.fresh()
            items.append((name, expr))
            current = Derive([(name, expr)]).schema(current, self.tables)
        return Derive(items)

    def make_drop(self, schema):
        if len(schema) < 2:
            return None
        names = [n for n, _ in schema]
        return Drop(self.rng.sample(names, self.rng.randint(1, min(2, len(names) - 1))))

    def make_rename(self, schema):
        name = self.rng.choice([n for n, _ in schema])
        return Rename([(self.fresh("r"), name)])

    def make_aggregate(self, schema):
        r = self.rng
        eg = self.exprs(self.exact(schema))
        keys = []
        candidates = [n for n, t in self.exact(schema)] or [None]
        for _ in range(r.choice([0, 1, 1, 1, 2])):
            if r.random() < 0.12:
                t = r.choice(["int", "string", "date", "bool"])
                keys.append((self.fresh("k"), eg.gen(t, 1)))
            else:
                name = r.choice(candidates)
                if name is not None and name not in {n for n, _ in keys}:
                    keys.append((name, eg.column(name)))
        ag = AggregateGen(r, self.exact(schema), self.options)
        items, unnamed = [], set()
        taken = {n for n, _ in keys}
        for _ in range(r.choice([1, 1, 2, 3])):
            expr = ag.item()
            if expr is None:
                continue
            name = self.fresh("a")
            # `sum(v)` without a name is named `sum_v`; `quantile(v, 0.5)`, `quantile_v_0_5`.
            simple = re.fullmatch(r"([a-z_]+)\((\w*)(?:, ([0-9.]+))?\)", expr.dsw)
            if simple and r.random() < 0.25:
                auto = "_".join(p.replace(".", "_") for p in simple.groups() if p)
                if auto not in taken:
                    name = auto
                    unnamed.add(auto)
            taken.add(name)
            items.append((name, expr))
        return Aggregate(items, keys, unnamed) if items else None

    def make_sort(self, schema):
        r = self.rng
        schema = self.exact(schema)
        if not schema:
            return None
        eg = self.exprs(schema)
        keys = []
        for _ in range(r.choice([1, 1, 2, 3])):
            if r.random() < 0.15:
                key = eg.gen(r.choice(["int", "double", "string"]), 1)
                if key.dsw.startswith("-"):  # `sort -x` is x descending, not minus x
                    key = Expr(f"({key.dsw})", key.sql, key.type, err=key.err)
                keys.append((key, False))
            else:
                keys.append((eg.column(r.choice([n for n, _ in schema])), r.random() < 0.4))
        return Sort(keys)

    def make_take(self, schema):
        return Take(self.rng.choice([0, 1, 2, 3, 5, 8, 20]))

    def make_distinct(self, schema):
        r = self.rng
        if r.random() < 0.5 and len(self.exact(schema)) == len(schema):
            return Distinct([])
        names = [n for n, _ in self.exact(schema)]
        if not names:
            return None
        return Distinct(r.sample(names, r.randint(1, min(2, len(names)))))

    def make_join(self, schema):
        r = self.rng
        table = r.choice(["t1", "t2", "t3"])
        right = self.tables[table]
        kind = r.choice(["inner", "inner", "left", "left", "semi", "anti"])
        schema = self.exact(schema)
        same = [(n, n) for n, t in schema if n in dict(right) and widen(t, dict(right)[n])]
        if same and r.random() < 0.7:
            same.sort(key=lambda p: p[0] != "k")
            count = 1 if r.random() < 0.8 or len(same) < 2 else 2
            pairs = same[:1] + r.sample(same[1:], count - 1) if same[0][0] == "k" and \
                r.random() < 0.7 else r.sample(same, count)
            return Join(kind, table, pairs, True)
        pairs = [(a, b) for a, ta in schema for b, tb in right if widen(ta, tb)]
        if not pairs:
            return None
        return Join(kind, table, [r.choice(pairs)], False)

    def make_append(self, schema):
        table = self.rng.choice(["t1", "t2", "t3"])
        right = dict(self.tables[table])
        for name, type_name in schema:
            if name in right and widen(type_name, right[name]) is None:
                return None
        return Append(table)

    def make_window(self, schema):
        r = self.rng
        names = [n for n, _ in schema]
        exact = [n for n, _ in self.exact(schema)]
        partition = r.sample(exact, min(len(exact), r.choice([0, 1, 1, 2]))) \
            if len(names) > 1 else []
        eg = self.exprs(schema)
        order = [(eg.column(n), r.random() < 0.4)
                 for n in r.sample(exact, min(len(exact), r.choice([0, 1, 1, 2])))]
        step = Window(partition, order, [], [])
        wg = WindowGen(r, schema, self.options, step)
        items, taken = [], set()
        for _ in range(r.choice([1, 1, 2, 3])):
            expr = wg.item()
            if expr is None:
                continue
            existing = [n for n in names if n not in partition and n not in taken]
            name = r.choice(existing) if existing and r.random() < 0.15 else self.fresh("w")
            taken.add(name)
            items.append((name, expr))
        if not items:
            return None
        step.items, step.aggs = items, wg.aggs
        return step

    def make_pivot(self, schema):
        r = self.rng
        columns = [n for n, t in self.exact(schema) if t in ("string", "int", "bool", "date")]
        if not columns:
            return None
        column = r.choice(columns)
        others = [n for n, _ in self.exact(schema) if n != column]
        keys = r.sample(others, min(len(others), r.choice([0, 1, 1, 2])))
        agg = AggregateGen(r, self.exact(schema), self.options).aggregate()
        if agg is None:
            return None
        return Pivot(column, self.fresh("p"), agg, keys)


class WindowGen(ExprGen):
    """Window items: window functions, partition aggregates, and expressions mixing
    them with the row's columns."""

    def __init__(self, rng, schema, options, step):
        super().__init__(rng, schema, options)
        self.step = step
        self.aggs = []
        self.agg_gen = AggregateGen(rng, schema, options, wrap=self.wrap_aggregate)

    def wrap_aggregate(self, expr):
        self.aggs.append(expr.sql)
        wrapped = Expr(expr.dsw, f"pa.__a{len(self.aggs) - 1}", expr.type, err=True)
        wrapped.window = True
        return wrapped

    def function(self, want=None):
        r = self.rng
        ordered = bool(self.step.order)
        for _ in range(30):
            fn = r.choice(["row_number", "rank", "dense_rank", "ntile", "lag", "lead",
                           "running_sum", "running_count", "running_mean", "aggregate",
                           "aggregate"])
            if not ordered and fn not in ("row_number", "aggregate"):
                continue
            expr = self.function_call(fn, want)
            if expr is not None and (want is None or expr.type == want):
                expr.window = True
                return expr
        return None

    def function_call(self, fn, want):
        r, step = self.rng, self.step
        if fn == "aggregate":
            return self.agg_gen.aggregate(want)
        if fn in ("row_number", "rank", "dense_rank"):
            over = step.over(ranking=fn != "row_number")
            return Expr(f"{fn}()", f"{fn}() {over}", "int")
        if fn == "ntile":
            n = r.choice([1, 2, 3, 4, 9])
            return Expr(f"ntile({n})", f"ntile({n}) {step.over()}", "int")
        if fn in ("lag", "lead"):
            t = want or r.choice(["int", "double", "string", "date", "bool", "timestamp"])
            x = self.pick_column(t)
            if x is None:
                return None
            if r.random() < 0.5:
                return Expr(f"{fn}({x.dsw})", f"{fn}({x.sql}) {step.over()}", x.type)
            n = r.choice([0, 1, 2, 3])
            return Expr(f"{fn}({x.dsw}, {n})", f"{fn}({x.sql}, {n}) {step.over()}", x.type)
        if fn == "running_count":
            return Expr("running_count()", f"count(*) {step.over(running=True)}", "int")
        x = self.pick_column(r.choice(NUMERIC))
        if x is None:
            return None
        over = step.over(running=True)
        if fn == "running_sum":
            if x.type == "int":
                return Expr(f"running_sum({x.dsw})", f"CAST(sum({x.sql}) {over} AS BIGINT)",
                            "int", err=True)
            return Expr(f"running_sum({x.dsw})", f"sum({x.sql}) {over}", "double")
        return Expr(f"running_mean({x.dsw})",
                    f"avg({cast_sql(x.sql, x.type, 'double')}) {over}", "double")

    def leaf(self, type_name, null_ok=False):
        if self.rng.random() < 0.6:
            expr = self.function(type_name)
            if expr is not None:
                return expr
        return super().leaf(type_name)

    def make_int(self):
        return [(self.arith_int, 3), (self.floordiv, 1)]

    def make_double(self):
        return [(self.arith_double, 3), (self.divide, 3)]

    def make_bool(self):
        return [(self.compare, 1)]

    def make_string(self):
        return [(self.concat, 1)]

    def make_date(self):
        return [(self.date_add, 1)]

    def make_timestamp(self):
        return [(self.date_add, 1)]

    def item(self):
        if self.rng.random() < 0.7:
            return self.function()
        for _ in range(10):
            expr = self.gen(self.rng.choice(["int", "double", "double", "bool"]), 1)
            if "OVER (" in expr.sql or "pa.__a" in expr.sql:
                return expr
        return self.function()
