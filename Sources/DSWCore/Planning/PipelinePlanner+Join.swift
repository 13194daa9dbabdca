extension PipelinePlanner {
  func planJoin(_ kind: JoinKind, dataset: Name, condition: JoinCondition, input: Schema)
    throws(Diagnostic) -> (PlannedStep, Schema?)
  {
    let right = try environment.schema(dataset)
    var leftKeys: [Int] = []
    var rightKeys: [Int] = []
    var spans: [SourceSpan] = []
    switch condition {
    case .using(let names):
      for name in names {
        leftKeys.append(try columnIndex(name, in: input))
        guard let index = right.index(of: name.text) else {
          throw Diagnostic.error(
            "E201", "`\(dataset.text)` has no column `\(name.text)` to join on", at: name.span,
            notes: [UnknownName.availableNote("columns of `\(dataset.text)`", right.names)],
            help: UnknownName.suggestion(name.text, right.names)
              ?? "name both sides: `on \(name.text) == other_column`")
        }
        rightKeys.append(index)
        spans.append(name.span)
      }
    case .equalities(let pairs):
      for pair in pairs {
        leftKeys.append(try columnIndex(pair.left, in: input))
        guard let index = right.index(of: pair.right.text) else {
          throw Diagnostic.error(
            "E201", "`\(dataset.text)` has no column `\(pair.right.text)`", at: pair.right.span,
            notes: [
              "in `on a == b`, `a` names the pipeline's column and `b` the column of `\(dataset.text)`",
              UnknownName.availableNote("columns of `\(dataset.text)`", right.names),
            ],
            help: UnknownName.suggestion(pair.right.text, right.names))
        }
        rightKeys.append(index)
        spans.append(pair.left.span.through(pair.right.span))
      }
    }
    var keyTypes: [DataType] = []
    for (position, (left, rightIndex)) in zip(leftKeys, rightKeys).enumerated() {
      let leftType = input[left].type
      let rightType = right[rightIndex].type
      if leftType == rightType {
        keyTypes.append(leftType)
      } else if leftType.isNumeric, rightType.isNumeric {
        keyTypes.append(.double)
      } else if leftType.isTemporal, rightType.isTemporal {
        keyTypes.append(.timestamp)
      } else {
        throw Diagnostic.error(
          "E202",
          "cannot join `\(leftType.rawValue)` with `\(rightType.rawValue)`: `\(input[left].name)` and `\(right[rightIndex].name)` differ in type",
          at: spans[position])
      }
    }
    if kind == .semi || kind == .anti {
      let plan = JoinPlan(
        kind: kind, dataset: dataset.text, leftKeys: leftKeys, rightKeys: rightKeys,
        rightColumns: [], rightNames: [], keyTypes: keyTypes)
      return (.join(plan), input)
    }
    // Right key columns equal the left ones, so only non-key columns come along.
    let keySet = Set(rightKeys)
    var names = Set(input.names)
    var rightColumns: [Int] = []
    var rightNames: [String] = []
    for index in right.fields.indices where !keySet.contains(index) {
      var name = right[index].name
      if names.contains(name) {
        name += "_right"
        var suffix = 2
        while names.contains(name) {
          name = right[index].name + "_right\(suffix)"
          suffix += 1
        }
      }
      names.insert(name)
      rightColumns.append(index)
      rightNames.append(name)
    }
    let plan = JoinPlan(
      kind: kind, dataset: dataset.text, leftKeys: leftKeys, rightKeys: rightKeys,
      rightColumns: rightColumns, rightNames: rightNames, keyTypes: keyTypes)
    let schema = Schema(
      input.fields
        + zip(rightColumns, rightNames).map { .init(name: $1, type: right[$0].type) })
    return (.join(plan), schema)
  }

  func planAppend(_ dataset: Name, input: Schema) throws(Diagnostic) -> (PlannedStep, Schema?) {
    let right = try environment.schema(dataset)
    var schema = input
    for field in right.fields {
      if let index = schema.index(of: field.name) {
        let mine = schema[index].type
        if mine == field.type { continue }
        if mine.isNumeric, field.type.isNumeric {
          schema.setType(.double, at: index)
        } else if mine.isTemporal, field.type.isTemporal {
          schema.setType(.timestamp, at: index)
        } else {
          throw Diagnostic.error(
            "E202",
            "cannot append: `\(field.name)` is `\(mine.rawValue)` here but `\(field.type.rawValue)` in `\(dataset.text)`",
            at: dataset.span)
        }
      } else {
        schema.set(field)
      }
    }
    return (.append(dataset: dataset.text), schema)
  }
}
