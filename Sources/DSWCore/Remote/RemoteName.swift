/// How a dotted name reaches a remote table: `w.events` (the table `events`
/// in the first schema of the connection's search path that has one) or
/// `w.schema.table`.
public enum RemoteName {
  /// The connection part of a dotted name, if it has one.
  public static func connection(of text: String) -> String? {
    guard let dot = text.firstIndex(of: ".") else { return nil }
    let first = text[..<dot]
    return first.isEmpty ? nil : String(first)
  }

  /// The schema (when given) and table of a dotted name after its connection.
  static func parts(of name: Name) throws(Diagnostic) -> (schema: String?, table: String) {
    let parts = name.text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    switch parts.count {
    case 2 where !parts[1].isEmpty: return (nil, parts[1])
    case 3 where !parts[1].isEmpty && !parts[2].isEmpty: return (parts[1], parts[2])
    default: throw malformedTarget(name)
    }
  }

  static func malformedTarget(_ name: Name) -> Diagnostic {
    let connection = connection(of: name.text) ?? "w"
    return .error(
      "R011", "`\(name.text)` does not name a remote table",
      at: name.span,
      help: "write `\(connection).table` or `\(connection).schema.table`")
  }

  static func unknownConnection(_ name: Name, among names: [String]) -> Diagnostic {
    .error(
      "R010", "unknown connection `\(name.text)`", at: name.span,
      notes: names.isEmpty
        ? ["no connections yet: `connect \(name.text) to \"postgresql://user@host/db\"` makes one"]
        : ["connections: " + names.joined(separator: ", ")],
      help: UnknownName.suggestion(name.text, names))
  }
}
