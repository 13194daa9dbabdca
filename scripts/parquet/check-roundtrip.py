#!/usr/bin/env python3
"""Checks Parquet files that dsw wrote against their expected values.

Usage:
  check-roundtrip.py DIR
      For every DIR/NAME.parquet next to DIR/NAME.expected.jsonl, reads the file
      with pyarrow, DuckDB and Polars and compares names, types and every value
      with the expectation (format: Tests/DSWParquetTests/Fixtures/parquet/
      README.md). Prints one line per file and tool; exits 1 on any mismatch,
      2 when DIR holds no pair at all.
  check-roundtrip.py --make-inputs DIR
      Writes CSV files and matching NAME.expected.jsonl into DIR for dsw to load
      and export as DIR/NAME.parquet, closing the loop CSV -> dsw -> Parquet ->
      pyarrow/DuckDB/Polars. DIR/nonfinite/ holds NaN/inf, which dsw's CSV
      loader does not read as doubles today, so a loop over DIR/*.csv skips it.

Types dsw writes, and what each tool must report for them:
  int       INT64                     pyarrow int64      DuckDB BIGINT   Polars Int64
  double    DOUBLE                    float64            DOUBLE          Float64
  bool      BOOLEAN                   bool               BOOLEAN         Boolean
  string    BYTE_ARRAY String         string/large_string (or a dictionary of them)
                                                         VARCHAR         String (or Categorical)
  date      INT32 DATE                date32             DATE            Date
  timestamp INT64 TIMESTAMP(MICROS)   timestamp[us] naive or UTC
                                                         TIMESTAMP / TIMESTAMP WITH TIME ZONE
                                                                         Datetime(us, None|UTC)
Values: NaN equals NaN, -0.0 differs from 0.0, dates and timestamps compare as
the expected integers (days; microseconds since the epoch, UTC).
"""
import argparse
import datetime as dt
import math
import sys
from pathlib import Path

import duckdb
import polars as pl
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

sys.path.insert(0, str(Path(__file__).resolve().parent))
import expected as ex  # noqa: E402

MAX_REPORTS = 5


def normalise(kind, value):
    if value is None:
        return None
    if kind == "double":
        return ex.double(value) if isinstance(value, float) else value
    return value


# Each reader returns ([(name, dsw type or "?<tool type>")], [column value lists]).

def read_pyarrow(path):
    table = pq.read_table(path)
    names, columns = [], []
    for field in table.schema:
        t = field.type
        col = table.column(field.name)
        if pa.types.is_dictionary(t) and (pa.types.is_string(t.value_type) or pa.types.is_large_string(t.value_type)):
            col = col.cast(t.value_type)
            t = t.value_type
        if pa.types.is_int64(t):
            kind = "int"
        elif pa.types.is_float64(t):
            kind = "double"
        elif pa.types.is_boolean(t):
            kind = "bool"
        elif pa.types.is_string(t) or pa.types.is_large_string(t) or pa.types.is_string_view(t):
            kind = "string"
        elif pa.types.is_date32(t):
            kind = "date"
            col = col.cast(pa.int32())
        elif pa.types.is_timestamp(t) and t.unit == "us" and t.tz in (None, "UTC", "+00:00", "Etc/UTC"):
            kind = "timestamp"
            col = col.cast(pa.int64())
        else:
            kind = "?" + str(t)
        names.append((field.name, kind))
        columns.append(col.to_pylist())
    return names, columns


DUCK_KINDS = {"BIGINT": "int", "DOUBLE": "double", "BOOLEAN": "bool", "VARCHAR": "string", "DATE": "date",
              "TIMESTAMP": "timestamp", "TIMESTAMP WITH TIME ZONE": "timestamp"}


def read_duckdb(path):
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    source = "read_parquet('%s')" % str(path).replace("'", "''")
    described = con.execute("DESCRIBE SELECT * FROM " + source).fetchall()
    names, selects = [], []
    for row in described:
        name, sql_type = row[0], row[1]
        kind = DUCK_KINDS.get(sql_type, "?" + sql_type)
        quoted = '"%s"' % name.replace('"', '""')
        if kind == "date":
            selects.append("(%s - DATE '1970-01-01')::BIGINT" % quoted)
        elif kind == "timestamp":
            selects.append("epoch_us(%s)" % quoted)
        else:
            selects.append(quoted)
        names.append((name, kind))
    rows = con.execute("SELECT %s FROM %s" % (", ".join(selects), source)).fetchall()
    con.close()
    return names, [list(column) for column in zip(*rows)] if rows else [[] for _ in names]


