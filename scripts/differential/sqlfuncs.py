"""DuckDB functions that spell out dsw's documented behaviour where SQL has no
direct equivalent: text forms of values, what casts from strings accept,
grapheme-based `substr`, and the characters `trim` removes.
"""

import re
import unicodedata

import duckdb

from values import (MICROS_PER_DAY, date_text, days_from_civil, double_text,
                    timestamp_text)

# Swift's CharacterSet.whitespaces (tab and the space separators, Zs) and
# .whitespacesAndNewlines (plus the line and paragraph separators).
SPACES = "\t" + "".join(chr(c) for c in range(0x110000)
                        if unicodedata.category(chr(c)) == "Zs")
BLANKS = SPACES + "\n\r\x0b\x0c\x85\u2028\u2029"

_DOUBLE = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")
_SPECIAL = re.compile(r"[+-]?(nan|inf|infinity)$", re.IGNORECASE)


def is_double(text):
    """Whether dsw reads `text` as a double: decimal, or nan/inf/infinity (signed)."""
    if text is None:
        return None
    return bool(_DOUBLE.match(text) or _SPECIAL.match(text))


def parse_date(text):
    """Exactly YYYY-MM-DD, a valid day."""
    if text is None or not re.fullmatch(r"\d{4}-\d\d-\d\d", text):
        return None
    year, month, day = int(text[:4]), int(text[5:7]), int(text[8:10])
    if not 1 <= month <= 12 or day < 1:
        return None
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    days_in = [31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    if day > days_in:
        return None
    return days_from_civil(year, month, day)


_TIME = re.compile(r"[T ](\d\d):(\d\d)(?::(\d\d)(?:\.(\d+))?)?(Z|[+-]\d\d:\d\d)?$")


def parse_timestamp(text):
    """A date, optionally with `[T ]HH:MM[:SS[.fff]]` and `Z` or `±HH:MM`."""
    if text is None:
        return None
    days = parse_date(text[:10])
    if days is None:
        return None
    micros = days * MICROS_PER_DAY
    if len(text) == 10:
        return micros
    match = _TIME.match(text[10:])
    if not match:
        return None
    hour, minute = int(match[1]), int(match[2])
    if hour >= 24 or minute >= 60:
        return None
    micros += (hour * 3600 + minute * 60) * 1_000_000
    if match[3] is not None:
        second = int(match[3])
        if second >= 61:
            return None
        micros += second * 1_000_000
        if match[4]:
            micros += int(match[4][:6].ljust(6, "0"))
    zone = match[5]
    if zone and zone != "Z":
        offset = (int(zone[1:3]) * 3600 + int(zone[4:6]) * 60) * 1_000_000
        micros = micros - offset if zone[0] == "+" else micros + offset
    return micros


def graphemes(text):
    """An approximation of extended grapheme clusters, enough for the test strings."""
    clusters = []
    for char in text:
        joins = clusters and (
            unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Mc")
            or char in "\u200d\ufe0f" or 0x1F3FB <= ord(char) <= 0x1F3FF
            or clusters[-1].endswith("\u200d")
            or (clusters[-1] == "\r" and char == "\n"))
        if joins:
            clusters[-1] += char
        else:
            clusters.append(char)
    return clusters


def substr(text, start, count, has_count):
    """1-based; a start before 1 eats into the count; a negative count gives ""."""
    if text is None or start is None or (has_count and count is None):
        return None
    chars = graphemes(text)
    begin = start - 1
    end = begin + count if has_count else len(chars)
    begin, end = max(0, begin), min(len(chars), end)
    return "".join(chars[begin:end]) if begin < end else ""


def pad(text, length, fill, left):
    """lpad/rpad by character: pad with `fill` repeated to `length`, or cut to it."""
    if text is None or length is None or fill is None:
        return None
    chars = graphemes(text)
    if length <= len(chars):
        return "".join(chars[:max(length, 0)])
    filler = graphemes(fill)
    if not filler:
        return text
    need = length - len(chars)
    padding = "".join((filler * (need // len(filler) + 1))[:need])
    return padding + text if left else text + padding


def split_part(text, separator, index):
    if text is None or separator is None or index is None:
        return None
    parts = text.split(separator) if separator else [text]
    if index == 0 or abs(index) > len(parts):
        return ""
    return parts[index - 1] if index > 0 else parts[index]


def side_trim(text, characters, left):
    if text is None or characters is None:
        return None
    chars = graphemes(text)
    strip = set(graphemes(characters))
    if left:
        while chars and chars[0] in strip:
            chars.pop(0)
    else:
        while chars and chars[-1] in strip:
            chars.pop()
    return "".join(chars)


def like(text, pattern, fold):
    """SQL LIKE over characters (graphemes): % any run, _ any one, backslash escapes;
    `fold` (ilike) lowercases both sides first."""
    if text is None or pattern is None:
        return None
    if fold:
        text, pattern = case_map(text, False), case_map(pattern, False)
    chars, tokens, index = graphemes(text), [], 0
    marks = graphemes(pattern)
    while index < len(marks):
        mark = marks[index]
        if mark == "\\" and index + 1 < len(marks):
            tokens.append(("lit", marks[index + 1]))
            index += 2
            continue
        tokens.append(("any",) if mark == "%" else ("one",) if mark == "_" else ("lit", mark))
        index += 1
    # matches[j]: the first j tokens match the characters read so far
    matches = [True] + [False] * len(tokens)
    for j, token in enumerate(tokens):
        matches[j + 1] = matches[j] and token[0] == "any"
    for char in chars:
        step = [False] * (len(tokens) + 1)
        for j, token in enumerate(tokens):
            if token[0] == "any":
                step[j + 1] = step[j] or matches[j + 1]
            elif token[0] == "one" or token[1] == char:
                step[j + 1] = matches[j]
        matches = step
    return matches[-1]


def case_map(text, upper):
    if text is None:
        return None
    return "".join(c.upper() if upper else c.lower() for c in text)


def register(con):
    """Adds the dsw_* functions to a DuckDB connection."""
    try:
        from duckdb.sqltypes import BIGINT, BOOLEAN, DOUBLE, VARCHAR
    except ImportError:  # duckdb before 1.4
        from duckdb.typing import BIGINT, BOOLEAN, DOUBLE, VARCHAR

    def text_or_none(fn):
        return lambda value: None if value is None else fn(value)

    con.create_function("dsw_double_text", text_or_none(double_text), [DOUBLE], VARCHAR,
                        null_handling="special")
    con.create_function("dsw_date_text", text_or_none(date_text), [BIGINT], VARCHAR,
                        null_handling="special")
    con.create_function("dsw_timestamp_text", text_or_none(timestamp_text), [BIGINT], VARCHAR,
                        null_handling="special")
    con.create_function("dsw_is_double", is_double, [VARCHAR], BOOLEAN,
                        null_handling="special")
    con.create_function("dsw_parse_date", parse_date, [VARCHAR], BIGINT,
                        null_handling="special")
    con.create_function("dsw_parse_timestamp", parse_timestamp, [VARCHAR], BIGINT,
                        null_handling="special")
    con.create_function("dsw_substr", substr, [VARCHAR, BIGINT, BIGINT, BOOLEAN], VARCHAR,
                        null_handling="special")
    con.create_function("dsw_upper", lambda s: case_map(s, True), [VARCHAR], VARCHAR,
                        null_handling="special")
    con.create_function("dsw_lower", lambda s: case_map(s, False), [VARCHAR], VARCHAR,
                        null_handling="special")
    con.create_function("dsw_pad", pad, [VARCHAR, BIGINT, VARCHAR, BOOLEAN], VARCHAR,
                        null_handling="special")
    con.create_function("dsw_split_part", split_part, [VARCHAR, VARCHAR, BIGINT], VARCHAR,
                        null_handling="special")
    con.create_function("dsw_ltrim", lambda s, c: side_trim(s, c, True), [VARCHAR, VARCHAR],
                        VARCHAR, null_handling="special")
    con.create_function("dsw_rtrim", lambda s, c: side_trim(s, c, False), [VARCHAR, VARCHAR],
                        VARCHAR, null_handling="special")
    con.create_function("dsw_like", like, [VARCHAR, VARCHAR, BOOLEAN], BOOLEAN,
                        null_handling="special")
    con.execute("CREATE MACRO dsw_spaces() AS " + sql_literal(SPACES))
    con.execute("CREATE MACRO dsw_blanks() AS " + sql_literal(BLANKS))
    # Every argument is evaluated (an OR would stop early and skip an error).
    con.execute("CREATE MACRO dsw_replace(s, a, b) AS CASE WHEN (CASE WHEN s IS NULL THEN 1 "
                "ELSE 0 END) + (CASE WHEN a IS NULL THEN 1 ELSE 0 END) + (CASE WHEN b IS NULL "
                "THEN 1 ELSE 0 END) > 0 THEN NULL WHEN a = '' THEN s ELSE replace(s, a, b) END")


def sql_literal(text):
    return "'" + text.replace("'", "''") + "'"


def connect():
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    con.execute("SET threads = 1")
    # Evaluate steps in the order written: no filter pushdown past a step
    # that could raise an error, as dsw evaluates each step on its input.
    con.execute("PRAGMA disable_optimizer")
    register(con)
    return con
