/// Compiles a pipeline to one SQL statement, step by step, as far as it can.
///
/// Each step is planned with the same planner a run uses, against the schema
/// its input has, and becomes one `SELECT` over the step before (a CTE). The
/// first step that cannot run on the engine ends the statement: it and every
/// step after it stay local, and the compilation says why.
///
/// Row order: a relation on an engine has none. When the source has an
/// order column (`SQLRelation.orderColumn`), or once a `sort` has run, the
/// compiler carries the order in a hidden column, so `take`, `distinct k`,
/// `first`/`last`, the order of groups and window ties follow dsw's rules.
public struct SQLCompiler {
  public let dialect: any SQLDialect
  let environment: any SchemaEnvironment
  let source: String
  /// The relation of a dataset on the engine; nil when it is not there
  /// (a `join` or `append` of it then stays local).
  let relation: (String) -> SQLRelation?

  /// - Parameters:
  ///   - environment: the schemas of the datasets, and parameters, as for planning.
  ///   - source: the cell's source, for the planner's messages.
  ///   - relation: each dataset's relation on the engine; by default, a
  ///     table of the dataset's own name.
  public init(
    dialect: any SQLDialect = PostgreSQLDialect(), environment: any SchemaEnvironment,
    source: String, relation: ((String) -> SQLRelation?)? = nil
  ) {
    self.dialect = dialect
    self.environment = environment
    self.source = source
    let dialect = self.dialect
    self.relation = relation ?? { SQLRelation(sql: dialect.identifier($0)) }
  }

  /// The SQL of `pipeline`'s longest prefix that compiles.
  ///
  /// - Throws: the planner's diagnostic when a step does not plan (an
  ///   unknown column, a type error), exactly as a run would report it.
  public func compile(_ pipeline: Pipeline) throws(Diagnostic) -> SQLCompilation {
    let planner = PipelinePlanner(environment: environment, source: source)
    let schema = try environment.schema(pipeline.source)
    guard let base = relation(pipeline.source.text) else {
      return SQLCompilation(
        dialect: dialect.name, sessionSetup: dialect.sessionSetup, sql: "", schema: schema,
        pushedSteps: 0, localSteps: pipeline.transforms,
        boundaryReason: "`\(pipeline.source.text)` is not on the engine", isOrdered: false)
    }
    var state = SQLState(
      dialect: dialect, from: base.sql, schema: schema, order: base.orderColumn)
    // A CTE named like a table the pipeline reads would hide it.
    for transform in pipeline.transforms {
      switch transform.kind {
      case .join(_, let dataset, _), .append(let dataset):
        if let other = relation(dataset.text) { state.builder.reserved.insert(other.sql) }
      default: break
      }
    }
    var pushed = 0
    var reason: String?
    for (index, transform) in pipeline.transforms.enumerated() {
      try planner.requireSinkLast(transform, isLast: index == pipeline.transforms.count - 1)
      let (planned, output) = try planner.plan(transform, input: state.schema)
      var attempt = state
      do throws(SQLUnsupported) {
        try compileStep(planned, output: output, into: &attempt)
      } catch {
        reason = error.reason
        break
      }
      state = attempt
      pushed += 1
    }
    let (sql, ordered) = state.finish()
    return SQLCompilation(
      dialect: dialect.name, sessionSetup: dialect.sessionSetup, sql: sql, schema: state.schema,
      pushedSteps: pushed, localSteps: Array(pipeline.transforms.dropFirst(pushed)),
      boundaryReason: reason, isOrdered: ordered)
  }

  private func compileStep(_ step: PlannedStep, output: Schema?, into state: inout SQLState)
    throws(SQLUnsupported)
  {
    switch step {
    case .filter(let condition):
      state.seal()
      let condition = try state.expression(condition)
      var select = SQLSelect(items: ["*"], from: state.from)
      select.conditions = [condition.text]
      state.open(select)
    case .project(let items):
      state.seal()
      var rendered: [String] = []
      var schema: [Schema.Field] = []
      for item in items {
        rendered.append(state.item(try state.expression(item.expr), named: item.name))
        schema.append(.init(name: item.name, type: item.expr.type))
      }
      if let order = state.order { rendered.append(dialect.identifier(order)) }
      state.open(SQLSelect(items: rendered, from: state.from))
      state.schema = Schema(schema)
    case .derive(let items):
      try compileDerive(items, into: &state)
    case .aggregate(let keys, let calls, let outputs):
      try compileAggregate(keys: keys, calls: calls, outputs: outputs, into: &state)
    case .sort(let keys):
      state.seal()
      var terms: [String] = []
      for key in keys {
        terms.append(dialect.orderTerm(try state.expression(key.expr), descending: key.descending))
      }
      // dsw's sort is stable: ties keep the input's order.
      if let order = state.order { terms.append(dialect.identifier(order)) }
      var select = SQLSelect(items: state.visibleItems, from: state.from)
      select.orderBy = terms
      state.openSort(select)
    case .take(let count):
      if state.openIsSort, var select = state.openSelect, select.limit == nil {
        select.limit = count
        state.openSort(select)
        return
      }
      state.seal()
      var select = SQLSelect(items: ["*"], from: state.from)
      if let order = state.order { select.orderBy = [dialect.identifier(order)] }
      select.limit = count
      state.open(select)
    case .distinct(let columns):
      try compileDistinct(columns, into: &state)
    case .join(let plan):
      try compileJoin(plan, output: output, into: &state)
    case .append(let dataset):
      try compileAppend(dataset, output: output, into: &state)
    case .window(let partition, let order, let calls, let outputs):
      try compileWindow(
        partition: partition, order: order, calls: calls, outputs: outputs, output: output,
        into: &state)
    case .pivot:
      throw SQLUnsupported(
        "`pivot` makes one column per value in the data, and a SQL statement's columns are fixed before it runs"
      )
    case .sample:
      throw SQLUnsupported(
        "`sample` picks rows with dsw's own seeded generator; an engine's TABLESAMPLE picks other rows"
      )
    case .expect:
      throw SQLUnsupported("`expect` reports failing rows by their position, which needs dsw")
    case .score:
      throw SQLUnsupported("`score` runs a dsw model")
    case .chart:
      throw SQLUnsupported("`chart` draws in the terminal")
    case .describe:
      throw SQLUnsupported("`describe` profiles the rows in dsw")
    }
  }
}
