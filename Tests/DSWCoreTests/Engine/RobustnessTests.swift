import Testing

@testable import DSWCore

/// No input crashes the engine. Thousands of random programs (from a grammar
/// of pipelines and statements, then truncated and garbled) and hostile CSV
/// files go through `Session.run`; every failure must be a diagnostic whose
/// span lies inside the source, and rendering it must work.
@Suite struct RobustnessTests {
  static let shards = Array(0..<8)
  /// Each program runs as written, truncated and garbled: 3 × 8 × 600 runs.
  static let programsPerShard = 600

  @Test(arguments: shards)
  func randomProgramsNeverCrash(shard: Int) {
    var random = SeededRandom(seed: 0xD5_0000 + UInt64(shard))
    var generator = ProgramGenerator()
    var failures = 0
    for _ in 0..<Self.programsPerShard {
      let program = generator.program(&random)
      let variants = [
        program, ProgramGenerator.truncate(program, &random),
        ProgramGenerator.garble(program, &random),
      ]
      for source in variants where Self.check(source, tables: Self.tables) { failures += 1 }
    }
    // The grammar is mostly valid, so most programs run; both paths get exercised.
    #expect(failures > 0)
    #expect(failures < 3 * Self.programsPerShard)
  }

  @Test func hugeNumbersAndDeepNesting() {
    let programs = [
      "from t | select x = 9223372036854775807 + 1",
      "from t | select x = 99999999999999999999999999",
      "from t | select x = 1e999, y = -1e999, z = 1e-999",
      "from t | select x = v * 9223372036854775807",
      "from t | select x = -9223372036854775807 - v - 2",
      "from t | select x = cast(1e300, \"int\")",
      "from t | select x = cast(\"99999999999999999999\", \"int\")",
      "from t | select x = cast(9223372036854775807, \"date\")",
      "from t | select x = cast(-9223372036854775807, \"timestamp\")",
      "from t | select x = date_add(ts, -9223372036854775807, \"month\")",
      "from t | select x = date_add(day, 9223372036854775807, \"year\")",
      "from t | select x = date_add(day, -9223372036854775807 - 1, \"month\")",
      "from t | select x = date_add(ts, 9223372036854775807, \"week\")",
      "from t | select x = round(d, 9223372036854775807), y = round(v, -9223372036854775807)",
      "from t | select x = pow(10, 400), y = exp(1e10), z = sqrt(-1e308)",
      "from t | select x = substr(k, -9223372036854775807, 9223372036854775807)",
      "from t | select x = substr(k, 9223372036854775807)",
      "from t | select x = substr(k, -9223372036854775807 - 1), y = substr(k, 9223372036854775807, 9223372036854775807)",
      "from t | select x = round(v, -9223372036854775807 - 1), y = round(d, -9223372036854775807 - 1)",
      "from t | select x = (-9223372036854775807 - 1) % -1, y = (-9223372036854775807 - 1.0) // -1",
      "from t | derive n = cast(\"NaN\", \"double\"), i = cast(\"inf\", \"double\") | sort n, -i | aggregate q = median(n), m = max(n), s = sum(i), c = corr(n, i), sd = stddev(i) by n",
      "from t | derive n = if(v > 0, cast(\"nan\", \"double\"), d) | window by n order n derive r = rank(), q = quantile(n, 0.5) | pivot n (c = count()) by k",
      "from t | derive n = if(v > 0, cast(\"nan\", \"double\"), d) | join t on n == d | distinct n | select x = n // 1",
      "from t | derive n = cast(\"-inf\", \"double\") | select x = cast(n, \"int\")",
      "from t | take 9223372036854775807",
      "from t | sample 9223372036854775807",
      "from t | sample 100% (seed: -9223372036854775807)",
      "from t | window order v derive n = ntile(9223372036854775807), l = lag(v, 9223372036854775807)",
      "from t | aggregate q = quantile(v, 1e-320)",
      "from t | select x = v // 0, y = v % 0, z = d / 0.0, w = (-9223372036854775807 - 1) % -1",
      "from t | select x = " + String(repeating: "(", count: 100) + "1"
        + String(repeating: ")", count: 100),
      "from t | select x = " + String(repeating: "-", count: 500) + "1",
      "from t | select x = " + String(repeating: "not ", count: 500) + "true",
      "from t | select x = " + Array(repeating: "v", count: 400).joined(separator: " + "),
      "from t | select x = " + String(repeating: "abs(", count: 80) + "v"
        + String(repeating: ")", count: 80),
      "from t | filter v in [" + (0..<5000).map(String.init).joined(separator: ", ") + "]",
      "from t | select x = \"" + String(repeating: "é", count: 20000) + "\"",
      String(repeating: "from t | take 1\n", count: 300),
      "from t" + String(repeating: " | derive v = v + 1", count: 300),
    ]
    for program in programs {
      Self.check(program, tables: Self.tables)
    }
  }

