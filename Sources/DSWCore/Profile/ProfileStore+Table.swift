/// Builds the `profile` table by gathering each dataset's columns into person order.
extension ProfileStore {
  /// One row per stitched person: the identity columns (primary first), then
  /// every attribute in order of first appearance, merged by the store's policy.
  ///
  /// An attribute named like an identity column is shown as `NAME_attribute`.
  public func profileTable() -> Table {
    let personCount = stitching.personCount
    var names: [String] = []
    var columns: [Column] = []
    for (namespace, name) in identityColumns.enumerated() {
      let nodes =
        stitching.identityNode.indices.contains(namespace)
        ? stitching.identityNode[namespace] : []
      var codes = [Int32](repeating: -1, count: personCount)
      for person in 0..<min(personCount, nodes.count) where nodes[person] >= 0 {
        codes[person] = graph.nodeCode[Int(nodes[person])]
      }
      names.append(name)
      columns.append(
        Self.compactStrings(codes: codes, dictionary: graph.namespaceValues[namespace]))
    }
    var attributeOrder: [String] = []
    var seen: Set<String> = []
    for dataset in datasets {
      for name in dataset.attributeNames where seen.insert(name).inserted {
        attributeOrder.append(name)
      }
    }
    let byRecency = datasets.sorted { $0.sequence < $1.sequence }
    for name in attributeOrder {
      let sources = byRecency.compactMap { dataset -> (ProfileDataset, Column)? in
        guard let index = dataset.attributeNames.firstIndex(of: name) else { return nil }
        return (dataset, dataset.attributes[index])
      }
      names.append(identityColumns.contains(name) ? name + "_attribute" : name)
      columns.append(merge(sources, personCount: personCount))
    }
    return Table(names: names, columns: columns, rowCount: personCount)
  }

  /// One attribute across datasets: the latest non-null value per person wins.
  private func merge(_ sources: [(ProfileDataset, Column)], personCount: Int) -> Column {
    let types = Set(sources.map { $0.1.type })
    let type: DataType =
      types.count > 1 && types.allSatisfy(\.isNumeric) ? .double : sources.first?.1.type ?? .string
    switch type {
    case .int:
      let (values, validity) = gather(sources, personCount: personCount, zero: Int64(0)) {
        if case .int(let values) = $0 { values } else { nil }
      }
      return Column(ints: values, validity: validity)
    case .double:
      let (values, validity) = gather(sources, personCount: personCount, zero: 0.0) {
        switch $0 {
        case .double(let values): values
        case .int(let values): values.map(Double.init)
        default: nil
        }
      }
      return Column(doubles: values, validity: validity)
    case .bool:
      let (values, validity) = gather(sources, personCount: personCount, zero: false) {
        if case .bool(let values) = $0 { values } else { nil }
      }
      return Column(bools: values, validity: validity)
    case .timestamp:
      let (values, validity) = gather(sources, personCount: personCount, zero: Int64(0)) {
        if case .timestamp(let values) = $0 { values } else { nil }
      }
      return Column(timestamps: values, validity: validity)
    case .date:
      let (values, validity) = gather(sources, personCount: personCount, zero: Int64(0)) {
        if case .date(let values) = $0 { values } else { nil }
      }
      return Column(dates: values, validity: validity)
    case .string:
      return mergeStrings(sources, personCount: personCount)
    }
  }

  /// Writes each source's non-null values to their persons, later sources last.
  private func gather<Element>(
    _ sources: [(ProfileDataset, Column)], personCount: Int, zero: Element,
    payload: (Column.Storage) -> [Element]?
  ) -> ([Element], Bitmap) {
    var values = [Element](repeating: zero, count: personCount)
    var validity = Bitmap(count: personCount, value: false)
    let personOfNode = stitching.personOfNode
    for (dataset, column) in sources {
      guard let sourceValues = payload(column.storage) else { continue }
      for row in 0..<dataset.rowCount where !column.isNull(row) {
        let node = dataset.rowNode[row]
        guard node >= 0 else { continue }
        let person = Int(personOfNode[Int(node)])
        values[person] = sourceValues[row]
        validity.set(person)
      }
    }
    return (values, validity)
  }

  private func mergeStrings(_ sources: [(ProfileDataset, Column)], personCount: Int) -> Column {
    var codes = [Int32](repeating: -1, count: personCount)
    var dictionary: [String] = []
    var codeOf: [String: Int32] = [:]
    let personOfNode = stitching.personOfNode
    for (dataset, column) in sources {
      guard case .string(let sourceCodes, let sourceDictionary) = column.storage else { continue }
      // Translate the source dictionary once; rows then map code to code.
      let translated = sourceDictionary.strings.map { text -> Int32 in
        if let code = codeOf[text] { return code }
        let code = Int32(dictionary.count)
        dictionary.append(text)
        codeOf[text] = code
        return code
      }
      for row in 0..<dataset.rowCount where sourceCodes[row] >= 0 && !column.isNull(row) {
        let node = dataset.rowNode[row]
        guard node >= 0 else { continue }
        codes[Int(personOfNode[Int(node)])] = translated[Int(sourceCodes[row])]
      }
    }
    return Self.compactStrings(codes: codes, dictionary: dictionary)
  }

  /// A string column whose dictionary holds only the entries the codes use.
  static func compactStrings(codes: [Int32], dictionary: [String]) -> Column {
    var newCode = [Int32](repeating: -1, count: dictionary.count)
    for code in codes where code >= 0 { newCode[Int(code)] = 0 }
    var kept: [String] = []
    kept.reserveCapacity(dictionary.count)
    for (code, text) in dictionary.enumerated() where newCode[code] == 0 {
      newCode[code] = Int32(kept.count)
      kept.append(text)
    }
    if kept.count == dictionary.count {
      return Column(codes: codes, dictionary: StringDictionary(uniqueStrings: dictionary))
    }
    let remapped = codes.map { $0 >= 0 ? newCode[Int($0)] : -1 }
    return Column(codes: remapped, dictionary: StringDictionary(uniqueStrings: kept))
  }
}
