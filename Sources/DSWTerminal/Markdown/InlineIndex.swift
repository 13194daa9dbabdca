/// Where delimiters close, computed once per inline text so the parser
/// never scans ahead: matching brackets, the next `)` and `>`, backtick
/// runs by length, and positions that can close emphasis.
struct InlineIndex {
  /// For each `[`, the index of its matching `]`.
  let closingBracket: [Int?]
  /// For each index, the first `)` at or after it.
  let nextParen: [Int?]
  /// For each index, the first `>` at or after it.
  let nextAngle: [Int?]
  /// Starts of maximal backtick runs, by run length.
  private let backtickRuns: [Int: [Int]]
  /// Positions that can close `*`, `**`, `_`, `__`, keyed by marker and length.
  private let closers: [String: [Int]]

  init(_ characters: [Character]) {
    let count = characters.count
    var closingBracket = [Int?](repeating: nil, count: count)
    var open: [Int] = []
    for (position, character) in characters.enumerated() {
      if character == "[" {
        open.append(position)
      } else if character == "]", let start = open.popLast() {
        closingBracket[start] = position
      }
    }
    var nextParen = [Int?](repeating: nil, count: count + 1)
    var nextAngle = [Int?](repeating: nil, count: count + 1)
    var position = count - 1
    while position >= 0 {
      nextParen[position] = characters[position] == ")" ? position : nextParen[position + 1]
      nextAngle[position] = characters[position] == ">" ? position : nextAngle[position + 1]
      position -= 1
    }

    var runs: [Int: [Int]] = [:]
    var closers: [String: [Int]] = [:]
    position = 0
    while position < count {
      let character = characters[position]
      guard character == "`" || character == "*" || character == "_" else {
        position += 1
        continue
      }
      var length = 1
      while position + length < count, characters[position + length] == character { length += 1 }
      if character == "`" {
        runs[length, default: []].append(position)
      } else if position > 0, !characters[position - 1].isWhitespace {
        // A run of n markers can close with its first one or two.
        let next = position + length < count ? characters[position + length] : " "
        if character == "*" || !next.isLetterOrNumber {
          if length == 1 { closers["\(character)1", default: []].append(position) }
          if length >= 2 { closers["\(character)2", default: []].append(position) }
        }
      }
      position += length
    }
    self.closingBracket = closingBracket
    self.nextParen = nextParen
    self.nextAngle = nextAngle
    self.backtickRuns = runs
    self.closers = closers
  }

  /// The start of the next backtick run of exactly `length` after `start`.
  func nextBacktickRun(length: Int, after start: Int) -> Int? {
    guard let starts = backtickRuns[length] else { return nil }
    return Self.first(in: starts, after: start)
  }

  /// Whether a closing run of `length` `marker`s follows `start`.
  func hasCloser(_ marker: Character, length: Int, after start: Int) -> Bool {
    guard let positions = closers["\(marker)\(length == 2 ? 2 : 1)"] else { return false }
    return Self.first(in: positions, after: start) != nil
  }

  /// The first of the sorted `values` greater than `bound`.
  private static func first(in values: [Int], after bound: Int) -> Int? {
    var low = 0
    var high = values.count
    while low < high {
      let middle = (low + high) / 2
      if values[middle] <= bound { low = middle + 1 } else { high = middle }
    }
    return low < values.count ? values[low] : nil
  }
}
