/// The features of a model read out of a table: one typed array per feature.
///
/// Numeric features are doubles with NaN for missing; categorical features
/// are category codes with -1 for missing or unseen strings.
struct FeatureFrame: Sendable, Hashable {
  enum Values: Sendable, Hashable {
    case numeric([Double])
    case categorical([Int32])

    var count: Int {
      switch self {
      case .numeric(let numbers): numbers.count
      case .categorical(let codes): codes.count
      }
    }
  }

  var values: [Values]
  var rowCount: Int

  /// The rows in `range`, for work done a block at a time.
  func rows(_ range: Range<Int>) -> FeatureFrame {
    FeatureFrame(
      values: values.map { values in
        switch values {
        case .numeric(let numbers): .numeric(Array(numbers[range]))
        case .categorical(let codes): .categorical(Array(codes[range]))
        }
      }, rowCount: range.count)
  }

  /// Calls `body` on consecutive blocks of rows, polling Ctrl-C before each:
  /// scoring a few thousand rows takes a few milliseconds even through
  /// hundreds of trees.
  func forEachBlock(
    limits: ExecutionLimits, _ body: (FeatureFrame) throws(Diagnostic) -> Void
  ) throws(Diagnostic) {
    if rowCount <= Self.scoringBlock {
      try limits.poll()
      try body(self)
      return
    }
    for start in stride(from: 0, to: rowCount, by: Self.scoringBlock) {
      try limits.poll()
      try body(rows(start..<min(start + Self.scoringBlock, rowCount)))
    }
  }

  static let scoringBlock = 8192

  /// Reads `specs` from `table`, on `rows` (all rows when nil), checking that
  /// each feature is present with a compatible type.
  static func extract(
    _ specs: [FeatureSpec], from table: Table, rows: [Int]? = nil, span: SourceSpan? = nil
  ) throws(Diagnostic) -> FeatureFrame {
    var values: [Values] = []
    values.reserveCapacity(specs.count)
    for (position, spec) in specs.enumerated() {
      // A table made for the model (a scoring request) holds its features
      // in the model's order: look there before searching by name.
      let column =
        position < table.columnCount && table.names[position] == spec.name
        ? table.columns[position] : table.column(named: spec.name)
      guard let column else {
        throw LearnDiagnostics.missingFeature(spec.name, at: span)
      }
      guard spec.accepts(column.type) else {
        throw LearnDiagnostics.featureType(
          spec.name, expected: spec.type, actual: column.type, at: span)
      }
      switch spec.encoding {
      case .numeric: values.append(.numeric(numeric(column, rows: rows)))
      case .categorical(let categories):
        values.append(
          .categorical(
            categoryCodes(
              column, categories: categories, groupsOthers: spec.groupsOthers, rows: rows)))
      }
    }
    return FeatureFrame(values: values, rowCount: rows?.count ?? table.rowCount)
  }

  /// A column as doubles, NaN where null; dates count days, timestamps fractional days.
  static func numeric(_ column: Column, rows: [Int]?) -> [Double] {
    let count = rows?.count ?? column.count
    var result = [Double](repeating: .nan, count: count)
    func fill(_ convert: (Int) -> Double) {
      if let rows {
        for (index, row) in rows.enumerated() where !column.isNull(row) {
          result[index] = convert(row)
        }
      } else {
        for row in 0..<count where !column.isNull(row) { result[row] = convert(row) }
      }
    }
    switch column.storage {
    case .int(let payload), .date(let payload): fill { Double(payload[$0]) }
    case .double(let payload): fill { payload[$0] }
    case .bool(let payload): fill { payload[$0] ? 1 : 0 }
    case .timestamp(let payload):
      let microsPerDay = Double(CivilTime.microsPerDay)
      fill { Double(payload[$0]) / microsPerDay }
    case .string: break
    }
    return result
  }

  /// A string column as codes into `categories`; -1 for null, and for
  /// unseen strings unless `groupsOthers`, when they take the last code.
  static func categoryCodes(
    _ column: Column, categories: [String], groupsOthers: Bool = false, rows: [Int]?
  ) -> [Int32] {
    let count = rows?.count ?? column.count
    guard case .string(let codes, let dictionary) = column.storage else {
      return [Int32](repeating: -1, count: count)
    }
    let named = groupsOthers ? categories.dropLast() : categories[...]
    let unseen: Int32 = groupsOthers ? Int32(categories.count - 1) : -1
    let translate: [Int32]
    if dictionary.count * named.count <= 256 {
      // A few strings (a scoring request's rows): searching the categories
      // costs less than hashing every one of them into a lookup table.
      translate = dictionary.strings.map { string in
        named.firstIndex(of: string).map { Int32($0) } ?? unseen
      }
    } else {
      var indexOf: [String: Int32] = [:]
      for (index, category) in named.enumerated() { indexOf[category] = Int32(index) }
      translate = dictionary.strings.map { indexOf[$0] ?? unseen }
    }
    var result = [Int32](repeating: -1, count: count)
    for index in 0..<count {
      let code = Int(codes[rows?[index] ?? index])
      if code >= 0 { result[index] = translate[code] }
    }
    return result
  }
}
