"""The expected-values format shared by make-fixtures.py and check-roundtrip.py.

See Tests/DSWParquetTests/Fixtures/parquet/README.md for the contract. Values
are computed from Python input values plus the Arrow type they were written as;
they never come from reading a Parquet file back.
"""
import datetime as dt
import decimal
import json
import math
import uuid

import numpy as np
import pyarrow as pa

EPOCH_DATE = dt.date(1970, 1, 1)
EPOCH = dt.datetime(1970, 1, 1)
EPOCH_UTC = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)
MICRO = dt.timedelta(microseconds=1)
UNIT_MICROS = {"s": 1_000_000, "ms": 1_000, "us": 1}


class Map:
    """A map value as (key, value) pairs in file order."""

    def __init__(self, items):
        self.items = list(items)


def double(value):
    """A double as the expected file writes it."""
    value = float(value)
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    return value


def is_uuid(t):
    return getattr(t, "extension_name", None) == "arrow.uuid"


def storage(t):
    if is_uuid(t):
        return t
    if isinstance(t, pa.BaseExtensionType):
        return storage(t.storage_type)
    if pa.types.is_dictionary(t):
        return storage(t.value_type)
    return t


def is_list(t):
    return (pa.types.is_list(t) or pa.types.is_large_list(t) or pa.types.is_fixed_size_list(t)
            or pa.types.is_list_view(t))


def dsw_type(t):
    t = storage(t)
    if is_uuid(t):
        return "string"
    if pa.types.is_integer(t):
        return "int"
    if pa.types.is_floating(t) or pa.types.is_decimal(t):
        return "double"
    if pa.types.is_boolean(t):
        return "bool"
    if (pa.types.is_string(t) or pa.types.is_large_string(t) or pa.types.is_binary(t)
            or pa.types.is_large_binary(t) or pa.types.is_fixed_size_binary(t)):
        return "string"
    if pa.types.is_date32(t) or pa.types.is_date64(t):
        return "date"
    if pa.types.is_timestamp(t):
        return "timestamp"
    if is_list(t) or pa.types.is_map(t):
        return "string"
    raise ValueError("no dsw type for %s" % t)


def micros(value, unit):
    """Microseconds since the epoch; ints are raw counts of `unit`."""
    if hasattr(value, "value") and hasattr(value, "nanosecond"):  # pandas.Timestamp
        return value.value // 1000
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            return (value - EPOCH_UTC) // MICRO
        return (value - EPOCH) // MICRO
    value = int(value)
    if unit == "ns":
        return value // 1000  # floor: toward negative infinity
    return value * UNIT_MICROS[unit]


def days(value):
    if isinstance(value, dt.date):
        return (value - EPOCH_DATE).days
    return int(value)


def hex_bytes(value):
    if isinstance(value, uuid.UUID):
        return value.bytes.hex()
    return bytes(value).hex()


def float_of(value, t):
    if value is None:
        return None
    if pa.types.is_float16(t):
        with np.errstate(over="ignore"):
            return float(np.float16(value))
    if pa.types.is_float32(t):
        with np.errstate(over="ignore"):
            return float(np.float32(value))
    return float(value)


def scalar(value, t):
    """The expected value of a non-struct column."""
    if value is None:
        return None
    t = storage(t)
    if is_uuid(t):
        return hex_bytes(value)
    if pa.types.is_integer(t):
        return int(value)
    if pa.types.is_floating(t):
        return double(float_of(value, t))
    if pa.types.is_decimal(t):
        return double(float(decimal.Decimal(value)))
    if pa.types.is_boolean(t):
        return bool(value)
    if pa.types.is_string(t) or pa.types.is_large_string(t):
        return str(value)
    if pa.types.is_binary(t) or pa.types.is_large_binary(t) or pa.types.is_fixed_size_binary(t):
        return hex_bytes(value)
    if pa.types.is_date32(t):
        return days(value)
    if pa.types.is_timestamp(t):
        return micros(value, t.unit)
    if is_list(t) or pa.types.is_map(t):
        return json_text(json_value(value, t))
    raise ValueError("no expected value for %s" % t)


def json_text(value):
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def iso_micros(us):
    return (EPOCH + dt.timedelta(microseconds=us)).strftime("%Y-%m-%dT%H:%M:%S.%f") + "Z"


def json_value(value, t):
    """A value inside a list or map column's JSON text."""
    if value is None:
        return None
    t = storage(t)
    if is_uuid(t):
        return hex_bytes(value)
    if is_list(t):
        return [json_value(item, t.value_type) for item in value]
    if pa.types.is_map(t):
        items = value.items if isinstance(value, Map) else value
        if isinstance(items, dict):
            items = list(items.items())
        return {str(json_value(k, t.key_type)): json_value(v, t.item_type) for k, v in items}
    if pa.types.is_struct(t):
        return {f.name: json_value(value.get(f.name), f.type) for f in t}
    if pa.types.is_date32(t):
        return (EPOCH_DATE + dt.timedelta(days=days(value))).isoformat()
    if pa.types.is_timestamp(t):
        return iso_micros(micros(value, t.unit))
    return scalar(value, t)


def flatten(name, t, values):
    """[(column name, dsw type, source type, expected values)] for one input column."""
    s = storage(t)
    if pa.types.is_struct(s):
        out = []
        for field in s:
            child = [None if v is None else v.get(field.name) for v in values]
            out += flatten(name + "." + field.name, field.type, child)
        return out
    return [(name, dsw_type(t), str(t), [scalar(v, t) for v in values])]


def write_expected(path, columns, extra=None):
    """columns: flatten() output, in column order."""
    header = {"columns": [{"name": n, "type": ty, "from": src} for n, ty, src, _ in columns]}
    if extra:
        header.update(extra)
    rows = len(columns[0][3]) if columns else 0
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(json_text(header) + "\n")
        for i in range(rows):
            handle.write(json_text([c[3][i] for c in columns]) + "\n")


def read_expected(path):
    with open(path, encoding="utf-8") as handle:
        lines = [line for line in handle.read().split("\n") if line]
    header = json.loads(lines[0])
    return header, [json.loads(line) for line in lines[1:]]


def same(expected, got):
    """Equality in the expected file's terms: doubles by bits, so -0.0 != 0.0, NaN == NaN."""
    if isinstance(expected, float) or isinstance(got, float):
        if type(expected) is not type(got):
            return False
        return math.copysign(1, expected) == math.copysign(1, got) and expected == got
    return type(expected) is type(got) and expected == got
