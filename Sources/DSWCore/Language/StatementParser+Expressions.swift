/// Expressions by precedence climbing, lowest first: `or`; `and`; `not`;
/// comparisons (`==` … `>=`, `in`, `not in`, `is [not] null`); `+ -`;
/// `* / // %`; unary `-`; calls and primaries.
///
/// A comparison does not chain (`a < b < c` is E112), and a single `=` where a
/// comparison belongs is E104 with the `==` spelled out. A `-` directly before
/// a number literal folds into the literal, so `-5` is the literal -5.
extension StatementParser {
  /// How deeply expressions may nest (parentheses, calls, lists, `case`,
  /// chains of `-` or `not`). Far beyond real use, and well inside the stack
  /// of every later stage that walks the tree recursively.
  static var maximumNesting: Int { 64 }

  /// How many binary operators one top-level expression may hold. Together
  /// with `maximumNesting` this bounds the depth of every tree, since a chain
  /// `a + b + c ...` deepens the tree by one per operator.
  static var maximumOperators: Int { 256 }

  mutating func parseExpression() throws(Diagnostic) -> Expr {
    if nesting == 0 { operatorCount = 0 }
    try enterNested()
    defer { nesting -= 1 }
    return try parseOr()
  }

  private mutating func countOperator() throws(Diagnostic) {
    operatorCount += 1
    if operatorCount > Self.maximumOperators {
      throw .error(
        "E118", "this expression has more than \(Self.maximumOperators) operators",
        at: current.span, help: "split it into several `derive` steps, or use `in [...]`")
    }
  }

  private mutating func enterNested() throws(Diagnostic) {
    nesting += 1
    if nesting > Self.maximumNesting {
      throw .error(
        "E118", "this expression is nested too deeply", at: current.span,
        help: "split it into several `derive` steps")
    }
  }

  private mutating func parseOr() throws(Diagnostic) -> Expr {
    var left = try parseAnd()
    while isWord("or") {
      try countOperator()
      advance()
      let right = try parseAnd()
      left = Expr(.binary(.or, left, right), span: left.span.through(right.span))
    }
    return left
  }

  private mutating func parseAnd() throws(Diagnostic) -> Expr {
    var left = try parseNot()
    while isWord("and") {
      try countOperator()
      advance()
      let right = try parseNot()
      left = Expr(.binary(.and, left, right), span: left.span.through(right.span))
    }
    return left
  }

  private mutating func parseNot() throws(Diagnostic) -> Expr {
    guard isWord("not") else { return try parseComparison() }
    try enterNested()
    defer { nesting -= 1 }
    let keyword = advance()
    let operand = try parseNot()
    return Expr(.unary(.not, operand), span: keyword.span.through(operand.span))
  }

  private static let comparisons: [Token.Symbol: BinaryOperator] = [
    .equalEqual: .equal, .bangEqual: .notEqual, .less: .less, .lessEqual: .lessEqual,
    .greater: .greater, .greaterEqual: .greaterEqual,
  ]

  /// The words that may follow an operand as a comparison, alone or after `not`.
  private static let comparisonWords = ["in", "like", "ilike", "between"]

  private var isComparisonAhead: Bool {
    if case .symbol(let symbol) = current.kind, Self.comparisons[symbol] != nil { return true }
    if isWord("is") || Self.comparisonWords.contains(where: isWord) { return true }
    return isWord("not") && Self.comparisonWords.contains(where: { peek(1).isWord($0) })
  }

  private mutating func parseComparison() throws(Diagnostic) -> Expr {
    let left = try parseConcatenation()
    if isSymbol(.equal) { throw assignmentInComparison(left: left) }
    guard isComparisonAhead else { return left }
    let compared = try parseComparisonTail(left)
    if isComparisonAhead {
      throw .error(
        "E112", "comparisons cannot be chained", at: current.span,
        help: "join the comparisons with `and`")
    }
    if isSymbol(.equal) { throw assignmentInComparison(left: compared) }
    return compared
  }

