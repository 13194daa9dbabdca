/// The file being decoded, so that any complaint can name a line and column.
struct DecodeContext {
  let bytes: [UInt8]

  func error(
    _ code: String, _ message: String, offset: Int, length: Int, notes: [String] = [],
    help: String? = nil
  ) -> Diagnostic {
    let span = SourceLocator(bytes: bytes).span(offset: offset, length: length)
    return Diagnostic.error(code, message, at: span, notes: notes, help: help)
  }

  func error(
    _ code: String, _ message: String, at node: JSONNode, notes: [String] = [],
    help: String? = nil
  ) -> Diagnostic {
    error(code, message, offset: node.offset, length: node.length, notes: notes, help: help)
  }

  /// N030: `"<label>" must be <expected>, not <found>`.
  func typeError(_ label: String, _ expected: String, _ node: JSONNode) -> Diagnostic {
    error("N030", "\(label) must be \(expected), not \(node.kindDescription)", at: node)
  }

  func object(_ node: JSONNode, _ label: String) throws(Diagnostic) -> [JSONNode.Member] {
    guard case .object(let members) = node.content else {
      throw typeError(label, "an object", node)
    }
    return members
  }

  func array(_ node: JSONNode, _ label: String) throws(Diagnostic) -> [JSONNode] {
    guard case .array(let items) = node.content else { throw typeError(label, "an array", node) }
    return items
  }

  func string(_ node: JSONNode, _ label: String) throws(Diagnostic) -> String {
    guard case .string(let text) = node.content else { throw typeError(label, "a string", node) }
    return text
  }

  /// An integer; N047 when `nonNegative` and it is below zero.
  func int(_ node: JSONNode, _ label: String, nonNegative: Bool = true) throws(Diagnostic) -> Int {
    guard case .int(let number) = node.content else {
      throw typeError(label, "an integer", node)
    }
    if nonNegative && number < 0 {
      throw error("N047", "\(label) cannot be negative", at: node)
    }
    return Int(number)
  }

  /// A number; `null` reads as NaN, because the writer writes NaN as `null`.
  func number(_ node: JSONNode, _ label: String) throws(Diagnostic) -> Double {
    switch node.content {
    case .int(let number): return Double(number)
    case .double(let number): return number
    case .null: return .nan
    default: throw typeError(label, "a number", node)
    }
  }
}

/// One JSON object of the notebook file, checked against the keys it may have.
///
/// Unknown keys are errors (N032), so that a typo such as `"ouputs"` is
/// reported instead of silently dropping the cell's outputs.
struct JSONObjectReader {
  let node: JSONNode
  /// What the object is, for messages: "a cell", "an execution".
  let what: String
  let context: DecodeContext
  private let members: [String: JSONNode.Member]

  init(
    _ node: JSONNode, label: String, what: String, allowed: [String], context: DecodeContext
  ) throws(Diagnostic) {
    let list = try context.object(node, label)
    for member in list where !allowed.contains(member.key) {
      throw context.error(
        "N032", "unknown key \(JSONWriter.quoted(member.key)) in \(what)",
        offset: member.keyOffset, length: member.keyLength,
        help: "the keys of \(what) are "
          + allowed.map { JSONWriter.quoted($0) }.joined(
            separator: ", "))
    }
    self.node = node
    self.what = what
    self.context = context
    var byKey: [String: JSONNode.Member] = [:]
    for member in list { byKey[member.key] = member }
    members = byKey
  }

  func optional(_ key: String) -> JSONNode? { members[key]?.value }

  /// The member's key position, for errors about the key itself.
  func keyMember(_ key: String) -> JSONNode.Member? { members[key] }

  func required(_ key: String) throws(Diagnostic) -> JSONNode {
    guard let value = members[key]?.value else {
      throw context.error(
        "N031", "\(what) is missing \(JSONWriter.quoted(key))", offset: node.offset, length: 1)
    }
    return value
  }

  func string(_ key: String) throws(Diagnostic) -> String {
    try context.string(required(key), JSONWriter.quoted(key))
  }

  func int(_ key: String) throws(Diagnostic) -> Int {
    try context.int(required(key), JSONWriter.quoted(key))
  }

  func number(_ key: String) throws(Diagnostic) -> Double {
    try context.number(required(key), JSONWriter.quoted(key))
  }

  func array(_ key: String) throws(Diagnostic) -> [JSONNode] {
    try context.array(required(key), JSONWriter.quoted(key))
  }

  func strings(_ key: String) throws(Diagnostic) -> [String] {
    var result: [String] = []
    for item in try array(key) {
      result.append(try context.string(item, "each item of \(JSONWriter.quoted(key))"))
    }
    return result
  }

  func numbers(_ key: String) throws(Diagnostic) -> [Double] {
    var result: [Double] = []
    for item in try array(key) {
      result.append(try context.number(item, "each item of \(JSONWriter.quoted(key))"))
    }
    return result
  }
}
