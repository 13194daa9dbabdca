import DSWCore

/// A score request's body read into a table of the model's features.
///
/// Two forms: `{"rows": [{feature: value, …}, …]}` or
/// `{"columns": {feature: [value, …], …}}`. Every feature must be there and
/// nothing else; `null` is a missing value, which the model handles as it did
/// in training. Numbers feed numeric features (int and double alike), booleans
/// bool features, strings categorical features, and ISO 8601 strings date and
/// timestamp features. The table is then scored by the model's own `score`, so
/// an answer is what the notebook's `score` gives for the same rows.
///
/// A body is read first by `ScoringBodyReader`, straight from its bytes; one
/// that reader declines (an error, or a form it leaves aside) is read here by
/// the general JSON parser, which gives the same table or names the problem.
struct ScoringRequest {
  var table: Table

  /// The table of a body, by the fast reader when it can.
  static func decode(
    _ body: UnsafeRawBufferPointer, schema: FeatureSchema, maxRows: Int
  ) throws(Problem) -> ScoringRequest {
    if let table = ScoringBodyReader.read(body, schema: schema, maxRows: maxRows) {
      return ScoringRequest(table: table)
    }
    return try decode(Array(body), features: schema.specs, maxRows: maxRows)
  }

  /// The table of a body by the general JSON parser, or the problem with it.
  static func decode(
    _ bytes: [UInt8], features: [FeatureSpec], maxRows: Int
  ) throws(Problem) -> ScoringRequest {
    let document: JSONNode
    do {
      document = try JSONParser.parseNode(bytes: bytes)
    } catch {
      throw Problem.malformedJSON(error)
    }
    guard case .object(let members) = document.content else {
      throw Problem.badShape(
        "the body must be a JSON object with \"rows\" or \"columns\", not \(document.kindDescription)"
      )
    }
    for member in members where member.key != "rows" && member.key != "columns" {
      throw Problem.badShape(
        "unknown key \"\(member.key)\"; the body holds \"rows\" or \"columns\"")
    }
    guard members.count == 1, let member = members.first else {
      throw Problem.badShape(
        members.isEmpty
          ? "the body must hold \"rows\" or \"columns\"" : "give \"rows\" or \"columns\", not both")
    }
    var builders = features.map(FeatureColumnBuilder.init)
    let rowCount: Int
    if member.key == "rows" {
      rowCount = try readRows(member.value, into: &builders, maxRows: maxRows)
    } else {
      rowCount = try readColumns(member.value, into: &builders, maxRows: maxRows)
    }
    let table = Table(
      names: features.map(\.name), columns: builders.map { $0.build() }, rowCount: rowCount)
    return ScoringRequest(table: table)
  }

  private static func readRows(
    _ node: JSONNode, into builders: inout [FeatureColumnBuilder], maxRows: Int
  ) throws(Problem) -> Int {
    guard case .array(let rows) = node.content else {
      throw Problem.badShape("\"rows\" must be an array of objects, not \(node.kindDescription)")
    }
    if rows.count > maxRows { throw Problem.tooManyRows(rows.count, limit: maxRows) }
    let index = featureIndex(builders)
    for builder in builders.indices { builders[builder].reserve(rows.count) }
    var seen = [Int](repeating: -1, count: builders.count)
    for (rowNumber, row) in rows.enumerated() {
      guard case .object(let fields) = row.content else {
        throw Problem.badShape("row \(rowNumber) must be an object, not \(row.kindDescription)")
      }
      // Clients write every row's fields in one order, so the next feature is
      // the likely match; the dictionary is the fallback.
      var guess = 0
      for field in fields {
        let position: Int
        if guess < builders.count, builders[guess].name == field.key {
          position = guess
        } else if let found = index[field.key] {
          position = found
        } else {
          throw unknownFeature(field.key, row: rowNumber, builders: builders)
        }
        guess = position + 1
        seen[position] = rowNumber
        try builders[position].append(field.value, row: rowNumber)
      }
      if fields.count != builders.count {
        for (position, mark) in seen.enumerated() where mark != rowNumber {
          throw missingFeature(builders[position].name, row: rowNumber)
        }
      }
    }
    return rows.count
  }

  private static func readColumns(
    _ node: JSONNode, into builders: inout [FeatureColumnBuilder], maxRows: Int
  ) throws(Problem) -> Int {
    guard case .object(let columns) = node.content else {
      throw Problem.badShape(
        "\"columns\" must be an object of arrays, not \(node.kindDescription)")
    }
    let index = featureIndex(builders)
    var given: [Int: [JSONNode]] = [:]
    for column in columns {
      guard let position = index[column.key] else {
        throw unknownFeature(column.key, row: nil, builders: builders)
      }
      guard case .array(let values) = column.value.content else {
        throw Problem.badRow(
          "wrong-type", title: "Wrong type",
          detail: "column `\(column.key)` must be an array, not \(column.value.kindDescription)",
          row: nil, field: column.key)
      }
      if values.count > maxRows { throw Problem.tooManyRows(values.count, limit: maxRows) }
      given[position] = values
    }
    var rowCount: Int?
    for (position, builder) in builders.enumerated() {
      guard let values = given[position] else {
        throw missingFeature(builder.name, row: nil)
      }
      if let rowCount, values.count != rowCount {
        throw Problem.badRow(
          "column-length", title: "Columns of different lengths",
          detail:
            "column `\(builder.name)` has \(values.count) values; `\(builders[0].name)` has \(rowCount)",
          row: nil, field: builder.name)
      }
      rowCount = values.count
      builders[position].reserve(values.count)
      for (rowNumber, value) in values.enumerated() {
        try builders[position].append(value, row: rowNumber)
      }
    }
    return rowCount ?? 0
  }

  private static func featureIndex(_ builders: [FeatureColumnBuilder]) -> [String: Int] {
    var index: [String: Int] = [:]
    for (position, builder) in builders.enumerated() { index[builder.name] = position }
    return index
  }

  private static func unknownFeature(
    _ name: String, row: Int?, builders: [FeatureColumnBuilder]
  ) -> Problem {
    let names = builders.map(\.name)
    let suggestion = Suggestion.closest(to: name, among: names)
    let place = row.map { "row \($0) has" } ?? "the columns have"
    return Problem.badRow(
      "unknown-feature", title: "Unknown feature",
      detail: "\(place) `\(name)`, which is not a feature of the model"
        + (suggestion.map { "; did you mean `\($0)`?" } ?? ""),
      row: row, field: name, suggestion: suggestion)
  }

  private static func missingFeature(_ name: String, row: Int?) -> Problem {
    let place = row.map { "row \($0) has" } ?? "the columns have"
    return Problem.badRow(
      "missing-feature", title: "Missing feature",
      detail: "\(place) no `\(name)`; every feature is needed (null for a missing value)",
      row: row, field: name)
  }
}
