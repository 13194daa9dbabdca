/// Resolves each transform of a pipeline against the schema of its input.
///
/// Each transform sees only its input's columns. Planning the whole pipeline
/// before running it catches unknown names and type errors in any step
/// before any work is done. (`pivot` makes columns from data, so steps after
/// it are checked when the pivot has run.)
public struct PipelinePlanner {
  let environment: any SchemaEnvironment
  /// The cell's source, to quote expectations in failure reports.
  let source: String

  public init(environment: any SchemaEnvironment, source: String) {
    self.environment = environment
    self.source = source
  }

  /// Checks every step whose input schema is known without running anything.
  ///
  /// - Returns: the pipeline's output schema, or nil when a step (`pivot`)
  ///   makes columns from the data.
  @discardableResult
  public func check(_ pipeline: Pipeline) throws(Diagnostic) -> Schema? {
    var schema = try environment.schema(pipeline.source)
    for (index, transform) in pipeline.transforms.enumerated() {
      try requireSinkLast(transform, isLast: index == pipeline.transforms.count - 1)
      let (_, output) = try plan(transform, input: schema)
      guard let output else { return nil }
      schema = output
    }
    return schema
  }

  func requireSinkLast(_ transform: Transform, isLast: Bool) throws(Diagnostic) {
    switch transform.kind {
    case .chart, .describe:
      if !isLast {
        throw Diagnostic.error(
          "E220", "`\(transform.keyword)` must be the last step of a pipeline", at: transform.span,
          help: "move it to the end, or save the rows first with `let`")
      }
    default: break
    }
  }

  /// Plans one transform; the output schema is nil when it depends on the data.
  public func plan(_ transform: Transform, input: Schema) throws(Diagnostic) -> (
    PlannedStep, Schema?
  ) {
    let binder = ExpressionBinder(schema: input, parameters: environment.parameters)
    switch transform.kind {
    case .filter(let condition):
      let bound = try TypeErrors.requireBool(try binder.bind(condition), context: "`filter`")
      return (.filter(bound), input)
    case .select(let items):
      let planned = try items.map { (item) throws(Diagnostic) in try namedItem(item, binder) }
      try requireUnique(planned.map(\.name), spans: items.map { $0.name?.span ?? $0.expr.span })
      return (.project(planned), Schema(planned.map { .init(name: $0.name, type: $0.expr.type) }))
    case .derive(let items):
      var schema = input
      var planned: [PlannedStep.Item] = []
      planned.reserveCapacity(items.count)
      for item in items {
        // Each item sees the ones before it. The binder is a temporary, gone
        // before the schema grows, so the schema is extended in place rather
        // than copied for every item.
        let bound = try namedItem(
          item, ExpressionBinder(schema: schema, parameters: environment.parameters))
        planned.append(bound)
        schema.set(.init(name: bound.name, type: bound.expr.type))
      }
      return (.derive(planned), schema)
    case .drop(let names):
      var dropped = Set<Int>()
      for name in names { dropped.insert(try columnIndex(name, in: input)) }
      let kept = input.fields.indices.filter { !dropped.contains($0) }
      if kept.isEmpty, let first = names.first, let last = names.last {
        throw Diagnostic.error(
          "E214", "`drop` would remove every column", at: first.span.through(last.span),
          help: "keep at least one column; `take 0` keeps the columns and no rows")
      }
      return (.project(kept.map { columnItem($0, input) }), Schema(kept.map { input[$0] }))
    case .rename(let pairs):
      var items = input.fields.indices.map { columnItem($0, input) }
      for pair in pairs {
        let index = try columnIndex(pair.right, in: input)
        items[index].name = pair.left.text
      }
      // A clash is always the doing of a rename: point at the new name.
      let spans = items.map { item in
        pairs.last { $0.left.text == item.name }?.left.span ?? .unknown
      }
      try requireUnique(items.map(\.name), spans: spans)
      return (.project(items), Schema(items.map { .init(name: $0.name, type: $0.expr.type) }))
    case .aggregate(let items, let keys):
      return try planAggregate(items, keys: keys, input: input)
    case .sort(let keys):
      let planned = try keys.map { (key) throws(Diagnostic) in
        PlannedStep.OrderKey(expr: try binder.bind(key.expr), descending: key.descending)
      }
      return (.sort(planned), input)
    case .take(let count):
      return (.take(try constantInt(count, binder, what: "`take`")), input)
    case .distinct(let names):
      let indexes = try names.map { (name) throws(Diagnostic) in try columnIndex(name, in: input) }
      return (.distinct(indexes), input)
    case .join(let kind, let dataset, let condition):
      return try planJoin(kind, dataset: dataset, condition: condition, input: input)
    case .append(let dataset):
      return try planAppend(dataset, input: input)
    case .pivot(let column, let value, let keys):
      let columnIndex = try columnIndex(column, in: input)
      let keyIndexes = try keys.map { (key) throws(Diagnostic) in
        try self.columnIndex(key, in: input)
      }
      // The aggregate's arguments read the input rows.
      let collector = CallCollector(firstColumn: input.count)
      let valueBinder = ExpressionBinder(
        schema: input, parameters: environment.parameters, mode: .window(collector))
      let bound = try valueBinder.bind(value.expr)
      guard collector.calls.count == 1, case .column = bound.kind,
        case .aggregate = collector.calls[0].function
      else {
        throw Diagnostic.error(
          "E221", "the value of `pivot` must be one aggregate, such as `n = count()`",
          at: value.expr.span)
      }
      let prefix = value.name?.text ?? ExpressionNaming.defaultName(for: value.expr)
      return (
        .pivot(
          PivotPlan(column: columnIndex, keys: keyIndexes, call: collector.calls[0], prefix: prefix)
        ),
        nil
      )
    case .window(let partition, let order, let items):
      return try planWindow(partition: partition, order: order, items: items, input: input)
    case .sample(let amount, let percent, let options):
      return try planSample(
        amount, percent: percent, options: options, binder: binder, input: input)
    case .expect(let conditions):
      let planned = try conditions.map { (condition) throws(Diagnostic) in
        let bound = try TypeErrors.requireBool(try binder.bind(condition), context: "`expect`")
        return ExpectationPlan(condition: bound, text: text(of: condition.span))
      }
      return (.expect(planned), input)
    case .score(let step):
      let added = try environment.scoreFields(step, input: input)
      var schema = input
      for field in added { schema.set(field) }
      return (.score(step), schema)
    case .chart(let kind, let x, let y, let by, let options):
      let plan = try planChart(kind, x: x, y: y, by: by, options: options, input: input)
      return (.chart(plan), input)
    case .describe:
      return (.describe, input)
    }
  }

