extension PostgreSQLDialect {
  public func aggregate(_ call: CollectedCall, arguments: [SQLFragment], rowOrder: String?)
    throws(SQLUnsupported) -> SQLFragment
  {
    guard case .aggregate(let function) = call.function else {
      throw SQLUnsupported("a window function outside `window`")
    }
    return try aggregateCall(
      function, call: call, arguments: arguments, rowOrder: rowOrder, over: nil)
  }

  public func window(_ call: CollectedCall, arguments: [SQLFragment], frame: SQLWindowFrame)
    throws(SQLUnsupported) -> SQLFragment
  {
    let partition =
      frame.partition.isEmpty ? "" : "PARTITION BY " + frame.partition.joined(separator: ", ")
    func over(_ order: [String], rows: Bool = false) -> String {
      var parts: [String] = []
      if !partition.isEmpty { parts.append(partition) }
      if !order.isEmpty { parts.append("ORDER BY " + order.joined(separator: ", ")) }
      if rows { parts.append("ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW") }
      return "OVER (" + parts.joined(separator: " ") + ")"
    }
    // Ties in the user's order keep the input's row order, as in dsw.
    let ordered = frame.order + (frame.rowOrder.map { [$0] } ?? [])
    switch call.function {
    case .aggregate(let function):
      // Aggregates cover the whole partition, even when `order` is given.
      return try aggregateCall(
        function, call: call, arguments: arguments, rowOrder: frame.rowOrder, over: over([]))
    case .window(let function):
      let type = call.type
      switch function {
      case .rowNumber:
        return SQLFragment("row_number() \(over(ordered))", type: .int)
      case .rank, .denseRank:
        return SQLFragment("\(function.rawValue)() \(over(frame.order))", type: .int)
      case .ntile:
        let buckets = Int64(call.parameter ?? 1)
        return SQLFragment("ntile(\(buckets)) \(over(ordered))", type: .int)
      case .lag, .lead:
        let offset = Int64(call.parameter ?? 1)
        return SQLFragment(
          "\(function.rawValue)(\(arguments[0].text), \(offset)) \(over(ordered))", type: type)
      case .runningCount:
        return SQLFragment("count(*) \(over(ordered, rows: true))", type: .int)
      case .runningSum:
        let value = numeric(arguments[0])
        let sum = "sum(\(value.text)) \(over(ordered, rows: true))"
        return SQLFragment(type == .int ? "CAST(\(sum) AS bigint)" : sum, type: type)
      case .runningMean:
        let value = asDouble(arguments[0])
        return SQLFragment("avg(\(value.text)) \(over(ordered, rows: true))", type: .double)
      }
    }
  }

  /// Bools count as 0 and 1 where a number is needed.
  func numeric(_ fragment: SQLFragment) -> SQLFragment {
    guard fragment.type == .bool else { return fragment }
    return SQLFragment("CAST(\(fragment.text) AS integer)", type: .int)
  }

  func asDouble(_ fragment: SQLFragment) -> SQLFragment {
    if fragment.type == .double { return fragment }
    return SQLFragment("CAST(\(numeric(fragment).text) AS double precision)", type: .double)
  }

  /// One aggregate: grouped when `over` is nil, else a window aggregate.
  private func aggregateCall(
    _ function: AggregateFunction, call: CollectedCall, arguments: [SQLFragment],
    rowOrder: String?, over: String?
  ) throws(SQLUnsupported) -> SQLFragment {
    let suffix = over.map { " " + $0 } ?? ""
    let type = call.type
    func plain(_ name: String, _ argument: String) -> SQLFragment {
      SQLFragment("\(name)(\(argument))\(suffix)", type: type)
    }
    func noWindow(_ what: String) -> SQLUnsupported {
      SQLUnsupported("PostgreSQL has no window form of `\(what)`")
    }
    switch function {
    case .count:
      return plain("count", arguments.first?.text ?? "*")
    case .countDistinct:
      guard over == nil else { throw noWindow("count_distinct") }
      return plain("count", "DISTINCT " + arguments[0].text)
    case .countIf:
      return SQLFragment("count(*) FILTER (WHERE \(arguments[0].text))\(suffix)", type: .int)
    case .sum:
      let value = numeric(arguments[0])
      let sum = "sum(\(value.text))\(suffix)"
      // PostgreSQL sums bigints as numeric; the cast back fails on overflow.
      return SQLFragment(type == .int ? "CAST(\(sum) AS bigint)" : sum, type: type)
    case .mean, .avg:
      return plain("avg", asDouble(arguments[0]).text)
    case .stddev:
      return plain("stddev_samp", asDouble(arguments[0]).text)
    case .variance:
      return plain("var_samp", asDouble(arguments[0]).text)
    case .corr:
      // PostgreSQL's `corr` multiplies the two sums of squares, which
      // overflows for large values; the deviations' product does not. Only
      // rows where both are present count, as in dsw.
      let x = asDouble(arguments[0]).text
      let y = asDouble(arguments[1]).text
      let both = "FILTER (WHERE \(x) IS NOT NULL AND \(y) IS NOT NULL)"
      return SQLFragment(
        "covar_samp(\(x), \(y))\(suffix) / NULLIF(stddev_samp(\(x)) \(both)\(suffix) * stddev_samp(\(y)) \(both)\(suffix), 0)",
        type: .double, isAtomic: false)
    case .median, .quantile:
      guard over == nil else { throw noWindow(function.rawValue) }
      let level = function == .median ? 0.5 : (call.parameter ?? 0.5)
      return SQLFragment(
        "percentile_cont(\(String(level))) WITHIN GROUP (ORDER BY \(asDouble(arguments[0]).text))",
        type: .double)
    case .min, .max:
      let value = arguments[0]
      switch value.type {
      case .bool:
        return plain(function == .min ? "bool_and" : "bool_or", value.text)
      case .string:
        return plain(function.rawValue, value.operand + " COLLATE \"C\"")
      default:
        return plain(function.rawValue, value.text)
      }
    case .first, .last:
      guard over == nil else { throw noWindow(function.rawValue) }
      // The first non-null value in row order; with no row order, any.
      let value = arguments[0].text
      let order = rowOrder.map { " ORDER BY \($0)\(function == .last ? " DESC" : "")" } ?? ""
      return SQLFragment(
        "(array_agg(\(value)\(order)) FILTER (WHERE \(value) IS NOT NULL))[1]", type: type)
    }
  }
}
