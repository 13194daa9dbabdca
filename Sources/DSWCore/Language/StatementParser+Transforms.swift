/// Pipelines (`from NAME | step | step ...`) and each pipeline step.
///
/// Lists inside a step end at the first token after a complete item that is
/// not a comma, so a clause word (`by`, `order`, `derive`, `on`) closes a list
/// only there, and the same words still work as column names elsewhere.
extension StatementParser {
  /// `from NAME` followed by any number of `| step`.
  mutating func parsePipeline() throws(Diagnostic) -> Pipeline {
    let from = advance()
    let source = try parseName("a dataset name")
    if !atEnd && !isSymbol(.pipe) {
      throw leftover(after: "`from \(shortText(previous))`")
    }
    let transforms = try parseTransformChain()
    return Pipeline(source: source, transforms: transforms, span: span(from: from))
  }

  /// `| step | step ...` up to the end of the statement.
  mutating func parseTransformChain() throws(Diagnostic) -> [Transform] {
    var transforms: [Transform] = []
    while isSymbol(.pipe) {
      advance()
      transforms.append(try parseTransform())
    }
    if !atEnd { throw expected("`|`") }
    return transforms
  }

  private mutating func parseTransform() throws(Diagnostic) -> Transform {
    guard let step = current.word else {
      throw expected("a pipeline step such as `filter` or `take`")
    }
    let keyword = advance()
    let kind: Transform.Kind
    switch step {
    case "filter": kind = .filter(try parseExpression())
    case "select":
      if isSymbol(.star) {
        throw .error(
          "E107", "`select *` is not needed", at: keyword.span.through(current.span),
          help: "a pipeline keeps every column, so leave `select` out; `drop a, b` removes columns")
      }
      kind = .select(try parseNamedExprs(step: step, namesRequired: false))
    case "drop": kind = .drop(try parseNameList("a column name"))
    case "rename": kind = .rename(try parseRenames())
    case "derive": kind = .derive(try parseNamedExprs(step: step, namesRequired: true))
    case "aggregate": kind = try parseAggregate()
    case "sort": kind = .sort(try parseSortKeys())
    case "take":
      guard !atEnd && !isSymbol(.pipe) else { throw expected("a number of rows") }
      kind = .take(try parseExpression())
    case "distinct":
      kind = .distinct(atEnd || isSymbol(.pipe) ? [] : try parseNameList("a column name"))
    case "join": kind = try parseJoin()
    case "append": kind = .append(try parseName("a dataset name"))
    case "pivot": kind = try parsePivot()
    case "window": kind = try parseWindow()
    case "sample": kind = try parseSample()
    case "expect": kind = .expect(try parseConditions())
    case "score": kind = try parseScore()
    case "chart": kind = try parseChart()
    case "describe": kind = .describe
    default: throw unknownStep(step, at: keyword)
    }
    try expectEnd(of: "the `\(step)` step", pipeAllowed: true)
    return Transform(kind, span: span(from: keyword))
  }

  /// `score MODEL [, MODEL] [(name: value, ...)]`.
  private mutating func parseScore() throws(Diagnostic) -> Transform.Kind {
    var models = [try parseModelRef()]
    while isSymbol(.comma) {
      advance()
      models.append(try parseModelRef())
    }
    return .score(ScoreStep(models: models, options: try parseOptionsIfPresent()))
  }

  private func unknownStep(_ step: String, at keyword: Token) -> Diagnostic {
    let help =
      SQLHabits.stepHelp(step)
      ?? Suggestion.didYouMean(step, among: Parser.transformKeywords)
      ?? "the steps are " + Parser.transformKeywords.map { "`\($0)`" }.joined(separator: ", ")
    return .error("E106", "unknown pipeline step `\(step)`", at: keyword.span, help: help)
  }

