/// The statements, each chosen by the word that starts it. Statement words
/// count only there, so the same words are free as names everywhere else.
extension StatementParser {
  mutating func parseStatement() throws(Diagnostic) -> Statement {
    let first = current
    guard let keyword = first.word else { throw notAStatement(first) }
    if keyword == "from" {
      let pipeline = try parsePipeline()
      return Statement(.pipeline(pipeline), span: pipeline.span)
    }
    advance()
    let kind: Statement.Kind
    switch keyword {
    case "param":
      let name = try parseName("a parameter name")
      try expectSymbol(.equal, help: "write `param \(name.text) = value`")
      kind = .param(name, try parseExpression())
    case "synth":
      let generator = try parseName("a generator (`cmle` or `groupby`)")
      kind = .synth(generator: generator, options: try parseOptionsIfPresent())
    case "load": kind = try parseLoad()
    case "let", "audience":
      let name = try parseName(keyword == "let" ? "a dataset name" : "an audience name")
      try expectSymbol(.equal, help: "write `\(keyword) \(name.text) = from DATASET | ...`")
      if keyword == "let", isWord("sql") {
        advance()
        kind = try parseSQLQuery(into: name)
        break
      }
      guard isWord("from") else {
        let source = current.word ?? "DATASET"
        throw expected(
          "`from` to start a pipeline", help: "write `\(keyword) \(name.text) = from \(source)`")
      }
      let pipeline = try parsePipeline()
      kind = keyword == "let" ? .letBinding(name, pipeline) : .audience(name, pipeline)
    case "datasets":
      if case .identifier = current.kind {
        kind = .remoteDatasets(try parseName("a connection name"))
      } else {
        kind = .datasets
      }
    case "connect":
      let name = try parseName("a connection name")
      try expectWord("to", help: "write `connect \(name.text) to \"postgresql://user@host/db\"`")
      let url: Expr
      if case .identifier(let parameter, _) = current.kind {
        url = Expr(.name(parameter), span: advance().span)
      } else {
        let (text, span) = try parseString("a connection URL in quotes, or a parameter holding one")
        url = Expr(.literal(.string(text)), span: span)
      }
      kind = .connect(name, url: url, options: try parseOptionsIfPresent())
    case "connections": kind = .connections
    case "disconnect": kind = .disconnect(try parseName("a connection name"))
    case "sql": kind = try parseSQLQuery(into: nil)
    case "models": kind = .models
    case "audiences": kind = .audiences
    case "schema": kind = .schema(try parseName("a dataset name"))
    case "describe": kind = .describe(try parseName("a dataset name"))
    case "drop": kind = .drop(try parseName("a dataset name"))
    case "correlate": kind = try parseCorrelate()
    case "expect":
      let dataset = try parseName("a dataset name")
      try expectSymbol(.colon, help: "write `expect \(dataset.text): condition, ...`")
      var conditions = [try parseExpression()]
      while isSymbol(.comma) {
        advance()
        conditions.append(try parseExpression())
      }
      kind = .expect(dataset, conditions: conditions)
    case "funnel":
      let dataset = try parseName("a dataset name")
      kind = .funnel(dataset, options: try parseOptionsIfPresent())
    case "export":
      let dataset = try parseName("a dataset name")
      try expectWord("to", help: "write `export \(dataset.text) to \"path.csv\"`")
      if case .identifier = current.kind {
        let target = try parseName("a file path in quotes, or CONNECTION.schema.table")
        kind = .exportToEngine(dataset, target: target, options: try parseOptionsIfPresent())
        break
      }
      let (path, pathSpan) = try parseString(
        "a file path in quotes, or a table of a connection (`w.schema.table`)")
      kind = .export(dataset, path: path, pathSpan: pathSpan, options: try parseOptionsIfPresent())
    case "train": kind = try parseTrain()
    case "tune":
      guard
        case .train(let name, let algorithm, let dataset, let arguments) = try parseTrain(
          keyword: "tune")
      else { throw expected("a model constructor") }
      kind = .tune(name, algorithm: algorithm, dataset: dataset, arguments: arguments)
    case "runs": kind = .runs
    case "compare": kind = try parseCompare()
    case "evaluate": kind = .evaluate(try parseModelRef())
    case "save":
      try expectWord("model", help: "write `save model NAME to \"path.json\"`")
      let model = try parseModelRef()
      try expectWord("to", help: "write `save model \(model.name.text) to \"path.json\"`")
      let (path, pathSpan) = try parseString("a file path in quotes")
      kind = .saveModel(model, path: path, pathSpan: pathSpan)
    case "ingest": kind = try parseIngest()
    case "overlap":
      let first = try parseName("an audience name")
      try expectSymbol(.comma, help: "write `overlap \(first.text), other`")
      kind = .overlap(first, try parseName("a second audience name"))
    case "activate": kind = try parseActivate()
    case "explain":
      kind = .explain(try parseModelRef(), options: try parseOptionsIfPresent())
    default:
      throw unknownStatement(keyword, at: first)
    }
    try expectEnd(of: "the `\(keyword)` statement")
    return Statement(kind, span: span(from: first))
  }

