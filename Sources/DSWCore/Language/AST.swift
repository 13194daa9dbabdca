// The syntax tree of the dsw language, as the parser builds it.
//
// Flow: source text → Lexer (tokens) → Parser (this AST) → Planner (typed
// plan) → Executor (tables) → results → rendering. Every node keeps the span
// of the text it came from, so later stages can point at it.

/// A name as written: a dataset, column, model, audience or parameter.
/// Dotted paths (`web.webPageDetails.name`) are one name.
public struct Name: Sendable, Hashable {
  public var text: String
  public var span: SourceSpan
  public init(_ text: String, span: SourceSpan) {
    self.text = text
    self.span = span
  }
}

/// A reference to a model, optionally at a version (`conv@1`).
public struct ModelRef: Sendable, Hashable {
  public var name: Name
  public var version: Int?
  public init(name: Name, version: Int?) {
    self.name = name
    self.version = version
  }
}

/// An expression with its source span.
public struct Expr: Sendable, Hashable {
  public indirect enum Kind: Sendable, Hashable {
    /// A literal: number, string, bool or null.
    case literal(Value)
    /// A column or parameter name; resolved by the planner.
    case name(String)
    case unary(UnaryOperator, Expr)
    case binary(BinaryOperator, Expr, Expr)
    /// `f(args...)`; named arguments are not allowed in expressions.
    case call(function: String, arguments: [Expr])
    /// `x in [a, b]` / `x not in [...]`.
    case inList(Expr, [Expr], negated: Bool)
    /// `x is null` / `x is not null`.
    case isNull(Expr, negated: Bool)
    /// `case when c then v ... [else e] end`.
    case caseWhen(branches: [CaseBranch], otherwise: Expr?)
    /// `[a, b, c]`, only valid as an argument or an option value.
    case list([Expr])
    /// `{key: value, ...}`, only valid as an option value, such as
    /// `types: {zip: "string"}`; the keys are names, each given once.
    case dictionary([Option])
  }

  public var kind: Kind
  public var span: SourceSpan

  public init(_ kind: Kind, span: SourceSpan) {
    self.kind = kind
    self.span = span
  }
}

public struct CaseBranch: Sendable, Hashable {
  public var condition: Expr
  public var result: Expr
  public init(condition: Expr, result: Expr) {
    self.condition = condition
    self.result = result
  }
}

public enum UnaryOperator: String, Sendable, Hashable {
  case negate = "-"
  case not = "not"
}

public enum BinaryOperator: String, Sendable, Hashable {
  case add = "+"
  case subtract = "-"
  case multiply = "*"
  case divide = "/"
  case integerDivide = "//"
  case modulo = "%"
  case equal = "=="
  case notEqual = "!="
  case less = "<"
  case lessEqual = "<="
  case greater = ">"
  case greaterEqual = ">="
  case and = "and"
  case or = "or"
  /// SQL's string concatenation: null when either side is null.
  case concatenate = "||"
}

/// `name: value` in parentheses after a statement or transform, or a named
/// argument of a model constructor.
public struct Option: Sendable, Hashable {
  public var name: Name
  public var value: Expr
  public init(name: Name, value: Expr) {
    self.name = name
    self.value = value
  }
}

/// `name = expr`, or a bare `expr` whose name is derived from its text.
public struct NamedExpr: Sendable, Hashable {
  /// Nil when the user gave no name.
  public var name: Name?
  public var expr: Expr
  public init(name: Name?, expr: Expr) {
    self.name = name
    self.expr = expr
  }
}

public struct SortKey: Sendable, Hashable {
  public var expr: Expr
  public var descending: Bool
  public init(expr: Expr, descending: Bool) {
    self.expr = expr
    self.descending = descending
  }
}

public enum JoinKind: String, Sendable, Hashable {
  case inner, left, semi, anti
}

public enum JoinCondition: Sendable, Hashable {
  /// `on key, key`: the same names on both sides.
  case using([Name])
  /// `on left_col == right_col`, possibly several joined by `and`.
  case equalities([ColumnPair])
}

/// `left == right` in a join condition, or `new = old` in a rename.
public struct ColumnPair: Sendable, Hashable {
  public var left: Name
  public var right: Name
  public init(left: Name, right: Name) {
    self.left = left
    self.right = right
  }
}

public enum ChartKind: String, Sendable, Hashable, Codable {
  case bar, line, hist, scatter
}

