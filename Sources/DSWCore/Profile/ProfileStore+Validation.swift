import Foundation

/// The checks an ingest passes before it may change the store.
extension ProfileStore {
  /// Where an accepted dataset's identities and attributes are.
  struct IngestPlan {
    var identities: [IdentityField]
    var identityColumnIndices: [Int]
    var attributeIndices: [Int]
  }

  /// How many duplicate identity values a refusal names.
  static let namedDuplicateLimit = 3

  func planIngest(
    datasetName: String, table: Table, by column: String, namespace: String?,
    otherIdentities: [IdentityField], span: SourceSpan?
  ) throws(Diagnostic) -> IngestPlan {
    let byIndex = try identityColumnIndex(column, in: table, datasetName: datasetName, span: span)
    let byNamespace: String
    if let namespace {
      byNamespace = try Self.checkedNamespace(namespace, column: column, span: span)
    } else if let known = identityColumns.firstIndex(of: column) {
      byNamespace = graph.namespaces[known]
    } else {
      byNamespace = column
    }
    var identities = [IdentityField(column: column, namespace: byNamespace, isPrimary: true)]
    var indices = [byIndex]
    for other in otherIdentities {
      let index = try identityColumnIndex(
        other.column, in: table, datasetName: datasetName, span: nil)
      guard !indices.contains(index) else {
        throw Diagnostic.error(
          "E705", "column `\(other.column)` of `\(datasetName)` is declared as an identity twice",
          at: span)
      }
      let checked = try Self.checkedNamespace(other.namespace, column: other.column, span: span)
      identities.append(IdentityField(column: other.column, namespace: checked, isPrimary: false))
      indices.append(index)
    }
    // A column named like a profile identity column is that identity.
    for (namespaceIndex, profileColumn) in identityColumns.enumerated() {
      guard let index = table.index(of: profileColumn), !indices.contains(index),
        Self.canIdentify(table.columns[index].type)
      else { continue }
      identities.append(
        IdentityField(column: profileColumn, namespace: graph.namespaces[namespaceIndex]))
      indices.append(index)
    }
    try Self.refuseDuplicates(
      table.columns[byIndex], column: column, datasetName: datasetName, span: span)
    let attributeIndices = table.names.indices.filter { !indices.contains($0) }
    try checkAttributeTypes(table, attributeIndices, datasetName: datasetName)
    return IngestPlan(
      identities: identities, identityColumnIndices: indices, attributeIndices: attributeIndices)
  }

  static func canIdentify(_ type: DataType) -> Bool { type == .string || type == .int }

  private func identityColumnIndex(
    _ name: String, in table: Table, datasetName: String, span: SourceSpan?
  ) throws(Diagnostic) -> Int {
    guard let index = table.index(of: name) else {
      var notes: [String] = []
      let listed = table.names.prefix(12).map { "`\($0)`" }.joined(separator: ", ")
      notes.append("`\(datasetName)` has columns \(listed)\(table.names.count > 12 ? ", …" : "")")
      let help = Suggestion.didYouMean(name, among: table.names)
      throw Diagnostic.error(
        "E701", "unknown column `\(name)` in `\(datasetName)`", at: span, notes: notes, help: help)
    }
    let type = table.columns[index].type
    guard Self.canIdentify(type) else {
      throw Diagnostic.error(
        "E702",
        "identity column `\(name)` of `\(datasetName)` is \(type.rawValue); "
          + "an identity must be a string or an int",
        at: span)
    }
    return index
  }

  private static func checkedNamespace(
    _ namespace: String, column: String, span: SourceSpan?
  ) throws(Diagnostic) -> String {
    let trimmed = namespace.trimmingCharacters(in: .whitespaces)
    guard !trimmed.isEmpty else {
      throw Diagnostic.error(
        "E705", "the identity namespace of `\(column)` is empty", at: span,
        help: "name a namespace such as ECID, Email, CRM ID or Phone")
    }
    return trimmed
  }

  /// Refuses an identity column in which a value appears on more than one row.
  private static func refuseDuplicates(
    _ column: Column, column name: String, datasetName: String, span: SourceSpan?
  ) throws(Diagnostic) {
    var duplicates: [(value: String, count: Int)] = []
    switch column.storage {
    case .string(let codes, let dictionary):
      var counts = [Int32](repeating: 0, count: dictionary.count)
      for code in codes where code >= 0 { counts[Int(code)] += 1 }
      for code in codes where code >= 0 && counts[Int(code)] > 1 {
        duplicates.append(("\"\(dictionary[code])\"", Int(counts[Int(code)])))
        counts[Int(code)] = 0
      }
    case .int(let values):
      var counts: [Int64: Int] = [:]
      for row in 0..<values.count where !column.isNull(row) { counts[values[row], default: 0] += 1 }
      guard counts.count < column.count - column.nullCount else { return }
      for row in 0..<values.count where !column.isNull(row) {
        if let count = counts[values[row]], count > 1 {
          duplicates.append((String(values[row]), count))
          counts[values[row]] = 0
        }
      }
    case .double, .bool, .timestamp, .date:
      return
    }
    guard !duplicates.isEmpty else { return }
    var notes = duplicates.prefix(namedDuplicateLimit).map {
      "\($0.value) appears \($0.count) times"
    }
    if duplicates.count > namedDuplicateLimit {
      notes.append("and \(duplicates.count - namedDuplicateLimit) more")
    }
    let values = duplicates.count == 1 ? "1 value" : "\(duplicates.count) values"
    throw Diagnostic.error(
      "E703",
      "`\(datasetName)` has \(values) of `\(name)` on more than one row; "
        + "a profile needs one row per identity",
      at: span, notes: notes,
      help: "aggregate first (`| aggregate … by \(name)`), "
        + "or keep one row each (`| distinct \(name)`)")
  }

  /// Refuses an attribute whose type clashes with the same attribute of another dataset.
  private func checkAttributeTypes(
    _ table: Table, _ attributeIndices: [Int], datasetName: String
  ) throws(Diagnostic) {
    for index in attributeIndices {
      let name = table.names[index]
      let type = table.columns[index].type
      for other in datasets where other.name != datasetName {
        guard let otherIndex = other.attributeNames.firstIndex(of: name) else { continue }
        let otherType = other.attributes[otherIndex].type
        guard otherType != type, !(otherType.isNumeric && type.isNumeric) else { continue }
        throw Diagnostic.error(
          "E704",
          "attribute `\(name)` of `\(datasetName)` is \(type.rawValue), but the profile has it "
            + "as \(otherType.rawValue) from `\(other.name)`",
          help: "cast or rename the column before ingesting")
      }
    }
  }
}
