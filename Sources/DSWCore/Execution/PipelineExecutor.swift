/// What running a pipeline produced: its rows, and how to show them.
public struct PipelineResult: Sendable {
  public enum Display: Sendable {
    case table
    case chart(ChartOutput)
    case describe(TableOutput)
  }

  public var table: Table
  public var display: Display
}

/// Runs a pipeline: plans each step against the actual input, then executes it.
public struct PipelineExecutor {
  let environment: any PipelineEnvironment
  let planner: PipelinePlanner

  public init(environment: any PipelineEnvironment, source: String) {
    self.environment = environment
    planner = PipelinePlanner(environment: environment, source: source)
  }

  public func run(_ pipeline: Pipeline) throws(Diagnostic) -> PipelineResult {
    try planner.check(pipeline)
    var table = try environment.dataset(pipeline.source)
    for transform in pipeline.transforms {
      try checkCancelled()
      let (step, _) = try planner.plan(transform, input: Schema(of: table))
      switch step {
      case .chart(let plan):
        return PipelineResult(table: table, display: .chart(ChartBuilder.build(plan, table: table)))
      case .describe:
        return PipelineResult(table: table, display: .describe(ColumnProfiler.describe(table)))
      default:
        table = try execute(step, on: table, span: transform.span)
      }
    }
    return PipelineResult(table: table, display: .table)
  }

  func checkCancelled() throws(Diagnostic) {
    try environment.limits.poll()
  }

  func execute(_ step: PlannedStep, on table: Table, span: SourceSpan) throws(Diagnostic) -> Table {
    let evaluator = ExpressionEvaluator(table: table)
    switch step {
    case .filter(let condition):
      let rows = try evaluator.selection(condition)
      return rows.count == table.rowCount ? table : table.gather(rows)
    case .project(let items):
      let columns = try items.map { (item) throws(Diagnostic) in try evaluator.evaluate(item.expr) }
      return Table(names: items.map(\.name), columns: columns, rowCount: table.rowCount)
    case .derive(let items):
      var result = table
      for item in items {
        result.set(item.name, try ExpressionEvaluator(table: result).evaluate(item.expr))
      }
      return result
    case .aggregate(let keys, let calls, let outputs):
      return try aggregate(table, keys: keys, calls: calls, outputs: outputs)
    case .sort(let keys):
      let sortKeys = try keys.map { (key) throws(Diagnostic) in
        Sorting.Key(column: try evaluator.evaluate(key.expr), descending: key.descending)
      }
      let order = try Sorting.permutation(
        sortKeys, rowCount: table.rowCount, limits: environment.limits)
      return try table.gather(order, limits: environment.limits)
    case .take(let count):
      return table.gather((0..<min(count, table.rowCount)).map { Int32($0) })
    case .distinct(let indexes):
      let keys = indexes.isEmpty ? table.columns : indexes.map { table.columns[$0] }
      if table.rowCount == 0 { return table }
      return table.gather(Grouping.group(keys, rowCount: table.rowCount).firstRows)
    case .join(let plan):
      return try join(table, plan, span: span)
    case .append(let dataset):
      return try TableAppend.append(table, try environment.dataset(Name(dataset, span: span)))
    case .pivot(let plan):
      return try Pivot.run(plan, table: table, limits: environment.limits, span: span)
    case .window(let partition, let order, let calls, let outputs):
      return try window(table, partition: partition, order: order, calls: calls, outputs: outputs)
    case .sample(let count, let fraction, let seed):
      let wanted = count ?? Int((Double(table.rowCount) * (fraction ?? 1)).rounded())
      return table.gather(Sampling.rows(choosing: wanted, of: table.rowCount, seed: seed))
    case .expect(let expectations):
      try Expectations.check(expectations, table: table, span: span)
      return table
    case .score(let model):
      var result = table
      for (name, column) in try environment.score(model, table: table) { result.set(name, column) }
      return result
    case .chart, .describe:
      return table
    }
  }

