"""Random small tables: written as CSV for dsw and loaded into DuckDB with
explicit types, so both engines hold the same values.

Every column has at least one non-null value whose text fixes its type, so
dsw's CSV inference gives the intended type (an all-null column would load
as a string column). Tables have at least one row for the same reason: a
header-only CSV loads as string columns.
"""

import unicodedata

from values import INT_MAX, INT_MIN, csv_field, days_from_civil, MICROS_PER_DAY

SMALL_INTS = list(range(-3, 6))
EDGE_INTS = [INT_MAX, INT_MIN, INT_MAX - 1, INT_MIN + 1, 2**31, -(2**31), 2**53 + 1, 10**18]
PLAIN_DOUBLES = [x / 4 for x in range(-40, 41)]
SPECIAL_DOUBLES = [
    -0.0, 0.0, 0.1, -0.3, 1e15, -1e15, 1e150, -1e150, 5e-324,
    2.2250738585072014e-308, 1e-300, 123456.789, 2.5, -2.5, 0.5, 1e16, 9007199254740993.0,
]
# Unicode on purpose: accents precomposed and decomposed, case pairs whose
# mapping changes length, scripts without case, emoji, and CSV specials.
WORDS = ["a", "b", "A", "B", "abc", "ABC", "x y", "héllo", "ÉCOLE", "straße", "Σίσυφος",
         "日本", "👍", "e\u0301", "é", "ǆ", "İ", "ﬁ", "a,b", 'q"uote', "line\nbreak",
         " pad ", "tab\there", "-lead", "=sum", "NaN", "true", "12", "2024-01-01", "null",
         "Zz", "aa", "a_b", "a b", "ß", "Ω", "ω", "ΣΑΣ", "\u00a0nbsp"]
PLAIN_WORDS = ["a", "b", "abc", "Zz", "aa", "x y"]
GROUP_WORDS = ["a", "b", "c", "A", ""]
NUMERIC_STRINGS = ["1", " 12 ", "-7", "+3", "2.5", "1e3", "NaN", "inf", "-inf", "0", "-0",
                   "9223372036854775807", "-9223372036854775808", "9223372036854775808",
                   "0.1", " -2.5 ", "1e400", "abc", "", "true", "no", "T", " 2024-02-29 ",
                   "2024-01-01T10:00:00Z", "2024-01-01 23:59:59+01:00", "2024-13-01"]
BASE_DAYS = days_from_civil(2024, 1, 1)
EDGE_DATES = [days_from_civil(*ymd) for ymd in [
    (1969, 12, 31), (1970, 1, 1), (2000, 2, 29), (2024, 2, 29), (2023, 12, 31), (1, 1, 1),
    (9999, 12, 31), (1582, 10, 10), (1900, 3, 1), (2024, 1, 31)]]


class Table:
    """A named table: ordered (name, type) columns and rows of values."""

    def __init__(self, name, columns, rows):
        self.name = name
        self.columns = columns
        self.rows = rows

    def types(self):
        return dict(self.columns)

    def csv(self):
        lines = [",".join(name for name, _ in self.columns)]
        for row in self.rows:
            lines.append(",".join(csv_field(v, t) for v, (_, t) in zip(row, self.columns)))
        return "\n".join(lines) + "\n"

    def subset(self, rows=None, columns=None):
        keep = [i for i, (n, _) in enumerate(self.columns) if columns is None or n in columns]
        chosen = self.rows if rows is None else [self.rows[i] for i in rows]
        return Table(self.name, [self.columns[i] for i in keep],
                     [tuple(r[i] for i in keep) for r in chosen])

    def is_loadable(self):
        """True when dsw's inference gives the declared types (a non-null value each)."""
        if not self.rows:
            return False
        if len(self.columns) == 1 and any(r[0] is None for r in self.rows):
            return False  # a null is an empty line, which CSV readers skip
        for index, (_, type_name) in enumerate(self.columns):
            values = [r[index] for r in self.rows if r[index] is not None]
            if not values:
                return False
            if type_name == "string" and not any(v in PLAIN_WORDS for v in values):
                return False
        return True


def nfc_only(words):
    return [w for w in words if unicodedata.is_normalized("NFC", w)]


