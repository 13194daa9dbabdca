import DSWCore

/// A notebook with every cell kind and every output type, for round trips.
enum SampleNotebook {
  static let table = TableOutput(
    columns: ["userId", "score", "converted", "signup", "lastSeen", "tier"],
    types: [.int, .double, .bool, .date, .timestamp, .string],
    rows: [
      [
        .int(1), .double(0.8125), .bool(true), .date(19_723), .timestamp(1_704_164_645_250_000),
        .string("gold"),
      ],
      [
        .int(2), .double(1e-5), .bool(false), .date(-1), .timestamp(0),
        .string("line\nbreak \"q\""),
      ],
      [.null, .null, .null, .null, .null, .null],
      [
        .int(-3), .double(3), .bool(true), .date(3_000_000), .timestamp(-62_135_596_800_000_001),
        .string("é 😀"),
      ],
    ],
    totalRows: 20_000)

  static let outputs: [CellOutput] = [
    .table(table),
    .text("conv: 20000 rows, 12 columns"),
    .chart(
      ChartOutput(
        kind: .bar, title: "tiers", xLabel: "tier", yLabel: "users",
        labels: ["member", "silver"], y: [120, 33.5])),
    .chart(
      ChartOutput(
        kind: .hist, title: "price", xLabel: "price", yLabel: "count", x: [0, 2.5, 5],
        y: [3, 9, 1], binWidth: 2.5)),
    .metrics(
      MetricsOutput(
        title: "conv@1 holdout",
        metrics: [.init(name: "auc", value: 0.8731), .init(name: "n", value: 4000)],
        tables: [
          .init(
            name: "lift",
            table: TableOutput(
              columns: ["decile", "lift"], types: [.int, .double],
              rows: [[.int(1), .double(2.9)], [.int(2), .double(1.75)]], totalRows: 10))
        ])),
    .error(ErrorOutput(code: "E201", message: "unknown column \"revenu\"", line: 2, column: 10)),
  ]

  static let notebook = Notebook(
    cells: [
      Cell(id: "intro001", kind: .markdown, source: "# Conversion\n\nA *walkthrough*."),
      Cell(
        id: "q1a2b3c4", kind: .query, source: "from events\n| take 5", outputs: outputs,
        execution: Execution(
          count: 3, status: .ok, durationMs: 41, fingerprint: Fingerprint.of(outputs))),
      Cell(
        id: "train001", kind: .train, source: "train conv = gbt(features, target: converted)",
        outputs: [],
        execution: Execution(count: 4, status: .error, durationMs: 0, fingerprint: "sha256:00")),
      Cell(id: "score001", kind: .score, source: ""),
      Cell(id: "ingest01", kind: .ingest, source: "ingest scores into profile by userId\n"),
      Cell(
        id: "aud00001", kind: .audience,
        source: "audience likely = from profile\r\n| filter p >= 0.6",
        execution: Execution(count: 5, status: .stale, durationMs: 7, fingerprint: "sha256:ab")),
    ],
    metadata: NotebookMetadata(
      title: "Every kind", theme: "dark",
      extra: ["author": .string("dsw"), "tags": .array([.string("cdp"), .int(1), .double(1.5)])]))
}
