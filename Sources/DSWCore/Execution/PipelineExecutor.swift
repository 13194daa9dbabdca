/// What running a pipeline produced: its rows, and how to show them.
public struct PipelineResult: Sendable {
  public enum Display: Sendable {
    case table
    case chart(ChartOutput)
    case describe(TableOutput)
  }

  public var table: Table
  public var display: Display
  /// What the user should know about how it ran (a local table sent to an engine).
  public var notes: [String] = []
}

/// Runs a pipeline: plans each step against the actual input, then executes it.
public struct PipelineExecutor {
  let environment: any PipelineEnvironment
  let planner: PipelinePlanner

  public init(environment: any PipelineEnvironment, source: String) {
    self.environment = environment
    planner = PipelinePlanner(environment: environment, source: source)
  }

  /// Runs the steps in order over a relation that gathers columns late (see
  /// `Relation`): filters, sorts, takes, joins and projections move row
  /// numbers and references; a column is gathered when a step reads it or
  /// when the result is built. `sort` followed by `take` keeps only the top
  /// rows, and runs of row-by-row steps work on morsels on both cores.
  public func run(_ pipeline: Pipeline) throws(Diagnostic) -> PipelineResult {
    try planner.check(pipeline)
    var relation = Relation(
      try environment.scan(ScanRequest(pipeline: pipeline, planner: planner)))
    let transforms = pipeline.transforms
    var index = 0
    while index < transforms.count {
      try checkCancelled()
      let transform = transforms[index]
      let (step, output) = try planner.plan(transform, input: relation.schema)
      switch step {
      case .chart(let plan):
        let table = try relation.materialized(limits: environment.limits)
        return PipelineResult(table: table, display: .chart(ChartBuilder.build(plan, table: table)))
      case .describe:
        let table = try relation.materialized(limits: environment.limits)
        return PipelineResult(
          table: table,
          display: .describe(try ColumnProfiler.describe(table, limits: environment.limits)))
      case .sort(let keys):
        let limit = try takeCount(transforms, at: index + 1, input: relation.schema)
        if limit != nil { index += 1 }
        relation = try sort(relation, keys: keys, limit: limit)
      case .window(let partition, let order, let calls, let outputs):
        // `window … | filter rn <= k`: number only the rows that can pass.
        if index + 1 < transforms.count, let first = order.first, let output,
          calls.allSatisfy({ WindowTopK.looksBack($0.function) }),
          case (.filter(let condition), _) = try planner.plan(transforms[index + 1], input: output),
          let k = WindowRankFilter(
            calls: calls, outputs: outputs, inputWidth: relation.names.count, schema: output
          ).limit(condition)
        {
          let evaluator = self.evaluator(over: relation)
          let key = Sorting.Key(
            column: try evaluator.evaluate(first.expr), descending: first.descending)
          if let rows = try WindowTopK.candidates(
            partition: try partition.map { (index) throws(Diagnostic) in
              try relation.column(at: index, limits: environment.limits)
            }, first: key, k: k,
            rowCount: relation.rowCount, limits: environment.limits)
          {
            relation = relation.selecting(rows)
          }
        }
        relation = try execute(step, on: relation, span: transform.span)
      case .filter, .derive, .project:
        let (run, output) = try rowwiseRun(transforms, from: index, input: relation.schema)
        if morselsPay(run, on: relation) {
          let next = index + run.count
          relation = try runInMorsels(
            run, on: relation, keepingTop: try topAfter(transforms, at: next, input: output))
          index = next
          continue
        }
        relation = try execute(step, on: relation, span: transform.span)
      default:
        relation = try execute(step, on: relation, span: transform.span)
      }
      index += 1
    }
    return PipelineResult(
      table: try relation.materialized(limits: environment.limits), display: .table)
  }

  func checkCancelled() throws(Diagnostic) {
    try environment.limits.poll()
  }

