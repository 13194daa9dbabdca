/// Where one value of a record is, and what kind of JSON value it is.
struct JSONCell {
  enum Kind: UInt8 {
    case int, double, bool
    /// An integer literal beyond Int64: kept as text, never rounded.
    case bigInteger
    /// A string literal without escapes: its text is the bytes inside the quotes.
    case string
    case escapedString
    /// An array, kept as its JSON text.
    case jsonText
  }

  var row: Int
  /// The value's bytes in the document (quotes included for strings).
  var start: Int
  var end: Int
  var kind: Kind
}

/// The cells of every column met so far, by dotted path, in first-appearance order.
struct JSONColumns {
  /// What became of a recorded cell.
  enum Outcome {
    case kept
    /// Its path is past the first `limit` distinct ones; no cell is kept.
    case overLimit
    /// Another key of the same record, nested differently, made the same
    /// column (`{"a": {"b": 1}, "a.b": 2}`).
    case clash
  }

  private var paths = ByteStringTable()
  private var cells: [[JSONCell]] = []
  /// Per column, the key shape of its last cell (see `record`).
  private var lastShapes: [UInt64] = []

  /// Distinct dotted paths met so far, kept or not.
  var keyCount: Int { paths.count }

  /// Records a cell under its dotted path. Past the first `limit` distinct
  /// paths no cell is kept: the scan goes on only to count them for the error.
  ///
  /// `shape` tells how the path was made of keys (a hash of where its keys
  /// end). The same path twice in one record with the same shape is a
  /// repeated key, and the later value wins, as in most parsers; with another
  /// shape it is two different keys meeting in one column, which is refused.
  mutating func record(
    _ cell: JSONCell, path: UnsafeBufferPointer<UInt8>, shape: UInt64, limit: Int
  ) -> Outcome {
    var zero: UInt8 = 0
    let column = Int(
      path.baseAddress.map { paths.intern($0, path.count) }
        ?? withUnsafePointer(to: &zero) { paths.intern($0, 0) })
    if column >= limit { return .overLimit }
    if column == cells.count {
      cells.append([])
      lastShapes.append(shape)
    }
    if let last = cells[column].last, last.row == cell.row {
      guard lastShapes[column] == shape else { return .clash }
      cells[column][cells[column].count - 1] = cell
    } else {
      cells[column].append(cell)
      lastShapes[column] = shape
    }
    return .kept
  }

  /// The columns, each typed over all its values, and the integer columns
  /// kept as text so that no digit is lost.
  func table(base: UnsafePointer<UInt8>, rowCount: Int) -> (Table, [IntegerTextColumn]) {
    let names = paths.strings()
    var columns: [Column] = []
    var integerText: [IntegerTextColumn] = []
    var scratch: [UInt8] = []
    for column in cells.indices {
      var (kind, lossy) = inferKind(cells[column], base: base, scratch: &scratch)
      if kind == .double, let inexact = firstInexactInteger(cells[column], base: base) {
        kind = .string
        lossy = (inexact, .inexactAsDouble)
      }
      if let lossy {
        integerText.append(
          IntegerTextColumn(name: names[column], example: lossy.example, reason: lossy.reason))
      }
      columns.append(
        JSONColumnBuilder.build(
          cells[column], kind: kind, base: base, rowCount: rowCount, scratch: &scratch))
    }
    return (Table(names: names, columns: columns, rowCount: rowCount), integerText)
  }

  /// The first int cell a double cannot hold exactly, as written.
  private func firstInexactInteger(_ cells: [JSONCell], base: UnsafePointer<UInt8>) -> String? {
    for cell in cells where cell.kind == .int {
      let start = base + cell.start
      let count = cell.end - cell.start
      if let value = ByteNumberParser.parseInt(start, count), Double(exactly: value) == nil {
        return ByteNumberParser.text(start, count)
      }
    }
    return nil
  }

