/// Reads and writes `.dswnb` files, validating them strictly.
///
/// Decoding never accepts a file it could not write back unchanged: wrong
/// types, missing or unknown keys, bad ids and ragged tables are all errors,
/// each pointing at the offending value's line and column. Encoding writes the
/// exact bytes Python's `json.dumps(indent=2, sort_keys=True,
/// ensure_ascii=False)` would, so a decoded, unchanged notebook re-encodes to
/// the same bytes.
///
/// Validation codes (the JSON syntax codes N001–N019 are in `JSONParser`):
/// - N030 `"<key>" must be <type>, not <type>`.
/// - N031 `<a cell> is missing "<key>"`.
/// - N032 `unknown key "<key>" in <a cell>`.
/// - N033 `unknown cell kind "<kind>"; expected markdown, query, …`.
/// - N034 `invalid cell id "<id>"; a cell id has 8 characters from a-z and 0-9`.
/// - N035 `duplicate cell id "<id>"`.
/// - N036 `a markdown cell cannot have "outputs"` (or `"execution"`).
/// - N037 `row <n> has <k> values, but the table has <m> columns`.
/// - N038 `"types" has <k> entries, but the table has <m> columns`.
/// - N039 `this notebook was written by a newer dsw (format version <n>); this dsw
///   reads version 1`.
/// - N040 `unknown format version <n>; this dsw reads version 1`.
/// - N041 `unknown output type "<type>"; expected table, text, chart, metrics or error`.
/// - N042 `unknown column type "<type>"; expected int, double, bool, timestamp, date
///   or string`.
/// - N043 a table value that does not fit its column's type.
/// - N044 `unknown execution status "<status>"; expected ok, error or stale`.
/// - N045 `unknown chart kind "<kind>"; expected bar, line, hist or scatter`.
/// - N046 `a source line cannot contain a line break`.
/// - N047 `"<key>" cannot be negative`.
/// - N048 `the chart has <n> y values but <k> labels` (or `x values`).
/// - N049 `"heat" (or "x_temporal") must be true or false`.
/// - N050 `unknown run kind "<kind>"; expected train or tune`.
public enum NotebookCodec {
  static let cellKeys = ["id", "kind", "source", "outputs", "execution", "metadata", "runs"]
  static let executionKeys = ["count", "status", "duration_ms", "fingerprint"]

  // MARK: Decoding

  /// Parses and validates a notebook file's bytes.
  public static func decode(bytes: [UInt8]) throws(Diagnostic) -> Notebook {
    let root = try JSONParser.parseNode(bytes: bytes)
    let context = DecodeContext(bytes: bytes)
    let members = try context.object(root, "the notebook")
    // The version comes first: a newer file may well have keys this dsw does
    // not know, and the version is the message that explains them.
    guard let versionNode = members.first(where: { $0.key == "dswnb" })?.value else {
      throw context.error(
        "N031", "the notebook is missing \"dswnb\"", offset: root.offset, length: 1)
    }
    let version = try context.int(versionNode, "\"dswnb\"", nonNegative: false)
    if version > Notebook.formatVersion {
      throw context.error(
        "N039",
        "this notebook was written by a newer dsw (format version \(version)); "
          + "this dsw reads version \(Notebook.formatVersion)", at: versionNode,
        help: "upgrade dsw to open it")
    }
    if version < Notebook.formatVersion {
      throw context.error(
        "N040",
        "unknown format version \(version); this dsw reads version \(Notebook.formatVersion)",
        at: versionNode)
    }
    let top = try JSONObjectReader(
      root, label: "the notebook", what: "the notebook", allowed: ["cells", "dswnb", "metadata"],
      context: context)
    var cells: [Cell] = []
    var firstUse: [String: JSONNode] = [:]
    for cellNode in try top.array("cells") {
      let (cell, idNode) = try decodeCell(cellNode, context: context)
      if let first = firstUse[cell.id] {
        let place = SourceLocator(bytes: bytes).span(offset: first.offset)
        throw context.error(
          "N035", "duplicate cell id \(JSONWriter.quoted(cell.id))", at: idNode,
          notes: ["first used at line \(place.line), column \(place.column)"])
      }
      firstUse[cell.id] = idNode
      cells.append(cell)
    }
    var metadata = NotebookMetadata()
    if let metadataNode = top.optional("metadata") {
      metadata = try decodeMetadata(metadataNode, context: context)
    }
    return Notebook(cells: cells, version: version, metadata: metadata)
  }