  /// Steps that move row numbers or references run on the relation; the
  /// others run on its gathered table.
  func execute(_ step: PlannedStep, on relation: Relation, span: SourceSpan)
    throws(Diagnostic) -> Relation
  {
    let evaluator = self.evaluator(over: relation)
    switch step {
    case .filter(let condition):
      return relation.selecting(try evaluator.selection(condition))
    case .project(let items):
      let projected = try items.map {
        (item) throws(Diagnostic) -> (name: String, column: Relation.Projected) in
        if case .column(let index) = item.expr.kind { return (item.name, .existing(index)) }
        return (item.name, .computed(try evaluator.evaluate(item.expr)))
      }
      return relation.projecting(projected)
    case .derive(let items):
      var result = relation
      for item in items {
        let column = try self.evaluator(over: result).evaluate(item.expr)
        result.set(item.name, column)
      }
      return result
    case .aggregate(let keys, let calls, let outputs):
      return Relation(try aggregate(evaluator, keys: keys, calls: calls, outputs: outputs))
    case .sort(let keys):
      return try sort(relation, keys: keys, limit: nil)
    case .take(let count):
      return relation.prefix(count)
    case .distinct(let indexes):
      if relation.rowCount == 0 { return relation }
      var keys: [Column] = []
      for index in indexes.isEmpty ? Array(0..<relation.names.count) : indexes {
        keys.append(try relation.column(at: index, limits: environment.limits))
      }
      return relation.selecting(
        try Grouping.group(keys, rowCount: relation.rowCount, limits: environment.limits).firstRows)
    case .join(let plan):
      return try join(relation, plan, span: span)
    case .sample(let count, let fraction, let seed):
      let wanted = count ?? Int((Double(relation.rowCount) * (fraction ?? 1)).rounded())
      return relation.selecting(Sampling.rows(choosing: wanted, of: relation.rowCount, seed: seed))
    default:
      let table = try relation.materialized(limits: environment.limits)
      return Relation(try execute(step, on: table, span: span))
    }
  }

  /// `sort`, or `sort | take N` when `limit` is given: then the keys after
  /// the first are evaluated only at the rows that can make the top.
  func sort(_ relation: Relation, keys: [PlannedStep.OrderKey], limit: Int?)
    throws(Diagnostic) -> Relation
  {
    let evaluator = self.evaluator(over: relation)
    func evaluated(_ keys: ArraySlice<PlannedStep.OrderKey>, _ evaluator: ExpressionEvaluator)
      throws(Diagnostic) -> [Sorting.Key]
    {
      try keys.map { (key) throws(Diagnostic) in
        Sorting.Key(column: try evaluator.evaluate(key.expr), descending: key.descending)
      }
    }
    let limits = environment.limits
    guard let limit, let first = try evaluated(keys.prefix(1), evaluator).first else {
      return relation.selecting(
        try Sorting.permutation(
          try evaluated(keys[...], evaluator), rowCount: relation.rowCount, limits: limits))
    }
    let top = try Sorting.top(
      first,
      then: { (rows) throws(Diagnostic) in
        let source = rows.map { self.evaluator(over: relation.selecting($0)) }
        return try evaluated(keys.dropFirst(), source ?? evaluator)
      }, rowCount: relation.rowCount, limit: limit, limits: limits)
    return relation.selecting(top)
  }

  /// An evaluator over `relation`'s columns, each gathered once when first
  /// read, polling Ctrl-C as it gathers and computes.
  private func evaluator(over relation: Relation) -> ExpressionEvaluator {
    ExpressionEvaluator(
      CachedColumns(relation, limits: environment.limits), limits: environment.limits)
  }

  /// The steps that need every column: append, pivot, window, expect, score.
  func execute(_ step: PlannedStep, on table: Table, span: SourceSpan) throws(Diagnostic) -> Table {
    switch step {
    case .append(let dataset):
      return try TableAppend.append(
        table, try environment.dataset(Name(dataset, span: span)), limits: environment.limits,
        span: span)
    case .pivot(let plan):
      return try Pivot.run(plan, table: table, limits: environment.limits, span: span)
    case .window(let partition, let order, let calls, let outputs):
      return try window(table, partition: partition, order: order, calls: calls, outputs: outputs)
    case .expect(let expectations):
      try Expectations.check(expectations, table: table, span: span)
      return table
    case .score(let step):
      var result = table
      for (name, column) in try environment.score(step, table: table) { result.set(name, column) }
      return result
    default:
      return try execute(step, on: Relation(table), span: span).materialized()
    }
  }

