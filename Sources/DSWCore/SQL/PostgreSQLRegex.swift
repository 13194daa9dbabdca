/// Translates a dsw pattern (Swift `Regex` syntax) to a PostgreSQL advanced
/// regular expression, when both mean the same.
///
/// The common core carries over: literals, `.`, classes, anchors, groups,
/// greedy quantifiers, `\d \w \s` and their negations. `\b` and `\B` are
/// spelled `\y` and `\Y`. Anything else (named groups, lookaround, inline
/// options, Unicode properties, possessive quantifiers, back references)
/// is refused, and the step stays local.
enum PostgreSQLRegex {
  struct Translation {
    var pattern: String
    /// True when the pattern has alternation or a lazy quantifier: where
    /// PostgreSQL's leftmost-longest match can differ from Swift's
    /// leftmost-first, so only a yes/no match is the same.
    var matchMayDiffer: Bool
  }

  static func translate(_ pattern: String) throws(SQLUnsupported) -> Translation {
    var output = ""
    var mayDiffer = false
    var inClass = false
    let characters = Array(pattern)
    var index = 0
    func refuse(_ what: String) -> SQLUnsupported {
      SQLUnsupported(
        "the pattern \(JSONWriter.quoted(pattern)) uses \(what), which PostgreSQL reads differently"
      )
    }
    while index < characters.count {
      let character = characters[index]
      let next: Character? = index + 1 < characters.count ? characters[index + 1] : nil
      switch character {
      case "\\":
        guard let escaped = next else { throw refuse("a trailing backslash") }
        switch escaped {
        case "b" where !inClass: output += "\\y"
        case "B" where !inClass: output += "\\Y"
        case "d", "D", "w", "W", "s", "S", "n", "t", "r":
          output += "\\" + String(escaped)
        default:
          guard escaped.isPunctuation || escaped.isSymbol || escaped == " " else {
            throw refuse("`\\\(escaped)`")
          }
          output += "\\" + String(escaped)
        }
        index += 2
        continue
      case "[" where !inClass:
        inClass = true
        if next == ":" { throw refuse("a POSIX class") }
      case "]" where inClass:
        inClass = false
      case "(" where !inClass:
        if next == "?" {
          guard index + 2 < characters.count, characters[index + 2] == ":" else {
            throw refuse("`(?`")
          }
        }
      case "|" where !inClass:
        mayDiffer = true
      case "*", "+", "?", "}":
        if !inClass, let next {
          if next == "+" { throw refuse("a possessive quantifier") }
          if next == "?" && character != "?" || (character == "?" && next == "?") {
            mayDiffer = true
          }
        }
      default: break
      }
      output.append(character)
      index += 1
    }
    return Translation(pattern: output, matchMayDiffer: mayDiffer)
  }
}

extension ExpressionWriter {
  func regexCall(_ function: ScalarFunction, _ arguments: [BoundExpr], _ args: [SQLFragment])
    throws(SQLUnsupported) -> SQLFragment
  {
    guard case .literal(.string(let pattern)) = arguments[1].kind else {
      throw SQLUnsupported("a pattern that is not a constant cannot be checked for PostgreSQL")
    }
    let translation = try PostgreSQLRegex.translate(pattern)
    let regex = dialect.string(translation.pattern)
    let subject = args[0]
    if function == .regexpMatches {
      return .predicate("\(subject.operand) ~ \(regex)")
    }
    if translation.matchMayDiffer {
      throw SQLUnsupported(
        "the pattern \(JSONWriter.quoted(pattern)) has `|` or a lazy quantifier: PostgreSQL picks the longest match where dsw picks the first"
      )
    }
    if function == .regexpExtract {
      var group: Int64 = 0
      if arguments.count == 3 {
        guard case .literal(.int(let value)) = arguments[2].kind else {
          throw SQLUnsupported("a group that is not a constant")
        }
        group = value
      }
      // The whole pattern becomes group 1, so group 0 is the whole match.
      let wrapped = dialect.string("(" + translation.pattern + ")")
      return SQLFragment(
        "CASE WHEN \(subject.operand) IS NULL THEN NULL ELSE COALESCE((regexp_match(\(subject.text), \(wrapped)))[\(group + 1)], '') END",
        type: .string)
    }
    guard case .literal(.string(let replacement)) = arguments[2].kind,
      !replacement.contains("\\&")
    else {
      throw SQLUnsupported("a replacement that is not a constant")
    }
    var flags = ""
    if arguments.count == 4 {
      guard case .literal(.string(let flag)) = arguments[3].kind, flag == "g" else {
        throw SQLUnsupported("flags other than \"g\"")
      }
      flags = ", 'g'"
    }
    return SQLFragment(
      "regexp_replace(\(subject.text), \(regex), \(dialect.string(replacement))\(flags))",
      type: .string)
  }
}
