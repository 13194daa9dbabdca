"""A small Thrift compact-protocol codec, enough to read and rewrite Parquet
footers and page headers without generated code.

A struct decodes to a list of [field_id, compact_type, value]; a list or set to
(element_type, [values]); a map to (key_type, value_type, [(key, value)]).
Encoding the decoded value gives back the same bytes, so a fixture can change
one field and keep everything else.
"""
import struct as _struct

STOP, TRUE, FALSE, BYTE, I16, I32, I64, DOUBLE, BINARY, LIST, SET, MAP, STRUCT = range(13)


class Reader:
    def __init__(self, buf, pos=0):
        self.buf = buf
        self.pos = pos

    def byte(self):
        value = self.buf[self.pos]
        self.pos += 1
        return value

    def varint(self):
        shift = 0
        result = 0
        while True:
            value = self.byte()
            result |= (value & 0x7F) << shift
            if value < 0x80:
                return result
            shift += 7

    def zigzag(self):
        n = self.varint()
        return (n >> 1) ^ -(n & 1)

    def struct(self):
        fields = []
        last = 0
        while True:
            header = self.byte()
            if header == STOP:
                return fields
            kind = header & 0x0F
            delta = header >> 4
            fid = last + delta if delta else self.zigzag()
            last = fid
            fields.append([fid, kind, self.value(kind)])

    def value(self, kind):
        if kind in (TRUE, FALSE):
            return kind == TRUE
        if kind == BYTE:
            return _struct.unpack("b", bytes([self.byte()]))[0]
        if kind in (I16, I32, I64):
            return self.zigzag()
        if kind == DOUBLE:
            value = _struct.unpack("<d", self.buf[self.pos:self.pos + 8])[0]
            self.pos += 8
            return value
        if kind == BINARY:
            n = self.varint()
            value = bytes(self.buf[self.pos:self.pos + n])
            if len(value) != n:
                raise ValueError("binary runs past the buffer")
            self.pos += n
            return value
        if kind in (LIST, SET):
            header = self.byte()
            n = header >> 4
            element = header & 0x0F
            if n == 15:
                n = self.varint()
            return (element, [self.element(element) for _ in range(n)])
        if kind == MAP:
            n = self.varint()
            if n == 0:
                return (0, 0, [])
            kinds = self.byte()
            key, val = kinds >> 4, kinds & 0x0F
            return (key, val, [(self.element(key), self.element(val)) for _ in range(n)])
        if kind == STRUCT:
            return self.struct()
        raise ValueError("unknown compact type %d" % kind)

    def element(self, kind):
        if kind in (TRUE, FALSE):
            return self.byte() == 1
        return self.value(kind)


def _varint(n):
    out = bytearray()
    while True:
        if n < 0x80:
            out.append(n)
            return bytes(out)
        out.append((n & 0x7F) | 0x80)
        n >>= 7


def _zigzag(n, bits=64):
    return _varint(((n << 1) ^ (n >> (bits - 1))) & ((1 << bits) - 1))


def encode_struct(fields):
    out = bytearray()
    last = 0
    for fid, kind, value in fields:
        if kind in (TRUE, FALSE):
            kind = TRUE if value else FALSE
        delta = fid - last
        if 0 < delta <= 15:
            out.append((delta << 4) | kind)
        else:
            out.append(kind)
            out += _zigzag(fid, 16)
        last = fid
        out += _encode_value(kind, value)
    out.append(STOP)
    return bytes(out)


def _encode_value(kind, value):
    if kind in (TRUE, FALSE):
        return b""
    if kind == BYTE:
        return _struct.pack("b", value)
    if kind == I16:
        return _zigzag(value, 16)
    if kind == I32:
        return _zigzag(value, 32)
    if kind == I64:
        return _zigzag(value, 64)
    if kind == DOUBLE:
        return _struct.pack("<d", value)
    if kind == BINARY:
        return _varint(len(value)) + value
    if kind in (LIST, SET):
        element, items = value
        head = bytes([(len(items) << 4) | element]) if len(items) < 15 else bytes([0xF0 | element]) + _varint(len(items))
        return head + b"".join(_encode_element(element, item) for item in items)
    if kind == MAP:
        key, val, items = value
        if not items:
            return b"\x00"
        return _varint(len(items)) + bytes([(key << 4) | val]) + b"".join(
            _encode_element(key, k) + _encode_element(val, v) for k, v in items)
    if kind == STRUCT:
        return encode_struct(value)
    raise ValueError("unknown compact type %d" % kind)


def _encode_element(kind, value):
    if kind in (TRUE, FALSE):
        return b"\x01" if value else b"\x02"
    return _encode_value(kind, value)


def get(fields, fid, default=None):
    for f, _, value in fields:
        if f == fid:
            return value
    return default


def put(fields, fid, kind, value):
    """Sets field `fid`, adding it in id order when it is missing."""
    for field in fields:
        if field[0] == fid:
            field[1], field[2] = kind, value
            return
    fields.append([fid, kind, value])
    fields.sort(key=lambda f: f[0])


def drop(fields, fid):
    fields[:] = [f for f in fields if f[0] != fid]


# Parquet file layout helpers.

def read_footer(data):
    """(FileMetaData fields, footer start offset)."""
    if data[:4] != b"PAR1" or data[-4:] != b"PAR1":
        raise ValueError("not a parquet file")
    length = int.from_bytes(data[-8:-4], "little")
    start = len(data) - 8 - length
    return Reader(data, start).struct(), start


def write_footer(body, meta):
    footer = encode_struct(meta)
    return body + footer + len(footer).to_bytes(4, "little") + b"PAR1"


PAGE_TYPES = {0: "DATA_PAGE", 1: "INDEX_PAGE", 2: "DICTIONARY_PAGE", 3: "DATA_PAGE_V2"}
ENCODINGS = {0: "PLAIN", 2: "PLAIN_DICTIONARY", 3: "RLE", 4: "BIT_PACKED", 5: "DELTA_BINARY_PACKED",
             6: "DELTA_LENGTH_BYTE_ARRAY", 7: "DELTA_BYTE_ARRAY", 8: "RLE_DICTIONARY",
             9: "BYTE_STREAM_SPLIT"}


def chunk_pages(data, column_meta):
    """Yields (offset, header fields, header length) for each page of a column chunk."""
    start = get(column_meta, 9)
    dictionary = get(column_meta, 11)
    if dictionary is not None and 0 < dictionary < start:
        start = dictionary
    end = start + get(column_meta, 7)
    pos = start
    while pos < end:
        reader = Reader(data, pos)
        header = reader.struct()
        yield pos, header, reader.pos - pos
        pos = reader.pos + get(header, 3)


def page_summary(data, column_meta):
    """Counts of pages by type and the encodings the data pages name."""
    counts = {}
    encodings = set()
    crcs = 0
    for _, header, _ in chunk_pages(data, column_meta):
        kind = PAGE_TYPES.get(get(header, 1), str(get(header, 1)))
        counts[kind] = counts.get(kind, 0) + 1
        if get(header, 4) is not None:
            crcs += 1
        for fid, enc_fid in ((5, 2), (8, 4), (7, 2)):
            sub = get(header, fid)
            if sub is not None:
                encodings.add(ENCODINGS.get(get(sub, enc_fid), str(get(sub, enc_fid))))
    return counts, sorted(encodings), crcs
