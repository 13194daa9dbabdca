import Foundation

/// The pattern and text functions: `like`, `ilike`, the `regexp_*` family,
/// `split_part`, `ltrim`/`rtrim`/`trim` with characters, `lpad`/`rpad` and
/// `concat_ws`.
///
/// Each is a function of one row's text and the other arguments. When those
/// are constants (the usual case: `s like "a%"`), it runs once per distinct
/// string of the column through its dictionary; otherwise once per row. A
/// null argument gives null, except in `concat_ws`, which skips null parts.
enum TextFunctions {
  /// A result of one row.
  enum Output {
    case text(String?)
    case flag(Bool?)
  }

  static func apply(
    _ function: ScalarFunction, _ columns: [Column], arguments: [BoundExpr], rowCount: Int,
    span: SourceSpan
  ) throws(Diagnostic) -> Column {
    if function == .concatWs { return concatWithSeparator(columns, rowCount: rowCount) }
    let resultIsText = ![.like, .ilike, .regexpMatches].contains(function)
    let compiled = try CompiledPatterns(function, arguments: arguments)
    let constants = arguments.dropFirst().map(\.constant)
    if constants.allSatisfy({ $0 != nil }) {
      let values = constants.map { $0 ?? .null }
      if values.contains(.null) {
        return Column.nulls(resultIsText ? .string : .bool, count: rowCount)
      }
      var failure: Diagnostic?
      let evaluate: (String) -> Output = { text in
        do throws(Diagnostic) {
          return try row(function, text, values, compiled, span: span)
        } catch {
          failure = failure ?? error
          return .text(nil)
        }
      }
      let column =
        resultIsText
        ? DictionaryKernels.mapStrings(columns[0]) {
          if case .text(let value) = evaluate($0) { return value }
          return nil
        }
        : DictionaryKernels.mapToBool(columns[0]) {
          if case .flag(let value) = evaluate($0) { return value ?? false }
          return false
        }
      if let failure { throw failure }
      return column
    }
    var texts = StringColumnBuilder(capacity: resultIsText ? rowCount : 0)
    var flags = [Bool](repeating: false, count: resultIsText ? 0 : rowCount)
    var validity = Bitmap(count: rowCount, value: true)
    for rowIndex in 0..<rowCount {
      let values = columns.dropFirst().map { $0.value(at: rowIndex) }
      guard let text = DictionaryKernels.string(columns[0], rowIndex), !values.contains(.null)
      else {
        if resultIsText { texts.appendNull() } else { validity.clear(rowIndex) }
        continue
      }
      switch try row(function, text, values, compiled, span: span) {
      case .text(let value):
        if let value { texts.append(value) } else { texts.appendNull() }
      case .flag(let value):
        if let value { flags[rowIndex] = value } else { validity.clear(rowIndex) }
      }
    }
    return resultIsText ? texts.build() : Column(bools: flags, validity: validity)
  }

  /// One row: `text` is the first argument, `values` the others.
  private static func row(
    _ function: ScalarFunction, _ text: String, _ values: [Value], _ compiled: CompiledPatterns,
    span: SourceSpan
  ) throws(Diagnostic) -> Output {
    func string(_ index: Int) -> String {
      if case .string(let value) = values[index] { return value }
      return ""
    }
    func int(_ index: Int) -> Int {
      if case .int(let value) = values[index] { return Int(clamping: value) }
      return 0
    }
    switch function {
    case .like, .ilike:
      let insensitive = function == .ilike
      return .flag(
        LikePattern.matches(
          insensitive ? text.lowercased() : text,
          pattern: insensitive ? string(0).lowercased() : string(0)))
    case .regexpMatches:
      return .flag(text.firstMatch(of: try compiled.regex(string(0), span: span)) != nil)
    case .regexpExtract:
      let regex = try compiled.regex(string(0), span: span)
      let group = values.count > 1 ? int(1) : 0
      guard let match = text.firstMatch(of: regex) else { return .text("") }
      guard group >= 0, group < match.output.count else {
        throw Diagnostic.error(
          "E207", "the pattern has no group \(group)", at: span,
          help: "groups are numbered from 1 in the order of their `(`; 0 is the whole match")
      }
      return .text(match.output[group].substring.map(String.init) ?? "")
    case .regexpReplace:
      let regex = try compiled.regex(string(0), span: span)
      let template = string(1)
      let global = values.count > 2 && string(2).contains("g")
      return .text(
        text.replacing(regex, maxReplacements: global ? Int.max : 1) { match in
          expand(template, match.output)
        })
    case .splitPart:
      return .text(splitPart(text, separator: string(0), index: int(1)))
    case .trim, .ltrim, .rtrim:
      let characters = values.isEmpty ? nil : Set(string(0))
      return .text(
        trim(text, characters, leading: function != .rtrim, trailing: function != .ltrim))
    case .lpad, .rpad:
      return .text(
        pad(text, to: int(0), with: values.count > 1 ? string(1) : " ", left: function == .lpad))
    default:
      return .text(nil)
    }
  }

