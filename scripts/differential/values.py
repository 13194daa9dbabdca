"""Values as both engines see them: calendar arithmetic, dsw's text forms, and
reading the CSV files dsw exports.

A value in this package is a plain Python value tagged by its column type:
int -> int, double -> float, bool -> bool, string -> str, date -> int (days
since 1970-01-01), timestamp -> int (microseconds since 1970-01-01T00:00Z).
"""

import math
import re

MICROS_PER_DAY = 86_400_000_000
MAX_DAYS = 100_000_000  # dsw's range for dates and timestamps (both ways, inclusive)
MAX_MICROS = MAX_DAYS * MICROS_PER_DAY
INT_MIN = -(2**63)
INT_MAX = 2**63 - 1

TYPES = ("int", "double", "bool", "string", "date", "timestamp")


def days_from_civil(year, month, day):
    """Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm)."""
    year -= month <= 2
    era = year // 400  # floor division: Hinnant's adjustment for C's truncation
    yoe = year - era * 400
    doy = (153 * (month + (-3 if month > 2 else 9)) + 2) // 5 + day - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def civil_from_days(days):
    days += 719468
    era = days // 146097
    doe = days - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    year = yoe + era * 400
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    day = doy - (153 * mp + 2) // 5 + 1
    month = mp + (3 if mp < 10 else -9)
    return year + (month <= 2), month, day


def _pad(value, width):
    digits = str(abs(value)).rjust(width, "0")
    return "-" + digits if value < 0 else digits


def date_text(days):
    year, month, day = civil_from_days(days)
    return f"{_pad(year, 4)}-{month:02d}-{day:02d}"


def timestamp_text(micros):
    days = micros // MICROS_PER_DAY
    in_day = micros - days * MICROS_PER_DAY
    seconds, fraction = divmod(in_day, 1_000_000)
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    text = f"{date_text(days)}T{hours:02d}:{minutes:02d}:{seconds:02d}"
    if fraction:
        text += "." + f"{fraction:06d}".rstrip("0")
    return text + "Z"


def double_text(value):
    """dsw's plain text of a double (casts, concat): shortest round trip."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "-Infinity" if value < 0 else "Infinity"
    return repr(value)


def plain_text(value, type_name):
    """The text dsw writes for a value in `cast(x, "string")` and `concat`."""
    if type_name == "double":
        return double_text(value)
    if type_name == "bool":
        return "true" if value else "false"
    if type_name == "date":
        return date_text(value)
    if type_name == "timestamp":
        return timestamp_text(value)
    return str(value)


_DATE = re.compile(r"^(-?\d{4,})-(\d\d)-(\d\d)")
_TIME = re.compile(r"T(\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?Z$")


def parse_date_text(text):
    match = _DATE.match(text)
    if not match:
        raise ValueError(f"not a date: {text!r}")
    return days_from_civil(int(match[1]), int(match[2]), int(match[3]))


def parse_timestamp_text(text):
    days = parse_date_text(text)
    match = _TIME.search(text)
    if not match:
        raise ValueError(f"not a timestamp: {text!r}")
    fraction = int((match[4] or "0").ljust(6, "0"))
    seconds = int(match[1]) * 3600 + int(match[2]) * 60 + int(match[3])
    return days * MICROS_PER_DAY + seconds * 1_000_000 + fraction


def parse_export_value(text, quoted, type_name):
    """One field of a CSV that dsw exported (escape_formulas off)."""
    if text == "" and not quoted:
        return None
    if type_name == "string":
        return text
    if type_name == "int":
        return int(text)
    if type_name == "double":
        return float(text)  # accepts nan, inf, -inf, 1e+20
    if type_name == "bool":
        return {"true": True, "false": False}[text]
    if type_name == "date":
        return parse_date_text(text)
    if type_name == "timestamp":
        return parse_timestamp_text(text)
    raise ValueError(type_name)


def read_csv_records(data):
    """Splits CSV text into records of (text, was_quoted) fields."""
    records, fields = [], []
    field, quoted, index, length = [], False, 0, len(data)
    at_start = True
    while index < length:
        char = data[index]
        if at_start and char == '"':
            quoted, at_start = True, False
            index += 1
            while index < length:
                char = data[index]
                if char == '"':
                    if index + 1 < length and data[index + 1] == '"':
                        field.append('"')
                        index += 2
                        continue
                    index += 1
                    break
                field.append(char)
                index += 1
            continue
        if char == ",":
            fields.append(("".join(field), quoted))
            field, quoted, at_start = [], False, True
        elif char == "\n" or char == "\r":
            if char == "\r" and index + 1 < length and data[index + 1] == "\n":
                index += 1
            fields.append(("".join(field), quoted))
            records.append(fields)
            fields, field, quoted, at_start = [], [], False, True
        else:
            field.append(char)
            at_start = False
        index += 1
    if field or fields or quoted:
        fields.append(("".join(field), quoted))
        records.append(fields)
    return records


def read_export(path, types):
    """Columns and rows of an exported CSV, typed by `types`."""
    with open(path, encoding="utf-8", newline="") as handle:
        records = read_csv_records(handle.read())
    if not records:
        return [], []
    header = [text for text, _ in records[0]]
    rows = []
    for record in records[1:]:
        if len(record) != len(types):
            raise ValueError(f"{path}: {len(record)} fields, expected {len(types)}")
        rows.append(
            tuple(parse_export_value(t, q, ty) for (t, q), ty in zip(record, types))
        )
    return header, rows


def csv_field(value, type_name):
    """A value as a field of an input CSV for dsw: null is empty, "" is quoted."""
    if value is None:
        return ""
    if type_name == "string":
        if value == "" or any(c in value for c in ',"\n\r') or value != value.strip():
            return '"' + value.replace('"', '""') + '"'
        return value
    if type_name == "double":
        return repr(value)
    if type_name == "date":
        return date_text(value)
    if type_name == "timestamp":
        return timestamp_text(value)
    return plain_text(value, type_name)
