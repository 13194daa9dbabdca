/// Every identity value seen by the profile store, as nodes keyed by
/// (namespace, value), and the union-find that stitches them into persons.
///
/// Nodes are only ever added: a replaced dataset's identities stay as nodes,
/// but a node that no current dataset mentions belongs to no person.
struct IdentityGraph: Sendable {
  private struct NodeKey: Hashable, Sendable {
    var namespace: Int32
    var value: String
  }

  /// Namespace names in the order first declared, spelled as first declared.
  private(set) var namespaces: [String] = []
  private var namespaceIndex: [String: Int32] = [:]
  private var nodeIndex: [NodeKey: Int32] = [:]
  private(set) var nodeNamespace: [Int32] = []
  /// Each node's position among its namespace's values.
  private(set) var nodeCode: [Int32] = []
  /// Each namespace's values, in node order; distinct by construction.
  private(set) var namespaceValues: [[String]] = []

  var nodeCount: Int { nodeNamespace.count }

  /// The index of a namespace; names match case-insensitively (`email` is `Email`).
  func namespace(named name: String) -> Int32? { namespaceIndex[name.lowercased()] }

  /// The index of a namespace, adding it when new.
  mutating func internNamespace(_ name: String) -> Int32 {
    if let index = namespace(named: name) { return index }
    let index = Int32(namespaces.count)
    namespaces.append(name)
    namespaceIndex[name.lowercased()] = index
    namespaceValues.append([])
    return index
  }

  /// The node of each row of `column` in `namespace`; -1 where the row is null.
  ///
  /// Strings are interned once per dictionary entry, not per row. Integers
  /// are identified by their decimal text, so `42` and `"42"` are one identity.
  mutating func nodes(for column: Column, namespace: Int32) -> [Int32] {
    var result = [Int32](repeating: -1, count: column.count)
    switch column.storage {
    case .string(let codes, let dictionary):
      reserve(dictionary.count, namespace: namespace)
      let entryNodes = dictionary.strings.map { intern($0, namespace: namespace) }
      for row in 0..<codes.count where codes[row] >= 0 && !column.isNull(row) {
        result[row] = entryNodes[Int(codes[row])]
      }
    case .int(let values):
      var seen: [Int64: Int32] = [:]
      for row in 0..<values.count where !column.isNull(row) {
        let value = values[row]
        if let node = seen[value] {
          result[row] = node
        } else {
          let node = intern(String(value), namespace: namespace)
          seen[value] = node
          result[row] = node
        }
      }
    case .double, .bool, .timestamp, .date:
      break
    }
    return result
  }

  /// Makes room for `count` more nodes, so a large column does not rehash repeatedly.
  private mutating func reserve(_ count: Int, namespace: Int32) {
    nodeIndex.reserveCapacity(nodeIndex.count + count)
    nodeNamespace.reserveCapacity(nodeNamespace.count + count)
    nodeCode.reserveCapacity(nodeCode.count + count)
    namespaceValues[Int(namespace)].reserveCapacity(namespaceValues[Int(namespace)].count + count)
  }

  private mutating func intern(_ value: String, namespace: Int32) -> Int32 {
    let key = NodeKey(namespace: namespace, value: value)
    if let node = nodeIndex[key] { return node }
    let node = Int32(nodeNamespace.count)
    nodeIndex[key] = node
    nodeNamespace.append(namespace)
    nodeCode.append(Int32(namespaceValues[Int(namespace)].count))
    namespaceValues[Int(namespace)].append(value)
    return node
  }
}

/// Which person each identity node belongs to, after stitching every dataset.
struct Stitching: Sendable {
  /// The person of each node, or -1 when no current dataset mentions it.
  var personOfNode: [Int32]
  var personCount: Int
  /// For each namespace, each person's first node in it, or -1.
  var identityNode: [[Int32]]

  static let empty = Stitching(personOfNode: [], personCount: 0, identityNode: [])

  /// Unites the identities that share a row, then numbers the persons in
  /// order of first appearance (datasets in order, rows in order).
  init(datasets: [ProfileDataset], graph: IdentityGraph) {
    var parent = (0..<Int32(graph.nodeCount)).map { $0 }
    func root(_ node: Int32) -> Int32 {
      var current = node
      while parent[Int(current)] != current {
        let grandparent = parent[Int(parent[Int(current)])]
        parent[Int(current)] = grandparent
        current = grandparent
      }
      return current
    }
    for dataset in datasets where dataset.identityNodes.count > 1 {
      for row in 0..<dataset.rowCount {
        let anchor = dataset.rowNode[row]
        guard anchor >= 0 else { continue }
        for nodes in dataset.identityNodes {
          let node = nodes[row]
          guard node >= 0 else { continue }
          let (left, right) = (root(anchor), root(node))
          // The older node stays the root, so the outcome does not depend on row order.
          if left != right { parent[Int(max(left, right))] = min(left, right) }
        }
      }
    }
    var personOfRoot = [Int32](repeating: -1, count: graph.nodeCount)
    var personOfNode = [Int32](repeating: -1, count: graph.nodeCount)
    var identityNode = [[Int32]](repeating: [], count: graph.namespaces.count)
    var personCount: Int32 = 0
    for dataset in datasets {
      for row in 0..<dataset.rowCount {
        for nodes in dataset.identityNodes {
          let node = nodes[row]
          guard node >= 0, personOfNode[Int(node)] < 0 else { continue }
          let nodeRoot = Int(root(node))
          if personOfRoot[nodeRoot] < 0 {
            personOfRoot[nodeRoot] = personCount
            personCount += 1
            for namespace in identityNode.indices { identityNode[namespace].append(-1) }
          }
          let person = personOfRoot[nodeRoot]
          personOfNode[Int(node)] = person
          let namespace = Int(graph.nodeNamespace[Int(node)])
          if identityNode[namespace][Int(person)] < 0 {
            identityNode[namespace][Int(person)] = node
          }
        }
      }
    }
    self.personOfNode = personOfNode
    self.personCount = Int(personCount)
    self.identityNode = identityNode
  }

  private init(personOfNode: [Int32], personCount: Int, identityNode: [[Int32]]) {
    self.personOfNode = personOfNode
    self.personCount = personCount
    self.identityNode = identityNode
  }
}