  /// `sql CONNECTION "…"`, after the word `sql`.
  private mutating func parseSQLQuery(into name: Name?) throws(Diagnostic) -> Statement.Kind {
    let connection = try parseName(
      "a connection name", help: "write `sql w \"\"\"SELECT …\"\"\"` after `connect w to …`")
    let (sql, sqlSpan) = try parseString("the SQL in quotes (`\"\"\"` may span lines)")
    return .sqlQuery(name, connection: connection, sql: sql, sqlSpan: sqlSpan)
  }

  private func notAStatement(_ token: Token) -> Diagnostic {
    if token.isSymbol(.pipe) {
      return .error(
        "E116", "a `|` step needs a pipeline before it", at: token.span,
        help: "start the pipeline with `from DATASET`")
    }
    return .error(
      "E105", "expected a statement, found \(describe(token))", at: token.span,
      help: "a statement starts with a word such as `from`, `let` or `load`")
  }

  private func unknownStatement(_ word: String, at token: Token) -> Diagnostic {
    if let help = SQLHabits.commandHelp(word), peek(1).isEnd {
      return .error("E105", "`\(word)` is a workbench command", at: token.span, help: help)
    }
    if word.lowercased() == "select" {
      let help =
        SQLHabits.translate(
          Array(tokens[(tokens.firstIndex { $0.span == token.span } ?? 0)...]), source: source
        ).map {
          "write it as a pipeline: `\($0)`"
        }
        ?? "start with the data and add steps: `from t | filter … | aggregate … by … | sort … | take N` (`:help language`)"
      return .error(
        "E105", "dsw is not SQL: a pipeline starts with `from`", at: token.span, help: help)
    }
    if Parser.transformKeywords.contains(word) {
      return .error(
        "E116", "`\(word)` is a pipeline step, so it needs a pipeline", at: token.span,
        help: "write `from DATASET | \(word) ...`")
    }
    let candidates = Parser.statementKeywords + Parser.transformKeywords
    if let help = Suggestion.didYouMean(word, among: candidates) {
      return .error("E105", "unknown statement `\(word)`", at: token.span, help: help)
    }
    let help =
      peek(1).isEnd
      ? "to see a dataset, write `from \(word)`"
      : "a statement starts with a word such as `from`, `let` or `load`"
    return .error("E105", "unknown statement `\(word)`", at: token.span, help: help)
  }

  /// `load "PATH" as NAME [(options)]` or `load model "PATH" as NAME`.
  private mutating func parseLoad() throws(Diagnostic) -> Statement.Kind {
    if isWord("model"), case .string = peek(1).kind {
      advance()
      let (path, pathSpan) = try parseString("a file path in quotes")
      try expectWord("as", help: "write `load model \"path.json\" as NAME`")
      return .loadModel(path: path, pathSpan: pathSpan, as: try parseName("a model name"))
    }
    let (path, pathSpan) = try parseString("a file path in quotes")
    try expectWord("as", help: "write `load \"path\" as NAME`")
    let name = try parseName("a dataset name")
    return .load(path: path, pathSpan: pathSpan, as: name, options: try parseOptionsIfPresent())
  }