  @Test func hostileCSVFilesNeverCrash() {
    let files: [(String, [UInt8])] = [
      ("empty.csv", []),
      ("newlines.csv", Array("\n\n\n".utf8)),
      ("header.csv", Array("a,b\n".utf8)),
      ("ragged.csv", Array("a,b\n1,2\n3\n4,5,6\n".utf8)),
      (
        "badutf8.csv",
        Array("a,b\n".utf8) + [0xFF, 0xFE, 0x2C, 0x31, 0x0A, 0xC3, 0x28, 0x2C, 0x32, 0x0A]
      ),
      ("truncated-utf8.csv", Array("a\nx".utf8) + [0xE2, 0x82]),
      ("bom.csv", [0xEF, 0xBB, 0xBF] + Array("a,b\r\n1,2\r\n".utf8)),
      (
        "huge.csv",
        Array(
          "a,b,c\n99999999999999999999999,1e400,-0\n9223372036854775807,-1e-400,NaN\n-9223372036854775808,inf,-inf\n"
            .utf8)
      ),
      ("quote.csv", Array("a,b\n\"unterminated,1\n2,3\n".utf8)),
      ("quotes.csv", Array("a,b\n\"x\"\"y\",\"\"\n\"a\nb\",2\n".utf8)),
      (
        "dates.csv",
        Array("d,t\n2024-02-30,2024-01-01T25:00:00Z\n9999-12-31,0000-01-01T00:00:00Z\n".utf8)
      ),
      ("dupes.csv", Array("a,a,,b\n1,2,3,4\n".utf8)),
      (
        "wide.csv",
        Array(
          ((0..<300).map { "c\($0)" }.joined(separator: ",") + "\n"
            + (0..<300).map(String.init).joined(separator: ",") + "\n").utf8)
      ),
      ("nul.csv", Array("a,b\n1,".utf8) + [0, 0] + Array("\n".utf8)),
      ("long.csv", Array(("a\n" + String(repeating: "x", count: 100_000) + "\n").utf8)),
      ("mixed.csv", Array("a,b\n1,x\n2.5,\n,true\nfalse,2024-01-01\n".utf8)),
      ("bad.json", Array("[{\"a\": 1}, {\"a\": ".utf8)),
      (
        "deep.json",
        Array((String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000)).utf8)
      ),
      ("lines.jsonl", Array("{\"a\": 1}\n{\"a\": \"x\", \"b\": {\"c\": [1, 2]}}\nnot json\n".utf8)),
      (
        "numbers.json",
        Array("[{\"a\": 1e400, \"b\": 99999999999999999999999}, {\"a\": -0, \"b\": null}]".utf8)
      ),
    ]
    for (name, bytes) in files {
      let session = Session(context: SessionContext(files: MemoryFiles(["/" + name: bytes])))
      for options in [
        "", " (on_error: \"skip\")", " (header: false)", " (format: \"csv\", delimiter: \";\")",
      ] {
        let load = "load \"\(name)\" as f\(options)"
        Self.check(load, session: session)
        if session.datasets["f"] != nil {
          for program in [
            "describe f", "schema f",
            "from f | sort " + "\(session.datasets["f"]?.table.names.first ?? "a")",
            "from f | distinct", "from f | aggregate n = count()", "correlate f",
            "export f to \"out.csv\"\nload \"out.csv\" as g\nfrom g",
            "export f to \"out.jsonl\"\nload \"out.jsonl\" as g\nfrom g",
          ] {
            Self.check(program, session: session)
          }
        }
      }
    }
  }

  // MARK: - Running and checking

  /// The tables every random program sees: `t`, a one-row `one` and an empty `e`.
  static let tables: [String: Table] = {
    let t = Table([
      ("id", Column(ints: [1, 2, 3, 4, 5, 6])),
      ("k", Column(strings: ["a", "b", nil, "a", "c", "b"])),
      (
        "v",
        Column(ints: [5, -2, 0, 7, 0, 3], validity: Bitmap([true, true, false, true, true, true]))
      ),
      (
        "d",
        Column(
          doubles: [1.5, -0.5, 2.25, 0, 3, 0],
          validity: Bitmap([true, true, true, true, false, true]))
      ),
      (
        "b",
        Column(
          bools: [true, false, true, false, true, false],
          validity: Bitmap([true, true, true, false, true, true]))
      ),
      ("ts", Column(timestamps: [0, 86_400_000_000, -3_600_000_000, 1_700_000_000_000_000, 5, 0])),
      (
        "day",
        Column(
          dates: [0, 19_000, -1, 20_000, 1, 2],
          validity: Bitmap([true, true, true, true, true, false]))
      ),
    ])
    return ["t": t, "one": t.gather([0]), "e": t.gather([])]
  }()

  /// Runs `source` in a fresh session with `tables`; true when it failed.
  @discardableResult
  static func check(_ source: String, tables: [String: Table]) -> Bool {
    let session = Session(context: SessionContext(files: MemoryFiles()))
    for (name, table) in tables.sorted(by: { $0.key < $1.key }) {
      session.store(name, Dataset(name: name, table: table))
    }
    return check(source, session: session)
  }

  @discardableResult
  static func check(_ source: String, session: Session) -> Bool {
    let run = session.run(source)
    guard let error = run.error else { return false }
    let length = source.utf8.count
    if let span = error.span {
      #expect(span.offset >= 0 && span.length >= 0, "\(error.code) in \(source.debugDescription)")
      #expect(
        span.offset + span.length <= length,
        "\(error.code) \(error.message) in \(source.debugDescription)")
      #expect(span.line >= 1 && span.column >= 1, "\(error.code) in \(source.debugDescription)")
    } else if error.code != "X001" {
      // Load errors about the file itself may lack a span; everything else has one.
      Issue.record("\(error.code) \(error.message) has no span in \(source.debugDescription)")
    }
    #expect(!error.message.isEmpty)
    _ = DiagnosticRenderer.render(error, source: source, location: "cell")
    return true
  }
}

