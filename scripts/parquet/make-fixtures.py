#!/usr/bin/env python3
"""Regenerates the Parquet fixtures in Tests/DSWParquetTests/Fixtures/parquet/.

Files come from real writers (pyarrow, DuckDB, Polars), plus a few made by
editing a pyarrow file's footer or page headers (legacy list layouts, hostile
files). Each NAME.parquet gets NAME.expected.jsonl, computed from the data
handed to the writer, never from reading the file back; the file is then read
back with pyarrow only as a check of the script itself. manifest.json records
the writer versions and, for each column chunk, the physical type, codec,
encodings and page counts found in the file.

Usage: python3 scripts/parquet/make-fixtures.py [--out DIR]
Needs pyarrow, duckdb, polars and numpy. Everything is seeded, so two runs
write identical bytes with the same library versions.
"""
import argparse
import datetime as dt
import decimal
import json
import math
import os
import random
import shutil
import sys
import uuid
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb
import numpy as np
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq

sys.path.insert(0, str(Path(__file__).resolve().parent))
import expected as ex  # noqa: E402
import thrift_compact as tc  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_OUT = ROOT / "Tests/DSWParquetTests/Fixtures/parquet"
D = decimal.Decimal
PARIS = ZoneInfo("Europe/Paris")
NEW_YORK = ZoneInfo("America/New_York")

MANIFEST = []
OUT = DEFAULT_OUT


class Col:
    def __init__(self, name, type_, values, nullable=True):
        self.name, self.type, self.values, self.nullable = name, type_, values, nullable

    def field(self):
        return pa.field(self.name, self.type, nullable=self.nullable)

    def array(self):
        if pa.types.is_float16(self.type):
            mask = np.array([v is None for v in self.values])
            data = np.array([0.0 if v is None else v for v in self.values], dtype=np.float16)
            return pa.array(data, type=pa.float16(), mask=mask)
        if ex.is_uuid(self.type):
            storage = pa.array([None if v is None else v.bytes for v in self.values], pa.binary(16))
            return pa.ExtensionArray.from_storage(self.type, storage)
        return pa.array(self.values, type=self.type)


def table_of(cols):
    return pa.Table.from_arrays([c.array() for c in cols], schema=pa.schema([c.field() for c in cols]))


def expected_columns(cols):
    out = []
    for c in cols:
        out += ex.flatten(c.name, c.type, c.values)
    return out


# ---------------------------------------------------------------------------
# Input data. Every generator takes its own seeded Random.

INT_LIMITS = {
    pa.int8(): (-128, 127), pa.int16(): (-32768, 32767), pa.int32(): (-2**31, 2**31 - 1),
    pa.int64(): (-2**63, 2**63 - 1), pa.uint8(): (0, 255), pa.uint16(): (0, 65535),
    pa.uint32(): (0, 2**32 - 1), pa.uint64(): (0, 2**63 - 1),
}

WORDS = ["alpha", "beta", "gamma", "", "café", "naïve", "日本語", "Ελληνικά", "emoji 🎉",
         "e\u0301 combining", "tab\there", "line\nbreak", "quote \" and \\ backslash",
         "null", "NULL", " padded ", "ß", "zero\u0000byte"]


def ints(rng, t, n, null_rate=0.1):
    lo, hi = INT_LIMITS[t]
    edges = [lo, hi, 0, 1, lo + 1, hi - 1] if lo < 0 else [lo, hi, 1, hi - 1]
    if lo < 0:
        edges.append(-1)
    out = []
    for i in range(n):
        if i < len(edges):
            out.append(edges[i])
        elif rng.random() < null_rate:
            out.append(None)
        else:
            out.append(rng.randint(lo, hi))
    return out


def doubles(rng, n, specials=True, null_rate=0.1):
    edges = [float("nan"), float("inf"), float("-inf"), -0.0, 0.0, 5e-324, 1.7976931348623157e308,
             -2.2250738585072014e-308, 0.1, 1e16, 123456789.125] if specials else [0.5, -0.0]
    out = []
    for i in range(n):
        if i < len(edges):
            out.append(edges[i])
        elif rng.random() < null_rate:
            out.append(None)
        else:
            out.append(rng.choice([rng.uniform(-1e6, 1e6), round(rng.uniform(-100, 100), 2),
                                   float(rng.randint(-1000, 1000))]))
    return out


def strings(rng, n, null_rate=0.1, words=WORDS):
    out = []
    for i in range(n):
        if i < len(words):
            out.append(words[i])
        elif rng.random() < null_rate:
            out.append(None)
        else:
            out.append(rng.choice(words) + ("" if rng.random() < 0.5 else str(rng.randint(0, 99))))
    return out


def bools(rng, n, null_rate=0.1):
    return [None if rng.random() < null_rate else rng.random() < 0.5 for _ in range(n)]


def dates(rng, n, null_rate=0.1):
    edges = [dt.date(1970, 1, 1), dt.date(1969, 12, 31), dt.date(1900, 1, 1), dt.date(2100, 12, 31),
             dt.date(2000, 2, 29), dt.date(1, 1, 1), dt.date(9999, 12, 31)]
    out = []
    for i in range(n):
        if i < len(edges):
            out.append(edges[i])
        elif rng.random() < null_rate:
            out.append(None)
        else:
            out.append(dt.date(1970, 1, 1) + dt.timedelta(days=rng.randint(-30000, 50000)))
    return out