  /// `correlate NAME`, `correlate NAME [a, b]` or `correlate NAME a, b`.
  private mutating func parseCorrelate() throws(Diagnostic) -> Statement.Kind {
    let dataset = try parseName("a dataset name")
    if isSymbol(.leftBracket) {
      return .correlate(dataset, columns: try parseBracketedNames("a column name"))
    }
    if case .identifier = current.kind {
      return .correlate(dataset, columns: try parseNameList("a column name"))
    }
    return .correlate(dataset, columns: [])
  }

  /// `train NAME = ALGO(DATASET, key: value, ...)` (and `tune`, the same shape).
  private mutating func parseTrain(keyword: String = "train") throws(Diagnostic) -> Statement.Kind {
    let name = try parseName("a model name")
    try expectSymbol(
      .equal, help: "write `\(keyword) \(name.text) = gbt(DATASET, target: COLUMN)`")
    let algorithm = try parseName(
      "an algorithm (`gbt`, `logistic`, `linear` or `kmeans`)",
      help: "write `\(keyword) \(name.text) = gbt(DATASET, target: COLUMN)`")
    guard isSymbol(.leftParen) else {
      throw expected("`(`", help: "write `\(algorithm.text)(DATASET, target: COLUMN)`")
    }
    let opener = advance()
    if atEnd { throw unclosed(opener, closer: ")", expecting: "`)`") }
    let dataset = try parseName("the training dataset")
    var arguments: [Option] = []
    while isSymbol(.comma) {
      advance()
      if isSymbol(.rightParen) { break }
      guard case .identifier = current.kind, peek(1).isSymbol(.colon) || peek(1).isSymbol(.equal)
      else {
        throw expected(
          "a named argument such as `target: COLUMN`",
          help: "the dataset comes first, then `name: value` pairs")
      }
      let argument = try parseOption(after: arguments)
      arguments.append(argument)
    }
    guard isSymbol(.rightParen) else {
      throw unclosed(opener, closer: ")", expecting: "`,` or `)`")
    }
    advance()
    return .train(name, algorithm: algorithm, dataset: dataset, arguments: arguments)
  }

  /// `compare m@1 m@2 …` (commas optional), or `compare m` for all its versions.
  private mutating func parseCompare() throws(Diagnostic) -> Statement.Kind {
    var references = [
      try parseModelRef(help: "write `compare m@1 m@2`, or `compare m` for every version")
    ]
    while !atEnd {
      if isSymbol(.comma) { advance() }
      references.append(try parseModelRef())
    }
    return .compare(references)
  }

  /// `ingest DATASET into profile by COLUMN [as NAMESPACE]`.
  private mutating func parseIngest() throws(Diagnostic) -> Statement.Kind {
    let dataset = try parseName("a dataset name")
    let usage = "write `ingest \(dataset.text) into profile by COLUMN`"
    try expectWord("into", help: usage)
    let target = try parseName("`profile`", help: usage)
    try expectWord("by", help: usage)
    let identity = try parseName("an identity column")
    var namespace: Name?
    if isWord("as") {
      advance()
      namespace = try parseName("an identity namespace such as `ECID`")
    }
    return .ingest(dataset, target: target, by: identity, namespace: namespace)
  }

  /// `activate NAME to "PATH" [with [col, ...]] [(options)]`.
  private mutating func parseActivate() throws(Diagnostic) -> Statement.Kind {
    let audience = try parseName("an audience name")
    try expectWord("to", help: "write `activate \(audience.text) to \"path.csv\"`")
    let (path, pathSpan) = try parseString("a file path in quotes")
    var columns: [Name]?
    if isWord("with") {
      advance()
      columns =
        isSymbol(.leftBracket)
        ? try parseBracketedNames("a column name") : try parseNameList("a column name")
    }
    return .activate(
      audience, path: path, pathSpan: pathSpan, columns: columns,
      options: try parseOptionsIfPresent())
  }
}
