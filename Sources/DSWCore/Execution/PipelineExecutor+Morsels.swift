/// Row-by-row steps on both cores, a morsel of rows at a time.
///
/// A run of `filter`, `derive` and `select` steps over a large relation is
/// cut into morsels of `morselRows` rows. The cores take morsels in turn and
/// run the whole run of steps on each while its columns are still in cache;
/// the morsels' results are then put back together in row order (see
/// `Relation.concatenating`). A filter keeps row numbers, so the columns no
/// step reads are still never gathered.
extension PipelineExecutor {
  /// Rows in a morsel: a few hundred kilobytes per column, well inside a
  /// core's cache.
  static let morselRows = 1 << 15

  /// The steps at `index` and after that work row by row, planned one after
  /// another (empty when the step at `index` is not one of them), and the
  /// schema they produce.
  func rowwiseRun(_ transforms: [Transform], from index: Int, input: Schema)
    throws(Diagnostic) -> (steps: [(step: PlannedStep, span: SourceSpan)], output: Schema)
  {
    var run: [(step: PlannedStep, span: SourceSpan)] = []
    var schema = input
    for transform in transforms[index...] {
      let (step, output) = try planner.plan(transform, input: schema)
      guard step.isRowwise, let output else { break }
      run.append((step, transform.span))
      schema = output
    }
    return (run, schema)
  }

  /// The keys and count of a `sort … | take N` at `index`, when N is small
  /// enough for each morsel to keep its own top N rows: the top N of the
  /// whole are among them (a sort keeps ties in row order, and so does
  /// putting the morsels back together), so the sort after the run reads
  /// a few rows per morsel instead of all of them.
  func topAfter(_ transforms: [Transform], at index: Int, input: Schema)
    throws(Diagnostic) -> (keys: [PlannedStep.OrderKey], limit: Int)?
  {
    guard index < transforms.count,
      case (.sort(let keys), _) = try planner.plan(transforms[index], input: input),
      let limit = try takeCount(transforms, at: index + 1, input: input),
      limit <= Self.morselRows / 8
    else { return nil }
    return (keys, limit)
  }

  /// The count of the `take` at `index`, if the step there is one.
  func takeCount(_ transforms: [Transform], at index: Int, input: Schema) throws(Diagnostic)
    -> Int?
  {
    guard index < transforms.count,
      case (.take(let count), _) = try planner.plan(transforms[index], input: input)
    else { return nil }
    return count
  }

  /// Whether running `steps` in morsels pays: enough rows for both cores,
  /// and no work that a morsel would repeat (a string kernel runs once per
  /// dictionary entry of the columns it reads) or that putting morsels
  /// together would redo (merging the dictionaries of a computed string
  /// column, unless its values are only picked from literals and columns).
  func morselsPay(_ steps: [(step: PlannedStep, span: SourceSpan)], on relation: Relation) -> Bool {
    let morsels = relation.rowCount / Self.morselRows
    guard morsels >= 4 else { return false }
    let expressions = steps.flatMap(\.step.rowwiseExpressions)
    if expressions.contains(where: {
      $0.computed && $0.expr.type == .string && !$0.expr.picksExistingStrings
    }) {
      return false
    }
    let readsStrings = expressions.contains {
      $0.expr.contains(where: { expr in
        guard case .column = expr.kind else { return false }
        return expr.type == .string
      })
    }
    return !readsStrings || relation.largestDictionary * morsels <= relation.rowCount / 4
  }