/// Random programs from a small grammar of the language: pipelines with
/// every transform, expressions with every operator and function, and the
/// statements, over columns that exist and some that do not.
struct ProgramGenerator {
  let columns = ["id", "k", "v", "d", "b", "ts", "day", "id", "k", "v", "d", "zz", "count", "date"]
  let datasets = ["t", "t", "t", "t", "t", "one", "one", "e", "e", "nope"]
  let binaryOperators = [
    "+", "-", "*", "/", "//", "%", "==", "!=", "<", "<=", ">", ">=", "and", "or",
  ]
  let units = [
    "\"year\"", "\"quarter\"", "\"month\"", "\"week\"", "\"day\"", "\"hour\"", "\"minute\"",
    "\"second\"", "\"eon\"",
  ]
  let types = [
    "\"int\"", "\"double\"", "\"bool\"", "\"string\"", "\"date\"", "\"timestamp\"", "\"uuid\"",
  ]
  let aggregates = AggregateFunction.allCases.map(\.rawValue)
  let windows = WindowFunction.allCases.map(\.rawValue)
  let scalars = ScalarFunction.allCases.map(\.rawValue)
  var depth = 0

  mutating func program(_ random: inout SeededRandom) -> String {
    let count = 1 + random.nextInt(below: 3)
    return (0..<count).map { _ in statement(&random) }.joined(separator: "\n")
  }

