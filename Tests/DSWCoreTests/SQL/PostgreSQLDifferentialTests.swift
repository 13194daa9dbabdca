import Foundation
import Testing

@testable import DSWCore

/// Every query fixture that compiles to SQL runs both in dsw and on a real
/// PostgreSQL over the same data, and the answers must be equal: in order
/// where the SQL's `ORDER BY` fixes it, as multisets otherwise.
///
/// Each fixture's datasets become tables of a schema of their own, with a
/// `__dsw_row` column holding the row's position, which the compiler uses as
/// the rows' order. A pipeline that compiles partly is compared on its
/// prefix: the same steps, run by dsw.
@Suite(
  .enabled(
    if: PostgreSQLClient.configured != nil,
    "no PostgreSQL: run `eval \"$(scripts/postgres/start.sh)\"` to set DSW_TEST_POSTGRES"))
struct PostgreSQLDifferentialTests {
  static let rowColumn = "__dsw_row"

  /// Cases where PostgreSQL raises an error or rounds differently, by
  /// title: documented in docs/sql.md, reported, and not failures.
  static let knownDifferences: [String: String] = [
    "a huge double literal":
      "PostgreSQL raises on double overflow where dsw gives Infinity",
    "a median between two equal infinities is that infinity (found by the differential check)":
      "percentile_cont interpolates ∞ − ∞ as NaN",
    "hours and minutes between times far apart do not wrap (found by the differential check)":
      "PostgreSQL's timestamps start in 4713 BC; dsw's reach 271,000 BC",
  ]

  @Test(arguments: QueryFixtureTests.files)
  func fixture(_ name: String) throws {
    let client = try #require(PostgreSQLClient.configured)
    let text = try String(
      contentsOfFile: QueryFixtureTests.folder.appendingPathComponent(name).path, encoding: .utf8)
    let fixture = try QueryFixture.parse(text)
    let schemaName =
      "fx_"
      + name.replacingOccurrences(of: ".dswq", with: "")
      .replacingOccurrences(of: "-", with: "_")
    let dialect = PostgreSQLDialect()
    var tally = (full: 0, partial: 0, none: 0, equal: 0, known: 0, skipped: 0)
    func differ(_ title: String, _ report: String) {
      if let reason = Self.knownDifferences[title] {
        tally.known += 1
        print("sql-differential known difference, \(name): \(title): \(reason)")
      } else {
        Issue.record(Comment(rawValue: report))
      }
    }

    let base = fixture.loadedSession()
    try client.run(Self.loadScript(base, schema: schemaName, dialect: dialect))
    for (index, item) in fixture.cases.enumerated() {
      guard let program = try? Parser.parseProgram(item.source),
        case .pipeline(let pipeline)? = program.statements.last?.kind
      else {
        tally.skipped += 1
        continue
      }
      // Statements before the pipeline (`let`, `load`) run in dsw; what they
      // make is loaded into a schema of the case's own.
      var session = base
      var schema = schemaName
      let start = pipeline.span.offset
      if program.statements.count > 1 {
        session = fixture.loadedSession()
        let before = String(decoding: Array(item.source.utf8)[..<start], as: UTF8.self)
        guard session.run(before).error == nil else {
          tally.skipped += 1
          continue
        }
        schema = schemaName + "_\(index)"
        try client.run(Self.loadScript(session, schema: schema, dialect: dialect))
      }
      let relation = { [session, schema] (dataset: String) -> SQLRelation? in
        guard session.datasets[dataset] != nil else { return nil }
        return SQLRelation(
          sql: dialect.identifier(schema) + "." + dialect.identifier(dataset),
          orderColumn: Self.rowColumn)
      }
      let compiler = SQLCompiler(
        dialect: dialect, environment: SessionEnvironment(session: session), source: item.source,
        relation: relation)
      guard let compiled = try? compiler.compile(pipeline) else {
        tally.skipped += 1  // a planning error: dsw reports it before any SQL
        continue
      }
      if compiled.pushedSteps == 0 && !pipeline.transforms.isEmpty {
        tally.none += 1
        continue
      }
      if compiled.isComplete { tally.full += 1 } else { tally.partial += 1 }
      // The prefix the SQL covers, run by dsw.
      let end =
        compiled.pushedSteps == 0
        ? pipeline.source.span.offset + pipeline.source.span.length
        : pipeline.transforms[compiled.pushedSteps - 1].span.offset
          + pipeline.transforms[compiled.pushedSteps - 1].span.length
      let prefix = String(decoding: Array(item.source.utf8)[start..<end], as: UTF8.self)
      let local = session.run(prefix)
      let remote: String
      do {
        remote = try client.run(compiled.sql, setup: compiled.sessionSetup)
      } catch {
        if local.error != nil {
          tally.equal += 1  // both fail
        } else {
          differ(
            item.title, "\(name): \(item.title)\n\(prefix)\nPostgreSQL: \(error)\n\(compiled.sql)")
        }
        continue
      }
      guard local.error == nil, case .table(let table)? = local.outputs.last else {
        differ(item.title, "\(name): \(item.title): dsw failed where PostgreSQL ran\n\(prefix)")
        continue
      }
      let (header, rows) = PostgreSQLClient.parseCSV(remote)
      let mismatch = Self.compare(
        table, header: header, rows: rows, ordered: compiled.isOrdered)
      if let mismatch {
        differ(item.title, "\(name): \(item.title)\n\(prefix)\n\(mismatch)\n\(compiled.sql)")
      } else {
        tally.equal += 1
      }
    }
    print(
      "sql-differential \(name): \(tally.full) compile fully, \(tally.partial) partly, \(tally.none) not at all, \(tally.equal) equal, \(tally.known) known differences, \(tally.skipped) not ending in a pipeline or not planned"
    )
  }

