import DSWCore

/// Builds a string column of JSON text from a list or map and the leaves
/// under it, reassembling each row from the leaves' repetition and
/// definition levels (Dremel's record assembly).
///
/// A null at any level is one entry in every leaf below it; an empty list
/// likewise. So reading an instance of a node takes, from each leaf under
/// it, the entries that instance spans, and leaves sibling fields in step.
struct NestedColumnBuilder {
  let schema: ParquetSchema
  let unit: Int

  /// A leaf's decoded chunk and where reading has got to in it.
  private struct Cursor {
    var levels: LeafChunk
    var rendered: [String]
    var entry = 0
    var value = 0
    let maxDefinition: Int32

    func definition() -> Int32 {
      guard let levels = levels.definitionLevels else { return maxDefinition }
      return entry < levels.count ? levels[entry] : 0
    }

    func repetition() -> Int32? {
      guard entry < levels.entryCount else { return nil }
      guard let levels = levels.repetitionLevels else { return 0 }
      return levels[entry]
    }
  }

  private var cursors: [Int: Cursor] = [:]

  /// - Parameter chunks: for each leaf under the unit (by leaf index), its
  ///   chunks, one per row group, with the conversion of its values.
  init(
    schema: ParquetSchema, unit: Int, chunks: [Int: (LeafChunk, LeafConversion)]
  ) throws(ParquetError) {
    self.schema = schema
    self.unit = unit
    for (leaf, (chunk, conversion)) in chunks {
      let node = schema.nodes[schema.leaves[leaf]]
      cursors[leaf] = Cursor(
        levels: chunk, rendered: try Self.render(chunk.values, conversion),
        maxDefinition: Int32(node.definitionLevel))
    }
  }

  /// One JSON text per row, nil for a null.
  mutating func rows() throws(ParquetError) -> [String?] {
    var rows: [String?] = []
    let first = schema.nodes[unit].leaves[0]
    while let cursor = cursors[first], cursor.entry < cursor.levels.entryCount {
      rows.append(try field(unit))
    }
    return rows
  }

  private func firstLeaf(_ node: Int) -> Int { schema.nodes[node].leaves[0] }

  /// Moves every leaf under `node` past one entry: a null or an empty list.
  private mutating func skip(_ node: Int) {
    for leaf in schema.nodes[node].leaves { cursors[leaf]?.entry += 1 }
  }

  /// A field's value: a repeated field is a list of its instances.
  private mutating func field(_ index: Int) throws(ParquetError) -> String? {
    let node = schema.nodes[index]
    if node.repetition == .repeated {
      return "[" + (try instances(index)).map { $0 ?? "null" }.joined(separator: ",") + "]"
    }
    return try instance(index)
  }

  /// Every instance of the repeated node `index` in the current list.
  private mutating func instances(_ index: Int) throws(ParquetError) -> [String?] {
    let node = schema.nodes[index]
    guard let cursor = cursors[firstLeaf(index)] else { return [] }
    if cursor.definition() < Int32(node.definitionLevel) {
      skip(index)
      return []
    }
    var items: [String?] = []
    repeat {
      items.append(try instance(index))
    } while cursors[firstLeaf(index)]?.repetition() == Int32(node.repetitionLevel)
    return items
  }

  /// One instance of a node: null, a leaf's value, a list, a map or a struct.
  private mutating func instance(_ index: Int)
    throws(ParquetError) -> String?
  {
    let node = schema.nodes[index]
    guard let cursor = cursors[firstLeaf(index)] else { return nil }
    if node.repetition == .optional, cursor.definition() < Int32(node.definitionLevel) {
      skip(index)
      return nil
    }
    if node.isLeaf { return take(node.leaves[0]) }
    if node.isListOrMap, let repeated = node.children.first {
      let child = schema.nodes[repeated]
      let isMap = child.children.count == 2 && node.isMap
      let items = try listItems(list: index, repeated: repeated, isMap: isMap)
      return isMap
        ? "{" + items.map { $0 ?? "null" }.joined(separator: ",") + "}"
        : "[" + items.map { $0 ?? "null" }.joined(separator: ",") + "]"
    }
    var parts: [String] = []
    for child in node.children {
      parts.append(Self.quoted(schema.nodes[child].name) + ":" + ((try field(child)) ?? "null"))
    }
    return "{" + parts.joined(separator: ",") + "}"
  }

