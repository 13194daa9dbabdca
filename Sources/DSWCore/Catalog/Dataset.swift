/// A named table in the catalog, with what the profile store needs to know.
public struct Dataset: Sendable {
  public var name: String
  public var table: Table
  /// Identity fields: which columns identify a person, and in what namespace.
  public var identities: [IdentityField]
  /// Whether the dataset feeds the `profile`.
  public var isProfileEnabled: Bool

  public init(
    name: String, table: Table, identities: [IdentityField] = [], isProfileEnabled: Bool = false
  ) {
    self.name = name
    self.table = table
    self.identities = identities
    self.isProfileEnabled = isProfileEnabled
  }
}
