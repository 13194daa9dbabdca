/// The JSON form of cell outputs, as stored in the notebook file (DESIGN §3).
///
/// Shapes:
/// - `{"type": "table", "columns", "types", "rows", "total_rows"}`: rows hold
///   JSON null, numbers, booleans and strings; dates are `"YYYY-MM-DD"` and
///   timestamps ISO 8601 strings (`2024-01-31T12:00:00Z`), decoded back through
///   `types`. A date or timestamp outside years 0000–9999 is written as its raw
///   day or microsecond count, which the reader also accepts.
///   `"heat": true` shades a correlation matrix; `"volatile"` names columns
///   (durations) that the fingerprint leaves out.
/// - `{"type": "text", "text"}`.
/// - `{"type": "chart", "kind", "title", "x_label", "y_label", "labels", "x", "y"}`
///   plus `"bin_width"` and `"x_temporal"` when set, and `"series": [{"name", "x", "y"}]`
///   for a chart with several series (whose own `x` and `y` are then empty).
/// - `{"type": "metrics", "title", "metrics": [{"name", "value"}],
///   "tables": [{"name", "table": <a table output>}]}`.
/// - `{"type": "error", "code", "message", "line", "column"}`.
///
/// A NaN or infinite double is written as `null` (JSON has no such numbers);
/// numeric fields read `null` back as NaN, table cells read it as a null value.
public enum OutputCoding {
  static let tableKeys = ["type", "columns", "types", "rows", "total_rows", "heat", "volatile"]
  static let chartKeys = [
    "type", "kind", "title", "x_label", "y_label", "labels", "x", "y", "bin_width", "x_temporal",
    "series",
  ]

  // MARK: Encoding

  /// One output as a JSON object.
  public static func json(_ output: CellOutput) -> JSONValue {
    switch output {
    case .table(let table): return json(table)
    case .text(let text): return .object(["type": .string("text"), "text": .string(text)])
    case .chart(let chart):
      var object: [String: JSONValue] = [
        "type": .string("chart"),
        "kind": .string(chart.kind.rawValue),
        "title": .string(chart.title),
        "x_label": .string(chart.xLabel),
        "y_label": .string(chart.yLabel),
        "labels": .array(chart.labels.map { .string($0) }),
        "x": .array(chart.x.map { .double($0) }),
        "y": .array(chart.y.map { .double($0) }),
      ]
      if let binWidth = chart.binWidth { object["bin_width"] = .double(binWidth) }
      if chart.xTemporal { object["x_temporal"] = .bool(true) }
      // Written only for several series, so one-series charts keep their old form.
      if !chart.series.isEmpty {
        object["series"] = .array(
          chart.series.map { series in
            .object([
              "name": .string(series.name), "x": .array(series.x.map { .double($0) }),
              "y": .array(series.y.map { .double($0) }),
            ])
          })
      }
      return .object(object)
    case .metrics(let metrics):
      return .object([
        "type": .string("metrics"),
        "title": .string(metrics.title),
        "metrics": .array(
          metrics.metrics.map { .object(["name": .string($0.name), "value": .double($0.value)]) }
        ),
        "tables": .array(
          metrics.tables.map { .object(["name": .string($0.name), "table": json($0.table)]) }),
      ])
    case .error(let error):
      return .object([
        "type": .string("error"),
        "code": .string(error.code),
        "message": .string(error.message),
        "line": .int(Int64(error.line)),
        "column": .int(Int64(error.column)),
      ])
    }
  }

  /// A table output as a JSON object.
  public static func json(_ table: TableOutput) -> JSONValue {
    let rows: [JSONValue] = table.rows.map { row in
      .array(
        row.enumerated().map { position, value in
          json(value, as: position < table.types.count ? table.types[position] : value.type)
        })
    }
    var object: [String: JSONValue] = [
      "type": .string("table"),
      "columns": .array(table.columns.map { .string($0) }),
      "types": .array(table.types.map { .string($0.rawValue) }),
      "rows": .array(rows),
      "total_rows": .int(Int64(table.totalRows)),
    ]
    // Written only when set, so plain tables stay as they were.
    if table.heat { object["heat"] = .bool(true) }
    if !table.volatile.isEmpty { object["volatile"] = .array(table.volatile.map { .string($0) }) }
    return .object(object)
  }

  /// A value in its column's JSON form (by its own type when `type` is nil):
  /// dates and timestamps as ISO text. A value that does not fit the
  /// column's type (which `TableOutput(_:limit:)` never makes) is written as null.
  public static func json(_ value: Value, as type: DataType? = nil) -> JSONValue {
    switch (value, type ?? value.type) {
    case (.int(let number), .int): .int(number)
    case (.int(let number), .double): .double(Double(number))
    case (.double(let number), .double): .double(number)
    case (.bool(let flag), .bool): .bool(flag)
    case (.string(let text), .string): .string(text)
    case (.date(let days), .date): dateJSON(days)
    case (.date(let days), .timestamp):
      timestampJSON(days.multipliedReportingOverflow(by: CivilTime.microsPerDay))
    case (.timestamp(let micros), .timestamp): timestampJSON((micros, false))
    default: .null
    }
  }

  private static func dateJSON(_ days: Int64) -> JSONValue {
    let year = CivilTime.civil(days: days).year
    return (0...9999).contains(year) ? .string(CivilTime.formatDate(days: days)) : .int(days)
  }

  private static func timestampJSON(_ micros: (partialValue: Int64, overflow: Bool)) -> JSONValue {
    if micros.overflow { return .null }
    let year = CivilTime.civil(days: CivilTime.day(ofMicros: micros.partialValue)).year
    return (0...9999).contains(year)
      ? .string(CivilTime.formatTimestamp(micros: micros.partialValue)) : .int(micros.partialValue)
  }
}