  /// `name = expr, ...`, or bare expressions where names are optional.
  mutating func parseNamedExprs(step: String, namesRequired: Bool) throws(Diagnostic)
    -> [NamedExpr]
  {
    var items = [try parseNamedExpr(step: step, nameRequired: namesRequired)]
    while isSymbol(.comma) {
      advance()
      items.append(try parseNamedExpr(step: step, nameRequired: namesRequired))
    }
    return items
  }

  private mutating func parseNamedExpr(step: String, nameRequired: Bool) throws(Diagnostic)
    -> NamedExpr
  {
    if case .identifier(let text, _) = current.kind, peek(1).isSymbol(.equal) {
      let nameToken = advance()
      advance()
      return NamedExpr(name: Name(text, span: nameToken.span), expr: try parseExpression())
    }
    guard nameRequired else { return NamedExpr(name: nil, expr: try parseExpression()) }
    guard case .identifier(let text, _) = current.kind else {
      throw expected("a new column name", help: "write `\(step) name = expression`")
    }
    advance()
    throw expected("`=`", help: "write `\(text) = expression`")
  }

  private mutating func parseRenames() throws(Diagnostic) -> [ColumnPair] {
    var pairs: [ColumnPair] = []
    repeat {
      if !pairs.isEmpty { advance() }
      let newName = try parseName("a new column name", help: "write `rename new = old`")
      try expectSymbol(.equal, help: "write `rename \(newName.text) = old`")
      let oldName = try parseName("the column to rename")
      pairs.append(ColumnPair(left: newName, right: oldName))
    } while isSymbol(.comma)
    return pairs
  }

  private mutating func parseAggregate() throws(Diagnostic) -> Transform.Kind {
    let aggregates = try parseNamedExprs(step: "aggregate", namesRequired: false)
    var keys: [NamedExpr] = []
    if isWord("by") {
      advance()
      keys = try parseNamedExprs(step: "aggregate", namesRequired: false)
    }
    return .aggregate(aggregates, by: keys)
  }

  /// `[-]KEY, ...`: a leading `-` means descending.
  mutating func parseSortKeys() throws(Diagnostic) -> [SortKey] {
    var keys: [SortKey] = []
    repeat {
      if !keys.isEmpty { advance() }
      let descending = isSymbol(.minus)
      if descending { advance() }
      let start = current
      let expr = try parseExpression()
      if let word = current.word?.lowercased(), word == "desc" || word == "asc" {
        let key = text(of: start.span.through(previous.span))
        throw .error(
          "E110", "dsw has no `\(current.word ?? word)`", at: current.span,
          help: word == "desc"
            ? "write `-` before a key to sort it descending: `sort -\(key)`"
            : "keys sort ascending unless `-` precedes them: `sort \(key)`")
      }
      keys.append(SortKey(expr: expr, descending: descending))
    } while isSymbol(.comma)
    return keys
  }

  private mutating func parseConditions() throws(Diagnostic) -> [Expr] {
    var conditions = [try parseExpression()]
    while isSymbol(.comma) {
      advance()
      conditions.append(try parseExpression())
    }
    return conditions
  }

  /// `join [inner|left|semi|anti] NAME on KEY, ...` or `on a == b [and|, ...]`.
  private mutating func parseJoin() throws(Diagnostic) -> Transform.Kind {
    var joinKind = JoinKind.inner
    if let word = current.word, let kind = JoinKind(rawValue: word),
      case .identifier = peek(1).kind, !peek(1).isWord("on")
    {
      joinKind = kind
      advance()
    }
    let dataset = try parseName("a dataset name")
    try expectWord("on", help: "write `join \(dataset.text) on key`")
    var keys: [Name] = []
    var pairs: [ColumnPair] = []
    repeat {
      if !keys.isEmpty || !pairs.isEmpty { advance() }
      let left = try parseName("a key column")
      if isSymbol(.equal) {
        throw assignmentInComparison(left: Expr(.name(left.text), span: left.span))
      }
      if isSymbol(.equalEqual) {
        advance()
        let right = try parseName("a column of `\(dataset.text)`")
        pairs.append(ColumnPair(left: left, right: right))
      } else {
        keys.append(left)
      }
      if !keys.isEmpty && !pairs.isEmpty {
        throw .error(
          "E113", "a join condition cannot mix `on key` with `on left == right`",
          at: left.span.through(previous.span),
          help: "write every key as `left == right`, or every key as a bare name")
      }
    } while isSymbol(.comma) || isWord("and")
    return .join(joinKind, dataset: dataset, on: pairs.isEmpty ? .using(keys) : .equalities(pairs))
  }

