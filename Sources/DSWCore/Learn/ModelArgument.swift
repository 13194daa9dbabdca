/// One named argument of a model constructor, as the statement wrote it:
/// `target: converted` or `exclude: [userId, email]`.
public struct ModelArgument: Sendable, Hashable {
  public var name: String
  public var nameSpan: SourceSpan
  public var value: ModelArgumentValue
  public var valueSpan: SourceSpan

  public init(
    name: String, nameSpan: SourceSpan = .unknown, value: ModelArgumentValue,
    valueSpan: SourceSpan = .unknown
  ) {
    self.name = name
    self.nameSpan = nameSpan
    self.value = value
    self.valueSpan = valueSpan
  }
}

/// The value of a model argument.
///
/// A bare identifier (`target: converted`) arrives as `.names([converted])`, a
/// bracketed list of identifiers as `.names([...])`, and a literal as `.value`.
/// Arguments that name columns accept a string literal too.
public enum ModelArgumentValue: Sendable, Hashable {
  case value(Value)
  case names([String])
}
