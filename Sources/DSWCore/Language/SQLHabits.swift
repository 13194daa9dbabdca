/// What a SQL user types first, answered with the dsw form.
///
/// dsw pipelines read top to bottom (`from t | filter … | aggregate … by …
/// | sort … | take N`); a user who knows SQL reaches for `where`, `limit`,
/// `count(*)` or a whole `SELECT`. Each habit gets a help line with the form
/// that works, and a simple `SELECT` is translated whole.
enum SQLHabits {
  /// The dsw step for a SQL clause word met where a pipeline step belongs.
  static let steps: [String: (step: String, example: String)] = [
    "where": ("filter", "| filter amount > 10"),
    "limit": ("take", "| take 10"),
    "order": ("sort", "| sort -amount, name"),
    "group": ("aggregate … by", "| aggregate n = count(), total = sum(amount) by country"),
    "having": ("filter after the aggregate", "| aggregate n = count() by country | filter n > 5"),
  ]

  /// Help for a SQL clause word used as a pipeline step, if it is one.
  static func stepHelp(_ word: String) -> String? {
    guard let (step, example) = steps[word.lowercased()] else { return nil }
    return "dsw writes `\(word.lowercased())` as `\(step)`: `\(example)`"
  }

  /// Help for a word typed as a statement that belongs to the workbench.
  static func commandHelp(_ word: String) -> String? {
    switch word.lowercased() {
    case "help": "type `:help` for the commands and topics, or `:help NAME` on any name"
    case "quit", "exit": "type `:quit`, or press Ctrl-D on an empty line"
    default: nil
    }
  }

  /// The pipeline a simple `SELECT … FROM t [WHERE …] [GROUP BY …] [HAVING …]
  /// [ORDER BY …] [LIMIT n]` means, or nil when the query is beyond that
  /// (joins, subqueries, DISTINCT) or the translation would not parse.
  static func translate(_ tokens: [Token], source: [UInt8]) -> String? {
    let words = tokens.filter { !$0.isEnd }
    guard let clauses = Clauses(words), clauses.from.count == 1,
      let table = clauses.from.first?.word
    else { return nil }
    let text = Rewriter(source: source)
    var items: [(expr: String, name: String?, isAggregate: Bool)] = []
    for item in split(clauses.select) {
      if item.count == 1, item[0].isSymbol(.star) { continue }
      var body = item
      var name: String?
      if body.count >= 3, body[body.count - 2].word?.lowercased() == "as",
        let alias = body.last?.word
      {
        name = alias
        body.removeLast(2)
      }
      let expr = text.rewrite(body)
      let isAggregate = body.enumerated().contains { index, token in
        guard let word = token.word?.lowercased(), index + 1 < body.count else { return false }
        return body[index + 1].isSymbol(.leftParen)
          && (AggregateFunction(rawValue: word) != nil || word == "count")
      }
      if name == nil, expr == "count()" { name = "count" }
      items.append((expr, name, isAggregate))
    }
    func named(_ index: Int) -> String? {
      guard index >= 1, index <= items.count else { return nil }
      return items[index - 1].name ?? items[index - 1].expr
    }
    var pipeline = "from \(table)"
    if !clauses.whereClause.isEmpty { pipeline += " | filter " + text.rewrite(clauses.whereClause) }
    let keys = split(clauses.groupBy).map { key -> String in
      if key.count == 1, case .integer(let number) = key[0].kind,
        let name = named(Int(clamping: number))
      {
        return name
      }
      return text.rewrite(key)
    }
    if items.contains(where: \.isAggregate) || !keys.isEmpty {
      let aggregates = items.filter { $0.isAggregate }.map { item in
        item.name.map { "\($0) = \(item.expr)" } ?? item.expr
      }
      guard !aggregates.isEmpty else { return nil }
      pipeline += " | aggregate " + aggregates.joined(separator: ", ")
      if !keys.isEmpty { pipeline += " by " + keys.joined(separator: ", ") }
    } else if !items.isEmpty {
      pipeline +=
        " | select "
        + items.map { item in item.name.map { "\($0) = \(item.expr)" } ?? item.expr }
        .joined(separator: ", ")
    }
    if !clauses.having.isEmpty {
      var condition = text.rewrite(clauses.having)
      for item in items where item.isAggregate {
        if let name = item.name { condition = condition.replacingAll(item.expr, with: name) }
      }
      pipeline += " | filter " + condition
    }
    let order = split(clauses.orderBy).compactMap { key -> String? in
      var body = key
      var descending = false
      if let last = body.last?.word?.lowercased(), last == "desc" || last == "asc" {
        descending = last == "desc"
        body.removeLast()
      }
      var expr = text.rewrite(body)
      if body.count == 1, case .integer(let number) = body[0].kind {
        guard let name = named(Int(clamping: number)) else { return nil }
        expr = name
      } else if let item = items.first(where: { $0.expr == expr }), let name = item.name {
        expr = name
      }
      return (descending ? "-" : "") + expr
    }
    if !order.isEmpty { pipeline += " | sort " + order.joined(separator: ", ") }
    if let limit = clauses.limit { pipeline += " | take \(limit)" }
    guard (try? Parser.parseProgram(pipeline)) != nil else { return nil }
    return pipeline
  }

