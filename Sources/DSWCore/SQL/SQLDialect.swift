// The SQL form of a pipeline, in one direction:
//
//   Pipeline → PipelinePlanner (a PlannedStep per transform, as a run plans it)
//            → SQLCompiler (the relational skeleton: one SELECT per step,
//              chained as CTEs, the row order carried in a hidden column)
//            → SQLDialect (every expression, aggregate, window call, type and
//              name, spelled with dsw's semantics in one engine's SQL)
//            → SQLCompilation (the statement for the longest prefix that
//              compiles, and the steps that stay local, with the reason)
//
// Nothing here does I/O: a connection target runs the statement.

/// A piece of SQL text with the dsw type of its value.
public struct SQLFragment: Sendable, Hashable {
  public var text: String
  public var type: DataType
  /// True when the text needs no parentheses as an operand: a name, a
  /// literal, a call or a parenthesized expression.
  public var isAtomic: Bool
  /// True for a predicate (`a = b`, `x IS NULL`, `s LIKE p`): it needs no
  /// parentheses as an operand of `AND` or `OR`.
  public var isPredicate = false
  /// `AND` or `OR` when the text is a chain of that operator.
  public var connective: String?

  public init(_ text: String, type: DataType, isAtomic: Bool = true) {
    self.text = text
    self.type = type
    self.isAtomic = isAtomic
  }

  /// A predicate: a comparison, a test or a match.
  public static func predicate(_ text: String) -> SQLFragment {
    var fragment = SQLFragment(text, type: .bool, isAtomic: false)
    fragment.isPredicate = true
    return fragment
  }

  /// The text, parenthesized unless it is atomic: safe as an operand.
  public var operand: String { isAtomic ? text : "(" + text + ")" }

  /// The text as an operand of `AND` or `OR`: predicates and chains of the
  /// same connective read without parentheses.
  public func operand(of connective: String) -> String {
    isAtomic || isPredicate || self.connective == connective ? text : "(" + text + ")"
  }
}

/// Why a step (or an expression in it) cannot run on the engine.
public struct SQLUnsupported: Error, Sendable, Hashable {
  public var reason: String
  public init(_ reason: String) { self.reason = reason }
}

/// What a window call's `OVER` clause needs: the partition, the order the
/// user gave, and the input's row order (to break ties as dsw does).
public struct SQLWindowFrame: Sendable {
  /// Partition expressions.
  public var partition: [String]
  /// `ORDER BY` terms of the user's keys, nulls placed as dsw places them.
  public var order: [String]
  /// The `ORDER BY` term of the input's row order, when it has one.
  public var rowOrder: String?
}

/// One engine's spelling of dsw's semantics.
///
/// The compiler decides the statement's shape (which steps become which
/// `SELECT`s); a dialect writes everything inside it. A second engine (Spark
/// SQL) is another conforming type: callers pass it to `SQLCompiler` and
/// nothing else changes.
public protocol SQLDialect: Sendable {
  /// The dialect's name, as shown to users ("PostgreSQL").
  var name: String { get }
  /// Statements to run on the connection before compiled SQL: the SQL
  /// assumes them (PostgreSQL: the session's time zone is UTC).
  var sessionSetup: [String] { get }
  /// A quoted identifier: one name, dots and all.
  func identifier(_ name: String) -> String
  /// The SQL name of a dsw type, for casts and typed nulls.
  func typeName(_ type: DataType) -> String
  /// An expression, with dsw's semantics; `column` gives the SQL of the
  /// input's columns by index.
  func expression(_ expr: BoundExpr, column: (Int) -> SQLFragment) throws(SQLUnsupported)
    -> SQLFragment
  /// An aggregate call in a grouped `SELECT`; `rowOrder` is the input's row
  /// order column, when it has one (for `first` and `last`).
  func aggregate(_ call: CollectedCall, arguments: [SQLFragment], rowOrder: String?)
    throws(SQLUnsupported) -> SQLFragment
  /// A window or aggregate call of a `window` step, `OVER` clause included.
  func window(_ call: CollectedCall, arguments: [SQLFragment], frame: SQLWindowFrame)
    throws(SQLUnsupported) -> SQLFragment
  /// An `ORDER BY` term for a sort key, with dsw's placement of nulls and its
  /// order of strings (by code point).
  func orderTerm(_ key: SQLFragment, descending: Bool) -> String
  /// The key of grouping, `distinct` and partitions, for a value of `type`.
  func groupKey(_ key: SQLFragment) -> String
}