  /// `steps` over `relation`, morsel by morsel on both cores, each morsel
  /// then cut to its `top` rows when given. A failure runs the steps again
  /// over the whole relation, so that the error is the one the first
  /// failing row in row order raises.
  func runInMorsels(
    _ steps: [(step: PlannedStep, span: SourceSpan)], on relation: Relation,
    keepingTop top: (keys: [PlannedStep.OrderKey], limit: Int)? = nil
  ) throws(Diagnostic) -> Relation {
    let ranges = stride(from: 0, to: relation.rowCount, by: Self.morselRows).map {
      $0..<min($0 + Self.morselRows, relation.rowCount)
    }
    var results = [Result<Relation, Diagnostic>?](repeating: nil, count: ranges.count)
    let limits = environment.limits
    // After the first failure (an error, or Ctrl-C) the other morsels are skipped.
    let failed = StopSignal()
    results.withUnsafeMutableBufferPointer { results in
      let out = SendablePointer(results.baseAddress)
      ParallelWork.run(parts: ranges.count) { index in
        if failed.isSet { return }
        do throws(Diagnostic) {
          try limits.poll()
          var morsel = relation.morsel(ranges[index])
          for (step, span) in steps { morsel = try execute(step, on: morsel, span: span) }
          if let top { morsel = try sort(morsel, keys: top.keys, limit: top.limit) }
          out.pointer?[index] = .success(morsel)
        } catch {
          failed.set()
          out.pointer?[index] = .failure(error)
        }
      }
    }
    var morsels: [Relation] = []
    morsels.reserveCapacity(ranges.count)
    if let interrupted = results.lazy.compactMap({ result -> Diagnostic? in
      if case .failure(let error) = result, error.code == Diagnostic.interrupted.code {
        return error
      }
      return nil
    }).first {
      throw interrupted
    }
    for result in results {
      switch result {
      case .success(let morsel): morsels.append(morsel)
      case .failure, nil:
        var whole = relation
        for (step, span) in steps { whole = try execute(step, on: whole, span: span) }
        return whole
      }
    }
    return Relation.concatenating(morsels, of: relation)
  }
}

extension PlannedStep {
  /// Steps whose output rows each depend on one input row.
  var isRowwise: Bool {
    switch self {
    case .filter, .derive, .project: true
    default: false
    }
  }

  /// The expressions of a row-by-row step; `computed` is true for those
  /// that make a column (not a filter, not a plain column reference).
  var rowwiseExpressions: [(expr: BoundExpr, computed: Bool)] {
    switch self {
    case .filter(let condition): [(condition, false)]
    case .derive(let items), .project(let items):
      items.map { item in
        if case .column = item.expr.kind { return (item.expr, false) }
        return (item.expr, true)
      }
    default: []
    }
  }
}

extension BoundExpr {
  /// Whether every value of this expression is a literal's or a column's, picked by
  /// `if`, `case` or `coalesce`: its dictionary then holds no string but theirs.
  var picksExistingStrings: Bool {
    switch kind {
    case .literal, .column: true
    case .caseWhen(let branches, let otherwise):
      branches.allSatisfy(\.result.picksExistingStrings)
        && (otherwise?.picksExistingStrings ?? true)
    case .call(.ifThenElse, let arguments): arguments.dropFirst().allSatisfy(\.picksExistingStrings)
    case .call(.coalesce, let arguments): arguments.allSatisfy(\.picksExistingStrings)
    default: false
    }
  }

  /// Whether this expression or any part of it passes `test`.
  func contains(where test: (BoundExpr) -> Bool) -> Bool {
    if test(self) { return true }
    return children.contains { $0.contains(where: test) }
  }

  /// The expressions this one is made of.
  var children: [BoundExpr] {
    switch kind {
    case .column, .literal: []
    case .negate(let operand), .not(let operand), .cast(let operand), .tryCast(let operand),
      .isNull(let operand, _), .inList(let operand, _, _):
      [operand]
    case .arithmetic(_, let lhs, let rhs), .comparison(_, let lhs, let rhs), .and(let lhs, let rhs),
      .or(let lhs, let rhs):
      [lhs, rhs]
    case .caseWhen(let branches, let otherwise):
      branches.flatMap { [$0.condition, $0.result] } + (otherwise.map { [$0] } ?? [])
    case .call(_, let arguments): arguments
    }
  }
}