  mutating func statement(_ random: inout SeededRandom) -> String {
    switch random.nextInt(below: 14) {
    case 0: return "let \(pick(["x", "t", "y"], &random)) = \(pipeline(&random))"
    case 1: return "param \(pick(["p", "v", "n"], &random)) = \(literal(&random))"
    case 2:
      return pick(
        [
          "datasets", "schema t", "describe t", "describe e", "correlate t", "correlate t v, d",
          "drop one", "drop nope",
        ],
        &random)
    case 3: return "expect \(pick(datasets, &random)): \(condition(&random)), \(condition(&random))"
    case 4:
      return
        "funnel t (steps: [\"a\", \"b\"], user: \(pick(columns, &random)), event: k, time: \(pick(columns, &random)))"
    case 5:
      let path = pick(["o.csv", "o.jsonl", "o.tsv", "o.xyz"], &random)
      return "export t to \"\(path)\"\nload \"\(path)\" as o\nfrom o | \(transform(&random))"
    default: return pipeline(&random)
    }
  }

  mutating func pipeline(_ random: inout SeededRandom) -> String {
    let steps = random.nextInt(below: 5)
    var text = "from \(pick(datasets, &random))"
    for _ in 0..<steps {
      text += (random.nextInt(below: 6) == 0 ? "\n| " : " | ") + transform(&random)
    }
    return text
  }

  mutating func transform(_ random: inout SeededRandom) -> String {
    let column = pick(columns, &random)
    switch random.nextInt(below: 20) {
    case 0, 1: return "filter \(condition(&random))"
    case 2: return "select \(column), x = \(expression(&random))"
    case 3: return "drop \(column)"
    case 4: return "rename \(pick(["x", "id", "k"], &random)) = \(column)"
    case 5, 6:
      return
        "derive \(pick(["x", "v", "y"], &random)) = \(expression(&random)), z = \(expression(&random))"
    case 7:
      let keys = random.nextInt(below: 2) == 0 ? "" : " by \(column)"
      return "aggregate n = count(), \(aggregateCall(&random))\(keys)"
    case 8:
      return "sort \(random.nextInt(below: 2) == 0 ? "-" : "")\(column), \(pick(columns, &random))"
    case 9: return "take \(pick(["0", "1", "3", "-1", "1.5", "v", "p"], &random))"
    case 10: return random.nextInt(below: 2) == 0 ? "distinct" : "distinct \(column)"
    case 11:
      let kind = pick(["", "inner ", "left ", "semi ", "anti "], &random)
      let condition =
        random.nextInt(below: 2) == 0 ? column : "\(column) == \(pick(columns, &random))"
      return "join \(kind)\(pick(datasets, &random)) on \(condition)"
    case 12: return "append \(pick(datasets, &random))"
    case 13: return "pivot \(column) (\(aggregateCall(&random))) by \(pick(columns, &random))"
    case 14, 15:
      let by = random.nextInt(below: 2) == 0 ? "" : "by \(column) "
      let order =
        random.nextInt(below: 3) == 0
        ? "" : "order \(random.nextInt(below: 2) == 0 ? "-" : "")\(pick(columns, &random)) "
      return "window \(by)\(order)derive w = \(windowCall(&random))"
    case 16:
      let amount = pick(["0", "2", "50%", "100%", "150%", "-3", "2.5", "p", "n"], &random)
      return
        "sample \(amount)\(random.nextInt(below: 2) == 0 ? "" : " (seed: \(random.nextInt(below: 100)))")"
    case 17: return "expect \(condition(&random))"
    case 18 where random.nextInt(below: 3) == 0:
      return
        "chart \(pick(["bar", "line", "hist", "scatter", "pie"], &random)) \(column) \(pick(columns, &random))"
    case 18 where random.nextInt(below: 2) == 0: return "describe"
    default: return "derive \(pick(["x", "y"], &random)) = \(expression(&random))"
    }
  }

