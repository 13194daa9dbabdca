/// `funnel`: how many distinct users reach each step, in order.
///
/// A user reaches step k when they have an event of step 1, then a later
/// (or simultaneous) event of step 2, and so on up to step k: the first
/// occurrence of each step after the previous one counts.
enum Funnel {
  /// `span` is the dataset's name, where errors about the default columns point.
  static func run(
    _ table: Table, options: [Option], parameters: [String: Value], span: SourceSpan
  ) throws(Diagnostic) -> TableOutput {
    var steps: [String] = []
    var userColumn = "userId"
    var eventColumn = "eventType"
    var timeColumn = "timestamp"
    var columnSpans: [String: SourceSpan] = [:]
    var stepsSpan: SourceSpan?
    for option in options {
      switch option.name.text {
      case "steps":
        stepsSpan = option.value.span
        guard case .list(let items) = option.value.kind else {
          throw Diagnostic.error(
            "E207", "`steps` is a list of event names: `steps: [\"a\", \"b\"]`",
            at: option.value.span)
        }
        for item in items {
          guard case .literal(.string(let text)) = item.kind else {
            throw Diagnostic.error("E207", "each step is a string", at: item.span)
          }
          steps.append(text)
        }
      case "user", "event", "time":
        guard case .name(let text) = option.value.kind else {
          throw Diagnostic.error(
            "E207", "`\(option.name.text)` names a column", at: option.value.span)
        }
        if option.name.text == "user" { userColumn = text }
        if option.name.text == "event" { eventColumn = text }
        if option.name.text == "time" { timeColumn = text }
        columnSpans[text] = option.value.span
      default:
        throw OptionErrors.unknown(
          option.name, valid: OptionNames.funnel, context: "`funnel`")
      }
    }
    guard !steps.isEmpty else {
      throw Diagnostic.error(
        "E207", "`funnel` needs its steps: `funnel events (steps: [\"a\", \"b\"])`",
        at: stepsSpan ?? span)
    }
    func column(_ name: String) throws(Diagnostic) -> Column {
      guard let column = table.column(named: name) else {
        var error = UnknownName.column(name, span: columnSpans[name] ?? span, among: table.names)
        if columnSpans[name] == nil {
          error.notes.append(
            "`funnel` reads `\(name)` unless told otherwise with `user:`, `event:` or `time:`")
        }
        throw error
      }
      return column
    }
    let users = try column(userColumn)
    let events = try column(eventColumn)
    let times = try column(timeColumn)
    guard case .string(let eventCodes, let dictionary) = events.storage else {
      throw Diagnostic.error(
        "E207", "the event column `\(eventColumn)` must hold strings",
        at: columnSpans[eventColumn] ?? span)
    }
    // Step index of each dictionary entry (a name may be several steps).
    let stepOf: [[Int]] = dictionary.strings.map { name in
      steps.indices.filter { steps[$0] == name }
    }
    let relevant = (0..<table.rowCount).filter { row in
      eventCodes[row] >= 0 && !stepOf[Int(eventCodes[row])].isEmpty && !users.isNull(row)
        && !times.isNull(row)
    }.map { Int32($0) }
    let subset = Table([("u", users.gather(relevant)), ("t", times.gather(relevant))])
    let order = Sorting.permutation(
      [
        .init(column: subset.columns[0], descending: false),
        .init(column: subset.columns[1], descending: false),
      ],
      rowCount: subset.rowCount)
    let userIDs = Grouping.group([subset.columns[0]], rowCount: subset.rowCount).groupIDs
    var reached = [Int](repeating: 0, count: steps.count)
    var position = 0
    let timeKeys = Sorting.normalized(subset.columns[1], descending: false)
    var used: [Bool] = []
    while position < order.count {
      let user = userIDs[Int(order[position])]
      var next = 0
      while position < order.count, userIDs[Int(order[position])] == user {
        // Events at one instant are simultaneous: each may take the next step,
        // whatever their row order, so repeat until none advances.
        let time = timeKeys[Int(order[position])]
        var end = position
        while end < order.count, userIDs[Int(order[end])] == user,
          timeKeys[Int(order[end])] == time
        {
          end += 1
        }
        used = [Bool](repeating: false, count: end - position)
        var advanced = true
        while advanced, next < steps.count {
          advanced = false
          for offset in 0..<(end - position) where !used[offset] && next < steps.count {
            let row = Int(relevant[Int(order[position + offset])])
            if stepOf[Int(eventCodes[row])].contains(next) {
              used[offset] = true
              next += 1
              advanced = true
            }
          }
        }
        position = end
      }
      for step in 0..<next { reached[step] += 1 }
    }
    let rows: [[Value]] = steps.indices.map { index in
      let first = reached[0]
      let previous = index == 0 ? reached[0] : reached[index - 1]
      return [
        .int(Int64(index + 1)), .string(steps[index]), .int(Int64(reached[index])),
        first > 0 ? .double(percent(reached[index], first)) : .null,
        previous > 0 ? .double(percent(reached[index], previous)) : .null,
      ]
    }
    return TableOutput(
      columns: ["step", "event", "users", "pct_of_first", "pct_of_previous"],
      types: [.int, .string, .int, .double, .double], rows: rows, totalRows: rows.count)
  }

  private static func percent(_ part: Int, _ whole: Int) -> Double {
    (Double(part) / Double(whole) * 1000).rounded() / 10
  }
}