  private static func decodeCell(
    _ node: JSONNode, context: DecodeContext
  ) throws(Diagnostic) -> (Cell, idNode: JSONNode) {
    let reader = try JSONObjectReader(
      node, label: "each cell", what: "a cell", allowed: cellKeys, context: context)
    let idNode = try reader.required("id")
    let id = try context.string(idNode, "\"id\"")
    guard CellID.isValid(id) else {
      throw context.error(
        "N034",
        "invalid cell id \(JSONWriter.quoted(id)); a cell id has 8 characters from a-z and 0-9",
        at: idNode)
    }
    let kindNode = try reader.required("kind")
    let kindText = try context.string(kindNode, "\"kind\"")
    guard let kind = CellKind(rawValue: kindText) else {
      throw context.error(
        "N033",
        "unknown cell kind \(JSONWriter.quoted(kindText)); expected markdown, query, train, "
          + "score, ingest or audience", at: kindNode)
    }
    var lines: [String] = []
    for lineNode in try reader.array("source") {
      let line = try context.string(lineNode, "each line of \"source\"")
      if line.utf8.contains(UInt8(ascii: "\n")) {
        throw context.error("N046", "a source line cannot contain a line break", at: lineNode)
      }
      lines.append(line)
    }
    var cell = Cell(id: id, kind: kind, source: lines.joined(separator: "\n"))
    for key in ["outputs", "execution", "runs"] where kind == .markdown {
      if let member = reader.keyMember(key) {
        throw context.error(
          "N036", "a markdown cell cannot have \(JSONWriter.quoted(key))",
          offset: member.keyOffset, length: member.keyLength)
      }
    }
    if let outputsNode = reader.optional("outputs") {
      var outputs: [CellOutput] = []
      for outputNode in try context.array(outputsNode, "\"outputs\"") {
        outputs.append(try OutputCoding.decode(outputNode, context: context))
      }
      cell.outputs = outputs
    }
    if let metadataNode = reader.optional("metadata") {
      for member in try context.object(metadataNode, "\"metadata\"") {
        cell.metadata[member.key] = member.value.value
      }
    }
    if let executionNode = reader.optional("execution") {
      cell.execution = try decodeExecution(executionNode, context: context)
    }
    if let runsNode = reader.optional("runs") {
      for runNode in try context.array(runsNode, "\"runs\"") {
        cell.runs.append(try RunCoding.decode(runNode, context: context))
      }
    }
    return (cell, idNode)
  }

  private static func decodeExecution(
    _ node: JSONNode, context: DecodeContext
  ) throws(Diagnostic) -> Execution {
    let reader = try JSONObjectReader(
      node, label: "\"execution\"", what: "an execution", allowed: executionKeys,
      context: context)
    let statusNode = try reader.required("status")
    let statusText = try context.string(statusNode, "\"status\"")
    guard let status = Execution.Status(rawValue: statusText) else {
      throw context.error(
        "N044",
        "unknown execution status \(JSONWriter.quoted(statusText)); expected ok, error or stale",
        at: statusNode)
    }
    return Execution(
      count: try reader.int("count"), status: status, durationMs: try reader.int("duration_ms"),
      fingerprint: try reader.string("fingerprint"))
  }

  private static func decodeMetadata(
    _ node: JSONNode, context: DecodeContext
  ) throws(Diagnostic) -> NotebookMetadata {
    var metadata = NotebookMetadata()
    for member in try context.object(node, "\"metadata\"") {
      switch member.key {
      case "title": metadata.title = try context.string(member.value, "\"title\"")
      case "theme": metadata.theme = try context.string(member.value, "\"theme\"")
      default: metadata.extra[member.key] = member.value.value
      }
    }
    return metadata
  }

  // MARK: Encoding

  /// The notebook file's text, trailing newline included.
  public static func encode(_ notebook: Notebook) -> String {
    JSONWriter.write(json(notebook))
  }

  /// The notebook file's bytes, trailing newline included.
  public static func encodeBytes(_ notebook: Notebook) -> [UInt8] {
    JSONWriter.bytes(json(notebook))
  }

  /// The notebook as a JSON document.
  public static func json(_ notebook: Notebook) -> JSONValue {
    var metadata = notebook.metadata.extra
    if let title = notebook.metadata.title { metadata["title"] = .string(title) }
    if let theme = notebook.metadata.theme { metadata["theme"] = .string(theme) }
    return .object([
      "cells": .array(notebook.cells.map(json)),
      "dswnb": .int(Int64(notebook.version)),
      "metadata": .object(metadata),
    ])
  }

  /// One cell as a JSON object.
  public static func json(_ cell: Cell) -> JSONValue {
    var object: [String: JSONValue] = [
      "id": .string(cell.id),
      "kind": .string(cell.kind.rawValue),
      "source": .array(cell.sourceLines.map { .string($0) }),
    ]
    if let outputs = cell.outputs { object["outputs"] = .array(outputs.map(OutputCoding.json)) }
    if !cell.metadata.isEmpty { object["metadata"] = .object(cell.metadata) }
    if !cell.runs.isEmpty { object["runs"] = .array(cell.runs.map(RunCoding.json)) }
    if let execution = cell.execution {
      object["execution"] = .object([
        "count": .int(Int64(execution.count)),
        "status": .string(execution.status.rawValue),
        "duration_ms": .int(Int64(execution.durationMs)),
        "fingerprint": .string(execution.fingerprint),
      ])
    }
    return .object(object)
  }
}
