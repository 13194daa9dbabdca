/// One `SELECT` of a compiled pipeline, before it is written out.
struct SQLSelect {
  var distinct = false
  /// Output items, each `expr` or `expr AS "name"`.
  var items: [String]
  /// The `FROM` clause, joins included.
  var from: String
  var conditions: [String] = []
  var groupBy: [String] = []
  var orderBy: [String] = []
  var limit: Int?

  /// The statement, indented by `indent` spaces, one clause a line.
  func render(indent: Int) -> String {
    let pad = String(repeating: " ", count: indent)
    var lines: [String] = []
    let head = distinct ? "SELECT DISTINCT" : "SELECT"
    if items.isEmpty {
      lines.append(pad + head)
    } else if items.count == 1 || items.joined(separator: ", ").count + head.count + indent <= 90 {
      lines.append(pad + head + " " + items.joined(separator: ", "))
    } else {
      lines.append(pad + head)
      for (index, item) in items.enumerated() {
        lines.append(pad + "  " + item + (index == items.count - 1 ? "" : ","))
      }
    }
    lines.append(pad + "FROM " + from)
    if !conditions.isEmpty {
      lines.append(pad + "WHERE " + conditions.joined(separator: "\n\(pad)  AND "))
    }
    if !groupBy.isEmpty { lines.append(pad + "GROUP BY " + groupBy.joined(separator: ", ")) }
    if !orderBy.isEmpty { lines.append(pad + "ORDER BY " + orderBy.joined(separator: ", ")) }
    if let limit { lines.append(pad + "LIMIT \(limit)") }
    return lines.joined(separator: "\n")
  }
}

/// The statement being built: the `SELECT`s so far, chained as CTEs.
struct SQLStatementBuilder {
  var steps: [(name: String, select: SQLSelect)] = []
  /// Relations the statement reads, which a CTE's name must not hide.
  var reserved: Set<String> = []

  /// Adds a `SELECT` as the next CTE and returns its (quoted) name.
  mutating func add(_ select: SQLSelect, dialect: any SQLDialect) -> String {
    var name = dialect.identifier("step\(steps.count + 1)")
    var suffix = 1
    while reserved.contains(name) {
      name = dialect.identifier("step\(steps.count + 1)_\(suffix)")
      suffix += 1
    }
    steps.append((name, select))
    return name
  }

  /// `WITH step1 AS (...), ... final`.
  func render(final: SQLSelect) -> String {
    guard !steps.isEmpty else { return final.render(indent: 0) }
    var parts: [String] = []
    for (index, step) in steps.enumerated() {
      let head = index == 0 ? "WITH " : ""
      parts.append(
        head + step.name + " AS (\n" + step.select.render(indent: 2) + "\n)"
          + (index == steps.count - 1 ? "" : ","))
    }
    return parts.joined(separator: "\n") + "\n" + final.render(indent: 0)
  }
}