class DataGenerator:
    def __init__(self, rng, options=None):
        self.rng = rng
        avoid = (options or {}).get("avoid_known", ())
        # Canonically equivalent strings ("é" and "e" + U+0301) compare equal in dsw.
        self.words = nfc_only(WORDS) if "canonical_equivalence" in avoid else WORDS

    def nullable(self, make, null_rate=0.15):
        return None if self.rng.random() < null_rate else make()

    def value(self, kind):
        r = self.rng
        if kind == "key":
            return r.choice([0, 1, 2, 3, 4, -1])
        if kind == "int":
            roll = r.random()
            if roll < 0.6:
                return r.choice(SMALL_INTS)
            if roll < 0.95:
                return r.randint(-1000, 1000)
            return r.choice(EDGE_INTS)
        if kind == "bigint":
            return r.choice(EDGE_INTS) if r.random() < 0.3 else r.randint(-10**6, 10**6)
        if kind == "double":
            roll = r.random()
            if roll < 0.8:
                return r.choice(PLAIN_DOUBLES)
            return r.choice(SPECIAL_DOUBLES)
        if kind == "double_key":
            return r.choice([0.0, 1.0, 2.0, -0.0, 1.5, 3.0])
        if kind == "bool":
            return r.random() < 0.5
        if kind == "string":
            return r.choice(self.words) if r.random() < 0.7 else r.choice(PLAIN_WORDS)
        if kind == "group":
            return r.choice(GROUP_WORDS)
        if kind == "numstr":
            return r.choice(NUMERIC_STRINGS)
        if kind == "date":
            roll = r.random()
            if roll < 0.7:
                return BASE_DAYS + r.randint(-400, 400)
            return r.choice(EDGE_DATES)
        if kind == "timestamp":
            roll = r.random()
            day = self.value("date")
            if roll < 0.3:
                return day * MICROS_PER_DAY
            if roll < 0.6:
                return day * MICROS_PER_DAY + r.randint(0, 86399) * 1_000_000
            if roll < 0.9:
                return day * MICROS_PER_DAY + r.randint(0, MICROS_PER_DAY - 1)
            return r.choice([-1, 0, MICROS_PER_DAY - 1, EDGE_DATES[5] * MICROS_PER_DAY,
                             (EDGE_DATES[6] + 1) * MICROS_PER_DAY - 1])
        raise ValueError(kind)

    @staticmethod
    def column_type(kind):
        return {"key": "int", "int": "int", "bigint": "int", "double": "double",
                "double_key": "double", "bool": "bool", "string": "string", "group": "string",
                "numstr": "string", "date": "date", "timestamp": "timestamp"}[kind]

    def table(self, name, spec, max_rows):
        """A table with columns `spec` [(name, kind)] and 1..max_rows rows."""
        r = self.rng
        columns = [(n, self.column_type(k)) for n, k in spec]
        for _ in range(100):
            count = r.randint(1, max_rows)
            null_rate = r.choice([0.0, 0.1, 0.2, 0.4])
            rows = [tuple(self.nullable(lambda k=k: self.value(k), null_rate) for _, k in spec)
                    for _ in range(count)]
            table = Table(name, columns, rows)
            self.fix_types(table, spec)
            if table.is_loadable():
                return table
        raise RuntimeError("could not make a loadable table")

    def fix_types(self, table, spec):
        """Puts a type-fixing value into each column that lacks one."""
        rows = [list(row) for row in table.rows]
        for index, (_, kind) in enumerate(spec):
            values = [row[index] for row in rows if row[index] is not None]
            type_name = self.column_type(kind)
            needs = not values
            if type_name == "string" and not any(v in PLAIN_WORDS for v in values):
                needs = True
            if needs:
                row = self.rng.randrange(len(rows))
                rows[row][index] = self.rng.choice(PLAIN_WORDS) if type_name == "string" \
                    else self.value(kind)
        table.rows = [tuple(row) for row in rows]

    def world(self):
        """The tables of one batch: t1 (wide), t2 and t3 (joinable, appendable)."""
        r = self.rng
        t1 = [("k", "key"), ("g", "group"), ("i", "int"), ("j", "bigint"), ("d", "double"),
              ("e", "double"), ("b", "bool"), ("s", "string"), ("dt", "date"),
              ("ts", "timestamp"), ("ns", "numstr")]
        t2 = [("k", r.choice(["key", "double_key"])), ("g", "group"),
              ("i", r.choice(["int", "double"])), ("x", "int"), ("s", "string"),
              ("dt", r.choice(["date", "timestamp"])), ("f", "double"), ("b", "bool")]
        t3 = [("k", "key"), ("dt", "date"), ("y", "group"), ("z", "double"), ("w", "int")]
        r.shuffle(t3)
        return [self.table("t1", t1, 10), self.table("t2", t2, 8), self.table("t3", t3, 6)]
