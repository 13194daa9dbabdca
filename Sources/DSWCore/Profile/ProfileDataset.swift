/// One profile-enabled dataset as the store keeps it: identity nodes per row
/// and the attribute columns, untouched.
struct ProfileDataset: Sendable {
  var name: String
  /// The ingest number of this version; a higher one wins attribute conflicts.
  var sequence: Int
  var rowCount: Int
  /// Identity columns, the `by` column first, with their namespaces.
  var identities: [IdentityField]
  /// Per identity column, the node of each row (-1 where null).
  var identityNodes: [[Int32]]
  /// Each row's first non-null identity node: the person the row belongs to.
  var rowNode: [Int32]
  var attributeNames: [String]
  var attributes: [Column]
}