  mutating func aggregateCall(_ random: inout SeededRandom) -> String {
    let name = pick(aggregates, &random)
    switch name {
    case "count": return random.nextInt(below: 2) == 0 ? "count()" : "count(\(expression(&random)))"
    case "quantile":
      return "quantile(\(expression(&random)), \(pick(["0.5", "0", "1", "2", "v"], &random)))"
    case "corr": return "corr(\(expression(&random)), \(expression(&random)))"
    default:
      let call = "\(name)(\(expression(&random)))"
      return random.nextInt(below: 3) == 0 ? "\(call) - \(pick(aggregates, &random))(v)" : call
    }
  }

  mutating func windowCall(_ random: inout SeededRandom) -> String {
    if random.nextInt(below: 3) == 0 { return aggregateCall(&random) }
    let name = pick(windows, &random)
    switch name {
    case "ntile": return "ntile(\(pick(["1", "3", "0", "v", "100"], &random)))"
    case "lag", "lead":
      return "\(name)(\(expression(&random)), \(pick(["0", "1", "2", "9"], &random)))"
    case "running_sum", "running_mean": return "\(name)(\(expression(&random)))"
    default: return "\(name)()"
    }
  }

  /// Mostly a well-typed boolean.
  mutating func condition(_ random: inout SeededRandom) -> String {
    random.nextInt(below: 6) == 0 ? wild(&random) : typed("bool", &random)
  }

  /// Mostly well-typed expressions (so kernels run), sometimes anything.
  mutating func expression(_ random: inout SeededRandom) -> String {
    if random.nextInt(below: 4) == 0 { return wild(&random) }
    return typed(pick(["int", "double", "bool", "string", "timestamp", "date"], &random), &random)
  }

