#!/usr/bin/env python3
"""Differential testing of dsw against DuckDB.

Generates random small tables and random pipelines over the whole query
language, runs each pipeline in dsw (hundreds of cells per headless notebook)
and as equivalent SQL in DuckDB (the SQL spells out dsw's documented
semantics), and compares the answers. Also runs TLP checks: the rows of
`filter p`, `filter not p` and `filter p is null` make up the whole table.

    python3 scripts/differential/run.py --seed 1 --queries 10000

Mismatches are shrunk (fewer rows, columns and steps) and written, smallest
first, to a report in --out. Exit status 1 when any mismatch is not a recorded bug
(bugs.py).
"""

import argparse
import math
import os
import random
import re
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import bugs  # noqa: E402
from compare import compare, same_value  # noqa: E402
from data import DataGenerator, Table  # noqa: E402
from engines import DswRun, DuckSide, Result  # noqa: E402
from gen import PipelineGen, Query, TLPCheck  # noqa: E402
from pipeline import Append, Distinct, Filter, Join, Sort, Take  # noqa: E402

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

class Case:
    """A check over its own tables: a pipeline (compared with DuckDB) or a TLP check."""

    def __init__(self, tables, check):
        self.tables = tables  # logical name -> Table
        self.check = check

    def queries(self):
        return self.check.queries() if isinstance(self.check, TLPCheck) else [self.check]

    def size(self):
        used = self.check.tables()
        return (self.check.size(), sum(len(self.tables[t].rows) * len(self.tables[t].columns)
                                       for t in used))


class Outcome:
    def __init__(self, kind, detail, dsw=None, duck=None, sql=None):
        self.kind, self.detail, self.dsw, self.duck, self.sql = kind, detail, dsw, duck, sql

    @property
    def passed(self):
        return self.kind in ("pass", "skip")


class Runner:
    def __init__(self, dsw, workdir, timeout=600):
        self.dsw, self.workdir, self.timeout = dsw, workdir, timeout
        self.duck = DuckSide()
        self.runs = 0

    def run_cases(self, cases, shared=False):
        """Outcomes of `cases`; with `shared`, all cases use the same tables."""
        physical, cells, names_of = {}, [], []
        for index, case in enumerate(cases):
            prefix = "" if shared else f"c{index}_"
            names = {logical: prefix + logical for logical in case.tables}
            names_of.append(names)
            for logical, table in case.tables.items():
                physical[names[logical]] = Table(names[logical], table.columns, table.rows)
            for number, query in enumerate(case.queries()):
                cells.append((f"{index:05d}{number:03d}", query.dsw(names)))
        self.runs += 1
        folder = os.path.join(self.workdir, f"run{self.runs}")
        os.makedirs(folder)
        dsw_run = DswRun(self.dsw, folder, list(physical.values()), cells, self.timeout)
        self.duck.load(physical.values())
        duck_answers = []
        for index, case in enumerate(cases):
            tables = {names_of[index][l]: t.columns for l, t in case.tables.items()}
            tables.update({l: t.columns for l, t in case.tables.items()})
            duck_answers.append(self.duck_side(case, names_of[index]))
        dsw_answers = dsw_run.wait()
        self.duck.drop(physical)
        shutil.rmtree(folder, ignore_errors=True)
        outcomes = []
        for index, case in enumerate(cases):
            dsw = [dsw_answers[f"{index:05d}{n:03d}"] for n in range(len(case.queries()))]
            outcomes.append(self.judge(case, dsw, duck_answers[index]))
        return outcomes

    def duck_side(self, case, names):
        columns = {l: t.columns for l, t in case.tables.items()}
        if isinstance(case.check, TLPCheck):
            queries = case.check.queries()
            # whole aggregate, whole distinct, and `filter p` (to see whether p errors)
            return [self.duck.run(queries[i], names, columns) for i in (0, 1, 2)]
        return [self.duck.run(case.check, names, columns)]

    def judge(self, case, dsw, duck):
        if isinstance(case.check, TLPCheck):
            return judge_tlp(dsw, duck)
        (answer, sql), mine = duck[0], dsw[0]
        if answer is None:
            return Outcome("skip", "", mine, None, sql)
        kind, detail = compare(mine, answer)
        return Outcome(kind, detail, mine, answer, sql)


