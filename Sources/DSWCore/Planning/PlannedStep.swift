/// One transform of a pipeline, resolved against its input's schema.
public enum PlannedStep: Sendable {
  public struct Item: Sendable {
    public var name: String
    public var expr: BoundExpr
  }

  public struct OrderKey: Sendable {
    public var expr: BoundExpr
    public var descending: Bool
  }

  case filter(BoundExpr)
  /// Output columns, each an expression over the input.
  case project([Item])
  /// Items evaluated one after another, each seeing the columns before it.
  case derive([Item])
  case aggregate(keys: [Item], calls: [CollectedCall], outputs: [Item])
  case sort([OrderKey])
  case take(Int)
  /// Column indexes; empty means whole rows.
  case distinct([Int])
  case join(JoinPlan)
  case append(dataset: String)
  case pivot(PivotPlan)
  case window(partition: [Int], order: [OrderKey], calls: [CollectedCall], outputs: [Item])
  case sample(count: Int?, fraction: Double?, seed: UInt64)
  case expect([ExpectationPlan])
  case score(ScoreStep)
  case chart(ChartPlan)
  case describe
}

public struct JoinPlan: Sendable {
  public var kind: JoinKind
  public var dataset: String
  public var leftKeys: [Int]
  public var rightKeys: [Int]
  /// Right columns carried into the output, and the names they get.
  public var rightColumns: [Int]
  public var rightNames: [String]
  /// Key types widened to one common type (double or timestamp), by key.
  public var keyTypes: [DataType]
}

public struct PivotPlan: Sendable {
  public var column: Int
  public var keys: [Int]
  public var call: CollectedCall
  public var prefix: String
}

public struct ExpectationPlan: Sendable {
  public var condition: BoundExpr
  /// The condition as the user wrote it, for the failure report.
  public var text: String
}

/// A resolved `chart` step: column indexes in its input, and the names as written.
public struct ChartPlan: Sendable {
  public var kind: ChartKind
  public var x: Int
  /// The y columns: none (bar counts, hist), one, or one series each.
  public var y: [Int]
  /// The column whose values split the one y column into series.
  public var by: Int?
  public var bins: Int
  public var xName: String
  public var yNames: [String]
  public var byName: String?
}