  /// An expression of the named type over the columns of `t`.
  mutating func typed(_ type: String, _ random: inout SeededRandom) -> String {
    depth += 1
    defer { depth -= 1 }
    let leaf = depth > 3 || random.nextInt(below: 3) == 0
    func sub(_ type: String, _ random: inout SeededRandom) -> String { typed(type, &random) }
    switch type {
    case "int":
      if leaf { return pick(["v", "id", "3", "-2", "0", "null"], &random) }
      switch random.nextInt(below: 10) {
      case 0:
        return
          "\(sub("int", &random)) \(pick(["+", "-", "*", "//", "%"], &random)) \(sub("int", &random))"
      case 1: return "length(\(sub("string", &random)))"
      case 2:
        return
          "\(pick(["year", "month", "day", "weekday"], &random))(\(sub(pick(["date", "timestamp"], &random), &random)))"
      case 3: return "coalesce(\(sub("int", &random)), \(sub("int", &random)))"
      case 4: return "if(\(sub("bool", &random)), \(sub("int", &random)), \(sub("int", &random)))"
      case 5:
        return
          "\(pick(["days_between", "hours_between", "minutes_between"], &random))(\(sub("date", &random)), \(sub("timestamp", &random)))"
      case 6: return "\(pick(["abs", "round", "floor", "ceil"], &random))(\(sub("int", &random)))"
      case 7: return "cast(\(sub(pick(["double", "bool", "date"], &random), &random)), \"int\")"
      case 8: return "case when \(sub("bool", &random)) then \(sub("int", &random)) end"
      default: return "-\(sub("int", &random))"
      }
    case "double":
      if leaf { return pick(["d", "1.5", "-0.0", "1e308", "null"], &random) }
      switch random.nextInt(below: 7) {
      case 0:
        return
          "\(sub(pick(["int", "double"], &random), &random)) \(pick(["+", "-", "*", "/", "%", "//"], &random)) \(sub("double", &random))"
      case 1:
        return
          "\(pick(["sqrt", "exp", "log", "ln", "log10", "abs", "floor", "ceil"], &random))(\(sub("double", &random)))"
      case 2: return "pow(\(sub("double", &random)), \(sub("int", &random)))"
      case 3: return "round(\(sub("double", &random)), \(pick(["0", "2", "-1", "400"], &random)))"
      case 4:
        return
          "\(pick(["greatest", "least", "coalesce"], &random))(\(sub("int", &random)), \(sub("double", &random)))"
      case 5: return "cast(\(sub(pick(["int", "bool", "string"], &random), &random)), \"double\")"
      default:
        return "if(\(sub("bool", &random)), \(sub("double", &random)), \(sub("int", &random)))"
      }
    case "bool":
      if leaf { return pick(["b", "true", "false", "null"], &random) }
      let compared = pick(["int", "double", "string", "date", "timestamp", "bool"], &random)
      switch random.nextInt(below: 8) {
      case 0, 1:
        return
          "\(sub(compared, &random)) \(pick(["==", "!=", "<", "<=", ">", ">="], &random)) \(sub(compared, &random))"
      case 2:
        return "\(sub("bool", &random)) \(pick(["and", "or"], &random)) \(sub("bool", &random))"
      case 3: return "not \(sub("bool", &random))"
      case 4:
        return "\(sub(compared, &random)) is \(random.nextInt(below: 2) == 0 ? "" : "not ")null"
      case 5:
        return
          "\(sub("int", &random)) \(random.nextInt(below: 2) == 0 ? "" : "not ")in [1, 2.5, null, 0]"
      case 6:
        return
          "\(pick(["contains", "starts_with", "ends_with"], &random))(\(sub("string", &random)), \(sub("string", &random)))"
      default: return "k in [\"a\", \"c\"]"
      }
    case "string":
      if leaf { return pick(["k", "\"a\"", "\"\"", "\"é\"", "null"], &random) }
      switch random.nextInt(below: 6) {
      case 0: return "\(pick(["lower", "upper", "trim"], &random))(\(sub("string", &random)))"
      case 1:
        return
          "concat(\(sub("string", &random)), \(sub(pick(["int", "double", "date"], &random), &random)))"
      case 2:
        return "substr(\(sub("string", &random)), \(sub("int", &random)), \(sub("int", &random)))"
      case 3: return "replace(\(sub("string", &random)), \(sub("string", &random)), \"_\")"
      case 4:
        return
          "cast(\(sub(pick(["int", "double", "bool", "date", "timestamp"], &random), &random)), \"string\")"
      default: return "coalesce(\(sub("string", &random)), \"z\")"
      }
    case "timestamp":
      if leaf { return pick(["ts", "timestamp(\"2024-01-01 10:00\")", "null"], &random) }
      switch random.nextInt(below: 4) {
      case 0:
        return
          "date_add(\(sub("timestamp", &random)), \(sub("int", &random)), \(pick(units, &random)))"
      case 1: return "date_trunc(\(pick(units, &random)), \(sub("timestamp", &random)))"
      case 2: return "cast(\(sub(pick(["date", "int"], &random), &random)), \"timestamp\")"
      default:
        return "if(\(sub("bool", &random)), \(sub("timestamp", &random)), \(sub("date", &random)))"
      }
    default:
      if leaf { return pick(["day", "date(\"2024-02-29\")", "null"], &random) }
      switch random.nextInt(below: 4) {
      case 0:
        return
          "date_add(\(sub("date", &random)), \(sub("int", &random)), \(pick(["\"day\"", "\"month\"", "\"year\"", "\"week\""], &random)))"
      case 1:
        return
          "date_trunc(\(pick(["\"month\"", "\"week\"", "\"year\""], &random)), \(sub("date", &random)))"
      case 2: return "date(\(sub(pick(["timestamp", "string"], &random), &random)))"
      default: return "cast(\(sub("int", &random)), \"date\")"
      }
    }
  }

  /// Any expression: unknown names, mistyped operands and arities included.
  mutating func wild(_ random: inout SeededRandom) -> String {
    depth += 1
    defer { depth -= 1 }
    if depth > 4 {
      return random.nextInt(below: 2) == 0 ? pick(columns, &random) : literal(&random)
    }
    switch random.nextInt(below: 14) {
    case 0, 1: return pick(columns, &random)
    case 2: return literal(&random)
    case 3, 4, 5:
      return "\(expression(&random)) \(pick(binaryOperators, &random)) \(expression(&random))"
    case 6: return "\(pick(["-", "not "], &random))\(expression(&random))"
    case 7: return "(\(expression(&random)))"
    case 8: return "\(expression(&random)) is \(random.nextInt(below: 2) == 0 ? "" : "not ")null"
    case 9:
      return
        "\(expression(&random)) \(random.nextInt(below: 2) == 0 ? "" : "not ")in [\(literal(&random)), \(literal(&random))]"
    case 10:
      return
        "case when \(expression(&random)) then \(expression(&random)) else \(expression(&random)) end"
    case 11: return "cast(\(expression(&random)), \(pick(types, &random)))"
    default: return scalarCall(&random)
    }
  }

  mutating func scalarCall(_ random: inout SeededRandom) -> String {
    let name = pick(scalars + ["frobnicate", "sum"], &random)
    switch name {
    case "date_trunc": return "date_trunc(\(pick(units, &random)), \(expression(&random)))"
    case "date_add":
      return "date_add(\(expression(&random)), \(expression(&random)), \(pick(units, &random)))"
    case "date":
      return random.nextInt(below: 2) == 0
        ? "date(\(pick(["\"2024-01-01\"", "\"2024-13-01\"", "k", "ts", "\"\""], &random)))"
        : "date(\(expression(&random)), \(pick(["\"%Y%m%d\"", "\"%d/%m/%y\"", "k", "\"%Q\""], &random)))"
    default:
      let arity = random.nextInt(below: 4)
      return "\(name)(" + (0..<arity).map { _ in expression(&random) }.joined(separator: ", ") + ")"
    }
  }

  func literal(_ random: inout SeededRandom) -> String {
    pick(
      [
        "0", "1", "-1", "3", "2.5", "-0.0", "1e308", "9223372036854775807", "-9223372036854775807",
        "null", "true", "false", "\"a\"", "\"\"", "\"2024-01-01\"", "\"é\"", "\"x\\\"y\"",
        "date(\"2024-02-29\")", "p",
      ], &random)
  }

  func pick(_ items: [String], _ random: inout SeededRandom) -> String {
    items[random.nextInt(below: items.count)]
  }

  // MARK: - Mutations

  /// The program cut at a random character.
  static func truncate(_ program: String, _ random: inout SeededRandom) -> String {
    let characters = Array(program)
    return String(characters.prefix(random.nextInt(below: characters.count + 1)))
  }

  /// The program with a few characters deleted, inserted or swapped.
  static func garble(_ program: String, _ random: inout SeededRandom) -> String {
    var characters = Array(program)
    let noise: [Character] = [
      "(", ")", "[", "]", "|", "\"", "`", "#", "\n", "%", ",", ":", "=", "-", "!", "<", ".", "é",
      "\u{0}",
      "\u{301}", "🙂", "\\", " ", "'", "{",
    ]
    for _ in 0..<(1 + random.nextInt(below: 4)) {
      let position = random.nextInt(below: characters.count + 1)
      switch random.nextInt(below: 3) {
      case 0 where position < characters.count: characters.remove(at: position)
      case 1 where position < characters.count:
        characters[position] = noise[random.nextInt(below: noise.count)]
      default: characters.insert(noise[random.nextInt(below: noise.count)], at: position)
      }
    }
    return String(characters)
  }
}