def judge_tlp(dsw, duck):
    """The eight dsw answers against each other and the whole against DuckDB."""
    (whole_agg, sql), (whole_distinct, _), (part_agg, _) = duck
    for answer in dsw:
        if answer.crash:
            return Outcome("dsw_crash", answer.error, answer, None, sql)
    kind, detail = compare(dsw[0], whole_agg)
    if kind != "pass":
        return Outcome("tlp_whole_" + kind, detail, dsw[0], whole_agg, sql)
    kind, detail = compare(dsw[1], whole_distinct)
    if kind not in ("pass", "order"):
        return Outcome("tlp_whole_distinct_" + kind, detail, dsw[1], whole_distinct, sql)
    parts = dsw[2::2]
    errors = [p.error for p in parts + dsw[3::2] if p.error is not None]
    if errors:
        if part_agg.error is not None and dsw[0].error is None:
            return Outcome("pass", "the predicate errors in both")
        if dsw[0].error is not None:
            return Outcome("pass", "the table's sum errors in both")
        return Outcome("tlp_part_error", errors[0], parts[0], part_agg, sql)
    if dsw[0].error is not None:
        return Outcome("pass", "both error")
    whole = dsw[0].rows[0]
    rows = [p.rows[0] for p in parts]
    count = sum(r[0] for r in rows)
    if count != whole[0]:
        return Outcome("tlp_count", f"{count} rows in the parts, {whole[0]} in the whole",
                       dsw[0], whole_agg, sql)
    sums = [r[1] for r in rows if r[1] is not None]
    try:
        total = math.fsum(sums) if sums else None
    except OverflowError:
        total = sum(sums)
    # Doubles do not add associatively: allow for the rounding of the partial sums.
    scale = sum(abs(s) for s in sums if math.isfinite(s)) + abs(whole[1] or 0)
    close = (total is not None and whole[1] is not None and math.isfinite(scale)
             and abs(total - whole[1]) <= 1e-9 * scale + 1e-9)
    if not same_value(total, whole[1]) and not close:
        return Outcome("tlp_sum", f"parts sum to {total}, whole is {whole[1]}", dsw[0],
                       whole_agg, sql)
    for column, pick in ((2, min), (3, max)):
        values = [r[column] for r in rows if r[column] is not None]
        expected = pick(values, key=extreme_key) if values else None
        if not same_value(expected, whole[column]):
            name = "min" if pick is min else "max"
            return Outcome(f"tlp_{name}", f"parts give {expected!r}, whole {whole[column]!r}",
                           dsw[0], whole_agg, sql)
    union = {hashable(r) for p in dsw[3::2] for r in p.rows}
    whole_set = {hashable(r) for r in dsw[1].rows}
    if union != whole_set:
        return Outcome("tlp_distinct", f"{len(union)} distinct rows in the parts, "
                       f"{len(whole_set)} in the whole", dsw[1], whole_distinct, sql)
    return Outcome("pass", "")


def extreme_key(value):
    if isinstance(value, float) and math.isnan(value):
        return (1, 0.0)
    return (0, value)


def hashable(row):
    return tuple("NaN" if isinstance(v, float) and math.isnan(v) else
                 (0.0 if isinstance(v, float) and v == 0 else v) for v in row)


# ---- shrinking ---------------------------------------------------------------


def signature(outcome):
    """What a smaller case must keep to count as the same failure."""
    detail = outcome.detail if outcome.kind in ("dsw_error", "duckdb_error") else ""
    return outcome.kind, detail


def referenced(case):
    text = " ".join(q.dsw({t: t for t in case.tables}) for q in case.queries())
    return set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", text))


