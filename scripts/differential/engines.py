"""Running queries: many cells of one headless dsw notebook per process, and
the same queries in an in-process DuckDB."""

import datetime
import json
import os
import subprocess
import time

import duckdb

import sqlfuncs
from exprs import SQL_TYPE, qi, unmangle
from values import MICROS_PER_DAY, days_from_civil, read_export

EPOCH_DATE = datetime.date(1970, 1, 1)
EPOCH_TIMESTAMP = datetime.datetime(1970, 1, 1)


class Result:
    """An engine's answer: an error, or columns, types and rows."""

    def __init__(self, error=None, columns=None, types=None, rows=None, crash=False):
        self.error, self.columns, self.types, self.rows = error, columns, types, rows
        self.crash = crash

    def text(self, limit=40):
        if self.error is not None:
            return f"ERROR {self.error}"
        head = " | ".join(f"{c}:{t}" for c, t in zip(self.columns, self.types))
        lines = [head] + [" | ".join(show(v) for v in row) for row in self.rows[:limit]]
        if len(self.rows) > limit:
            lines.append(f"... {len(self.rows) - limit} more rows")
        return "\n".join(lines)


def show(value):
    if value is None:
        return "null"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value)


# ---- dsw -------------------------------------------------------------------


class DswRun:
    """One `dsw run` over a folder holding the batch's tables and cells."""

    def __init__(self, dsw, folder, tables, cells, timeout):
        self.dsw, self.folder, self.tables, self.timeout = dsw, folder, tables, timeout
        self.cells = cells  # [(cell id, dsw pipeline text)]
        self.results = {}
        os.makedirs(os.path.join(folder, "out"), exist_ok=True)
        for table in tables:
            with open(os.path.join(folder, table.name + ".csv"), "w", encoding="utf-8",
                      newline="") as handle:
                handle.write(table.csv())
        self.pending = list(cells)
        self.process = None
        self.start()

    def start(self):
        loads = [f'load "{t.name}.csv" as {t.name}' for t in self.tables]
        notebook = {"cells": [{"id": "loadtabl", "kind": "query", "source": loads}],
                    "dswnb": 1, "metadata": {"title": "differential"}}
        for cell_id, text in self.pending:
            notebook["cells"].append({"id": cell_id, "kind": "query", "source": [
                f"let q = {text}",
                f'export q to "out/{cell_id}.csv" (escape_formulas: false)',
                "from q | take 0"]})
        path = os.path.join(self.folder, "batch.dswnb")
        with open(path, "w", encoding="utf-8") as handle:
            json.dump(notebook, handle, ensure_ascii=False)
        self.stdout = open(os.path.join(self.folder, "stdout.jsonl"), "w+", encoding="utf-8")
        self.started = time.monotonic()
        self.process = subprocess.Popen(
            [self.dsw, "run", path, "--format", "json", "--allow-errors", "--color", "never"],
            stdout=self.stdout, stderr=subprocess.DEVNULL, cwd=self.folder)

    def wait(self):
        """Results by cell id; a crash or a hang is charged to the first silent cell."""
        while True:
            try:
                code = self.process.wait(timeout=max(1, self.timeout - (time.monotonic()
                                                                        - self.started)))
                hung = False
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
                code, hung = None, True
            self.stdout.seek(0)
            seen = set()
            for line in self.stdout.read().splitlines():
                try:
                    record = json.loads(line)
                except ValueError:
                    continue
                if record.get("id") in dict(self.pending):
                    seen.add(record["id"])
                    self.results[record["id"]] = self.parse(record)
            self.stdout.close()
            remaining = [(c, t) for c, t in self.pending if c not in seen]
            if not remaining:
                return self.results
            if code in (0, 1) and not hung:
                for cell_id, _ in remaining:
                    self.results[cell_id] = Result(error="no output", crash=True)
                return self.results
            culprit = remaining[0][0]
            reason = "hang (killed)" if hung else f"crash (exit {code})"
            self.results[culprit] = Result(error=reason, crash=True)
            self.pending = remaining[1:]
            if not self.pending:
                return self.results
            self.start()

    def parse(self, record):
        outputs = record.get("outputs", [])
        for output in outputs:
            if output.get("type") == "error":
                return Result(error=f"{output.get('code')} {output.get('message')}")
        tables = [o for o in outputs if o.get("type") == "table"]
        if not tables:
            return Result(error="no table output", crash=True)
        table = tables[-1]
        path = os.path.join(self.folder, "out", record["id"] + ".csv")
        try:
            header, rows = read_export(path, table["types"])
        except (OSError, ValueError, KeyError) as problem:
            return Result(error=f"unreadable export: {problem}", crash=True)
        columns = table["columns"]
        if not columns:
            return Result(columns=[], types=[], rows=[() for _ in range(table["total_rows"])])
        if header != columns:
            return Result(error=f"export header {header} != columns {columns}", crash=True)
        return Result(columns=columns, types=table["types"], rows=rows)