  // MARK: - Helpers

  func namedItem(_ item: NamedExpr, _ binder: ExpressionBinder) throws(Diagnostic)
    -> PlannedStep.Item
  {
    let bound = try binder.bind(item.expr)
    return PlannedStep.Item(
      name: item.name?.text ?? ExpressionNaming.defaultName(for: item.expr), expr: bound)
  }

  func columnItem(_ index: Int, _ schema: Schema) -> PlannedStep.Item {
    PlannedStep.Item(
      name: schema[index].name,
      expr: BoundExpr(.column(index), type: schema[index].type, span: .unknown))
  }

  func columnIndex(_ name: Name, in schema: Schema) throws(Diagnostic) -> Int {
    guard let index = schema.index(of: name.text) else {
      throw UnknownName.column(name.text, span: name.span, among: schema.names)
    }
    return index
  }

  func requireUnique(_ names: [String], spans: [SourceSpan]) throws(Diagnostic) {
    var seen = Set<String>()
    for (offset, name) in names.enumerated() where !seen.insert(name).inserted {
      throw Diagnostic.error(
        "E213", "the column name `\(name)` appears twice in the output",
        at: offset < spans.count ? spans[offset] : nil,
        help: "give one of them another name with `new_name = ...`")
    }
  }

  func constantInt(_ expr: Expr, _ binder: ExpressionBinder, what: String) throws(Diagnostic) -> Int
  {
    let bound = try binder.bind(expr)
    guard case .literal(.int(let value)) = bound.kind, value >= 0 else {
      throw Diagnostic.error(
        "E207", "\(what) needs a whole number of rows (0 or more)", at: expr.span)
    }
    return Int(clamping: value)
  }

  /// The source text under a span.
  func text(of span: SourceSpan) -> String {
    let bytes = Array(source.utf8)
    guard span.offset >= 0, span.offset + span.length <= bytes.count else { return "" }
    return String(decoding: bytes[span.offset..<(span.offset + span.length)], as: UTF8.self)
  }
}

extension Transform {
  /// The keyword that starts the transform, for messages.
  var keyword: String {
    switch kind {
    case .filter: "filter"
    case .select: "select"
    case .drop: "drop"
    case .rename: "rename"
    case .derive: "derive"
    case .aggregate: "aggregate"
    case .sort: "sort"
    case .take: "take"
    case .distinct: "distinct"
    case .join: "join"
    case .append: "append"
    case .pivot: "pivot"
    case .window: "window"
    case .sample: "sample"
    case .expect: "expect"
    case .score: "score"
    case .chart: "chart"
    case .describe: "describe"
    }
  }
}