def candidates(case):
    """Smaller variants of a case: fewer steps, items, rows or columns."""
    out = []
    check = case.check
    if isinstance(check, Query):
        steps = check.steps
        for cut in range(len(steps) - 1, 0, -1):
            out.append(Case(case.tables, Query(check.source, steps[:cut])))
        for index, step in enumerate(steps):
            if step.preserves_schema and len(steps) > 1:
                out.append(Case(case.tables, Query(check.source,
                                                   steps[:index] + steps[index + 1:])))
        for index, step in enumerate(steps):
            items = getattr(step, "items", None)
            if items and len(items) > 1:
                for drop in range(len(items)):
                    clone = shallow_copy(step)
                    clone.items = items[:drop] + items[drop + 1:]
                    out.append(Case(case.tables, Query(check.source, steps[:index] + [clone]
                                                       + steps[index + 1:])))
    used = set(check.tables())
    names = referenced(case)
    for logical in sorted(used):
        table = case.tables[logical]
        uses_all = isinstance(check, TLPCheck) or any(
            isinstance(s, (Distinct, Append, Join)) for s in getattr(check, "steps", []))
        for column, _ in table.columns:
            if column not in names or (uses_all and False):
                smaller = table.subset(columns={n for n, _ in table.columns if n != column})
                if smaller.columns and smaller.is_loadable():
                    out.append(Case(dict(case.tables, **{logical: smaller}), check))
        for row in range(len(table.rows)):
            smaller = table.subset(rows=[i for i in range(len(table.rows)) if i != row])
            if smaller.is_loadable():
                out.append(Case(dict(case.tables, **{logical: smaller}), check))
    # unused tables: one row each, keeps the notebook small
    return out


def shallow_copy(step):
    clone = object.__new__(type(step))
    clone.__dict__.update(step.__dict__)
    return clone


def prune_tables(case):
    used = set(case.check.tables())
    return Case({l: t for l, t in case.tables.items() if l in used}, case.check)


def shrink(runner, case, outcome, budget_seconds=60):
    """Greedy: keep taking the first smaller variant that fails the same way."""
    case = prune_tables(case)
    wanted = signature(outcome)
    deadline = time.monotonic() + budget_seconds
    while time.monotonic() < deadline:
        options = candidates(case)
        if not options:
            break
        results = runner.run_cases(options[:400])
        for option, result in zip(options, results):
            if not result.passed and signature(result) == wanted:
                case, outcome = option, result
                break
        else:
            break
    return case, outcome


# ---- reporting ---------------------------------------------------------------


def describe(case, outcome, number):
    names = {t: t for t in case.tables}
    lines = [f"## {number}. {outcome.kind}: {outcome.detail}", ""]
    for logical in case.check.tables():
        lines += [f"{logical}.csv:", "```", case.tables[logical].csv().rstrip("\n"), "```"]
    lines += ["dsw:", "```"] + [q.dsw(names) for q in case.queries()] + ["```"]
    if outcome.sql:
        lines += ["SQL (DuckDB):", "```", outcome.sql, "```"]
    if outcome.dsw is not None:
        lines += ["dsw answer:", "```", outcome.dsw.text(), "```"]
    if outcome.duck is not None:
        lines += ["DuckDB answer:", "```", outcome.duck.text(), "```"]
    return "\n".join(lines) + "\n"


