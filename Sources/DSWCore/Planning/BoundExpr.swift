/// An expression whose names are resolved and whose type is known.
///
/// The planner builds these from `Expr`; the executor evaluates them a whole
/// column at a time. Column references are indexes into the input table.
public struct BoundExpr: Sendable {
  public indirect enum Kind: Sendable {
    case column(Int)
    case literal(Value)
    case negate(BoundExpr)
    case not(BoundExpr)
    case arithmetic(BinaryOperator, BoundExpr, BoundExpr)
    case comparison(BinaryOperator, BoundExpr, BoundExpr)
    case and(BoundExpr, BoundExpr)
    case or(BoundExpr, BoundExpr)
    case isNull(BoundExpr, negated: Bool)
    /// Membership in a list of constants, already converted to the operand's type.
    case inList(BoundExpr, [Value], negated: Bool)
    case caseWhen([(condition: BoundExpr, result: BoundExpr)], otherwise: BoundExpr?)
    case call(ScalarFunction, [BoundExpr])
    case cast(BoundExpr)
    /// `try_cast`: a value that does not convert becomes null.
    case tryCast(BoundExpr)
  }

  public var kind: Kind
  public var type: DataType
  public var span: SourceSpan

  public init(_ kind: Kind, type: DataType, span: SourceSpan) {
    self.kind = kind
    self.type = type
    self.span = span
  }

  /// The literal value, when this expression is a constant.
  public var constant: Value? {
    if case .literal(let value) = kind { return value }
    return nil
  }
}
