import Testing

@testable import DSWCore

/// Absurd widths are refused with a clear error instead of exhausting memory;
/// widths up to the limits load and export.
@Suite("Input width limits")
struct InputWidthTests {
  static func session(_ files: [String: [UInt8]]) -> (Session, MemoryFiles) {
    let memory = MemoryFiles(files.reduce(into: [:]) { $0["/nb/" + $1.key] = $1.value })
    let context = SessionContext(files: memory, sandbox: PathSandbox(base: "/nb"), maxRows: 10)
    return (Session(context: context), memory)
  }

  static func rendered(_ session: Session, _ source: String) -> String {
    let run = session.run(source)
    guard let error = run.error else { return "(no error)" }
    return DiagnosticRenderer.render(error, source: source, location: "cell 1 (test0001)")
  }

  static func wideCSV(columns: Int) -> [UInt8] {
    let header = (0..<columns).map { "c\($0)" }.joined(separator: ",")
    let row = (0..<columns).map { String($0 % 10) }.joined(separator: ",")
    return Array((header + "\n" + row + "\n").utf8)
  }

  @Test func aMillionColumnCSVIsRefused() {
    let (session, _) = Self.session(["wide.csv": Self.wideCSV(columns: 1_000_000)])
    #expect(
      Self.rendered(session, #"load "wide.csv" as wide"#) == """
        error[L007]: the first record has 1,000,000 fields, more than the limit of 100,000 columns
         --> cell 1 (test0001), line 1, column 6
          |
        1 | load "wide.csv" as wide
          |      ^^^^^^^^^^
          = note: while loading wide.csv
          = help: check the delimiter (`delimiter:`), or split the file into narrower ones
        """)
  }

  @Test func aCSVAtTheColumnLimitLoadsAndExports() throws {
    let width = LoadDiagnostics.maximumCSVColumns
    let (session, files) = Self.session(["wide.csv": Self.wideCSV(columns: width)])
    let run = session.run(
      """
      load "wide.csv" as wide
      export wide to "out/wide.csv"
      export wide to "out/wide.jsonl"
      """)
    #expect(run.error == nil)
    let csv = try #require(files.files["/nb/out/wide.csv"])
    #expect(csv == Self.wideCSV(columns: width))
    #expect(files.files["/nb/out/wide.jsonl"]?.count ?? 0 > width * 4)
  }

  @Test func twentyThousandDistinctJSONKeysAreRefused() {
    let lines = (0..<20_000).map { #"{"k\#($0)": \#($0)}"# }.joined(separator: "\n")
    let (session, _) = Self.session(["keys.jsonl": Array(lines.utf8)])
    #expect(
      Self.rendered(session, #"load "keys.jsonl" as keys"#) == """
        error[L015]: line 10001, column 2: the file has 20,000 distinct keys, more than the limit of 10,000 columns
         --> cell 1 (test0001), line 1, column 6
          |
        1 | load "keys.jsonl" as keys
          |      ^^^^^^^^^^^^
          = note: while loading keys.jsonl
          = note: each distinct key (nested keys joined with `.`) becomes a column; the key here is number 10,001
          = help: keep varying names as values, such as {"key": "k1", "value": 1}
        """)
  }

  @Test func jsonAtTheKeyLimitLoads() throws {
    let limit = LoadDiagnostics.maximumJSONKeys
    let lines = (1..<limit).map { #"{"k\#($0)": \#($0), "a": {"b": 1}}"# }
      .joined(separator: "\n")
    let table = try JSONDataReader.read(Array(lines.utf8))
    #expect(table.columnCount == limit)
    #expect(table.rowCount == limit - 1)
  }
}
