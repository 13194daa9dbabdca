/// Which columns of its source a pipeline reads: projection pushdown for
/// datasets whose columns are read from files on use.
///
/// The answer may include columns the pipeline does not need (a name that a
/// `derive` shadows, say), never miss one it needs. Until a step replaces
/// the columns (`select`, `aggregate`, `pivot`, `chart`), every source column
/// flows to the output and is needed; steps that read whole rows (`distinct`
/// without keys, `append`, `score`, `describe`) need every column that
/// still flows.
enum SourceColumns {
  /// The names the pipeline needs, or nil for every column.
  static func needed(by pipeline: Pipeline) -> Set<String>? {
    var names = Set<String>()
    var open = true
    for transform in pipeline.transforms {
      switch transform.kind {
      case .filter(let expr), .take(let expr):
        collect(expr, into: &names)
      case .select(let items):
        for item in items { collect(item.expr, into: &names) }
        open = false
      case .drop(let dropped):
        // Dropped columns still appear in the planned schema.
        for name in dropped { names.insert(name.text) }
      case .rename(let pairs):
        for pair in pairs { names.insert(pair.right.text) }
      case .derive(let items):
        for item in items { collect(item.expr, into: &names) }
      case .aggregate(let items, let keys):
        for item in items + keys { collect(item.expr, into: &names) }
        open = false
      case .sort(let keys):
        for key in keys { collect(key.expr, into: &names) }
      case .distinct(let keys):
        if keys.isEmpty, open { return nil }
        for key in keys { names.insert(key.text) }
      case .join(_, _, let condition):
        switch condition {
        case .using(let keys): for key in keys { names.insert(key.text) }
        case .equalities(let pairs): for pair in pairs { names.insert(pair.left.text) }
        }
      case .window(let by, let order, let items):
        for name in by { names.insert(name.text) }
        for key in order { collect(key.expr, into: &names) }
        for item in items { collect(item.expr, into: &names) }
      case .pivot(let column, let value, let by):
        names.insert(column.text)
        collect(value.expr, into: &names)
        for key in by { names.insert(key.text) }
        open = false
      case .sample: break
      case .expect(let conditions):
        for condition in conditions { collect(condition, into: &names) }
      case .chart(_, let x, let y, let by, _):
        names.insert(x.text)
        for name in y { names.insert(name.text) }
        if let by { names.insert(by.text) }
        open = false
      case .append, .score, .describe:
        if open { return nil }
      }
    }
    return open ? nil : names
  }

  /// Every name an expression mentions (columns and parameters alike).
  static func collect(_ expr: Expr, into names: inout Set<String>) {
    switch expr.kind {
    case .literal: break
    case .name(let name): names.insert(name)
    case .unary(_, let operand): collect(operand, into: &names)
    case .binary(_, let left, let right):
      collect(left, into: &names)
      collect(right, into: &names)
    case .call(_, let arguments):
      for argument in arguments { collect(argument, into: &names) }
    case .inList(let operand, let items, _):
      collect(operand, into: &names)
      for item in items { collect(item, into: &names) }
    case .isNull(let operand, _): collect(operand, into: &names)
    case .caseWhen(let branches, let otherwise):
      for branch in branches {
        collect(branch.condition, into: &names)
        collect(branch.result, into: &names)
      }
      if let otherwise { collect(otherwise, into: &names) }
    case .list(let items):
      for item in items { collect(item, into: &names) }
    case .dictionary(let options):
      for option in options { collect(option.value, into: &names) }
    }
  }

  /// The conditions of the pipeline's leading filters that a reader can test
  /// against statistics: `column OP constant` joined by `and`, `between`,
  /// `in [...]`, `is null`. `derive` steps before a filter do not stop the
  /// search, as they keep every row.
  static func predicates(
    of pipeline: Pipeline, planner: PipelinePlanner, schema: Schema
  ) -> [ScanPredicate] {
    var predicates: [ScanPredicate] = []
    var current = schema
    let sourceNames = Set(schema.fields.map(\.name))
    var shadowed = Set<String>()
    for transform in pipeline.transforms {
      guard let (step, output) = try? planner.plan(transform, input: current), let output
      else { break }
      switch step {
      case .filter(let condition):
        for conjunct in conjuncts(condition) {
          if let predicate = predicate(conjunct, current),
            sourceNames.contains(predicate.column), !shadowed.contains(predicate.column)
          {
            predicates.append(predicate)
          }
        }
      case .derive(let items):
        for item in items { shadowed.insert(item.name) }
      default:
        return predicates
      }
      current = output
    }
    return predicates
  }

  private static func conjuncts(_ expr: BoundExpr) -> [BoundExpr] {
    if case .and(let left, let right) = expr.kind { return conjuncts(left) + conjuncts(right) }
    return [expr]
  }

  private static func predicate(_ expr: BoundExpr, _ schema: Schema) -> ScanPredicate? {
    func name(_ operand: BoundExpr) -> String? {
      guard case .column(let index) = operand.kind, index < schema.fields.count else { return nil }
      return schema.fields[index].name
    }
    switch expr.kind {
    case .comparison(let op, let left, let right):
      let flipped: Bool
      let column: String
      let value: Value
      if let leftName = name(left), let constant = right.constant {
        (column, value, flipped) = (leftName, constant, false)
      } else if let rightName = name(right), let constant = left.constant {
        (column, value, flipped) = (rightName, constant, true)
      } else {
        return nil
      }
      if value == .null { return nil }
      let comparison: ScanPredicate.Comparison
      switch (op, flipped) {
      case (.equal, _): comparison = .equal
      case (.less, false), (.greater, true): comparison = .less
      case (.lessEqual, false), (.greaterEqual, true): comparison = .lessOrEqual
      case (.greater, false), (.less, true): comparison = .greater
      case (.greaterEqual, false), (.lessEqual, true): comparison = .greaterOrEqual
      default: return nil
      }
      return ScanPredicate(column: column, comparison: comparison, values: [value])
    case .inList(let operand, let values, negated: false):
      guard let column = name(operand), !values.contains(.null) else { return nil }
      return ScanPredicate(column: column, comparison: .oneOf, values: values)
    case .isNull(let operand, let negated):
      guard let column = name(operand) else { return nil }
      return ScanPredicate(column: column, comparison: negated ? .isNotNull : .isNull)
    default:
      return nil
    }
  }
}

/// What a pipeline needs of its source: worked out only when the source is a
/// dataset of files, where it decides what is read.
public struct ScanRequest {
  public let pipeline: Pipeline
  let planner: PipelinePlanner

  public var source: Name { pipeline.source }

  /// The source columns the pipeline reads, or nil for all of them.
  public var columns: Set<String>? { SourceColumns.needed(by: pipeline) }

  /// The leading filters' conditions that statistics can test, against the
  /// source's `schema`.
  public func predicates(_ schema: Schema) -> [ScanPredicate] {
    SourceColumns.predicates(of: pipeline, planner: planner, schema: schema)
  }
}