def raw_times(rng, n, unit, null_rate=0.1):
    """Raw counts of `unit` since the epoch, with pre-1970 and sub-unit edges."""
    per_second = {"s": 1, "ms": 10**3, "us": 10**6, "ns": 10**9}[unit]
    edges = [0, -1, 1, 1706704496 * per_second + (per_second // 3 if per_second > 1 else 0),
             -2208988800 * per_second - 1, 4102444799 * per_second + per_second - 1]
    out = []
    for i in range(n):
        if i < len(edges):
            out.append(edges[i])
        elif rng.random() < null_rate:
            out.append(None)
        else:
            out.append(rng.randint(-2208988800 * per_second, 4102444800 * per_second))
    return out


def binaries(rng, n, width=None, null_rate=0.1):
    out = []
    for i in range(n):
        if rng.random() < null_rate and i > 1:
            out.append(None)
        elif width is None:
            out.append(b"" if i == 0 else bytes(rng.randrange(256) for _ in range(rng.randint(0, 8))))
        else:
            out.append(bytes(width) if i == 0 else bytes(rng.randrange(256) for _ in range(width)))
    return out


def uuids(rng, n, null_rate=0.1):
    out = [uuid.UUID(int=0), uuid.UUID(int=2**128 - 1)]
    while len(out) < n:
        out.append(None if rng.random() < null_rate else uuid.UUID(int=rng.getrandbits(128), version=4))
    return out[:n]


def decimals(rng, n, precision, scale, null_rate=0.1):
    limit = 10**precision - 1
    out = []
    for i in range(n):
        if i == 0:
            unscaled = limit
        elif i == 1:
            unscaled = -limit
        elif i == 2:
            unscaled = 0
        elif rng.random() < null_rate:
            out.append(None)
            continue
        else:
            unscaled = rng.randint(-limit, limit)
        out.append(D("%dE-%d" % (unscaled, scale)))
    return out


# ---------------------------------------------------------------------------
# Recording a fixture.

CODEC_NAMES = {0: "UNCOMPRESSED", 1: "SNAPPY", 2: "GZIP", 3: "LZO", 4: "BROTLI", 5: "LZ4", 6: "ZSTD", 7: "LZ4_RAW"}


def describe_file(path):
    data = path.read_bytes()
    meta = pq.ParquetFile(path).metadata
    fields, _ = tc.read_footer(data)
    raw_groups = tc.get(fields, 4)[1]
    columns = {}
    for rg in range(meta.num_row_groups):
        raw_chunks = tc.get(raw_groups[rg], 1)[1]
        for ci in range(meta.num_columns):
            chunk = meta.row_group(rg).column(ci)
            info = columns.setdefault(chunk.path_in_schema, {
                "column": chunk.path_in_schema,
                "physical_type": chunk.physical_type,
                "logical_type": str(meta.schema.column(ci).logical_type).replace(
                    ", is_from_converted_type=false, force_set_converted_type=false", ""),
                "converted_type": str(meta.schema.column(ci).converted_type),
                "compression": set(), "encodings": set(), "data_page_encodings": set(),
                "pages": {}, "page_crcs": 0, "statistics": False,
            })
            # The codec id from the footer itself: pyarrow names LZ4_RAW (7) "LZ4".
            info["compression"].add(CODEC_NAMES.get(tc.get(tc.get(raw_chunks[ci], 3), 4), "?"))
            info["encodings"].update(chunk.encodings)
            info["statistics"] |= chunk.is_stats_set
            counts, encodings, crcs = tc.page_summary(data, tc.get(raw_chunks[ci], 3))
            info["data_page_encodings"].update(encodings)
            info["page_crcs"] += crcs
            for k, v in counts.items():
                info["pages"][k] = info["pages"].get(k, 0) + v
    short = []
    for info in columns.values():
        item = {"col": info["column"], "phys": info["physical_type"]}
        if info["logical_type"] != "None":
            item["logical"] = info["logical_type"]
        elif info["converted_type"] != "NONE":
            item["converted"] = info["converted_type"]
        item["codec"] = ",".join(sorted(info["compression"]))
        item["enc"] = ",".join(sorted(info["encodings"]))
        item["page_enc"] = ",".join(sorted(info["data_page_encodings"]))
        item["pages"] = ",".join("%s:%d" % (k.replace("_PAGE", "").replace("DICTIONARY", "DICT"), v)
                                 for k, v in sorted(info["pages"].items()))
        if info["page_crcs"]:
            item["crcs"] = info["page_crcs"]
        item["stats"] = info["statistics"]
        short.append(item)
    return {
        "bytes": len(data), "created_by": meta.created_by, "format_version": meta.format_version,
        "rows": meta.num_rows, "row_groups": meta.num_row_groups, "columns": short,
    }


def record(path, writer, covers, check_columns=None):
    entry = {"file": str(path.relative_to(OUT)), "writer": writer, "writer_version": VERSIONS.get(writer.split()[0], ""),
             "covers": covers}
    if path.suffix == ".parquet" and path.exists():
        try:
            entry.update(describe_file(path))
        except Exception as error:  # hostile files
            entry["describe_error"] = "%s: %s" % (type(error).__name__, error)
    MANIFEST.append(entry)
    if check_columns is not None:
        check_against_pyarrow(path, check_columns)


def check_against_pyarrow(path, columns):
    """Reads the file back with pyarrow and compares with the expected values: a
    check of this script, not the source of the expectation."""
    table = pq.read_table(path)
    got = []
    for name in table.column_names:
        col = table.column(name)
        got += ex.flatten(name, col.type, col.to_pylist())
    names = [c[0] for c in columns]
    assert [g[0] for g in got] == names, (path, [g[0] for g in got], names)
    for (name, ty, _, want), (_, gty, _, have) in zip(columns, got):
        assert ty == gty, (path, name, ty, gty)
        assert len(want) == len(have), (path, name)
        for i, (a, b) in enumerate(zip(want, have)):
            if not ex.same(a, b):
                raise AssertionError("%s %s row %d: expected %r, pyarrow read %r" % (path.name, name, i, a, b))


def check_against_polars(path, columns):
    """The same check through Polars, for files pyarrow cannot read."""
    frame = pl.read_parquet(path)
    for name, ty, _, want in columns:
        have = frame[name].to_list()
        for i, (a, b) in enumerate(zip(want, have)):
            b = ex.double(b) if ty == "double" and b is not None else b
            if not ex.same(a, b):
                raise AssertionError("%s %s row %d: expected %r, polars read %r" % (path.name, name, i, a, b))


def pyarrow_fixture(name, cols, covers, **options):
    path = OUT / (name + ".parquet")
    pq.write_table(table_of(cols), path, **options)
    columns = expected_columns(cols)
    ex.write_expected(OUT / (name + ".expected.jsonl"), columns)
    opts = ", ".join("%s=%r" % kv for kv in sorted(options.items()))
    record(path, "pyarrow", covers + (" [write_table: %s]" % opts if opts else ""), columns)
    return path


# ---------------------------------------------------------------------------
# pyarrow fixtures.

CODECS = ["none", "snappy", "gzip", "zstd", "lz4", "brotli"]


def mixed_columns(seed, n):
    rng = random.Random(seed)
    return [
        Col("id", pa.int64(), list(range(n)), nullable=False),
        Col("i32", pa.int32(), ints(rng, pa.int32(), n)),
        Col("i64", pa.int64(), ints(rng, pa.int64(), n)),
        Col("f64", pa.float64(), doubles(rng, n)),
        Col("s", pa.string(), strings(rng, n)),
        Col("b", pa.bool_(), bools(rng, n)),
        Col("d", pa.date32(), dates(rng, n)),
        Col("ts", pa.timestamp("us"), raw_times(rng, n, "us")),
    ]


def pyarrow_fixtures():
    # The codec x page-version matrix: several row groups, several pages a chunk.
    for codec in CODECS:
        for page_version in ("1.0", "2.0"):
            name = "pa_codec_%s_page%s" % (codec, page_version[0])
            pyarrow_fixture(
                name, mixed_columns(1, 60),
                "codec %s, data page v%s, dictionary on, 3 row groups (25/25/10), several pages a chunk"
                % ("LZ4_RAW" if codec == "lz4" else codec.upper(), page_version[0]),
                compression=codec, data_page_version=page_version, row_group_size=25,
                data_page_size=128, write_batch_size=8)

    pyarrow_fixture("pa_plain_nodict", mixed_columns(2, 60),
                    "dictionary off: PLAIN for every type, snappy, several pages",
                    use_dictionary=False, row_group_size=30, data_page_size=128, write_batch_size=8)
    pyarrow_fixture("pa_checksums", mixed_columns(3, 60),
                    "page CRC32 on every page (write_page_checksum), dictionary and data pages",
                    write_page_checksum=True, row_group_size=30, data_page_size=128, write_batch_size=8)
    pyarrow_fixture("pa_checksums_page2", mixed_columns(4, 40),
                    "page CRC32 with data page v2, zstd",
                    write_page_checksum=True, data_page_version="2.0", compression="zstd",
                    data_page_size=256, write_batch_size=16)
    pyarrow_fixture("pa_nostats", mixed_columns(5, 30), "no statistics (write_statistics=False)",
                    write_statistics=False)

    # Encodings chosen per column.
    for page_version in ("1.0", "2.0"):
        rng = random.Random(10 + int(page_version[0]))
        n = 100
        prefixed = ["prefix/common/%04d/%s" % (i // 3, rng.choice(["x", "yy", "zzz", ""])) for i in range(n)]
        prefixed[5] = None
        monotone = [1_000_000_000_000 + i * 37 for i in range(n)]
        cols = [
            Col("id", pa.int64(), list(range(n)), nullable=False),
            Col("i32_delta", pa.int32(), ints(rng, pa.int32(), n)),
            Col("i64_delta", pa.int64(), ints(rng, pa.int64(), n)),
            Col("i64_delta_monotone", pa.int64(), monotone),
            Col("s_delta_length", pa.string(), strings(rng, n)),
            Col("s_delta_bytes", pa.string(), prefixed),
            Col("bin_delta_bytes", pa.binary(), binaries(rng, n)),
            Col("f32_bss", pa.float32(), doubles(rng, n)),
            Col("f64_bss", pa.float64(), doubles(rng, n)),
            Col("i32_bss", pa.int32(), ints(rng, pa.int32(), n)),
            Col("i64_bss", pa.int64(), ints(rng, pa.int64(), n)),
            Col("fixed_bss", pa.binary(3), binaries(rng, n, width=3)),
            Col("b_rle", pa.bool_(), bools(rng, n)),
        ]
        encoding = {
            "id": "PLAIN", "i32_delta": "DELTA_BINARY_PACKED", "i64_delta": "DELTA_BINARY_PACKED",
            "i64_delta_monotone": "DELTA_BINARY_PACKED", "s_delta_length": "DELTA_LENGTH_BYTE_ARRAY",
            "s_delta_bytes": "DELTA_BYTE_ARRAY", "bin_delta_bytes": "DELTA_BYTE_ARRAY",
            "f32_bss": "BYTE_STREAM_SPLIT", "f64_bss": "BYTE_STREAM_SPLIT", "i32_bss": "BYTE_STREAM_SPLIT",
            "i64_bss": "BYTE_STREAM_SPLIT", "fixed_bss": "BYTE_STREAM_SPLIT", "b_rle": "RLE",
        }
        pyarrow_fixture(
            "pa_encodings_page%s" % page_version[0], cols,
            "column_encoding per column: DELTA_BINARY_PACKED (int32/int64, with int64 min/max deltas that "
            "wrap), DELTA_LENGTH_BYTE_ARRAY, DELTA_BYTE_ARRAY (string, binary), BYTE_STREAM_SPLIT "
            "(float, double, int32, int64, fixed_len_byte_array), RLE booleans; data page v%s, "
            "2 row groups, many pages" % page_version[0],
            use_dictionary=False, column_encoding=encoding, data_page_version=page_version,
            row_group_size=50, data_page_size=256, write_batch_size=16, compression="none")

    # Types.
    rng = random.Random(20)
    n = 40
    int_cols = [Col(str(t), t, ints(rng, t, n)) for t in INT_LIMITS]
    pyarrow_fixture("pa_ints", int_cols, "int8/16/32/64 and uint8/16/32/64 (uint64 up to Int64.max) "
                    "with extremes and nulls, logical INT(bits, signed)")
    pyarrow_fixture("pa_ints_format1", int_cols, "the same ints with version='1.0': converted types "
                    "only, uint32 written as INT64", version="1.0")

    rng = random.Random(21)
    n = 40
    f16 = [1.0, -0.0, 65504.0, -65504.0, 6.1e-05, 5.96e-08, float("inf"), float("-inf"), float("nan"), None]
    f16 += [None if rng.random() < 0.1 else round(rng.uniform(-100, 100), 3) for _ in range(n - len(f16))]
    f32 = [3.4028234663852886e38, 1.401298464324817e-45, 0.1, -0.0, float("nan"), float("inf"), None]
    f32 += doubles(rng, n - len(f32))
    float_cols = [Col("f16", pa.float16(), f16), Col("f32", pa.float32(), f32),
                  Col("f64", pa.float64(), doubles(rng, n))]
    pyarrow_fixture("pa_floats", float_cols, "float16 (FIXED_LEN_BYTE_ARRAY(2) FLOAT16), float32, "
                    "float64 with NaN, inf, -inf, -0.0, subnormals, extremes, nulls")

    rng = random.Random(22)
    n = 40
    cols = [
        Col("s", pa.string(), strings(rng, n)),
        Col("ls", pa.large_string(), strings(rng, n)),
        Col("bin", pa.binary(), binaries(rng, n)),
        Col("fixed", pa.binary(5), binaries(rng, n, width=5)),
        Col("u", pa.uuid(), uuids(rng, n)),
        Col("s_required", pa.string(), [s if s is not None else "x" for s in strings(rng, n)], nullable=False),
    ]
    pyarrow_fixture("pa_strings", cols, "string (unicode, empty, embedded NUL, newline), large_string, "
                    "binary (empty), fixed_size_binary(5), uuid (FIXED_LEN_BYTE_ARRAY(16) UUID), "
                    "required string")

    rng = random.Random(23)
    n = 40
    specs = [(4, 2), (9, 0), (9, 4), (18, 6), (18, 18), (25, 5), (38, 10), (38, 0)]

    def dec_cols():
        r = random.Random(23)
        cols = [Col("dec_%d_%d" % (p, s), pa.decimal128(p, s), decimals(r, n, p, s)) for p, s in specs]
        cols.append(Col("dec256_45_5", pa.decimal256(45, 5), decimals(r, n, 45, 5)))
        return cols

    pyarrow_fixture("pa_decimal", dec_cols(), "decimal128 precision 4..38 (scale 0..18) and decimal256(45,5), "
                    "all FIXED_LEN_BYTE_ARRAY (pyarrow default)")
    pyarrow_fixture("pa_decimal_int", dec_cols(), "the same decimals with store_decimal_as_integer: INT32 "
                    "for precision <= 9, INT64 for <= 18, FIXED_LEN_BYTE_ARRAY above",
                    store_decimal_as_integer=True)

    rng = random.Random(24)
    n = 40
    paris = [dt.datetime(2024, 3, 31, 1, 59, 59, 999999, tzinfo=PARIS),
             dt.datetime(2024, 3, 31, 3, 0, tzinfo=PARIS),
             dt.datetime(1969, 12, 31, 23, 59, 59, 1, tzinfo=PARIS),
             dt.datetime(1900, 6, 1, 12, 0, tzinfo=PARIS), None]
    paris += [None if rng.random() < 0.1 else
              dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc).astimezone(PARIS)
              + dt.timedelta(microseconds=rng.randint(-2 * 10**15, 4 * 10**15)) for _ in range(n - len(paris))]
    naive = [None if v is None else v.replace(tzinfo=None) for v in paris]
    cols = [
        Col("d", pa.date32(), dates(rng, n)),
        Col("ts_s", pa.timestamp("s"), raw_times(rng, n, "s")),
        Col("ts_ms", pa.timestamp("ms"), raw_times(rng, n, "ms")),
        Col("ts_us", pa.timestamp("us"), raw_times(rng, n, "us")),
        Col("ts_ns", pa.timestamp("ns"), raw_times(rng, n, "ns")),
        Col("ts_ms_utc", pa.timestamp("ms", tz="UTC"), raw_times(rng, n, "ms")),
        Col("ts_us_paris", pa.timestamp("us", tz="Europe/Paris"), paris),
        Col("ts_ns_new_york", pa.timestamp("ns", tz="America/New_York"), raw_times(rng, n, "ns")),
        Col("ts_us_naive_wall", pa.timestamp("us"), naive),
    ]
    pyarrow_fixture("pa_temporal", cols, "date32 (0001-01-01..9999-12-31, 1900, pre-1970), timestamp "
                    "s (stored as MILLIS), ms, us, ns (sub-microsecond and pre-1970 ns floor to us), "
                    "UTC / Europe/Paris / America/New_York (isAdjustedToUTC=true) and naive")

    rng = random.Random(25)
    n = 30
    whole_us = [None if v is None else v - v % 1000 for v in raw_times(rng, n, "ns")]
    cols = [Col("d", pa.date32(), dates(rng, n)),
            Col("ts_ms", pa.timestamp("ms"), raw_times(rng, n, "ms")),
            Col("ts_ns", pa.timestamp("ns"), whole_us),
            Col("u8", pa.uint8(), ints(rng, pa.uint8(), n)),
            Col("u16", pa.uint16(), ints(rng, pa.uint16(), n)),
            Col("u32", pa.uint32(), ints(rng, pa.uint32(), n)),
            Col("dec", pa.decimal128(12, 3), decimals(rng, n, 12, 3)),
            Col("s", pa.string(), strings(rng, n))]
    pyarrow_fixture("pa_format1", cols, "version='1.0' with coerce_timestamps='us': converted types only (DATE, "
                    "TIMESTAMP_MICROS for ms and ns input, UINT_8/16, uint32 as INT64, DECIMAL, UTF8)",
                    version="1.0", coerce_timestamps="us")

    rng = random.Random(26)
    n = 30
    int96 = raw_times(rng, n, "ns")
    int96[6:9] = [-1, 999, -86400 * 10**9 * 365 * 100 - 1]
    cols = [Col("id", pa.int64(), list(range(n))), Col("t96", pa.timestamp("ns"), int96),
            Col("t96_utc", pa.timestamp("ns", tz="UTC"), raw_times(rng, n, "ns"))]
    pyarrow_fixture("pa_int96", cols, "INT96 timestamps (use_deprecated_int96_timestamps): ns values "
                    "floor to us, pre-1970 and sub-microsecond", use_deprecated_int96_timestamps=True)

    rng = random.Random(27)
    n = 60
    cols = [
        Col("dict_s", pa.dictionary(pa.int32(), pa.string()), strings(rng, n, words=WORDS[:6])),
        Col("dict_s8", pa.dictionary(pa.int8(), pa.string()), [None if rng.random() < 0.2 else
                                                               rng.choice(["lo", "mid", "hi"]) for _ in range(n)]),
        Col("dict_i64", pa.dictionary(pa.int16(), pa.int64()), [None if rng.random() < 0.1 else
                                                                rng.choice([-5, 7, 2**40]) for _ in range(n)]),
        Col("dict_all_null", pa.dictionary(pa.int32(), pa.string()), [None] * n),
    ]
    pyarrow_fixture("pa_dictionary", cols, "Arrow dictionary-typed columns (string, int64 values; int8/"
                    "int16/int32 indices), an all-null dictionary column; dictionary pages spanning pages",
                    data_page_size=128, write_batch_size=8)

    rng = random.Random(28)
    n = 25
    cols = [Col("id", pa.int64(), list(range(n)), nullable=False)]
    cols += [Col("null_" + label, t, [None] * n) for label, t in [
        ("int", pa.int64()), ("double", pa.float64()), ("string", pa.string()), ("bool", pa.bool_()),
        ("date", pa.date32()), ("ts", pa.timestamp("us")), ("dec", pa.decimal128(10, 2)),
        ("bin", pa.binary()), ("list", pa.list_(pa.int64())),
        ("struct", pa.struct([("x", pa.int64()), ("y", pa.string())]))]]

    def sprinkle(values, rate=0.5):
        return [None if rng.random() < rate else v for v in values]

    cols += [
        Col("some_int8", pa.int8(), sprinkle(ints(rng, pa.int8(), n, 0))),
        Col("some_u64", pa.uint64(), sprinkle(ints(rng, pa.uint64(), n, 0))),
        Col("some_f32", pa.float32(), sprinkle(doubles(rng, n, null_rate=0))),
        Col("some_f16", pa.float16(), sprinkle([1.5, -2.25, 0.0] * 9)[:n]),
        Col("some_bool", pa.bool_(), sprinkle(bools(rng, n, 0))),
        Col("some_string", pa.string(), sprinkle(strings(rng, n, 0))),
        Col("some_large_string", pa.large_string(), sprinkle(strings(rng, n, 0))),
        Col("some_bin", pa.binary(), sprinkle(binaries(rng, n, null_rate=0))),
        Col("some_fixed", pa.binary(2), sprinkle(binaries(rng, n, width=2, null_rate=0))),
        Col("some_uuid", pa.uuid(), sprinkle(uuids(rng, n, 0))),
        Col("some_date", pa.date32(), sprinkle(dates(rng, n, 0))),
        Col("some_ts_ns", pa.timestamp("ns", tz="UTC"), sprinkle(raw_times(rng, n, "ns", 0))),
        Col("some_dec", pa.decimal128(7, 3), sprinkle(decimals(rng, n, 7, 3, 0))),
    ]
    pyarrow_fixture("pa_nulls", cols, "all-null columns of every type (incl. list and struct) and columns "
                    "about half null of every type; row 0 all null except id")

    rng = random.Random(29)
    n = 30
    cols = [
        Col("i8", pa.int8(), ints(rng, pa.int8(), n, 0), nullable=False),
        Col("i64", pa.int64(), ints(rng, pa.int64(), n, 0), nullable=False),
        Col("f64", pa.float64(), doubles(rng, n, null_rate=0), nullable=False),
        Col("s", pa.string(), strings(rng, n, 0), nullable=False),
        Col("b", pa.bool_(), bools(rng, n, 0), nullable=False),
        Col("d", pa.date32(), dates(rng, n, 0), nullable=False),
        Col("ts", pa.timestamp("ms", tz="UTC"), raw_times(rng, n, "ms", 0), nullable=False),
        Col("dec", pa.decimal128(9, 2), decimals(rng, n, 9, 2, 0), nullable=False),
        Col("st", pa.struct([pa.field("x", pa.int32(), nullable=False), pa.field("y", pa.string())]),
            [{"x": i, "y": None if i % 4 == 0 else "y%d" % i} for i in range(n)], nullable=False),
        Col("l", pa.list_(pa.field("element", pa.int64(), nullable=False)),
            [list(range(i % 4)) for i in range(n)], nullable=False),
    ]
    pyarrow_fixture("pa_required", cols, "REQUIRED (non-nullable) fields: no definition levels; a required "
                    "struct with a required and an optional child; a required list of required items")

    structs_and_lists()
    legacy_lists()

    # uint64 beyond Int64.max: dsw has no unsigned 64-bit type, so reading must fail.
    path = OUT / "uint64_overflow.parquet"
    pq.write_table(pa.table({"id": pa.array([0, 1, 2], pa.int64()),
                             "u": pa.array([1, 2**63, 2**64 - 1], pa.uint64())}), path)
    (OUT / "uint64_overflow.expected.json").write_text(json.dumps({
        "error": "column u is UINT_64 / INT(64, unsigned) and row 1 holds 9223372036854775808 "
                 "(row 2: 18446744073709551615), beyond Int64.max; reading the column must fail "
                 "with an error naming the column, not wrap to a negative Int64"}, indent=2) + "\n")
    record(path, "pyarrow", "uint64 values above Int64.max; expected is an error (uint64_overflow.expected.json)")

    # Dates and timestamps past dsw's range (about 273,000 years either side of 1970): a
    # date32 and a timestamp can hold more, so reading must fail rather than trap or wrap.
    # Int64's extremes are the values a careless writer uses as "missing".
    for name, column, what in [
            ("time_out_of_range_date", pa.array([0, 2**31 - 1], pa.date32()), "date32 2147483647"),
            ("time_out_of_range_us", pa.array([0, 2**63 - 1], pa.timestamp("us", tz="UTC")),
             "timestamp[us, UTC] Int64.max")]:
        path = OUT / (name + ".parquet")
        pq.write_table(pa.table({"id": pa.array([1, 2], pa.int64()), "t": column}), path)
        (OUT / (name + ".expected.json")).write_text(json.dumps({
            "error": "column t holds %s in row 1, outside the dates and times dsw holds; reading "
                     "the column must fail with an error naming it, not trap or wrap" % what}, indent=2) + "\n")
        record(path, "pyarrow", "%s, past dsw's time range; expected is an error (%s.expected.json)"
               % (what, name))
    # Nanoseconds floor to microseconds, down to Int64.min (1677-09-21 00:12:43.145224192).
    path = OUT / "time_nanos_min.parquet"
    pq.write_table(pa.table({"t": pa.array([-2**63, -1, 2**63 - 1], pa.timestamp("ns"))}), path)
    (OUT / "time_nanos_min.expected.json").write_text(json.dumps({
        "microseconds": [-9223372036854776, -1, 9223372036854775]}, indent=2) + "\n")
    record(path, "pyarrow", "timestamp[ns] at Int64.min, -1 and Int64.max; each floors to its microsecond "
           "(time_nanos_min.expected.json)")


def structs_and_lists():
    rng = random.Random(30)
    n = 30
    point = pa.struct([("x", pa.int64()), ("y", pa.string())])
    inner = pa.struct([("b", pa.int32()), ("c", pa.string())])
    outer = pa.struct([("a", inner), ("d", pa.float64())])
    deep = pa.struct([("p", pa.struct([("q", pa.struct([("r", pa.int64())]))]))])
    st = []
    nested = []
    deeps = []
    for i in range(n):
        st.append(None if i % 7 == 3 else {"x": None if i % 5 == 1 else i * 10, "y": None if i % 3 == 0 else "p%d" % i})
        if i % 6 == 0:
            nested.append(None)
        elif i % 6 == 1:
            nested.append({"a": None, "d": float(i)})
        elif i % 6 == 2:
            nested.append({"a": {"b": None, "c": None}, "d": None})
        else:
            nested.append({"a": {"b": i, "c": "c%d" % i}, "d": i / 4})
        deeps.append([None, {"p": None}, {"p": {"q": None}}, {"p": {"q": {"r": None}}}, {"p": {"q": {"r": i}}}][i % 5])
    cols = [Col("id", pa.int64(), list(range(n))), Col("st", point, st), Col("nested", outer, nested),
            Col("deep", deep, deeps), Col("after", pa.string(), ["z%d" % i for i in range(n)])]
    pyarrow_fixture("pa_struct", cols, "struct<x,y> with nulls at both levels, struct<a: struct<b,c>, d> "
                    "null at each level, three-deep struct p.q.r; flattened to parent.child columns",
                    row_group_size=12)

    n = 40
    li, ls, lst, mp, ll, lli, ld, lts, lf = [], [], [], [], [], [], [], [], []
    for i in range(n):
        k = i % 8
        li.append(None if k == 0 else [] if k == 1 else [rng.randint(-100, 100) if rng.random() > 0.15 else None
                                                         for _ in range(rng.randint(1, 5))])
        ls.append(None if k == 2 else [] if k == 3 else [rng.choice(["a", "b", "", "é\"q", "日本", None])
                                                         for _ in range(rng.randint(1, 4))])
        lst.append(None if k == 4 else [] if k == 5 else [None if rng.random() < 0.2 else
                                                          {"x": None if rng.random() < 0.2 else rng.randint(0, 9),
                                                           "y": rng.choice(["s", "t", None])}
                                                          for _ in range(rng.randint(1, 3))])
        mp.append(None if k == 6 else [] if k == 7 else [("k%d" % j, None if rng.random() < 0.2 else rng.randint(-9, 99))
                                                         for j in rng.sample(range(6), rng.randint(1, 3))])
        ll.append(None if k == 1 else [rng.randint(0, 2**40) for _ in range(rng.randint(0, 3))])
        lli.append(None if k == 5 else [None if rng.random() < 0.2 else [rng.randint(0, 9) for _ in range(rng.randint(0, 2))]
                                        for _ in range(rng.randint(0, 3))])
        ld.append(None if k == 0 else [dt.date(2024, 1, 1) + dt.timedelta(days=rng.randint(-40000, 400)), None])
        lts.append(None if k == 3 else [rng.randint(-10**15, 10**15), None])
        lf.append(None if k == 6 else [rng.choice([0.5, -0.0, 1.0, 2.25, 1e-3, 123456.75, None])
                                       for _ in range(rng.randint(0, 3))])
    cols = [
        Col("id", pa.int64(), list(range(n))),
        Col("li", pa.list_(pa.int64()), li),
        Col("ls", pa.list_(pa.string()), ls),
        Col("lst", pa.list_(pa.struct([("x", pa.int32()), ("y", pa.string())])), lst),
        Col("m", pa.map_(pa.string(), pa.int32()), mp),
        Col("ll", pa.large_list(pa.int64()), ll),
        Col("lli", pa.list_(pa.list_(pa.int16())), lli),
        Col("ld", pa.list_(pa.date32()), ld),
        Col("lts", pa.list_(pa.timestamp("us", tz="UTC")), lts),
        Col("lf", pa.list_(pa.float64()), lf),
    ]
    pyarrow_fixture("pa_lists", cols, "list<int64> (null, empty, null items), list<string>, list<struct<x,y>>, "
                    "map<string,int32> (null values), large_list, list<list<int16>>, list<date32>, "
                    "list<timestamp[us, UTC]>, list<double>; three-level LIST/MAP layout; several pages",
                    row_group_size=25, data_page_size=128, write_batch_size=8)
    pyarrow_fixture("pa_lists_item_name", cols[:4], "use_compliant_nested_type=False: three-level lists "
                    "whose leaf is named 'item' (pyarrow's non-compliant naming)", use_compliant_nested_type=False)


def legacy_lists():
    """Two-level and bare repeated lists, which pyarrow no longer writes: a pyarrow
    file whose levels already match is given the legacy schema in its footer."""
    rng = random.Random(31)
    n = 30
    ints_ = [None if i % 7 == 0 else [rng.randint(-50, 50) for _ in range(i % 4)] for i in range(n)]
    strs = [None if i % 5 == 1 else ["w%d" % rng.randint(0, 9) for _ in range(i % 3)] for i in range(n)]
    bare = [[rng.randint(0, 9) for _ in range(i % 3)] for i in range(n)]
    required_item = lambda t: pa.list_(pa.field("element", t, nullable=False))  # noqa: E731
    cols = [Col("id", pa.int64(), list(range(n))),
            Col("two_level_int", required_item(pa.int32()), ints_),
            Col("two_level_string", required_item(pa.string()), strs),
            Col("bare_repeated", required_item(pa.int64()), bare, nullable=False)]
    path = OUT / "legacy_two_level_list.parquet"
    tmp = OUT / "legacy.tmp.parquet"
    pq.write_table(table_of(cols), tmp, store_schema=False, use_dictionary=False, compression="none")
    data = tmp.read_bytes()
    tmp.unlink()
    meta, start = tc.read_footer(data)
    schema = tc.get(meta, 2)[1]
    # Schema order: root, id, two_level_int(group) list element, two_level_string ..., bare_repeated ...
    new = [schema[0], schema[1]]
    for i, name in ((2, b"two_level_int"), (5, b"two_level_string")):
        group, leaf = schema[i], schema[i + 2]
        tc.put(leaf, 3, tc.I32, 2)  # repeated
        tc.put(leaf, 4, tc.BINARY, b"array")  # the parquet-avro / parquet-mr name
        new += [group, leaf]
    leaf = schema[10]
    tc.put(leaf, 3, tc.I32, 2)
    tc.put(leaf, 4, tc.BINARY, b"bare_repeated")
    tc.drop(leaf, 10)  # logical type stays INT(64) only; no LIST annotation anywhere
    new.append(leaf)
    tc.put(schema[0], 5, tc.I32, 4)
    meta[[f[0] for f in meta].index(2)][2] = (tc.STRUCT, new)
    paths = {2: [b"two_level_int", b"array"], 3: [b"two_level_string", b"array"], 4: [b"bare_repeated"]}
    for rg in tc.get(meta, 4)[1]:
        chunks = tc.get(rg, 1)[1]
        for ci, p in paths.items():
            tc.put(tc.get(chunks[ci - 1], 3), 3, tc.LIST, (tc.BINARY, p))
    path.write_bytes(tc.write_footer(data[:start], meta))
    columns = expected_columns(cols)
    ex.write_expected(OUT / "legacy_two_level_list.expected.jsonl", columns)
    record(path, "pyarrow + footer rewrite",
           "legacy lists: two-level `optional group (LIST) { repeated int32 array; }` for int32 and string, "
           "and a bare `repeated int64` field with no LIST annotation (a required list); pages untouched "
           "because the definition/repetition levels are identical", columns)


# ---------------------------------------------------------------------------
# DuckDB fixtures.

def sql_literal(value):
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "'nan'::DOUBLE"
        if math.isinf(value):
            return "'%sinf'::DOUBLE" % ("-" if value < 0 else "")
        return repr(value) + "::DOUBLE"
    if isinstance(value, D):
        return "'%s'" % value
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    if isinstance(value, uuid.UUID):
        return "'%s'::UUID" % value
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            return "TIMESTAMPTZ '%s'" % value.isoformat(" ")
        return "TIMESTAMP '%s'" % value.isoformat(" ")
    if isinstance(value, dt.date):
        return "DATE '%s'" % value.isoformat()
    if isinstance(value, ex.Map):
        return "MAP {%s}" % ", ".join("%s: %s" % (sql_literal(k), sql_literal(v)) for k, v in value.items)
    if isinstance(value, list):
        return "[" + ", ".join(sql_literal(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join("'%s': %s" % (k, sql_literal(v)) for k, v in value.items()) + "}"
    if isinstance(value, NanoTime):
        return "'%s'::TIMESTAMP_NS" % value.text()
    raise TypeError(value)


class NanoTime:
    def __init__(self, ns):
        self.ns = ns

    def text(self):
        seconds, frac = divmod(self.ns, 10**9)
        return (ex.EPOCH + dt.timedelta(seconds=seconds)).strftime("%Y-%m-%d %H:%M:%S") + ".%09d" % frac


def duckdb_columns(seed, n):
    rng = random.Random(seed)
    moods = ["sad", "ok", "happy"]
    offsets = [dt.timezone(dt.timedelta(hours=h, minutes=m)) for h, m in ((0, 0), (2, 0), (-5, 0), (5, 30))]
    tstz = [None if rng.random() < 0.1 else
            dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc).astimezone(rng.choice(offsets))
            + dt.timedelta(microseconds=rng.randint(-10**15, 3 * 10**15)) for _ in range(n)]
    tstz[0] = dt.datetime(1969, 12, 31, 23, 59, 59, 999999, tzinfo=offsets[2])
    ts = [None if rng.random() < 0.1 else ex.EPOCH + dt.timedelta(microseconds=rng.randint(-2 * 10**15, 4 * 10**15))
          for _ in range(n)]
    ts[0] = dt.datetime(1969, 12, 31, 23, 59, 59, 999999)
    ns = raw_times(rng, n, "ns")
    # (name, SQL type, arrow type for the expectation, python values, literal values)
    cols = [
        ("id", "BIGINT", pa.int64(), list(range(n))),
        ("i8", "TINYINT", pa.int8(), ints(rng, pa.int8(), n)),
        ("i16", "SMALLINT", pa.int16(), ints(rng, pa.int16(), n)),
        ("i32", "INTEGER", pa.int32(), ints(rng, pa.int32(), n)),
        ("i64", "BIGINT", pa.int64(), ints(rng, pa.int64(), n)),
        ("u8", "UTINYINT", pa.uint8(), ints(rng, pa.uint8(), n)),
        ("u32", "UINTEGER", pa.uint32(), ints(rng, pa.uint32(), n)),
        ("u64", "UBIGINT", pa.uint64(), ints(rng, pa.uint64(), n)),
        ("f32", "FLOAT", pa.float32(), [v if v is None or not math.isfinite(v) or abs(v) < 3e38 else 3e38
                                        for v in doubles(rng, n)]),
        ("f64", "DOUBLE", pa.float64(), doubles(rng, n)),
        ("dec_4_1", "DECIMAL(4,1)", pa.decimal128(4, 1), decimals(rng, n, 4, 1)),
        ("dec_15_3", "DECIMAL(15,3)", pa.decimal128(15, 3), decimals(rng, n, 15, 3)),
        ("dec_30_5", "DECIMAL(30,5)", pa.decimal128(30, 5), decimals(rng, n, 30, 5)),
        ("d", "DATE", pa.date32(), dates(rng, n)),
        ("ts", "TIMESTAMP", pa.timestamp("us"), ts),
        ("tstz", "TIMESTAMPTZ", pa.timestamp("us", tz="UTC"), tstz),
        ("ts_ns", "TIMESTAMP_NS", pa.timestamp("ns"), ns),
        ("s", "VARCHAR", pa.string(), strings(rng, n, words=[w for w in WORDS if "\u0000" not in w])),
        ("b", "BOOLEAN", pa.bool_(), bools(rng, n)),
        ("u", "UUID", pa.uuid(), uuids(rng, n)),
        ("mood", "mood", pa.string(), [None if rng.random() < 0.1 else rng.choice(moods) for _ in range(n)]),
    ]
    return cols


def duckdb_nested_columns(n):
    rng = random.Random(40)
    st, nested, li, ls, lst, mp = [], [], [], [], [], []
    for i in range(n):
        st.append(None if i % 6 == 2 else {"x": None if i % 4 == 1 else i, "y": None if i % 5 == 0 else "v%d" % i})
        nested.append(None if i % 7 == 0 else {"a": None if i % 7 == 1 else {"b": i, "c": "c%d" % (i % 3)}, "d": i * 0.5})
        li.append(None if i % 8 == 0 else [] if i % 8 == 1 else [None if rng.random() < 0.15 else rng.randint(-99, 99)
                                                                 for _ in range(rng.randint(1, 4))])
        ls.append(None if i % 8 == 2 else [] if i % 8 == 3 else [rng.choice(["a", "b", "", "ü", None])
                                                                 for _ in range(rng.randint(1, 3))])
        lst.append(None if i % 8 == 4 else [] if i % 8 == 5 else [{"x": rng.randint(0, 9), "y": rng.choice(["s", None])}
                                                                  for _ in range(rng.randint(1, 3))])
        mp.append(None if i % 8 == 6 else ex.Map([] if i % 8 == 7 else
                                                 [("k%d" % j, None if rng.random() < 0.2 else rng.randint(0, 99))
                                                  for j in rng.sample(range(5), rng.randint(1, 3))]))
    inner = pa.struct([("b", pa.int32()), ("c", pa.string())])
    return [
        ("id", "BIGINT", pa.int64(), list(range(n))),
        ("st", "STRUCT(x BIGINT, y VARCHAR)", pa.struct([("x", pa.int64()), ("y", pa.string())]), st),
        ("nested", "STRUCT(a STRUCT(b INTEGER, c VARCHAR), d DOUBLE)",
         pa.struct([("a", inner), ("d", pa.float64())]), nested),
        ("li", "BIGINT[]", pa.list_(pa.int64()), li),
        ("ls", "VARCHAR[]", pa.list_(pa.string()), ls),
        ("lst", "STRUCT(x INTEGER, y VARCHAR)[]", pa.list_(pa.struct([("x", pa.int32()), ("y", pa.string())])), lst),
        ("m", "MAP(VARCHAR, INTEGER)", pa.map_(pa.string(), pa.int32()), mp),
    ]


def duckdb_fixture(name, cols, covers, options, check=True):
    con = duckdb.connect()
    con.execute("SET threads = 1")
    con.execute("CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')")
    con.execute("CREATE TABLE t (%s)" % ", ".join('"%s" %s' % (c[0], c[1]) for c in cols))
    n = len(cols[0][3])
    rows = ["(" + ", ".join(sql_literal(NanoTime(c[3][i]) if c[1] == "TIMESTAMP_NS" and c[3][i] is not None
                                        else c[3][i]) for c in cols) + ")" for i in range(n)]
    con.execute("INSERT INTO t VALUES " + ", ".join(rows))
    path = OUT / (name + ".parquet")
    con.execute("COPY (SELECT * FROM t ORDER BY id) TO '%s' (FORMAT parquet, %s)" % (path, options))
    con.close()
    columns = []
    for c in cols:
        columns += ex.flatten(c[0], c[2], c[3])
    ex.write_expected(OUT / (name + ".expected.jsonl"), columns)
    record(path, "duckdb", covers + " [COPY options: %s]" % options, columns if check else None)
    if not check:
        check_against_polars(path, columns)


def duckdb_fixtures():
    for codec in ("zstd", "snappy", "gzip", "uncompressed"):
        duckdb_fixture("duckdb_types_" + codec, duckdb_columns(50, 50),
                       "DuckDB scalar types: TINYINT..BIGINT, UTINYINT/UINTEGER/UBIGINT, FLOAT, DOUBLE, "
                       "DECIMAL(4,1)/(15,3)/(30,5), DATE, TIMESTAMP, TIMESTAMPTZ, TIMESTAMP_NS, VARCHAR, "
                       "BOOLEAN, UUID, ENUM; codec %s" % codec.upper(),
                       "COMPRESSION %s" % codec)
    tame = duckdb_columns(51, 50)
    rng = random.Random(52)
    for index, c in enumerate(tame):
        if c[0] in ("i32", "u32"):  # see duckdb_v2_wide_delta below
            lo = -2**30 if c[0] == "i32" else 0
            tame[index] = c[:3] + ([None if v is None else rng.randint(lo, 2**30) for v in c[3]],)
    duckdb_fixture("duckdb_types_v2", tame,
                   "DuckDB PARQUET_VERSION v2 (DELTA_BINARY_PACKED, DELTA_LENGTH_BYTE_ARRAY, data page v2); "
                   "INT32 columns kept within +-2^30",
                   "COMPRESSION zstd, PARQUET_VERSION v2")
    wide = [c for c in duckdb_columns(51, 50) if c[0] in ("id", "i32", "u32", "i64")]
    duckdb_fixture("duckdb_v2_wide_delta", wide,
                   "DuckDB PARQUET_VERSION v2 with INT32 / UINTEGER columns holding min and max next to each "
                   "other: DuckDB's DELTA_BINARY_PACKED pages for these INT32 columns are rejected by pyarrow "
                   "26 ('Unexpected end of stream: InitBlock EOF') but read by Polars and DuckDB; the delta "
                   "between -2^31 and 2^31-1 does not fit 32 bits unless it wraps. A reader should either read "
                   "the values given here or fail with an error, never return wrong numbers",
                   "COMPRESSION uncompressed, PARQUET_VERSION v2", check=False)
    duckdb_fixture("duckdb_nested", duckdb_nested_columns(40),
                   "DuckDB STRUCT (nulls at both levels), nested STRUCT, BIGINT[], VARCHAR[], STRUCT[], "
                   "MAP(VARCHAR, INTEGER)", "COMPRESSION snappy")


# ---------------------------------------------------------------------------
# Polars fixtures.

def polars_fixture(name, compression, seed, n, **options):
    rng = random.Random(seed)
    levels = ["lo", "mid", "hi"]
    i64 = ints(rng, pa.int64(), n)
    ms = raw_times(rng, n, "ms")
    us = raw_times(rng, n, "us")
    ns = raw_times(rng, n, "ns")
    ns_tz = raw_times(rng, n, "ns")
    cat = [None if rng.random() < 0.1 else rng.choice(["red", "green", "blue", "ünï"]) for _ in range(n)]
    enum = [None if rng.random() < 0.1 else rng.choice(levels) for _ in range(n)]
    st = [None if i % 9 == 4 else {"x": None if i % 5 == 0 else i, "y": None if i % 4 == 1 else "y%d" % i}
          for i in range(n)]
    li = [None if i % 8 == 0 else [] if i % 8 == 1 else [None if rng.random() < 0.1 else rng.randint(-9, 9)
                                                         for _ in range(rng.randint(1, 4))] for i in range(n)]
    ls = [None if i % 8 == 2 else [rng.choice(["a", "é", "", None]) for _ in range(rng.randint(0, 3))] for i in range(n)]
    cols = [
        ("id", pl.Int64, pa.int64(), list(range(n))),
        ("i8", pl.Int8, pa.int8(), ints(rng, pa.int8(), n)),
        ("i16", pl.Int16, pa.int16(), ints(rng, pa.int16(), n)),
        ("i32", pl.Int32, pa.int32(), ints(rng, pa.int32(), n)),
        ("i64", pl.Int64, pa.int64(), i64),
        ("u8", pl.UInt8, pa.uint8(), ints(rng, pa.uint8(), n)),
        ("u16", pl.UInt16, pa.uint16(), ints(rng, pa.uint16(), n)),
        ("u32", pl.UInt32, pa.uint32(), ints(rng, pa.uint32(), n)),
        ("u64", pl.UInt64, pa.uint64(), ints(rng, pa.uint64(), n)),
        ("f32", pl.Float32, pa.float32(), doubles(rng, n)),
        ("f64", pl.Float64, pa.float64(), doubles(rng, n)),
        ("s", pl.String, pa.string(), strings(rng, n)),
        ("b", pl.Boolean, pa.bool_(), bools(rng, n)),
        ("d", pl.Date, pa.date32(), dates(rng, n)),
        ("dt_ms", pl.Datetime("ms"), pa.timestamp("ms"), ms),
        ("dt_us", pl.Datetime("us"), pa.timestamp("us"), us),
        ("dt_ns", pl.Datetime("ns"), pa.timestamp("ns"), ns),
        ("dt_ns_paris", pl.Datetime("ns", "Europe/Paris"), pa.timestamp("ns", tz="Europe/Paris"), ns_tz),
        ("dec", pl.Decimal(10, 2), pa.decimal128(10, 2), decimals(rng, n, 10, 2)),
        ("cat", pl.Categorical, pa.string(), cat),
        ("enum", pl.Enum(levels), pa.string(), enum),
        ("st", pl.Struct({"x": pl.Int64, "y": pl.String}), pa.struct([("x", pa.int64()), ("y", pa.string())]), st),
        ("li", pl.List(pl.Int64), pa.list_(pa.int64()), li),
        ("ls", pl.List(pl.String), pa.list_(pa.string()), ls),
    ]
    series = []
    for cname, pdtype, _, values in cols:
        if isinstance(pdtype, pl.Datetime) or pdtype == pl.Datetime:
            s = pl.Series(cname, values, dtype=pl.Int64).cast(pl.Datetime(pdtype.time_unit))
            if pdtype.time_zone:
                s = s.dt.replace_time_zone("UTC").dt.convert_time_zone(pdtype.time_zone)
        else:
            s = pl.Series(cname, values, dtype=pdtype)
        series.append(s)
    frame = pl.DataFrame(series)
    path = OUT / (name + ".parquet")
    frame.write_parquet(path, compression=compression, **options)
    columns = []
    for cname, _, atype, values in cols:
        columns += ex.flatten(cname, atype, values)
    ex.write_expected(OUT / (name + ".expected.jsonl"), columns)
    opts = ", ".join("%s=%r" % kv for kv in sorted(options.items()))
    record(path, "polars", "Polars native writer: Int8..UInt64, Float32/64, String, Boolean, Date, Datetime "
           "ms/us/ns (naive and Europe/Paris), Decimal(10,2), Categorical, Enum, Struct, List; compression "
           "%s [%s]" % (compression, opts), columns)


def polars_fixtures():
    polars_fixture("polars_zstd", "zstd", 60, 24, row_group_size=12, data_page_size=256, statistics=True)
    polars_fixture("polars_lz4", "lz4", 61, 30, statistics=False)
    polars_fixture("polars_snappy", "snappy", 62, 30, statistics="full")
    polars_fixture("polars_uncompressed", "uncompressed", 63, 24, row_group_size=12)


# ---------------------------------------------------------------------------
# Hive partitions and a glob set.

def hive_fixture():
    rng = random.Random(70)
    base = OUT / "hive"
    rows = []
    next_id = 0
    for day in ("2024-01-01", "2024-01-02", "2024-01-03"):
        for country in ("FR", "US"):
            n = rng.randint(2, 4)
            ids = list(range(next_id, next_id + n))
            next_id += n
            values = [None if rng.random() < 0.15 else round(rng.uniform(0, 100), 2) for _ in ids]
            names = [rng.choice(["ann", "bob", "zoé", None]) for _ in ids]
            folder = base / ("date=" + day) / ("country=" + country)
            folder.mkdir(parents=True, exist_ok=True)
            pq.write_table(pa.table({"id": pa.array(ids, pa.int64()), "value": pa.array(values, pa.float64()),
                                     "name": pa.array(names, pa.string())}), folder / "part-0.parquet")
            record(folder / "part-0.parquet", "pyarrow", "hive partition %s/%s" % (day, country))
            for row in zip(ids, values, names):
                rows.append(row + (dt.date.fromisoformat(day), country))
    rows.sort(key=lambda r: r[0])
    columns = [("id", "int", "int64", [r[0] for r in rows]),
               ("value", "double", "double", [None if r[1] is None else ex.double(r[1]) for r in rows]),
               ("name", "string", "string", [r[2] for r in rows]),
               ("date", "date", "hive partition", [ex.days(r[3]) for r in rows]),
               ("country", "string", "hive partition", [r[4] for r in rows])]
    ex.write_expected(OUT / "hive.expected.jsonl", columns, {"sort_by": "id", "glob": "hive/**/*.parquet"})
    # An independent read: DuckDB's hive partitioning over the folder.
    got = duckdb.sql("SELECT id, value, name, (date - DATE '1970-01-01')::BIGINT, country FROM "
                     "read_parquet('%s/**/*.parquet', hive_partitioning = true, hive_types = "
                     "{'date': DATE, 'country': VARCHAR}) ORDER BY id" % base).fetchall()
    want = list(zip(*[c[3] for c in columns]))
    assert [tuple(r) for r in got] == want, (got[:3], want[:3])
    MANIFEST.append({"file": "hive.expected.jsonl", "writer": "make-fixtures.py", "writer_version": "",
                     "covers": "union of hive/date=*/country=*/part-0.parquet (3 dates x 2 countries) with "
                               "partition columns date (date) and country (string) appended; sorted by id"})


def multi_fixture():
    rng = random.Random(71)
    layouts = [["id", "a", "b", "c"], ["c", "id", "b", "a"], ["id", "b", "a"]]
    types = {"id": pa.int64(), "a": pa.float64(), "b": pa.string(), "c": pa.date32()}
    gen = {"a": lambda: None if rng.random() < 0.2 else round(rng.uniform(-10, 10), 3),
           "b": lambda: rng.choice(["x", "y", "", "ñ", None]),
           "c": lambda: None if rng.random() < 0.2 else dt.date(2020, 1, 1) + dt.timedelta(days=rng.randint(0, 2000))}
    rows = []
    next_id = 100
    (OUT / "multi").mkdir(parents=True, exist_ok=True)
    for index, layout in enumerate(layouts):
        n = 4 + index
        data = {"id": list(range(next_id, next_id + n))}
        next_id += n
        for column in layout[1:] if layout[0] == "id" else layout:
            if column != "id":
                data[column] = [gen[column]() for _ in range(n)]
        path = OUT / "multi" / ("part-%d.parquet" % index)
        pq.write_table(pa.table({c: pa.array(data[c], types[c]) for c in layout}), path)
        record(path, "pyarrow", "glob member, columns in order %s" % ",".join(layout))
        for i in range(n):
            rows.append(tuple(data.get(c, [None] * n)[i] for c in ("id", "a", "b", "c")))
    rows.sort(key=lambda r: r[0])
    columns = [("id", "int", "int64", [r[0] for r in rows]),
               ("a", "double", "double", [None if r[1] is None else ex.double(r[1]) for r in rows]),
               ("b", "string", "string", [r[2] for r in rows]),
               ("c", "date", "date32", [None if r[3] is None else ex.days(r[3]) for r in rows])]
    ex.write_expected(OUT / "multi.expected.jsonl", columns, {"sort_by": "id", "glob": "multi/part-*.parquet"})
    got = duckdb.sql("SELECT id, a, b, (c - DATE '1970-01-01')::BIGINT FROM read_parquet('%s/multi/part-*.parquet', "
                     "union_by_name = true) ORDER BY id" % OUT).fetchall()
    assert [tuple(r) for r in got] == list(zip(*[c[3] for c in columns]))
    MANIFEST.append({"file": "multi.expected.jsonl", "writer": "make-fixtures.py", "writer_version": "",
                     "covers": "union by name of multi/part-*.parquet: part-1 has another column order, part-2 "
                               "lacks c (nulls); columns in first-seen order, sorted by id"})


# ---------------------------------------------------------------------------
# Hostile files.

HOSTILE = []
# (name, bytes, what is wrong) of each hostile/fuzz_*.parquet, read before the folder is emptied.
FUZZ_FOUND = []


def hostile(name, data, how, wrong, error_check=None):
    path = OUT / "hostile" / name
    path.write_bytes(data)
    message = "pyarrow %s reads it without an error" % pa.__version__
    try:
        if error_check:
            error_check(path)
        else:
            pq.read_table(path)
    except Exception as error:
        text = str(error).replace(str(path), path.name).splitlines()[0]
        message = "%s: %s" % (type(error).__name__, text[:140])
    (OUT / "hostile" / (Path(name).stem + ".expected.json")).write_text(
        json.dumps({"error": wrong}, indent=2, ensure_ascii=False) + "\n")
    HOSTILE.append((name, how, wrong, message))
    record(path, "hostile", "%s. %s" % (how, wrong))
    MANIFEST[-1]["pyarrow_error"] = message


def base_file(codec="none", n=200, checksum=False):
    buffer = pa.BufferOutputStream()
    rng = random.Random(80)
    pq.write_table(pa.table({"v": pa.array([rng.randint(0, 10**12) for _ in range(n)], pa.int64())}), buffer,
                   compression=codec, use_dictionary=False, write_page_checksum=checksum, store_schema=False)
    return buffer.getvalue().to_pybytes()


def edit_first_page(data, header_edit=None, body_edit=None):
    """Rewrites the first page of the only column chunk and fixes the footer sizes."""
    meta, start = tc.read_footer(data)
    rg = tc.get(meta, 4)[1][0]
    column = tc.get(tc.get(rg, 1)[1][0], 3)
    offset, header, length = next(tc.chunk_pages(data, column))
    old_page_len = length + tc.get(header, 3)
    body = bytearray(data[offset + length: offset + old_page_len])
    if body_edit:
        body = body_edit(body)
        tc.put(header, 3, tc.I32, len(body))
    if header_edit:
        header_edit(header)
    page = tc.encode_struct(header) + bytes(body)
    delta = len(page) - old_page_len
    tc.put(column, 7, tc.I64, tc.get(column, 7) + delta)
    tc.put(rg, 6, tc.I64, tc.get(rg, 6, 0) + delta)
    return tc.write_footer(data[:offset] + page + data[offset + old_page_len:start], meta)


def hostile_fixtures():
    (OUT / "hostile").mkdir(parents=True, exist_ok=True)
    good = base_file()
    meta_len = int.from_bytes(good[-8:-4], "little")
    footer_start = len(good) - 8 - meta_len

    hostile("truncated_file.parquet", good[: len(good) * 3 // 5],
            "a valid 200-row int64 file cut to its first 60%",
            "no trailing PAR1 magic; the footer is gone")
    footer = good[footer_start:-8]
    half = footer[: len(footer) // 2]
    hostile("truncated_footer.parquet", good[:footer_start] + half + len(half).to_bytes(4, "little") + b"PAR1",
            "the footer's Thrift bytes cut in half and the footer length set to the half",
            "magic and length are consistent but FileMetaData ends in the middle of a struct")
    hostile("bad_magic_head.parquet", b"PAR0" + good[4:], "first four bytes changed to PAR0",
            "leading magic is not PAR1")
    hostile("bad_magic_tail.parquet", good[:-4] + b"PARE", "last four bytes changed to PARE",
            "trailing magic is not PAR1")
    hostile("footer_length_past_file.parquet", good[:-8] + (len(good) + 1000).to_bytes(4, "little") + b"PAR1",
            "footer length set to the file size + 1000", "the footer would start before the file")
    hostile("footer_length_huge.parquet", good[:-8] + (0xFFFFFFFF).to_bytes(4, "little") + b"PAR1",
            "footer length set to 0xFFFFFFFF", "footer length of 4 GiB in a small file (must not allocate it)")
    hostile("zero_length_footer.parquet", b"PAR1" + (0).to_bytes(4, "little") + b"PAR1",
            "12 bytes: PAR1, a zero footer length, PAR1", "empty FileMetaData: required fields missing")
    hostile("empty.parquet", b"", "a zero-byte file", "too short to hold magic and footer")

    meta, _ = tc.read_footer(good)
    column = tc.get(tc.get(tc.get(meta, 4)[1][0], 1)[1][0], 3)
    tc.put(column, 9, tc.I64, len(good) + 4096)
    hostile("page_offset_past_file.parquet", tc.write_footer(good[:footer_start], meta),
            "the column chunk's data_page_offset set to file size + 4096",
            "the column chunk starts beyond the end of the file")
    meta, _ = tc.read_footer(good)
    tc.put(meta, 3, tc.I64, 5000)
    tc.put(tc.get(meta, 4)[1][0], 3, tc.I64, 5000)
    hostile("row_count_lie.parquet", tc.write_footer(good[:footer_start], meta),
            "FileMetaData.num_rows and RowGroup.num_rows set to 5000; the pages hold 200 values",
            "the pages run out before the declared row count",
            lambda p: pq.read_table(p).validate(full=True))

    def flip_middle(body):
        for i in range(len(body) // 3, len(body) // 3 + 8):
            body[i] ^= 0x5A
        return body

    hostile("corrupt_page_gzip.parquet", edit_first_page(base_file("gzip"), body_edit=flip_middle),
            "a GZIP int64 file with 8 bytes XOR 0x5A a third of the way into the first data page's compressed "
            "body", "the deflate stream is broken or its CRC32 does not match")

    def zstd_magic(body):
        for i in range(4):
            body[i] ^= 0xFF
        return body

    hostile("corrupt_page_zstd.parquet", edit_first_page(base_file("zstd"), body_edit=zstd_magic),
            "a ZSTD int64 file whose first data page's zstd frame magic (28 B5 2F FD) is XOR 0xFF",
            "the page is not a zstd frame (flipping bytes in the middle of a zstd frame without a content "
            "checksum can decode silently to other numbers, so the magic is broken instead)")

    def snappy_length(body):
        body[0:1] = b"\xff\xff\x03"  # the preamble: uncompressed length 65535 instead of the real one
        return body

    hostile("corrupt_page_snappy.parquet", edit_first_page(base_file("snappy"), body_edit=snappy_length),
            "a SNAPPY int64 file whose first page's snappy preamble (varint uncompressed length) is replaced by "
            "65535; compressed_page_size adjusted",
            "snappy's own length disagrees with the page header and the stream decodes to the wrong size")

    def wrong_crc(header):
        tc.put(header, 4, tc.I32, tc.get(header, 4) ^ 0x00010000)

    hostile("wrong_page_crc.parquet", edit_first_page(base_file("snappy", checksum=True), header_edit=wrong_crc),
            "written with write_page_checksum=True; the first page header's crc XOR 0x10000, page bytes intact",
            "CRC32 of the page does not match the header (only detectable when verifying checksums)",
            lambda p: pq.read_table(p, page_checksum_verification=True))

    def huge_compressed(header):
        tc.put(header, 3, tc.I32, 2**31 - 1)

    hostile("page_size_huge.parquet", edit_first_page(good, header_edit=huge_compressed),
            "first page header's compressed_page_size set to 2147483647",
            "the page claims 2 GiB, past the column chunk and the file (must not allocate it)")

    def negative_size(header):
        tc.put(header, 3, tc.I32, -5)

    hostile("page_size_negative.parquet", edit_first_page(good, header_edit=negative_size),
            "first page header's compressed_page_size set to -5", "negative page size")

    def huge_uncompressed(header):
        tc.put(header, 2, tc.I32, 2**31 - 1)

    hostile("uncompressed_size_huge.parquet", edit_first_page(base_file("snappy"), header_edit=huge_uncompressed),
            "a SNAPPY file whose first page header's uncompressed_page_size is 2147483647 (body intact)",
            "declared decompressed size disagrees with the data (must not allocate 2 GiB up front)")

    # Files the fuzzer found are kept as they were found, with what they test.
    for name, data, wrong in FUZZ_FOUND:
        hostile(name, data, "found by `scripts/fuzz.sh parquet`", wrong)

    lines = ["# Hostile Parquet files", "",
             "Each file must make the reader fail with an error (never crash, hang or allocate",
             "gigabytes). `NAME.expected.json` holds `{\"error\": \"...\"}` describing the problem;",
             "the test only needs an error, not that text. All start from pyarrow writing one",
             "int64 column `v` of 200 rows, one row group, dictionary off. Made by",
             "`scripts/parquet/make-fixtures.py`. The last column is what pyarrow does with the",
             "file, for reference only: pyarrow does not check everything a reader should.", "",
             "| file | how it was made | what is wrong | pyarrow %s |" % pa.__version__,
             "| --- | --- | --- | --- |"]
    lines += ["| `%s` | %s | %s | %s |" % (a, b, c, d.replace("|", "/")) for a, b, c, d in HOSTILE]
    (OUT / "hostile" / "README.md").write_text("\n".join(lines) + "\n")


# ---------------------------------------------------------------------------

VERSIONS = {}


def manifest_text(manifest):
    """Indented JSON with one line per column chunk summary, to stay small."""
    compact = lambda value: json.dumps(value, ensure_ascii=False, separators=(", ", ": "))  # noqa: E731
    lines = ["{"]
    for key in ("generated_by", "versions", "note"):
        lines.append("  %s: %s," % (compact(key), compact(manifest[key])))
    lines.append('  "files": [')
    for i, entry in enumerate(manifest["files"]):
        lines.append("    {")
        items = [(k, v) for k, v in entry.items()]
        for j, (k, v) in enumerate(items):
            end = "," if j < len(items) - 1 else ""
            if k == "columns":
                lines.append('      "columns": [')
                lines += ["        " + compact(c) + ("," if n < len(v) - 1 else "") for n, c in enumerate(v)]
                lines.append("      ]" + end)
            else:
                lines.append("      %s: %s%s" % (compact(k), compact(v), end))
        lines.append("    }" + ("," if i < len(manifest["files"]) - 1 else ""))
    lines += ["  ]", "}"]
    text = "\n".join(lines) + "\n"
    json.loads(text)
    return text


def main():
    global OUT
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    OUT = args.out.resolve()
    VERSIONS.update({"pyarrow": pa.__version__, "duckdb": duckdb.__version__, "polars": pl.__version__,
                     "numpy": np.__version__, "python": "%d.%d.%d" % sys.version_info[:3]})
    VERSIONS["hostile"] = "pyarrow " + pa.__version__
    # Keep README.md (hand-written) and the fuzzer's findings; replace everything else.
    for path in sorted((OUT / "hostile").glob("fuzz_*.parquet")):
        wrong = json.loads(path.with_suffix(".expected.json").read_text())["error"]
        FUZZ_FOUND.append((path.name, path.read_bytes(), wrong))
    if OUT.exists():
        for entry in OUT.iterdir():
            if entry.name == "README.md":
                continue
            shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
    OUT.mkdir(parents=True, exist_ok=True)
    pyarrow_fixtures()
    duckdb_fixtures()
    polars_fixtures()
    hive_fixture()
    multi_fixture()
    hostile_fixtures()
    manifest = {"generated_by": "scripts/parquet/make-fixtures.py", "versions": VERSIONS,
                "note": "columns[]: per leaf column, over all row groups: physical type, logical (or converted) "
                        "type, codec(s), encodings listed in the footer (enc), encodings named by the page "
                        "headers themselves (page_enc, dictionary pages say PLAIN), page counts by type, "
                        "pages carrying a CRC, whether statistics are set; all read from the file",
                "files": sorted(MANIFEST, key=lambda e: e["file"])}
    (OUT / "manifest.json").write_text(manifest_text(manifest))
    total = sum(p.stat().st_size for p in OUT.rglob("*") if p.is_file())
    largest = max((p.stat().st_size, p.name) for p in OUT.rglob("*.parquet"))
    print("wrote %d entries, %d bytes in all; largest parquet %s (%d bytes)"
          % (len(MANIFEST), total, largest[1], largest[0]))


if __name__ == "__main__":
    main()
