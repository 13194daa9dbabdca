/// Finds the column a user probably meant when they named one that does not exist.
enum ColumnSuggestion {
  /// The closest of `candidates` to `name`, if it is close enough to be a typo.
  static func closest(to name: String, in candidates: [String]) -> String? {
    let target = Array(name.lowercased())
    var best: (name: String, distance: Int)?
    for candidate in candidates {
      let distance = editDistance(target, Array(candidate.lowercased()))
      if distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
    }
    guard let best else { return nil }
    let allowed = max(2, target.count / 3)
    return best.distance <= allowed ? best.name : nil
  }

  /// Levenshtein distance over characters.
  static func editDistance(_ lhs: [Character], _ rhs: [Character]) -> Int {
    if lhs.isEmpty { return rhs.count }
    if rhs.isEmpty { return lhs.count }
    var previous = Array(0...rhs.count)
    var current = [Int](repeating: 0, count: rhs.count + 1)
    for (leftIndex, leftCharacter) in lhs.enumerated() {
      current[0] = leftIndex + 1
      for (rightIndex, rightCharacter) in rhs.enumerated() {
        let substitution = previous[rightIndex] + (leftCharacter == rightCharacter ? 0 : 1)
        current[rightIndex + 1] = min(
          substitution, previous[rightIndex + 1] + 1, current[rightIndex] + 1)
      }
      swap(&previous, &current)
    }
    return previous[rhs.count]
  }
}
