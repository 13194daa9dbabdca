/// What `load`'s options ask of a chunk parser, resolved to column positions.
struct CSVLayout: Sendable {
  var quote = UInt8(ascii: "\"")
  var escape = UInt8(ascii: "\"")
  var comment: UInt8?
  var syntax = CSVValueSyntax()
  /// The file's column names, for errors.
  var names: [String] = []
  /// The file positions of the columns to build, in the table's order.
  var selected: [Int] = []
  /// Per file column: whether it is built.
  var isSelected: [Bool] = []
  /// Per file column: the kind `types:` fixed, if any.
  var forcedKinds: [InferredKind?] = []
  /// Per file column: the texts that read as null besides the empty field.
  var nullMarkers: [[[UInt8]]] = []
  /// The selected columns whose values must be checked against a fixed kind.
  var checked: [Int] = []

  /// Whether batches need `prepare` (null markers or checked columns).
  var needsPreparation: Bool { !checked.isEmpty || nullMarkers.contains { !$0.isEmpty } }

  /// Every column, inferred, with no markers.
  init(names: [String] = []) {
    self.names = names
    selected = Array(names.indices)
    isSelected = Array(repeating: true, count: names.count)
    forcedKinds = Array(repeating: nil, count: names.count)
    nullMarkers = Array(repeating: [], count: names.count)
  }
}
