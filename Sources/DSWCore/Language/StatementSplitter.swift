/// Cuts a cell's token stream into statements at the newlines that end them.
///
/// A newline ends a statement unless a bracket, parenthesis or `case` is still
/// open, the statement's last token asks for more (`|`, a comma, a binary
/// operator), or the next line that is not blank (comments are already gone)
/// begins with `|`. Each statement comes back
/// without newlines and closed by an `.end` token that sits just after its
/// last token, which is where "found end of line" points.
enum StatementSplitter {
  static func split(_ tokens: [Token]) -> [[Token]] {
    var statements: [[Token]] = []
    var current: [Token] = []
    var nesting = NestingDepth()
    var index = 0

    func finish() {
      guard let last = current.last else { return }
      current.append(
        Token(.end, span: last.spanAfter, endLine: last.endLine, endColumn: last.endColumn))
      statements.append(current)
      current = []
      nesting = NestingDepth()
    }

    while index < tokens.count {
      let token = tokens[index]
      switch token.kind {
      case .end:
        finish()
        return statements
      case .newline:
        if !nesting.isOpen && !(current.last?.continuesOntoNextLine ?? false)
          && !nextLineStartsWithPipe(tokens, after: index)
        {
          finish()
        }
      default:
        nesting.track(token)
        current.append(token)
      }
      index += 1
    }
    finish()
    return statements
  }

  private static func nextLineStartsWithPipe(_ tokens: [Token], after index: Int) -> Bool {
    var next = index + 1
    while next < tokens.count, case .newline = tokens[next].kind { next += 1 }
    return next < tokens.count && tokens[next].isSymbol(.pipe)
  }
}

/// How many brackets, parentheses and `case`s are open at a point.
struct NestingDepth {
  private var brackets = 0
  private var cases = 0

  var isOpen: Bool { brackets > 0 || cases > 0 }

  mutating func track(_ token: Token) {
    switch token.kind {
    case .symbol(.leftParen), .symbol(.leftBracket): brackets += 1
    case .symbol(.rightParen), .symbol(.rightBracket): brackets = max(0, brackets - 1)
    case .identifier("case", quoted: false): cases += 1
    case .identifier("end", quoted: false): cases = max(0, cases - 1)
    default: break
    }
  }
}

extension Token {
  /// A line that ends with this token goes on onto the next: a `|`, a comma,
  /// or a binary operator (`+`, `==`, `||`, `and`, …) still needs its right side.
  var continuesOntoNextLine: Bool {
    switch kind {
    case .symbol(let symbol):
      switch symbol {
      // Not `*`: `select *` is a habit to answer at once, not to wait on.
      case .pipe, .pipePipe, .comma, .plus, .minus, .slash, .slashSlash, .percent, .equal,
        .equalEqual, .bangEqual, .less, .lessEqual, .greater, .greaterEqual:
        return true
      default:
        return false
      }
    case .identifier(let word, quoted: false):
      return ["and", "or", "not", "like", "ilike", "between", "in"].contains(word)
    default:
      return false
    }
  }
}
