import DSWCore
import DSWTerminal

/// The names the completer offers, fetched fresh for every Tab.
struct CompletionNames {
  var datasets: [String] = []
  var models: [String] = []
  var audiences: [String] = []
  /// The columns of a dataset, or nil when there is no such dataset.
  var columns: (String) -> [String]? = { _ in nil }
  var themes: [String] = []
}

/// What the workbench is reading, for the completer: the earlier lines of
/// the entry being typed (or the pipeline a `|` line extends).
final class CompletionContext {
  var pendingText = ""
  /// The scratch pipeline a line beginning with `|` would extend.
  var lastPipeline: String?
}

/// Tab completion: commands, keywords, functions, names and columns.
///
/// Pure: given the text before the word and the word, it lists candidates.
/// The readline glue calls it; tests call it directly.
struct Completer {
  var names: () -> CompletionNames
  let context: CompletionContext

  /// Candidates for `word`, typed after `before` on the current line; nil
  /// means "complete a file name" (the path arguments of `:save` and
  /// `:export`, and inside a string).
  func complete(before: String, word: String) -> [String]? {
    let line = before.trimmingSpaces
    if context.pendingText.isEmpty, line.isEmpty, word.hasPrefix(":") {
      let commands = WorkbenchCommand.names.map { ":" + $0 }
      return matching(word, commands)
    }
    if context.pendingText.isEmpty, line.hasPrefix(":") {
      return commandArgument(line: line, word: word)
    }
    var pending = context.pendingText
    if pending.isEmpty, line.hasPrefix("|") { pending = context.lastPipeline ?? "" }
    let text = pending.isEmpty ? before : pending + "\n" + before
    // Inside a string: a path, most likely (`load "data/…`).
    if Lexer.tokenize(text).endsInsideString { return nil }
    return languageCandidates(text, pending: pending, word: word)
  }

  private func commandArgument(line: String, word: String) -> [String]? {
    let words = line.dropFirst().split(separator: " ").map(String.init)
    guard let command = words.first.flatMap(WorkbenchCommand.named) else { return [] }
    let position = words.count
    switch (command.name, position) {
    case ("help", 1):
      let topics = Reference.shipped.topics.filter { !$0.hasPrefix(":") }
      return matching(word, WorkbenchCommand.names + topics)
    case ("keep", 1): return matching(word, ["all"])
    case ("theme", 1): return matching(word, names().themes)
    case ("timer", 1): return matching(word, ["on", "off"])
    case ("mode", 1): return matching(word, ResultMode.allCases.map(\.rawValue))
    case ("pager", 1): return matching(word, ["on", "off", "auto"])
    case ("set", 1): return matching(word, ["digits", "memory_limit"])
    case ("run", 1): return matching(word, ["all", "stale"])
    case ("add", _): return matching(word, CellKind.allCases.map(\.rawValue) + ["after"])
    case ("export", 1): return matching(word, ["md", "ipynb"])
    case ("export", _), ("save", _): return nil
    default: return []
    }
  }

  private func languageCandidates(_ text: String, pending: String, word: String) -> [String] {
    let tokens = Lexer.tokenize(text).tokens.filter {
      switch $0.kind {
      case .end: false
      default: true
      }
    }
    let previous = tokens.last
    let current = names()
    if previous == nil || previous?.kind == .newline && !InputCompleteness.needsMoreInput(pending) {
      return matching(word, Parser.statementKeywords)
    }
    if case .symbol(.pipe)? = previous?.kind {
      return matching(word, Parser.transformKeywords)
    }
    if case .identifier(let keyword, quoted: false)? = previous?.kind {
      switch keyword {
      case "from", "join", "append", "describe", "schema", "correlate", "funnel", "export",
        "drop", "ingest":
        return matching(word, current.datasets)
      case "expect" where isStatementStart(before: tokens.count - 1, in: tokens):
        return matching(word, current.datasets)
      case "score", "evaluate", "model", "explain", "compare":
        return matching(word, current.models)
      case "activate", "overlap":
        return matching(word, current.audiences)
      default: break
      }
    }
    if case .symbol(.comma)? = previous?.kind, statementKeyword(tokens) == "overlap" {
      return matching(word, current.audiences)
    }
    var candidates = columnsInScope(tokens, names: current)
    candidates += FunctionNames.all.map { $0 + "(" }
    candidates += Parser.expressionKeywords.sorted()
    return matching(word, candidates)
  }

  /// The columns of the last `from NAME` in the entry, and the names the
  /// entry gives new columns (`derive x = …`, `aggregate n = …`).
  private func columnsInScope(_ tokens: [Token], names: CompletionNames) -> [String] {
    var columns: [String] = []
    for (index, token) in tokens.enumerated() {
      guard case .identifier(let word, quoted: false) = token.kind else { continue }
      if word == "from", index + 1 < tokens.count,
        case .identifier(let dataset, _) = tokens[index + 1].kind
      {
        columns = names.columns(dataset) ?? []
      } else if index + 1 < tokens.count, case .symbol(.equal) = tokens[index + 1].kind {
        columns.append(word)
      }
    }
    return columns.map(Self.quotedIfNeeded)
  }

  /// The first word of the statement being typed.
  private func statementKeyword(_ tokens: [Token]) -> String? {
    let start = tokens.lastIndex { $0.kind == .newline }.map { $0 + 1 } ?? 0
    guard start < tokens.count, case .identifier(let word, _) = tokens[start].kind else {
      return nil
    }
    return word
  }

  private func isStatementStart(before index: Int, in tokens: [Token]) -> Bool {
    index == 0 || tokens[index - 1].kind == .newline
  }

  /// The candidates that start with `word` (a backquoted name also by its
  /// text); case-insensitively when nothing matches exactly.
  private func matching(_ word: String, _ candidates: [String]) -> [String] {
    func name(_ candidate: String) -> String {
      candidate.hasPrefix("`") && !word.hasPrefix("`") ? String(candidate.dropFirst()) : candidate
    }
    let unique = Array(Set(candidates)).sorted()
    let exact = unique.filter { name($0).hasPrefix(word) }
    if !exact.isEmpty { return exact }
    let lowered = word.lowercased()
    return unique.filter { name($0).lowercased().hasPrefix(lowered) }
  }

  /// A column name as it must be typed: backquoted unless it is a plain
  /// (possibly dotted) identifier.
  static func quotedIfNeeded(_ name: String) -> String {
    let plain =
      !name.isEmpty
      && name.unicodeScalars.enumerated().allSatisfy { index, scalar in
        scalar == "_" || scalar == "." && index > 0 || (scalar.properties.isAlphabetic)
          || (index > 0 && ("0"..."9").contains(scalar))
      }
    return plain ? name : "`" + name.replacingOccurrences("`", with: "") + "`"
  }
}

extension String {
  fileprivate func replacingOccurrences(_ target: Character, with replacement: String) -> String {
    var result = ""
    for character in self {
      if character == target { result += replacement } else { result.append(character) }
    }
    return result
  }
}