def default_dsw():
    for candidate in (os.path.join(REPO, ".build", "release", "dsw"),
                      os.path.join(REPO, ".build", "debug", "dsw")):
        if os.path.exists(candidate):
            return candidate
    return shutil.which("dsw") or "dsw"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--queries", type=int, default=1000, help="checks to run")
    parser.add_argument("--dsw", default=None, help="the dsw executable (.build/release/dsw)")
    parser.add_argument("--out", default=os.path.join(REPO, "differential-out"),
                        help="folder for the report")
    parser.add_argument("--batch", type=int, default=500, help="checks per dsw process")
    parser.add_argument("--tlp", type=float, default=0.1, help="share of TLP checks")
    parser.add_argument("--include-known", action="store_true",
                        help="also generate the bugs reported elsewhere (see bugs.py)")
    parser.add_argument("--include-found", action="store_true",
                        help="also generate the differences this check found (see bugs.py)")
    parser.add_argument("--no-shrink", action="store_true")
    parser.add_argument("--shrink-limit", type=int, default=40,
                        help="mismatches to shrink (the rest are reported as found)")
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args(argv)

    dsw = os.path.abspath(args.dsw) if args.dsw else default_dsw()
    os.makedirs(args.out, exist_ok=True)
    scratch_root = "/dev/shm" if os.path.isdir("/dev/shm") else None
    workdir = tempfile.mkdtemp(prefix="dsw-differential-", dir=scratch_root)
    options = {"avoid_known": bugs.avoided(args.include_known, args.include_found)}
    runner = Runner(dsw, workdir)
    started = time.monotonic()
    failures, passed, skipped, checks_done, tlp_done, both_errors = [], 0, 0, 0, 0, 0
    try:
        batch = 0
        while checks_done < args.queries:
            rng = random.Random(f"{args.seed}:{batch}")
            tables = {t.name: t for t in DataGenerator(rng, options).world()}
            gen = PipelineGen(rng, {n: t.columns for n, t in tables.items()}, options)
            count = min(args.batch, args.queries - checks_done)
            cases = [Case(tables, gen.tlp() if rng.random() < args.tlp else gen.query())
                     for _ in range(count)]
            for case, outcome in zip(cases, runner.run_cases(cases, shared=True)):
                if isinstance(case.check, TLPCheck):
                    tlp_done += 1
                if outcome.kind == "skip":
                    skipped += 1
                if outcome.detail == "both error":
                    both_errors += 1
                if outcome.passed:
                    passed += 1
                else:
                    failures.append((case, outcome))
            checks_done += count
            batch += 1
            if not args.quiet:
                print(f"\r{checks_done}/{args.queries} checks, {len(failures)} failed, "
                      f"{time.monotonic() - started:.0f}s", end="", file=sys.stderr, flush=True)
        if not args.quiet:
            print(file=sys.stderr)
        report, unexplained = write_report(args, runner, failures)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    elapsed = time.monotonic() - started
    print(f"seed {args.seed}: {checks_done} checks ({tlp_done} TLP, {skipped} skipped, "
          f"{both_errors} where both engines fail) in "
          f"{elapsed:.0f}s; {len(failures) - unexplained} failures are recorded bugs, "
          f"{unexplained} new; report {report}")
    print(f"{passed} passed, {len(failures)} failed")
    return 1 if unexplained else 0


def write_report(args, runner, failures):
    """Shrinks new failures and writes them smallest first; recorded bugs get one
    example each (the smallest)."""
    recorded, new = {}, []
    for case, outcome in failures:
        name = bugs.classify(case, outcome)
        if name is None:
            new.append((case, outcome))
        else:
            recorded.setdefault(name, []).append((case, outcome))
    new.sort(key=lambda item: item[0].size())
    shrunk = []
    for number, (case, outcome) in enumerate(new):
        if not args.no_shrink and number < args.shrink_limit:
            case, outcome = shrink(runner, case, outcome)
        shrunk.append((case, outcome))
    shrunk.sort(key=lambda item: item[0].size())
    path = os.path.join(args.out, f"report-seed{args.seed}.md")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(f"# dsw vs DuckDB, seed {args.seed}\n\n")
        handle.write(f"{len(failures)} failures: {len(new)} new, "
                     f"{len(failures) - len(new)} instances of recorded bugs.\n\n")
        for name, items in sorted(recorded.items()):
            origin, description, _, _ = bugs.BUGS[name]
            handle.write(f"- {name} ({origin}): {len(items)}; {description}\n")
        number = 0
        for case, outcome in shrunk:
            number += 1
            handle.write("\n" + describe(case, outcome, number))
        for name, items in sorted(recorded.items()):
            case, outcome = min(items, key=lambda item: item[0].size())
            number += 1
            outcome.detail += f" [recorded bug: {name}]"
            handle.write("\n" + describe(case, outcome, number))
    return path, len(new)


if __name__ == "__main__":
    sys.exit(main())
