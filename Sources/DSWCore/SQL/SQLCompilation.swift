/// How a dataset appears on an engine: its relation, and optionally a column
/// that gives its rows an order.
public struct SQLRelation: Sendable, Hashable {
  /// The relation as SQL: a quoted, possibly qualified table name.
  public var sql: String
  /// A column of the relation (not in the dataset's schema) whose values
  /// order its rows. Tables on an engine have none: their rows have no order.
  public var orderColumn: String?

  public init(sql: String, orderColumn: String? = nil) {
    self.sql = sql
    self.orderColumn = orderColumn
  }
}

/// A pipeline compiled to SQL: the statement for its longest prefix that
/// compiles, and the steps left to run locally on that statement's result.
public struct SQLCompilation: Sendable {
  /// The dialect's name ("PostgreSQL").
  public var dialect: String
  /// Statements the connection must run first (see `SQLDialect.sessionSetup`).
  public var sessionSetup: [String]
  /// One statement: the source and the first `pushedSteps` transforms.
  /// Empty when the source itself is not on the engine.
  public var sql: String
  /// The statement's columns, as dsw types them.
  public var schema: Schema
  /// How many transforms the statement covers.
  public var pushedSteps: Int
  /// The transforms after the prefix, to run locally in order.
  public var localSteps: [Transform]
  /// Why the first local step cannot run on the engine; nil when none is local.
  public var boundaryReason: String?
  /// True when the statement's `ORDER BY` fixes the order of its rows.
  public var isOrdered: Bool

  /// True when the whole pipeline compiles.
  public var isComplete: Bool { localSteps.isEmpty }
}
