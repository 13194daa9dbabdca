/// One output of a code cell, as stored in the notebook and rendered.
///
/// Outputs hold data, not pre-drawn text: a chart keeps its spec and its
/// points, a table its first rows, so the terminal re-renders them at any
/// width and theme.
public enum CellOutput: Sendable, Hashable {
  case table(TableOutput)
  case text(String)
  case chart(ChartOutput)
  case metrics(MetricsOutput)
  case error(ErrorOutput)
}

/// The first rows of a result table, with its full row count.
public struct TableOutput: Sendable, Hashable {
  public var columns: [String]
  public var types: [DataType]
  /// Row-major values of the first rows (at most the display limit).
  public var rows: [[Value]]
  public var totalRows: Int
  /// Shade numeric cells in [-1, 1] by value (correlation matrices).
  public var heat: Bool
  /// Columns whose values differ from run to run (durations), left out of
  /// the cell's fingerprint.
  public var volatile: [String] = []

  public init(
    columns: [String], types: [DataType], rows: [[Value]], totalRows: Int, heat: Bool = false
  ) {
    self.columns = columns
    self.types = types
    self.rows = rows
    self.totalRows = totalRows
    self.heat = heat
  }

  /// The first `limit` rows of `table`.
  public init(_ table: Table, limit: Int) {
    let shown = min(limit, table.rowCount)
    var rows: [[Value]] = []
    rows.reserveCapacity(shown)
    for row in 0..<shown {
      rows.append(table.columns.map { $0.value(at: row) })
    }
    self.init(columns: table.names, types: table.types, rows: rows, totalRows: table.rowCount)
  }
}

/// A chart: what to draw and the data to draw it from.
///
/// A chart with one series keeps it in `x` and `y`, as charts always have; a
/// chart with several (`by channel`, or several y columns) keeps them in
/// `series` and leaves `x` and `y` empty.
public struct ChartOutput: Sendable, Hashable {
  public var kind: ChartKind
  public var title: String
  public var xLabel: String
  public var yLabel: String
  /// Category labels for bar charts (parallel to `y`); empty otherwise.
  public var labels: [String]
  /// X values for line, scatter and hist (bin lower edges); empty for bars.
  public var x: [Double]
  public var y: [Double]
  /// For hist: the width of each bin.
  public var binWidth: Double?
  /// Whether x values are times (microseconds since the epoch), drawn as dates.
  public var xTemporal: Bool
  /// Named series, when there are several; empty for a one-series chart.
  public var series: [ChartSeries]

  public init(
    kind: ChartKind, title: String, xLabel: String, yLabel: String, labels: [String] = [],
    x: [Double] = [], y: [Double], binWidth: Double? = nil, xTemporal: Bool = false,
    series: [ChartSeries] = []
  ) {
    self.kind = kind
    self.title = title
    self.xLabel = xLabel
    self.yLabel = yLabel
    self.labels = labels
    self.x = x
    self.y = y
    self.binWidth = binWidth
    self.xTemporal = xTemporal
    self.series = series
  }

  /// Every series to draw: `series`, or the one held in `x` and `y`.
  public var allSeries: [ChartSeries] {
    series.isEmpty ? [ChartSeries(name: yLabel, x: x, y: y)] : series
  }
}

/// One named series of a chart. For bars, `y` is parallel to the chart's
/// labels and `x` is empty; otherwise `x` and `y` are parallel.
public struct ChartSeries: Sendable, Hashable {
  public var name: String
  public var x: [Double]
  public var y: [Double]

  public init(name: String, x: [Double] = [], y: [Double]) {
    self.name = name
    self.x = x
    self.y = y
  }
}

/// Named metrics and tables, as `evaluate` reports them.
public struct MetricsOutput: Sendable, Hashable {
  public struct Metric: Sendable, Hashable {
    public var name: String
    public var value: Double
    public init(name: String, value: Double) {
      self.name = name
      self.value = value
    }
  }

  public struct NamedTable: Sendable, Hashable {
    public var name: String
    public var table: TableOutput
    public init(name: String, table: TableOutput) {
      self.name = name
      self.table = table
    }
  }

  public var title: String
  public var metrics: [Metric]
  public var tables: [NamedTable]

  public init(title: String, metrics: [Metric], tables: [NamedTable] = []) {
    self.title = title
    self.metrics = metrics
    self.tables = tables
  }
}

/// A failed statement: the diagnostic's code, message and location.
public struct ErrorOutput: Sendable, Hashable {
  public var code: String
  public var message: String
  public var line: Int
  public var column: Int

  public init(code: String, message: String, line: Int, column: Int) {
    self.code = code
    self.message = message
    self.line = line
    self.column = column
  }
}