  private func aggregate(
    _ evaluator: ExpressionEvaluator, keys: [PlannedStep.Item], calls: [CollectedCall],
    outputs: [PlannedStep.Item]
  ) throws(Diagnostic) -> Table {
    let keyColumns = try keys.map { (key) throws(Diagnostic) in try evaluator.evaluate(key.expr) }
    let grouping =
      keys.isEmpty
      ? Grouping.single(rowCount: evaluator.rowCount)
      : try Grouping.group(keyColumns, rowCount: evaluator.rowCount, limits: environment.limits)
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
        grouping: grouping, span: call.span, limits: environment.limits)
      groupedNames.append("#call\(index)")
      groupedColumns.append(column)
      try checkCancelled()
    }
    let grouped = Table(names: groupedNames, columns: groupedColumns, rowCount: grouping.groupCount)
    let outer = ExpressionEvaluator(table: grouped, limits: environment.limits)
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
    let evaluator = ExpressionEvaluator(table: table, limits: environment.limits)
    let orderKeys = try order.map { (key) throws(Diagnostic) in
      Sorting.Key(column: try evaluator.evaluate(key.expr), descending: key.descending)
    }
    let kernel = try WindowKernel(
      partitionKeys: partition.map { table.columns[$0] }, orderKeys: orderKeys,
      rowCount: table.rowCount, limits: environment.limits)
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
    let outer = ExpressionEvaluator(table: extended, limits: environment.limits)
    var result = table
    for output in outputs { result.set(output.name, try outer.evaluate(output.expr)) }
    return result
  }

  /// Joins match on the key columns alone; the result refers to both
  /// inputs by row number, and the columns are gathered when read.
  private func join(_ relation: Relation, _ plan: JoinPlan, span: SourceSpan)
    throws(Diagnostic) -> Relation
  {
    let right = try environment.dataset(Name(plan.dataset, span: .unknown))
    func key(_ column: Column, _ type: DataType) throws(Diagnostic) -> Column {
      try Cast.apply(column, to: type, span: .unknown)
    }
    var leftKeys: [Column] = []
    var rightKeys: [Column] = []
    for position in plan.leftKeys.indices {
      leftKeys.append(
        try key(
          try relation.column(at: plan.leftKeys[position], limits: environment.limits),
          plan.keyTypes[position]))
      rightKeys.append(try key(right.columns[plan.rightKeys[position]], plan.keyTypes[position]))
    }
    switch plan.kind {
    case .semi, .anti:
      let matched = try HashJoin.hasMatch(
        left: leftKeys, right: rightKeys, leftCount: relation.rowCount, rightCount: right.rowCount,
        limits: environment.limits)
      return relation.selecting(ExpressionEvaluator.rows(where: matched, is: plan.kind == .semi))
    case .inner, .left:
      let rightWidth = plan.rightColumns.reduce(0) { $0 + right.columns[$1].type.payloadWidth }
      let matches = try HashJoin.match(
        left: leftKeys, right: rightKeys, leftCount: relation.rowCount, rightCount: right.rowCount,
        keepUnmatchedLeft: plan.kind == .left, bytesPerRow: relation.bytesPerRow + rightWidth,
        limits: environment.limits, span: span)
      return relation.joined(
        left: matches.left, right: right, rightRows: matches.right,
        rightColumns: plan.rightColumns, rightNames: plan.rightNames)
    }
  }
}

extension Diagnostic {
  /// The user interrupted the work (Ctrl-C).
  public static let interrupted = Diagnostic.error("X001", "interrupted")
}
