/// What one ingest did to the profile store, counted in stitched persons.
///
/// After the ingest every person is in exactly one of `updated`, `created` or
/// `unmatched`; persons whose only identities came from a replaced version of
/// the dataset are counted in `removed` instead.
public struct IngestReport: Sendable, Hashable {
  /// Persons that existed before and have at least one row in this dataset.
  public var updated: Int
  /// Persons that did not exist before: all their identities are new.
  public var created: Int
  /// Persons that existed before and have no row in this dataset.
  public var unmatched: Int
  /// Persons that existed only through the previous version of this dataset.
  public var removed: Int
  /// Rows of the dataset whose identity columns were all null: not ingested.
  public var skippedRows: Int

  public init(updated: Int, created: Int, unmatched: Int, removed: Int = 0, skippedRows: Int = 0) {
    self.updated = updated
    self.created = created
    self.unmatched = unmatched
    self.removed = removed
    self.skippedRows = skippedRows
  }
}
