/// A column of a dataset that identifies a person, with its identity namespace.
///
/// Namespaces name the kind of identity (`ECID`, `Email`, `CRM ID`, `Phone`):
/// two values stitch together only when they are in the same namespace.
/// The primary identity is the one a dataset is keyed by.
public struct IdentityField: Sendable, Hashable, Codable {
  public var column: String
  public var namespace: String
  public var isPrimary: Bool

  public init(column: String, namespace: String, isPrimary: Bool = false) {
    self.column = column
    self.namespace = namespace
    self.isPrimary = isPrimary
  }
}
