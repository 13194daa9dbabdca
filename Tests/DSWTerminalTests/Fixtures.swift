import DSWCore
import DSWTerminal
import Foundation

/// Sample outputs shared by the renderer tests.
enum Fixtures {
  static let colour = Styler(theme: .builtinDark, enabled: true)
  static let plain = Styler.plain

  /// A customer table of `rows` rows, the first rows of `total`.
  static func customers(rows: Int = 5, total: Int? = nil) -> TableOutput {
    let names = ["Ada Lovelace", "東京 Tower", "", "Émile Zola", "Grace \u{1B}[2J Hopper", "李雷"]
    var values: [[Value]] = []
    for index in 0..<rows {
      let name: Value = index % 7 == 6 ? .null : .string(names[index % names.count])
      let spend: Value = index % 5 == 4 ? .null : .double(Double(index) * 1234.5678 + 0.5)
      values.append([
        .int(Int64(1000 + index)), name, spend, .bool(index % 2 == 0),
        .date(18_262 + Int64(index) * 31),
        .timestamp(1_577_836_800_000_000 + Int64(index) * 3_600_500_000),
        .string(index % 3 == 0 ? "gold" : "silver"),
      ])
    }
    return TableOutput(
      columns: ["userId", "name", "spend", "active", "since", "lastSeen", "loyaltyTier"],
      types: [.int, .string, .double, .bool, .date, .timestamp, .string], rows: values,
      totalRows: total ?? rows)
  }

  /// A 4×4 correlation matrix, for heat shading.
  static let correlations: TableOutput = {
    let names = ["recency", "frequency", "monetary", "tenure"]
    let matrix: [[Double]] = [
      [1, -0.62, -0.41, 0.05], [-0.62, 1, 0.83, 0.27], [-0.41, 0.83, 1, 0.31],
      [0.05, 0.27, 0.31, 1],
    ]
    let rows = zip(names, matrix).map { name, row in [Value.string(name)] + row.map(Value.double) }
    return TableOutput(
      columns: ["column"] + names, types: [.string] + names.map { _ in .double }, rows: rows,
      totalRows: 4)
  }()

  static let bar = ChartOutput(
    kind: .bar, title: "Events by type", xLabel: "eventType", yLabel: "events",
    labels: [
      "web.webpagedetails.pageViews", "commerce.productViews", "commerce.purchases",
      "directMarketing.emailOpened", "other",
    ], y: [52_340, 20_110, 3_120, 1_740.5, 880])

  static let hist: ChartOutput = {
    var counts: [Double] = []
    for bin in 0..<20 {
      let distance = Double(bin) - 6
      counts.append((1000 * exp(-distance * distance / 12)).rounded())
    }
    return ChartOutput(
      kind: .hist, title: "Distribution of spend", xLabel: "spend", yLabel: "customers",
      x: (0..<20).map { Double($0) * 50 }, y: counts, binWidth: 50)
  }()

  static let line: ChartOutput = {
    var revenue: [Double] = []
    for week in 0..<120 {
      let wave: Double = 1500 * sin(Double(week) / 9)
      revenue.append(5000 + wave + Double(week) * 20)
    }
    return ChartOutput(
      kind: .line, title: "Weekly revenue", xLabel: "week", yLabel: "revenue",
      x: (0..<120).map { Double($0) }, y: revenue)
  }()

  static let scatter: ChartOutput = {
    var random = SeededRandom(seed: 7)
    var x: [Double] = []
    var y: [Double] = []
    for _ in 0..<300 {
      let value = random.nextGaussian()
      x.append(value)
      y.append(0.8 * value + 0.4 * random.nextGaussian())
    }
    return ChartOutput(
      kind: .scatter, title: "Frequency vs monetary", xLabel: "frequency (z)",
      yLabel: "monetary (z)", x: x, y: y)
  }()

  static let metrics = MetricsOutput(
    title: "evaluate conv (gbt, holdout 20%)",
    metrics: [
      .init(name: "auc", value: 0.8123456), .init(name: "accuracy", value: 0.91),
      .init(name: "logloss", value: 0.2634), .init(name: "rows", value: 4000),
    ],
    tables: [
      .init(
        name: "lift by decile",
        table: TableOutput(
          columns: ["decile", "rate", "lift"], types: [.int, .double, .double],
          rows: (1...10).map { decile -> [Value] in
            let share = 1 / Double(decile)
            return [.int(Int64(decile)), .double(0.5 * share), .double(3.2 * share)]
          },
          totalRows: 10))
    ])

  static let markdown = """
    # Churn propensity

    This notebook trains a **gradient-boosted** model on *customer events* and scores every \
    profile. Use `synth cmle` to generate data; see [the docs](https://example.com/docs) \
    or <https://example.com>.

    ## Steps
    1. Load the data with `load`, which reads CSV, TSV, JSON and JSON Lines files by their \
    extension.
    2. Build features:
       - counts per event type
       - recency and **monetary** sums
    3. Train and evaluate.

    ### Notes
    > A quote that is long enough to need wrapping across more than one line of the terminal.

    ```
    from events | filter eventType == "commerce.purchases"
    \tgroup by userId
    ```

    ---

    Data may hold \u{1B}[2J escapes and \u{202E}overrides; they show escaped.
    """
}
