/// A named table in the catalog, with what the profile store needs to know.
///
/// A dataset loaded from Parquet files is `external`: its columns stay in the
/// files until a statement reads them, and `table` holds only its schema
/// until the session materializes it (`Session.dataset(named:)`).
public struct Dataset: Sendable {
  public var name: String
  public var table: Table
  /// Identity fields: which columns identify a person, and in what namespace.
  public var identities: [IdentityField]
  /// Whether the dataset feeds the `profile`.
  public var isProfileEnabled: Bool
  /// The files behind the dataset, when its columns are read on use.
  public var external: (any ExternalTable)?

  public init(
    name: String, table: Table, identities: [IdentityField] = [], isProfileEnabled: Bool = false
  ) {
    self.name = name
    self.table = table
    self.identities = identities
    self.isProfileEnabled = isProfileEnabled
  }

  /// A dataset whose columns are read from files on use.
  public init(name: String, external: any ExternalTable) {
    self.name = name
    self.table = Table(
      external.schema.fields.map { ($0.name, Column.nulls($0.type, count: 0)) })
    self.identities = []
    self.isProfileEnabled = false
    self.external = external
  }

  public var rowCount: Int { external?.rowCount ?? table.rowCount }
  public var schema: Schema { external?.schema ?? Schema(of: table) }
}