  private mutating func parseComparisonTail(_ left: Expr) throws(Diagnostic) -> Expr {
    if case .symbol(let symbol) = current.kind, let op = Self.comparisons[symbol] {
      advance()
      let right = try parseConcatenation()
      return Expr(.binary(op, left, right), span: left.span.through(right.span))
    }
    if isWord("is") {
      advance()
      let negated = isWord("not")
      if negated { advance() }
      guard isWord("null") else {
        throw expected(negated ? "`null`" : "`null` or `not null`")
      }
      let null = advance()
      return Expr(.isNull(left, negated: negated), span: left.span.through(null.span))
    }
    let negated = isWord("not")
    if negated { advance() }
    if isWord("like") || isWord("ilike") {
      // `s like "a%"` is the call `like(s, "a%")`.
      let function = advance()
      let pattern = try parseConcatenation()
      let call = Expr(
        .call(function: text(of: function.span).lowercased(), arguments: [left, pattern]),
        span: left.span.through(pattern.span))
      return negated ? Expr(.unary(.not, call), span: call.span) : call
    }
    if isWord("between") {
      // `x between a and b` is `x >= a and x <= b`.
      advance()
      let low = try parseConcatenation()
      guard isWord("and") else { throw expected("`and` and the upper bound") }
      advance()
      let high = try parseConcatenation()
      let span = left.span.through(high.span)
      let range = Expr(
        .binary(
          .and, Expr(.binary(.greaterEqual, left, low), span: span),
          Expr(.binary(.lessEqual, left, high), span: span)), span: span)
      return negated ? Expr(.unary(.not, range), span: span) : range
    }
    advance()  // `in`
    guard isSymbol(.leftBracket) else {
      throw expected("a list such as `[\"a\", \"b\"]`")
    }
    let list = try parseList()
    guard case .list(let items) = list.kind else { return list }
    return Expr(.inList(left, items, negated: negated), span: left.span.through(list.span))
  }

  /// E104: `a = 1` where `a == 1` was meant; the help spells out the fix.
  mutating func assignmentInComparison(left: Expr) -> Diagnostic {
    let equal = advance()
    var help = "write `==` to compare"
    if let right = try? parseAdditive() {
      help = "write `\(text(of: left.span)) == \(text(of: right.span))`"
    }
    return .error(
      "E104", "`=` is assignment; use `==` to compare", at: equal.span, help: help)
  }

  /// `a || b`: SQL's string concatenation, looser than `+` and `-`.
  private mutating func parseConcatenation() throws(Diagnostic) -> Expr {
    var left = try parseAdditive()
    while isSymbol(.pipePipe) {
      try countOperator()
      advance()
      let right = try parseAdditive()
      left = Expr(.binary(.concatenate, left, right), span: left.span.through(right.span))
    }
    return left
  }

  private mutating func parseAdditive() throws(Diagnostic) -> Expr {
    var left = try parseMultiplicative()
    while true {
      let op: BinaryOperator
      if isSymbol(.plus) {
        op = .add
      } else if isSymbol(.minus) {
        op = .subtract
      } else {
        return left
      }
      try countOperator()
      advance()
      let right = try parseMultiplicative()
      left = Expr(.binary(op, left, right), span: left.span.through(right.span))
    }
  }

  private static let multiplicatives: [Token.Symbol: BinaryOperator] = [
    .star: .multiply, .slash: .divide, .slashSlash: .integerDivide, .percent: .modulo,
  ]

  private mutating func parseMultiplicative() throws(Diagnostic) -> Expr {
    var left = try parseUnary()
    while case .symbol(let symbol) = current.kind, let op = Self.multiplicatives[symbol] {
      try countOperator()
      advance()
      let right = try parseUnary()
      left = Expr(.binary(op, left, right), span: left.span.through(right.span))
    }
    return left
  }

  mutating func parseUnary() throws(Diagnostic) -> Expr {
    guard isSymbol(.minus) else { return try parsePrimary() }
    try enterNested()
    defer { nesting -= 1 }
    let minus = advance()
    let operand = try parseUnary()
    let span = minus.span.through(operand.span)
    switch operand.kind {
    case .literal(.int(let value)) where minus.span.offset + 1 == operand.span.offset:
      return Expr(.literal(.int(-value)), span: span)
    case .literal(.double(let value)) where minus.span.offset + 1 == operand.span.offset:
      return Expr(.literal(.double(-value)), span: span)
    default:
      return Expr(.unary(.negate, operand), span: span)
    }
  }

