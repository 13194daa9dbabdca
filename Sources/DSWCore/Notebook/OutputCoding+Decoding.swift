extension OutputCoding {
  /// Decodes and validates one output object.
  static func decode(_ node: JSONNode, context: DecodeContext) throws(Diagnostic) -> CellOutput {
    let members = try context.object(node, "each output")
    guard let typeNode = members.first(where: { $0.key == "type" })?.value else {
      throw context.error("N031", "an output is missing \"type\"", offset: node.offset, length: 1)
    }
    let type = try context.string(typeNode, "\"type\"")
    switch type {
    case "table":
      return .table(try decodeTable(node, label: "each output", what: "a table output", context))
    case "text":
      let reader = try JSONObjectReader(
        node, label: "each output", what: "a text output", allowed: ["type", "text"],
        context: context)
      return .text(try reader.string("text"))
    case "chart": return .chart(try decodeChart(node, context))
    case "metrics": return .metrics(try decodeMetrics(node, context))
    case "error":
      let reader = try JSONObjectReader(
        node, label: "each output", what: "an error output",
        allowed: ["type", "code", "message", "line", "column"], context: context)
      return .error(
        ErrorOutput(
          code: try reader.string("code"), message: try reader.string("message"),
          line: try reader.int("line"), column: try reader.int("column")))
    default:
      throw context.error(
        "N041",
        "unknown output type \(JSONWriter.quoted(type)); expected table, text, chart, metrics "
          + "or error", at: typeNode)
    }
  }

  static func decodeTable(
    _ node: JSONNode, label: String, what: String, _ context: DecodeContext
  ) throws(Diagnostic) -> TableOutput {
    let reader = try JSONObjectReader(
      node, label: label, what: what, allowed: tableKeys, context: context)
    if let typeNode = reader.optional("type"), try context.string(typeNode, "\"type\"") != "table" {
      throw context.error("N030", "the \"type\" of \(what) must be \"table\"", at: typeNode)
    }
    let columns = try reader.strings("columns")
    let typesNode = try reader.required("types")
    var types: [DataType] = []
    for typeNode in try context.array(typesNode, "\"types\"") {
      let name = try context.string(typeNode, "each item of \"types\"")
      guard let type = DataType(rawValue: name) else {
        throw context.error(
          "N042",
          "unknown column type \(JSONWriter.quoted(name)); expected int, double, bool, "
            + "timestamp, date or string", at: typeNode)
      }
      types.append(type)
    }
    guard types.count == columns.count else {
      throw context.error(
        "N038",
        "\"types\" has \(types.count) entries, but the table has \(columns.count) columns",
        at: typesNode)
    }
    var rows: [[Value]] = []
    for (rowIndex, rowNode) in try reader.array("rows").enumerated() {
      let cells = try context.array(rowNode, "each row")
      guard cells.count == columns.count else {
        throw context.error(
          "N037",
          "row \(rowIndex + 1) has \(cells.count) values, but the table has \(columns.count) "
            + "columns", at: rowNode)
      }
      var row: [Value] = []
      row.reserveCapacity(cells.count)
      for (position, cell) in cells.enumerated() {
        row.append(try decodeValue(cell, type: types[position], column: columns[position], context))
      }
      rows.append(row)
    }
    var heat = false
    if let heatNode = reader.optional("heat") {
      guard case .bool(let flag) = heatNode.value else {
        throw context.error("N049", "\"heat\" must be true or false", at: heatNode)
      }
      heat = flag
    }
    var table = TableOutput(
      columns: columns, types: types, rows: rows, totalRows: try reader.int("total_rows"),
      heat: heat)
    if reader.optional("volatile") != nil { table.volatile = try reader.strings("volatile") }
    return table
  }

  private static func decodeValue(
    _ node: JSONNode, type: DataType, column: String, _ context: DecodeContext
  ) throws(Diagnostic) -> Value {
    func mismatch(_ expected: String) -> Diagnostic {
      context.error(
        "N043",
        "a value in column \(JSONWriter.quoted(column)) must be \(expected), not "
          + node.kindDescription, at: node)
    }
    switch (node.content, type) {
    case (.null, _): return .null
    case (.int(let number), .int): return .int(number)
    case (.int(let number), .double): return .double(Double(number))
    case (.double(let number), .double): return .double(number)
    case (.bool(let flag), .bool): return .bool(flag)
    case (.string(let text), .string): return .string(text)
    case (.int(let number), .date), (.int(let number), .timestamp):
      guard TimeRange.contains(number, type) else {
        throw context.error(
          "N043",
          "the \(type == .date ? "date" : "timestamp") \(number) in column "
            + "\(JSONWriter.quoted(column)) is out of range; \(TimeRange.help)", at: node)
      }
      return type == .date ? .date(number) : .timestamp(number)
    case (.string(let text), .date):
      guard let days = CivilTime.parseDate(Substring(text)) else {
        throw context.error(
          "N043",
          "invalid date \(JSONWriter.quoted(text)) in column \(JSONWriter.quoted(column)); "
            + "expected YYYY-MM-DD", at: node)
      }
      return .date(days)
    case (.string(let text), .timestamp):
      guard let micros = CivilTime.parseTimestamp(Substring(text)) else {
        throw context.error(
          "N043",
          "invalid timestamp \(JSONWriter.quoted(text)) in column \(JSONWriter.quoted(column)); "
            + "expected ISO 8601 such as 2024-01-31T12:00:00Z", at: node)
      }
      return .timestamp(micros)
    case (_, .int): throw mismatch("an integer")
    case (_, .double): throw mismatch("a number")
    case (_, .bool): throw mismatch("a boolean")
    case (_, .string): throw mismatch("a string")
    case (_, .date): throw mismatch("a date string")
    case (_, .timestamp): throw mismatch("a timestamp string")
    }
  }

  private static func decodeChart(
    _ node: JSONNode, _ context: DecodeContext
  ) throws(Diagnostic) -> ChartOutput {
    let reader = try JSONObjectReader(
      node, label: "each output", what: "a chart output", allowed: chartKeys, context: context)
    let kindNode = try reader.required("kind")
    let kindText = try context.string(kindNode, "\"kind\"")
    guard let kind = ChartKind(rawValue: kindText) else {
      throw context.error(
        "N045",
        "unknown chart kind \(JSONWriter.quoted(kindText)); expected bar, line, hist or scatter",
        at: kindNode)
    }
    let labels = try reader.strings("labels")
    let x = try reader.numbers("x")
    let y = try reader.numbers("y")
    let several = reader.optional("series") != nil
    if !several, !labels.isEmpty, labels.count != y.count {
      throw context.error(
        "N048", "the chart has \(y.count) y values but \(labels.count) labels",
        at: try reader.required("labels"))
    }
    if !several, !x.isEmpty, x.count != y.count {
      throw context.error(
        "N048", "the chart has \(y.count) y values but \(x.count) x values",
        at: try reader.required("x"))
    }
    var binWidth: Double?
    if let binNode = reader.optional("bin_width") {
      binWidth = try context.number(binNode, "\"bin_width\"")
    }
    var xTemporal = false
    if let temporalNode = reader.optional("x_temporal") {
      guard case .bool(let flag) = temporalNode.value else {
        throw context.error("N049", "\"x_temporal\" must be true or false", at: temporalNode)
      }
      xTemporal = flag
    }
    var series: [ChartSeries] = []
    var seriesNodes: [JSONNode] = []
    if let node = reader.optional("series") { seriesNodes = try context.array(node, "\"series\"") }
    for seriesNode in seriesNodes {
      let item = try JSONObjectReader(
        seriesNode, label: "each item of \"series\"", what: "a chart series",
        allowed: ["name", "x", "y"], context: context)
      let seriesX = try item.numbers("x")
      let seriesY = try item.numbers("y")
      let expected = labels.isEmpty ? seriesX.count : labels.count
      guard seriesY.count == expected else {
        throw context.error(
          "N048",
          "the chart series has \(seriesY.count) y values but \(expected) "
            + (labels.isEmpty ? "x values" : "labels"), at: try item.required("y"))
      }
      series.append(ChartSeries(name: try item.string("name"), x: seriesX, y: seriesY))
    }
    return ChartOutput(
      kind: kind, title: try reader.string("title"), xLabel: try reader.string("x_label"),
      yLabel: try reader.string("y_label"), labels: labels, x: x, y: y, binWidth: binWidth,
      xTemporal: xTemporal, series: series)
  }

  private static func decodeMetrics(
    _ node: JSONNode, _ context: DecodeContext
  ) throws(Diagnostic) -> MetricsOutput {
    let reader = try JSONObjectReader(
      node, label: "each output", what: "a metrics output",
      allowed: ["type", "title", "metrics", "tables"], context: context)
    var metrics: [MetricsOutput.Metric] = []
    for metricNode in try reader.array("metrics") {
      let metric = try JSONObjectReader(
        metricNode, label: "each item of \"metrics\"", what: "a metric",
        allowed: ["name", "value"], context: context)
      metrics.append(
        MetricsOutput.Metric(name: try metric.string("name"), value: try metric.number("value")))
    }
    var tables: [MetricsOutput.NamedTable] = []
    for tableNode in try reader.array("tables") {
      let named = try JSONObjectReader(
        tableNode, label: "each item of \"tables\"", what: "a metrics table",
        allowed: ["name", "table"], context: context)
      let table = try decodeTable(
        try named.required("table"), label: "\"table\"", what: "a table", context)
      tables.append(MetricsOutput.NamedTable(name: try named.string("name"), table: table))
    }
    return MetricsOutput(title: try reader.string("title"), metrics: metrics, tables: tables)
  }
}