def read_polars(path):
    frame = pl.read_parquet(path)
    names, columns = [], []
    for name, dtype in frame.schema.items():
        series = frame[name]
        if dtype == pl.Int64:
            kind = "int"
        elif dtype == pl.Float64:
            kind = "double"
        elif dtype == pl.Boolean:
            kind = "bool"
        elif dtype == pl.String or dtype == pl.Categorical:
            kind = "string"
            series = series.cast(pl.String)
        elif dtype == pl.Date:
            kind = "date"
            series = series.cast(pl.Int32)
        elif isinstance(dtype, pl.Datetime) and dtype.time_unit == "us" and dtype.time_zone in (None, "UTC"):
            kind = "timestamp"
            series = series.cast(pl.Int64)
        else:
            kind = "?" + str(dtype)
        names.append((name, kind))
        columns.append(series.to_list())
    return names, columns


READERS = [("pyarrow", read_pyarrow), ("duckdb", read_duckdb), ("polars", read_polars)]


def compare(header, rows, names, columns):
    problems = []
    want = [(c["name"], c["type"]) for c in header["columns"]]
    if [n for n, _ in names] != [n for n, _ in want]:
        return ["columns %s, expected %s" % ([n for n, _ in names], [n for n, _ in want])]
    for (name, kind), (_, want_kind) in zip(names, want):
        if kind != want_kind:
            problems.append("column %s has type %s, expected %s" % (name, kind.lstrip("?"), want_kind))
    if problems:
        return problems
    count = len(columns[0]) if columns else 0
    if count != len(rows):
        return ["%d rows, expected %d" % (count, len(rows))]
    order = range(count)
    if header.get("sort_by"):
        key = [n for n, _ in names].index(header["sort_by"])
        order = sorted(range(count), key=lambda i: (columns[key][i] is None, columns[key][i]))
    for r, i in enumerate(order):
        for c, (name, kind) in enumerate(names):
            got = normalise(kind, columns[c][i])
            if not ex.same(rows[r][c], got):
                problems.append("row %d column %s: expected %r, got %r" % (r, name, rows[r][c], got))
                if len(problems) >= MAX_REPORTS:
                    return problems + ["..."]
    return problems


def check(directory):
    pairs = sorted(p for p in directory.glob("*.parquet") if p.with_suffix("").with_suffix(".expected.jsonl").exists()
                   or (directory / (p.stem + ".expected.jsonl")).exists())
    if not pairs:
        print("no NAME.parquet with NAME.expected.jsonl in %s" % directory)
        return 2
    failed = False
    for path in pairs:
        header, rows = ex.read_expected(directory / (path.stem + ".expected.jsonl"))
        for tool, reader in READERS:
            try:
                names, columns = reader(path)
                problems = compare(header, rows, names, columns)
            except Exception as error:  # a reader refusing the file is a failure too
                problems = ["%s: %s" % (type(error).__name__, str(error).splitlines()[0] if str(error) else "")]
            if problems:
                failed = True
                print("FAIL %s %s" % (path.name, tool))
                for problem in problems:
                    print("     " + problem)
            else:
                print("ok   %s %s (%d rows, %d columns)" % (path.name, tool, len(rows), len(header["columns"])))
    return 1 if failed else 0


# ---------------------------------------------------------------------------
# --make-inputs

