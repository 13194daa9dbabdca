extension SQLCompiler {
  /// `derive` items see the items before them; a `SELECT` cannot read its
  /// own outputs, so an item that reads an earlier one starts a new `SELECT`.
  func compileDerive(_ items: [PlannedStep.Item], into state: inout SQLState)
    throws(SQLUnsupported)
  {
    state.seal()
    var schema = state.schema
    var made: [Int: String] = [:]
    func flush(_ state: inout SQLState) {
      var rendered = schema.fields.indices.map { made[$0] ?? dialect.identifier(schema[$0].name) }
      if let order = state.order { rendered.append(dialect.identifier(order)) }
      state.open(SQLSelect(items: rendered, from: state.from))
      state.schema = schema
      made = [:]
    }
    for item in items {
      if !item.expr.columnReferences.isDisjoint(with: made.keys) {
        flush(&state)
        state.seal()
      }
      let layer = schema
      let fragment = try dialect.expression(item.expr) { index in
        SQLFragment(dialect.identifier(layer[index].name), type: layer[index].type)
      }
      let index = schema.index(of: item.name) ?? schema.count
      schema.set(.init(name: item.name, type: item.expr.type))
      made[index] = state.item(fragment, named: item.name)
    }
    flush(&state)
  }

  func compileAggregate(
    keys: [PlannedStep.Item], calls: [CollectedCall], outputs: [PlannedStep.Item],
    into state: inout SQLState
  ) throws(SQLUnsupported) {
    state.seal()
    var keyFragments: [SQLFragment] = []
    for key in keys { keyFragments.append(try state.expression(key.expr)) }
    let rowOrder = state.order.map(dialect.identifier)
    var callFragments: [SQLFragment] = []
    for call in calls {
      var arguments: [SQLFragment] = []
      for argument in call.arguments { arguments.append(try state.expression(argument)) }
      callFragments.append(try dialect.aggregate(call, arguments: arguments, rowOrder: rowOrder))
    }
    var items = zip(keys, keyFragments).map { state.item($1, named: $0.name) }
    for output in outputs {
      let fragment = try dialect.expression(output.expr) { index in
        index < keyFragments.count
          ? keyFragments[index] : callFragments[index - keyFragments.count]
      }
      items.append(state.item(fragment, named: output.name))
    }
    // Groups come out in the order of their first row.
    if let rowOrder {
      items.append("min(\(rowOrder)) AS " + dialect.identifier(SQLState.orderName))
    }
    var select = SQLSelect(items: items, from: state.from)
    select.groupBy = keyFragments.map(dialect.groupKey)
    state.open(select)
    state.schema = Schema(
      keys.map { .init(name: $0.name, type: $0.expr.type) }
        + outputs.map { .init(name: $0.name, type: $0.expr.type) })
    if rowOrder != nil { state.order = SQLState.orderName }
  }

  func compileDistinct(_ columns: [Int], into state: inout SQLState) throws(SQLUnsupported) {
    state.seal()
    if columns.isEmpty {
      guard let order = state.order else {
        var select = SQLSelect(items: ["*"], from: state.from)
        select.distinct = true
        state.open(select)
        return
      }
      // The first of equal rows keeps its place.
      var select = SQLSelect(
        items: state.visibleItems
          + ["min(\(dialect.identifier(order))) AS " + dialect.identifier(SQLState.orderName)],
        from: state.from)
      select.groupBy = state.schema.fields.indices.map { dialect.groupKey(state.column($0)) }
      state.open(select)
      state.order = SQLState.orderName
      return
    }
    let rank = dialect.identifier("__dsw_rank")
    let partition = columns.map { dialect.groupKey(state.column($0)) }.joined(separator: ", ")
    let within = state.order.map { " ORDER BY " + dialect.identifier($0) } ?? ""
    state.open(
      SQLSelect(
        items: ["*", "row_number() OVER (PARTITION BY \(partition)\(within)) AS \(rank)"],
        from: state.from))
    state.seal()
    var select = SQLSelect(
      items: state.visibleItems + (state.order.map { [dialect.identifier($0)] } ?? []),
      from: state.from)
    select.conditions = ["\(rank) = 1"]
    state.open(select)
  }

  func compileJoin(_ plan: JoinPlan, output: Schema?, into state: inout SQLState)
    throws(SQLUnsupported)
  {
    let (right, rightSchema) = try otherRelation(plan.dataset)
    state.seal()
    var conditions: [String] = []
    for (position, (leftKey, rightKey)) in zip(plan.leftKeys, plan.rightKeys).enumerated() {
      let type = plan.keyTypes[position]
      let left = try keyFragment(state.schema[leftKey].type, type) { _ in
        state.column(leftKey, qualifier: "l")
      }
      let rightField = rightSchema[rightKey]
      let rightFragment = try keyFragment(rightField.type, type) { _ in
        SQLFragment("r." + dialect.identifier(rightField.name), type: rightField.type)
      }
      conditions.append("\(left.operand) = \(rightFragment.operand)")
    }
    let on = conditions.joined(separator: " AND ")
    if plan.kind == .semi || plan.kind == .anti {
      var select = SQLSelect(items: ["l.*"], from: "\(state.from) AS l")
      let exists = "EXISTS (SELECT 1 FROM \(right.sql) AS r WHERE \(on))"
      select.conditions = [plan.kind == .anti ? "NOT " + exists : exists]
      state.open(select)
      return
    }
    var items = state.schema.fields.indices.map { state.column($0, qualifier: "l").text }
    for (index, name) in zip(plan.rightColumns, plan.rightNames) {
      let field = rightSchema[index]
      let text = "r." + dialect.identifier(field.name)
      items.append(field.name == name ? text : text + " AS " + dialect.identifier(name))
    }
    var orderTerms: [String] = []
    if let order = state.order { orderTerms.append("l." + dialect.identifier(order)) }
    if !orderTerms.isEmpty, let rightOrder = right.orderColumn {
      orderTerms.append("r." + dialect.identifier(rightOrder))
    }
    if !orderTerms.isEmpty {
      items.append(
        "row_number() OVER (ORDER BY \(orderTerms.joined(separator: ", "))) AS "
          + dialect.identifier(SQLState.orderName))
    }
    let join = plan.kind == .left ? "LEFT JOIN" : "JOIN"
    state.open(
      SQLSelect(items: items, from: "\(state.from) AS l\n  \(join) \(right.sql) AS r ON \(on)"))
    if let output { state.schema = output }
    if !orderTerms.isEmpty { state.order = SQLState.orderName }
  }

  /// A join key, widened to the type both sides meet at.
  private func keyFragment(
    _ type: DataType, _ target: DataType, _ column: (Int) -> SQLFragment
  ) throws(SQLUnsupported) -> SQLFragment {
    let reference = BoundExpr(.column(0), type: type, span: .unknown)
    let expr =
      type == target ? reference : BoundExpr(.cast(reference), type: target, span: .unknown)
    return try dialect.expression(expr, column: column)
  }

  func compileAppend(_ dataset: String, output: Schema?, into state: inout SQLState)
    throws(SQLUnsupported)
  {
    let (right, rightSchema) = try otherRelation(dataset)
    guard let output else { throw SQLUnsupported("the columns of `append` are not known") }
    state.seal()
    func side(_ schema: Schema) throws(SQLUnsupported) -> [String] {
      var items: [String] = []
      for field in output.fields {
        let expr: BoundExpr
        if let index = schema.index(of: field.name) {
          let column = BoundExpr(.column(index), type: schema[index].type, span: .unknown)
          expr =
            column.type == field.type
            ? column : BoundExpr(.cast(column), type: field.type, span: .unknown)
        } else {
          expr = BoundExpr(.literal(.null), type: field.type, span: .unknown)
        }
        let fragment = try dialect.expression(expr) { index in
          SQLFragment(dialect.identifier(schema[index].name), type: schema[index].type)
        }
        items.append(state.item(fragment, named: field.name))
      }
      return items
    }
    var leftItems = try side(state.schema)
    var rightItems = try side(rightSchema)
    let ordered = state.order != nil && right.orderColumn != nil
    let part = dialect.identifier("__dsw_part")
    if let order = state.order, let rightOrder = right.orderColumn {
      leftItems += [
        "1 AS \(part)", dialect.identifier(order) + " AS " + dialect.identifier(SQLState.orderName),
      ]
      rightItems += ["2", dialect.identifier(rightOrder)]
    }
    let union =
      "(\n    SELECT \(leftItems.joined(separator: ", ")) FROM \(state.from)\n    UNION ALL\n    SELECT \(rightItems.joined(separator: ", ")) FROM \(right.sql)\n  ) AS "
      + dialect.identifier("appended")
    state.schema = output
    if ordered {
      let number =
        "row_number() OVER (ORDER BY \(part), \(dialect.identifier(SQLState.orderName))) AS "
        + dialect.identifier(SQLState.orderName)
      state.open(SQLSelect(items: state.visibleItems + [number], from: union))
      state.order = SQLState.orderName
    } else {
      state.open(SQLSelect(items: ["*"], from: union))
      state.order = nil
    }
  }

  func compileWindow(
    partition: [Int], order: [PlannedStep.OrderKey], calls: [CollectedCall],
    outputs: [PlannedStep.Item], output: Schema?, into state: inout SQLState
  ) throws(SQLUnsupported) {
    state.seal()
    var terms: [String] = []
    for key in order {
      terms.append(dialect.orderTerm(try state.expression(key.expr), descending: key.descending))
    }
    let frame = SQLWindowFrame(
      partition: partition.map { dialect.groupKey(state.column($0)) }, order: terms,
      rowOrder: state.order.map(dialect.identifier))
    var callFragments: [SQLFragment] = []
    // Aggregates the engine has no window form of are computed per
    // partition in a grouped CTE and joined back on the partition's keys.
    var groupedItems: [String] = []
    for (position, call) in calls.enumerated() {
      var arguments: [SQLFragment] = []
      for argument in call.arguments { arguments.append(try state.expression(argument)) }
      do throws(SQLUnsupported) {
        callFragments.append(try dialect.window(call, arguments: arguments, frame: frame))
      } catch {
        guard case .aggregate = call.function else { throw error }
        let aggregate = try dialect.aggregate(
          call, arguments: arguments, rowOrder: state.order.map(dialect.identifier))
        let name = dialect.identifier("__dsw_w\(position)")
        groupedItems.append(aggregate.text + " AS " + name)
        callFragments.append(SQLFragment(Self.partitionAlias + "." + name, type: call.type))
      }
    }
    let from =
      groupedItems.isEmpty ? state.from : try partitionJoin(partition, groupedItems, &state)
    let input = state.schema
    var made: [String: String] = [:]
    for item in outputs {
      let fragment = try dialect.expression(item.expr) { index in
        index < input.count ? state.column(index) : callFragments[index - input.count]
      }
      made[item.name] = state.item(fragment, named: item.name)
    }
    let schema = output ?? input
    var items = schema.names.map { made[$0] ?? dialect.identifier($0) }
    if let rowOrder = state.order { items.append(dialect.identifier(rowOrder)) }
    state.open(SQLSelect(items: items, from: from))
    state.schema = schema
  }

  static let partitionAlias = "\"__dsw_partition\""

  /// A grouped CTE of `items` by the partition's keys, and the `FROM` clause
  /// that joins it back to every row; keys match nulls with nulls.
  private func partitionJoin(_ partition: [Int], _ items: [String], _ state: inout SQLState)
    throws(SQLUnsupported) -> String
  {
    let keys = partition.map { dialect.groupKey(state.column($0)) }
    let keyNames = partition.indices.map { dialect.identifier("__dsw_p\($0)") }
    var grouped = SQLSelect(
      items: zip(keys, keyNames).map { "\($0) AS \($1)" } + items, from: state.from)
    grouped.groupBy = keys
    let name = state.builder.add(grouped, dialect: dialect)
    let alias = Self.partitionAlias
    guard !partition.isEmpty else { return "\(state.from)\n  CROSS JOIN \(name) AS \(alias)" }
    let on = zip(partition, keyNames).map { index, key in
      "\(state.column(index).text) IS NOT DISTINCT FROM \(alias).\(key)"
    }
    return "\(state.from)\n  LEFT JOIN \(name) AS \(alias) ON " + on.joined(separator: " AND ")
  }

  /// The relation and schema of the dataset a `join` or `append` reads.
  private func otherRelation(_ dataset: String) throws(SQLUnsupported) -> (SQLRelation, Schema) {
    guard let right = relation(dataset) else {
      throw SQLUnsupported("`\(dataset)` is not on the engine")
    }
    do throws(Diagnostic) {
      return (right, try environment.schema(Name(dataset, span: .unknown)))
    } catch {
      throw SQLUnsupported(error.message)
    }
  }
}

extension BoundExpr {
  /// The input columns the expression reads.
  var columnReferences: Set<Int> {
    var found = Set<Int>()
    func visit(_ expr: BoundExpr) {
      switch expr.kind {
      case .column(let index): found.insert(index)
      case .literal: break
      case .negate(let inner), .not(let inner), .cast(let inner), .tryCast(let inner):
        visit(inner)
      case .isNull(let inner, _), .inList(let inner, _, _): visit(inner)
      case .arithmetic(_, let lhs, let rhs), .comparison(_, let lhs, let rhs),
        .and(let lhs, let rhs), .or(let lhs, let rhs):
        visit(lhs)
        visit(rhs)
      case .caseWhen(let branches, let otherwise):
        for branch in branches {
          visit(branch.condition)
          visit(branch.result)
        }
        if let otherwise { visit(otherwise) }
      case .call(_, let arguments): arguments.forEach(visit)
      }
    }
    visit(self)
    return found
  }
}