/// One step of a pipeline, after `from NAME`.
public struct Transform: Sendable, Hashable {
  public indirect enum Kind: Sendable, Hashable {
    case filter(Expr)
    /// `select a, b, c = expr`.
    case select([NamedExpr])
    case drop([Name])
    /// `rename new = old, ...`: `left` is the new name, `right` the old.
    case rename([ColumnPair])
    case derive([NamedExpr])
    case aggregate([NamedExpr], by: [NamedExpr])
    case sort([SortKey])
    case take(Expr)
    /// Empty keys mean whole rows.
    case distinct([Name])
    case join(JoinKind, dataset: Name, on: JoinCondition)
    case append(Name)
    /// `pivot COLUMN (NAME = AGG) [by KEY, ...]`.
    case pivot(column: Name, value: NamedExpr, by: [Name])
    case window(by: [Name], order: [SortKey], derive: [NamedExpr])
    /// `sample N` / `sample P%` with `(seed: S)`.
    case sample(amount: Expr, percent: Bool, options: [Option])
    case expect([Expr])
    case score(ScoreStep)
    /// `chart KIND X [Y, ...] [by SERIES] [(options)]`: one series per y column, or per
    /// value of `by`.
    case chart(ChartKind, x: Name, y: [Name], by: Name?, options: [Option])
    case describe

  }

  public var kind: Kind
  /// The whole transform's text, from its keyword.
  public var span: SourceSpan
  public init(_ kind: Kind, span: SourceSpan) {
    self.kind = kind
    self.span = span
  }
}

/// `score MODEL [, MODEL] [(options)]`: one model, or a `bgnbd` and a
/// `gamma_gamma` model together for lifetime value.
public struct ScoreStep: Sendable, Hashable {
  public var models: [ModelRef]
  public var options: [Option]
  public init(models: [ModelRef], options: [Option] = []) {
    self.models = models
    self.options = options
  }
}

/// `from NAME | t1 | t2 ...`.
public struct Pipeline: Sendable, Hashable {
  public var source: Name
  public var transforms: [Transform]
  public var span: SourceSpan
  public init(source: Name, transforms: [Transform], span: SourceSpan) {
    self.source = source
    self.transforms = transforms
    self.span = span
  }
}

/// One statement of a cell.
public struct Statement: Sendable, Hashable {
  public indirect enum Kind: Sendable, Hashable {
    case param(Name, Expr)
    /// `synth cmle (users: N, ...)`, `synth groupby (rows: N, ...)`.
    case synth(generator: Name, options: [Option])
    case load(path: String, pathSpan: SourceSpan, as: Name, options: [Option])
    case letBinding(Name, Pipeline)
    /// A bare pipeline: its result is the cell's table output.
    case pipeline(Pipeline)
    case datasets
    case schema(Name)
    case describe(Name)
    case correlate(Name, columns: [Name])
    case expect(Name, conditions: [Expr])
    case funnel(Name, options: [Option])
    case export(Name, path: String, pathSpan: SourceSpan, options: [Option])
    case drop(Name)
    /// `train NAME = ALGO(DATASET, key: value, ...)`.
    case train(Name, algorithm: Name, dataset: Name, arguments: [Option])
    case evaluate(ModelRef)
    case models
    /// `tune NAME = ALGO(DATASET, search: {…}, key: value, ...)`.
    case tune(Name, algorithm: Name, dataset: Name, arguments: [Option])
    /// `runs`: the run history.
    case runs
    /// `compare m@1 m@2 …`, or `compare m` for every version of `m`.
    case compare([ModelRef])
    case saveModel(ModelRef, path: String, pathSpan: SourceSpan)
    case loadModel(path: String, pathSpan: SourceSpan, as: Name)
    /// `ingest DATASET into profile by COLUMN [as NAMESPACE]`.
    case ingest(Name, target: Name, by: Name, namespace: Name?)
    case audience(Name, Pipeline)
    case audiences
    case overlap(Name, Name)
    /// `activate NAME to "PATH" [with [col, ...]]`.
    case activate(Name, path: String, pathSpan: SourceSpan, columns: [Name]?, options: [Option])
    /// `connect NAME to "postgresql://…" [(options)]`; the URL may be a
    /// parameter's name (`connect w to warehouse`).
    case connect(Name, url: Expr, options: [Option])
    case connections
    case disconnect(Name)
    /// `datasets NAME`: the tables and views of a connection.
    case remoteDatasets(Name)
    /// `[let NAME =] sql CONNECTION "SELECT …"`: SQL run as written.
    case sqlQuery(Name?, connection: Name, sql: String, sqlSpan: SourceSpan)
    /// `export DATASET to CONNECTION.schema.table [(mode: …)]`.
    case exportToEngine(Name, target: Name, options: [Option])
    /// `explain MODEL [(feature: NAME, data: DATASET)]` (issue 19).
    case explain(ModelRef, options: [Option])
  }

  public var kind: Kind
  public var span: SourceSpan
  public init(_ kind: Kind, span: SourceSpan) {
    self.kind = kind
    self.span = span
  }
}

/// The statements of one cell.
public struct Program: Sendable, Hashable {
  public var statements: [Statement]
  public init(statements: [Statement]) { self.statements = statements }
}
