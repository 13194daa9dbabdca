import DSWCore

/// Readings of the reports whose numbers mean more than their shape: what
/// `synth` made, a column profile, a funnel, audience sizes.
extension ResultReading {
  /// "`profiles` (2,000 rows × 9 columns) and `events` (…)", from the
  /// summary lines `synth` writes for each dataset it makes.
  static func synthesized(_ outputs: [CellOutput], source: String) -> String? {
    let names = Set(CellProducts(source: source).names)
    var made: [String] = []
    for case .text(let text) in outputs {
      for line in text.split(separator: "\n") {
        guard let colon = line.range(of: ": ") else { continue }
        let name = String(line[..<colon.lowerBound])
        guard names.contains(name) else { continue }
        made.append("the dataset `\(name)` (\(line[colon.upperBound...]))")
      }
    }
    guard !made.isEmpty else { return nil }
    return made.count == 1
      ? made[0]
      : made.dropLast().joined(separator: ", ") + " and "
        + (made.last ?? "")
  }

  /// A reading for the tables whose rows are not data rows; nil for the rest.
  static func tableReport(_ table: TableOutput, statement: Statement.Kind?) -> String? {
    switch statement {
    case .describe(let name):
      return "\(table.totalRows.counting("column")) of `\(name.text)` "
        + "profiled, one per row: look for unexpected nulls, distinct counts and ranges"
    case .schema(let name):
      return "`\(name.text)` has \(table.totalRows.counting("field"))"
    case .funnel:
      return funnelReport(table)
    case .audiences:
      return audienceSizes(table)
    default:
      return nil
    }
  }

  /// "1,436 users at the first step, 310 at the last (21.6% of the first)".
  private static func funnelReport(_ table: TableOutput) -> String? {
    guard let users = table.columns.firstIndex(of: "users"),
      let first = table.rows.first, let last = table.rows.last,
      first.indices.contains(users), last.indices.contains(users),
      case .int(let start) = first[users], case .int(let end) = last[users]
    else { return nil }
    let share = start > 0 ? " (\(percent(Double(end) / Double(start))) of the first)" : ""
    return "\(Int(start).formatted) users at the first step, \(Int(end).formatted) at the "
      + "last" + share
  }

  /// "2 audiences: likely 1,234 · loyal 567" from an audience listing with
  /// a size column.
  static func audienceSizes(_ table: TableOutput) -> String? {
    guard
      let sizeColumn = table.columns.firstIndex(where: { ["size", "members"].contains($0) }),
      let nameColumn = table.columns.indices.first(where: { table.types[$0] == .string })
    else { return nil }
    let pairs = table.rows.prefix(4).map { row -> String in
      guard row.indices.contains(nameColumn), row.indices.contains(sizeColumn) else { return "" }
      let size: String
      if case .int(let count) = row[sizeColumn] { size = Int(count).formatted } else { size = "?" }
      if case .string(let name) = row[nameColumn] { return "\(name) \(size)" }
      return size
    }
    let more = table.totalRows > 4 ? " · …" : ""
    return "\(table.totalRows.counting("audience")): "
      + pairs.joined(separator: " · ") + more
  }

  static func chartNoun(_ kind: ChartKind) -> String {
    switch kind {
    case .bar: "a bar chart"
    case .line: "a line chart"
    case .hist: "a histogram"
    case .scatter: "a scatter plot"
    }
  }

  private static func percent(_ fraction: Double) -> String {
    fraction.isFinite ? String(format: "%.1f%%", fraction * 100) : "n/a"
  }
}