  /// `pivot COLUMN (NAME = AGG) [by KEY, ...]`.
  private mutating func parsePivot() throws(Diagnostic) -> Transform.Kind {
    let column = try parseName("the column whose values become columns")
    guard isSymbol(.leftParen) else {
      throw expected("`(` and an aggregate", help: "write `pivot \(column.text) (n = count())`")
    }
    let opener = advance()
    let value = try parseNamedExpr(step: "pivot", nameRequired: false)
    guard isSymbol(.rightParen) else { throw unclosed(opener, closer: ")", expecting: "`)`") }
    advance()
    var keys: [Name] = []
    if isWord("by") {
      advance()
      keys = try parseNameList("a key column")
    }
    return .pivot(column: column, value: value, by: keys)
  }

  /// `window [by KEY, ...] [order [-]KEY, ...] derive name = FN, ...`.
  private mutating func parseWindow() throws(Diagnostic) -> Transform.Kind {
    var keys: [Name] = []
    var order: [SortKey] = []
    if isWord("by") {
      advance()
      keys = try parseNameList("a partition column")
    }
    if isWord("order") {
      advance()
      order = try parseSortKeys()
    }
    guard isWord("derive") else {
      let choices =
        order.isEmpty
        ? (keys.isEmpty ? "`by`, `order` or `derive`" : "`order` or `derive`")
        : "`derive`"
      throw expected(choices, help: "write `window by key order time derive n = row_number()`")
    }
    advance()
    let derived = try parseNamedExprs(step: "derive", namesRequired: true)
    return .window(by: keys, order: order, derive: derived)
  }

  /// `sample N` or `sample P%`, then options such as `(seed: 7)`.
  private mutating func parseSample() throws(Diagnostic) -> Transform.Kind {
    guard !atEnd && !isSymbol(.pipe) else {
      throw expected("a row count or a percentage such as `10%`")
    }
    // `sample n (seed: 7)`: a parameter followed by options is not a call.
    let amount: Expr
    if case .identifier(let text, _) = current.kind, peek(1).isSymbol(.leftParen) {
      let token = advance()
      amount = Expr(.name(text), span: token.span)
    } else {
      amount = try parseUnary()
    }
    let percent = isSymbol(.percent)
    if percent { advance() }
    return .sample(amount: amount, percent: percent, options: try parseOptionsIfPresent())
  }

  /// `chart KIND X [Y, ...] [by SERIES] [(bins: N)]`.
  private mutating func parseChart() throws(Diagnostic) -> Transform.Kind {
    let kinds = ["bar", "line", "hist", "scatter"]
    guard let word = current.word else {
      throw expected("a chart kind (`bar`, `line`, `hist` or `scatter`)")
    }
    guard let chartKind = ChartKind(rawValue: word) else {
      throw .error(
        "E117", "unknown chart kind `\(word)`", at: current.span,
        help: Suggestion.didYouMean(word, among: kinds)
          ?? "the kinds are `bar`, `line`, `hist` and `scatter`")
    }
    advance()
    let x = try parseName("a column for the x axis")
    var y: [Name] = []
    if case .identifier = current.kind, !isWord("by") {
      y = try parseNameList("a column for the y axis")
    }
    var by: Name?
    if isWord("by") {
      advance()
      by = try parseName("a column whose values name the series")
    }
    return .chart(chartKind, x: x, y: y, by: by, options: try parseOptionsIfPresent())
  }
}
