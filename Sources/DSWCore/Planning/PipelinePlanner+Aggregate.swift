extension PipelinePlanner {
  func planAggregate(_ items: [NamedExpr], keys: [NamedExpr], input: Schema) throws(Diagnostic)
    -> (PlannedStep, Schema?)
  {
    let binder = ExpressionBinder(schema: input, parameters: environment.parameters)
    let plannedKeys = try keys.map { (key) throws(Diagnostic) in try namedItem(key, binder) }
    let keySchema = Schema(plannedKeys.map { .init(name: $0.name, type: $0.expr.type) })
    let collector = CallCollector(firstColumn: plannedKeys.count)
    let itemBinder = ExpressionBinder(
      schema: keySchema, parameters: environment.parameters,
      mode: .aggregate(collector, rowSchema: input))
    var outputs: [PlannedStep.Item] = []
    for item in items {
      outputs.append(try namedItem(item, itemBinder))
    }
    let names = plannedKeys.map(\.name) + outputs.map(\.name)
    try requireUnique(
      names,
      spans: keys.map { $0.name?.span ?? $0.expr.span }
        + items.map { $0.name?.span ?? $0.expr.span })
    let schema = Schema(
      plannedKeys.map { .init(name: $0.name, type: $0.expr.type) }
        + outputs.map { .init(name: $0.name, type: $0.expr.type) })
    return (.aggregate(keys: plannedKeys, calls: collector.calls, outputs: outputs), schema)
  }

  func planWindow(partition: [Name], order: [SortKey], items: [NamedExpr], input: Schema)
    throws(Diagnostic) -> (PlannedStep, Schema?)
  {
    let partitionIndexes = try partition.map { (name) throws(Diagnostic) in
      try columnIndex(name, in: input)
    }
    let binder = ExpressionBinder(schema: input, parameters: environment.parameters)
    let orderKeys = try order.map { (key) throws(Diagnostic) in
      PlannedStep.OrderKey(expr: try binder.bind(key.expr), descending: key.descending)
    }
    let collector = CallCollector(firstColumn: input.count)
    let itemBinder = ExpressionBinder(
      schema: input, parameters: environment.parameters, mode: .window(collector))
    var outputs: [PlannedStep.Item] = []
    var schema = input
    for item in items {
      let planned = try namedItem(item, itemBinder)
      outputs.append(planned)
      schema.set(.init(name: planned.name, type: planned.expr.type))
    }
    for call in collector.calls {
      if case .window(let function) = call.function,
        [.rank, .denseRank, .lag, .lead, .runningSum, .runningMean, .runningCount, .ntile]
          .contains(function), order.isEmpty
      {
        throw Diagnostic.error(
          "E222", "`\(function.rawValue)` needs an order: add `order KEY` to the window",
          at: call.span)
      }
    }
    return (
      .window(
        partition: partitionIndexes, order: orderKeys, calls: collector.calls, outputs: outputs),
      schema
    )
  }

  func planSample(
    _ amount: Expr, percent: Bool, options: [Option], binder: ExpressionBinder, input: Schema
  ) throws(Diagnostic) -> (PlannedStep, Schema?) {
    var seed: UInt64 = 42
    for option in options {
      guard option.name.text == "seed" else {
        throw OptionErrors.unknown(option.name, valid: OptionNames.sample, context: "`sample`")
      }
      let value = try binder.bind(option.value)
      guard case .literal(.int(let number)) = value.kind else {
        throw Diagnostic.error("E207", "`seed` must be an integer", at: option.value.span)
      }
      seed = UInt64(bitPattern: number)
    }
    let bound = try binder.bind(amount)
    if percent {
      guard let share = bound.constant?.doubleValue, (0...100).contains(share) else {
        throw Diagnostic.error(
          "E207", "`sample P%` needs a percentage between 0 and 100", at: amount.span)
      }
      return (.sample(count: nil, fraction: share / 100, seed: seed), input)
    }
    guard case .literal(.int(let count)) = bound.kind, count >= 0 else {
      throw Diagnostic.error(
        "E207", "`sample N` needs a whole number of rows, or a percentage like `10%`",
        at: amount.span)
    }
    return (.sample(count: Int(clamping: count), fraction: nil, seed: seed), input)
  }

  func planChart(
    _ kind: ChartKind, x: Name, y: [Name], by: Name?, options: [Option], input: Schema
  ) throws(Diagnostic) -> ChartPlan {
    let binder = ExpressionBinder(schema: Schema([]), parameters: environment.parameters)
    var bins = 20
    for option in options {
      guard option.name.text == "bins", kind == .hist else {
        throw OptionErrors.unknown(
          option.name, valid: kind == .hist ? OptionNames.histogram : [],
          context: "`chart \(kind.rawValue)`")
      }
      let value = try binder.bind(option.value)
      guard case .literal(.int(let number)) = value.kind, (1...200).contains(number) else {
        throw Diagnostic.error(
          "E207", "`bins` must be a whole number from 1 to 200", at: option.value.span)
      }
      bins = Int(number)
    }
    let xIndex = try columnIndex(x, in: input)
    var yIndexes: [Int] = []
    for name in y { yIndexes.append(try columnIndex(name, in: input)) }
    let byIndex = try by.map { (name) throws(Diagnostic) in try columnIndex(name, in: input) }
    func requireNumeric(_ index: Int, _ name: Name, allowTime: Bool) throws(Diagnostic) {
      let type = input[index].type
      guard type.isNumeric || (allowTime && type.isTemporal) else {
        throw Diagnostic.error(
          "E207",
          "`chart \(kind.rawValue)` needs a numeric `\(name.text)`, but it is `\(type.rawValue)`",
          at: name.span)
      }
    }
    if let by, y.count > 1 {
      throw Diagnostic.error(
        "E207", "`by` splits one y column into series, but this chart has \(y.count)",
        at: by.span,
        help: "chart one column by `\(by.text)`, or several columns without `by`")
    }
    switch kind {
    case .bar:
      for (index, name) in zip(yIndexes, y) { try requireNumeric(index, name, allowTime: false) }
    case .hist:
      try requireNumeric(xIndex, x, allowTime: true)
      if let first = y.first {
        throw Diagnostic.error("E207", "`chart hist` takes one column", at: first.span)
      }
      if let by {
        throw Diagnostic.error(
          "E207", "`chart hist` draws one distribution and takes no `by`", at: by.span,
          help: "filter to one `\(by.text)` first, or compare groups with `chart bar`")
      }
    case .line, .scatter:
      try requireNumeric(xIndex, x, allowTime: true)
      guard !y.isEmpty else {
        throw Diagnostic.error(
          "E207", "`chart \(kind.rawValue)` needs two columns: `chart \(kind.rawValue) X Y`",
          at: x.span)
      }
      for (index, name) in zip(yIndexes, y) { try requireNumeric(index, name, allowTime: false) }
    }
    return ChartPlan(
      kind: kind, x: xIndex, y: yIndexes, by: byIndex, bins: bins, xName: x.text,
      yNames: y.map(\.text), byName: by?.text)
  }
}

/// Diagnostics for options (`name: value` pairs).
enum OptionErrors {
  static func unknown(_ name: Name, valid: [String], context: String) -> Diagnostic {
    Diagnostic.error(
      "E230", "\(context) has no option `\(name.text)`", at: name.span,
      notes: valid.isEmpty
        ? ["\(context) takes no options"]
        : ["its options are " + valid.map { "`\($0)`" }.joined(separator: ", ")],
      help: UnknownName.suggestion(name.text, valid))
  }
}