  private func inferKind(
    _ cells: [JSONCell], base: UnsafePointer<UInt8>, scratch: inout [UInt8]
  ) -> (InferredKind, (example: String, reason: IntegerTextColumn.Reason)?) {
    var kind = InferredKind.unknown
    for cell in cells {
      let cellKind: InferredKind
      switch cell.kind {
      case .int: cellKind = .int
      case .double: cellKind = .double
      case .bool: cellKind = .bool
      case .bigInteger:
        let text = ByteNumberParser.text(base + cell.start, cell.end - cell.start)
        return (.string, (text, .beyondInt64))
      case .escapedString, .jsonText: cellKind = .string
      case .string:
        let start = base + cell.start + 1
        let count = cell.end - cell.start - 2
        if ByteNumberParser.parseDate(start, count) != nil {
          cellKind = .date
        } else if ByteNumberParser.parseTimestamp(start, count, scratch: &scratch) != nil {
          cellKind = .timestamp
        } else {
          cellKind = .string
        }
      }
      kind = kind.joined(with: cellKind)
      if kind == .string { break }
    }
    return (kind, nil)
  }
}

/// Converts one column's cells to typed storage once its kind is known.
enum JSONColumnBuilder {
  static func build(
    _ cells: [JSONCell], kind: InferredKind, base: UnsafePointer<UInt8>, rowCount: Int,
    scratch: inout [UInt8]
  ) -> Column {
    var validity = Bitmap(count: rowCount, value: false)
    for cell in cells { validity.set(cell.row) }
    switch kind {
    case .int, .double, .date, .timestamp, .bool:
      return typed(cells, kind: kind, base: base, rowCount: rowCount, validity: validity)
    case .string, .unknown:
      var strings = ByteStringTable()
      var codes = [Int32](repeating: -1, count: rowCount)
      for cell in cells {
        if cell.kind == .escapedString {
          JSONStrings.decodeLiteral(base, start: cell.start, end: cell.end, into: &scratch)
          var zero: UInt8 = 0
          codes[cell.row] = scratch.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.map { strings.intern($0, buffer.count) }
              ?? withUnsafePointer(to: &zero) { strings.intern($0, 0) }
          }
        } else if cell.kind == .string {
          codes[cell.row] = strings.intern(base + cell.start + 1, cell.end - cell.start - 2)
        } else {
          codes[cell.row] = strings.intern(base + cell.start, cell.end - cell.start)
        }
      }
      return Column(
        storage: .string(
          codes: codes, dictionary: StringDictionary(uniqueStrings: strings.strings())),
        validity: validity)
    }
  }

  private static func typed(
    _ cells: [JSONCell], kind: InferredKind, base: UnsafePointer<UInt8>, rowCount: Int,
    validity: Bitmap
  ) -> Column {
    var scratch: [UInt8] = []
    switch kind {
    case .double:
      var values = [Double](repeating: 0, count: rowCount)
      for cell in cells {
        values[cell.row] =
          ByteNumberParser.parseDouble(base + cell.start, cell.end - cell.start) ?? 0
      }
      return Column(storage: .double(values), validity: validity)
    case .bool:
      var values = [Bool](repeating: false, count: rowCount)
      for cell in cells { values[cell.row] = base[cell.start] == UInt8(ascii: "t") }
      return Column(storage: .bool(values), validity: validity)
    default:
      var values = [Int64](repeating: 0, count: rowCount)
      for cell in cells {
        let start = base + cell.start
        let count = cell.end - cell.start
        switch kind {
        case .int: values[cell.row] = ByteNumberParser.parseInt(start, count) ?? 0
        case .date: values[cell.row] = ByteNumberParser.parseDate(start + 1, count - 2) ?? 0
        default:
          values[cell.row] =
            ByteNumberParser.parseTimestamp(start + 1, count - 2, scratch: &scratch) ?? 0
        }
      }
      let storage: Column.Storage =
        kind == .int ? .int(values) : kind == .date ? .date(values) : .timestamp(values)
      return Column(storage: storage, validity: validity)
    }
  }
}