def csv_field(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%dT%H:%M:%S.%f")
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    if text == "" or any(ch in text for ch in ',"\n\r') or text != text.strip():
        return '"' + text.replace('"', '""') + '"'
    return text


def write_input(directory, name, columns):
    """columns: [(name, dsw type, python values)]."""
    directory.mkdir(parents=True, exist_ok=True)
    n = len(columns[0][2])
    with open(directory / (name + ".csv"), "w", encoding="utf-8", newline="") as handle:
        handle.write(",".join(c[0] for c in columns) + "\n")
        for i in range(n):
            handle.write(",".join(csv_field(c[2][i]) for c in columns) + "\n")
    expected_columns = []
    for cname, kind, values in columns:
        if kind == "int":
            vals = values
        elif kind == "double":
            vals = [None if v is None else ex.double(v) for v in values]
        elif kind == "date":
            vals = [None if v is None else ex.days(v) for v in values]
        elif kind == "timestamp":
            vals = [None if v is None else ex.micros(v, "us") for v in values]
        else:
            vals = values
        expected_columns.append((cname, kind, "csv", vals))
    ex.write_expected(directory / (name + ".expected.jsonl"), expected_columns)


def make_inputs(directory):
    ts = dt.datetime
    write_input(directory, "ints", [
        ("id", "int", list(range(8))),
        ("a", "int", [0, -1, None, 9223372036854775807, -9223372036854775808, 42, None, 1234567890123]),
    ])
    write_input(directory, "doubles", [
        ("id", "int", list(range(8))),
        ("x", "double", [0.5, -0.0, None, 1.7976931348623157e308, 5e-324, 0.1, -123456.789, 1e-300]),
    ])
    write_input(directory, "strings", [
        ("id", "int", list(range(8))),
        ("s", "string", ["plain", "", None, "café ß", "日本語", "emoji 🎉", 'comma, and "quote"', "  padded  "]),
    ])
    write_input(directory, "bools", [
        ("id", "int", list(range(5))),
        ("b", "bool", [True, False, None, True, False]),
    ])
    write_input(directory, "dates", [
        ("id", "int", list(range(8))),
        ("d", "date", [dt.date(2024, 1, 31), dt.date(1900, 1, 1), dt.date(2100, 12, 31), None,
                       dt.date(1970, 1, 1), dt.date(1969, 12, 31), dt.date(2000, 2, 29), dt.date(1899, 12, 31)]),
    ])
    write_input(directory, "timestamps", [
        ("id", "int", list(range(7))),
        ("t", "timestamp", [ts(2024, 1, 31, 12, 34, 56, 123456), ts(1969, 12, 31, 23, 59, 59, 999999),
                            ts(1900, 1, 1, 0, 0, 0, 1), None, ts(1970, 1, 1), ts(2100, 12, 31, 23, 59, 59, 999999),
                            ts(1955, 6, 15, 8, 30, 0, 500000)]),
    ])
    write_input(directory, "mixed", [
        ("id", "int", [1, 2, 3, 4]),
        ("n", "int", [10, None, -3, 7]),
        ("x", "double", [1.5, -0.0, None, 2.25]),
        ("s", "string", ["a", None, "", "ü"]),
        ("b", "bool", [True, None, False, True]),
        ("d", "date", [dt.date(2024, 1, 31), None, dt.date(1900, 3, 1), dt.date(2100, 1, 1)]),
        ("t", "timestamp", [ts(2024, 1, 31, 12, 34, 56, 123456), ts(1969, 7, 20, 20, 17, 40), None,
                            ts(2038, 1, 19, 3, 14, 8, 1)]),
    ])
    # Enough rows for several row groups (dsw exports it with row_group_rows: 7000),
    # dictionary-encoded strings and integers, and nulls in every column.
    import random
    rng = random.Random(11)
    rows = 30000
    def sometimes_null(values):
        return [None if rng.random() < 0.05 else value for value in values]
    write_input(directory, "large", [
        ("id", "int", list(range(rows))),
        ("k", "int", sometimes_null([rng.randrange(100) for _ in range(rows)])),
        ("n", "int", sometimes_null([rng.randrange(-10**12, 10**12) for _ in range(rows)])),
        ("x", "double", sometimes_null([rng.uniform(-1e6, 1e6) for _ in range(rows)])),
        ("s", "string", sometimes_null([rng.choice(["FR", "US", "DE", "日本", ""]) for _ in range(rows)])),
        ("u", "string", sometimes_null(["user-%d" % rng.randrange(20000) for _ in range(rows)])),
        ("b", "bool", sometimes_null([rng.random() < 0.3 for _ in range(rows)])),
        ("d", "date", sometimes_null([dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(2000))
                                      for _ in range(rows)])),
        ("t", "timestamp", sometimes_null([ts(2024, 1, 1) + dt.timedelta(microseconds=rng.randrange(10**13))
                                           for _ in range(rows)])),
    ])
    write_input(directory / "nonfinite", "doubles_nonfinite", [
        ("id", "int", list(range(5))),
        ("x", "double", [float("nan"), float("inf"), float("-inf"), -0.0, None]),
    ])
    (directory / "README.txt").write_text(
        "Inputs for the CSV -> dsw -> Parquet -> pyarrow/DuckDB/Polars loop, written by\n"
        "scripts/parquet/check-roundtrip.py --make-inputs. Load each NAME.csv with dsw (header row,\n"
        "comma-separated, an empty unquoted field is null, \"\" is the empty string, dates\n"
        "YYYY-MM-DD, timestamps YYYY-MM-DDTHH:MM:SS.ffffff), export it as NAME.parquet into this\n"
        "folder, then run check-roundtrip.py on the folder. nonfinite/ holds NaN and +-inf, which\n"
        "dsw's CSV loader reads as text today; it is kept apart so that a loop over *.csv here skips it.\n")
    print("wrote inputs to %s" % directory)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("directory", type=Path)
    parser.add_argument("--make-inputs", action="store_true", help="write CSV inputs and expectations into DIR")
    args = parser.parse_args()
    if args.make_inputs:
        make_inputs(args.directory)
        return 0
    return check(args.directory)


if __name__ == "__main__":
    sys.exit(main())
