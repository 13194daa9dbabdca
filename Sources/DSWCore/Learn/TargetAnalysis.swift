/// Works out the task from the target column (DESIGN §4 "The task follows from
/// the target") and turns the target into numeric labels.
struct TargetAnalysis: Sendable {
  var task: ModelTask
  /// One label per table row: 1/0 for classification, the value for regression.
  var labels: [Double]
  /// The value that counts as positive, and the other one (classification only).
  var positive: Value?
  var negative: Value?

  static func analyze(
    _ column: Column, name: String, positive: Value?, positiveSpan: SourceSpan?,
    span: SourceSpan
  ) throws(Diagnostic) -> TargetAnalysis {
    var nullCount = column.nullCount
    if case .double(let payload) = column.storage {
      for (row, value) in payload.enumerated() where value.isNaN && !column.isNull(row) {
        nullCount += 1
      }
    }
    if nullCount > 0 { throw LearnDiagnostics.targetHasNulls(name, count: nullCount, at: span) }
    let distinct = distinctValues(column, limit: 3)
    if distinct.count == 1 {
      throw LearnDiagnostics.constantTarget(name, value: distinct[0], at: span)
    }
    switch column.storage {
    case .date, .timestamp:
      throw LearnDiagnostics.unsupportedTarget(name, type: column.type, at: span)
    case .string:
      guard distinct.count == 2 else {
        let count = Set(column.validStringCodes).count
        throw LearnDiagnostics.multiclassTarget(name, distinct: count, at: span)
      }
    case .int, .double:
      if distinct.count > 2 {
        if let positiveSpan {
          throw LearnDiagnostics.badValue(
            "positive", "left out: `\(name)` has more than two values, so this is regression",
            at: positiveSpan)
        }
        return TargetAnalysis(
          task: .regression, labels: FeatureFrame.numeric(column, rows: nil), positive: nil,
          negative: nil)
      }
    case .bool: break
    }
    let chosen = try choosePositive(
      distinct, given: positive, name: name, span: positiveSpan ?? span)
    let other = distinct[0] == chosen ? distinct[1] : distinct[0]
    return TargetAnalysis(
      task: .binaryClassification, labels: binaryLabels(column, positive: chosen),
      positive: chosen, negative: other)
  }

  /// The positive class among two values sorted ascending.
  private static func choosePositive(
    _ values: [Value], given: Value?, name: String, span: SourceSpan
  ) throws(Diagnostic) -> Value {
    if let given {
      if let match = values.first(where: { sameValue($0, given) }) { return match }
      throw LearnDiagnostics.positiveNotAValue(given, target: name, values: values, at: span)
    }
    if case .string = values[0] {
      let affirmative = values.filter {
        if case .string(let text) = $0 {
          ["yes", "true"].contains(text.lowercased())
        } else {
          false
        }
      }
      guard affirmative.count == 1 else {
        throw LearnDiagnostics.positiveNeeded(name, values: values, at: span)
      }
      return affirmative[0]
    }
    return values[1]  // `true`, or the larger number
  }

  private static func sameValue(_ lhs: Value, _ rhs: Value) -> Bool {
    if let left = lhs.doubleValue, let right = rhs.doubleValue { return left == right }
    return lhs == rhs
  }

  /// Up to `limit` distinct non-null values, sorted ascending (strings by text).
  static func distinctValues(_ column: Column, limit: Int) -> [Value] {
    var values: [Value] = []
    switch column.storage {
    case .bool(let payload):
      let present = Set(payload.indices.lazy.filter { !column.isNull($0) }.map { payload[$0] })
      values = [false, true].filter(present.contains).map(Value.bool)
    case .int(let payload), .date(let payload), .timestamp(let payload):
      var seen = Set<Int64>()
      for row in payload.indices where !column.isNull(row) {
        seen.insert(payload[row])
        if seen.count >= limit { break }
      }
      let type = column.type
      values = seen.sorted().map {
        type == .int ? .int($0) : type == .date ? .date($0) : .timestamp($0)
      }
    case .double(let payload):
      var seen = Set<Double>()
      for row in payload.indices where !column.isNull(row) {
        seen.insert(payload[row])
        if seen.count >= limit { break }
      }
      values = seen.sorted().map(Value.double)
    case .string(let codes, let dictionary):
      let present = Set(codes.lazy.filter { $0 >= 0 })
      values = present.map { dictionary[$0] }.sorted().prefix(limit).map(Value.string)
    }
    return values
  }

  private static func binaryLabels(_ column: Column, positive: Value) -> [Double] {
    switch column.storage {
    case .bool(let payload):
      let wanted = positive == .bool(true)
      return payload.map { $0 == wanted ? 1 : 0 }
    case .int(let payload):
      let wanted = positive.doubleValue ?? 0
      return payload.map { Double($0) == wanted ? 1 : 0 }
    case .double(let payload):
      let wanted = positive.doubleValue ?? 0
      return payload.map { $0 == wanted ? 1 : 0 }
    case .string(let codes, let dictionary):
      guard case .string(let text) = positive else { return codes.map { _ in 0 } }
      let matches = dictionary.strings.map { $0 == text }
      return codes.map { $0 >= 0 && matches[Int($0)] ? 1 : 0 }
    case .date, .timestamp:
      return [Double](repeating: 0, count: column.count)
    }
  }
}

extension Column {
  /// The codes of a string column; empty for other types.
  fileprivate var validStringCodes: [Int32] {
    if case .string(let codes, _) = storage { return codes.filter { $0 >= 0 } }
    return []
  }
}