  mutating func parsePrimary() throws(Diagnostic) -> Expr {
    let token = current
    switch token.kind {
    case .integer(let value):
      advance()
      return Expr(.literal(.int(value)), span: token.span)
    case .float(let value):
      advance()
      return Expr(.literal(.double(value)), span: token.span)
    case .string(let value):
      advance()
      return Expr(.literal(.string(value)), span: token.span)
    case .symbol(.leftParen):
      advance()
      if atEnd { throw unclosed(token, closer: ")", expecting: "`)`") }
      let inner = try parseExpression()
      guard isSymbol(.rightParen) else {
        throw unclosed(token, closer: ")", expecting: "`)`")
      }
      advance()
      return Expr(inner.kind, span: token.span.through(previous.span))
    case .symbol(.leftBracket):
      return try parseList()
    case .identifier(let text, let quoted):
      if quoted {
        advance()
        return Expr(.name(text), span: token.span)
      }
      return try parseWord(text, token: token)
    default:
      throw expected("an expression")
    }
  }

  private mutating func parseWord(_ text: String, token: Token) throws(Diagnostic) -> Expr {
    switch text {
    case "true", "false":
      advance()
      return Expr(.literal(.bool(text == "true")), span: token.span)
    case "null":
      advance()
      return Expr(.literal(.null), span: token.span)
    case "case":
      return try parseCase()
    default:
      guard !Parser.expressionKeywords.contains(text) else { throw expected("an expression") }
      advance()
      if isSymbol(.leftParen) { return try parseCall(text, name: token) }
      return Expr(.name(text), span: token.span)
    }
  }

  private mutating func parseCall(_ function: String, name: Token) throws(Diagnostic) -> Expr {
    let opener = advance()
    var arguments: [Expr] = []
    if isSymbol(.star), peek(1).isSymbol(.rightParen) {
      throw .error(
        "E107", "`\(function)(*)` is written `\(function)()`",
        at: name.span.through(peek(1).span),
        help: "`count()` counts rows; `count(x)` counts the rows where x is not null")
    }
    if isSymbol(.rightParen) {
      advance()
      return Expr(
        .call(function: function, arguments: arguments), span: name.span.through(previous.span))
    }
    while true {
      if atEnd { throw unclosed(opener, closer: ")", expecting: "`)`") }
      if case .identifier(let label, _) = current.kind, peek(1).isSymbol(.colon) {
        throw .error(
          "E115", "named arguments such as `\(label):` are only for model constructors",
          at: current.span.through(peek(1).span),
          help: "pass the arguments of `\(function)` by position")
      }
      arguments.append(try parseExpression())
      if isSymbol(.comma) {
        advance()
        continue
      }
      guard isSymbol(.rightParen) else {
        throw unclosed(opener, closer: ")", expecting: "`,` or `)`")
      }
      advance()
      return Expr(
        .call(function: function, arguments: arguments), span: name.span.through(previous.span))
    }
  }

  /// `[a, b, ...]`, possibly empty, with an optional trailing comma.
  mutating func parseList() throws(Diagnostic) -> Expr {
    let opener = advance()
    var items: [Expr] = []
    while !isSymbol(.rightBracket) {
      if atEnd { throw unclosed(opener, closer: "]", expecting: "`]`") }
      items.append(try parseExpression())
      if isSymbol(.comma) {
        advance()
        continue
      }
      guard isSymbol(.rightBracket) else {
        throw unclosed(opener, closer: "]", expecting: "`,` or `]`")
      }
    }
    advance()
    return Expr(.list(items), span: opener.span.through(previous.span))
  }

  private mutating func parseCase() throws(Diagnostic) -> Expr {
    let keyword = advance()
    var branches: [CaseBranch] = []
    var otherwise: Expr?
    guard isWord("when") else { throw expected("`when`") }
    while isWord("when") {
      advance()
      let condition = try parseExpression()
      try expectWord("then")
      let result = try parseExpression()
      branches.append(CaseBranch(condition: condition, result: result))
    }
    if isWord("else") {
      advance()
      otherwise = try parseExpression()
    }
    guard isWord("end") else {
      throw unclosed(
        keyword, closer: "end", expecting: otherwise == nil ? "`when`, `else` or `end`" : "`end`")
    }
    advance()
    return Expr(
      .caseWhen(branches: branches, otherwise: otherwise), span: keyword.span.through(previous.span)
    )
  }
}