  /// `\1`…`\9` in a replacement stand for the match's groups; `\\` for a backslash.
  private static func expand(_ template: String, _ output: AnyRegexOutput) -> String {
    var result = ""
    var escaped = false
    for character in template {
      if escaped {
        if let digit = character.wholeNumberValue, digit < output.count {
          result += output[digit].substring.map(String.init) ?? ""
        } else {
          result.append(character)
        }
        escaped = false
      } else if character == "\\" {
        escaped = true
      } else {
        result.append(character)
      }
    }
    if escaped { result.append("\\") }
    return result
  }

  /// The `index`-th field (1-based; negative counts from the end); "" past the ends.
  static func splitPart(_ text: String, separator: String, index: Int) -> String {
    let parts =
      separator.isEmpty ? [text] : text.components(separatedBy: separator)
    let position = index > 0 ? index - 1 : parts.count + index
    guard index != 0, position >= 0, position < parts.count else { return "" }
    return parts[position]
  }

  static func trim(_ text: String, _ characters: Set<Character>?, leading: Bool, trailing: Bool)
    -> String
  {
    let strip: (Character) -> Bool = { character in
      characters.map { $0.contains(character) } ?? character.isWhitespace
    }
    var slice = Substring(text)
    if leading { slice = slice.drop(while: strip) }
    if trailing {
      while let last = slice.last, strip(last) { slice = slice.dropLast() }
    }
    return String(slice)
  }

  /// Pads to `length` characters with `fill` repeated, or cuts to it, as SQL does.
  static func pad(_ text: String, to length: Int, with fill: String, left: Bool) -> String {
    let count = text.count
    if length <= 0 { return "" }
    if count >= length { return String(text.prefix(length)) }
    if fill.isEmpty { return text }
    let needed = length - count
    let padding = String(String(repeating: fill, count: needed / fill.count + 1).prefix(needed))
    return left ? padding + text : text + padding
  }

  /// `concat_ws(sep, a, b, …)`: the non-null parts joined by `sep`; null when `sep` is.
  private static func concatWithSeparator(_ columns: [Column], rowCount: Int) -> Column {
    var builder = StringColumnBuilder(capacity: rowCount)
    for row in 0..<rowCount {
      guard let separator = DictionaryKernels.string(columns[0], row) else {
        builder.appendNull()
        continue
      }
      var parts: [String] = []
      for column in columns.dropFirst() where !column.isNull(row) {
        parts.append(
          DictionaryKernels.string(column, row) ?? ValueText.plain(column.value(at: row)))
      }
      builder.append(parts.joined(separator: separator))
    }
    return builder.build()
  }
}

/// Regular expressions of a call, compiled once when the pattern is a constant.
struct CompiledPatterns {
  private var constant: Regex<AnyRegexOutput>?

  init(_ function: ScalarFunction, arguments: [BoundExpr]) throws(Diagnostic) {
    guard [.regexpMatches, .regexpExtract, .regexpReplace].contains(function),
      arguments.count > 1, case .literal(.string(let pattern)) = arguments[1].kind
    else { return }
    constant = try Self.compile(pattern, span: arguments[1].span)
  }

  func regex(_ pattern: String, span: SourceSpan) throws(Diagnostic) -> Regex<AnyRegexOutput> {
    if let constant { return constant }
    return try Self.compile(pattern, span: span)
  }

  static func compile(_ pattern: String, span: SourceSpan) throws(Diagnostic)
    -> Regex<AnyRegexOutput>
  {
    do {
      return try Regex(pattern)
    } catch {
      throw Diagnostic.error(
        "E207", "`\(DisplayText.escaped(pattern))` is not a regular expression", at: span,
        notes: ["\(error)"],
        help:
          "escape a special character with a backslash, written `\\\\` in a string: `\"a\\\\.b\"`")
    }
  }
}

/// SQL's `LIKE`: `%` matches any run of characters, `_` any one character,
/// and a backslash makes the next character literal.
enum LikePattern {
  static func matches(_ text: String, pattern: String) -> Bool {
    let characters = Array(text)
    var tokens: [(character: Character, kind: Int)] = []  // kind 0 literal, 1 any one, 2 any run
    var escaped = false
    for character in pattern {
      if escaped {
        tokens.append((character, 0))
        escaped = false
      } else if character == "\\" {
        escaped = true
      } else if character == "%" {
        if tokens.last?.kind != 2 { tokens.append((character, 2)) }
      } else if character == "_" {
        tokens.append((character, 1))
      } else {
        tokens.append((character, 0))
      }
    }
    if escaped { tokens.append(("\\", 0)) }
    // Greedy matching with one backtrack point: the last `%` seen.
    var textIndex = 0
    var tokenIndex = 0
    var starToken = -1
    var starText = 0
    while textIndex < characters.count {
      if tokenIndex < tokens.count, tokens[tokenIndex].kind == 2 {
        starToken = tokenIndex
        starText = textIndex
        tokenIndex += 1
      } else if tokenIndex < tokens.count,
        tokens[tokenIndex].kind == 1 || tokens[tokenIndex].character == characters[textIndex]
      {
        tokenIndex += 1
        textIndex += 1
      } else if starToken >= 0 {
        tokenIndex = starToken + 1
        starText += 1
        textIndex = starText
      } else {
        return false
      }
    }
    while tokenIndex < tokens.count, tokens[tokenIndex].kind == 2 { tokenIndex += 1 }
    return tokenIndex == tokens.count
  }
}
