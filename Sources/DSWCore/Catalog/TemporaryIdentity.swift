// TEMPORARY until the profile layer lands.
public struct IdentityField: Sendable, Hashable {
  public var column: String
  public var namespace: String
  public var isPrimary: Bool
  public init(column: String, namespace: String, isPrimary: Bool) {
    self.column = column
    self.namespace = namespace
    self.isPrimary = isPrimary
  }
}
