/// The customer profile: every profile-enabled dataset merged by identity,
/// one row per stitched person.
///
/// - Identity stitching: identities that share a row of any dataset (say a
///   CRM table with both `email` and `userId`) belong to one person. The
///   graph is a union-find over (namespace, value) nodes, rebuilt on every
///   ingest, so replacing a dataset can also unlink identities.
/// - Merge policy: for each attribute (a column name), a person takes the
///   non-null value from the most recently ingested dataset that has one for
///   them; within a dataset, the later row wins. Persons a later dataset does
///   not cover keep the earlier value, and a null never overwrites a value.
/// - Re-ingesting a dataset of the same name replaces its previous version
///   entirely (its stale rows and identities disappear); it keeps its place
///   in the row order and counts as the latest ingest for merging.
/// - Row order: persons in order of first appearance, datasets in the order
///   they were first ingested, rows in order.
///
/// The store keeps each dataset's columns as they are, and `profileTable()`
/// gathers them by row-index arrays; nothing is stored per person and value.
public struct ProfileStore: Sendable {
  /// Changes on every successful ingest, so audiences know to re-evaluate.
  public private(set) var version = 0
  var graph = IdentityGraph()
  /// Parallel to `graph.namespaces`: the profile column that shows each namespace.
  var identityColumns: [String] = []
  var datasets: [ProfileDataset] = []
  var stitching = Stitching.empty
  private var ingestCount = 0

  public init() {}

  /// The identity columns of `profileTable()`, in order; the first is primary.
  public var identities: [IdentityField] {
    zip(identityColumns, graph.namespaces).enumerated().map { index, pair in
      IdentityField(column: pair.0, namespace: pair.1, isPrimary: index == 0)
    }
  }

  /// Where among `names` the identity column is that an audience's members
  /// are compared and activated by: the first of the profile's identity
  /// columns there. The run (`overlap`, `activate`) and `dsw check` ask the
  /// same question.
  func identityIndex(among names: [String], audience: Name) throws(Diagnostic) -> Int {
    let candidates = identities.map(\.column)
    guard let found = candidates.lazy.compactMap({ names.firstIndex(of: $0) }).first else {
      throw Diagnostic.error(
        "E714", "the audience `\(audience.text)` drops the identity column", at: audience.span,
        help: "keep `\(candidates.first ?? "userId")` in its pipeline's `select`")
    }
    return found
  }

  /// The profile-enabled datasets, in the order they were first ingested.
  public var datasetNames: [String] { datasets.map(\.name) }

  /// The number of stitched persons: the rows of `profileTable()`.
  public var personCount: Int { stitching.personCount }

  /// Makes `table` profile-enabled under `datasetName`, keyed by `column`,
  /// and merges its other columns as profile attributes.
  ///
  /// - Parameters:
  ///   - namespace: the identity namespace of `column`. When nil, the namespace
  ///     of the profile identity column of that name, else the column name.
  ///   - otherIdentities: further identity columns of the dataset; they stitch
  ///     persons together and are not attributes. A column named like a
  ///     profile identity column (`email`) is read as that identity too.
  ///   - span: where `column` is written, for diagnostics.
  /// - Throws: a `Diagnostic` for an unknown column, an identity column that
  ///   is not a string or an integer, duplicate identity values, or an
  ///   attribute whose type clashes with the same attribute from another dataset.
  public mutating func ingest(
    datasetName: String, table: Table, by column: String, namespace: String? = nil,
    otherIdentities: [IdentityField] = [], span: SourceSpan? = nil
  ) throws(Diagnostic) -> IngestReport {
    let plan = try planIngest(
      datasetName: datasetName, table: table, by: column, namespace: namespace,
      otherIdentities: otherIdentities, span: span)

    // Everything below is infallible: the store changes only once the dataset is accepted.
    var identityNodes: [[Int32]] = []
    for identity in plan.identities {
      let namespaceIndex = graph.internNamespace(identity.namespace)
      if Int(namespaceIndex) == identityColumns.count {
        identityColumns.append(uniqueIdentityColumnName(identity))
      }
      let identityColumn = table.columns[plan.identityColumnIndices[identityNodes.count]]
      identityNodes.append(graph.nodes(for: identityColumn, namespace: namespaceIndex))
    }
    var rowNode = [Int32](repeating: -1, count: table.rowCount)
    var skippedRows = 0
    for row in 0..<table.rowCount {
      for nodes in identityNodes where nodes[row] >= 0 {
        rowNode[row] = nodes[row]
        break
      }
      if rowNode[row] < 0 { skippedRows += 1 }
    }
    ingestCount += 1
    let dataset = ProfileDataset(
      name: datasetName, sequence: ingestCount, rowCount: table.rowCount,
      identities: plan.identities, identityNodes: identityNodes, rowNode: rowNode,
      attributeNames: plan.attributeIndices.map { table.names[$0] },
      attributes: plan.attributeIndices.map { table.columns[$0] })
    if let existing = datasets.firstIndex(where: { $0.name == datasetName }) {
      datasets[existing] = dataset
    } else {
      datasets.append(dataset)
    }

    let previous = stitching
    stitching = Stitching(datasets: datasets, graph: graph)
    version += 1
    var report = Self.compare(previous: previous, current: stitching, dataset: dataset)
    report.skippedRows = skippedRows
    return report
  }

  /// A profile column name for a new namespace: the column's own name unless
  /// another namespace already shows under it.
  private func uniqueIdentityColumnName(_ identity: IdentityField) -> String {
    guard identityColumns.contains(identity.column) else { return identity.column }
    let suffix = String(identity.namespace.filter { $0.isLetter || $0.isNumber })
    return identity.column + "_" + suffix
  }

  /// Counts persons updated, created, left unmatched and removed by one ingest.
  private static func compare(
    previous: Stitching, current: Stitching, dataset: ProfileDataset
  ) -> IngestReport {
    var touched = [Bool](repeating: false, count: current.personCount)
    for node in dataset.rowNode where node >= 0 {
      let person = current.personOfNode[Int(node)]
      if person >= 0 { touched[Int(person)] = true }
    }
    var existed = [Bool](repeating: false, count: current.personCount)
    var survives = [Bool](repeating: false, count: previous.personCount)
    for node in 0..<previous.personOfNode.count {
      let before = previous.personOfNode[node]
      let after = current.personOfNode[node]
      guard before >= 0, after >= 0 else { continue }
      existed[Int(after)] = true
      survives[Int(before)] = true
    }
    var report = IngestReport(updated: 0, created: 0, unmatched: 0)
    for person in 0..<current.personCount {
      switch (touched[person], existed[person]) {
      case (true, true): report.updated += 1
      case (true, false): report.created += 1
      case (false, true): report.unmatched += 1
      case (false, false): break
      }
    }
    report.removed = survives.lazy.filter { !$0 }.count
    return report
  }
}