  private func aggregate(
    _ table: Table, keys: [PlannedStep.Item], calls: [CollectedCall], outputs: [PlannedStep.Item]
  ) throws(Diagnostic) -> Table {
    let evaluator = ExpressionEvaluator(table: table)
    let keyColumns = try keys.map { (key) throws(Diagnostic) in try evaluator.evaluate(key.expr) }
    let grouping =
      keys.isEmpty
      ? Grouping.single(rowCount: table.rowCount)
      : Grouping.group(keyColumns, rowCount: table.rowCount)
    try checkCancelled()
    // The table the outer expressions see: group keys, then one column per
    // call, appended by position (a key may itself be called `#call0`).
    var groupedNames = keys.map(\.name)
    var groupedColumns = keyColumns.map { $0.gather(grouping.firstRows) }
    for (index, call) in calls.enumerated() {
      guard case .aggregate(let function) = call.function else { continue }
      let arguments = try call.arguments.map { (argument) throws(Diagnostic) in
        try evaluator.evaluate(argument)
      }
      let column = try GroupedAggregation.compute(
        function, arguments: arguments, parameter: call.parameter, type: call.type,
        grouping: grouping, span: call.span)
      groupedNames.append("#call\(index)")
      groupedColumns.append(column)
      try checkCancelled()
    }
    let grouped = Table(names: groupedNames, columns: groupedColumns, rowCount: grouping.groupCount)
    let outer = ExpressionEvaluator(table: grouped)
    var names = keys.map(\.name)
    var columns = Array(grouped.columns.prefix(keys.count))
    for output in outputs {
      names.append(output.name)
      columns.append(try outer.evaluate(output.expr))
    }
    return Table(names: names, columns: columns, rowCount: grouping.groupCount)
  }

  private func window(
    _ table: Table, partition: [Int], order: [PlannedStep.OrderKey], calls: [CollectedCall],
    outputs: [PlannedStep.Item]
  ) throws(Diagnostic) -> Table {
    // The window keeps every input row and adds a column per call, plus its
    // partition order: estimate that before computing it.
    try environment.limits.admit(
      "this window", rows: table.rowCount, bytesPerRow: 16 + 8 * (calls.count + outputs.count))
    let evaluator = ExpressionEvaluator(table: table)
    let orderKeys = try order.map { (key) throws(Diagnostic) in
      Sorting.Key(column: try evaluator.evaluate(key.expr), descending: key.descending)
    }
    let kernel = WindowKernel(
      partitionKeys: partition.map { table.columns[$0] }, orderKeys: orderKeys,
      rowCount: table.rowCount)
    // The input's columns, then one per call, appended by position.
    var extendedNames = table.names
    var extendedColumns = table.columns
    for (index, call) in calls.enumerated() {
      let arguments = try call.arguments.map { (argument) throws(Diagnostic) in
        try evaluator.evaluate(argument)
      }
      extendedNames.append("#call\(index)")
      extendedColumns.append(try kernel.compute(call, arguments: arguments))
      try checkCancelled()
    }
    let extended = Table(names: extendedNames, columns: extendedColumns, rowCount: table.rowCount)
    let outer = ExpressionEvaluator(table: extended)
    var result = table
    for output in outputs { result.set(output.name, try outer.evaluate(output.expr)) }
    return result
  }

  private func join(_ table: Table, _ plan: JoinPlan, span: SourceSpan) throws(Diagnostic)
    -> Table
  {
    let right = try environment.dataset(Name(plan.dataset, span: .unknown))
    func key(_ column: Column, _ type: DataType) throws(Diagnostic) -> Column {
      try Cast.apply(column, to: type, span: .unknown)
    }
    var leftKeys: [Column] = []
    var rightKeys: [Column] = []
    for position in plan.leftKeys.indices {
      leftKeys.append(try key(table.columns[plan.leftKeys[position]], plan.keyTypes[position]))
      rightKeys.append(try key(right.columns[plan.rightKeys[position]], plan.keyTypes[position]))
    }
    switch plan.kind {
    case .semi, .anti:
      let matched = HashJoin.hasMatch(
        left: leftKeys, right: rightKeys, leftCount: table.rowCount, rightCount: right.rowCount)
      let keep = plan.kind == .semi
      return table.gather(matched.indices.filter { matched[$0] == keep }.map { Int32($0) })
    case .inner, .left:
      let limits = environment.limits
      let rightWidth = plan.rightColumns.reduce(0) { $0 + right.columns[$1].type.payloadWidth }
      let matches = try HashJoin.match(
        left: leftKeys, right: rightKeys, leftCount: table.rowCount, rightCount: right.rowCount,
        keepUnmatchedLeft: plan.kind == .left, bytesPerRow: table.bytesPerRow + rightWidth,
        limits: limits, span: span)
      var result = try table.gather(matches.left, limits: limits)
      for (index, name) in zip(plan.rightColumns, plan.rightNames) {
        try limits.poll()
        result.set(name, right.columns[index].gather(matches.right))
      }
      return result
    }
  }
}

extension Diagnostic {
  /// The user interrupted the work (Ctrl-C).
  public static let interrupted = Diagnostic.error("X001", "interrupted")
}