  /// Creates the schema's tables and fills them with the datasets' rows.
  static func loadScript(_ session: Session, schema: String, dialect: PostgreSQLDialect) -> String {
    var lines = [
      "DROP SCHEMA IF EXISTS \(dialect.identifier(schema)) CASCADE",
      "CREATE SCHEMA \(dialect.identifier(schema))",
    ]
    for name in session.datasetOrder {
      guard let table = session.datasets[name]?.table else { continue }
      let qualified = dialect.identifier(schema) + "." + dialect.identifier(name)
      let columns =
        zip(table.names, table.types).map { dialect.identifier($0) + " " + dialect.typeName($1) }
        + [dialect.identifier(rowColumn) + " bigint"]
      lines.append("CREATE TABLE \(qualified) (\(columns.joined(separator: ", ")))")
      guard table.rowCount > 0 else { continue }
      var values: [String] = []
      for row in 0..<table.rowCount {
        var cells: [String] = []
        for (index, type) in table.types.enumerated() {
          cells.append(dialect.literal(table.columns[index].value(at: row), type: type).text)
        }
        values.append("(" + (cells + [String(row + 1)]).joined(separator: ", ") + ")")
      }
      lines.append("INSERT INTO \(qualified) VALUES\n" + values.joined(separator: ",\n"))
    }
    return lines.joined(separator: ";\n")
  }

  /// One cell, as both sides can be compared: numbers with a tolerance.
  enum Cell: Equatable, Comparable {
    case null
    case number(Double)
    case text(String)

    static func == (lhs: Cell, rhs: Cell) -> Bool {
      switch (lhs, rhs) {
      case (.null, .null): return true
      case (.text(let a), .text(let b)): return a == b
      case (.number(let a), .number(let b)):
        if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
        if a == b { return true }
        return Swift.abs(a - b) <= 1e-9 * Swift.max(Swift.abs(a), Swift.abs(b))
      default: return false
      }
    }

    static func < (lhs: Cell, rhs: Cell) -> Bool { lhs.sortKey < rhs.sortKey }

    var sortKey: String {
      switch self {
      case .null: "0"
      case .number(let value): "1" + String(format: "%.6e", value)
      case .text(let text): "2" + text
      }
    }
  }

  static func localCell(_ value: Value, _ type: DataType) -> Cell {
    switch value {
    case .null: return .null
    case .int(let number): return .number(Double(number))
    case .double(let number): return .number(number)
    default: return .text(ValueText.plain(value))
    }
  }

  static func remoteCell(_ text: String?, _ type: DataType) -> Cell {
    guard let text else { return .null }
    switch type {
    case .int, .double:
      switch text {
      case "NaN": return .number(.nan)
      case "Infinity": return .number(.infinity)
      case "-Infinity": return .number(-.infinity)
      default: return Double(text).map(Cell.number) ?? .text(text)
      }
    case .bool: return .text(text == "t" ? "true" : text == "f" ? "false" : text)
    case .timestamp:
      // "2024-01-01 10:00:00.5" → dsw's "2024-01-01T10:00:00.5Z".
      return .text(text.replacingOccurrences(of: " ", with: "T") + "Z")
    default: return .text(text)
    }
  }

  static func compare(_ table: TableOutput, header: [String], rows: [[String?]], ordered: Bool)
    -> String?
  {
    guard header == table.columns else {
      return "columns differ: dsw \(table.columns), PostgreSQL \(header)"
    }
    guard rows.count == table.totalRows else {
      return "row counts differ: dsw \(table.totalRows), PostgreSQL \(rows.count)"
    }
    var mine = table.rows.map { row in zip(row, table.types).map { localCell($0, $1) } }
    var theirs = rows.map { row in zip(row, table.types).map { remoteCell($0, $1) } }
    if !ordered {
      mine.sort { $0.lexicographicallyPrecedes($1) }
      theirs.sort { $0.lexicographicallyPrecedes($1) }
    }
    for (index, (a, b)) in zip(mine, theirs).enumerated() where a != b {
      return "row \(index + 1) differs: dsw \(a), PostgreSQL \(b)"
    }
    return nil
  }
}

extension QueryFixture {
  /// A session with every data file loaded under its stem.
  func loadedSession() -> Session {
    let contents = (data + files).map { ("/" + $0.name, Array($0.text.utf8)) }
    let memory = MemoryFiles(Dictionary(contents, uniquingKeysWith: { first, _ in first }))
    let session = Session(context: SessionContext(files: memory, maxRows: 100_000))
    for (name, _) in data {
      let stem = name.split(separator: ".").first.map(String.init) ?? name
      _ = session.run("load \"\(name)\" as \(stem)")
    }
    return session
  }
}
