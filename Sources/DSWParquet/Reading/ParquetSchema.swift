import DSWCore

/// A file's schema as a tree, with the levels Dremel's encoding gives each
/// leaf, and the columns dsw makes of it.
///
/// The footer lists the schema depth first, each group followed by its
/// `num_children` children. Struct fields become dotted columns
/// (`address.city`), as JSON loading makes them; a list or a map, at any
/// depth below structs, becomes one string column holding its JSON text.
struct ParquetSchema {
  /// One element of the tree.
  struct Node {
    var element: SchemaElement
    var children: [Int] = []
    var parent: Int?
    /// Optional or repeated ancestors, itself included: a leaf's value is
    /// present when its definition level reaches this.
    var definitionLevel = 0
    /// Repeated ancestors, itself included.
    var repetitionLevel = 0
    /// Leaves at or under this node, as indexes into `leaves`.
    var leaves: [Int] = []

    var name: String { element.name }
    var isLeaf: Bool { children.isEmpty && element.type != nil }
    var repetition: Repetition { element.repetition ?? .required }
    var isListOrMap: Bool {
      if isMap { return true }
      return element.logicalType == .list || element.convertedType == .list
    }

    var isMap: Bool {
      element.logicalType == .map || element.convertedType == .map
        || element.convertedType == .mapKeyValue
    }
  }

  /// A column of dsw's table, and the leaves it is made of.
  struct OutputColumn {
    enum Kind {
      /// A primitive leaf with no repeated ancestor.
      case flat(leaf: Int)
      /// A list or map: each row's value as JSON text.
      case json(node: Int)
    }

    var name: String
    var kind: Kind
  }

  static let maximumDepth = 64
  static let maximumElements = 100_000

  private(set) var nodes: [Node] = []
  /// Node indexes of the primitive leaves, in file order (the column chunks' order).
  private(set) var leaves: [Int] = []
  private(set) var columns: [OutputColumn] = []

  init(_ elements: [SchemaElement]) throws(ParquetError) {
    guard let root = elements.first else { throw ParquetError("the schema is empty") }
    guard elements.count <= Self.maximumElements else {
      throw ParquetError("the schema has \(elements.count) elements")
    }
    nodes.reserveCapacity(elements.count)
    nodes.append(Node(element: root))
    var next = 1
    try build(0, childCount: Int(root.numChildren ?? 0), elements, &next, depth: 0)
    guard next == elements.count else {
      throw ParquetError(
        "the schema lists \(elements.count) elements but its groups hold \(next)")
    }
    for child in nodes[0].children { try plan(child, prefix: "") }
  }

  private mutating func build(
    _ parent: Int, childCount: Int, _ elements: [SchemaElement], _ next: inout Int, depth: Int
  ) throws(ParquetError) {
    guard depth < Self.maximumDepth else {
      throw ParquetError("the schema nests deeper than \(Self.maximumDepth) levels")
    }
    guard childCount >= 0, childCount <= elements.count - next else {
      throw ParquetError(
        "the group `\(nodes[parent].name)` declares \(childCount) fields, more than the schema holds"
      )
    }
    for _ in 0..<childCount {
      // Checked for each field: a sibling's own fields may have used up the list.
      guard next < elements.count else {
        throw ParquetError(
          "the group `\(nodes[parent].name)` declares more fields than the schema holds")
      }
      let element = elements[next]
      next += 1
      var node = Node(element: element, parent: parent)
      let parentNode = nodes[parent]
      let repetition = element.repetition ?? .required
      node.definitionLevel = parentNode.definitionLevel + (repetition == .required ? 0 : 1)
      node.repetitionLevel = parentNode.repetitionLevel + (repetition == .repeated ? 1 : 0)
      let index = nodes.count
      nodes.append(node)
      nodes[parent].children.append(index)
      let grandchildren = Int(element.numChildren ?? 0)
      if element.type == nil || grandchildren > 0 {
        guard grandchildren > 0 else {
          throw ParquetError("the group `\(element.name)` has no fields")
        }
        try build(index, childCount: grandchildren, elements, &next, depth: depth + 1)
      } else {
        let leaf = leaves.count
        leaves.append(index)
        var ancestor: Int? = index
        while let current = ancestor {
          nodes[current].leaves.append(leaf)
          ancestor = nodes[current].parent
        }
      }
    }
  }

  /// Names dsw's columns: structs open into dotted names, lists and maps
  /// (and bare repeated fields) close into JSON text.
  private mutating func plan(_ index: Int, prefix: String) throws(ParquetError) {
    let node = nodes[index]
    let name = prefix + node.name
    if node.isListOrMap || node.repetition == .repeated {
      columns.append(OutputColumn(name: name, kind: .json(node: index)))
    } else if node.isLeaf {
      columns.append(OutputColumn(name: name, kind: .flat(leaf: node.leaves[0])))
    } else {
      for child in node.children { try plan(child, prefix: name + ".") }
    }
  }

  /// The leaf's path from the root, as column chunks name it.
  func path(ofLeaf leaf: Int) -> [String] {
    var names: [String] = []
    var current: Int? = leaves[leaf]
    while let index = current, index != 0 {
      names.append(nodes[index].name)
      current = nodes[index].parent
    }
    return names.reversed()
  }
}
