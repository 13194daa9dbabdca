/// Tells the REPL whether typed text is a complete statement or needs more lines.
///
/// It follows the same rules as `StatementSplitter`: the input continues while
/// a bracket, parenthesis or `case` is open, a string is unterminated, or the
/// last line that holds a token ends with a token that asks for more: `|`, a
/// comma or a binary operator.
public enum InputCompleteness {
  public static func needsMoreInput(_ text: String) -> Bool {
    let lexed = Lexer.tokenize(text)
    if lexed.endsInsideString { return true }
    var nesting = NestingDepth()
    var last: Token?
    for token in lexed.tokens {
      switch token.kind {
      case .newline, .end: continue
      default:
        nesting.track(token)
        last = token
      }
    }
    return nesting.isOpen || (last?.continuesOntoNextLine ?? false)
  }
}