# ---- DuckDB ----------------------------------------------------------------

DUCK_TO_DSW = {"BIGINT": "int", "INTEGER": "int", "SMALLINT": "int", "TINYINT": "int",
               "HUGEINT": "int", "UBIGINT": "int", "UINTEGER": "int", "DOUBLE": "double",
               "FLOAT": "double", "BOOLEAN": "bool", "VARCHAR": "string", "DATE": "date",
               "TIMESTAMP": "timestamp", "TIMESTAMP WITH TIME ZONE": "timestamp"}


def date_value(value):
    """Days since 1970 of a DuckDB DATE as Python gets it (a string outside 1..9999)."""
    if isinstance(value, str):
        return parse_duck_date(value)
    return (value - EPOCH_DATE).days


def timestamp_value(value):
    """Microseconds since 1970 of a DuckDB TIMESTAMP (a string outside years 1..9999)."""
    if isinstance(value, str):
        bc = " (BC)" in value
        day_text, _, time_text = value.replace(" (BC)", "").partition(" ")
        days = parse_duck_date(day_text + (" (BC)" if bc else ""))
        hours, minutes, seconds = (time_text or "00:00:00").split(":")
        whole, _, fraction = seconds.partition(".")
        seconds_in_day = int(hours) * 3600 + int(minutes) * 60 + int(whole)
        return days * MICROS_PER_DAY + seconds_in_day * 1_000_000 + int(fraction.ljust(6, "0"))
    delta = value - EPOCH_TIMESTAMP
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def parse_duck_date(text):
    bc = text.endswith("(BC)")
    year, month, day = text.replace(" (BC)", "").split("-")
    year = int(year)
    return days_from_civil(1 - year if bc else year, int(month), int(day))


CONVERTERS = {"DATE": date_value, "TIMESTAMP": timestamp_value, "DECIMAL": float}


class DuckSide:
    def __init__(self):
        self.con = sqlfuncs.connect()

    def load(self, tables):
        for table in tables:
            self.con.execute(f"DROP TABLE IF EXISTS {qi(table.name)}")
            raw = ", ".join(f"{qi(n)} {'BIGINT' if t in ('date', 'timestamp') else SQL_TYPE[t]}"
                            for n, t in table.columns)
            self.con.execute(f"CREATE TEMP TABLE __raw ({raw}, __o BIGINT)")
            if table.rows:
                marks = ", ".join("?" for _ in range(len(table.columns) + 1))
                self.con.executemany(f"INSERT INTO __raw VALUES ({marks})",
                                     [list(row) + [i + 1] for i, row in enumerate(table.rows)])
            cols = []
            for n, t in table.columns:
                if t == "date":
                    cols.append(f"CAST(DATE '1970-01-01' + CAST({qi(n)} AS INTEGER) AS DATE) "
                                f"AS {qi(n)}")
                elif t == "timestamp":
                    cols.append(f"make_timestamp({qi(n)}) AS {qi(n)}")
                else:
                    cols.append(qi(n))
            self.con.execute(f"CREATE TABLE {qi(table.name)} AS SELECT {', '.join(cols)}, __o "
                             f"FROM __raw")
            self.con.execute("DROP TABLE __raw")

    def drop(self, names):
        for name in names:
            self.con.execute(f"DROP TABLE IF EXISTS {qi(name)}")

    def run(self, query, names, tables):
        """(Result, SQL) for a Query; the Result is None when the query must be skipped."""
        sql = None
        try:
            sql, _, skip = query.compile(self.con, names, tables)
            if skip:
                return None, sql
        except (KeyError, ValueError) as problem:  # a shrunk case lost a column it needs
            return Result(error=f"cannot compile: {problem!r}"), sql
        except duckdb.Error as problem:
            return Result(error=f"{type(problem).__name__}: {problem}"), sql
        try:
            rows = self.con.execute(sql).fetchall()
            description = self.con.description
            columns = [unmangle(d[0]) for d in description]
            types = [str(d[1]) for d in description]
            if columns == ["__none"]:
                return Result(columns=[], types=[], rows=[() for _ in rows]), sql
            converters = [CONVERTERS.get(t.split("(")[0], lambda v: v) for t in types]
            rows = [tuple(None if v is None else f(v) for f, v in zip(converters, row))
                    for row in rows]
            return Result(columns=columns, types=[DUCK_TO_DSW.get(t, t) for t in types],
                          rows=rows), sql
        except duckdb.Error as problem:
            message = str(problem).splitlines()[0] if str(problem) else type(problem).__name__
            return Result(error=f"{type(problem).__name__}: {message}"), sql