  /// The items of a LIST or MAP group, after the backward-compatibility
  /// rules for two-level lists.
  private mutating func listItems(list: Int, repeated: Int, isMap: Bool) throws(ParquetError)
    -> [String?]
  {
    let listNode = schema.nodes[list]
    let node = schema.nodes[repeated]
    guard node.repetition == .repeated else {
      // Not a list after all: a group that says LIST over a plain field.
      return [try instance(repeated)]
    }
    guard let cursor = cursors[firstLeaf(repeated)] else { return [] }
    if cursor.definition() < Int32(node.definitionLevel) {
      skip(repeated)
      return []
    }
    var items: [String?] = []
    repeat {
      if isMap {
        let key = try instance(node.children[0]) ?? "null"
        let value = try field(node.children[1]) ?? "null"
        items.append((key.hasPrefix("\"") ? key : Self.quoted(key)) + ":" + value)
      } else if node.isLeaf || node.children.count > 1 || node.name == "array"
        || node.name == listNode.name + "_tuple"
      {
        items.append(try instance(repeated))
      } else {
        items.append(try field(node.children[0]))
      }
    } while cursors[firstLeaf(repeated)]?.repetition() == Int32(node.repetitionLevel)
    return items
  }

  /// The current entry of a leaf: its value, or null.
  private mutating func take(_ leaf: Int) -> String? {
    guard var cursor = cursors[leaf] else { return nil }
    defer { cursors[leaf] = cursor }
    let present = cursor.definition() == cursor.maxDefinition
    cursor.entry += 1
    guard present, cursor.value < cursor.rendered.count else { return nil }
    cursor.value += 1
    return cursor.rendered[cursor.value - 1]
  }

  /// Each present value as JSON text.
  private static func render(_ values: LeafValues, _ conversion: LeafConversion)
    throws(ParquetError) -> [String]
  {
    let resolved = try values.resolved()
    switch conversion {
    case .bool:
      guard case .bool(let flags) = resolved else { return [] }
      return flags.map { $0 ? "true" : "false" }
    case .int, .time:
      return try conversion.integers(resolved).map { String($0) }
    case .date:
      return try conversion.integers(resolved).map { quoted(CivilTime.formatDate(days: $0)) }
    case .timestamp, .int96:
      return try conversion.integers(resolved).map { quoted(timestamp($0)) }
    case .double, .decimal, .float16:
      return try conversion.doubles(resolved).map(JSONWriter.formatDouble)
    case .string, .hex:
      guard case .bytes(let bytes) = resolved else { return [] }
      return (0..<bytes.count).map { index in
        let value = bytes[index]
        if conversion == .hex {
          return quoted(value.map { String($0, radix: 16).leftPadded(2) }.joined())
        }
        return quoted(String(decoding: value, as: UTF8.self))
      }
    }
  }

  /// `YYYY-MM-DDTHH:MM:SS.ffffffZ`, always with six fraction digits.
  static func timestamp(_ micros: Int64) -> String {
    let second = micros >= 0 ? micros / 1_000_000 : (micros - 999_999) / 1_000_000
    let fraction = micros - second * 1_000_000
    let text = CivilTime.formatTimestamp(micros: second * 1_000_000)
    return String(text.dropLast()) + "." + String(fraction).leftPadded(6) + "Z"
  }

  /// A JSON string literal, as the notebook format writes one.
  static func quoted(_ text: String) -> String { JSONWriter.quoted(text) }
}

extension String {
  fileprivate func leftPadded(_ width: Int) -> String {
    String(repeating: "0", count: max(0, width - count)) + self
  }
}