  /// Token lists split at the commas outside parentheses.
  private static func split(_ tokens: [Token]) -> [[Token]] {
    guard !tokens.isEmpty else { return [] }
    var parts: [[Token]] = [[]]
    var depth = 0
    for token in tokens {
      if token.isSymbol(.leftParen) { depth += 1 }
      if token.isSymbol(.rightParen) { depth -= 1 }
      if depth == 0, token.isSymbol(.comma) {
        parts.append([])
      } else {
        parts[parts.count - 1].append(token)
      }
    }
    return parts.filter { !$0.isEmpty }
  }

  /// The clauses of a simple SELECT, cut at their keywords outside parentheses.
  private struct Clauses {
    var select: [Token] = []
    var from: [Token] = []
    var whereClause: [Token] = []
    var groupBy: [Token] = []
    var having: [Token] = []
    var orderBy: [Token] = []
    var limit: Int?

    init?(_ tokens: [Token]) {
      guard tokens.first?.word?.lowercased() == "select" else { return nil }
      var clause = "select"
      var depth = 0
      var index = 1
      var limitTokens: [Token] = []
      while index < tokens.count {
        let token = tokens[index]
        let word = token.word?.lowercased()
        if token.isSymbol(.leftParen) { depth += 1 }
        if token.isSymbol(.rightParen) { depth -= 1 }
        if depth == 0, let word {
          let next = index + 1 < tokens.count ? tokens[index + 1].word?.lowercased() : nil
          if ["from", "where", "having", "limit"].contains(word) {
            clause = word
            index += 1
            continue
          }
          if ["group", "order"].contains(word), next == "by" {
            clause = word
            index += 2
            continue
          }
          if ["join", "union", "distinct", "offset", "on", "with"].contains(word) { return nil }
        }
        switch clause {
        case "select": select.append(token)
        case "from": from.append(token)
        case "where": whereClause.append(token)
        case "group": groupBy.append(token)
        case "having": having.append(token)
        case "order": orderBy.append(token)
        default: limitTokens.append(token)
        }
        index += 1
      }
      if !limitTokens.isEmpty {
        guard limitTokens.count == 1, case .integer(let number) = limitTokens[0].kind else {
          return nil
        }
        limit = Int(clamping: number)
      }
    }
  }

  /// SQL expression tokens written as dsw: `=` → `==`, `<>` → `!=`, `'s'` →
  /// `"s"`, `IN (…)` → `in […]`, `count(*)` → `count()`, keywords in lower case.
  private struct Rewriter {
    let source: [UInt8]
    static let keywords: Set<String> = [
      "and", "or", "not", "is", "null", "in", "like", "ilike", "between", "true", "false", "case",
      "when", "then", "else", "end",
    ]

    func rewrite(_ tokens: [Token]) -> String {
      var out = ""
      var closers: [String] = []
      var index = 0
      func emit(_ piece: String, spaceBefore: Bool = true) {
        if spaceBefore, !out.isEmpty, !out.hasSuffix("("), !out.hasSuffix("[") { out += " " }
        out += piece
      }
      while index < tokens.count {
        let token = tokens[index]
        let next = index + 1 < tokens.count ? tokens[index + 1] : nil
        switch token.kind {
        case .identifier(let word, let quoted):
          let lower = word.lowercased()
          if !quoted, lower == "in", next?.isSymbol(.leftParen) == true {
            emit("in [")
            closers.append("]")
            index += 2
            continue
          }
          if !quoted, lower == "count", next?.isSymbol(.leftParen) == true,
            index + 2 < tokens.count, tokens[index + 2].isSymbol(.star)
          {
            emit("count()")
            index += 4
            continue
          }
          if !quoted, lower == "count", next?.isSymbol(.leftParen) == true,
            index + 2 < tokens.count, tokens[index + 2].word?.lowercased() == "distinct"
          {
            emit("count_distinct(")
            closers.append(")")
            index += 3
            continue
          }
          if next?.isSymbol(.leftParen) == true {
            emit(lower + "(")
            closers.append(")")
            index += 2
            continue
          }
          emit(
            !quoted && Self.keywords.contains(lower) ? lower : SourceText.slice(source, token.span))
        case .string(let text):
          emit("\"" + text.replacingAll("\\", with: "\\\\").replacingAll("\"", with: "\\\"") + "\"")
        case .symbol(.equal):
          emit("==")
        case .symbol(.less) where next?.isSymbol(.greater) == true:
          emit("!=")
          index += 1
        case .symbol(.leftParen):
          emit("(")
          closers.append(")")
        case .symbol(.rightParen):
          emit(closers.popLast() ?? ")", spaceBefore: false)
        case .symbol(.comma):
          emit(",", spaceBefore: false)
        default:
          emit(SourceText.slice(source, token.span))
        }
        index += 1
      }
      return out
    }
  }
}

extension String {
  fileprivate func replacingAll(_ target: String, with replacement: String) -> String {
    guard !target.isEmpty else { return self }
    return components(separatedBy: target).joined(separator: replacement)
  }
}
