/// "Did you mean …?" for misspelled keywords, names, columns and options.
///
/// Distance is Damerau–Levenshtein (optimal string alignment: insertions,
/// deletions, substitutions and swaps of neighbours each cost one), measured
/// case-insensitively. A candidate that differs only in case always wins.
public enum Suggestion {
  /// The candidate nearest to `word`, or nil when none is close enough.
  ///
  /// The allowed distance grows with the word: one edit up to four characters,
  /// two up to eight, then a third of the length. Ties go to the earlier
  /// candidate, so callers list the likelier ones first.
  public static func closest(to word: String, among candidates: [String]) -> String? {
    let lowered = Array(word.lowercased())
    guard !lowered.isEmpty else { return nil }
    let threshold = lowered.count <= 4 ? 1 : max(2, lowered.count / 3)
    var best: (candidate: String, distance: Int)?
    for candidate in candidates where candidate != word {
      let loweredCandidate = Array(candidate.lowercased())
      if loweredCandidate == lowered { return candidate }
      let distance = editDistance(lowered, loweredCandidate)
      if distance <= threshold && distance < (best?.distance ?? Int.max) {
        best = (candidate, distance)
      }
    }
    return best?.candidate
  }

  /// The help line "did you mean `x`?", or nil when nothing is close.
  public static func didYouMean(_ word: String, among candidates: [String]) -> String? {
    closest(to: word, among: candidates).map { "did you mean `\($0)`?" }
  }

  /// The optimal-string-alignment distance between two character arrays.
  public static func editDistance(_ source: [Character], _ target: [Character]) -> Int {
    if source.isEmpty { return target.count }
    if target.isEmpty { return source.count }
    let width = target.count + 1
    // Three rolling rows: two back is needed for transpositions.
    var twoBack = [Int](repeating: 0, count: width)
    var previous = Array(0...target.count)
    var current = [Int](repeating: 0, count: width)
    for row in 1...source.count {
      current[0] = row
      for column in 1...target.count {
        let cost = source[row - 1] == target[column - 1] ? 0 : 1
        var value = min(previous[column] + 1, current[column - 1] + 1, previous[column - 1] + cost)
        if row > 1, column > 1, source[row - 1] == target[column - 2],
          source[row - 2] == target[column - 1]
        {
          value = min(value, twoBack[column - 2] + 1)
        }
        current[column] = value
      }
      swap(&twoBack, &previous)
      swap(&previous, &current)
    }
    return previous[target.count]
  }
}
